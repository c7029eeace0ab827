"""The `corrector` command.

    corrector fix INPUT [--glossary PATH]... [--no-aliases] [-o OUTPUT]
    corrector diff INPUT [--glossary PATH]... [--format text|unified|json] [--exit-code]

Exit codes: 0 success, 1 `diff --exit-code` found changes, 2 usage or input error.
Errors are one line on stderr that names the file and the problem.
"""

from __future__ import annotations

import functools
import sys
from typing import Callable

import click

from . import __version__
from .engine import Corrector, Result
from .glossary import GlossaryError, load_all
from .inputs import Document, InputError, read_document, write_atomically
from .report import Positions, Style, render_json, render_text, render_unified
from .settings import Settings


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


def build_corrector(glossaries, no_aliases: bool, domains, no_bundled: bool) -> Corrector:
    glossary = load_all(glossaries, domains=domains or None, bundled=not no_bundled)
    return Corrector(glossary, Settings(use_aliases=not no_aliases))


def correct_document(path: str, encoding: str | None, corrector: Corrector) -> tuple[Document, Result]:
    document = read_document(path, encoding)
    return document, corrector.correct(document.text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corrector")
def main() -> None:
    """Fix speech-recognition errors in Chinese transcripts by matching a glossary by sound."""


@main.command()
@click.argument("input", metavar="INPUT")
@glossary_options
@click.option("-o", "--output", metavar="PATH", help="Write the corrected transcript here instead of stdout.")
@reports_errors
def fix(input: str, glossaries, no_aliases: bool, domains, no_bundled: bool, encoding: str | None, output: str | None) -> None:
    """Write the corrected transcript (INPUT may be - for stdin)."""
    corrector = build_corrector(glossaries, no_aliases, domains, no_bundled)
    document, result = correct_document(input, encoding, corrector)
    data = document.encode(result.text)
    if output:
        try:
            write_atomically(output, data)
        except OSError as exc:
            raise Failure(f"{output}: cannot write ({exc.strerror})") from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@main.command()
@click.argument("input", metavar="INPUT")
@glossary_options
@click.option("--format", "fmt", type=click.Choice(["text", "unified", "json"]), default="text", show_default=True, help="Report format.")
@click.option("--exit-code", is_flag=True, help="Exit with 1 when there are changes.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text report.")
@reports_errors
def diff(input: str, glossaries, no_aliases: bool, domains, no_bundled: bool, encoding: str | None, fmt: str, exit_code: bool, color: str) -> None:
    """Report every change fix would make: where, what, what it becomes, and why."""
    corrector = build_corrector(glossaries, no_aliases, domains, no_bundled)
    document, result = correct_document(input, encoding, corrector)
    name = document.name
    positions = Positions(document.text)
    if fmt == "json":
        out = render_json(name, document.text, result.corrections, result.suggestions, script=result.script.value, positions=positions)
    elif fmt == "unified":
        out = render_unified(name, document.text, result.corrections)
    else:
        use_color = color == "always" or (color == "auto" and sys.stdout.isatty())
        out = render_text(name, document.text, result.corrections, result.suggestions, style=terminal_style() if use_color else Style(), positions=positions)
    click.echo(out, nl=False, color=color == "always" or None)
    if exit_code and result.corrections:
        sys.exit(1)


def terminal_style() -> Style:
    return Style(
        before=lambda s: click.style(s, fg="red"),
        after=lambda s: click.style(s, fg="green", bold=True),
        dim=lambda s: click.style(s, dim=True),
        location=lambda s: click.style(s, fg="cyan"),
    )


if __name__ == "__main__":  # pragma: no cover
    main()
