"""English words inside Chinese text that are a glossary term misspelt or misheard.

Two rules:
- form: the same letters and digits as a term, written with other case or separators
  (Cuda -> CUDA, Chat GPT -> ChatGPT, MI 300 -> MI300). A separator is never inserted where
  the text has none (PaLM2 stays PaLM2), and a common English word only gets a capital when
  it stands alone in Chinese text (python -> Python, but not dense model -> Dense Model).
- sound: a span that sounds like a term (POM -> PaLM, Tourist Topology -> Torus Topology).
  A span of real English words needs evidence besides the sound; words of a multi-word term
  that are already right (Lex in Lex Freeman) are such evidence, and they are kept as written.

Spans are sequences of word parts ("POM2" is POM + 2) inside a run of Latin tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from . import en_sound
from .candidates import Candidate
from .index import PART, EnglishTerm, TermIndex, spelling_key
from .settings import Settings
from .text import Part, TextView

CLAIM_ONLY = 1.01  # a threshold no similarity reaches: the candidate is never applied
COARSE_CUTOFF = 0.5  # rapidfuzz pre-filter on one-character-per-phoneme strings; the fine
# weighted distance is always at least as generous, so this only prunes hopeless pairs
MAX_HITS = 8


@dataclass(frozen=True)
class Span:
    parts: tuple[Part, ...]
    start: int
    end: int
    text: str
    gaps: tuple[str, ...]  # text between consecutive parts
    run_tokens: int  # how many tokens the surrounding Latin run has
    whole_run: bool = False  # the span is all the English between two pieces of Chinese
    in_phrase: bool = False  # another English word stands beside it, a space between


def find(view: TextView, index: TermIndex, settings: Settings) -> list[Candidate]:
    if not index.english:
        return []
    lexicon = en_sound.Lexicon.bundled()
    matcher = SoundSearch(index)
    out: list[Candidate] = []
    for run in view.latin_runs:
        parts = [p for token in run for p in token.parts]
        locked = [bool(view.locked_within(p.start, p.end)) for p in parts]
        # a number with letters written straight after it (300X, 4o, 300dense) is one piece:
        # a span that took the number without the letters, or the letters without the number,
        # would leave half of it glued to what the fix writes
        glued = [a.end == b.start and a.is_number and not b.is_number for a, b in zip(parts, parts[1:])]
        for i in range(len(parts)):
            if i and glued[i - 1]:
                continue
            for j in range(i, min(len(parts), i + settings.en_max_words + 1)):
                if j + 1 < len(parts) and glued[j]:
                    continue
                span = _span(view.text, parts[i : j + 1], len(run), i == 0 and j == len(parts) - 1)
                out.extend(_form_candidates(span, index, lexicon, view, settings))
                if not all(locked[i : j + 1]):  # text that is all known terms is not misheard
                    out.extend(_sound_candidates(span, index, lexicon, matcher, view, settings))
    return _best_span_per_term(out)


def _best_span_per_term(candidates: list[Candidate]) -> list[Candidate]:
    """Of overlapping spans that sound like the same term, only the one that sounds most like
    it: Stackover floor is Stack Overflow, and Stackover alone would leave its floor behind."""
    by_term: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_term.setdefault(c.entry.key, []).append(c)
    out = []
    for group in by_term.values():
        kept: list[Candidate] = []
        for c in sorted(group, key=lambda c: (-c.similarity, -(c.end - c.start), c.start)):
            if all(c.end <= k.start or k.end <= c.start for k in kept):
                kept.append(c)
        out.extend(kept)
    return sorted(out, key=lambda c: (c.start, c.end))


def _span(text: str, parts: list[Part], run_tokens: int, whole_run: bool = False) -> Span:
    gaps = tuple(text[a.end : b.start] for a, b in zip(parts, parts[1:]))
    start, end = parts[0].start, parts[-1].end
    in_phrase = _latin_word_char(text[start - 2 : start - 1]) and text[start - 1 : start] == " "
    in_phrase = in_phrase or (text[end : end + 1] == " " and _latin_word_char(text[end + 1 : end + 2]))
    return Span(tuple(parts), start, end, text[start:end], gaps, run_tokens, whole_run, in_phrase)


def _latin_word_char(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and ch.isalnum()


def _term_parts(form: str) -> tuple[list[str], list[str]]:
    matches = list(PART.finditer(form))
    return [m.group() for m in matches], [form[a.end() : b.start()] for a, b in zip(matches, matches[1:])]


# --- form ------------------------------------------------------------------------------------


def _form_candidates(span: Span, index: TermIndex, lexicon: en_sound.Lexicon, view: TextView, settings: Settings) -> list[Candidate]:
    out = []
    if len(span.parts) > 1 and all(len(p.text) == 1 for p in span.parts):
        return []  # letters spelled out one by one (P-A-L-M) are not a misspelling
    words_only = len(span.parts) > 1 and all(lexicon.zipf(p.text) >= settings.en_real_word_zipf for p in span.parts)
    for term_no in index.english_by_key.get(spelling_key(span.text), ()):
        term = index.english[term_no]
        after = _canonical(span, term.form)
        if after == span.text or index.is_correct(span.text):
            continue
        if len(term.words) > len(span.parts) and any(len(p) == 1 and p.isalpha() for p in term.words):
            continue  # a word is not split to make a letter of a name: models is not Model S
        if words_only and after.isupper():
            continue  # words with the letters of an acronym are words: I am is not IAM
        if words_only and after.islower():
            # a verb and its particle (check out, log in) are not the noun misspelt, and an
            # ordinary phrase is as right with a space as with a hyphen (client server)
            continue
        if words_only and len(term.words) < len(span.parts) and _in_english_sentence(span):
            continue  # inside an English sentence, words are words: the fire ship is no Fireship
        if view.touches_locked(span.start, span.end, after):
            continue
        needed = 0
        if after.casefold() == span.text.casefold():
            allowed = _case_fix_allowed(span, after, lexicon, settings)
            if not allowed:
                continue
            # a real word (python, meta) becomes a name only where something says so; a
            # very common one (palm, java) only on strong evidence, as for the sound rule
            needed = 1 if allowed == "with evidence" else 0
        out.append(
            Candidate(
                start=span.start,
                end=span.end,
                before=span.text,
                after=after,
                entry=term.entry,
                rule="form",
                similarity=1.0,
                threshold=1.0,
                evidence_needed=needed,
                strong_evidence_only=max((lexicon.zipf(p.text) for p in span.parts), default=0) >= settings.en_common_word_zipf,
                evidence={"spelling": spelling_key(span.text)},
                reasons=[f"canonical spelling of {term.form}"],
            )
        )
    return out


def _canonical(span: Span, form: str) -> str:
    """The term's spelling, keeping the text's choice where the text joins what the term
    separates (PaLM2 for PaLM 2): both are common ways to write it."""
    term_parts, term_gaps = _term_parts(form)
    if len(term_parts) != len(span.parts) or any(a.casefold() != b.text.casefold() for a, b in zip(term_parts, span.parts)):
        return form
    out = term_parts[0]
    for k in range(1, len(term_parts)):
        out += (term_gaps[k - 1] if span.gaps[k - 1] else "") + term_parts[k]
    return out


def _case_fix_allowed(span: Span, after: str, lexicon: en_sound.Lexicon, settings: Settings) -> bool | str:
    """Whether a change of case only may be made: True, False, or "with evidence"."""
    if after == after.lower():
        return False  # never lower-case what the speaker's transcript capitalised
    zipfs = [lexicon.zipf(p.text) for p in span.parts if not p.is_number]
    common = [z >= settings.en_real_word_zipf for z in zipfs]
    if not any(common):
        return True  # not English words: Cuda, Tensorflow, Semianalysis
    if span.run_tokens <= len(span.parts) + 2 and any(_coined(w) for w in after.split()):
        return True  # a coined name with capitals inside (iPhone, YouTube, iPad Pro) is no English word
    if len(zipfs) > 1 and all(common):
        return False  # an ordinary phrase: dense model
    if span.run_tokens > 3:
        return False  # inside an English sentence, the word is probably just a word
    if after.isupper() and len(after) <= 4:
        # can -> CAN, it -> IT never; but a word English itself only spells out (gpu, api,
        # ai) is the acronym written in lower case, as recognisers do in Chinese text
        return len(span.parts) == 1 and max(zipfs) < settings.en_case_fix_max_zipf and _spelled_in_english(span.text, lexicon)
    return "with evidence" if max(zipfs) < settings.en_case_fix_max_zipf else False


# --- sound -----------------------------------------------------------------------------------


class SoundSearch:
    """Coarse search over all English terms' readings with rapidfuzz, then the fine distance
    for the pairs of readings the coarse search found."""

    def __init__(self, index: TermIndex):
        self.index = index
        self.groups = index.english_onset_groups()
        self._cache: dict[str, list[tuple[int, float]]] = {}

    def terms_near(self, readings: tuple[en_sound.Phonemes, ...]) -> list[tuple[int, float]]:
        key = "|".join(en_sound.compact(r) for r in readings)
        if key in self._cache:
            return self._cache[key]
        pairs: dict[int, set[tuple[en_sound.Phonemes, en_sound.Phonemes]]] = {}
        for reading in readings:
            choices, owners = self.groups.get(en_sound.onset(reading), ([], []))
            query = en_sound.compact(reading)
            for _choice, _score, k in process.extract(
                query, choices, scorer=Levenshtein.normalized_similarity, score_cutoff=COARSE_CUTOFF, limit=MAX_HITS
            ):
                n, term_reading = owners[k]
                pairs.setdefault(n, set()).add((reading, term_reading))
        found = [(n, max(en_sound.similarity(a, b) for a, b in near)) for n, near in pairs.items()]
        self._cache[key] = found
        return found


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _sound_candidates(span, index: TermIndex, lexicon, matcher: SoundSearch, view: TextView, settings: Settings) -> list[Candidate]:
    words = [p.text for p in span.parts]
    if all(p.is_number for p in span.parts) or _letters(span.text) < 3:
        return []
    if index.is_correct(span.text):
        return []
    readings = tuple(en_sound.phrase_readings(words))
    out = []
    floor = min(settings.en_min_similarity_phrase, settings.en_min_similarity_nonword)
    for term_no, sim in matcher.terms_near(readings):
        if sim < floor - settings.context_bonus - settings.document_bonus:
            continue
        term = index.english[term_no]
        if term.plural and not words[-1].lower().endswith("s"):
            continue
        candidate = _compare(span, term, sim, lexicon, settings, index)
        if candidate is None or candidate.after.casefold() == span.text.casefold():
            continue  # a change of case only is the form rule's to make, with its guards
        if view.touches_locked(span.start, span.end, candidate.after):
            continue
        out.append(candidate)
    return out


def _compare(span: Span, term: EnglishTerm, sim: float, lexicon, settings: Settings, index: TermIndex) -> Candidate | None:
    if _holds_term_and_more(span, term.form):
        return None  # TopologyCuda is Topology and Cuda run together: the fix would drop Cuda
    term_parts, term_gaps = _term_parts(term.form)
    numbered = any(p.is_number for p in span.parts)
    claim_only = False  # a word lined up with the term's sounds too far off to apply it
    anchors: list[str] = []  # words of the term, as written, lined up one to one
    ends: list[str] = []  # the term's first or last word as written, the rest not lined up
    acronyms: list[str] = []
    changed: list[tuple[Part, str]] = []
    word_by_word = len(term_parts) == len(span.parts) and len(term_parts) > 1
    if word_by_word:
        for part, word in zip(span.parts, term_parts):
            if part.text.casefold() == word.casefold():
                # a version number (part 2, PaLM 2) or a single letter (deep c, Type-C) proves nothing
                if not part.is_number and len(part.text) > 1:
                    anchors.append(part.text)
            elif part.is_number or word[0].isdigit():
                return None  # numbers are said exactly; 3 is not 4
            elif len(word) == 1 and len(part.text) > 2:
                return None  # a letter of a name (the S of Model S) is not heard as a word (ice)
            else:
                changed.append((part, word))
        if not changed:
            return None
        if len(changed) == 1 and _short_or_long_form(changed[0][0].text, changed[0][1]):
            return None  # the rest as in the term: Rich Sutton is Richard Sutton's own name; git reflog is not git log
        # beside a number said exactly, a word must sound like the term's on its own (the
        # number makes MI 300dense sound like MI300X)
        # a distinctive word written as in the term (Lex, Topology) carries a phrase whose
        # other word is far off; an everyday one (push, theory, intelligence) less so
        distinctive = any(lexicon.zipf(a) < settings.en_common_word_zipf for a in anchors)
        word_floor = settings.en_min_similarity_in_phrase_claim if distinctive else settings.en_min_similarity_in_phrase
        needed_word_sim = settings.en_min_similarity_nonword if numbered else word_floor
        for part, word in changed:
            word_sim = en_sound.best_similarity(en_sound.readings(part.text), en_sound.readings(word))[0]
            if word_sim < needed_word_sim:
                if anchors and not numbered and word_sim >= settings.en_min_similarity_in_phrase_claim:
                    claim_only = True  # Lex Reven may be Lex Fridman: not applied, but no Rivian either
                    continue
                if anchors or numbered:
                    return None
                # the words break elsewhere than the term's (Stackover floor, Stack Overflow):
                # the phrase is compared as a whole
                word_by_word, changed = False, []
                break
    if word_by_word:
        # keep what is already right, as written (but with a name's own capitals: github ->
        # GitHub); replace only the misheard words
        # between them the term's own separators, except where the text runs together what the
        # term separates (PaLM2 for PaLM 2), as the form rule writes them
        pieces = []
        for k, (part, word) in enumerate(zip(span.parts, term_parts)):
            if k:
                pieces.append(term_gaps[k - 1] if span.gaps[k - 1] else "")
            if part.text.casefold() != word.casefold():
                pieces.append(_match_case(part.text, word))
            else:  # a name's words take its capitals (github -> GitHub, code -> Code)
                pieces.append(part.text if word.islower() else word)
        after = "".join(pieces)
        changed_words = [p.text for p, _w in changed]
    else:
        if any(p.is_number for p in span.parts) != any(w[0].isdigit() for w in term_parts):
            return None
        numbers = [p.text for p in span.parts if p.is_number]
        if numbers != [w for w in term_parts if w[0].isdigit()]:
            return None
        if span.parts[-1].is_number and not term_parts[-1][0].isdigit():
            return None  # the name goes on after the version (Gemini 2.5 Pro): not what was said
        after = _match_case(span.text, term.form)
        changed_words = [p.text for p in span.parts if not p.is_number]
        # the acronym a name is built on (GPT of ChatGPT), written as it is: Chart GPT, ChartGPT
        acronyms = _shared_acronyms(changed_words, term.form, lexicon, settings)
        # the name's first or last word, written as it is, where the words between do not line
        # up one to one (Sam Old Man for Sam Altman, Amazon Bad Rock for Amazon Bedrock)
        if len(span.parts) > 1 and len(term_parts) > 1:
            for part, word in ((span.parts[0], term_parts[0]), (span.parts[-1], term_parts[-1])):
                if not part.is_number and len(part.text) > 1 and part.text.casefold() == word.casefold():
                    ends.append(part.text)
    # a one-word name heard as a phrase (open I for OpenAI, get hub for GitHub) that stands
    # alone among the Chinese: no English sentence, and nothing else it could be
    # (a name: an ordinary word said as a phrase is the phrase, check out for checkout)
    heard_apart = len(span.parts) > 1 and len(term_parts) == 1 and span.whole_run and not numbered and not term.form.islower()
    if any(_letters(w) < 3 and w.isupper() for w in changed_words) and not heard_apart:
        return None  # two capitals (ID, LM, RE) are too little to go on
    runs_on = _acronym_runs_on(changed_words, term_parts)
    if not runs_on and len(changed_words) == 1 and _is_spelled_acronym(changed_words[0], lexicon) and _abbreviates(changed_words[0], term.form):
        return None  # NVDA, TSM: a ticker or short form of the name, not the name misheard
    spelled = [w for w in changed_words if _is_spelled_acronym(w, lexicon)]
    if len(spelled) < len(changed_words):
        # beside a word, capitals where the name has capitals of the same number: the GPT of
        # Chart GPT, or the GBT of Chat GBT, heard for the GPT of ChatGPT
        term_acronyms = {len(p) for p in _acronym_pieces(term.form)}
        spelled = [w for w in spelled if w not in acronyms and len(w) not in term_acronyms]
    if not term.form.replace("-", "").isupper() and spelled and not runs_on:
        return None  # letters said one by one (PPT) are not a word (Puppeteer)
    zipf = max((word_zipf(w, lexicon, index, settings) for w in changed_words), default=0.0)
    real = zipf >= settings.en_real_word_zipf
    if not real:
        # a name has few neighbours in sound; an ordinary word (written in lower case in the
        # glossary) has many, and a non-word near one inside a longer English phrase may be a
        # word of a name the glossary lacks (agencia I foundation): there it must sound closer
        inside_phrase = term.form.islower() and span.in_phrase
        threshold, needed = (settings.en_min_similarity_word if inside_phrase else settings.en_min_similarity_nonword), 0
    elif heard_apart and sim >= settings.en_min_similarity_heard_apart:
        threshold, needed = settings.en_min_similarity_heard_apart, 0
    elif anchors:  # words that line up one to one may each be off a little
        threshold, needed = settings.en_min_similarity_phrase, 1
    elif ends:
        threshold, needed = settings.en_min_similarity_word, 1
    else:
        threshold, needed = settings.en_min_similarity_word, 1
    if runs_on:  # the letter must sound like the word: K is key, C is not
        threshold = max(threshold, settings.en_min_similarity_word)
    readings = en_sound.phrase_readings([p.text for p in span.parts])
    _sim, said, meant = en_sound.best_similarity(readings, term.readings)
    what = ", ".join(changed_words)
    reason = f"sounds like {term.form} ({en_sound.show(said)} ≈ {en_sound.show(meant)})"
    several = len(changed_words) > 1
    if real:
        reason += f"; {what} {'are English words' if several else 'is an English word'}"
    else:
        reason += f"; {what} {'are not English words' if several else 'is not an English word'}"
    if real and not needed:
        reason += f", but the words stand alone among Chinese and say {term.form} as one"
    candidate = Candidate(
        start=span.start,
        end=span.end,
        before=span.text,
        after=after,
        entry=term.entry,
        rule="en-sound",
        similarity=round(sim, 4),
        threshold=threshold,
        evidence_needed=needed,
        # common words on their own (cloud) need strong evidence; common words standing alone
        # among the Chinese that together sound like a one-word name (Perplex City) are not
        # how a Chinese speaker talks, and the topic nearby may say which name they are
        # inside an English sentence (works as a consul at the embassy) a word is a word
        strong_evidence_only=needed > 0 and ((zipf >= settings.en_common_word_zipf and not heard_apart) or _in_english_sentence(span)),
        # very common words all (low key, Long Chain): the topic's words around them may say
        # which name they are, the name written somewhere else in the document does not
        topic_evidence_only=heard_apart and not _any_uncommon(changed_words, lexicon, settings),
        evidence_lowers_threshold=True,
        evidence={"phonemes_before": en_sound.show(said), "phonemes_after": en_sound.show(meant), "zipf": round(zipf, 2)},
        reasons=[reason],
    )
    if anchors:
        candidate.support("anchor", f"{' '.join(anchors)} matches the term exactly")
    if claim_only:
        candidate.threshold = CLAIM_ONLY
        candidate.reasons.append(f"a word is too far from the term's to change; it only keeps {term.form} in the running")
    if acronyms:  # evidence for this name, but no claim on the span against others (as Lex's)
        candidate.support("as-written", f"{' '.join(acronyms)} is written as in the name")
    if ends:  # the same
        candidate.support("as-written", f"{' '.join(ends)} is written as in the name")
    return candidate


def _in_english_sentence(span: Span) -> bool:
    return span.run_tokens > len(span.parts) + 3


def _any_uncommon(words: list[str], lexicon: en_sound.Lexicon, settings: Settings) -> bool:
    return any(lexicon.zipf(w) < settings.en_common_word_zipf for w in words)


def _short_or_long_form(written: str, word: str) -> bool:
    """Is the written word the term's cut short at its end (Rich for Richard: a short form of
    the name), or the term's with more letters (reflog for log: another word)? A recogniser
    that heard the term's word would write neither; it may drop a weak first syllable, though
    (pilot for Copilot)."""
    a, b = written.casefold(), word.casefold()
    if len(a) < 2 or len(b) < 2 or abs(len(a) - len(b)) < 2:
        return False
    if len(a) < len(b):
        return b.startswith(a)
    return a.startswith(b) or a.endswith(b)


def _holds_term_and_more(span: Span, form: str) -> bool:
    """Does the span have the term's words, as they are, and other words besides?"""
    have = [p.casefold() for part in span.parts if not part.is_number for p in _CAMEL_PIECES.findall(part.text)]
    want = [p.casefold() for p in _CAMEL_PIECES.findall(form)]
    n = len(want)
    return len(have) > n and any(have[k : k + n] == want for k in range(len(have) - n + 1))


def _abbreviates(word: str, form: str) -> bool:
    """Are the word's letters some of the name's, in order, from its first (NVDA of NVIDIA,
    TSM of TSMC)?"""
    letters = [ch for ch in form.upper() if ch.isalpha()]
    if len(word) >= len(letters) or not letters or word[0] != letters[0]:
        return False
    rest = iter(letters)
    return all(ch in rest for ch in word)


def _shared_acronyms(words: list[str], form: str, lexicon: en_sound.Lexicon, settings: Settings) -> list[str]:
    """The capitals a run-together name is built on (GPT in ChatGPT, LM in ChatGLM) that the
    words have as they are. An acronym that is no English word says which name is meant (Chart
    GPT is ChatGPT); a word piece (Deep of DeepSeek, You of YouTube) says nothing."""
    if len(_CAMEL_PIECES.findall(form)) < 2:
        return []
    acronyms = {p for p in _acronym_pieces(form) if lexicon.zipf(p) < settings.en_real_word_zipf}
    return [p for w in words for p in _CAMEL_PIECES.findall(w) if p in acronyms]


def _coined(name: str) -> bool:
    """A name made of words run together with capitals inside (iPhone, YouTube, LinkedIn),
    not one built on an acronym (PaLM, ChatGPT, macOS), whose lower case may be a word (palm)."""
    return len(_CAMEL_PIECES.findall(name)) > 1 and not _acronym_pieces(name)


def _acronym_pieces(name: str) -> list[str]:
    """The capitals a name is built on (GPT of ChatGPT, LM of PaLM, OS of macOS)."""
    return [p for p in _CAMEL_PIECES.findall(name) if len(p) >= 2 and p.isupper()]


def _spelled_in_english(word: str, lexicon: en_sound.Lexicon) -> bool:
    """Is the word, as English has it, only an acronym: said letter by letter (api, cpu) or
    with no pronunciation of its own (gpu)?"""
    found = lexicon.lookup(word)
    if found is None or not found[1]:
        return True
    letters = en_sound.spelled(word)
    return any(p == letters for p in found[1])


def _acronym_runs_on(words: list[str], term_parts: list[str]) -> bool:
    """Did the recogniser write the term's acronym and the word after it, heard as a letter,
    as one acronym (APIK for API key, SDKT for SDK tea)? One word that starts with the term's
    first part in capitals and goes on for a letter or two."""
    if len(words) != 1 or len(term_parts) < 2:
        return False
    word, acronym = words[0], term_parts[0]
    return len(acronym) >= 2 and acronym.isupper() and word.startswith(acronym) and 1 <= len(word) - len(acronym) <= 2


def _is_spelled_acronym(word: str, lexicon: en_sound.Lexicon) -> bool:
    """Capitals that are not also a word with a pronunciation (PPT yes; POM, NASA no)."""
    if not (word.isupper() and len(word) >= 2):
        return False
    found = lexicon.lookup(word)
    return not (found and found[1])


_CAMEL_PIECES = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def word_zipf(word: str, lexicon: en_sound.Lexicon, index: TermIndex, settings: Settings) -> float:
    """How common a word is. A word run together from known words (SuperPOD, GPTChat) counts
    as common as its rarest piece, a term's spelling counting as a real word."""
    zipf = lexicon.zipf(word)
    pieces = _CAMEL_PIECES.findall(word)
    if len(pieces) > 1:
        known = [settings.en_real_word_zipf if index.is_correct(p) else lexicon.zipf(p) for p in pieces]
        zipf = max(zipf, min(known))
    return zipf


def _match_case(original: str, replacement: str) -> str:
    """An ordinary word (written in lower case in the glossary) takes the transcript's capital
    at its start (Billenier -> Billionaire); a name keeps its own spelling (Torus, PaLM)."""
    if replacement.islower() and original[:1].isupper() and replacement.isalpha():
        return replacement[:1].upper() + replacement[1:]
    return replacement
