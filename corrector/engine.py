"""The corrector: glossary in, corrections out.

    corrector = Corrector(glossary.load_all(["show.txt"]))
    result = corrector.correct(text)
    result.text          # corrected transcript
    result.corrections   # what changed, where, and why

A `Corrector` owns everything it derives from its glossary (term indexes per script, a jieba
tokenizer with the terms added); nothing is global, so two correctors with different
glossaries can live side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import en_match, evidence, mixed_match, names, zh_match
from .candidates import Candidate
from .edits import Applicability, Correction, apply_corrections, overlaps, resolve_overlaps
from .glossary import Glossary, with_related_context
from .cache import load_or_build
from .index import TermIndex
from .lexicon import ChineseLexicon, base_frequency
from .script import Script, detect, has_han, in_script, to_simplified
from .settings import DEFAULT, Settings
from .text import TextView


@dataclass
class Result:
    original: str
    script: Script
    corrections: list[Correction] = field(default_factory=list)  # applied, in text order
    suggestions: list[Correction] = field(default_factory=list)  # reported only

    @property
    def text(self) -> str:
        return apply_corrections(self.original, self.corrections)


class Corrector:
    def __init__(self, glossary: Glossary, settings: Settings = DEFAULT):
        if any(not e.bundled and e.is_chinese for e in glossary.entries):
            glossary = names.with_address_forms(glossary, base_frequency)
        self.glossary = glossary
        self.settings = settings
        self._indexes: dict[Script, TermIndex] = {}
        words: dict[str, int] = {}
        for entry in glossary.entries:
            for spelling in entry.spellings():
                if has_han(spelling):
                    words[to_simplified(spelling)] = settings.zh_term_frequency
        self.lexicon = ChineseLexicon(words.items(), minimum=True)

    def index(self, script: Script) -> TermIndex:
        if script not in self._indexes:
            def build() -> TermIndex:
                # context relations completed both ways here, where they are cached with the index
                glossary = with_related_context(self.glossary)
                return TermIndex.build(glossary, script, use_aliases=self.settings.use_aliases)

            fingerprint = self.glossary.fingerprint
            if fingerprint is None:
                self._indexes[script] = build()
            else:
                key = f"index-{fingerprint}-{script.value}-{int(self.settings.use_aliases)}"

                def build_all() -> TermIndex:
                    index = build()
                    index.english_onset_groups()  # cached with the index
                    return index

                self._indexes[script] = load_or_build(key, build_all)
        return self._indexes[script]

    def correct(self, text: str, *, script: Script | None = None) -> Result:
        script = script or detect(text)
        index = self.index(script)
        view = TextView(text, index)
        candidates = alias_candidates(view, index)
        candidates += en_match.find(view, index, self.settings)
        candidates += mixed_match.find(view, index, self.lexicon, self.settings)
        candidates += zh_match.find(view, index, self.lexicon, self.settings)
        decided = [_in_line_script(c, text, script) for c in evidence.decide(candidates, text, self.settings)]
        applied = resolve_overlaps(c for c in decided if c.applicability is Applicability.APPLY)
        suggested = resolve_overlaps(
            c for c in decided if c.applicability is Applicability.SUGGEST and not any(overlaps(c, a) for a in applied)
        )
        return Result(text, script, applied, suggested)


def _in_line_script(c: Correction, text: str, script: Script) -> Correction:
    """The fix in the script of its own line: recognisers switch script within a transcript
    (Whisper writes some segments in Traditional, others in Simplified), and a Simplified line
    of a Traditional transcript takes 英伟达, not 英偉達. Words stay as the document's region
    has them; only characters are converted."""
    if not has_han(c.after):
        return c
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    local = detect(line, default=script)
    if local is script:
        return c
    return replace(c, after=in_script(c.after, local))


def alias_candidates(view: TextView, index: TermIndex) -> list[Candidate]:
    """Known misrecognitions, written in the glossary: replaced wherever they stand as a word."""
    text = view.text
    out = []
    for alias, entries in index.aliases.items():
        entry = entries[0]
        after = index.form_of(entry)
        pattern = re.escape(alias)
        if alias[:1].isascii() and alias[:1].isalnum():
            pattern = r"(?<![A-Za-z0-9])" + pattern
        if alias[-1:].isascii() and alias[-1:].isalnum():
            pattern += r"(?![A-Za-z0-9])"
        for m in re.finditer(pattern, text):
            if view.touches_locked(m.start(), m.end(), after):
                continue
            out.append(
                Candidate(
                    start=m.start(),
                    end=m.end(),
                    before=alias,
                    after=after,
                    entry=entry,
                    rule="alias",
                    similarity=1.0,
                    threshold=1.0,
                    reasons=[f"known misrecognition of {after} (alias in {entry.file})"],
                )
            )
    return out
