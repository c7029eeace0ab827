"""Weigh each candidate's evidence and decide what is applied, suggested, or dropped.

Evidence, as LESSONS.md found it in real transcripts:
- context: one of the entry's context words nearby, the term itself written nearby, or (for
  English) the term spelled out letter by letter (POM P-A-L-M);
- document: the same wrong text fixed the same way elsewhere in the transcript, on its own
  evidence. Once one 硬聽 is surely 英聽, the others need less.
A candidate is applied when its similarity plus the bonuses reaches its threshold and it has
as many pieces of evidence as it needs. Two different terms claiming the same text with
scores closer than `ambiguity_margin` are only suggested (typos' rule: an ambiguous finding
is reported, never applied).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .candidates import Candidate
from .edits import Applicability, Correction
from .settings import Settings


def decide(candidates: list[Candidate], text: str, settings: Settings) -> list[Correction]:
    candidates = [c for c in candidates if not _blocked(c, text, settings)]
    for c in candidates:
        _gather_context(c, text, settings)

    accepted = {id(c) for c in candidates if _passes(c, settings, document=False)}
    confirmed_pairs = {c.pair for c in candidates if id(c) in accepted}
    for c in candidates:
        if id(c) not in accepted and c.pair in confirmed_pairs:
            c.support("document", f"the same fix is confirmed elsewhere in the document ({c.before} → {c.after})")
            if _passes(c, settings, document=True):
                accepted.add(id(c))

    kept = [c for c in candidates if id(c) in accepted]
    return [_correction(c, ambiguous, settings) for c, ambiguous in _flag_ambiguous(kept, settings)]


def score_of(c: Candidate, settings: Settings, *, document: bool) -> float:
    """Similarity plus the evidence bonuses. A candidate that must show evidence anyway (a
    real English word) gets no bonus: evidence lets it through, it does not lower the bar."""
    kinds = {kind for kind, _d in c.supports}
    bonus = 0.0
    if not c.evidence_needed:
        if kinds & {"context", "nearby", "spelled", "anchor"}:
            bonus += settings.context_bonus
        if document:
            bonus += settings.document_bonus
    return min(1.0, c.similarity + bonus)


def _passes(c: Candidate, settings: Settings, *, document: bool) -> bool:
    return score_of(c, settings, document=document) >= c.threshold and c.evidence_count() >= c.evidence_needed


def _window(c: Candidate, text: str, settings: Settings) -> str:
    w = settings.context_window
    return text[max(0, c.start - w) : c.start] + " " + text[c.end : c.end + w]


def _blocked(c: Candidate, text: str, settings: Settings) -> bool:
    window = _window(c, text, settings)
    return any(word and word in window for word in c.entry.not_near)


def _gather_context(c: Candidate, text: str, settings: Settings) -> None:
    window = _window(c, text, settings)
    found = [w for w in c.entry.context if _contains(window, w)]
    if found:
        c.support("context", f"context: {', '.join(found)}")
    if c.rule != "form" and _contains(window, c.after):
        c.support("nearby", f"the term {c.after} is written nearby")
    letters = re.sub(r"[^A-Za-z]", "", c.after)
    if c.rule == "en-sound" and len(letters) >= 3:
        spelled = r"(?<![A-Za-z])" + r"[\s.\-‐]".join(re.escape(ch) for ch in letters) + r"(?![A-Za-z])"
        if re.search(spelled, window, re.IGNORECASE):
            c.support("spelled", f"the term is spelled out nearby ({'-'.join(letters.upper())})")


def _contains(window: str, word: str) -> bool:
    """Whole-word for Latin words (GPU is not inside GPUs? it is; Pod is not inside Podcast)."""
    if not word:
        return False
    if word.isascii():
        return re.search(r"(?<![A-Za-z0-9])" + re.escape(word) + r"(?![A-Za-z])", window, re.IGNORECASE) is not None
    return word in window


def _flag_ambiguous(kept: list[Candidate], settings: Settings) -> list[tuple[Candidate, bool]]:
    """Mark candidates where another term claims the same text with a score nearly as high."""
    by_span: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for c in kept:
        by_span[(c.start, c.end)].append(c)
    out = []
    for c in kept:
        rivals = [o for o in by_span[(c.start, c.end)] if o.after != c.after and o.entry.term != c.entry.term]
        close = [o for o in rivals if abs(o.similarity - c.similarity) < settings.ambiguity_margin]
        if close:
            c.reasons.append("competes with " + ", ".join(sorted({o.after for o in close})))
        out.append((c, bool(close)))
    return out


def _correction(c: Candidate, ambiguous: bool, settings: Settings) -> Correction:
    applicability = Applicability.SUGGEST if (ambiguous or c.entry.suggest_only) else Applicability.APPLY
    document = any(kind == "document" for kind, _d in c.supports)
    reason = "; ".join(c.reasons + [d for _k, d in c.supports])
    if c.entry.suggest_only:
        reason += "; the glossary marks this term suggest-only"
    return Correction(
        start=c.start,
        end=c.end,
        before=c.before,
        after=c.after,
        term=c.entry.term,
        rule=c.rule,
        score=round(score_of(c, settings, document=document), 4),
        reason=reason,
        glossary=c.entry.file,
        evidence={**c.evidence, "similarity": c.similarity, "supports": [d for _k, d in c.supports]},
        applicability=applicability,
    )
