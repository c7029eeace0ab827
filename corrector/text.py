"""A read-only view of the transcript that the matchers share: Chinese runs with their
syllables, Latin-script tokens grouped into runs, and the spans known to be right already."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from . import zh_sound
from .index import LATIN_TOKEN, PART, TermIndex
from .script import is_han

# Latin tokens joined by spaces or a hyphen form one run ("Lex Freeman", "GPT-4", "Alpha code 2")
_RUN_SEPARATOR = re.compile(r"[ \t\u00a0]+|[ \t]*[-‐–][ \t]*")


@dataclass(frozen=True)
class Part:
    """A word or a number inside a Latin token: `POM2` has the parts `POM` and `2`."""

    start: int
    end: int
    text: str

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    parts: tuple[Part, ...]


@dataclass
class TextView:
    text: str
    index: TermIndex
    locked: list[tuple[int, int]] = field(default_factory=list)  # sorted, non-overlapping
    _locked_starts: list[int] = field(default_factory=list)
    # spans of protected words (correct ordinary words, never changed, even inside a term)
    protected: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._find_locked()

    # --- Chinese ------------------------------------------------------------------------------
    @cached_property
    def readings(self) -> list[zh_sound.Heard | None]:
        return zh_sound.readings(self.text)

    @cached_property
    def han_runs(self) -> list[tuple[int, int]]:
        runs, start = [], None
        for i, ch in enumerate(self.text):
            if is_han(ch):
                if start is None:
                    start = i
            elif start is not None:
                runs.append((start, i))
                start = None
        if start is not None:
            runs.append((start, len(self.text)))
        return runs

    @cached_property
    def _run_of_char(self) -> list[tuple[int, int] | None]:
        out: list[tuple[int, int] | None] = [None] * len(self.text)
        for run in self.han_runs:
            for i in range(run[0], run[1]):
                out[i] = run
        return out

    def han_run_at(self, pos: int) -> tuple[int, int] | None:
        """The run of Chinese characters that contains `pos`, if any."""
        return self._run_of_char[pos] if 0 <= pos < len(self.text) else None

    # --- Latin --------------------------------------------------------------------------------
    @cached_property
    def latin_runs(self) -> list[list[Token]]:
        runs: list[list[Token]] = []
        prev_end = -1
        for m in LATIN_TOKEN.finditer(self.text):
            if _in_technical_string(self.text, m.start(), m.end()):
                prev_end = -1
                continue
            parts = tuple(
                Part(m.start() + p.start(), m.start() + p.end(), p.group()) for p in PART.finditer(m.group())
            )
            token = Token(m.start(), m.end(), m.group(), parts)
            gap = self.text[prev_end : m.start()] if prev_end >= 0 else None
            if runs and gap is not None and _RUN_SEPARATOR.fullmatch(gap):
                runs[-1].append(token)
            else:
                runs.append([token])
            prev_end = m.end()
        return runs

    # --- what is already right ------------------------------------------------------------
    def _find_locked(self) -> None:
        spans: list[tuple[int, int]] = []
        correct = self.index.correct_spellings
        han_lengths = self.index.han_spelling_lengths
        starts = self.index.han_spelling_starts  # a cheap first test before trying every length
        text = self.text
        for start, end in self.han_runs:
            for i in range(start, end - 1):
                if text[i : i + 2] not in starts:
                    continue
                for n in han_lengths:
                    if i + n > end:
                        break
                    if text[i : i + n] in correct:
                        spans.append((i, i + n))
                        if correct[text[i : i + n]] is None:
                            self.protected.append((i, i + n))
        for run in self.latin_runs:
            for i in range(len(run)):
                for j in range(i, min(len(run), i + 6)):
                    if self.index.is_correct(text[run[i].start : run[j].end]):
                        spans.append((run[i].start, run[j].end))
        for spelling in self.index.mixed_spellings:
            i = text.find(spelling)
            while i != -1:
                spans.append((i, i + len(spelling)))
                i = text.find(spelling, i + 1)
        self.locked = _union(spans)
        self._locked_starts = [s for s, _ in self.locked]

    def locked_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Locked spans that overlap [start, end)."""
        i = bisect.bisect_right(self._locked_starts, start) - 1
        out = []
        for s, e in self.locked[max(i, 0) :]:
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out

    def changes_protected(self, start: int, end: int, replacement: str) -> bool:
        """Would replacing [start, end) change a protected word in it (不熟 in 本地不熟 ->
        本地部署)? A replacement of another length changes everything it covers."""
        # protected spans are found in text order; none is longer than the longest spelling
        longest = self.index.han_spelling_lengths[-1] if self.index.han_spelling_lengths else 0
        i = bisect.bisect_left(self.protected, (start - longest, 0))
        for s, e in self.protected[i:]:
            if s >= end:
                break
            if e > start and (len(replacement) != end - start or replacement[s - start : e - start] != self.text[s:e]):
                return True
        return False

    def touches_locked(self, start: int, end: int, replacement: str) -> bool:
        """True if an edit of [start, end) would change text that is known to be right.

        A locked span may lie wholly inside the edit only when the replacement keeps it
        (大型原模型 -> 大型語言模型 keeps 模型; Type script -> TypeScript keeps script, case aside)."""
        for s, e in self.locked_within(start, end):
            kept = self.text[s:e]
            if s < start or e > end or (kept not in replacement and kept.casefold() not in replacement.casefold()):
                return True
        return False


_DOTTED_NAME = re.compile(r"[A-Za-z][.][A-Za-z]")


def _foreign_letter(ch: str) -> bool:
    return bool(ch) and ch.isalpha() and not ch.isascii() and not is_han(ch)


def _in_technical_string(text: str, start: int, end: int) -> bool:
    """Part of a file name, path, address or URL (.yaml, pocketclaw.local, a/b, x@y): written,
    not misheard. (Node.js is a term; as such it is locked before matching starts.)"""
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    if _foreign_letter(before) or _foreign_letter(after[:1]):
        return True  # part of a word with letters beyond ASCII (palantír, café, Müller)
    if before and before in "./\\@:_#":
        return True
    if after[:1] in ("/", "\\", "@", "_") or (after[:1] in ".:" and after[1:2].isalnum()):
        return True
    return bool(_DOTTED_NAME.search(text, start, end))


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
