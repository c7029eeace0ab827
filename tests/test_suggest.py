"""`corrector glossary suggest`: terms the transcript seems to need, with counts and context,
ready to paste; nothing the corrector already changes or knows."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from corrector import glossary
from corrector import suggest as S
from corrector.cli_review import suggest_command

from conftest import EXAMPLES

TERMS = str(EXAMPLES / "seed" / "show-terms.txt")


@pytest.fixture(scope="module")
def proposals(corrector, seed_text):
    return S.suggest(seed_text, corrector, limit=None)


def by_kind(proposals, kind):
    return {p.text: p for p in proposals if p.kind == kind}


def test_unknown_latin_words(proposals):
    latin = by_kind(proposals, "latin")
    assert latin["Asianometry"].count == 2  # a YouTube channel: not English, not a term
    assert "SuperPOD" in latin
    for known in ("Podcast", "NVIDIA", "Google", "Hahow"):  # English words and known terms
        assert known not in latin
    for corrected in ("Cuda", "Atech", "Jeth"):  # the corrector already changes these
        assert corrected not in latin
    assert "[Asianometry]" in latin["Asianometry"].contexts[0]


def test_repeated_rare_chinese_words(proposals):
    rare = by_kind(proposals, "rare")
    assert rare["講者"].count == 5  # unknown to jieba's dictionary
    assert "科技進步" in rare
    assert all(p.count >= 2 for p in rare.values())
    assert "硬聽" not in rare and "夜配" not in rare  # corrected
    assert not any(word[0] in "這我的是有" for word in rare)  # jieba gluing function words


def test_near_misses_below_the_threshold(proposals, corrector):
    near = by_kind(proposals, "near-miss")
    assert near["中瓜號"].term == "中括號"
    assert 0 < near["中瓜號"].score < corrector.settings.zh_min_similarity_long
    assert near["中瓜號"].glossary_line() == "中括號 | 中瓜號"


def test_nothing_to_suggest_for_clean_text(corrector):
    assert S.suggest("今天天氣很好,我們去公園散步。", corrector) == []


def test_the_text_output_is_a_glossary(proposals, tmp_path):
    text = S.render_text("seed.txt", proposals)
    path = tmp_path / "suggested.txt"
    path.write_text(text, encoding="utf-8")
    parsed = glossary.load(path)
    terms = {e.term for e in parsed.entries}
    assert {"Asianometry", "講者", "中括號"} <= terms
    assert ("中瓜號",) == next(e for e in parsed.entries if e.term == "中括號").aliases
    assert "# 2×: …" in text


def test_the_yaml_output_parses_as_entries(proposals):
    text = S.render_yaml("seed.txt", proposals)
    parsed = glossary.parse_yaml("entries:\n" + text, "suggested.yaml", domain="x")
    assert any(e.term == "中括號" and e.aliases == ("中瓜號",) for e in parsed.entries)


def test_suggest_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = EXAMPLES / "seed" / "transcript.txt"
    out = CliRunner().invoke(suggest_command, [str(path), "-g", TERMS, "--format", "json", "--kind", "latin", "--limit", "3"], catch_exceptions=False)
    assert out.exit_code == 0
    doc = json.loads(out.stdout)
    assert len(doc["proposals"]) == 3 and {p["kind"] for p in doc["proposals"]} == {"latin"}
    assert doc["proposals"][0]["count"] >= doc["proposals"][-1]["count"]
