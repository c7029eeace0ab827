"""`corrector glossary ...`: check, browse and explain glossaries."""

from __future__ import annotations

import click

from .cli import main


@main.group()
def glossary() -> None:
    """Check, list and explain glossaries."""
