"""`corrector glossary ...`: check, format, browse and explain glossaries."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli import Failure, LazyGroup, reports_errors
from .glossary import GlossaryError, bundled_files, load_all


@click.group(cls=LazyGroup, lazy={"suggest": ".cli_review:suggest_command"})
def glossary() -> None:
    """Check, format, list and explain glossaries."""


@glossary.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--errors-only", is_flag=True, help="Print errors, not warnings.")
def lint(paths: tuple[str, ...], strict: bool, errors_only: bool) -> None:
    """Check glossary files (default: the bundled ones). One line per problem, file:line.

    Errors: schema problems, duplicate terms, aliases that are the term itself or another
    term, Chinese terms without pinyin, regional forms that disagree across files.
    Warnings: terms that sound alike, or like a very common word. Exit 1 on errors (and on
    warnings with --strict).
    """
    from .lint import lint_bundled, lint_paths

    problems = lint_paths(paths) if paths else lint_bundled()
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity == "error" or not errors_only:
            click.echo(str(problem))
    warnings = len(problems) - len(errors)
    click.echo(f"{len(errors)} error{'s' * (len(errors) != 1)}, {warnings} warning{'s' * (warnings != 1)}", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


@glossary.command(name="fmt")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--check", is_flag=True, help="Only report files that are not in canonical form (exit 1).")
@reports_errors
def fmt(paths: tuple[str, ...], check: bool) -> None:
    """Rewrite YAML glossaries in canonical form: entries sorted by term, fields in a fixed
    order, lists in flow style (default: the bundled files)."""
    from .glossary import _read, parse
    from .glossary_writer import dump_yaml
    from .inputs import write_atomically

    files = [Path(p) for p in paths] or bundled_files()
    drifted = []
    for path in files:
        if path.suffix.lower() not in (".yaml", ".yml"):
            continue
        raw = _read(path, str(path))
        glossary_ = parse(path, raw, str(path))
        canonical = dump_yaml(glossary_.meta, glossary_.entries, glossary_.protected)
        if canonical != raw.decode("utf-8-sig"):
            drifted.append(path)
            if check:
                click.echo(f"{path}: not in canonical form")
            else:
                write_atomically(path, canonical.encode("utf-8"))
                click.echo(f"{path}: rewritten")
    if check and drifted:
        sys.exit(1)


@glossary.command(name="list")
@click.option("--domain", "domains", multiple=True, metavar="NAME", help="Only these bundled domains.")
@click.option("-g", "--glossary", "glossaries", multiple=True, metavar="PATH", help="Add a user glossary.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@reports_errors
def list_entries(domains: tuple[str, ...], glossaries: tuple[str, ...], fmt: str) -> None:
    """List glossary entries."""
    loaded = load_all(glossaries, domains=domains or None)
    entries = sorted(loaded.entries, key=lambda e: (e.domain, e.term.casefold()))
    if fmt == "json":
        rows = [
            {
                "term": e.term,
                "domain": e.domain,
                "aliases": list(e.aliases),
                "file": e.file,
                "line": e.line,
                "tw": e.tw,
                "cn": e.cn,
                "context": list(e.context),
                "not_near": list(e.not_near),
                "pronounce": e.pronounce,
                "suggest_only": e.suggest_only,
            }
            for e in entries
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for e in entries:
        forms = " / ".join(f for f in (e.tw, e.cn) if f)
        extra = f"  ({forms})" if forms else ""
        aliases = f"  aliases: {', '.join(e.aliases)}" if e.aliases else ""
        flag = "  [suggest only]" if e.suggest_only else ""
        click.echo(f"{e.domain:10} {e.term}{extra}{aliases}{flag}")
    click.echo(f"{len(entries)} entries", err=True)


@glossary.command()
@click.argument("text")
@click.option("-g", "--glossary", "glossaries", multiple=True, metavar="PATH", help="Add a user glossary.")
@click.option("--top", default=8, show_default=True, help="How many near terms to show.")
@reports_errors
def explain(text: str, glossaries: tuple[str, ...], top: int) -> None:
    """Show how TEXT sounds to the corrector, which terms it is close to, and what the
    corrector would do with it."""
    from .explain import explain_text

    try:
        loaded = load_all(glossaries)
    except GlossaryError as exc:
        raise Failure(str(exc)) from None
    click.echo(explain_text(text, loaded, top=top), nl=False)
