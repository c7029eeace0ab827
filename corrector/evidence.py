"""Weigh each candidate's evidence and decide what is applied, suggested, or dropped.

Evidence, as LESSONS.md found it in real transcripts:
- context: one of the entry's context words nearby, the term itself written nearby, or (for
  English) the term spelled out letter by letter (POM P-A-L-M);
- document: the same wrong text fixed the same way elsewhere in the transcript, on its own
  evidence. Once one 硬聽 is surely 英聽, the others need less;
- in-document: a Chinese term of the user's own glossary written correctly elsewhere in the
  transcript (the greeting's 老庄 for a later 老张); an English term written elsewhere in it,
  or written there by a fix accepted on its own evidence (ader -> Aider makes adder Aider).
A candidate is applied when its similarity plus the bonuses reaches its threshold and it has
as many pieces of evidence as it needs. Two different terms claiming the same text with
scores closer than `ambiguity_margin` are only suggested (typos' rule: an ambiguous finding
is reported, never applied).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from .candidates import Candidate
from .edits import Applicability, Correction
from .script import to_simplified
from .settings import Settings


# evidence read from the text around a candidate (as opposed to the matcher's own: anchors)
CONTEXT_KINDS = frozenset({"context", "nearby", "version", "spelled", "in-document"})
MAX_ROUNDS = 3


def decide(candidates: list[Candidate], text: str, settings: Settings) -> list[Correction]:
    """Accept what the evidence supports; then look again at the rest with the accepted fixes
    in place (ChatGPT fixed from Chat GPT is context for its neighbours), until nothing more
    is accepted. Correcting the corrected text then finds what this found, and no more."""
    candidates = [c for c in candidates if not _blocked(c, text, settings)]
    # a candidate that no evidence can carry over its bar is only a rival of the others: the
    # text around it need not be searched (most of them, and most of the time spent here)
    hopeful = {id(c) for c in candidates if _best_score(c, settings) >= c.threshold}
    hopeless = [c for c in candidates if id(c) not in hopeful]
    candidates = [c for c in candidates if id(c) in hopeful]
    for c in candidates:
        _gather_context(c, text, c.start, c.end, settings)
    accepted: set[int] = set()
    for _round in range(MAX_ROUNDS):
        before = len(accepted)
        _accept(candidates, accepted, settings)
        if len(accepted) == before and _round:
            break
        preview, moved = _preview(text, [c for c in candidates if id(c) in accepted])
        for c in candidates:
            if id(c) not in accepted and (span := moved(c.start, c.end)) is not None:
                c.supports = [sup for sup in c.supports if sup[0] not in CONTEXT_KINDS]
                _gather_context(c, preview, *span, settings)

    kept = [c for c in candidates if id(c) in accepted]
    rejected = [c for c in candidates if id(c) not in accepted] + hopeless
    return [_correction(c, ambiguous, settings) for c, ambiguous in _flag_ambiguous(kept, rejected, settings)]


def _accept(candidates: list[Candidate], accepted: set[int], settings: Settings) -> None:
    """Accept on a candidate's own evidence, then on the same fix confirmed elsewhere."""
    accepted.update(id(c) for c in candidates if _passes(c, settings, document=False))
    confirmed_pairs = {c.pair for c in candidates if id(c) in accepted}
    for c in candidates:
        if id(c) not in accepted and c.pair in confirmed_pairs:
            if not any(kind == "document" for kind, _d in c.supports):
                c.support("document", f"the same fix is confirmed elsewhere in the document ({c.before} → {c.after})")
            if _passes(c, settings, document=True):
                accepted.add(id(c))


def _preview(text: str, accepted: list[Candidate]):
    """The text with the accepted fixes applied (the longer of overlapping ones), and a map
    from a span of the original to the same span in it (None for a span they touch)."""
    chosen: list[Candidate] = []
    for c in sorted(accepted, key=lambda c: (-(c.end - c.start), -c.similarity, c.start)):
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    pieces, cursor = [], 0
    for c in chosen:
        pieces += [text[cursor : c.start], c.after]
        cursor = c.end
    pieces.append(text[cursor:])

    def moved(start: int, end: int) -> tuple[int, int] | None:
        shift = 0
        for c in chosen:
            if c.end <= start:
                shift += len(c.after) - (c.end - c.start)
            elif c.start < end:
                return None
        return start + shift, end + shift

    return "".join(pieces), moved


def score_of(c: Candidate, settings: Settings, *, document: bool, kinds: frozenset[str] | None = None) -> float:
    """Similarity plus the evidence bonuses, for candidates whose bar evidence may lower (see
    Candidate.evidence_lowers_threshold); `kinds`: the evidence found, if not the candidate's."""
    kinds = kinds if kinds is not None else frozenset(kind for kind, _d in c.supports)
    bonus = 0.0
    if c.evidence_lowers_threshold and not c.evidence_needed:
        if kinds & {"context", "nearby", "spelled", "anchor"}:
            bonus += settings.context_bonus
        if document:
            bonus += settings.document_bonus
    return min(1.0, c.similarity + bonus)


def _best_score(c: Candidate, settings: Settings) -> float:
    """The highest score the candidate could reach, with every kind of evidence found."""
    return score_of(c, settings, document=True, kinds=CONTEXT_KINDS)


def _passes(c: Candidate, settings: Settings, *, document: bool) -> bool:
    return (
        score_of(c, settings, document=document) >= c.threshold
        and c.evidence_count() >= c.evidence_needed
        and _distinct(c.evidence.get("context_words", ())) >= c.context_words_needed
    )


def _distinct(words) -> int:
    """Context words found, one for each place: 清华 inside 清华大学 is the same piece."""
    folded = [w.casefold() for w in words]
    return sum(1 for w in folded if not any(w != o and w in o for o in folded))


def _window(text: str, start: int, end: int, settings: Settings) -> str:
    w = settings.context_window
    return text[max(0, start - w) : start] + " " + text[end : end + w]


def _blocked(c: Candidate, text: str, settings: Settings) -> bool:
    window = _window(text, c.start, c.end, settings)
    return any(word and word in window for word in c.entry.not_near)


def look_around(c: Candidate, text: str, settings: Settings) -> None:
    """Record the evidence around a candidate that `decide` passed over as hopeless, for
    reports that show why it was turned down."""
    if not c.supports:
        _gather_context(c, text, c.start, c.end, settings)


def _gather_context(c: Candidate, text: str, start: int, end: int, settings: Settings) -> None:
    """Evidence from the text around the candidate's span [start, end) of `text`."""
    window = _window(text, start, end, settings)
    simplified, folded = to_simplified(window), window.casefold()
    found = [w for w in c.entry.context if _contains(window, w, simplified, folded)]
    if found:
        c.support("context", f"context: {', '.join(found)}")
        c.evidence["context_words"] = found
    # the term written correctly nearby shows the speaker uses it; for Chinese it proves
    # little (the recogniser may write a homophone either way: 極客 beside 極氪)
    if c.rule in ("en-sound", "alias") and _contains(window, c.after, simplified, folded):
        c.support("nearby", f"the term {c.after} is written nearby")
    # ... but a term of the user's own list, written for this transcript, that the document
    # also has written correctly is being said in it (老庄 in the greeting, 老张 later)
    if c.rule == "zh-sound" and not c.entry.bundled and to_simplified(c.after) in _simplified(text):
        c.support("in-document", f"{c.after} is written correctly elsewhere in the document")
    # an English name the document writes correctly elsewhere (or that a fix accepted on its
    # own evidence wrote there: ader -> Aider) is being talked about; as an entry's context
    # words, this is not enough to change a very common word (cloud stays cloud beside Claude)
    if c.rule == "en-sound" and _written_elsewhere(text, c.after, start, end):
        c.support("in-document", f"{c.after} is written elsewhere in the document")
    if c.rule == "en-sound" and c.similarity >= VERSIONED_NAME_SIMILARITY and _names_a_product(c.after):
        version = _VERSION_AFTER.match(text, end)
        if version:
            c.support("version", f"followed by a version number ({version.group().strip()}), as a product name is")
    letters = re.sub(r"[^A-Za-z]", "", c.after).lower()
    if c.rule == "en-sound" and len(letters) >= 3 and letters in _spelled_out(window):
        c.support("spelled", f"the term is spelled out nearby ({'-'.join(letters.upper())})")


# A common word followed by a version number ("cloud 3.5") is more likely a product's name
# (Claude 3.5) than the word; only for a near-identical sound.
VERSIONED_NAME_SIMILARITY = 0.9
_VERSION_AFTER = re.compile(r"[ \u00a0]?[0-9]+(?:[.．][0-9]+)+(?![0-9A-Za-z])|[ \u00a0]?[vV]?[0-9]+(?![0-9A-Za-z.．])")


def _names_a_product(term: str) -> bool:
    """A name (capitalised, not an ordinary word written in lower case) without a version of its own."""
    return any(ch.isupper() for ch in term) and not any(ch.isdigit() for ch in term)


_SPELLED = re.compile(r"(?<![A-Za-z])[A-Za-z](?:[\s.\-‐][A-Za-z])+(?![A-Za-z])")


def _spelled_out(window: str) -> set[str]:
    """Words spelled out letter by letter in the window (P-A-L-M, P A L M, P.A.L.M -> palm)."""
    return {re.sub(r"[^A-Za-z]", "", m.group()).lower() for m in _SPELLED.finditer(window)}


@lru_cache(maxsize=4)
def _simplified(text: str) -> str:
    return to_simplified(text)


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    return text.casefold()


def _contains(window: str, word: str, simplified: str | None = None, folded: str | None = None) -> bool:
    """Is `word` in the window? Chinese in either script (a glossary's 記憶體 is found in
    Simplified text as 记忆体); Latin words must stand as words, case aside (Pod is not in
    Podcast; GPU is in GPUs). `simplified` and `folded` are the window converted and
    case-folded, when the caller has them."""
    if not word:
        return False
    if not word.isascii():
        return word in window or to_simplified(word) in (simplified if simplified is not None else to_simplified(window))
    haystack = folded if folded is not None else window.casefold()
    return next(_word_matches(haystack, word.casefold()), None) is not None


def _word_matches(haystack: str, needle: str):
    """Where the (case-folded) Latin word stands as a word in the (case-folded) text."""
    i = haystack.find(needle)
    while i != -1:
        before = haystack[i - 1] if i else " "
        after = haystack[i + len(needle)] if i + len(needle) < len(haystack) else " "
        if not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalpha() and after != "s"):
            yield i
        i = haystack.find(needle, i + 1)


def _written_elsewhere(text: str, word: str, start: int, end: int) -> bool:
    """Is the Latin word written in the text outside [start, end)?"""
    folded = _folded(text)
    if len(folded) != len(text):  # case folding moved the offsets (ß -> ss): look at each side
        return _contains(text[:start], word) or _contains(text[end:], word)
    n = len(word)
    return any(i + n <= start or i >= end for i in _word_matches(folded, word.casefold()))


def _flag_ambiguous(kept: list[Candidate], rejected: list[Candidate], settings: Settings) -> list[tuple[Candidate, bool]]:
    """Mark candidates where another term claims the same text with a similarity nearly as
    high (accepted or not: anthropy is as near Anthropic as entropy), or where a multi-word
    term that is partly written out claims it (Lex Reven: the Lex of Lex Fridman claims
    Reven, so Reven is not confidently Rivian), or a longer span around it sounds more like
    another term."""
    by_span: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for c in kept + rejected:
        by_span[(c.start, c.end)].append(c)
    claims = [c for c in rejected if any(kind == "anchor" for kind, _d in c.supports)]
    out = []
    for c in kept:
        rivals = [o for o in by_span[(c.start, c.end)] if o.after != c.after and o.entry.key != c.entry.key]
        close = [o for o in rivals if c.similarity - o.similarity < settings.ambiguity_margin]
        close += [o for o in claims if o.entry.term != c.entry.term and _around(o, c)]
        # ... or where the English words around it sound more like another term with it (Cooper
        # Netties is nearer Kubernetes than Netties alone is to NetEase; a version number
        # after it is no such word)
        close += [
            o
            for o in rejected
            if c.rule == o.rule == "en-sound" and o.entry.term != c.entry.term and o.similarity > c.similarity
            and _around(o, c) and any(ch.isalpha() for ch in o.before.replace(c.before, "", 1))
        ]
        if close:
            c.reasons.append("competes with " + ", ".join(sorted({o.entry.term for o in close})))
        out.append((c, bool(close)))
    return out


def _around(outer: Candidate, inner: Candidate) -> bool:
    """Is `outer` a longer span that contains `inner`'s?"""
    return outer.start <= inner.start and inner.end <= outer.end and (outer.start, outer.end) != (inner.start, inner.end)


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
