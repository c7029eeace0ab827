"""fix and diff on transcript files: formats, reports that know the cue, and bad input as one
line on stderr with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHOW = str(ROOT / "examples" / "seed" / "show-terms.txt")
SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\n歡迎收聽科技浪\n\n"
    "2\n00:00:04,000 --> 00:00:06,500\n這集夜配就到這邊\n\n"
    "3\n00:00:06,500 --> 00:00:09,000\n用一個東西叫做灰\n\n"
    "4\n00:00:09,000 --> 00:00:11,000\n達的GPU NVIDIA的GPU\n"
)
SRT_FIXED = SRT.replace("夜配", "業配").replace("灰\n", "輝\n")


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    path = tmp_path / "episode.srt"
    path.write_text(SRT, encoding="utf-8")
    return path


def test_fix_srt_to_stdout_and_to_a_file(srt, tmp_path):
    result = run("fix", str(srt), "-g", SHOW)
    assert result.exit_code == 0 and result.stdout == SRT_FIXED and result.stderr == ""
    out = tmp_path / "fixed.srt"
    assert run("fix", str(srt), "-g", SHOW, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == SRT_FIXED
    assert srt.read_text(encoding="utf-8") == SRT


def test_fix_write_in_place_says_what_it_did(srt):
    result = run("fix", "--write", str(srt), "-g", SHOW)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "corrector: 1 file, 1 rewritten, 2 changes, 0 errors\n"
    assert srt.read_text(encoding="utf-8") == SRT_FIXED
    assert run("fix", "--write", str(srt), "-g", SHOW, "--quiet").stderr == ""


def test_input_format_is_detected_or_given(tmp_path):
    odd = tmp_path / "episode.subtitles"
    odd.write_text(SRT, encoding="utf-8")
    assert run("fix", str(odd), "-g", SHOW).stdout == SRT_FIXED  # SRT by its content
    as_text = run("fix", str(odd), "-g", SHOW, "--format", "text").stdout  # the whole file as text
    assert as_text == SRT.replace("夜配", "業配")  # 灰 and 達 are lines apart in plain text
    assert run("fix", "-", "-g", SHOW, "--input-format", "srt", input=SRT).stdout == SRT_FIXED
    report = json.loads(run("diff", str(odd), "-g", SHOW, "--input-format", "srt", "--format", "json").stdout)
    assert report["format"] == "srt"


def test_diff_reports_cue_numbers_and_start_times(srt):
    text = run("diff", str(srt), "-g", SHOW, "--color", "never").stdout
    assert f"{srt}:7:3 #2 [00:00:04,000]  夜配 → 業配" in text
    assert f"{srt}:11:8 #3 [00:00:06,500]  灰 → 輝" in text
    assert "(the term runs across cues 3 and 4)" not in text  # only the first cue changes
    assert text.rstrip().endswith("2 changes")
    report = json.loads(run("diff", str(srt), "-g", SHOW, "--format", "json").stdout)
    assert (report["format"], report["encoding"], report["bom"], report["notes"]) == ("srt", "utf-8", False, [])
    assert [(c["segment"], c["timestamp"], c["before"], c["after"]) for c in report["changes"]] == [
        (2, "00:00:04,000", "夜配", "業配"),
        (3, "00:00:06,500", "灰", "輝"),
    ]
    for c in report["changes"]:
        assert SRT[c["start"] : c["end"]] == c["before"]


def test_diff_unified_shows_every_edit_of_a_whisper_file(tmp_path):
    path = tmp_path / "episode.json"
    doc = {"text": "這集夜配就到這邊", "segments": [{"id": 0, "start": 0.0, "end": 2.0, "text": "這集夜配就到這邊"}]}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    unified = run("diff", str(path), "-g", SHOW, "--format", "unified").stdout
    assert unified.count('-  "text": "這集夜配就到這邊"') == 1 and unified.count('+  "text": "這集業配就到這邊"') == 1
    assert unified.count('-      "text": "這集夜配就到這邊"') == 1
    text = run("diff", str(path), "-g", SHOW, "--color", "never").stdout
    assert "#0 [00:00:00.000]  夜配 → 業配" in text and text.rstrip().endswith("1 change")


def test_notes_go_to_stderr(tmp_path):
    glossary = tmp_path / "terms.txt"
    glossary.write_text("ChatGPT | Chat GPT\n", encoding="utf-8")
    srt = tmp_path / "chat.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\n免費版的Chat\n\n2\n00:00:02,000 --> 00:00:03,000\nGPT也很好用\n", encoding="utf-8")
    result = run("fix", str(srt), "-g", str(glossary), "--no-bundled")
    assert result.stderr.startswith(f"corrector: {srt}: note: cue 1: Chat GPT → ChatGPT not applied: it would only change the break")
    assert run("fix", str(srt), "-g", str(glossary), "--no-bundled", "--quiet").stderr == ""
    text = run("diff", str(srt), "-g", str(glossary), "--no-bundled").stdout
    assert f"{srt}: note: cue 1: Chat GPT → ChatGPT not applied" in text


# --- bad input: one line, exit 2 ------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["fix", "{tmp}/missing.srt"], "corrector: {tmp}/missing.srt: no such file"),
        (["diff", "{tmp}/missing.srt"], "corrector: {tmp}/missing.srt: no such file"),
        (["fix", "{tmp}"], "corrector: {tmp}: is a directory; use --write to correct the files in it in place"),
        (["fix", "-o", "{tmp}/out.srt", "{tmp}"], "corrector: {tmp}: is a directory; use --write"),
        (["fix", "{tmp}/image.srt"], "corrector: {tmp}/image.srt: looks like binary data (NUL bytes), not a text transcript"),
        (["fix", "{tmp}/bad.srt"], "corrector: {tmp}/bad.srt: malformed SRT at line 5: expected a cue number or a timing line, found '00:00:02,000'"),
        (["diff", "{tmp}/bad.vtt"], "corrector: {tmp}/bad.vtt: malformed WebVTT at line 1: a WebVTT file starts with WEBVTT"),
        (["fix", "{tmp}/bad.json"], "corrector: {tmp}/bad.json: malformed JSON at line 3, column 3: Expecting ',' delimiter"),
        (["fix", "--write", "{tmp}/bad.json"], "corrector: {tmp}/bad.json: malformed JSON at line 3"),
        (["fix", "{tmp}/episode.srt", "--max-size", "0.0001"], "corrector: {tmp}/episode.srt: 226 bytes is more than 105 bytes, the limit"),
        (["fix", "{tmp}/huge.txt"], "corrector: {tmp}/huge.txt: 500.0 MB is more than 8.0 MB, the limit for one transcript; split the file or raise the limit with --max-size"),
        (["fix", "{tmp}/latin1.txt"], "corrector: {tmp}/latin1.txt: not valid UTF-8 at byte 3, and not GB18030 or Big5 text either"),
        (["fix", "{tmp}/episode.srt", "--encoding", "nope"], "corrector: {tmp}/episode.srt: unknown encoding 'nope'"),
        (["fix", "{tmp}/episode.srt", "--write", "-o", "x"], "give either -o OUTPUT or --write, not both"),
        (["fix", "{tmp}/episode.srt", "--backup", ".orig"], "--backup goes with --write"),
        (["fix", "{tmp}/episode.srt", "{tmp}/bad.srt"], "corrector: several inputs: use --write to correct them in place"),
        (["fix", "--write", "-"], "- (stdin) has no place to write to"),
        (["fix", "{tmp}/*.srt"], "corrector: {tmp}/*.srt: a pattern names several files; use --write"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, srt, args, message):
    (tmp_path / "image.srt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "bad.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n好\n\n00:00:02,000\n", encoding="utf-8")
    (tmp_path / "bad.vtt").write_text("1\n00:00:01.000 --> 00:00:02.000\n好\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"segments": [\n  {"text": "好"}\n  {"text": "x"}]}', encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 ni hao".encode("latin-1"))
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(500 * 1024 * 1024)  # sparse: no disk space used, and never read
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len([line for line in lines if line.startswith(("corrector:", "Error:"))]) == 1, result.stderr
    assert message.format(tmp=tmp_path) in result.stderr
    assert "Traceback" not in result.stderr


def test_too_much_on_stdin_is_refused(tmp_path):
    result = run("fix", "-", "--max-size", "0.001", input="好" * 1000)
    assert result.exit_code == 2
    assert result.stderr == "corrector: <stdin>: more than 1049 bytes, the limit for one transcript; raise it with --max-size\n"


@pytest.mark.parametrize("name", ["empty.srt", "empty.vtt", "empty.json", "empty.txt"])
def test_an_empty_file_is_nothing_to_do(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    fixed = run("fix", str(path))
    assert fixed.exit_code == 0 and fixed.stdout == "" and fixed.stderr == ""
    report = run("diff", str(path))
    assert report.exit_code == 0 and report.stdout == f"{path}: 0 changes\n"
    written = run("fix", "--write", str(path))
    assert written.exit_code == 0 and written.stderr == "corrector: 1 file, 0 rewritten, 0 changes, 0 errors\n"
