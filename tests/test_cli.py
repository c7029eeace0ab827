"""The command line: what fix and diff print, and their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHOW = str(ROOT / "examples" / "seed" / "show-terms.txt")
SAMPLE = "(00:00~01:00) 歡迎收聽科技浪 這集夜配就到這邊\n(01:00~02:00) 一個東西叫做灰達的GPU NVIDIA的GPU 還有Cuda\n"
FIXED = "(00:00~01:00) 歡迎收聽科技浪 這集業配就到這邊\n(01:00~02:00) 一個東西叫做輝達的GPU NVIDIA的GPU 還有CUDA\n"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "episode.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_fix_prints_the_corrected_transcript(sample):
    result = run("fix", str(sample), "--glossary", SHOW)
    assert result.exit_code == 0
    assert result.stdout == FIXED


def test_fix_reads_stdin_and_writes_output_file(tmp_path):
    out = tmp_path / "fixed.txt"
    result = run("fix", "-", "-g", SHOW, "-o", str(out), input=SAMPLE)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == FIXED


def test_no_aliases_ignores_glossary_aliases(tmp_path):
    glossary = tmp_path / "g.txt"
    glossary.write_text("Python | 派森\n", encoding="utf-8")  # a transliteration: no sound rule reaches it
    text = "我平常都用派森寫程式\n"
    assert run("fix", "-", "-g", str(glossary), input=text).stdout == "我平常都用Python寫程式\n"
    assert run("fix", "-", "-g", str(glossary), "--no-aliases", input=text).stdout == text


def test_diff_json_lists_every_change(sample):
    result = run("diff", str(sample), "-g", SHOW, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    changes = report["changes"]
    assert [(c["before"], c["after"]) for c in changes] == [("夜配", "業配"), ("灰達", "輝達"), ("Cuda", "CUDA")]
    first = changes[0]
    for key in ("id", "start", "end", "line", "col", "before", "after", "term", "score", "rule", "reason"):
        assert key in first
    assert SAMPLE[first["start"] : first["end"]] == "夜配"
    assert (first["line"], first["col"], first["timestamp"]) == (1, 25, "00:00")


def test_diff_text_and_unified(sample):
    text = run("diff", str(sample), "-g", SHOW, "--color", "never").stdout
    assert f"{sample}:2:21 [01:00]  灰達 → 輝達" in text
    assert text.rstrip().endswith("3 changes")
    unified = run("diff", str(sample), "-g", SHOW, "--format", "unified").stdout
    assert "-(01:00~02:00) 一個東西叫做灰達的GPU" in unified and "+(01:00~02:00) 一個東西叫做輝達的GPU" in unified


def test_diff_exit_code(sample, tmp_path):
    assert run("diff", str(sample), "-g", SHOW, "--exit-code").exit_code == 1
    clean = tmp_path / "clean.txt"
    clean.write_text("今天天氣很好\n", encoding="utf-8")
    assert run("diff", str(clean), "--exit-code").exit_code == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["fix", "no-such-file.txt"], "no-such-file.txt: no such file"),
        (["fix", "{tmp}"], "is a directory"),
        (["fix", "{bad_glossary_input}", "-g", "{bad_glossary}"], "bad.yaml:3: unknown field 'bogus'"),
        (["fix", "{latin1}"], "latin1.txt"),
        (["fix", "{sample}", "--domain", "nope"], "unknown domain"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, sample, args, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n- term: x\n  bogus: 1\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9 ni hao \xe9".encode("latin-1"))
    names = {"tmp": tmp_path, "bad_glossary": bad, "bad_glossary_input": sample, "latin1": latin1, "sample": sample}
    result = run(*[a.format(**names) for a in args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_empty_input_is_nothing_to_do(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("fix", str(empty))
    assert result.exit_code == 0 and result.stdout == ""


def test_module_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "corrector", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "corrector" in out.stdout
