"""SubRip (.srt): numbered cues, a timing line, text lines, a blank line between cues.

    1
    00:00:01,000 --> 00:00:04,000
    哈囉大家好,歡迎收聽科技浪

Each text line of a cue is a region, without the markup tags some files carry (`<i>`,
`<font color=...>`, `{\\an8}`); the number, the timing line (and any position after it),
blank lines and newlines are never edited. A minimal parser that keeps every byte: the usual
SRT libraries rebuild the file and would change its layout.
"""

from __future__ import annotations

import re

from .layout import FormatError, Layout, Region, line_spans, text_runs

_TIME = r"\d{1,3}:\d{1,2}:\d{1,2}(?:[,.]\d{1,3})?"
TIMING = re.compile(rf"[ \t]*({_TIME})[ \t]*-->[ \t]*({_TIME})(?:[ \t].*)?")
TAG = re.compile(r"<[^<>\r\n]*>|\{\\[^{}\r\n]*\}")


def parse(text: str, name: str) -> Layout:
    lines = line_spans(text)
    regions: list[Region] = []
    i, n, ordinal = 0, len(lines), 0
    while i < n:
        start, end = lines[i]
        if not text[start:end].strip():
            i += 1
            continue
        first = text[start:end].strip()
        if TIMING.fullmatch(text, start, end):
            number = None
        elif first.isdigit() and i + 1 < n and TIMING.fullmatch(text, *lines[i + 1]):
            number = int(first)
            i += 1
        elif first.isdigit() and i + 1 < n:
            found = text[lines[i + 1][0] : lines[i + 1][1]].strip()
            raise FormatError(
                f"{name}: malformed SRT at line {i + 2}: expected a timing line (00:00:01,000 --> 00:00:04,000) "
                f"after cue number {first}, found {_quote(found)}"
            )
        else:
            what = "a timing line after the cue number" if first.isdigit() else "a cue number or a timing line"
            raise FormatError(f"{name}: malformed SRT at line {i + 1}: expected {what}, found {_quote(first)}")
        ordinal += 1
        timing = TIMING.fullmatch(text, *lines[i])
        segment = number if number is not None else ordinal
        i += 1
        while i < n and text[lines[i][0] : lines[i][1]].strip() and not _starts_cue(text, lines, i):
            for s, e, continues in text_runs(text, lines[i][0], lines[i][1], TAG):
                regions.append(Region(s, e, text[s:e], segment, timing.group(1), continues=continues))
            i += 1
    return Layout("srt", regions, label="cue")


def _starts_cue(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A timing line, or a number and a timing line: a cue whose blank line before is missing."""
    if TIMING.fullmatch(text, *lines[i]):
        return True
    return text[lines[i][0] : lines[i][1]].strip().isdigit() and i + 1 < len(lines) and bool(TIMING.fullmatch(text, *lines[i + 1]))


def looks_like(text: str) -> bool:
    lines = [line for line in text[:4096].splitlines() if line.strip()][:2]
    if lines and TIMING.fullmatch(lines[0]):
        return True
    return len(lines) == 2 and lines[0].strip().isdigit() and bool(TIMING.fullmatch(lines[1]))


def _quote(line: str, width: int = 40) -> str:
    return repr(line if len(line) <= width else line[:width] + "…")
