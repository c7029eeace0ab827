"""What a format parser returns: where the editable text of a file is, and whose it is.

A `Region` is a stretch of the decoded file whose text may be corrected (one line of a cue,
the text of a Whisper segment). Its `value` is the text as a reader sees it; when the file
writes that text with escapes (JSON `\\u54c8`, WebVTT `&amp;`) `offsets` maps each position
of the value to the file, and `escape` writes new text the way the file does. Everything
outside the regions (indices, timestamps, settings, layout) is never edited.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..inputs import InputError
from ..report import Segment


class FormatError(InputError):
    """A malformed transcript file: one line that names the file and the line."""


@dataclass(frozen=True)
class Region:
    start: int  # code-point offsets into the decoded file, half-open
    end: int
    value: str  # the text as a reader sees it
    segment: int | None = None  # cue or segment number as the file gives it
    time: str | None = None  # the cue's start time, as written
    offsets: tuple[int, ...] | None = None  # file offset (from `start`) of each value position, and of its end
    escape: Callable[[str], str] | None = None  # how new text is written in this region
    continues: bool = False  # the same line as the region before, with only markup between

    def span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of the value positions [start, end)."""
        if self.offsets is None:
            return self.start + start, self.start + end
        return self.start + self.offsets[start], self.start + self.offsets[end]

    def written(self, text: str) -> str:
        return self.escape(text) if self.escape else text


@dataclass(frozen=True)
class Edit:
    """A change to the file outside any region that keeps another copy of the text in step
    (Whisper's top-level `text`, word timings)."""

    start: int
    end: int
    after: str


@dataclass
class Layout:
    format: str
    regions: list[Region]
    label: str = "cue"  # what one segment is called in notes
    protected: list[tuple[int, int]] = field(default_factory=list)  # file spans no edit may touch
    segments: bool = True  # False: the file has no cues (reports find timestamps in the text)

    def __post_init__(self) -> None:
        self._starts = [r.start for r in self.regions]

    def segment_of(self, offset: int) -> Segment | None:
        """The cue an offset of the file falls in (the last one that starts before it)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        region = self.regions[i]
        return Segment(region.segment, region.time)

    def derived(self, region: int, start: int, end: int, new: str) -> tuple[list[Edit], list[str]]:
        """Further edits needed when the value of region `region` changes at [start, end)."""
        return [], []

    def touches_protected(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.protected)


# --- helpers for the parsers ---------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n)?")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the newline excluded."""
    out: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        out.append((pos, m.end() - len(m.group(1) or "")))
        pos = m.end()
    return out


def escaped_value(raw: str, token: re.Pattern, decode: Callable[[str], str]) -> tuple[str, tuple[int, ...] | None]:
    """Decode `raw` token by token (each token one character of the value): the value and
    the offset of each of its positions in `raw`, or None when nothing is escaped."""
    chars: list[str] = []
    offsets: list[int] = []
    escaped = False
    for m in token.finditer(raw):
        piece = m.group()
        ch = decode(piece) if len(piece) > 1 else piece
        escaped = escaped or ch != piece
        offsets.append(m.start())
        chars.append(ch)
    if not escaped:
        return raw, None
    offsets.append(len(raw))
    return "".join(chars), tuple(offsets)


def text_runs(text: str, start: int, end: int, tag: re.Pattern) -> Iterable[tuple[int, int, bool]]:
    """The stretches of text[start:end] between markup tags, and whether each continues the
    one before it on the line."""
    pos, first = start, True
    for m in tag.finditer(text, start, end):
        if m.start() > pos:
            yield pos, m.start(), not first
            first = False
        pos = m.end()
    if end > pos:
        yield pos, end, not first


def line_number(text: str, offset: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


