"""Writing in place never loses a file: a run that fails or is killed midway leaves every file
either as it was or fully corrected; unchanged files are not rewritten; --backup keeps the
original."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector import inputs
from corrector.cli import main
from corrector.formats import correct_document
from corrector.inputs import decode, write_atomically
from test_batch import SHOW, make_batch

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def expected_results(corrector, paths: list[Path]) -> dict[Path, tuple[bytes, bytes]]:
    """Each file's bytes before and after correction."""
    out = {}
    for path in paths:
        data = path.read_bytes()
        out[path] = (data, correct_document(corrector, decode(data, str(path))).data())
    return out


def check_whole(results: dict[Path, tuple[bytes, bytes]]) -> tuple[int, int]:
    """Every file is its original or its corrected self; (untouched, corrected) among the files
    that correction changes."""
    untouched = corrected = 0
    for path, (before, after) in results.items():
        now = path.read_bytes()
        assert now in (before, after), f"{path.name} is neither the original nor the corrected file"
        if before != after:
            untouched += now == before
            corrected += now == after
    return untouched, corrected


def temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*.tmp")]


def test_write_atomically_keeps_the_old_file_if_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "episode.srt"
    target.write_bytes(b"old")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(inputs.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and temporary_files(tmp_path) == []


def test_a_failure_between_write_and_rename_costs_one_file_only(tmp_path, monkeypatch, corrector):
    paths = make_batch(tmp_path, 12)
    results = expected_results(corrector, paths)
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the new file is written and flushed; the rename fails
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(inputs.os, "replace", flaky)
    result = run("fix", "--write", str(tmp_path), "-g", SHOW, "--jobs", "1")
    assert result.exit_code == 1
    assert f"corrector: {calls[2]}: cannot write (Input/output error)" in result.stderr
    untouched, corrected = check_whole(results)
    assert untouched == 1 and corrected >= 2
    assert temporary_files(tmp_path) == []


def test_an_interrupt_between_write_and_rename_leaves_whole_files(tmp_path, monkeypatch, corrector):
    paths = make_batch(tmp_path, 12)
    results = expected_results(corrector, paths)
    real_replace = os.replace
    calls = []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(inputs.os, "replace", interrupted)
    result = run("fix", "--write", str(tmp_path), "-g", SHOW, "--jobs", "1")
    assert result.exit_code == 1 and "Aborted" in result.stderr  # click's answer to Ctrl-C
    untouched, corrected = check_whole(results)
    assert corrected == 2 and untouched >= 1
    assert temporary_files(tmp_path) == []


def test_a_killed_run_leaves_every_file_old_or_new(tmp_path, corrector):
    paths = make_batch(tmp_path, 60, cues_per_file=30)
    results = expected_results(corrector, paths)
    changing = [p for p, (before, after) in results.items() if before != after]
    command = [sys.executable, "-m", "corrector", "fix", "--write", str(tmp_path), "-g", SHOW, "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if any(p.read_bytes() == results[p][1] for p in changing):
                break
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, wherever they are
    finally:
        process.wait()
    untouched, corrected = check_whole(results)
    assert corrected >= 1 and untouched >= 1, "the kill should land midway"
    # a rerun finishes the job; files already corrected are not rewritten
    result = run("fix", "--write", str(tmp_path), "-g", SHOW, "--quiet")
    assert result.exit_code == 0
    assert check_whole(results) == (0, len(changing))


def test_unchanged_files_are_not_rewritten_and_backups_keep_originals(tmp_path, corrector):
    changed = tmp_path / "episode.srt"
    changed.write_text("1\n00:00:01,000 --> 00:00:02,000\n這集夜配就到這邊\n", encoding="utf-8")
    clean = tmp_path / "clean.srt"
    clean.write_text("1\n00:00:01,000 --> 00:00:02,000\n今天天氣很好\n", encoding="utf-8")
    os.chmod(changed, 0o640)
    clean_stat = clean.stat()
    result = run("fix", "--write", str(tmp_path), "-g", SHOW, "--backup", ".orig")
    assert result.exit_code == 0
    assert result.stderr == "corrector: 2 files, 1 rewritten, 1 change, 0 errors\n"
    assert "這集業配就到這邊" in changed.read_text(encoding="utf-8")
    assert (tmp_path / "episode.srt.orig").read_text(encoding="utf-8").endswith("這集夜配就到這邊\n")
    assert not (tmp_path / "clean.srt.orig").exists()
    assert (clean.stat().st_ino, clean.stat().st_mtime_ns) == (clean_stat.st_ino, clean_stat.st_mtime_ns)
    assert changed.stat().st_mode & 0o777 == 0o640
    # a second run finds nothing to do, and does not take the backups for transcripts
    again = run("fix", "--write", str(tmp_path), "-g", SHOW, "--backup", ".orig", "--include", "*")
    assert again.stderr == "corrector: 2 files, 0 rewritten, 0 changes, 0 errors\n"


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.srt"
    real.write_text("1\n00:00:01,000 --> 00:00:02,000\n這集夜配就到這邊\n", encoding="utf-8")
    link = tmp_path / "link.srt"
    link.symlink_to(real)
    result = run("fix", "--write", str(link), "-g", SHOW)
    assert result.exit_code == 0
    assert link.is_symlink() and "業配" in real.read_text(encoding="utf-8")
