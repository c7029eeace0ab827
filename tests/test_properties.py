"""Invariants of the whole corrector, checked on generated transcripts (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corrector import Corrector, Glossary

# pieces of real-looking transcripts: misheard terms, correct terms, ordinary words that
# sound like terms, English in both states, punctuation and timestamps
FRAGMENTS = [
    "灰達", "輝達", "回答", "張亮", "張量", "Tensor", "韓式庫", "函式庫", "大型原模型", "大型語言模型",
    "硬聽", "英聽", "高校", "學習法", "夜配", "業配", "的", "我們", "然後", "這個", "GPU", "NVIDIA",
    "POM", "PaLM", "P-A-L-M", "Pod", "Cloud", "Cuda", "CUDA", "Tensorflow", "MI 300", "Chat GPT",
    "GPT 4", "Lex Freeman", "Jeth Bezos", "Sam Almond", "Tourist Topology", "dense model", "Dance Model",
    "billiners", "，", "。", " ", "\n", "(00:00~01:00) ", "中心", "歷史", "设备", "英伟达", "张亮",
]

transcripts = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)
# a correction takes a while: 60 examples per run, unless the explore profile asks for more
_examples = max(60, settings.default.max_examples) if settings.default.max_examples > 100 else 60
slow = settings(max_examples=_examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(st.text(max_size=200))
def test_an_empty_glossary_changes_nothing(text):
    assert Corrector(Glossary()).correct(text).text == text


@slow
@given(transcripts)
@example("Chat GPT灰達Chat GPTChat GPT")  # a fix (ChatGPT) is context for its neighbour
@example("MI 300dense model")  # a sound fix writes the term's separators as the form rule does
@example("MI 300Lex Freeman")  # 300Lex is one piece: MI 300 -> MI300 would glue Lex to it
@example("Chat GPT GPT 4")  # the GPT of a longer name (ChatGPT Pro) is no claim on Chat GPT
@example("GPT 4 Lex Freeman")  # the first word of a longer name (GPT of GPT-4o mini) is no claim on GPT 4
def test_correcting_twice_changes_nothing_more(corrector, text):
    once = corrector.correct(text).text
    assert corrector.correct(once).corrections == []


@slow
@given(transcripts)
def test_only_reported_spans_change(corrector, text):
    result = corrector.correct(text)
    cursor, rebuilt = 0, []
    for c in result.corrections:
        assert text[c.start : c.end] == c.before and c.before != c.after
        rebuilt.append(text[cursor : c.start])
        rebuilt.append(c.after)
        cursor = c.end
    rebuilt.append(text[cursor:])
    assert "".join(rebuilt) == result.text


def test_seed_transcript_is_a_fixed_point_after_one_pass(corrector, seed_text):
    once = corrector.correct(seed_text).text
    assert corrector.correct(once).corrections == []
