"""Many files at once: which files, one file's work, and running files in parallel.

    paths, problems = expand(["talks/", "extra/*.srt"], include=DEFAULT_INCLUDE)
    for outcome in run(paths, Task("write"), spec, jobs=4):
        ...

Each worker process builds its corrector once (where processes fork, they inherit the one the
parent built and warmed, so they start at once); glossaries and indexes come from the disk
cache either way. Results come back in the order of `paths`. One file's failure is its
`Outcome.error`; it never stops the others.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator


from .engine import Corrector
from .formats import Transcript, correct_document
from .glossary import GlossaryError, load_all
from .inputs import DEFAULT_MAX_SIZE, InputError, read_document, write_atomically
from .report import TERMINAL, Style, render_json, render_text, render_unified
from .settings import Settings

DEFAULT_INCLUDE = ("*.srt", "*.vtt", "*.json", "*.txt")
_GLOB_CHARS = set("*?[")


# --- which files ---------------------------------------------------------------------------


def is_pattern(arg: str) -> bool:
    return bool(_GLOB_CHARS & set(arg)) and not os.path.exists(arg)


def is_batch(inputs: Iterable[str]) -> bool:
    """More than one input, a folder or a pattern: files are reported and skipped one by one."""
    inputs = list(inputs)
    return len(inputs) > 1 or any(os.path.isdir(i) or is_pattern(i) for i in inputs)


def expand(inputs: Iterable[str], *, include: Iterable[str] = DEFAULT_INCLUDE, exclude: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The files the inputs name, in order and each once; and one line per input that names none.

    Folders are walked (hidden files and folders skipped) for files whose name matches an
    `include` pattern; glob patterns (`talks/**/*.srt`) are expanded. A file, a folder's file or
    a pattern's match is left out when its name or its path matches an `exclude` pattern."""
    include, exclude = tuple(include), tuple(exclude)
    files: list[str] = []
    problems: list[str] = []
    for arg in inputs:
        if arg == "-" or not is_pattern(arg) and not os.path.isdir(arg):
            if not _excluded(arg, exclude):
                files.append(arg)
            continue
        found: list[str] = []
        if os.path.isdir(arg):
            found = _walk(arg, include, exclude)
        else:
            for match in sorted(glob.glob(arg, recursive=True)):
                if os.path.isdir(match):
                    found += _walk(match, include, exclude)
                elif not _excluded(match, exclude):
                    found.append(match)
            if not found:
                problems.append(f"{arg}: no files match")
        files += found
    return list(dict.fromkeys(files)), problems


def _walk(folder: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(os.path.join(root, d), exclude))
        for name in sorted(names):
            path = os.path.join(root, name)
            if name.startswith(".") or not any(fnmatch.fnmatch(name, p) for p in include) or _excluded(path, exclude):
                continue
            out.append(path)
    return out


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    name = os.path.basename(path.rstrip("/")) or path
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in exclude)


# --- one file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorrectorSpec:
    """How to build the corrector: what the command line says, so a worker can build it too."""

    glossaries: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    bundled: bool = True
    settings: Settings = Settings()  # thresholds and use_aliases

    def build(self) -> Corrector:
        glossary = load_all(list(self.glossaries), domains=list(self.domains) or None, bundled=self.bundled)
        return Corrector(glossary, self.settings)


@dataclass(frozen=True)
class Task:
    """What to do with each file."""

    action: str  # "write": correct in place; "report": describe the changes
    input_format: str | None = None  # None: from the file's name and content
    encoding: str | None = None  # None: detected
    report_format: str = "text"  # text, unified, json or html
    color: bool = False
    backup: str | None = None  # keep the original beside the file with this suffix
    max_size: int | None = DEFAULT_MAX_SIZE
    quiet_unchanged: bool = False  # text reports: say nothing of files without changes


@dataclass
class Outcome:
    path: str
    changes: int = 0
    suggestions: int = 0
    written: bool = False
    report: str | dict = ""
    notes: list[str] = field(default_factory=list)
    error: str | None = None


def correct_file(path: str, task: Task, corrector: Corrector) -> Transcript:
    document = read_document(path, task.encoding, max_size=task.max_size)
    return correct_document(corrector, document, task.input_format)


def process(path: str, task: Task, corrector: Corrector) -> Outcome:
    """One file's work; any problem with the file is the outcome's `error`."""
    try:
        transcript = correct_file(path, task, corrector)
        outcome = Outcome(path, len(transcript.changes), len(transcript.suggested), notes=list(transcript.notes))
        if task.action == "write":
            outcome.written = write_back(path, transcript, task.backup)
        else:
            outcome.report = render(transcript, task.report_format, color=task.color, quiet_unchanged=task.quiet_unchanged)
        return outcome
    except InputError as exc:
        return Outcome(path, error=str(exc))
    except OSError as exc:
        return Outcome(path, error=f"{exc.filename or path}: cannot write ({exc.strerror})")
    except Exception as exc:  # a bug must not cost the other files of a batch their turn
        return Outcome(path, error=f"{path}: failed ({type(exc).__name__}: {exc})")


def write_back(path: str, transcript: Transcript, backup: str | None = None) -> bool:
    """Replace the file with its corrected bytes, atomically; False if nothing changes."""
    data = transcript.data()
    original = transcript.document.data
    if data == original:
        return False
    if backup:
        write_atomically(path + backup, original)
    write_atomically(path, data)
    return True


# --- reports -------------------------------------------------------------------------------


def render(transcript: Transcript, fmt: str, *, color: bool = False, quiet_unchanged: bool = False) -> str | dict:
    """The report of one file: text, a unified diff, an HTML page, or the JSON report as a dict."""
    document = transcript.document
    name = document.name
    positions = transcript.positions()
    shown, suggested = transcript.shown(), transcript.shown(suggestions=True)
    if fmt == "json":
        import json

        doc = json.loads(render_json(name, document.text, shown, suggested, script=transcript.script.value, positions=positions))
        doc.update(format=transcript.format, encoding=document.encoding, bom=bool(document.bom), notes=transcript.notes)
        return doc
    if fmt == "unified":
        return render_unified(name, document.text, transcript.edits())
    if fmt == "html":
        from .html_report import render_html

        return render_html(name, document.text, shown, suggested, positions=positions, script=transcript.script.value)
    if quiet_unchanged and not shown and not suggested and not transcript.notes:
        return ""
    out = render_text(name, document.text, shown, suggested, style=TERMINAL if color else Style(), positions=positions)
    if transcript.notes:
        lines = out.splitlines(keepends=True)
        out = "".join(lines[:-1] + [f"{name}: note: {note}\n" for note in transcript.notes] + lines[-1:])
    return out


# --- many files ----------------------------------------------------------------------------

_WORKER: tuple[CorrectorSpec, Corrector] | None = None


def _start_worker(spec: CorrectorSpec) -> None:
    global _WORKER
    if _WORKER is None or _WORKER[0] != spec:
        _WORKER = (spec, spec.build())


def _work(args: tuple[str, Task]) -> Outcome:
    path, task = args
    return process(path, task, _WORKER[1])


def warm(corrector: Corrector) -> Corrector:
    """Load everything a corrector loads on first use (both scripts' indexes, the tokenizer)."""
    corrector.correct("預熱一下輝達")
    corrector.correct("预热一下辉达")
    return corrector


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(paths: list[str], task: Task, spec: CorrectorSpec, *, jobs: int = 1, corrector: Corrector | None = None) -> Iterator[Outcome]:
    """Each file's outcome, in the order of `paths`, using up to `jobs` processes."""
    jobs = min(jobs if jobs > 0 else default_jobs(), len(paths))
    if jobs <= 1:
        corrector = corrector or spec.build()
        for path in paths:
            yield process(path, task, corrector)
        return
    global _WORKER
    import multiprocessing  # only batches need it; a single file starts faster without
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        _WORKER = (spec, warm(corrector or spec.build()))  # the workers inherit it
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(spec,))
    try:
        yield from pool.map(_work, [(path, task) for path in paths], chunksize=1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER = None


__all__ = [
    "CorrectorSpec",
    "DEFAULT_INCLUDE",
    "GlossaryError",
    "Outcome",
    "Task",
    "correct_file",
    "expand",
    "is_batch",
    "process",
    "run",
    "write_back",
]
