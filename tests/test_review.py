"""`corrector review`: the state machine on its own, the screen, and the real thing in a
pseudo-terminal (pexpect): decide, quit midway, resume, finish; then learn from the decisions
and check that fix with the learned glossary gives the reviewed text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corrector import decisions as D
from corrector.report import Positions, display_width
from corrector.report import Style
from corrector.review import Review, context_lines, screen

from conftest import EXAMPLES, ROOT

TEXT = "我的硬聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大型原模型的訓練\n我的硬聽還要加強\n"
TERMS = str(EXAMPLES / "seed" / "show-terms.txt")


@pytest.fixture(scope="module")
def changes(corrector):
    result = corrector.correct(TEXT)
    return D.reviewable(result.corrections, result.suggestions)


def new_review(changes, decisions=None, saved=None):
    decisions = D.Decisions.for_text("talk.txt", TEXT) if decisions is None else decisions
    return Review(TEXT, changes, decisions, on_change=(saved.append if saved is not None else None))


# --- the state machine --------------------------------------------------------------------------


def test_decisions_move_on_and_are_saved_each_time(changes):
    saved = []
    review = new_review(changes, saved=saved)
    assert review.position == 0
    review.act("accept")
    review.act("reject")
    assert review.position == 2 and len(saved) == 2
    review.act("edit", "大語言模型")
    decided = {d.before: (d.verdict.value, d.text) for d in review.decisions}
    assert decided == {"硬聽": ("accept", None), "灰達": ("reject", None), "大型原模型": ("edit", "大語言模型")}
    assert review.position == 3 and not review.done


def test_back_shows_a_decided_change_and_a_new_decision_replaces_it(changes):
    review = new_review(changes)
    review.act("accept")
    review.act("back")
    assert review.position == 0 and review.decision_of(changes[0]).verdict is D.Verdict.ACCEPT
    review.act("reject")
    assert review.decision_of(changes[0]).verdict is D.Verdict.REJECT
    assert review.position == 1  # the next undecided one
    review.act("back")
    review.act("back")
    review.act("back")
    assert review.position == 0


def test_accept_all_of_a_term_leaves_other_decisions_alone(changes):
    review = new_review(changes)
    review.act("next")  # skip 硬聽 (英聽)
    review.act("reject")  # 灰達
    review.act("next")  # skip 大型原模型, on to the second 硬聽
    assert review.current.before == "硬聽"
    review.act("reject")
    assert review.position == 0  # wrapped round to the first undecided change, 硬聽 again
    review.act("accept_term")  # this 硬聽; the other one keeps its rejection
    verdicts = [review.decision_of(c) and review.decision_of(c).verdict.value for c in changes]
    assert verdicts == ["accept", "reject", None, "reject"]
    assert review.position == 2  # the only undecided change


def test_reject_all_of_a_term_then_finish(changes):
    review = new_review(changes)
    review.act("reject_term")
    assert [bool(review.decision_of(c)) for c in changes] == [True, False, False, True]
    review.act("finish")
    assert not review.finished  # two changes still undecided
    review.act("accept")
    review.act("accept")
    assert review.current is None and review.done
    review.act("accept")  # nothing to decide on the closing screen
    review.act("finish")
    assert review.finished


def test_undo_and_skip_wrap_round(changes):
    review = new_review(changes)
    review.act("accept")
    review.act("back")
    review.act("undo")
    assert review.decision_of(changes[0]) is None
    for _ in range(4):
        review.act("next")
    assert review.position == 0  # round the four undecided changes


def test_resuming_starts_at_the_first_undecided_change(changes):
    decisions = D.Decisions.for_text("talk.txt", TEXT)
    first = new_review(changes, decisions)
    first.act("accept")
    first.act("accept")
    first.act("quit")
    assert first.quit
    again = new_review(changes, D.parse(decisions.to_json(), "d.json"))
    assert again.position == 2


# --- the screen ---------------------------------------------------------------------------------


def test_the_mark_lines_up_under_wide_characters(changes):
    for change in changes:
        lines = context_lines(TEXT, change, 60, Style())
        text_line, mark_line = lines[0], lines[1]
        column = display_width(mark_line) - display_width(mark_line.lstrip())
        prefix = text_line[: text_line.index(change.before)]
        assert column == display_width(prefix)
        assert mark_line.strip() == "^" * display_width(change.before)
        assert lines[2].strip() == change.after


def test_the_screen_fits_a_narrow_terminal(changes):
    review = new_review(changes)
    lines = screen(review, "talk.txt", Positions(TEXT), width=40)
    assert lines[0].startswith("1/4  talk.txt:1:3")
    assert all(display_width(line) <= 40 for line in lines)
    assert any("score" in line and "0." in line for line in lines)
    assert any(line.strip().startswith("reason") for line in lines)


def test_a_long_line_is_cut_to_the_terminal_width():
    text = "前面的話" * 40 + "灰達" + "後面的話" * 40
    from corrector.edits import Correction

    change = Correction(160, 162, "灰達", "輝達", "輝達", "zh-sound", 0.9, "")
    lines = context_lines(text, change, 50, Style())
    assert display_width(lines[0]) <= 50
    assert lines[0].startswith("... ") and lines[0].endswith(" ...")


# --- the real terminal (pexpect) --------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")

CORRECTOR = ["-m", "corrector"]


def spawn(folder: Path, *args: str):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        [*CORRECTOR, "review", "talk.txt", "-g", TERMS, *args],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(30, 100),
    )
    return child


def test_review_in_a_terminal_quit_resume_finish(tmp_path, corrector):
    (tmp_path / "talk.txt").write_text(TEXT, encoding="utf-8")
    decisions_file = tmp_path / "talk.decisions.json"

    child = spawn(tmp_path, "-o", "out.txt")
    child.expect("1/4  talk.txt:1:3")
    child.expect("硬聽 → 英聽")
    child.send("a")
    child.expect("2/4  talk.txt:2:8")
    child.send("r")
    child.expect("3/4")
    child.send("q")
    child.expect("2 of 4 changes decided")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = json.loads(decisions_file.read_text(encoding="utf-8"))
    assert [(c["before"], c["decision"]) for c in saved["changes"]] == [("硬聽", "accept"), ("灰達", "reject")]
    assert not (tmp_path / "out.txt").exists()  # the review is not finished

    child = spawn(tmp_path, "-o", "out.txt")
    child.expect("3/4  talk.txt:3:5")  # resumes at the first undecided change
    child.expect("大型原模型 → 大型語言模型")
    child.send("e")
    child.expect("edit: 大型原模型 → 大型語言模型")  # the prompt, prefilled with the proposal
    child.sendcontrol("u")  # clear it
    child.send("大語言模型\r")
    child.expect("4/4  talk.txt:4:3")
    child.send("b")
    child.expect("edited to 大語言模型")
    child.send("n")
    child.expect("4/4")
    child.send("A")  # accept every undecided 英聽: the second 硬聽
    child.expect("All 4 changes in talk.txt are decided")
    child.expect("2 accepted, 1 rejected, 1 edited")
    child.send("\r")
    child.expect("transcript written to out.txt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    reviewed = "我的英聽已經很好了\n用一個東西叫做灰達的GPU NVIDIA的GPU\n這是一個大語言模型的訓練\n我的英聽還要加強\n"
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == reviewed
    saved = json.loads(decisions_file.read_text(encoding="utf-8"))
    assert [(c["before"], c["decision"], c.get("text")) for c in saved["changes"]] == [
        ("硬聽", "accept", None),
        ("灰達", "reject", None),
        ("大型原模型", "edit", "大語言模型"),
        ("硬聽", "accept", None),
    ]

    # round trip: what the review decided, learned, makes fix give the reviewed text
    learned = tmp_path / "learned.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, *CORRECTOR, "learn", str(decisions_file), "--into", str(learned)], check=True, cwd=tmp_path, env=env, capture_output=True)
    fixed = subprocess.run(
        [sys.executable, *CORRECTOR, "fix", "talk.txt", "-g", TERMS, "-g", str(learned)], check=True, cwd=tmp_path, env=env, capture_output=True
    )
    assert fixed.stdout.decode("utf-8") == reviewed
    again = subprocess.run(
        [sys.executable, *CORRECTOR, "diff", "out.txt", "-g", TERMS, "-g", str(learned), "--exit-code"], cwd=tmp_path, env=env, capture_output=True
    )
    assert again.returncode == 0, again.stdout.decode("utf-8")  # no further changes


def test_review_without_a_terminal_says_so(tmp_path):
    (tmp_path / "talk.txt").write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, *CORRECTOR, "review", "talk.txt"], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "review needs a terminal" in done.stderr
    assert not (tmp_path / "talk.decisions.json").exists()
