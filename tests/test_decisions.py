"""Decisions: the file format, applying exactly the accepted and edited changes, stale
decisions, and `corrector apply`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from corrector import cli_review  # noqa: F401  (registers the commands on main)
from corrector import decisions as D
from corrector.cli import main
from corrector.edits import Applicability, Correction

from conftest import EXAMPLES

TEXT = "我的硬聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大型原模型的訓練\n我的硬聽還要加強\n"
REVIEWED = "我的英聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大語言模型的訓練\n我的硬聽還要加強\n"
TERMS = str(EXAMPLES / "seed" / "show-terms.txt")


@pytest.fixture(scope="module")
def changes(corrector):
    result = corrector.correct(TEXT)
    found = D.reviewable(result.corrections, result.suggestions)
    assert [(c.before, c.after) for c in found] == [("硬聽", "英聽"), ("灰達", "輝達"), ("大型原模型", "大型語言模型"), ("硬聽", "英聽")]
    return found


def decided(changes, *verdicts) -> D.Decisions:
    """Decisions for the changes in order: 'a', 'r', None (undecided) or any other text (edit)."""
    decisions = D.Decisions.for_text("talk.txt", TEXT)
    for change, v in zip(changes, verdicts):
        if v == "a":
            decisions.set(D.decide(change, TEXT, D.Verdict.ACCEPT))
        elif v == "r":
            decisions.set(D.decide(change, TEXT, D.Verdict.REJECT))
        elif v is not None:
            decisions.set(D.decide(change, TEXT, D.Verdict.EDIT, v))
    return decisions


def test_ids_are_stable_across_runs(changes):
    from corrector import Corrector, load_all

    again = Corrector(load_all([TERMS])).correct(TEXT)
    assert [c.stable_id() for c in again.corrections] == [c.stable_id() for c in changes]


def test_apply_takes_exactly_the_accepted_and_edited_changes(changes):
    decisions = decided(changes, "a", "r", "大語言模型", "r")
    applied = D.apply(TEXT, changes, decisions)
    assert applied.text == REVIEWED
    assert applied.undecided == 0 and applied.stale == []
    assert [c.after for c in applied.chosen] == ["英聽", "大語言模型"]


@pytest.mark.parametrize(
    "default, expected",
    [
        (D.Verdict.REJECT, "我的英聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大型原模型的訓練\n我的硬聽還要加強\n"),
        (D.Verdict.ACCEPT, "我的英聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大型語言模型的訓練\n我的英聽還要加強\n"),
    ],
)
def test_undecided_changes_follow_the_default(changes, default, expected):
    applied = D.apply(TEXT, changes, decided(changes, "a", "r"), default=default)
    assert applied.text == expected
    assert applied.undecided == 2


def test_a_suggestion_is_applied_only_when_accepted():
    text = "灰達的GPU"
    sug = Correction(0, 2, "灰達", "輝達", "輝達", "zh-sound", 0.9, "", applicability=Applicability.SUGGEST)
    none = D.Decisions.for_text("x", text)
    assert D.apply(text, [sug], none, default=D.Verdict.ACCEPT).text == text
    none.set(D.decide(sug, text, D.Verdict.ACCEPT))
    assert D.apply(text, [sug], none).text == "輝達的GPU"


def test_an_edit_to_the_proposal_or_the_original_is_an_accept_or_a_reject(changes):
    assert D.decide(changes[0], TEXT, D.Verdict.EDIT, "英聽").verdict is D.Verdict.ACCEPT
    assert D.decide(changes[0], TEXT, D.Verdict.EDIT, "硬聽").verdict is D.Verdict.REJECT
    edit = D.decide(changes[0], TEXT, D.Verdict.EDIT, "聽力")
    assert (edit.verdict, edit.text, edit.replacement) == (D.Verdict.EDIT, "聽力", "聽力")


def test_file_round_trip(changes):
    decisions = decided(changes, "a", "r", "大語言模型")
    again = D.parse(decisions.to_json(), "d.json")
    assert list(again) == list(decisions)
    doc = json.loads(decisions.to_json())
    assert doc["format"] == "corrector-decisions" and doc["version"] == 1
    assert doc["input_sha1"] == D.fingerprint(TEXT)
    first = doc["changes"][0]
    assert first["decision"] == "accept" and "text" not in first
    assert (first["before"], first["after"], first["term"], first["start"]) == ("硬聽", "英聽", "英聽", 2)
    assert first["left"] == "我的" and first["right"].startswith("已經很好了")
    assert doc["changes"][2]["text"] == "大語言模型"


def test_stale_decisions_are_reported_not_applied(changes):
    decisions = decided(changes, "a", "a")
    record = json.loads(decisions.to_json())
    record["changes"][1]["after"] = "回答"  # the change is no longer what the corrector proposes
    record["changes"].append({**record["changes"][0], "id": "0123456789"})
    tampered = D.parse(json.dumps(record, ensure_ascii=False), "d.json")
    applied = D.apply(TEXT, changes, tampered)
    assert applied.text == TEXT.replace("我的硬聽已經", "我的英聽已經")
    assert sorted(d.id for d in applied.stale) == sorted(["0123456789", changes[1].stable_id()])


def test_decisions_for_another_text_are_refused(changes):
    decisions = decided(changes, "a")
    with pytest.raises(D.DecisionsError, match="another version"):
        decisions.check_text(TEXT + "more", "d.json")


@pytest.mark.parametrize(
    "raw, message",
    [
        ("{", "not valid JSON"),
        ('{"format": "other"}', "not a corrector decisions file"),
        ('{"format": "corrector-decisions", "version": 9, "input": "x", "input_sha1": "y", "changes": []}', "version 9"),
        ('{"format": "corrector-decisions", "version": 1, "input": "x", "input_sha1": "y", "changes": [{"id": "a"}]}', "change 1 has no 'decision'"),
        (
            '{"format": "corrector-decisions", "version": 1, "input": "x", "input_sha1": "y", "changes": '
            '[{"id": "a", "decision": "maybe", "start": 0, "end": 1, "before": "a", "after": "b", "term": "b", "rule": "r"}]}',
            "accept, reject or edit",
        ),
        (
            '{"format": "corrector-decisions", "version": 1, "input": "x", "input_sha1": "y", "changes": '
            '[{"id": "a", "decision": "edit", "start": 0, "end": 1, "before": "a", "after": "b", "term": "b", "rule": "r"}]}',
            "needs its 'text'",
        ),
        (
            '{"format": "corrector-decisions", "version": 1, "input": "x", "input_sha1": "y", "changes": '
            '[{"id": "a", "decision": "accept", "start": "0", "end": 1, "before": "a", "after": "b", "term": "b", "rule": "r"}]}',
            "'start' has the wrong type",
        ),
    ],
)
def test_bad_files_are_one_line_errors(raw, message):
    with pytest.raises(D.DecisionsError, match=message) as info:
        D.parse(raw, "d.json")
    assert str(info.value).startswith("d.json")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "r", None, "改了"]), min_size=4, max_size=4), st.sampled_from(list(D.Verdict)[:2]))
def test_text_outside_the_chosen_changes_is_untouched(corrector, verdicts, default):
    result = corrector.correct(TEXT)
    changes = D.reviewable(result.corrections, result.suggestions)
    applied = D.apply(TEXT, changes, decided(changes, *verdicts), default=default)
    # rebuild by hand from the original slices: nothing else may differ
    pieces, cursor = [], 0
    for c in sorted(applied.chosen, key=lambda c: c.start):
        pieces += [TEXT[cursor : c.start], c.after]
        cursor = c.end
    assert applied.text == "".join(pieces) + TEXT[cursor:]
    if all(v == "r" for v in verdicts):
        assert applied.text == TEXT
    if all(v == "a" for v in verdicts):
        assert applied.text == result.text


# --- corrector apply ----------------------------------------------------------------------------


@pytest.fixture
def talk(tmp_path, monkeypatch, changes):
    monkeypatch.chdir(tmp_path)  # no config file from the surroundings
    (tmp_path / "talk.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "talk.decisions.json").write_text(decided(changes, "a", "r", "大語言模型", "r").to_json(), encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_apply_writes_the_reviewed_transcript(talk):
    out = run("apply", "talk.txt", "-g", TERMS, "-o", "out.txt")
    assert out.exit_code == 0, out.output
    assert (talk / "out.txt").read_text(encoding="utf-8") == REVIEWED
    assert "2 changes applied of 4" in out.stderr


def test_apply_to_stdout_and_in_place(talk):
    out = run("apply", "talk.txt", "-g", TERMS, "--decisions", "talk.decisions.json")
    assert out.stdout == REVIEWED
    assert run("apply", "talk.txt", "-g", TERMS, "--write").exit_code == 0
    assert (talk / "talk.txt").read_text(encoding="utf-8") == REVIEWED


def test_apply_default_accept(talk, changes):
    (talk / "talk.decisions.json").write_text(decided(changes, None, "r").to_json(), encoding="utf-8")
    out = run("apply", "talk.txt", "-g", TERMS, "--default", "accept")
    assert out.stdout == "我的英聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大型語言模型的訓練\n我的英聽還要加強\n"
    assert "3 without a decision followed --default accept" in out.stderr


def test_apply_refuses_decisions_about_another_text(talk):
    (talk / "talk.txt").write_text(TEXT + "新的一行\n", encoding="utf-8")
    out = run("apply", "talk.txt", "-g", TERMS)
    assert out.exit_code == 2
    assert "another version of talk.txt" in out.stderr


def test_apply_without_decisions_file(talk):
    out = run("apply", "talk.txt", "-g", TERMS, "--decisions", "missing.json")
    assert out.exit_code == 2 and "missing.json: no such decisions file" in out.stderr
    out = run("apply", "talk.txt", "-g", TERMS, "-o", "x.txt", "--write")
    assert out.exit_code == 2 and "not both" in out.stderr


def test_apply_keeps_a_subtitle_file_intact(tmp_path, monkeypatch):
    """Decisions apply to a file in its format: only cue text changes."""
    monkeypatch.chdir(tmp_path)
    srt = "1\n00:00:01,000 --> 00:00:03,000\n我的硬聽已經很好了\n\n2\n00:00:03,000 --> 00:00:05,000\n叫做灰達的GPU NVIDIA的GPU\n"
    (tmp_path / "talk.srt").write_text(srt, encoding="utf-8")
    from corrector.cli_review import load_transcript, reviewable, setup

    _config, corrector = setup([TERMS])
    transcript = load_transcript("talk.srt", None, "auto", corrector)
    changes = [c.readable for c in reviewable(transcript)]
    assert [c.before for c in changes] == ["硬聽", "灰達"]
    decisions = D.Decisions.for_text("talk.srt", transcript.document.text)
    decisions.set(D.decide(changes[0], transcript.document.text, D.Verdict.EDIT, "聽力"))
    decisions.set(D.decide(changes[1], transcript.document.text, D.Verdict.ACCEPT))
    D.write(tmp_path / "talk.decisions.json", decisions)
    out = run("apply", "talk.srt", "-g", TERMS)
    assert out.exit_code == 0, out.output
    assert out.stdout == srt.replace("硬聽", "聽力").replace("灰達", "輝達")
