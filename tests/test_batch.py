"""Batches: folders and patterns, many processes, one bad file among good ones, the summary.

The speed-up of --jobs is measured by scripts/bench_batch.py, not here; here --jobs 2 must
give exactly what one file at a time gives.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector.batch import expand, is_batch
from corrector.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHOW = str(ROOT / "examples" / "seed" / "show-terms.txt")


def _seed_module():
    spec = importlib.util.spec_from_file_location("make_seed_files", DATA / "make_seed_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_batch(folder: Path, count: int, cues_per_file: int = 5) -> list[Path]:
    """`count` small transcripts cut from the seed, in turn SRT, WebVTT, Whisper JSON and
    timestamped text, some in a subfolder."""
    seed = _seed_module()
    cues = seed.cues()
    paths = []
    for k in range(count):
        part = [cues[(k * cues_per_file + i) % len(cues)] for i in range(cues_per_file)]
        kind = seed.BATCH_KINDS[k % 4]
        text = seed.small_file(kind, part, ascii_json=k % 8 == 2)
        path = folder / (f"part{k % 3}" if k % 5 == 0 else "") / f"episode{k:03d}.{kind}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- which files --------------------------------------------------------------------------


def test_expand_walks_folders_patterns_and_files(tmp_path, monkeypatch):
    for name in ["a/x.srt", "a/y.vtt", "a/z.json", "a/notes.md", "a/.hidden.srt", "a/.git/k.srt", "a/sub/w.txt", "a/x.srt.bak", "b/one.srt", "b/two.vtt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("好\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files, problems = expand(["a"])
    assert files == ["a/x.srt", "a/y.vtt", "a/z.json", "a/sub/w.txt"] and problems == []
    files, _ = expand(["a"], include=["*.srt", "*.md"], exclude=["sub"])
    assert files == ["a/notes.md", "a/x.srt"]
    files, _ = expand(["a", "b/*.srt", "a/x.srt", "a/notes.md"], exclude=["*.json"])
    assert files == ["a/x.srt", "a/y.vtt", "a/sub/w.txt", "b/one.srt", "a/notes.md"]
    files, _ = expand(["**/*.vtt"])
    assert files == ["a/y.vtt", "b/two.vtt"]
    files, problems = expand(["nothing*.srt", "missing.srt"])
    assert files == ["missing.srt"] and problems == ["nothing*.srt: no files match"]
    assert is_batch(["a"]) and is_batch(["b/*.srt"]) and is_batch(["a/x.srt", "b/one.srt"])
    assert not is_batch(["a/x.srt"]) and not is_batch(["-"]) and not is_batch(["missing.srt"])


# --- many processes ------------------------------------------------------------------------


def test_200_files_with_two_jobs_give_what_one_job_gives(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    make_batch(one, 200)
    shutil.copytree(one, two)
    original = snapshot(one)
    first = run("fix", "--write", str(one), "-g", SHOW, "--jobs", "1")
    second = run("fix", "--write", str(two), "-g", SHOW, "--jobs", "2")
    assert first.exit_code == second.exit_code == 0, (first.stderr, second.stderr)
    assert snapshot(one) == snapshot(two)
    changed = [name for name, data in snapshot(one).items() if data != original[name]]
    assert 40 < len(changed) < 200
    summary = first.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"corrector: 200 files, {len(changed)} rewritten, ") and summary.endswith(", 0 errors")
    assert second.stderr.strip().splitlines()[-1] == summary


def test_diff_reports_are_the_same_with_one_job_or_two(tmp_path, monkeypatch):
    make_batch(tmp_path, 24)
    monkeypatch.chdir(tmp_path)
    reports = [run("diff", ".", "-g", SHOW, "--format", "json", "--jobs", jobs) for jobs in ("1", "2")]
    assert reports[0].exit_code == reports[1].exit_code == 0
    assert reports[0].stdout == reports[1].stdout
    doc = json.loads(reports[0].stdout)
    assert [f["input"] for f in doc["files"]] == sorted(f["input"] for f in doc["files"])
    assert len(doc["files"]) == 24 and doc["errors"] == []
    assert doc["summary"]["files"] == 24 and doc["summary"]["changes"] == sum(len(f["changes"]) for f in doc["files"])
    srt = next(f for f in doc["files"] if f["input"].endswith(".srt") and f["changes"])
    assert srt["format"] == "srt" and srt["changes"][0]["segment"] is not None and srt["changes"][0]["timestamp"]


# --- one bad file among good ones ----------------------------------------------------------------


def test_a_bad_file_is_reported_and_skipped_and_the_others_are_corrected(tmp_path):
    good = make_batch(tmp_path, 4)
    (tmp_path / "broken.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n好\n\nnot a cue\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    before = {p: p.read_bytes() for p in good}
    result = run("fix", "--write", str(tmp_path), "-g", SHOW, "--jobs", "2")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"corrector: {tmp_path}/broken.srt: malformed SRT at line 5: expected a cue number or a timing line, found 'not a cue'"
    assert lines[1] == f"corrector: {tmp_path}/image.txt: looks like binary data (NUL bytes), not a text transcript"
    assert lines[-1].startswith("corrector: 6 files, ") and lines[-1].endswith(", 2 errors")
    assert sum(p.read_bytes() != before[p] for p in good) >= 2


def test_a_missing_file_or_pattern_in_a_batch_is_one_failure(tmp_path):
    good = make_batch(tmp_path, 2)
    result = run("fix", "--write", str(good[0]), str(tmp_path / "missing.srt"), str(tmp_path / "nothing*.vtt"), "-g", SHOW)
    assert result.exit_code == 1
    assert f"corrector: {tmp_path}/missing.srt: no such file" in result.stderr
    assert f"corrector: {tmp_path}/nothing*.vtt: no files match" in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith(", 2 errors")


def test_diff_on_a_folder_lists_changed_files_and_a_summary(tmp_path):
    make_batch(tmp_path, 8)
    (tmp_path / "clean.txt").write_text("今天天氣很好\n", encoding="utf-8")
    result = run("diff", str(tmp_path), "-g", SHOW, "--color", "never", "--exit-code")
    assert result.exit_code == 1  # changes found
    assert "clean.txt" not in result.stdout
    assert "episode001.vtt:10:4 #3 [00:00:18.188]  高校硬聽學習法 → 高效英聽學習法" in result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("corrector: 9 files, ")
    quiet = run("diff", str(tmp_path), "-g", SHOW, "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == result.stdout


def test_no_files_is_an_input_error(tmp_path):
    (tmp_path / "song.mp3").write_bytes(b"ID3")
    result = run("fix", "--write", str(tmp_path))
    assert result.exit_code == 2 and result.stderr == "corrector: no input files found\n"
    result = run("diff", str(tmp_path / "*.srt"))
    assert result.exit_code == 2 and result.stderr == f"corrector: {tmp_path}/*.srt: no files match\n"


# --- the progress bar ----------------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    make_batch(tmp_path, 6)
    command = [sys.executable, "-m", "corrector", "diff", str(tmp_path), "-g", SHOW, "--jobs", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=120, dimensions=(40, 200))
    child.expect(pexpect.EOF)
    assert "Correcting" in child.before and "6/6" in child.before
    child = pexpect.spawn(command[0], [*command[1:], "--quiet"], env=env, encoding="utf-8", timeout=120, dimensions=(40, 200))
    child.expect(pexpect.EOF)
    assert "Correcting" not in child.before
    piped = run("diff", str(tmp_path), "-g", SHOW)  # not a terminal: no bar
    assert "Correcting" not in piped.stderr
