"""Plain text, and text with timestamp markers such as the seed's `(00:00~01:00) text`.

The whole file is one region: the corrector sees exactly the file. In the timestamped format
the markers are protected (no edit may touch them); reports take a change's time from the
marker before it (`report.Positions` finds them).
"""

from __future__ import annotations

import re

from ..report import TIMESTAMP
from .layout import Layout, Region

# a marker at the start of a line (after blanks) makes a file timestamped
LINE_MARKER = re.compile(r"^[ \t]*" + TIMESTAMP.pattern, re.M)


def parse_text(text: str, name: str) -> Layout:
    return Layout("text", _whole(text), label="line", segments=False)


def parse_timestamped(text: str, name: str) -> Layout:
    markers = [m.span() for m in TIMESTAMP.finditer(text)]
    return Layout("timestamped", _whole(text), label="segment", protected=markers, segments=False)


def looks_timestamped(text: str) -> bool:
    first = next((line for line in text[:4096].splitlines() if line.strip()), "")
    return bool(LINE_MARKER.match(first))


def _whole(text: str) -> list[Region]:
    return [Region(0, len(text), text)] if text else []
