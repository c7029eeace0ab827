"""WebVTT (.vtt): a `WEBVTT` header, then cues, NOTE, STYLE and REGION blocks.

    WEBVTT

    NOTE made by hand

    intro
    00:00:01.000 --> 00:00:04.000 line:90% align:center
    <v 哈利>哈囉大家好,歡迎收聽科技浪

Each payload line of a cue is a region, without its tags (`<v ...>`, `<c.x>`, `<b>`,
`<00:00:02.000>`); character references (`&amp;`, `&lt;`, `&#21704;`) are read as the
characters they stand for and written the same way. Headers, identifiers, timings, cue
settings and the NOTE, STYLE and REGION blocks are kept as they are.
"""

from __future__ import annotations

import html
import re

from .layout import FormatError, Layout, Region, escaped_value, line_spans, text_runs

_TIME = r"(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}"
TIMING = re.compile(rf"[ \t]*({_TIME})[ \t]+-->[ \t]+({_TIME})(?:[ \t].*)?")
TAG = re.compile(r"<[^<>\r\n]*>")
HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_REFERENCE = re.compile(r"&(?:amp|lt|gt|nbsp|lrm|rlm|quot|apos|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});|.", re.S)


def parse(text: str, name: str) -> Layout:
    lines = line_spans(text)
    if not lines or not HEADER.fullmatch(text, *lines[0]):
        raise FormatError(f"{name}: malformed WebVTT at line 1: a WebVTT file starts with WEBVTT")
    i, n = 1, len(lines)
    while i < n and _line(text, lines[i]).strip():  # header lines
        i += 1
    regions: list[Region] = []
    ordinal = 0
    while i < n:
        first = _line(text, lines[i])
        if not first.strip():
            i += 1
            continue
        if BLOCK.fullmatch(first):
            while i < n and _line(text, lines[i]).strip():
                i += 1
            continue
        if "-->" not in first:  # a cue identifier
            i += 1
            if i >= n or "-->" not in _line(text, lines[i]):
                line = min(i, n - 1)
                found = _line(text, lines[line]) if i < n else "the end of the file"
                raise FormatError(
                    f"{name}: malformed WebVTT at line {line + 1}: expected a cue timing line "
                    f"(00:00:01.000 --> 00:00:04.000), found {found if i >= n else repr(found[:40])}"
                )
        timing = TIMING.fullmatch(text, *lines[i])
        if timing is None:
            raise FormatError(f"{name}: malformed WebVTT at line {i + 1}: bad cue timing {_line(text, lines[i])[:60]!r}")
        ordinal += 1
        i += 1
        while i < n and _line(text, lines[i]).strip() and "-->" not in _line(text, lines[i]):  # --> starts a cue
            for s, e, continues in text_runs(text, lines[i][0], lines[i][1], TAG):
                value, offsets = escaped_value(text[s:e], _REFERENCE, html.unescape)
                regions.append(Region(s, e, value, ordinal, timing.group(1), offsets, escape, continues))
            i += 1
    return Layout("vtt", regions, label="cue")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def looks_like(text: str) -> bool:
    return bool(HEADER.match(text.split("\n", 1)[0].rstrip("\r")))


def _line(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]
