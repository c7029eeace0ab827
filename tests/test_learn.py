"""Learning from decisions: what each decision teaches, merging into the user's YAML glossary,
and the round trip on the seed transcript (decisions -> learn -> fix gives the reviewed text)."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from corrector import cli_review  # noqa: F401  (registers the commands on main)
from corrector import Corrector, glossary, load_all
from corrector import decisions as D
from corrector import learn as L
from corrector.cli import main
from corrector.glossary import bundled_dir

from conftest import EXAMPLES

TERMS = str(EXAMPLES / "seed" / "show-terms.txt")


def decision(before, after, verdict="accept", *, term=None, text=None, rule="zh-sound", left="前面的一些話", right="後面的一些話", start=10):
    return D.Decision(
        id=f"{start:010d}",
        verdict=D.Verdict(verdict),
        start=start,
        end=start + len(before),
        before=before,
        after=after,
        term=term or after,
        rule=rule,
        text=text,
        left=left,
        right=right,
    )


def kinds(lessons):
    return [(l.kind, l.term, l.text) for l in lessons]


def test_accepted_changes_become_aliases():
    lessons = L.lessons([decision("灰達", "輝達"), decision("灰達", "輝達", start=40), decision("張亮", "張量", start=80)])
    assert kinds(lessons) == [("alias", "張量", "張亮"), ("alias", "輝達", "灰達")]
    assert lessons[1].count == 2


def test_what_matching_already_does_is_not_learned():
    lessons = L.lessons(
        [
            decision("Cuda", "CUDA", rule="form"),
            decision("灰達", "輝達", rule="alias"),
            decision("Dance Model", "Dense Model", term="dense model", rule="en-sound"),
        ]
    )
    assert [l.kind for l in lessons] == ["skip", "skip", "skip"]
    assert "would not reproduce" in [l for l in lessons if l.text == "Dance Model"][0].why


def test_a_text_rejected_everywhere_is_protected():
    lessons = L.lessons([decision("回達", "輝達", "reject"), decision("回達", "輝達", "reject", start=50)])
    assert kinds(lessons) == [("protect", "", "回達")]


def test_mixed_decisions_make_an_exclusion_not_an_alias():
    accepted = decision("灰達", "輝達", left="我們來聊聊顯示卡大廠", right="的新晶片")
    rejected = decision("灰達", "輝達", "reject", left="我的朋友住在高雄", right="家裡開餐廳", start=500)
    lessons = L.lessons([accepted, rejected], load_all())
    assert kinds(lessons)[0][:2] == ("exclude", "輝達")
    word = lessons[0].text
    assert word in rejected.left + rejected.right and word not in accepted.left + accepted.right
    assert lessons[1].kind == "skip" and "depends on context" in lessons[1].why


def test_an_exclusion_is_never_a_term_or_a_context_word_of_the_term():
    accepted = decision("灰達", "輝達", left="", right="")
    rejected = decision("灰達", "輝達", "reject", left="用一個東西叫做", right="的GPU NVIDIA的GPU", start=500)
    lessons = L.lessons([accepted, rejected], load_all())
    exclusion = [l for l in lessons if l.kind == "exclude"][0]
    assert exclusion.text not in ("GPU", "NVIDIA")


def test_an_edit_teaches_the_new_term_and_excludes_the_proposal():
    lessons = L.lessons([decision("張亮", "張量", "edit", text="張良", left="歷史人物", right="是漢朝的謀士")], load_all())
    assert ("alias", "張良", "張亮") in kinds(lessons)
    assert [l.term for l in lessons if l.kind == "exclude"] == ["張量"]


def test_short_texts_and_deletions_are_not_learned():
    lessons = L.lessons([decision("灰", "輝"), decision("灰達", "輝達", "edit", text="", start=30)])
    assert all(l.kind in ("skip", "protect") for l in lessons)
    assert any("deleting" in l.why for l in lessons)


# --- merging into the glossary ------------------------------------------------------------------

EXISTING = """\
# my show's glossary
domain: show          # keep this
entries:
- term: 英聽          # English listening
  aliases: [硬聽]
- 哈利
- term: 輝達
  context: [GPU]
"""


def test_merge_keeps_comments_and_never_duplicates(tmp_path):
    path = tmp_path / "show.yaml"
    path.write_text(EXISTING, encoding="utf-8")
    lessons = [
        L.Lesson("alias", "英聽", "硬聽", 3, ""),  # already there
        L.Lesson("alias", "英聽", "音聽", 2, ""),
        L.Lesson("alias", "哈利", "哈哩", 1, ""),  # a bare term becomes a mapping
        L.Lesson("exclude", "輝達", "高雄", 1, ""),
        L.Lesson("alias", "張量", "張亮", 1, ""),  # a new entry
        L.Lesson("protect", "", "回達", 1, ""),
    ]
    merged = L.merge(path, lessons)
    assert [l.text for l in merged.present] == ["硬聽"]
    text = path.read_text(encoding="utf-8")
    assert "# my show's glossary" in text and "# keep this" in text and "# English listening" in text
    loaded = glossary.load(path)
    entries = {e.term: e for e in loaded.entries}
    assert entries["英聽"].aliases == ("硬聽", "音聽")
    assert entries["哈利"].aliases == ("哈哩",)
    assert entries["輝達"].not_near == ("高雄",) and entries["輝達"].context == ("GPU",)
    assert entries["張量"].aliases == ("張亮",)
    assert "回達" in loaded.protected

    again = L.merge(path, lessons)
    assert again.added == [] and path.read_text(encoding="utf-8") == text


def test_merge_creates_a_new_glossary(tmp_path):
    path = tmp_path / "sub" / "learned.yaml"
    L.merge(path, [L.Lesson("alias", "英聽", "硬聽", 1, "")])
    assert glossary.load(path).entries[0].aliases == ("硬聽",)
    assert path.read_text(encoding="utf-8").startswith("# Terms, aliases and exclusions learned")


def test_merge_refuses_bundled_and_text_glossaries(tmp_path):
    with pytest.raises(L.LearnError, match="bundled"):
        L.merge(bundled_dir() / "ai.yaml", [L.Lesson("alias", "張量", "張亮", 1, "")], write=False)
    with pytest.raises(L.LearnError, match="YAML"):
        L.merge(tmp_path / "x.txt", [])


def test_merge_refuses_an_invalid_glossary(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("entries:\n- term: a\n  colour: red\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="unknown field 'colour'"):
        L.merge(path, [L.Lesson("alias", "a", "b", 1, "")])


# --- the round trip on the seed transcript ---------------------------------------------------------


def test_round_trip_on_the_seed(tmp_path, corrector, seed_text):
    """Reject some changes everywhere, edit two, accept the rest; learn; fix with the learned
    glossary gives exactly the reviewed text, and fixing that changes nothing more."""
    result = corrector.correct(seed_text)
    changes = D.reviewable(result.corrections, result.suggestions)
    decisions = D.Decisions.for_text("transcript.txt", seed_text)
    edits = {"張亮": "張良", "竹克柏": "Zuckerberg"}
    rejected = {"Atech", "灰達", "Sam Almond"}
    assert rejected | set(edits) <= {c.before for c in changes}
    for c in changes:
        if c.before in rejected:
            decisions.set(D.decide(c, seed_text, D.Verdict.REJECT))
        elif c.before in edits:
            decisions.set(D.decide(c, seed_text, D.Verdict.EDIT, edits[c.before]))
        else:
            decisions.set(D.decide(c, seed_text, D.Verdict.ACCEPT))
    reviewed = D.apply(seed_text, changes, decisions).text

    dfile = tmp_path / "transcript.decisions.json"
    D.write(dfile, decisions)
    learned = tmp_path / "learned.yaml"
    out = CliRunner().invoke(main, ["learn", str(dfile), "--into", str(learned)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    assert "protect  Atech" in out.output and "alias    音聽 → 英聽" in out.output

    relearned = Corrector(load_all([TERMS, learned]))
    again = relearned.correct(seed_text)
    assert again.text == reviewed
    assert relearned.correct(reviewed).corrections == []


def test_learn_dry_run_writes_nothing(tmp_path):
    decisions = D.Decisions.for_text("x", "灰達")
    decisions.set(decision("灰達", "輝達"))
    dfile = tmp_path / "d.json"
    D.write(dfile, decisions)
    out = CliRunner().invoke(main, ["learn", str(dfile), "--into", str(tmp_path / "g.yaml"), "--dry-run"])
    assert out.exit_code == 0
    assert "would add 1 alias, 0 exclusions" in out.output
    assert not (tmp_path / "g.yaml").exists()
    out = CliRunner().invoke(main, ["learn", str(tmp_path / "none.json"), "--into", str(tmp_path / "g.yaml")])
    assert out.exit_code == 2 and "none.json: no such file" in out.output
