"""The `corrector` command.

    corrector fix INPUT [--glossary PATH]... [--no-aliases] [-o OUTPUT]
    corrector fix --write [--backup SUFFIX] [--jobs N] FILE_DIR_OR_GLOB...
    corrector diff INPUT... [--glossary PATH]... [--format text|unified|json] [--exit-code]

Inputs are plain text, timestamped text, SRT, WebVTT or Whisper JSON (`--input-format`, or
detected from the name and content), in any of the encodings `inputs.py` detects; see
docs/formats.md. Exit codes: 0 success; 1 `diff --exit-code` found changes, or a file of a
batch failed (it was reported and skipped, the others were done); 2 usage or input error.
Errors are one line on stderr that names the file and the problem.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Callable

import click

from . import __version__, batch
from .batch import DEFAULT_INCLUDE, is_batch
from .engine import Corrector, Result
from .formats import FORMATS
from .glossary import GlossaryError
from .inputs import DEFAULT_MAX_SIZE, Document, InputError, read_document, write_atomically


class Failure(click.ClickException):
    """An input or glossary problem: one line, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: D102
        click.echo(f"corrector: {self.format_message()}", err=True)


def reports_errors(func: Callable) -> Callable:
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (InputError, GlossaryError) as exc:
            raise Failure(str(exc)) from None
        except BrokenPipeError:  # `corrector fix x | head`: the reader went away, not an error
            sys.stderr.close()
            sys.exit(0)

    return wrapper


def glossary_options(func: Callable) -> Callable:
    options = [
        click.option("-g", "--glossary", "glossaries", multiple=True, metavar="PATH", help="A user glossary (.txt or .yaml); repeatable."),
        click.option("--no-aliases", is_flag=True, help="Ignore glossary aliases: sound matching only."),
        click.option("--domain", "domains", multiple=True, metavar="NAME", help="Use only these bundled domains (repeatable)."),
        click.option("--no-bundled", is_flag=True, help="Do not load the bundled glossaries."),
        click.option("--encoding", metavar="NAME", help="Encoding of the input (default: detected)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def correct_document(path: str, encoding: str | None, corrector: Corrector) -> tuple[Document, Result]:
    """The whole file as plain text (no format handling); see `batch.correct_file` for files
    in their format."""
    document = read_document(path, encoding)
    return document, corrector.correct(document.text)


def file_options(func: Callable) -> Callable:
    """Options of fix and diff for reading files and running batches."""
    options = [
        click.option("--include", "includes", multiple=True, metavar="PATTERN", help=f"Files to take from folders (repeatable; default: {' '.join(DEFAULT_INCLUDE)})."),
        click.option("--exclude", "excludes", multiple=True, metavar="PATTERN", help="Leave out files or folders whose name or path matches (repeatable)."),
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N", help="Correct N files at a time (default 0: one per core)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary, no notes."),
        click.option("--max-size", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_SIZE / 2**20, show_default=True, metavar="MB", help="Refuse files larger than this many megabytes."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


INPUT_FORMATS = click.Choice(["auto", *FORMATS])
INPUT_FORMAT_HELP = "Format of the input files (default: from the name and content)."


class LazyGroup(click.Group):
    """A command group whose commands live in other modules, imported only when one of them
    runs (click's documented pattern): `corrector fix` need not load the review UI."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}  # command name -> "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attribute = self.lazy[name].split(":")
            command = getattr(importlib.import_module(module, __package__), attribute)
            self.add_command(command, name)
        return super().get_command(ctx, name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy={
        "glossary": ".cli_glossary:glossary",
        "review": ".cli_review:review",
        "apply": ".cli_review:apply",
        "learn": ".cli_review:learn",
        "config": ".cli_review:config_group",
    },
)
@click.version_option(__version__, prog_name="corrector")
def main() -> None:
    """Fix speech-recognition errors in Chinese transcripts by matching a glossary by sound."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@glossary_options
@click.option("--input-format", "--format", "input_format", type=INPUT_FORMATS, default="auto", show_default=True, help=INPUT_FORMAT_HELP)
@click.option("-o", "--output", metavar="PATH", help="Write the corrected transcript here instead of stdout.")
@click.option("-w", "--write", is_flag=True, help="Correct the files in place (atomically; unchanged files are not rewritten).")
@click.option("--backup", metavar="SUFFIX", help="With --write: keep each original beside it, named with this suffix.")
@file_options
@reports_errors
def fix(inputs, glossaries, no_aliases, domains, no_bundled, encoding, input_format, output, write, backup, includes, excludes, jobs, quiet, max_size) -> None:
    """Correct transcripts.

    One INPUT (- for stdin) is written corrected to stdout, or to -o OUTPUT. With --write,
    every INPUT is corrected in place: files, folders (walked for the --include patterns)
    and quoted glob patterns (\'talks/**/*.srt\'). Only the text of cues and segments
    changes; every other byte, the encoding, byte-order mark and newlines stay as they were.

    Exit codes: 0 done; 1 a file of a batch failed (it was reported and skipped, the other
    files were corrected); 2 usage or input error.
    """
    if output and write:
        raise click.UsageError("give either -o OUTPUT or --write, not both")
    if backup is not None and not write:
        raise click.UsageError("--backup goes with --write")
    if backup is not None and (not backup or "/" in backup or backup in (".", "..")):
        raise click.UsageError("--backup takes a file name suffix such as .orig")
    batch_mode = is_batch(inputs)
    task = batch.Task(
        "write",
        input_format=None if input_format == "auto" else input_format,
        encoding=encoding,
        backup=backup,
        max_size=round(max_size * 2**20),
    )
    spec = corrector_spec(glossaries, no_aliases, domains, no_bundled)
    if not write:
        if batch_mode:
            first = inputs[0] if len(inputs) == 1 else None
            if first and os.path.isdir(first):
                raise Failure(f"{first}: is a directory; use --write to correct the files in it in place")
            if first:
                raise Failure(f"{first}: a pattern names several files; use --write to correct them in place (or diff to see the changes)")
            raise Failure("several inputs: use --write to correct them in place (or diff to see the changes)")
        transcript = batch.correct_file(inputs[0], task, spec.build())
        if not quiet:
            for note in transcript.notes:
                click.echo(f"corrector: {transcript.document.name}: note: {note}", err=True)
        data = transcript.data()
        if output:
            try:
                if not (os.path.isfile(output) and Path(output).read_bytes() == data):
                    write_atomically(output, data)
            except OSError as exc:
                raise Failure(f"{output}: cannot write ({exc.strerror})") from None
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    if "-" in inputs:
        raise click.UsageError("--write corrects files in place; - (stdin) has no place to write to")
    paths, problems = expand_inputs(inputs, includes, excludes, backup)
    if not paths:
        raise Failure("; ".join(problems) or "no input files found")
    if not batch_mode:
        outcome = batch.process(paths[0], task, spec.build())
        if outcome.error:
            raise Failure(outcome.error)
        finish([outcome], [], quiet=quiet, batch_mode=False, action="write")
        return
    outcomes = run_batch(paths, task, spec, jobs=jobs, quiet=quiet, show=None)
    sys.exit(finish(outcomes, problems, quiet=quiet, batch_mode=True, action="write"))


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@glossary_options
@click.option("--input-format", "input_format", type=INPUT_FORMATS, default="auto", show_default=True, help=INPUT_FORMAT_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "unified", "json", "html"]), default="text", show_default=True, help="Report format (html: one self-contained page to review in a browser).")
@click.option("--exit-code", is_flag=True, help="Exit with 1 when there are changes.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text report.")
@file_options
@reports_errors
def diff(inputs, glossaries, no_aliases, domains, no_bundled, encoding, input_format, fmt, exit_code, color, includes, excludes, jobs, quiet, max_size) -> None:
    """Report every change fix would make: where, what, what it becomes, and why.

    INPUT may be a file, - for stdin, a folder (walked for the --include patterns) or a
    quoted glob pattern. Each change names its line, column, cue or segment number and start
    time. --format is the report's format; --input-format is the input's.

    Exit codes: 0 done; 1 with --exit-code when there are changes, or when a file of a batch
    failed (it was reported and skipped); 2 usage or input error.
    """
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty())
    batch_mode = is_batch(inputs)
    task = batch.Task(
        "report",
        input_format=None if input_format == "auto" else input_format,
        encoding=encoding,
        report_format=fmt,
        color=use_color,
        max_size=round(max_size * 2**20),
        quiet_unchanged=batch_mode,
    )
    spec = corrector_spec(glossaries, no_aliases, domains, no_bundled)
    paths, problems = expand_inputs(inputs, includes, excludes, None)
    if not paths:
        raise Failure("; ".join(problems) or "no input files found")
    if fmt == "html" and (batch_mode or len(paths) > 1):
        raise Failure("--format html makes one page for one file; give a single input")
    if not batch_mode:
        transcript = batch.correct_file(paths[0], task, spec.build())
        emit(batch.render(transcript, fmt, color=use_color), color)
        if exit_code and transcript.changes:
            sys.exit(1)
        return
    reports: list = []

    def show(outcome: batch.Outcome) -> None:
        if outcome.error is None:
            if fmt == "json":
                reports.append(outcome.report)
            else:
                emit(outcome.report, color)

    outcomes = run_batch(paths, task, spec, jobs=jobs, quiet=quiet, show=show)
    status = finish(outcomes, problems, quiet=quiet, batch_mode=True, action="report", json_reports=reports if fmt == "json" else None)
    if exit_code and any(o.changes for o in outcomes):
        status = 1
    sys.exit(status)


def corrector_spec(glossaries, no_aliases: bool, domains, no_bundled: bool) -> batch.CorrectorSpec:
    """The corrector the config file (corrector.toml or [tool.corrector]) describes, with the
    command line's options over it."""
    from . import config

    cfg = config.apply_to(config.load_config(), glossaries=glossaries, domains=domains, no_aliases=no_aliases, no_bundled=no_bundled)
    return batch.CorrectorSpec(tuple(cfg.glossary_paths()), tuple(cfg.domain_names() or ()), cfg.use_bundled(), cfg.settings())


def expand_inputs(inputs, includes, excludes, backup: str | None) -> tuple[list[str], list[str]]:
    excludes = tuple(excludes) + ((f"*{backup}",) if backup else ())
    return batch.expand(inputs, include=includes or DEFAULT_INCLUDE, exclude=excludes)


def emit(report, color: str) -> None:
    if isinstance(report, dict):
        report = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if report:
        click.echo(report, nl=False, color=color == "always" or None)


def run_batch(paths: list[str], task: batch.Task, spec: batch.CorrectorSpec, *, jobs: int, quiet: bool, show) -> list[batch.Outcome]:
    """Run the files, with a progress bar on a terminal; reports and errors are shown in the
    order of the files (after the bar, when there is one)."""
    corrector = spec.build()  # glossary errors surface here, once, before any file is read
    outcomes: list[batch.Outcome] = []
    results = batch.run(paths, task, spec, jobs=jobs, corrector=corrector)
    if not quiet and sys.stderr.isatty() and len(paths) > 1:
        with click.progressbar(results, length=len(paths), label="Correcting", file=sys.stderr, show_pos=True) as bar:
            outcomes = list(bar)
        for outcome in outcomes:
            if show:
                show(outcome)
            report_problems(outcome, task, quiet)
        return outcomes
    for outcome in results:
        outcomes.append(outcome)
        if show:
            show(outcome)
        report_problems(outcome, task, quiet)
    return outcomes


def report_problems(outcome: batch.Outcome, task: batch.Task, quiet: bool) -> None:
    if outcome.error:
        click.echo(f"corrector: {outcome.error}", err=True)
    elif not quiet and task.action == "write":  # reports carry their notes themselves
        for note in outcome.notes:
            click.echo(f"corrector: {outcome.path}: note: {note}", err=True)


def finish(outcomes: list[batch.Outcome], problems: list[str], *, quiet: bool, batch_mode: bool, action: str, json_reports: list | None = None) -> int:
    """Print the problems, the combined JSON report and the summary; the exit status."""
    for problem in problems:
        click.echo(f"corrector: {problem}", err=True)
    failed = [o for o in outcomes if o.error] + problems
    if json_reports is not None:
        summary_doc = {
            "files": json_reports,
            "errors": [{"input": o.path, "error": o.error} for o in outcomes if o.error] + [{"input": None, "error": p} for p in problems],
            "summary": summary(outcomes, problems),
        }
        click.echo(json.dumps(summary_doc, ensure_ascii=False, indent=2))
    if not quiet and (batch_mode or action == "write"):
        s = summary(outcomes, problems)
        changed = "rewritten" if action == "write" else "with changes"
        click.echo(
            f"corrector: {_n(s['files'], 'file')}, {s['changed']} {changed}, {_n(s['changes'], 'change')}, {_n(s['errors'], 'error')}",
            err=True,
        )
    return 1 if failed else 0


def summary(outcomes: list[batch.Outcome], problems: list[str]) -> dict:
    return {
        "files": len(outcomes),
        "changed": sum(1 for o in outcomes if o.written or o.changes and o.error is None),
        "changes": sum(o.changes for o in outcomes),
        "errors": sum(1 for o in outcomes if o.error) + len(problems),
    }


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"




if __name__ == "__main__":  # pragma: no cover
    main()
