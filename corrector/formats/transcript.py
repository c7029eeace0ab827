"""Correcting the text of a file's regions as one transcript, and mapping the fixes back.

The regions are run together into a *virtual text*: nothing between two regions when either
side is Chinese (or already a space) or when only markup separates them on one line, a space
between two Latin words at a line or cue break. The corrector sees the
transcript as a reader hears it, so a term cut in two by a cue break (哈|利) is still found,
and the same document-wide evidence counts as in a plain-text file.

Each correction is mapped back to file offsets. One that runs across a break is split into
one edit per region, aligned character by character (difflib), so that each fix stays inside
its own cue; text the fix would put in the break goes to the end of the earlier cue. A fix
that would only change the break itself is not applied, and said so in a note.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
from dataclasses import dataclass, field
from typing import Sequence

from ..edits import Correction, apply_corrections
from ..inputs import Document
from ..report import Positions
from ..script import Script, is_han
from .layout import Layout, line_number


@dataclass(frozen=True)
class Change:
    """One correction in file coordinates, and the edits that keep other copies of the text
    (Whisper's top-level text, word timings) in step with it."""

    correction: Correction
    derived: tuple[Correction, ...] = ()
    shown: Correction | None = None  # as a reader sees it, where the file escapes the text

    @property
    def readable(self) -> Correction:
        return self.shown or self.correction


@dataclass
class Transcript:
    document: Document
    layout: Layout
    script: Script
    changes: list[Change] = field(default_factory=list)
    suggested: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def format(self) -> str:
        return self.layout.format

    @property
    def corrections(self) -> list[Correction]:
        return [c.correction for c in self.changes]

    @property
    def suggestions(self) -> list[Correction]:
        return [c.correction for c in self.suggested]

    def shown(self, *, suggestions: bool = False) -> list[Correction]:
        """The corrections for reports: offsets into the file, text as a reader sees it (a
        JSON file's `\\u54c8` is shown as 哈)."""
        return [c.readable for c in (self.suggested if suggestions else self.changes)]

    def edits(self, changes: Sequence[Change] | None = None) -> list[Correction]:
        """Every edit of the file for these changes (default: all applied ones), in order."""
        chosen = self.changes if changes is None else changes
        seen: dict[tuple[int, int, str], Correction] = {}
        for change in chosen:
            for c in (change.correction, *change.derived):
                seen.setdefault((c.start, c.end, c.after), c)
        return sorted(seen.values(), key=lambda c: (c.start, c.end))

    @property
    def text(self) -> str:
        """The corrected file, decoded."""
        return apply_corrections(self.document.text, self.edits())

    def data(self, changes: Sequence[Change] | None = None) -> bytes:
        """The corrected file's bytes: the original with only the edited spans re-encoded."""
        return self.document.patch(self.edits(changes))

    def positions(self) -> Positions:
        return Positions(self.document.text, self.layout.segment_of if self.layout.segments else None)


def virtual_text(layout: Layout) -> tuple[str, list[int]]:
    """The regions' values run together, and where each region starts in it (-1: empty)."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    previous = ""
    for region in layout.regions:
        if not region.value:
            starts.append(-1)
            continue
        if previous:
            joiner = "" if region.continues else _joiner(previous[-1], region.value[0])
            parts.append(joiner)
            length += len(joiner)
        starts.append(length)
        parts.append(region.value)
        length += len(region.value)
        previous = region.value
    return "".join(parts), starts


def _joiner(left: str, right: str) -> str:
    if left.isspace() or right.isspace() or _is_cjk(left) or _is_cjk(right):
        return ""
    return " "


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return is_han(ch) or 0x3000 <= o <= 0x30FF or 0xFF00 <= o <= 0xFFEF or 0xAC00 <= o <= 0xD7AF


def correct_layout(corrector, document: Document, layout: Layout) -> Transcript:
    virtual, starts = virtual_text(layout)
    if not virtual.strip():
        return Transcript(document, layout, Script.SIMPLIFIED)
    result = corrector.correct(virtual)
    mapper = _Mapper(document, layout, starts)
    changes = [ch for c in result.corrections for ch in mapper.map(c)]
    suggested = [ch for c in result.suggestions for ch in mapper.map(c, quiet=True)]
    return Transcript(document, layout, result.script, changes, suggested, _unique(mapper.notes))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


class _Mapper:
    """Maps corrections of the virtual text to changes of the file; says why one cannot be."""

    def __init__(self, document: Document, layout: Layout, starts: list[int]):
        self.document = document
        self.layout = layout
        self.regions = [(s, s + len(r.value), i) for i, (s, r) in enumerate(zip(starts, layout.regions)) if s >= 0]
        self.region_starts = [s for s, _, _ in self.regions]
        self.notes: list[str] = []

    def map(self, c: Correction, *, quiet: bool = False) -> list[Change]:
        pieces = self._pieces(c)
        if not pieces:
            return self._refuse(c, f"it would only change the break between two {self.layout.label}s", quiet)
        planned = []
        for i, start, end, new in pieces:
            region = self.layout.regions[i]
            s, e = region.span(start, end)
            after = region.written(new)
            edits, notes = self.layout.derived(i, start, end, new)
            if self.layout.touches_protected(s, e):
                return self._refuse(c, "it would change a timestamp", quiet)
            if not all(self.document.can_encode(text) for text in [after] + [x.after for x in edits]):
                return self._refuse(c, f"{c.after} cannot be written in {self.document.encoding}", quiet)
            planned.append((region, start, end, new, s, e, after, edits, notes))
        numbers = sorted({region.segment for region, *_ in planned}, key=lambda n: (n is None, n))
        reason, evidence = c.reason, dict(c.evidence)
        if len(numbers) > 1:
            reason += f" (the term runs across {self.layout.label}s {' and '.join(str(n) for n in numbers)})"
            evidence["across"] = {"before": c.before, "after": c.after, self.layout.label + "s": numbers}
        changes = []
        for region, start, end, new, s, e, after, edits, notes in planned:
            text = self.document.text
            correction = dataclasses.replace(c, start=s, end=e, before=text[s:e], after=after, reason=reason, evidence=evidence)
            derived = tuple(dataclasses.replace(correction, start=x.start, end=x.end, before=text[x.start : x.end], after=x.after) for x in edits)
            shown = None
            if region.offsets is not None or after != new:  # the file escapes the text: show it plainly
                shown = dataclasses.replace(correction, before=region.value[start:end], after=new)
            changes.append(Change(correction, derived, shown))
            if not quiet:
                self.notes.extend(notes)
        return changes

    def _refuse(self, c: Correction, why: str, quiet: bool) -> list[Change]:
        if not quiet:
            self.notes.append(f"{self._where(c)}: {c.before} → {c.after} not applied: {why}")
        return []

    def _where(self, c: Correction) -> str:
        """The cue (or, in a file without cues, the line) a correction of the virtual text is in."""
        k = max(bisect.bisect_right(self.region_starts, c.start) - 1, 0)
        vs, ve, i = self.regions[k]
        region = self.layout.regions[i]
        if region.segment is not None:
            return f"{self.layout.label} {region.segment}"
        offset = region.span(min(c.start - vs, ve - vs), min(c.start - vs, ve - vs))[0]
        return f"line {line_number(self.document.text, offset)}"

    def _pieces(self, c: Correction) -> list[tuple[int, int, int, str]]:
        """(region, start, end, new text) for each region the correction changes."""
        s, e = c.start, c.end
        if s == e:
            for vs, ve, i in self.regions:
                if vs <= s <= ve:
                    return [(i, s - vs, s - vs, c.after)]
            return []
        touched = [(vs, ve, i) for vs, ve, i in self.regions if vs < e and s < ve]
        if not touched:
            return []
        if len(touched) == 1 and touched[0][0] <= s and e <= touched[0][1]:
            vs, _, i = touched[0]
            return [(i, s - vs, e - vs, c.after)]
        before, after = c.before, c.after
        position = _aligner(before, after)
        pieces: list[list] = []  # [region, start, end, new text]
        prefix = ""
        cursor = 0  # in `before`: the end of the previous piece
        for vs, ve, i in touched:
            a, b = max(s, vs) - s, min(e, ve) - s
            # the break before this piece: what the fix puts there goes to the earlier cue
            # (to this one if there is none); a break that only loses its space stays
            gap_before, gap_after = before[cursor:a], after[position(cursor) : position(a)]
            if gap_after and gap_after != gap_before:
                if pieces:
                    pieces[-1][3] += gap_after
                else:
                    prefix = gap_after
            pieces.append([i, a + s - vs, b + s - vs, prefix + after[position(a) : position(b)]])
            prefix, cursor = "", b
        gap_before, gap_after = before[cursor:], after[position(cursor) :]
        if gap_after and gap_after != gap_before:
            pieces[-1][3] += gap_after
        values = self.layout.regions
        return [(i, start, end, new) for i, start, end, new in pieces if new != values[i].value[start:end]]


def _aligner(before: str, after: str):
    """Map each position of `before` to a position of `after` (monotonic)."""
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()

    def position(p: int) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if i1 <= p <= i2:
                if tag == "equal":
                    return j1 + (p - i1)
                if p == i1:
                    return j1
                if p == i2:
                    return j2
                return j1 + round((p - i1) * (j2 - j1) / (i2 - i1))
        return len(after)

    return position
