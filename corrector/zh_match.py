"""Chinese spans that sound like a glossary term (張亮 -> 張量, 大型原模型 -> 大型語言模型).

Candidates are found in two steps, as CapsWriter's hot-word module does: a coarse look-up of
sound classes (pairs of adjacent syllables, and pairs with one syllable between, so that one
badly heard syllable does not hide a term), then the exact alignment of zh_sound. A span is
kept only if it sounds close enough for the term's length and if the text reads better with
the term than without it (the lexicon's language-model check), which is what separates 灰達
(not a word) from 回答 (a common word with the same toneless pinyin).
"""

from __future__ import annotations

from collections import defaultdict

from .candidates import Candidate
from .index import TermIndex
from .lexicon import ChineseLexicon
from .script import to_simplified
from .settings import Settings
from .text import TextView
from . import zh_sound


def min_similarity(settings: Settings, syllable_count: int, bundled: bool = True) -> float:
    """How alike a span must sound. Terms of the user's own glossary, written for this
    transcript, need less than the thousands of bundled ones."""
    if syllable_count > 2:
        return settings.zh_min_similarity_long if bundled else settings.zh_min_similarity_long_user
    return settings.zh_min_similarity_2 if bundled else settings.zh_min_similarity_2_user


def find(view: TextView, index: TermIndex, lexicon: ChineseLexicon, settings: Settings, trace: list | None = None) -> list[Candidate]:
    """Candidates for Chinese terms. With `trace`, every span that was aligned and then
    turned down is recorded there as (start, end, term, similarity, why)."""

    def reject(s: int, e: int, term, similarity: float, why: str) -> None:
        if trace is not None:
            trace.append((s, e, term.form, round(similarity, 4), why))

    if not index.chinese:
        return []
    sounds = zh_sound.sounds()
    heard_all = view.readings
    coarse = [zh_sound.coarse_classes(h) if h else () for h in heard_all]
    fine = [sounds.fine(h[0]) if h else None for h in heard_all]  # the usual reading only
    votes: defaultdict[tuple[int, int], int] = defaultdict(int)  # (term, start) -> sound pairs that agree
    # (the look-ups bound to local names: this loop runs for every character of the text)
    bigram, skipgram, fine_pair = index.bigrams.get, index.skipgrams.get, index.fine_pairs.get
    loose = index.loose_pairs
    for run_start, run_end in view.han_runs:
        for i in range(run_start, run_end - 1):
            for term_no in fine_pair((fine[i], fine[i + 1]), ()):
                votes[(term_no, i)] += 1
            after, after2 = coarse[i + 1], (coarse[i + 2] if i + 2 < run_end else ())
            for a in coarse[i]:
                for b in after:
                    for term_no, j in bigram((a, b), ()):
                        votes[(term_no, i - j)] += 1
                    if loose:  # the user's two-syllable terms, one final in another class
                        for term_no in loose.get((a, b[0]), ()):
                            votes[(term_no, i)] += 1
                        for term_no in loose.get((a[0], b), ()):
                            votes[(term_no, i)] += 1
                for b in after2:
                    for term_no, j in skipgram((a, b), ()):
                        votes[(term_no, i - j)] += 1
    # A term of four or more syllables heard with one syllable wrong, or two run together,
    # still shows at least two agreeing pairs; pairs after a merge point one syllable early.
    needed = index.votes_needed
    proposals = []
    for (term_no, start), n in votes.items():
        if n >= needed[term_no] or n + max(votes.get((term_no, start - 1), 0), votes.get((term_no, start + 1), 0)) >= needed[term_no]:
            proposals.append((term_no, start))

    best: dict[tuple[int, int, int], Candidate] = {}
    seen: set[tuple[int, int, int]] = set()
    text = view.text
    class_cost = sounds.min_cross_class_cost
    for term_no, start in sorted(proposals):
        term = index.chinese[term_no]
        m = len(term.syllables)
        threshold = min_similarity(settings, m, term.entry.bundled)
        floor = threshold
        # syllables that may be in another sound class: a dissimilar syllable costs at least
        # about a fifth, so 1 - allowed / 5m must stay above the floor
        allowed = int((1 - floor) * m / 0.2)
        lengths = [m]
        if m >= settings.zh_merge_min_syllables and 1 - settings.zh_merge_cost / m >= floor:
            lengths.append(m - 1)  # two syllables heard as one
        if 1 - 1 / m >= floor:
            lengths.append(m + 1)  # one syllable too many, inside the term
        if text[start : start + m] == term.form:
            continue
        for length in lengths:
            for s in {start, start + m - length}:  # anchored at the term's start, or its end
                e = s + length
                if s < 0 or e > len(text):
                    continue
                # cheap bounds first: a syllable in another sound class costs at least class_cost
                if length == m:
                    off = sum(1 for want, have in zip(term.coarse, coarse[s:e]) if want not in have)
                    if 1 - off * class_cost / m < threshold:
                        continue
                    if not _within(term.syllables, heard_all, s, (1 - threshold) * m):
                        continue
                elif _missing(term.coarse, coarse[s:e]) > (allowed if length > m else 1):  # a merge hides one class
                    continue
                if (term_no, s, e) in seen:
                    continue
                seen.add((term_no, s, e))
                run = view.han_run_at(s)
                if run is None or e > run[1]:
                    continue
                span = text[s:e]
                if span == term.form:
                    continue
                if span in index.correct_spellings:
                    if trace is not None and all(heard_all[s:e]):
                        similarity = zh_sound.align(term.syllables, heard_all[s:e], settings.zh_merge_cost).similarity
                        reject(s, e, term, similarity, f"{span} is itself a term or a protected word")
                    continue
                heard = heard_all[s:e]
                if any(h is None for h in heard):
                    continue
                alignment = zh_sound.align(term.syllables, heard, settings.zh_merge_cost)  # type: ignore[arg-type]
                if alignment.similarity < threshold:
                    reject(s, e, term, alignment.similarity, f"sounds too different (needs {threshold})")
                    continue
                if alignment.ops[0] in "+-<" or alignment.ops[-1] in "+-<":
                    continue  # an extra, missing or merged syllable at the edge: the span is misplaced
                if (
                    term.entry.bundled
                    and len(term.syllables) <= settings.zh_breaking_word_max_syllables
                    and _syllables_off(term.syllables, heard) > settings.zh_bundled_syllables_off
                ):
                    # small slips in every syllable add up to a name, not to the term (斯齐万兹
                    # is Schwanitz, not 期望值)
                    reject(s, e, term, alignment.similarity, "more than one syllable sounds different")
                    continue
                # a protected word gives way only inside a long term said syllable for syllable,
                # tones and all, and only with context (中心国际 -> 中芯国际 beside 工艺; but
                # 本地不熟 is not 本地部署)
                protected_inside = view.changes_protected(s, e, term.form)
                if protected_inside and not _said_exactly(term, alignment):
                    reject(s, e, term, alignment.similarity, "would change a protected word")
                    continue
                covers = view.touches_locked(s, e, term.form)
                if covers and not _may_cover(view, s, e, alignment, settings):
                    reject(s, e, term, alignment.similarity, "would change a correct term or protected word")
                    continue
                judged = _judge(view, run, s, e, term, alignment, heard, threshold, lexicon, settings)
                if isinstance(judged, str):
                    reject(s, e, term, alignment.similarity, judged)
                else:
                    # a bundled term that takes in another term's correct spelling and changes
                    # it (极氪玩 -> 极客湾) needs the topic's support, as one that gives a
                    # protected word way does: two right words are likelier than one wrong one
                    if protected_inside or (covers and term.entry.bundled):
                        judged.evidence_needed = max(judged.evidence_needed, 1)
                    best[(term_no, s, e)] = judged
    return _one_form_per_span(best.values(), index)


def _one_form_per_span(candidates, index: TermIndex) -> list[Candidate]:
    """An entry's regional forms may sound the same (葛林斯潘/格林斯潘): where they tie for a
    span, the form of the transcript's own script and region is written."""
    def rank(c: Candidate) -> tuple[float, bool]:
        return (c.similarity, c.after == index.form_of(c.entry))

    chosen: dict[tuple, Candidate] = {}
    for c in candidates:
        key = (id(c.entry), c.start, c.end)
        if key not in chosen or rank(c) > rank(chosen[key]):
            chosen[key] = c
    return list(chosen.values())


def _said_exactly(term, alignment) -> bool:
    """A long term (four syllables or more) heard syllable for syllable, tones and all: strong
    enough to read through ordinary or protected words that happen to say it."""
    return len(term.syllables) >= 4 and alignment.similarity >= 1.0


def _syllables_off(term: tuple, heard: list) -> int:
    """How many of the term's syllables the span says otherwise, tones aside (span and term of
    the same length; 0 otherwise, for the alignment to judge)."""
    if len(term) != len(heard):
        return 0
    return sum(1 for want, readings in zip(term, heard) if all(h.toneless != want.toneless for h in readings))


def _within(term: tuple, heard_all: list, start: int, budget: float) -> bool:
    """Could the span, syllable by syllable, cost no more than the budget? (A quick exit
    before the full alignment, which most spans fail.)"""
    cost = 0.0
    for k, meant in enumerate(term):
        heard = heard_all[start + k]
        if heard is None:
            return False
        cost += zh_sound.heard_cost(meant, heard)
        if cost > budget + 1e-9:
            return False
    return True


def _may_cover(view: TextView, s: int, e: int, alignment, settings: Settings) -> bool:
    """A longer term that sounds the same may take in a shorter correct term (李家 in 李家誠
    for 李嘉誠), but never cut one in two."""
    inside = all(s <= ls and le <= e and (ls, le) != (s, e) for ls, le in view.locked_within(s, e))
    return inside and alignment.similarity >= settings.zh_min_similarity_2


def _missing(term_coarse: tuple, window: list[tuple]) -> int:
    """How many of the term's sound classes the window lacks (a cheap bound before aligning)."""
    pool = list(window)
    missing = 0
    for c in term_coarse:
        for k, classes in enumerate(pool):
            if c in classes:
                del pool[k]
                break
        else:
            missing += 1
    return missing


# Sentence-final particles are as much function words as 的 and 了, though jieba counts them
# less often (a written corpus): 你饿了吗 is a question, not a misheard 饿了么.
MODAL_PARTICLES = frozenset("吗嗎呢吧啊呀嘛哦哈啦")


def _cuts_a_word(words: list[str], start: int, end: int, lexicon: ChineseLexicon, frequency: int) -> bool:
    """Does the span begin or end inside a word (at least this frequent) of the window's
    segmentation?"""
    pos = 0
    for word in words:
        w_start, w_end = pos, pos + len(word)
        pos = w_end
        crosses = (w_start < start < w_end) or (w_start < end < w_end)
        if crosses and lexicon.frequency(word) >= frequency:
            return True
    return False


def _word_across_edge(text: str, start: int, end: int, span: str, form: str, lexicon: ChineseLexicon) -> str:
    """A two-character word made of a character outside the span and the span's character
    beside it, where the term changes that character: 看完 for 完文件 -> 源文件."""
    pairs = []
    if start > 0 and span[0] != form[0]:
        pairs.append(text[start - 1 : start + 1])
    if end < len(text) and span[-1] != form[-1]:
        pairs.append(text[end - 1 : end + 1])
    return next((p for p in pairs if len(p) == 2 and lexicon.frequency(p) > 0), "")


def _common_words_only(words: list[str], lexicon: ChineseLexicon, settings: Settings) -> bool:
    return all(len(w) > 1 and lexicon.frequency(w) >= settings.zh_common_word_frequency for w in words)


def _word_and_a_char(words: list[str], term_s: str, lexicon: ChineseLexicon, settings: Settings) -> bool:
    """Is the span a common word that the term has as written, and common one-character words?"""
    common = [lexicon.frequency(w) >= settings.zh_common_word_frequency for w in words]
    kept = any(ok and len(w) > 1 and w in term_s for w, ok in zip(words, common))
    singles = [ok for w, ok in zip(words, common) if len(w) == 1]
    return kept and bool(singles) and all(singles)


def _reads_as_word(words: list[str], start: int, end: int) -> bool:
    """Is [start, end) one word of the segmentation, or inside one?"""
    pos = 0
    for word in words:
        if pos <= start and end <= pos + len(word):
            return True
        pos += len(word)
    return False


def _judge(view, run, s, e, term, alignment, heard, threshold, lexicon: ChineseLexicon, settings: Settings) -> Candidate | str:
    """The candidate, or why the span is turned down."""
    text = view.text
    span = text[s:e]
    span_s = to_simplified(span)
    frequency = lexicon.frequency(span_s)
    if frequency >= settings.zh_common_word_frequency:
        return f"{span} is a common word (frequency {frequency})"  # 回答 is not a misheard 輝達
    for k, ch in enumerate(span):
        function_word = ch in MODAL_PARTICLES or lexicon.frequency(to_simplified(ch)) >= settings.zh_function_char_frequency
        if ch in term.form or not function_word:
            continue
        # a very common character may give way only inside a longer term that sounds the
        # same with its usual reading (巴西對 -> 巴西隊, 賣得公司 -> 麥德公司), never by a rare
        # reading (的 as di1 in 的延遲 -> 低延遲)
        same_sound = (
            len(term.syllables) > 2
            and len(span) == len(term.syllables)
            and heard[k][0].toneless == term.syllables[k].toneless
        )
        # ... and at the span's edge, for a short bundled name, only with its tone too:
        # thousands of three-character names sound like a phrase ending in one (哪家的 is
        # not 拉加德: 的 is said de5), while 和 is he2 as 合 of 过拟合 is
        at_edge = k in (0, len(span) - 1)
        exact = heard[k][0] == term.syllables[k]
        if not same_sound or (term.entry.bundled and at_edge and len(term.syllables) < 4 and not exact):
            return f"would replace {ch}, a very common word"
    w = settings.zh_lm_window
    left, right = text[max(run[0], s - w) : s], text[e : min(run[1], e + w)]
    original = to_simplified(left + span + right)
    words = lexicon.segment(original)
    # A span that cuts a common word in two is ordinary text; one that cuts any word needs a
    # near-exact sound (科技讓|開 -> 科技浪 yes, 優化結|帳 -> 優化器 no), and a two-syllable
    # term never gets it (警稱 in 接警稱).
    start, end = len(left), len(left) + len(span)
    if _cuts_a_word(words, start, end, lexicon, settings.zh_common_word_frequency):
        return f"cuts a common word in two ({'/'.join(words)})"
    cuts = _cuts_a_word(words, start, end, lexicon, 1)
    # a word across the span's edge that the segmentation passed over (看完 in 看|完文件: 看
    # 完 文件 reads as well) is cut all the same, for a bundled term (the user's own terms
    # were written for this transcript)
    edge = _word_across_edge(original, start, end, span, term.form, lexicon) if term.entry.bundled else ""
    if cuts or edge:
        if len(term.syllables) <= 2 or alignment.similarity < settings.zh_min_similarity_breaking_word:
            return f"cuts a word in two ({edge or '/'.join(words)})"
    span_words = lexicon.segment(span_s)
    # 通訊協議 is not a misheard 通信協議; but ordinary words that say a long term syllable
    # for syllable, tones and all (测试用力 for 测试用例), are how a recogniser writes the term
    if _common_words_only(span_words, lexicon, settings) and not _said_exactly(term, alignment):
        return f"is made of common words ({'/'.join(span_words)})"
    term_s = to_simplified(term.form)
    broken = [w for w in span_words if len(w) > 1 and w not in term_s and lexicon.frequency(w) >= settings.zh_common_word_frequency]
    short = len(term.syllables) <= settings.zh_breaking_word_max_syllables
    if broken and short and alignment.similarity < settings.zh_min_similarity_breaking_word:
        return f"would break the common word {broken[0]} (needs {settings.zh_min_similarity_breaking_word})"
    # An address form (老庄 for 庄表伟) reads no better than the phrase it was heard as (老张):
    # the language model cannot choose between two surnames, the document's evidence must.
    address_form = term.entry.derived_from is not None
    # Nor between a name and other characters that are the same in Simplified (升腾 for 昇腾,
    # 林百裡 for 林百里): the same word to the language model; context must say which is meant.
    variant = span != term.form and span_s == to_simplified(term.form)
    lm_blind = address_form or variant
    # the span alone: what it is as the ASR wrote it, against the term as one word, or the
    # span with its neighbours, where a word may be misheard as another word but the phrase
    # it makes with them is known (开元社区 for 开源社区) ...
    gain = lexicon.log_prob(to_simplified(term.form)) - lexicon.log_prob(span_s)
    changed = to_simplified(left + term.form + right)
    window_gain = lexicon.log_prob(changed) - lexicon.log_prob(original)
    # A word said exactly as the term, tones and all (质谱 for 智谱, 之网 for 知网), reads no
    # worse to the language model than the name: only the topic can choose, and one context
    # word is not enough for that (质谱仪 beside 清华 is the instrument).
    homophone = False
    if max(gain, window_gain) < settings.zh_min_lm_gain and not lm_blind:
        if alignment.similarity < 1.0 or len(term.syllables) < 2:
            return f"the term does not read much better than the text (gain {gain:.1f}, with its neighbours {window_gain:.1f})"
        homophone = True
    # ... and with its neighbours the change must not make the text read worse (一堆數位 is
    # not 一對數位: the change would break 一堆 to make 對數)
    if window_gain < (settings.zh_min_window_gain if not lm_blind else -settings.zh_min_window_gain):
        return f"the sentence reads worse with the term (gain {window_gain:.1f})"
    # ... and the term must read as a word where it lands (一對數位 reads 一對/數位)
    if not _reads_as_word(lexicon.segment(changed), len(left), len(left) + len(term.form)):
        return "the term would not read as a word there"
    said = zh_sound.heard_string(heard, term.syllables)
    meant = zh_sound.pinyin_string(term.syllables)
    what = "is not a word" if frequency == 0 else f"is a rare word (frequency {frequency})"
    reason = f"sounds like {term.form} ({said} ≈ {meant}); {span} {what}"
    if address_form:
        reason = f"sounds like {term.form}, how {term.entry.derived_from} is addressed ({said} ≈ {meant})"
    if "<" in alignment.ops:
        reason += "; two syllables run together"
    # a real word, however rare (集數, 查到), is only replaced with context to support it; so
    # is any span for a two-syllable term from the bundled glossaries: with thousands of
    # them, some homophone of an ordinary phrase is always near (極客 -> 極氪, 隨緣 -> 燧原),
    # while a term from the user's own list was put there for this transcript
    # and so is a span that cuts a word or breaks a common one for a bundled term: names
    # made of ordinary characters straddle word boundaries by chance (切成一小 -> 程一笑)
    # and so is a short one that keeps a common word of the text and changes a character that
    # is a word of its own beside it (极客玩 -> 极客湾: people play)
    word_and_char = len(term.syllables) <= 3 and _word_and_a_char(span_words, term_s, lexicon, settings)
    doubtful_bundled = term.entry.bundled and (len(term.syllables) <= 2 or cuts or broken or word_and_char)
    needed = 1 if frequency > 0 or lm_blind or homophone or doubtful_bundled else 0
    if homophone:
        reason += f"; {span} reads as well as {term.form}, so two of its context words must say which is meant"
    return Candidate(
        start=s,
        end=e,
        before=span,
        after=term.form,
        entry=term.entry,
        rule="zh-sound",
        similarity=round(alignment.similarity, 4),
        threshold=threshold,
        evidence_needed=needed,
        context_words_needed=settings.zh_homophone_context_words if homophone else 0,
        evidence={
            "pinyin_before": said,
            "pinyin_after": meant,
            "alignment": "".join(alignment.ops),
            "word_frequency": frequency,
            "lm_gain": round(gain, 2),
            "window_gain": round(window_gain, 2),
        },
        reasons=[reason],
    )
