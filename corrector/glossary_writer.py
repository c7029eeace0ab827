"""Writing glossaries in their canonical form: one layout, one order, so that a file's diff
shows only what changed and a test can tell when a file drifts from it (typos' and
codespell's practice for dictionary data)."""

from __future__ import annotations

import textwrap
from typing import Iterable

import yaml

from .glossary import Entry

FIELD_ORDER = ("term", "tw", "cn", "aliases", "context", "not_near", "pronounce", "suggest_only", "note")


def sort_key(entry: Entry) -> tuple[str, str]:
    return (entry.term.casefold(), entry.term)


def _scalar(value: str) -> str:
    out = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return out.removesuffix("\n...\n").removesuffix("\n")


def _flow_list(values: Iterable[str]) -> str:
    return yaml.safe_dump(list(values), allow_unicode=True, width=10_000, default_flow_style=True).strip()


def _entry_lines(entry: Entry) -> list[str]:
    lines = []
    for name in FIELD_ORDER:
        value = getattr(entry, name)
        if value in (None, (), False, ""):
            continue
        if name == "suggest_only":
            text = "true"
        elif isinstance(value, tuple):
            text = _flow_list(value)
        else:
            text = _scalar(value)
        lines.append(f"{'- ' if not lines else '  '}{name}: {text}")
    return lines


def dump_yaml(meta: dict[str, str], entries: Iterable[Entry], protected: Iterable[str] = ()) -> str:
    """A YAML glossary file: its own fields, its protected words, then the entries sorted by term."""
    out: list[str] = []
    for key in ("domain", "description"):
        if key in meta:
            out.append(f"{key}: {_scalar(meta[key])}")
    if "source" in meta:
        out.append("source: >-")
        out.extend("  " + line for line in textwrap.wrap(meta["source"], width=96, break_long_words=False, break_on_hyphens=False))
    if protected:
        out.append(f"protected: {_flow_list(sorted(protected))}")
    out.append("entries:")
    for entry in sorted(entries, key=sort_key):
        out.extend(_entry_lines(entry))
    return "\n".join(out) + "\n"
