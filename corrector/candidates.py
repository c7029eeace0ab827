"""A possible correction, before the evidence is weighed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .glossary import Entry


@dataclass
class Candidate:
    start: int
    end: int
    before: str
    after: str
    entry: Entry
    rule: str  # alias, form, zh-sound, en-sound
    similarity: float  # how alike before and after sound (1 for alias and form)
    threshold: float  # the similarity this kind of match needs without extra evidence
    # changing a real word (an English dictionary word) needs at least this many pieces of
    # evidence (context words, the term spelled out, an exact word of a multi-word term ...)
    evidence_needed: int = 0
    strong_evidence_only: bool = False  # a very common word: context words do not count
    topic_evidence_only: bool = False  # only context words count, not the term written elsewhere
    # whether evidence may make up for a lower similarity (misspelt English non-words); for
    # Chinese, where a homophone is always near, evidence never lowers the bar
    evidence_lowers_threshold: bool = False
    # distinct context words of the entry that must be found around the span (a word that
    # sounds exactly like the term, where only the topic can tell them apart)
    context_words_needed: int = 0
    evidence: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    supports: list[tuple[str, str]] = field(default_factory=list)  # (kind, description)

    def support(self, kind: str, description: str) -> None:
        """Record evidence. Kinds: anchor, as-written, context, nearby, spelled, version, document,
        in-document."""
        self.supports.append((kind, description))

    def evidence_count(self) -> int:
        # a very common word (cloud, reading) is not changed because the topic is near: an
        # entry's context words, the term written nearby or elsewhere in the document say
        # only that (Claude写的代码部署在cloud上: the speaker said cloud)
        weak = {"context", "nearby", "in-document"} if self.strong_evidence_only else set()
        if self.topic_evidence_only:
            weak |= {"nearby", "in-document"}
        return sum(1 for kind, _d in self.supports if kind not in weak)

    @property
    def pair(self) -> tuple[str, str]:
        return (self.before, self.after)
