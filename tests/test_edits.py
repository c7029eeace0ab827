"""Corrections as data: applying, choosing among overlaps, and the invariants around them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrector.edits import Applicability, Correction, apply_corrections, overlaps, resolve_overlaps


def c(start: int, end: int, text: str, after: str, score: float = 0.9, applicability=Applicability.APPLY) -> Correction:
    return Correction(start, end, text[start:end], after, term=after, rule="test", score=score, reason="", applicability=applicability)


TEXT = "灰達的GPU和Jeth Bezos"


@pytest.mark.parametrize(
    "edits, expected",
    [
        ([], TEXT),
        ([(0, 2, "輝達")], "輝達的GPU和Jeth Bezos"),
        ([(0, 2, "輝達"), (7, 11, "Jeff")], "輝達的GPU和Jeff Bezos"),
        ([(7, 17, "Jeff Bezos")], "灰達的GPU和Jeff Bezos"),
        ([(2, 3, "")], "灰達GPU和Jeth Bezos"),  # deletion
        ([(2, 2, "之")], "灰達之的GPU和Jeth Bezos"),  # insertion
    ],
)
def test_apply(edits, expected):
    assert apply_corrections(TEXT, [c(s, e, TEXT, a) for s, e, a in edits]) == expected


def test_apply_refuses_overlaps_and_stale_edits():
    with pytest.raises(ValueError):
        apply_corrections(TEXT, [c(0, 2, TEXT, "輝達"), c(1, 3, TEXT, "x")])
    stale = Correction(0, 2, "回答", "輝達", term="輝達", rule="t", score=1, reason="")
    with pytest.raises(ValueError):
        apply_corrections(TEXT, [stale])


def test_longer_fix_wins_over_a_shorter_one_inside_it():
    short = c(7, 11, TEXT, "Jeff", score=0.99)
    long = c(7, 17, TEXT, "Jeff Bezos", score=0.9)
    assert resolve_overlaps([short, long]) == [long]


def test_applied_corrections_win_over_suggestions():
    applied = c(0, 2, TEXT, "輝達", score=0.5)
    suggested = c(0, 3, TEXT, "輝達的", score=1.0, applicability=Applicability.SUGGEST)
    assert resolve_overlaps([suggested, applied]) == [applied]


def test_stable_id_depends_on_the_change_only():
    a, b = c(0, 2, TEXT, "輝達"), c(0, 2, TEXT, "輝達", score=0.1)
    assert a.stable_id() == b.stable_id()
    assert a.stable_id() != c(0, 2, TEXT, "回答").stable_id()


texts = st.text(alphabet="灰達回答GPU PaLM 的和abc\n", min_size=0, max_size=40)


@st.composite
def text_and_edits(draw):
    text = draw(texts)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 4), st.text(alphabet="輝達XY ", max_size=3)), max_size=6))
    edits = [c(s, min(n, s + k), text, a, score=draw(st.floats(0, 1))) for s, k, a in spans]
    return text, edits


@given(texts)
def test_no_edits_gives_the_text_back(text):
    assert apply_corrections(text, []) == text


@given(text_and_edits())
def test_resolved_edits_never_overlap_and_leave_other_text_alone(case):
    text, edits = case
    chosen = resolve_overlaps(edits)
    assert all(not overlaps(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :])
    out = apply_corrections(text, chosen)
    # every code point outside the chosen edits is unchanged, in order
    pieces, cursor = [], 0
    for e in chosen:
        pieces.append(text[cursor : e.start])
        cursor = e.end
    pieces.append(text[cursor:])
    pos = 0
    for piece in pieces:
        found = out.find(piece, pos)
        assert found != -1
        pos = found + len(piece)
