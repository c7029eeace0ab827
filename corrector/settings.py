"""Every threshold the corrector uses, in one place, with the reason for its value.

A `Settings` is immutable; make a variant with `dataclasses.replace(settings, name=value)`.
The config file and the command line set these by name (see `corrector.config`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # --- Chinese sound matching -------------------------------------------------------------
    # Minimum sound similarity (1 = same syllables, tones included) for a Chinese span to be
    # considered as a term, by number of syllables in the term. Two-syllable terms must sound
    # almost the same: with so little material a single different syllable is a different word.
    zh_min_similarity_2: float = 0.95  # one tone, or one z/zh-type initial, may differ
    # The same for a two-syllable term from the user's own glossary, written for this
    # transcript (a hot-word list of the names in it): one initial may be off (董建 -> 佟健).
    zh_min_similarity_2_user: float = 0.85
    zh_min_similarity_long: float = 0.88  # one syllable moderately off, or two run together
    zh_min_similarity_long_user: float = 0.85  # the same for a term of the user's own glossary
    # A span that contains a common word the term does not keep (什麼 in 什麼曦 -> 石墨烯) must
    # sound almost exactly like the term, unless the term is long enough to be evidence by
    # itself (高校 in 高校硬聽學習法).
    zh_min_similarity_breaking_word: float = 0.95
    zh_breaking_word_max_syllables: int = 4
    # How many syllables of a bundled term of up to `zh_breaking_word_max_syllables` may be
    # heard otherwise, tones aside: small slips in each syllable add up to a foreign name
    # (斯齐万兹, Schwanitz), not to the term (期望值).
    zh_bundled_syllables_off: int = 1
    # A span that merges or drops a syllable of the term pays this much similarity.
    zh_merge_cost: float = 0.35
    # Terms shorter than this are not looked for with two syllables run together: in a short
    # term a merge leaves too little to recognise (and costs more time than it finds).
    zh_merge_min_syllables: int = 4
    # Frequency the lexicon gives a glossary term that jieba does not know, so that the
    # language-model comparison can weigh "term" against the ordinary words it replaces.
    zh_term_frequency: int = 300
    # Required gain in log probability (natural log) of the best segmentation of the window
    # around the span when the term replaces it: the text must read clearly better. Two very
    # common characters (人跑, 去找) gain about 2 when a term replaces them, a misheard term's
    # remains (灰達, 硬聽, 張亮) 4 or more.
    zh_min_lm_gain: float = 3.0
    # The same comparison over the span and `zh_lm_window` characters each side: the change
    # must not break up the words around it.
    zh_min_window_gain: float = 0.5
    # context words needed to change a word that sounds exactly like a term (质谱 -> 智谱)
    zh_homophone_context_words: int = 2
    # A character this frequent as a word on its own (的, 是, 你, 要) is not replaced: such
    # characters are almost always right, and replacing them is how phonetic replacers break
    # correct text (的晶片 -> 單晶片).
    zh_function_char_frequency: int = 100_000
    # A word at least this frequent in jieba's dictionary is ordinary language: a span that is
    # such a word is left alone (回答 is not a misheard 輝達), and so is a span whose edge cuts
    # through one (們|資料中心 cuts 我們, 王|子緣 cuts 王子).
    zh_common_word_frequency: int = 500

    # Characters of context on each side used for the language-model comparison.
    zh_lm_window: int = 4

    # --- English sound matching -------------------------------------------------------------
    # Minimum phoneme similarity for a single English word that is not a dictionary word.
    en_min_similarity_nonword: float = 0.78
    # Minimum phoneme similarity for a word that is a real English word (needs evidence too).
    en_min_similarity_word: float = 0.85
    # In a multi-word term with at least one word matching exactly, each other word needs
    # this similarity, and the whole phrase `en_min_similarity_phrase` (Green Push is not git
    # push, provide engineering not prompt engineering) ...
    en_min_similarity_in_phrase: float = 0.65
    # ... or this much where the word matching exactly is not an everyday one (Lex Reven for
    # Lex Fridman). Short of the first, the phrase is not changed but keeps the term in the
    # running, so that another term does not take the other word alone (not Lex Rivian).
    en_min_similarity_in_phrase_claim: float = 0.55
    en_min_similarity_phrase: float = 0.75
    # Real words that together sound like a one-word name (open I -> OpenAI, get hub ->
    # GitHub), standing alone between Chinese words, are changed on their sound when it is
    # this close: Chinese speakers do not say such phrases, they say the name.
    en_min_similarity_heard_apart: float = 0.95
    # An English term written partly in Chinese characters (入code -> Roo Code, 插GBT ->
    # ChatGPT): the character's reading and the words together must sound this close (看code
    # is 0.71 from Claude Code, 入code 1.0 from Roo Code).
    en_min_similarity_mixed: float = 0.8
    # Zipf frequency (wordfreq scale: 3 = once per million words) at or above which a Latin
    # word counts as a real English word that needs evidence before it is changed.
    en_real_word_zipf: float = 2.5
    # At or above this, a word is so common that only strong evidence (an exact word of the
    # term beside it, the term spelled out, a version number after it, the same fix elsewhere)
    # counts; what only says the topic is near (context words, the term written nearby or
    # elsewhere in the document) does not: Claude写的代码部署在cloud上 keeps its cloud.
    en_common_word_zipf: float = 4.0
    # A single common English word gets its case changed to a term's only below this Zipf
    # frequency ("python" -> "Python" yes, "go" -> "Go" no).
    en_case_fix_max_zipf: float = 4.5
    # Longest run of Latin words considered as one candidate span.
    en_max_words: int = 4

    # --- evidence ---------------------------------------------------------------------------
    # How far (in code points) to look for context words, the spelled-out term, and not_near.
    context_window: int = 60
    # Similarity bonus for context evidence (an entry's context word or the term spelled out
    # nearby) and for document evidence (the same wrong text fixed elsewhere in the document).
    context_bonus: float = 0.08
    document_bonus: float = 0.06
    # Two terms whose scores are this close compete: neither is applied automatically.
    ambiguity_margin: float = 0.03

    # --- glossaries -------------------------------------------------------------------------
    use_aliases: bool = True

    def replace(self, **changes: object) -> "Settings":
        return dataclasses.replace(self, **changes)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls)]


DEFAULT = Settings()
