"""Subtitle and ASR formats: only cue text changes, and it changes as plain text would.

The seed transcript in SRT, WebVTT and Whisper JSON form (tests/data, made by
make_seed_files.py) is corrected; its cue texts must come out as the corrected seed's words,
and every byte outside cue text must be the input's.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from corrector import Corrector, load_all
from corrector.formats import FormatError, correct_document, detect_format, parse, virtual_text
from corrector.inputs import decode
from corrector.report import TIMESTAMP

DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = ["seed.srt", "seed.vtt", "seed.whisper.json", "seed.words.json"]


def load(name: str):
    path = DATA / name
    return decode(path.read_bytes(), str(path))


def correct(corrector, text: str, name: str, fmt: str | None = None):
    return correct_document(corrector, decode(text.encode("utf-8"), name), fmt)


@pytest.fixture(scope="module")
def seed_results(corrector):
    return {name: correct_document(corrector, load(name)) for name in SEED_FILES}


def test_seed_files_are_what_the_generator_makes():
    spec = importlib.util.spec_from_file_location("make_seed_files", DATA / "make_seed_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.files().items():
        assert (DATA / name).read_bytes() == data, f"tests/data/{name} is stale: run tests/data/make_seed_files.py"


@pytest.mark.parametrize("name", SEED_FILES)
def test_corrected_cue_text_is_what_plain_text_correction_gives(corrector, seed_results, name):
    """The cue texts run together are a plain text; correcting that text directly gives the
    same words as correcting the file and reading its cues."""
    transcript = seed_results[name]
    before, _ = virtual_text(transcript.layout)
    after, _ = virtual_text(parse(transcript.text, transcript.format, name))
    assert transcript.changes, "the seed has errors to fix"
    assert after == corrector.correct(before).text


def _seed_words(text: str) -> str:
    """The seed's words without its timestamps, line breaks and the spaces between sentences."""
    text = re.sub(r"^" + TIMESTAMP.pattern + r"\s*", "", text, flags=re.M).replace("\n", "")
    return re.sub(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ", "", text)


@pytest.mark.parametrize("name", ["seed.srt", "seed.vtt", "seed.whisper.json"])
def test_same_fixes_as_the_seed_transcript_itself(corrector, seed_text, seed_results, name):
    transcript = seed_results[name]
    before, _ = virtual_text(transcript.layout)
    assert before == _seed_words(seed_text)  # the files hold the seed's words
    fixed_seed = corrector.correct(seed_text)
    after, _ = virtual_text(parse(transcript.text, transcript.format, name))
    assert after == _seed_words(fixed_seed.text)
    # one fix per fix of the seed (a fix cut by a cue break is one per cue it changes)
    assert len(transcript.changes) >= len(fixed_seed.corrections)


@pytest.mark.parametrize("name", SEED_FILES)
def test_everything_outside_cue_text_is_byte_identical(seed_results, name):
    transcript = seed_results[name]
    original = transcript.document.data
    fixed = transcript.data()
    assert fixed != original
    # the parser's view: the same regions, and the text between them unchanged
    before = _editable(transcript.layout)
    after = _editable(parse(fixed.decode("utf-8"), transcript.format, name))
    assert len(before) == len(after)
    text, new = transcript.document.text, fixed.decode("utf-8")
    assert _between(text, before) == _between(new, after)
    # and a view that does not trust the parser: every difference lies inside a cue's text
    spans = [(r.start, r.end) for r in before]
    for i1, i2 in _differences(text, new):
        assert any(s <= i1 and i2 <= e for s, e in spans), text[i1 - 20 : i2 + 20]


def _differences(old: str, new: str) -> list[tuple[int, int]]:
    """Spans of `old` that differ from `new`, found piece by piece (lines, and JSON's string
    pieces between quotes: a fix neither adds nor removes any), then character by character."""
    a, b = re.split(r'(\n|")', old), re.split(r'(\n|")', new)
    assert len(a) == len(b)
    out, start = [], 0
    for x, y in zip(a, b):
        if x != y:
            # long pieces (a JSON file's top-level text) are compared coarsely: still inside the piece
            matcher = difflib.SequenceMatcher(None, x, y, autojunk=len(x) > 2000)
            for tag, i1, i2, _, _ in matcher.get_opcodes():
                if tag != "equal":
                    out.append((start + i1, start + i2))
        start += len(x)
    return out


def _editable(layout) -> list:
    """The cue texts, and for Whisper JSON the copies kept in step (top-level text, words)."""
    regions = list(layout.regions)
    if layout.format == "whisper-json":
        regions += [layout.top] + [w for words in layout.words if words for w in words]
    return sorted(regions, key=lambda r: r.start)


def _between(text: str, regions) -> list[str]:
    out, cursor = [], 0
    for r in regions:
        out.append(text[cursor : r.start])
        cursor = r.end
    return out + [text[cursor:]]


@pytest.mark.parametrize("name", ["seed.srt", "seed.vtt"])
def test_subtitle_lines_outside_cue_text_are_kept(seed_results, name):
    """Numbers, timings with their settings, headers, NOTE and STYLE blocks, blank lines."""
    transcript = seed_results[name]
    before = transcript.document.text.split("\n")
    after = transcript.data().decode("utf-8").split("\n")
    assert len(before) == len(after)
    structural = re.compile(r"^(\d+|.*-->.*|WEBVTT.*|NOTE.*|STYLE|::cue.*|  color.*|}|Kind:.*|Language:.*|Made from.*|cue-\d+|)$")
    for old, new in zip(before, after):
        if structural.match(old):
            assert new == old
    assert sum(old != new for old, new in zip(before, after)) > 50


@pytest.mark.parametrize("name", ["seed.whisper.json", "seed.words.json"])
def test_whisper_json_keeps_text_and_words_in_step(seed_results, name):
    transcript = seed_results[name]
    original = json.loads(transcript.document.data)
    fixed = json.loads(transcript.data())
    assert fixed["text"] == "".join(s["text"] for s in fixed["segments"])
    changed = 0
    for old, new in zip(original["segments"], fixed["segments"]):
        assert {k: v for k, v in old.items() if k not in ("text", "words")} == {k: v for k, v in new.items() if k not in ("text", "words")}
        if "words" in old:
            assert "".join(w["word"] for w in new["words"]) == new["text"]
            assert [(w["start"], w["end"]) for w in old["words"]] == [(w["start"], w["end"]) for w in new["words"]]
        changed += old["text"] != new["text"]
    assert changed > 5
    assert {k: v for k, v in original.items() if k not in ("text", "segments")} == {k: v for k, v in fixed.items() if k not in ("text", "segments")}


def test_escaped_json_stays_ascii_and_reports_read_plainly(seed_results):
    transcript = seed_results["seed.whisper.json"]
    assert transcript.data().isascii()
    shown = transcript.shown()
    assert ("硬聽", "英聽") in {(c.before, c.after) for c in shown}
    for change, c in zip(transcript.changes, shown):
        assert (change.correction.start, change.correction.end) == (c.start, c.end)
        assert transcript.document.text[c.start : c.end] == change.correction.before


@pytest.mark.parametrize("name, kind", [("seed.srt", "cue"), ("seed.vtt", "cue"), ("seed.whisper.json", "segment")])
def test_changes_carry_their_cue_and_start_time(seed_results, name, kind):
    transcript = seed_results[name]
    positions = transcript.positions()
    for c in transcript.corrections:
        segment = positions.segment(c.start)
        assert segment is not None and segment.index is not None and segment.start
    first = transcript.corrections[0]
    assert positions.segment(first.start).start == {"cue": "00:00:18", "segment": "00:00:18"}[kind] + (",188" if name.endswith("srt") else ".188")


# --- terms cut by a cue break ----------------------------------------------------------------

SRT_SPLIT = """1
00:00:01,000 --> 00:00:02,000
我推薦這堂高校

2
00:00:02,000 --> 00:00:03,500
硬聽學習法,我的硬

3
00:00:03,500 --> 00:00:05,000
聽已經很好了

4
00:00:05,000 --> 00:00:06,000
我剛剛聽完Lex

5
00:00:06,000 --> 00:00:07,000
Freeman Podcast最新的一集
"""


def test_term_cut_by_a_cue_break_is_fixed_inside_each_cue(corrector):
    transcript = correct(corrector, SRT_SPLIT, "split.srt")
    fixed = transcript.text
    assert "我推薦這堂高效\n" in fixed and "\n英聽學習法,我的英\n" in fixed and "\n聽已經很好了" in fixed
    assert "我剛剛聽完Lex\n" in fixed and "\nFridman Podcast最新的一集" in fixed
    # the timing lines and numbers are as they were
    assert [line for line in fixed.splitlines() if "-->" in line or line.isdigit()] == [
        line for line in SRT_SPLIT.splitlines() if "-->" in line or line.isdigit()
    ]
    # both halves of 高校|硬聽 name the cues the term runs across
    halves = [c for c in transcript.corrections if "across" in c.evidence]
    assert {(c.before, c.after) for c in halves} == {("高校", "高效"), ("硬聽學習法", "英聽學習法")}
    assert all("cues 1 and 2" in c.reason for c in halves)


def test_a_fix_of_the_break_alone_is_a_note_not_an_edit(tmp_path):
    glossary = tmp_path / "terms.txt"
    glossary.write_text("ChatGPT | Chat GPT\n", encoding="utf-8")
    corrector = Corrector(load_all([glossary], bundled=False))
    srt = "1\n00:00:01,000 --> 00:00:02,000\n免費版的Chat\n\n2\n00:00:02,000 --> 00:00:03,000\nGPT也很好用\n"
    transcript = correct(corrector, srt, "chat.srt")
    assert transcript.text == srt
    assert any("break between two cues" in note for note in transcript.notes)
    # inside one cue the same fix is made
    one = correct(corrector, "1\n00:00:01,000 --> 00:00:02,000\n免費版的Chat GPT也很好用\n", "one.srt")
    assert "免費版的ChatGPT也很好用" in one.text


# --- SRT ---------------------------------------------------------------------------------


def test_srt_tags_positions_and_crlf_are_kept(corrector):
    srt = (
        "1\r\n00:00:01,000 --> 00:00:04,000 X1:40 X2:600 Y1:20 Y2:50\r\n<i>用一個東西叫做灰達的GPU</i>\r\n"
        "{\\an8}<font color=\"#ffff00\">NVIDIA的GPU</font>\r\n\r\n"
        "2\r\n00:00:04,000 --> 00:00:06,500\r\n- 這集夜配就到這邊\r\n- 好\r\n"
    )
    transcript = correct(corrector, srt, "tags.srt")
    expected = srt.replace("灰達", "輝達").replace("夜配", "業配")
    assert transcript.text == expected
    assert [c.after for c in transcript.corrections] == ["輝達", "業配"]


def test_srt_without_numbers_and_with_dots(corrector):
    srt = "00:00:01.000 --> 00:00:02.000\n這集夜配\n\n00:00:02.000 --> 00:00:03.000\n就到這邊\n"
    transcript = correct(corrector, srt, "loose.srt")
    assert transcript.text == srt.replace("夜配", "業配")
    assert transcript.positions().segment(transcript.corrections[0].start).index == 1


def test_srt_cue_without_its_blank_line_does_not_swallow_the_next(corrector):
    srt = "1\n00:00:01,000 --> 00:00:02,000\n這集夜配\n2\n00:00:02,000 --> 00:00:03,000\n就到這邊\n"
    layout = parse(srt, "srt", "tight.srt")
    assert [(r.value, r.segment) for r in layout.regions] == [("這集夜配", 1), ("就到這邊", 2)]
    assert correct(corrector, srt, "tight.srt").text == srt.replace("夜配", "業配")


def test_markup_inside_a_line_is_not_a_break():
    """Runs of one line joined by tags read as one word; lines and cues are breaks."""
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nTensor<b>flow</b>很好\nLex\n\n00:02.000 --> 00:03.000\nFreeman\n"
    text, _ = virtual_text(parse(vtt, "vtt", "tags.vtt"))
    assert text == "Tensorflow很好Lex Freeman"


@pytest.mark.parametrize(
    "text, line",
    [
        ("1\n00:00:01,000 --> 00:00:02,000\n好\n\nhello there\n", 5),
        ("1\n00:00:01,000 -> 00:00:02,000\n好\n", 2),
        ("1\n00:00:01,000 --> 00:00:02,000\n好\n\n2\nnot a timing\n", 6),
    ],
)
def test_malformed_srt_names_the_line(text, line):
    with pytest.raises(FormatError, match=rf"bad\.srt: malformed SRT at line {line}:"):
        parse(text, "srt", "bad.srt")


# --- WebVTT ------------------------------------------------------------------------------

VTT = """WEBVTT Kind: captions

STYLE
::cue(v[voice="哈利"]) { color: #fc0 }

NOTE 灰達 in a note is not cue text
and neither is 夜配 here

REGION
id:fred width:40%

intro
00:00:01.000 --> 00:00:04.000 region:fred align:left
<v 哈利>用一個東西叫做<c.term>灰達</c>的GPU &amp; NVIDIA的GPU

00:04.000 --> 00:06.500 line:0
這集<b>夜配</b>就到這邊 &lt;3
"""


def test_vtt_keeps_header_blocks_settings_tags_and_references(corrector):
    transcript = correct(corrector, VTT, "talk.vtt")
    expected = VTT.replace("<c.term>灰達</c>", "<c.term>輝達</c>").replace("<b>夜配</b>", "<b>業配</b>")
    assert transcript.text == expected
    positions = transcript.positions()
    first, second = transcript.corrections
    assert (positions.segment(first.start).index, positions.segment(first.start).start) == (1, "00:00:01.000")
    assert (positions.segment(second.start).index, positions.segment(second.start).start) == (2, "00:04.000")


def test_vtt_character_references_are_read_and_written(tmp_path):
    glossary = tmp_path / "terms.txt"
    glossary.write_text("AT&T | AT and T\n", encoding="utf-8")
    corrector = Corrector(load_all([glossary], bundled=False))
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n我用AT and T的網路 &amp; 手機\n"
    transcript = correct(corrector, vtt, "refs.vtt")
    assert transcript.text == vtt.replace("AT and T", "AT&amp;T")
    assert [(c.before, c.after) for c in transcript.shown()] == [("AT and T", "AT&T")]


@pytest.mark.parametrize(
    "text, line",
    [
        ("00:00:01.000 --> 00:00:02.000\n好\n", 1),
        ("WEBVTT\n\ncue-1\nno timing here\n", 4),
        ("WEBVTT\n\n00:01.000 --> 00:02\n好\n", 3),
        ("WEBVTT\n\nlonely identifier", 3),
    ],
)
def test_malformed_vtt_names_the_line(text, line):
    with pytest.raises(FormatError, match=rf"bad\.vtt: malformed WebVTT at line {line}:"):
        parse(text, "vtt", "bad.vtt")


# --- Whisper JSON ----------------------------------------------------------------------------


def whisper_doc(texts: list[str], *, words: list[list[str]] | None = None, **extra) -> dict:
    segments = []
    for i, text in enumerate(texts):
        seg = {"id": i, "seek": 0, "start": i * 2.0, "end": i * 2.0 + 2, "text": text, "tokens": [50364, 50365]}
        if words is not None:
            seg["words"] = [{"word": w, "start": i * 2.0, "end": i * 2.0 + 1, "probability": 0.9} for w in words[i]]
        segments.append(seg)
    return {"text": "".join(texts), "segments": segments, "language": "zh", **extra}


def test_whisper_words_share_a_change_of_length(corrector):
    doc = whisper_doc(["這是一個大型原模型的訓練"], words=[["這是", "一個", "大型", "原模", "型的", "訓練"]])
    transcript = correct(corrector, json.dumps(doc, ensure_ascii=False, indent=2), "x.json")
    fixed = json.loads(transcript.text)
    assert fixed["segments"][0]["text"] == fixed["text"] == "這是一個大型語言模型的訓練"
    assert "".join(w["word"] for w in fixed["segments"][0]["words"]) == "這是一個大型語言模型的訓練"
    assert len(fixed["segments"][0]["words"]) == 6


def test_whisper_words_that_do_not_spell_the_text_are_dropped_with_a_note(corrector):
    doc = whisper_doc(["這集夜配就到這邊"], words=[["這", "集", "夜", "配"]], word_segments=[{"word": "這"}])
    raw = json.dumps(doc, ensure_ascii=False, indent=2)
    transcript = correct(corrector, raw, "x.json")
    fixed = json.loads(transcript.text)
    assert fixed["segments"][0]["text"] == "這集業配就到這邊" and "words" not in fixed["segments"][0]
    assert "word_segments" not in fixed
    assert any("word timings dropped" in n for n in transcript.notes)
    assert any("word_segments dropped" in n for n in transcript.notes)
    # nothing else moved: the rest of the file is still laid out as before
    assert transcript.text.count("\n") < raw.count("\n")
    assert '"tokens": [\n        50364,' in transcript.text


def test_whisper_top_level_text_out_of_step_is_a_note(corrector):
    doc = whisper_doc(["這集夜配就到這邊"])
    doc["text"] = "something else"
    transcript = correct(corrector, json.dumps(doc, ensure_ascii=False), "x.json")
    assert json.loads(transcript.text)["text"] == "something else"
    assert any("top-level text" in n for n in transcript.notes)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"segments": [{"text": "好"}\n  {"text": "x"}]}', "malformed JSON at line 2, column 3"),
        ('{"text": "好"}', "not a Whisper JSON file at line 1"),
        ('{"segments": [\n {"id": 0}]}', "not a Whisper JSON file at line 2: a segment without"),
        ("[1, 2]", "not a Whisper JSON file"),
    ],
)
def test_malformed_json_names_the_line(text, message):
    with pytest.raises(FormatError, match=re.escape(f"bad.json: {message}")):
        parse(text, "whisper-json", "bad.json")


# --- plain and timestamped text, detection ----------------------------------------------------------------


def test_timestamped_text_is_corrected_as_plain_text(corrector, seed_text):
    transcript = correct(corrector, seed_text, "transcript.txt")
    assert transcript.format == "timestamped"
    plain = corrector.correct(seed_text)
    assert transcript.text == plain.text
    assert Counter((c.before, c.after) for c in transcript.corrections) == Counter((c.before, c.after) for c in plain.corrections)


def test_a_fix_that_would_touch_a_timestamp_is_a_note(tmp_path):
    glossary = tmp_path / "terms.txt"
    glossary.write_text("這集業配 | 00) 這集夜配\n", encoding="utf-8")  # an alias that reaches into the marker
    corrector = Corrector(load_all([glossary], bundled=False))
    text = "(00:00~01:00) 好\n(01:00~02:00) 這集夜配就到這邊\n"
    transcript = correct(corrector, text, "episode.txt")
    assert transcript.text == text and transcript.changes == []
    assert transcript.notes == ["line 2: 00) 這集夜配 → 這集業配 not applied: it would change a timestamp"]


@pytest.mark.parametrize(
    "name, text, fmt",
    [
        ("a.srt", "", "srt"),
        ("a.vtt", "", "vtt"),
        ("a.json", "{}", "whisper-json"),
        ("a.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\n好\n", "vtt"),
        ("-", "1\n00:00:01,000 --> 00:00:02,000\n好\n", "srt"),
        ("<stdin>", '{"text": "", "segments": []}', "whisper-json"),
        ("a.txt", "(00:00~01:00) 好\n", "timestamped"),
        ("a.txt", "[00:01:02.5] 好\n", "timestamped"),
        ("a.txt", "好\n", "text"),
        ("a.md", "1. 第一點\n", "text"),
    ],
)
def test_format_from_extension_then_content(name, text, fmt):
    assert detect_format(name, text) == fmt


def test_empty_files_have_nothing_to_correct(corrector):
    for name in ("a.srt", "a.vtt", "a.txt"):
        text = "WEBVTT\n" if name.endswith("vtt") else ""
        transcript = correct(corrector, text, name)
        assert transcript.changes == [] and transcript.data() == text.encode()
