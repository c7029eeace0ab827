"""What the matchers need to know about each glossary term, computed once per glossary and script.

Chinese terms carry their syllables and the coarse sound keys used to find candidates;
English terms carry their words, a spelling key (case and separators removed) and their
readings. Known-correct spellings of every term and the protected words are collected so the
corrector never changes text that is already right.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import en_sound, zh_sound
from .glossary import Entry, Glossary
from .script import Script, has_han, in_script, is_han, to_simplified, to_traditional

MIN_SOUND_LETTERS = 4  # English terms shorter than this are matched by spelling or alias only
# ... unless they carry a number, which the text must then have exactly (GBT4 -> GPT-4)
MIN_SOUND_LETTERS_NUMBERED = 3

LATIN_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’.][A-Za-z0-9]+)*(?:\+\+|#)?")


def spelling_key(text: str) -> str:
    """Case and separators removed: `Alpha code 2`, `AlphaCode 2` -> `alphacode2`."""
    return re.sub(r"[^0-9a-z+#]", "", text.casefold())


@dataclass(frozen=True)
class ChineseTerm:
    entry: Entry
    form: str  # how it is written in this transcript's script
    syllables: tuple[zh_sound.Syllable, ...]
    coarse: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EnglishTerm:
    entry: Entry
    form: str
    words: tuple[str, ...]  # parts of the form as said (GPT-4 -> GPT, 4; MI300 -> MI, 300)
    key: str
    readings: tuple[en_sound.Phonemes, ...]
    word_readings: tuple[tuple[en_sound.Phonemes, ...], ...]
    compact: tuple[str, ...]  # readings, one character per phoneme, for rapidfuzz
    plural: bool = False  # the plural of an ordinary word, matched only against words in -s


@dataclass
class TermIndex:
    script: Script
    chinese: list[ChineseTerm] = field(default_factory=list)
    english: list[EnglishTerm] = field(default_factory=list)
    # coarse syllable pairs (adjacent, and with one syllable between) -> (term number, position)
    bigrams: dict[tuple, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    skipgrams: dict[tuple, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    # the user's two-syllable terms by one syllable's sound class and the other's initial
    # alone (特朗 for 拓朗: the finals of te and tuo are in different classes)
    loose_pairs: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))
    # bundled two-syllable terms by the fine sound classes of their syllables
    fine_pairs: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))
    english_by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # exact text that is known to be right: every spelling of every term, protected words
    correct_spellings: dict[str, Entry | None] = field(default_factory=dict)
    aliases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    lengths: set[int] = field(default_factory=set)
    lowercase_terms: set[str] = field(default_factory=set)  # ordinary English words and phrases
    # for finding correct spellings in a text quickly: the Chinese ones' first two characters
    # and lengths, and the spellings that mix Chinese and Latin (AI代理)
    han_spelling_starts: set[str] = field(default_factory=set)
    han_spelling_lengths: list[int] = field(default_factory=list)
    mixed_spellings: list[str] = field(default_factory=list)
    _onset_groups: dict | None = None
    _votes_needed: list[int] | None = None

    @classmethod
    def build(cls, glossary: Glossary, script: Script, *, use_aliases: bool = True) -> "TermIndex":
        index = cls(script=script)
        for word in glossary.protected:
            for spelling in _both_scripts(word):
                index.correct_spellings.setdefault(spelling, None)
        for entry in glossary.entries:
            misspelt = _converted_wrongly(entry)
            for spelling in entry.spellings():
                for variant in _both_scripts(spelling):
                    if variant not in misspelt:
                        index.correct_spellings[variant] = entry
            if use_aliases:
                for alias in entry.aliases:
                    index.aliases[alias].append(entry)
            if entry.is_chinese:
                index._add_chinese(entry)
            else:
                index._add_english(entry)
        for alias in list(index.aliases):  # an alias that is a correct spelling is not an error
            if alias in index.correct_spellings:
                del index.aliases[alias]
        index.lengths = {len(s) for s in index.correct_spellings}
        han = [s for s in index.correct_spellings if len(s) >= 2 and all(is_han(c) for c in s)]
        index.han_spelling_starts = {s[:2] for s in han}
        index.han_spelling_lengths = sorted({len(s) for s in han})
        index.mixed_spellings = [
            s for s in index.correct_spellings if any(is_han(c) for c in s) and not all(is_han(c) for c in s)
        ]
        return index

    @property
    def votes_needed(self) -> list[int]:
        """Agreeing sound pairs a Chinese term needs before zh_match aligns it: one for a term
        of up to three syllables, two for a longer one."""
        if self._votes_needed is None:
            self._votes_needed = [1 if len(t.syllables) <= 3 else 2 for t in self.chinese]
        return self._votes_needed

    def form_of(self, entry: Entry) -> str:
        if not entry.is_chinese:
            return entry.term
        regional = entry.tw if self.script is Script.TRADITIONAL else entry.cn
        return regional or in_script(entry.term, self.script)

    def _add_chinese(self, entry: Entry) -> None:
        """Index the term in this script, and each regional form it has: a Taiwanese speaker
        in a Simplified transcript still says 函式库, and its misheard form is fixed to that."""
        forms = [self.form_of(entry)]
        forms += [in_script(f, self.script) for f in (entry.term, entry.tw, entry.cn) if f]
        misspelt = _converted_wrongly(entry)
        for form in dict.fromkeys(forms):
            if form not in misspelt:
                self._add_chinese_form(entry, form)

    def _add_chinese_form(self, entry: Entry, form: str) -> None:
        if not all(is_han(ch) for ch in form):
            return  # mixed terms (AI晶片) are matched exactly or by alias only
        syls = zh_sound.parse_pinyin_hint(entry.pronounce) if entry.pronounce else None
        if syls is None or len(syls) != len(form):
            syls = zh_sound.syllables(form)
        if len(syls) < 2 or any(s is None for s in syls):
            return
        sounds = zh_sound.sounds()
        coarse = tuple(sounds.coarse(s) for s in syls)
        number = len(self.chinese)
        self.chinese.append(ChineseTerm(entry, form, tuple(syls), coarse))  # type: ignore[arg-type]
        if len(coarse) == 2 and entry.bundled:
            # a bundled two-syllable term must sound almost the same: finer classes find it
            # with far fewer false leads
            self.fine_pairs[(sounds.fine(syls[0]), sounds.fine(syls[1]))].append(number)
            return
        for j in range(len(coarse) - 1):
            self.bigrams[(coarse[j], coarse[j + 1])].append((number, j))
        for j in range(len(coarse) - 2):
            self.skipgrams[(coarse[j], coarse[j + 2])].append((number, j))
        if len(coarse) == 2 and not entry.bundled:
            self.loose_pairs[(coarse[0], coarse[1][0])].append(number)
            self.loose_pairs[(coarse[0][0], coarse[1])].append(number)

    def _add_english(self, entry: Entry) -> None:
        form = entry.term
        words = sound_parts(form)
        if not words:
            return
        hint = entry.pronounce if entry.pronounce and not has_han(entry.pronounce) else None
        readings = en_sound.phrase_readings(hint.split() if hint else sound_parts(form))
        word_readings = tuple(en_sound.readings(w) for w in sound_parts(form))
        self._add_english_form(entry, form, words, tuple(readings), word_readings)
        if form.islower():
            self.lowercase_terms.add(form)
        if form.islower() and form.isalpha():
            self.lowercase_terms.add(plural_of(form))
            if en_sound.Lexicon.bundled().zipf(form) >= 3.0:  # billionaire -> billionaires
                plural = tuple(r + (z,) for r in readings for z in ("Z", "S"))
                self._add_english_form(entry, plural_of(form), (plural_of(form),), plural, (plural,), plural=True)

    def _add_english_form(self, entry, form, words, readings, word_readings, *, plural: bool = False) -> None:
        self.english_by_key[spelling_key(form)].append(len(self.english))
        compact = tuple(en_sound.compact(r) for r in readings)
        self.english.append(EnglishTerm(entry, form, words, spelling_key(form), readings, word_readings, compact, plural))

    def english_onset_groups(self) -> dict[int, tuple[list[str], list[tuple[int, tuple]]]]:
        """English terms' readings grouped by their first sound (en_sound.onset): the coarse
        search compares a word only with readings that begin alike. Built once, kept."""
        if self._onset_groups is None:
            groups: dict[int, tuple[list[str], list[tuple[int, tuple]]]] = {}
            for n, term in enumerate(self.english):
                letters = sum(ch.isalpha() for ch in term.form)
                numbered = any(ch.isdigit() for ch in term.form)
                if letters < (MIN_SOUND_LETTERS_NUMBERED if numbered else MIN_SOUND_LETTERS):
                    continue  # too short to recognise by sound (Fed, AMD)
                for reading, compact in zip(term.readings, term.compact):
                    choices, owners = groups.setdefault(en_sound.onset(reading), ([], []))
                    choices.append(compact)
                    owners.append((n, reading))
            self._onset_groups = groups
        return self._onset_groups

    def is_correct(self, text: str) -> bool:
        """Known to be right: a spelling of a term or a protected word, an acronym's plural
        (GPUs); an ordinary word of the glossary (written in lower case there) in any case,
        and its plural."""
        if text in self.correct_spellings or text.lower() in self.lowercase_terms:
            return True
        if not text.endswith("s"):
            return False
        # a plural: GPUs, language models, vector databases, Large Language Models
        for base in (text[:-1], text[:-2] if text.endswith("es") else None):
            if base and (base.lower() in self.lowercase_terms or (base in self.correct_spellings and base[-1:].isalpha())):
                return True
        return False


PART = re.compile(r"[A-Za-z][A-Za-z'’]*|[0-9]+(?:\.[0-9]+)*")


def _converted_wrongly(entry: Entry) -> set[str]:
    """What OpenCC makes of a Mainland form that keeps a variant character (昇腾 -> 升腾):
    not the name, but a misspelling of it."""
    if entry.cn and to_simplified(entry.cn) != entry.cn:
        return {to_simplified(entry.cn)}
    return set()


def sound_parts(text: str) -> tuple[str, ...]:
    """Words as they are said: letters and digits apart (MI300 -> MI 300, GPT-3.5 -> GPT 3.5)."""
    return tuple(PART.findall(text))


def plural_of(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _both_scripts(text: str) -> set[str]:
    if not has_han(text):
        return {text}
    return {text, to_simplified(text), to_traditional(text)}
