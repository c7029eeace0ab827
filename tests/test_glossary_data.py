"""The bundled glossaries are data validated like code: lint, canonical form, coverage, and
both regional usages left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector.cli import main
from corrector.glossary import _read, bundled_files, load_bundled, parse
from corrector.glossary_writer import dump_yaml
from corrector.lint import lint_bundled, lint_paths

ROOT = Path(__file__).resolve().parent.parent
FILES = bundled_files()


def test_there_are_named_domain_files():
    names = {p.stem for p in FILES}
    assert {"ai", "computing", "hardware", "cloud", "companies", "people", "products", "science", "business"} <= names
    assert (ROOT / "glossaries" / "protected.txt").is_file()


def test_lint_finds_no_errors_in_the_bundled_glossaries():
    errors = [str(p) for p in lint_bundled() if p.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_bundled_file_is_in_canonical_form(path: Path):
    raw = _read(path, str(path)).decode("utf-8")
    glossary = parse(path, raw.encode("utf-8"), str(path))
    assert dump_yaml(glossary.meta, glossary.entries) == raw, f"run: corrector glossary fmt {path}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_bundled_file_says_where_its_entries_come_from(path: Path):
    glossary = parse(path, path.read_bytes(), str(path))
    assert len(glossary.meta.get("source", "")) > 40


def test_coverage():
    glossary = load_bundled()
    assert len(glossary.entries) >= 3000
    both = [e for e in glossary.entries if e.tw and e.cn and e.tw != e.cn]
    assert len(both) >= 300


def test_list_json():
    result = CliRunner().invoke(main, ["glossary", "list", "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) >= 3000
    assert {"term", "domain", "aliases", "file"} <= set(rows[0])
    ai = CliRunner().invoke(main, ["glossary", "list", "--domain", "ai", "--format", "json"])
    assert {r["domain"] for r in json.loads(ai.stdout)} == {"ai"}


def test_regional_forms_are_never_corrected_into_each_other(bundled_corrector):
    entries = [e for e in load_bundled().entries if e.tw and e.cn and e.tw != e.cn]
    traditional = "，".join(e.tw for e in entries[:400])
    simplified = "，".join(e.cn for e in entries[:400])
    for text in (traditional, simplified, traditional + "，" + simplified):
        changes = bundled_corrector.correct(text).corrections
        assert changes == [], [(c.before, c.after) for c in changes[:5]]


LINT_CASES = [
    ("entries:\n- term: 輝達\n  aliases: [輝達]\n", "is the term itself"),
    ("entries:\n- term: 輝達\n  aliases: [張量]\n- term: 張量\n", "is itself the term '張量'"),
    ("entries:\n- term: 量\n", "single-character term"),
    ("entries:\n- term: 張量\n- term: 張量\n", "duplicate term"),
    ("entries:\n- term: 機率\n  tw: 機率\n  cn: 概率\n  context: [統計, 概率]\n", "is the term itself"),
    ("entries:\n- term: 張量\n  bogus: x\n- term: 輝達\n  aliases: [輝達]\n", "unknown field"),
]


@pytest.mark.parametrize("text, message", LINT_CASES)
def test_lint_reports_problems_with_file_and_line(tmp_path: Path, text: str, message: str):
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [p for p in lint_paths([path]) if p.severity == "error"]
    assert any(message in p.message and p.line >= 2 for p in problems), problems


def test_lint_reports_every_problem_of_a_file(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(LINT_CASES[-1][0], encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "lint", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any(":3: error: unknown field" in line for line in lines)
    assert any(":4: error: alias" in line for line in lines)


def test_fmt_rewrites_into_canonical_order(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text("entries:\n- term: 張量\n  context: [Tensor]\n- term: Agent\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["glossary", "fmt", "--check", str(path)]).exit_code == 1
    assert runner.invoke(main, ["glossary", "fmt", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == "entries:\n- term: Agent\n- term: 張量\n  context: [Tensor]\n"
    assert runner.invoke(main, ["glossary", "fmt", "--check", str(path)]).exit_code == 0


def test_explain_shows_sound_and_near_terms():
    out = CliRunner().invoke(main, ["glossary", "explain", "灰達"]).stdout
    assert "huei1 da2" in out and "輝達" in out
    out = CliRunner().invoke(main, ["glossary", "explain", "Cloud"]).stdout
    assert "K L AW D" in out and "Claude" in out and "change nothing" in out
