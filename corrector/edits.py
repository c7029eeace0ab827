"""Corrections as data: an edit over the original text plus the reason for it.

Offsets are code-point offsets into the original string, half-open `[start, end)`. Nothing here
knows about sounds or glossaries; matchers produce `Correction`s, this module chooses among
overlapping ones and rebuilds the text in one forward pass from slices of the original.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Sequence


class Applicability(str, Enum):
    """Whether a correction is applied by default (ruff's `Safe`) or only reported."""

    APPLY = "apply"
    SUGGEST = "suggest"


@dataclass(frozen=True)
class Correction:
    start: int
    end: int
    before: str
    after: str
    term: str
    rule: str  # which matcher found it: alias, form, zh-sound, en-sound, ...
    score: float  # 0..1 confidence after evidence
    reason: str  # one sentence a person can check
    glossary: str = ""  # file the term comes from
    evidence: dict = field(default_factory=dict, compare=False, hash=False)
    applicability: Applicability = Applicability.APPLY

    @property
    def length(self) -> int:
        return self.end - self.start

    def stable_id(self) -> str:
        """An id that is the same whenever the same input and glossaries give this change."""
        key = f"{self.start}:{self.end}:{self.before}:{self.after}:{self.term}:{self.rule}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def overlaps(a: Correction, b: Correction) -> bool:
    if a.start == a.end and b.start == b.end:  # two insertions clash at the same point
        return a.start == b.start
    if a.start == a.end:  # an insertion clashes with an edit around it, not at its edges
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def resolve_overlaps(candidates: Iterable[Correction]) -> list[Correction]:
    """Choose a set of non-overlapping corrections.

    Preference, as pycorrector's proper corrector does it: applied corrections before
    suggestions, then the longer span (a fix of `Jeth Bezos` must not be blocked by one of
    `Jeth` alone; the longer match carries more evidence), then the higher score, then the
    earlier start. Returned in text order.
    """
    ranked = sorted(
        candidates,
        key=lambda c: (
            c.applicability is not Applicability.APPLY,
            -c.length,
            -round(c.score, 6),
            c.start,
            c.after,
        ),
    )
    chosen: list[Correction] = []
    for cand in ranked:
        if not any(overlaps(cand, kept) for kept in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: (c.start, c.end))
    return chosen


def apply_corrections(text: str, corrections: Sequence[Correction]) -> str:
    """Rebuild `text` with the given non-overlapping corrections, in one pass.

    Raises ValueError if corrections overlap or do not match the text, so a caller can never
    produce a half-corrected output by accident.
    """
    pieces: list[str] = []
    cursor = 0
    for c in sorted(corrections, key=lambda c: (c.start, c.end)):
        if c.start < cursor:
            raise ValueError(f"overlapping corrections at {c.start}")
        if text[c.start : c.end] != c.before:
            raise ValueError(f"correction at {c.start} expects {c.before!r}, text has {text[c.start:c.end]!r}")
        pieces.append(text[cursor : c.start])
        pieces.append(c.after)
        cursor = c.end
    pieces.append(text[cursor:])
    return "".join(pieces)
