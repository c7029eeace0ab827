"""Whisper JSON: `{"text": ..., "segments": [{"id", "start", "end", "text", "words"?}, ...]}`.

The text of each segment is a region. Other copies of that text are kept in step:

- the top-level `text`, where each segment's text can be found in it in order (Whisper
  writes it as the segments' texts run together);
- word timings (`segments[].words[].word`, as `--word_timestamps True` writes them): when the
  words spell the segment's text, the new text is shared out among the words the change
  covers (character for character when the length stays the same); when they do not, the
  segment's `words` are dropped, and so is a top-level `word_segments` list (WhisperX), with
  a note in the report. Token ids (`tokens`) are the model's and are left as they are.

Strings are written back the way the file writes them: with `\\u` escapes when the file is all
ASCII (Python's `json.dump` default, which Whisper uses), as plain characters otherwise.
"""

from __future__ import annotations

import json
import re

from . import jsonspans
from .jsonspans import Node
from .layout import Edit, FormatError, Layout, Region, escaped_value, line_number

# one character of a JSON string's value: an escape (a surrogate pair is one character) or itself
_JSON_CHAR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|[^\\]", re.S)
_UPPER_ESCAPE = re.compile(r"\\u(?=[0-9A-F]{0,3}[A-F])[0-9A-F]{4}")


class WhisperLayout(Layout):
    def __init__(self, regions: list[Region], top: Region | None, top_at: list[int | None], words: list[list[Region] | None], drop_words: list[tuple[int, int] | None], drop_word_segments: tuple[int, int] | None):
        super().__init__("whisper-json", regions, label="segment")
        self.top = top
        self.top_at = top_at  # where each segment's text starts in the top-level text
        self.words = words  # per segment: its words, None if it has none, [] if they do not spell the text
        self.drop_words = drop_words  # per segment: the span of its "words" member
        self.drop_word_segments = drop_word_segments

    def derived(self, region: int, start: int, end: int, new: str) -> tuple[list[Edit], list[str]]:
        edits: list[Edit] = []
        notes: list[str] = []
        segment = self.regions[region].segment
        if self.top is not None:
            at = self.top_at[region]
            if at is None:
                notes.append(f"segment {segment}: the top-level text does not contain this segment's text; it was left as it was")
            else:
                s, e = self.top.span(at + start, at + end)
                edits.append(Edit(s, e, self.top.written(new)))
        words = self.words[region]
        if words is not None:
            if words:
                word_edits, resplit = _share_out(words, start, end, new)
                edits += word_edits
                if resplit:
                    old = self.regions[region].value[start:end]
                    notes.append(f"segment {segment}: word timings of {old} → {new} shared out among {resplit} words")
            else:
                edits.append(Edit(*self.drop_words[region], ""))
                notes.append(f"segment {segment}: word timings dropped (its words do not spell its text)")
        if self.drop_word_segments is not None:
            edits.append(Edit(*self.drop_word_segments, ""))
            notes.append("word_segments dropped (word timings out of step with the corrected text)")
        return edits, notes


def _share_out(words: list[Region], start: int, end: int, new: str) -> tuple[list[Edit], int]:
    """Edits of the words that spell [start, end) of the segment's text, so that together they
    spell `new` there; and how many words had to share a change of length (0 if none)."""
    bounds = [0]
    for w in words:
        bounds.append(bounds[-1] + len(w.value))
    if start == end:  # an insertion goes to the word it follows
        k = next((k for k in range(len(words)) if bounds[k] < start <= bounds[k + 1]), 0)
        s, e = words[k].span(start - bounds[k], start - bounds[k])
        return [Edit(s, e, words[k].written(new))], 0
    covered = [k for k in range(len(words)) if bounds[k] < end and start < bounds[k + 1]]
    edits = []
    total = end - start
    for n, k in enumerate(covered):
        a, b = max(start, bounds[k]), min(end, bounds[k + 1])
        if len(new) == total:
            part = new[a - start : b - start]
        else:
            cut_a = round(len(new) * (a - start) / total)
            cut_b = len(new) if n == len(covered) - 1 else round(len(new) * (b - start) / total)
            part = new[cut_a:cut_b]
        if part != words[k].value[a - bounds[k] : b - bounds[k]]:
            s, e = words[k].span(a - bounds[k], b - bounds[k])
            edits.append(Edit(s, e, words[k].written(part)))
    return edits, (len(covered) if len(covered) > 1 and len(new) != total else 0)


def parse(text: str, name: str) -> Layout:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{name}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise FormatError(f"{name}: malformed JSON: nested too deeply") from None
    root = jsonspans.parse(text)
    segments = root.get("segments") if root.kind == "object" else None
    if segments is None or segments.kind != "array":
        where = line_number(text, segments.start) if segments is not None else 1
        raise FormatError(f"{name}: not a Whisper JSON file at line {where}: expected an object with a \"segments\" list")
    escape = _escaper(text)
    regions: list[Region] = []
    words: list[list[Region] | None] = []
    drop_words: list[tuple[int, int] | None] = []
    for position, seg in enumerate(segments.value):
        seg_text = seg.get("text") if seg.kind == "object" else None
        if seg_text is None or seg_text.kind != "string":
            raise FormatError(f"{name}: not a Whisper JSON file at line {line_number(text, seg.start)}: a segment without a \"text\" string")
        ident = seg.get("id")
        number = ident.value if ident is not None and ident.kind == "number" and isinstance(ident.value, int) else position
        start = seg.get("start")
        time = _clock(start.value) if start is not None and start.kind == "number" else None
        regions.append(_string_region(text, seg_text, escape, number, time))
        words.append(_words(text, seg, regions[-1].value, escape))
        member = seg.member("words")
        drop_words.append(_member_span(seg, member) if member is not None else None)
    top_node = root.get("text")
    top = _string_region(text, top_node, escape, None, None) if top_node is not None and top_node.kind == "string" else None
    top_at: list[int | None] = []
    cursor = 0
    for region in regions:
        at = top.value.find(region.value, cursor) if top is not None else -1
        top_at.append(at if at >= 0 else None)
        if at >= 0:
            cursor = at + len(region.value)
    ws = root.member("word_segments")
    return WhisperLayout(regions, top, top_at, words, drop_words, _member_span(root, ws) if ws is not None else None)


def _words(text: str, seg: Node, value: str, escape) -> list[Region] | None:
    node = seg.get("words")
    if node is None or node.kind != "array":
        return None
    out = []
    for w in node.value:
        word = w.get("word") if w.kind == "object" else None
        if word is None or word.kind != "string":
            return []
        out.append(_string_region(text, word, escape, None, None))
    return out if "".join(w.value for w in out) == value else []


def _string_region(text: str, node: Node, escape, number: int | None, time: str | None) -> Region:
    start, end = node.start + 1, node.end - 1
    raw = text[start:end]
    if "\\" not in raw:
        return Region(start, end, raw, number, time, None, escape)
    value, offsets = escaped_value(raw, _JSON_CHAR, lambda piece: json.loads(f'"{piece}"'))
    return Region(start, end, value, number, time, offsets, escape)


def _escaper(text: str):
    """Write new text as the file writes its strings."""
    ascii_only = text.isascii()
    upper = bool(_UPPER_ESCAPE.search(text))

    def escape(value: str) -> str:
        out = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
        if upper:
            out = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), out)
        return out

    return escape


def _member_span(obj: Node, member: jsonspans.Member) -> tuple[int, int]:
    """The text to delete to remove `member` from `obj`, with one comma and the space around it."""
    members = obj.members
    k = members.index(member)
    if k > 0:
        return members[k - 1].node.end, member.node.end
    if len(members) > 1:
        return member.key_start, members[1].key_start
    return member.key_start, member.node.end


def _clock(seconds: float) -> str:
    ms = round(float(seconds) * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def looks_like(text: str) -> bool:
    head = text.lstrip()[:1]
    return head == "{" and '"segments"' in text
