"""Reports of what changed: plain text (coloured on a terminal), unified diff, JSON.

Reports are pure functions of the original text and its corrections (plus, for transcripts in
a subtitle format, the segment each change falls in). Offsets are code points into the
original; lines and columns are 1-based and counted in code points.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from .edits import Correction, apply_corrections

# "(00:00~01:00)" as in the seed transcripts, "[00:01:02.5]" as many tools write it
TIMESTAMP = re.compile(r"[(\[](\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)(?:\s*[~\-–>]+\s*\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?[)\]]")


@dataclass(frozen=True)
class Segment:
    """Where a change sits in a timed transcript: cue/segment number and start time."""

    index: int | None
    start: str | None


class Positions:
    """Line and column of offsets, and the timestamp of the segment they fall in."""

    def __init__(self, text: str, segment_of: Callable[[int], Segment | None] | None = None):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        self._segment_of = segment_of
        self._stamps = [(m.start(), m.group(1)) for m in TIMESTAMP.finditer(text)]
        self._stamp_offsets = [s for s, _ in self._stamps]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def segment(self, offset: int) -> Segment | None:
        """The segment's start time: the last timestamp marker before the offset on its line."""
        if self._segment_of is not None:
            return self._segment_of(offset)
        i = bisect.bisect_right(self._stamp_offsets, offset) - 1
        if i < 0:
            return None
        line_start = self.line_starts[bisect.bisect_right(self.line_starts, offset) - 1]
        return Segment(None, self._stamps[i][1]) if self._stamp_offsets[i] >= line_start else None


def change_records(text: str, corrections: Sequence[Correction], positions: Positions | None = None) -> list[dict]:
    positions = positions or Positions(text)
    records = []
    for number, c in enumerate(corrections, 1):
        line, col = positions.line_col(c.start)
        segment = positions.segment(c.start)
        records.append(
            {
                "id": c.stable_id(),
                "n": number,
                "start": c.start,
                "end": c.end,
                "line": line,
                "col": col,
                "segment": segment.index if segment else None,
                "timestamp": segment.start if segment else None,
                "before": c.before,
                "after": c.after,
                "term": c.term,
                "score": c.score,
                "rule": c.rule,
                "reason": c.reason,
                "glossary": c.glossary,
                "applicability": c.applicability.value,
                "evidence": c.evidence,
            }
        )
    return records


def render_json(name: str, text: str, corrections: Sequence[Correction], suggestions: Sequence[Correction] = (), *, script: str = "", positions: Positions | None = None) -> str:
    positions = positions or Positions(text)
    doc = {
        "input": name,
        "script": script,
        "changes": change_records(text, corrections, positions),
        "suggestions": change_records(text, suggestions, positions),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_unified(name: str, text: str, corrections: Sequence[Correction]) -> str:
    if not corrections:
        return ""
    after = apply_corrections(text, corrections)
    lines = difflib.unified_diff(text.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}")
    out = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return out


@dataclass(frozen=True)
class Style:
    """How to emphasise parts of the text report; plain by default."""

    before: Callable[[str], str] = lambda s: s
    after: Callable[[str], str] = lambda s: s
    dim: Callable[[str], str] = lambda s: s
    location: Callable[[str], str] = lambda s: s
    bold: Callable[[str], str] = lambda s: s


# the basic ANSI sequences every terminal understands
TERMINAL = Style(
    before=lambda s: f"\x1b[1;31m{s}\x1b[0m",
    after=lambda s: f"\x1b[1;32m{s}\x1b[0m",
    dim=lambda s: f"\x1b[2m{s}\x1b[0m",
    location=lambda s: f"\x1b[36m{s}\x1b[0m",
    bold=lambda s: f"\x1b[1m{s}\x1b[0m",
)


def context_of(text: str, start: int, end: int, width: int = 12) -> tuple[str, str]:
    """Up to `width` code points on each side, on the same line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    left = re.split(r"[\r\n]", left)[-1]
    right = re.split(r"[\r\n]", right)[0]
    return left, right


def render_text(name: str, text: str, corrections: Sequence[Correction], suggestions: Sequence[Correction] = (), *, style: Style = Style(), positions: Positions | None = None) -> str:
    positions = positions or Positions(text)
    out: list[str] = []

    def block(c: Correction, label: str) -> None:
        line, col = positions.line_col(c.start)
        seg = positions.segment(c.start)
        where = f"{name}:{line}:{col}"
        if seg and seg.index is not None:
            where += f" #{seg.index}"
        if seg and seg.start:
            where += f" [{seg.start}]"
        left, right = context_of(text, c.start, c.end)
        out.append(f"{style.location(where)}  {style.before(c.before)} → {style.after(c.after)}  {style.dim(f'({c.rule}, {c.score:.2f}{label})')}")
        out.append(f"    {style.dim('…' + left)}{style.before(c.before)}{style.dim(right + '…')}")
        out.append(f"    {style.dim('term')} {c.term}{style.dim(' from ' + c.glossary) if c.glossary else ''}: {c.reason}")

    for c in corrections:
        block(c, "")
    for c in suggestions:
        block(c, ", suggestion only")
    n, s = len(corrections), len(suggestions)
    summary = f"{name}: {n} change{'s' if n != 1 else ''}"
    if s:
        summary += f", {s} suggestion{'s' if s != 1 else ''} not applied"
    out.append(summary)
    return "\n".join(out) + "\n"


def display_width(text: str) -> int:
    """Columns a terminal gives the text: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
