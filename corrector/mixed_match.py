"""English terms the recogniser wrote partly in Chinese characters: 入code for Roo Code,
插GBT for ChatGPT, 外coding for vibe coding.

Whisper and its peers, transcribing Chinese speech, sometimes spell the first syllable of an
English name with the Chinese character that sounds like it and the rest in Latin letters.
The span is one Chinese character directly before a run of English words; its usual reading,
as an English ear hears it (en_sound.from_mandarin), and the words' phonemes together must
sound like the term. Guards keep ordinary Chinese out:
- the character must stand alone in its sentence's segmentation (外 of 另外 is not a syllable
  of anything English) and must not be one of the very common function characters (的, 是);
- the English words must not already be a name (插GPT stays: GPT is right as written), and the
  character must be what makes the match (the words alone must sound less like the term);
- and the change needs evidence from the text around it, always: a context word of the term,
  the term written nearby, the same fix elsewhere. An exact word of the term (code of 入code)
  is no evidence here: 做agent is "build agents" far more often than a SWE-agent.
"""

from __future__ import annotations

from . import en_sound
from .candidates import Candidate
from .en_match import SoundSearch
from .index import PART, TermIndex
from .lexicon import ChineseLexicon
from .script import is_han, to_simplified
from .settings import Settings
from .text import TextView

MIN_LETTERS = 3  # English letters the span must keep: a character and two letters are too little


def find(view: TextView, index: TermIndex, lexicon: ChineseLexicon, settings: Settings) -> list[Candidate]:
    if not index.english or not view.han_runs:
        return []
    matcher = SoundSearch(index)
    text = view.text
    out: list[Candidate] = []
    for run in view.latin_runs:
        parts = [p for token in run for p in token.parts]
        at = parts[0].start - 1  # the character just before the English
        if at < 0 or not is_han(text[at]) or not _stands_alone(view, at, lexicon, settings):
            continue
        heard = view.readings[at]
        if not heard:
            continue
        head = en_sound.from_mandarin(heard[0].initial, heard[0].final)  # the usual reading only
        if not head:
            continue
        for j in range(min(len(parts), settings.en_max_words)):
            span_parts = parts[: j + 1]
            end = span_parts[-1].end
            latin = text[parts[0].start : end]
            words = [p.text for p in span_parts]
            if sum(ch.isalpha() for ch in latin) < MIN_LETTERS or _is_a_name(latin, index):
                continue
            tails = tuple(en_sound.phrase_readings(words))
            readings = tuple(head + r for r in tails)
            for term_no, sim in matcher.terms_near(readings):
                if sim < settings.en_min_similarity_mixed:
                    continue
                term = index.english[term_no]
                alone = en_sound.best_similarity(tails, term.readings)[0]
                if alone >= sim:
                    continue  # the character adds nothing: the words are matched (or not) on their own
                candidate = _candidate(view, at, end, words, term, sim, readings, settings)
                if candidate is not None:
                    out.append(candidate)
    return out


def _is_a_name(latin: str, index: TermIndex) -> bool:
    """A name written right (GPT of 插GPT) or a protected word; an ordinary word that is also
    a term (coding) may still be the end of a longer one (vibe coding)."""
    if latin not in index.correct_spellings:
        return False
    entry = index.correct_spellings[latin]
    return entry is None or not entry.term.islower()


def _stands_alone(view: TextView, at: int, lexicon: ChineseLexicon, settings: Settings) -> bool:
    """Is the character a word of its own at the end of its Chinese run, and not a very common
    one?"""
    ch = to_simplified(view.text[at])
    if lexicon.frequency(ch) >= settings.zh_function_char_frequency:
        return False
    run = view.han_run_at(at)
    start = max(run[0], at - 3) if run else at
    return lexicon.segment(to_simplified(view.text[start : at + 1]))[-1] == ch


def _candidate(view: TextView, at: int, end: int, words: list[str], term, sim: float, readings, settings: Settings) -> Candidate | None:
    if view.touches_locked(at, end, term.form):
        return None
    if [w for w in words if w[0].isdigit()] != [w for w in PART.findall(term.form) if w[0].isdigit()]:
        return None  # numbers are said exactly
    _sim, said, meant = en_sound.best_similarity(readings, term.readings)
    reason = (
        f"sounds like {term.form} ({en_sound.show(said)} ≈ {en_sound.show(meant)}), its first sound "
        f"written as the Chinese character {view.text[at]}"
    )
    return Candidate(
        start=at,
        end=end,
        before=view.text[at:end],
        after=term.form,
        entry=term.entry,
        rule="en-sound",
        similarity=round(sim, 4),
        threshold=settings.en_min_similarity_mixed,
        evidence_needed=1,
        evidence={"phonemes_before": en_sound.show(said), "phonemes_after": en_sound.show(meant)},
        reasons=[reason],
    )
