"""Reviewing changes and teaching the glossary: review, apply, learn, config show.

    corrector review INPUT [--glossary PATH]... [--decisions FILE] [-o OUTPUT | --write]
    corrector apply INPUT [--decisions FILE] [--default accept|reject] [-o OUTPUT | --write]
    corrector learn DECISIONS... --into GLOSSARY.yaml [--dry-run]
    corrector config show [--glossary PATH]...

Also `suggest_command`, the `corrector glossary suggest INPUT` command, for the glossary
group to attach. Every command here takes its defaults from the config file (config.py);
command-line options override it.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from . import config as config_module
from . import decisions as decisions_module
from . import suggest as suggest_module
from .cli import INPUT_FORMAT_HELP, INPUT_FORMATS, Failure, correct_document, glossary_options, reports_errors
from .decisions import Choice, Decisions, Verdict
from .engine import Corrector
from .formats import Change, Transcript
from .formats import correct_document as correct_in_format
from .glossary import load_all
from .inputs import Document, read_document, write_atomically


def setup(glossaries=(), no_aliases=False, domains=(), no_bundled=False, decisions=None) -> tuple[config_module.Config, Corrector]:
    """The effective config (file, then command line) and the corrector it describes."""
    config = config_module.apply_to(
        config_module.load_config(),
        glossaries=glossaries,
        domains=domains,
        no_aliases=no_aliases,
        no_bundled=no_bundled,
        decisions=decisions,
    )
    glossary = load_all(config.glossary_paths(), domains=config.domain_names(), bundled=config.use_bundled())
    return config, Corrector(glossary, config.settings())


def load_transcript(path: str, encoding: str | None, input_format: str | None, corrector: Corrector) -> Transcript:
    """The file corrected in its format, as fix and diff see it (so change ids agree)."""
    document = read_document(path, encoding)
    return correct_in_format(corrector, document, None if input_format in (None, "auto") else input_format)


def reviewable(transcript: Transcript) -> list[Change]:
    """The changes and suggestions a person decides on, in text order."""
    return sorted([*transcript.changes, *transcript.suggested], key=lambda c: (c.readable.start, c.readable.end))


def transcript_bytes(transcript: Transcript, changes: list[Change], choice: Choice) -> bytes:
    """The file with exactly the chosen changes, every other byte as it was read."""
    kept = []
    for i, chosen in zip(choice.picked, choice.chosen):
        change = changes[i]
        if chosen.after != change.readable.after:  # edited
            if change.derived or change.shown is not None:
                raise Failure(
                    f"{transcript.document.name}: {change.readable.before} → {change.readable.after} cannot be edited "
                    f"in a {transcript.format} file (its text is escaped or repeated there); accept or reject it"
                )
            change = Change(dataclasses.replace(change.correction, after=chosen.after))
        kept.append(change)
    try:
        return transcript.data(kept)
    except UnicodeEncodeError:
        raise Failure(f"{transcript.document.name}: an edited text cannot be written in {transcript.document.encoding}") from None


def _write_output(data: bytes, output: str | None, write: bool, input_path: str) -> str | None:
    """Write the transcript to -o OUTPUT, over INPUT (--write), or stdout; the path written."""
    target = output or (input_path if write else None)
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise Failure(f"{target}: cannot write ({exc.strerror})") from None
    return target


def _check_output_options(input: str, output: str | None, write: bool) -> None:
    if output and write:
        raise Failure("give -o OUTPUT or --write, not both")
    if write and input == "-":
        raise Failure("--write needs a file to write over, not -")


def _load_decisions(path: Path, document: Document, *, must_exist: bool) -> Decisions:
    if not path.exists():
        if must_exist:
            raise Failure(f"{path}: no such decisions file (give one with --decisions)")
        return Decisions.for_text(document.name, document.text)
    decisions = decisions_module.read(path)
    decisions.check_text(document.text, str(path))
    return decisions


def _open(input, glossaries, no_aliases, domains, no_bundled, encoding, input_format, decisions_path, *, must_exist: bool):
    """What review and apply start from: the corrected transcript, where its decisions are
    kept, the decisions so far, and the changes a person decides on."""
    config, corrector = setup(glossaries, no_aliases, domains, no_bundled, decisions_path)
    transcript = load_transcript(input, encoding, input_format, corrector)
    path = config.decisions_path(input)
    decisions = _load_decisions(path, transcript.document, must_exist=must_exist)
    return transcript, path, decisions, reviewable(transcript)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# review


@click.command()
@click.argument("input", metavar="INPUT")
@glossary_options
@click.option("--input-format", "input_format", type=INPUT_FORMATS, default="auto", show_default=True, help=INPUT_FORMAT_HELP)
@click.option("--decisions", "decisions_path", metavar="PATH", help="Decisions file (default: from the config, else INPUT's stem + .decisions.json beside it).")
@click.option("-o", "--output", metavar="PATH", help="When every change is decided, write the transcript here.")
@click.option("--write", is_flag=True, help="When every change is decided, write the transcript over INPUT.")
@reports_errors
def review(input: str, glossaries, no_aliases: bool, domains, no_bundled: bool, encoding: str | None, input_format: str, decisions_path: str | None, output: str | None, write: bool) -> None:
    """Walk through the changes one by one and decide on each (needs a terminal).

    Keys: a accept, r reject, e edit, A/R accept/reject every undecided change of the
    term, b back, n skip, u undecide, q quit. Decisions are saved after every key, so
    quitting and running the same command again resumes where you stopped.
    """
    _check_output_options(input, output, write)
    if input == "-":
        raise Failure("review reads keys from the terminal: give INPUT as a file, not -")
    from .review import NoTerminal, Review, Terminal, run_terminal  # only review needs the UI

    try:
        terminal = Terminal()
    except NoTerminal:
        raise Failure("review needs a terminal (standard input and output must be a terminal); for a report use `corrector diff --format html`") from None
    transcript, path, decisions, found = _open(input, glossaries, no_aliases, domains, no_bundled, encoding, input_format, decisions_path, must_exist=False)
    document = transcript.document
    changes = [c.readable for c in found]
    stale = [d for d in decisions if not any(d.matches(c) for c in changes)]
    if not changes:
        click.echo(f"{document.name}: nothing to review, the corrector proposes no change", err=True)
        if output or write:
            _write_output(transcript.data([]), output, write, input)
        return

    def save(d: Decisions) -> None:
        decisions_module.write(path, d)

    session = Review(document.text, changes, decisions, on_change=save)
    run_terminal(session, document.name, transcript.positions(), terminal)
    if stale:
        click.echo(f"note: {_plural(len(stale), 'earlier decision')} in {path} match no change proposed now (were the glossaries changed?)", err=True)
    if not session.finished:
        decided = len(changes) - session.undecided()
        click.echo(f"{document.name}: {decided} of {len(changes)} changes decided, saved in {path}; run the same command to continue.", err=True)
        return
    choice = decisions_module.choose(changes, decisions)
    summary = f"{document.name}: {_plural(len(choice.chosen), 'change')} kept of {len(changes)}; decisions in {path}"
    if output or write:
        target = _write_output(transcript_bytes(transcript, found, choice), output, write, input)
        click.echo(f"{summary}; transcript written to {target}", err=True)
    else:
        click.echo(f"{summary}.\nWrite the transcript with: corrector apply {input} --decisions {path} -o OUTPUT", err=True)


# ---------------------------------------------------------------------------------------------
# apply


@click.command()
@click.argument("input", metavar="INPUT")
@glossary_options
@click.option("--input-format", "input_format", type=INPUT_FORMATS, default="auto", show_default=True, help=INPUT_FORMAT_HELP)
@click.option("--decisions", "decisions_path", metavar="PATH", help="Decisions file (default: from the config, else INPUT's stem + .decisions.json beside it).")
@click.option("--default", "default", type=click.Choice(["accept", "reject"]), default="reject", show_default=True, help="What happens to a change that has no decision (suggestions without one are never applied).")
@click.option("-o", "--output", metavar="PATH", help="Write the transcript here instead of stdout.")
@click.option("--write", is_flag=True, help="Write the transcript over INPUT.")
@reports_errors
def apply(input: str, glossaries, no_aliases: bool, domains, no_bundled: bool, encoding: str | None, input_format: str, decisions_path: str | None, default: str, output: str | None, write: bool) -> None:
    """Write the transcript with exactly the accepted and edited changes."""
    _check_output_options(input, output, write)
    if input == "-" and not decisions_path:
        raise Failure("reading INPUT from stdin: give the decisions file with --decisions")
    transcript, path, decisions, found = _open(input, glossaries, no_aliases, domains, no_bundled, encoding, input_format, decisions_path, must_exist=True)
    changes = [c.readable for c in found]
    applied = decisions_module.choose(changes, decisions, default=Verdict(default))
    target = _write_output(transcript_bytes(transcript, found, applied), output, write, input)
    for d in applied.stale:
        click.echo(f"warning: {path}: decision {d.id} ({d.before} → {d.after}) matches no change proposed now; not applied", err=True)
    note = f"{transcript.document.name}: {_plural(len(applied.chosen), 'change')} applied of {len(changes)}"
    if applied.undecided:
        note += f"; {applied.undecided} without a decision followed --default {default}"
    click.echo(note + (f"; written to {target}" if target else ""), err=True)


# ---------------------------------------------------------------------------------------------
# learn


@click.command()
@click.argument("decision_files", metavar="DECISIONS...", nargs=-1, required=True)
@click.option("--into", "into", required=True, metavar="GLOSSARY.yaml", help="Your own YAML glossary to merge what was learned into (created if missing).")
@click.option("--dry-run", is_flag=True, help="Show what would be learned; write nothing.")
@reports_errors
def learn(decision_files, into: str, dry_run: bool) -> None:
    """Teach a glossary from review decisions: accepted changes become aliases of their
    terms, rejected ones exclusions (not_near)."""
    everything = []
    for file in decision_files:
        everything += list(decisions_module.read(file))
    known = load_all([into] if Path(into).is_file() else [])  # to keep terms out of exclusions
    from . import learn as learn_module  # only learn needs it (and ruamel.yaml)

    lessons = learn_module.lessons(everything, known)
    merged = learn_module.merge(into, lessons, write=not dry_run)
    for lesson in lessons:
        if lesson in merged.present:
            click.echo(f"  {lesson.describe()}  [already there]")
        else:
            click.echo(f"  {lesson.describe()}")
    kinds = {k: sum(1 for l in merged.added if l.kind == k) for k in ("alias", "exclude", "protect")}
    verb = "would add" if dry_run else "added"
    click.echo(
        f"{into}: {verb} {_plural(kinds['alias'], 'alias')}, {_plural(kinds['exclude'], 'exclusion')}"
        + (f", {_plural(kinds['protect'], 'protected word')}" if kinds["protect"] else "")
        + (f"; {len(merged.present)} already there" if merged.present else "")
    )


# ---------------------------------------------------------------------------------------------
# config


@click.group("config")
def config_group() -> None:
    """Show the settings in effect (corrector.toml or [tool.corrector] in pyproject.toml)."""


@config_group.command("show")
@click.option("-g", "--glossary", "glossaries", multiple=True, metavar="PATH", help="A user glossary, as the other commands take it.")
@click.option("--no-aliases", is_flag=True)
@click.option("--domain", "domains", multiple=True, metavar="NAME")
@click.option("--no-bundled", is_flag=True)
@click.option("--decisions", "decisions_path", metavar="PATH")
@reports_errors
def config_show(glossaries, no_aliases: bool, domains, no_bundled: bool, decisions_path: str | None) -> None:
    """Print the effective settings and where each comes from (default, the config file,
    or the command line)."""
    config = config_module.apply_to(
        config_module.load_config(), glossaries=glossaries, domains=domains, no_aliases=no_aliases, no_bundled=no_bundled, decisions=decisions_path
    )
    click.echo(config_module.render(config), nl=False)


# ---------------------------------------------------------------------------------------------
# glossary suggest (attached to the `glossary` group by cli_glossary)


@click.command("suggest")
@click.argument("input", metavar="INPUT")
@glossary_options
@click.option("--format", "fmt", type=click.Choice(sorted(suggest_module.RENDERERS)), default="text", show_default=True, help="text: a .txt glossary with comments; yaml: entries; json.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(suggest_module.KINDS), help="Only these kinds (repeatable; default: all).")
@click.option("--min-repeats", type=click.IntRange(1), default=2, show_default=True, help="How often a rare Chinese word must occur.")
@click.option("--margin", type=click.FloatRange(0, 0.5), default=0.1, show_default=True, help="How far below the thresholds a near miss may score.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True, help="At most this many of each kind (0: all).")
@reports_errors
def suggest_command(input: str, glossaries, no_aliases: bool, domains, no_bundled: bool, encoding: str | None, fmt: str, kinds, min_repeats: int, margin: float, limit: int) -> None:
    """Propose terms INPUT seems to need: unknown Latin words, repeated rare Chinese words,
    and near misses of known terms, with counts and context."""
    _config, corrector = setup(glossaries, no_aliases, domains, no_bundled)
    document, result = correct_document(input, encoding, corrector)
    proposals = suggest_module.suggest(
        document.text, corrector, result, kinds=tuple(kinds) or suggest_module.KINDS, min_repeats=min_repeats, margin=margin, limit=limit or None
    )
    click.echo(suggest_module.RENDERERS[fmt](document.name, proposals), nl=False)

