"""Encodings and newlines: detected (or given), and the output written the way the input was.

Round trips for UTF-8 with and without BOM, UTF-16 (both byte orders, with a BOM, and without
one), GB18030, GBK and Big5, each with LF and CRLF newlines, as timestamped text and as SRT.
"""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

from corrector import Corrector, load_all
from corrector.cli import main
from corrector.formats import correct_document
from corrector.inputs import InputError, decode, read_document

TRADITIONAL = "(00:00~01:00) 歡迎收聽科技浪 這集夜配就到這邊\n(01:00~02:00) 一個東西叫做灰達的GPU NVIDIA的GPU 還有Cuda\n"
TRADITIONAL_FIXED = "(00:00~01:00) 歡迎收聽科技浪 這集業配就到這邊\n(01:00~02:00) 一個東西叫做輝達的GPU NVIDIA的GPU 還有CUDA\n"
SIMPLIFIED = "(00:00~01:00) 欢迎收听科技浪 这集夜配就到这边\n(01:00~02:00) 一个东西叫做灰达的GPU NVIDIA的GPU 还有Cuda\n"
SIMPLIFIED_FIXED = "(00:00~01:00) 欢迎收听科技浪 这集业配就到这边\n(01:00~02:00) 一个东西叫做辉达的GPU NVIDIA的GPU 还有CUDA\n"


def as_srt(text: str) -> str:
    lines = [line.split(") ", 1)[1] for line in text.splitlines()]
    return "".join(f"{n}\n00:0{n}:00,000 --> 00:0{n}:59,500\n{line}\n\n" for n, line in enumerate(lines, 1))


# (name, BOM written before the text, codec of the text, the document's encoding once read)
ENCODINGS = [
    ("utf-8", b"", "utf-8", "utf-8"),
    ("utf-8 BOM", codecs.BOM_UTF8, "utf-8", "utf-8"),
    ("utf-16-le BOM", codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    ("utf-16-be BOM", codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ("utf-16-le no BOM", b"", "utf-16-le", "utf-16-le"),
    ("gb18030", b"", "gb18030", "gb18030"),
    ("gbk", b"", "gbk", "gb18030"),
    ("big5", b"", "big5", "big5"),
]


def cases():
    for name, bom, codec, read_as in ENCODINGS:
        scripts = [(TRADITIONAL, TRADITIONAL_FIXED)]
        if codec != "big5":  # Big5 has no Simplified characters
            scripts.append((SIMPLIFIED, SIMPLIFIED_FIXED))
        for text, fixed in scripts:
            for newline in ("\n", "\r\n"):
                for fmt in ("txt", "srt"):
                    script = "traditional" if text is TRADITIONAL else "simplified"
                    yield pytest.param(bom, codec, read_as, text, fixed, newline, fmt, id=f"{name}-{script}-{'crlf' if newline != chr(10) else 'lf'}-{fmt}")


def encoded(bom: bytes, codec: str, text: str, newline: str, fmt: str) -> bytes:
    if fmt == "srt":
        text = as_srt(text)
    return bom + text.replace("\n", newline).encode(codec)


@pytest.mark.parametrize("bom, codec, read_as, text, fixed, newline, fmt", list(cases()))
def test_round_trip_keeps_encoding_bom_and_newlines(corrector, bom, codec, read_as, text, fixed, newline, fmt):
    data = encoded(bom, codec, text, newline, fmt)
    document = decode(data, f"episode.{fmt}")
    assert (document.encoding, document.bom, document.newline) == (read_as, bom, newline)
    transcript = correct_document(corrector, document)
    assert len(transcript.changes) == 3
    assert transcript.data() == encoded(bom, codec, fixed, newline, fmt)
    # unchanged input: the very same bytes
    assert correct_document(corrector, decode(transcript.data(), f"episode.{fmt}")).data() == transcript.data()


@pytest.mark.parametrize("given, codec, bom", [("gbk", "gbk", b""), ("big5", "big5", b""), ("utf-16", "utf-16-le", codecs.BOM_UTF16_LE), ("UTF-16", "utf-16-be", codecs.BOM_UTF16_BE), ("utf-8-sig", "utf-8", codecs.BOM_UTF8), ("utf-8", "utf-8", codecs.BOM_UTF8), ("utf-16", "utf-16-le", b"")])
def test_given_encoding(corrector, given, codec, bom):
    data = bom + TRADITIONAL.encode(codec)
    document = decode(data, "episode.txt", given)
    assert document.text == TRADITIONAL and document.bom == bom
    assert correct_document(corrector, document).data() == bom + TRADITIONAL_FIXED.encode(codec)


def test_cli_round_trip_through_a_file(tmp_path):
    source = tmp_path / "episode.srt"
    data = encoded(b"", "big5", TRADITIONAL, "\r\n", "srt")
    source.write_bytes(data)
    out = tmp_path / "fixed.srt"
    show = str(tmp_path.parent / "show.txt")
    (tmp_path.parent / "show.txt").write_text("業配\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(source), "-g", show, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == encoded(b"", "big5", TRADITIONAL_FIXED, "\r\n", "srt")
    result = CliRunner().invoke(main, ["fix", str(source), "-g", show, "--encoding", "big5"], catch_exceptions=False)
    assert result.stdout_bytes == out.read_bytes()


def test_mixed_newlines_stay_as_they_are(corrector):
    text = "(00:00~01:00) 這集夜配就到這邊\r\n(01:00~02:00) 一個東西叫做灰達的GPU\n(02:00~03:00) 好\r"
    transcript = correct_document(corrector, decode(text.encode("utf-8"), "mixed.txt"))
    assert transcript.data().decode("utf-8") == text.replace("夜配", "業配").replace("灰達", "輝達")


# --- what cannot be read ------------------------------------------------------------------


def test_damaged_utf8_names_the_byte():
    data = "這集夜配就到這邊".encode("utf-8")
    damaged = data[:6] + b"\xff" + data[6:]
    with pytest.raises(InputError, match=r"^broken\.txt: not valid UTF-8 at byte 6; give the encoding with --encoding$"):
        decode(damaged, "broken.txt")
    truncated = data[:-1] + "\n好".encode("utf-8")
    with pytest.raises(InputError, match=r"not valid UTF-8 at byte 21"):
        decode(truncated, "broken.txt")


@pytest.mark.parametrize(
    "data",
    [
        "caf\xe9 ni hao \xe9".encode("latin-1"),
        "これは日本語の字幕ファイルです。今日はいい天気ですね。".encode("shift_jis"),
        b"\x80\x81\x82\xff hello",
    ],
)
def test_other_encodings_are_an_error_not_a_guess(data):
    with pytest.raises(InputError, match=r"^other\.txt: not valid UTF-8 at byte \d+, and not GB18030 or Big5 text either"):
        decode(data, "other.txt")


def test_a_wrong_given_encoding_names_the_byte():
    data = "(00:00~01:00) 這集夜配".encode("utf-8")
    with pytest.raises(InputError, match=r"^x\.txt: not valid big5 at byte 14"):
        decode(data, "x.txt", "big5")
    with pytest.raises(InputError, match=r"unknown encoding 'klingon'"):
        decode(data, "x.txt", "klingon")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"x\x00\x01y",
        bytes(range(256)) * 4,
        b"\x1f\x8b\x08\x08hello\x01\x02\x03\x04\x05\x06 text \x07\x08",
    ],
)
def test_binary_data_is_refused(data):
    with pytest.raises(InputError, match=r"^blob\.txt: looks like binary data"):
        decode(data, "blob.txt")


def test_empty_input_is_empty_utf8():
    document = decode(b"", "empty.txt")
    assert (document.text, document.encoding, document.bom) == ("", "utf-8", b"")


# --- writing what a code page cannot hold -----------------------------------------------------


def test_big5_bytes_that_do_not_round_trip_are_kept(corrector):
    """Big5 has a few duplicate codes (A2CC is 十 as A451 is): bytes outside the fixes are
    spliced, not re-encoded."""
    data = "(00:00~01:00) 這集夜配就到這邊 ".encode("big5") + b"\xa2\xcc" + " 一個東西叫做灰達的GPU\n".encode("big5")
    document = decode(data, "dup.txt")
    assert document.encoding == "big5" and document.text.encode("big5") != data
    fixed = correct_document(corrector, document).data()
    assert fixed == data.replace("夜配".encode("big5"), "業配".encode("big5")).replace("灰達".encode("big5"), "輝達".encode("big5"))


def test_a_fix_the_encoding_cannot_write_is_a_note(tmp_path):
    glossary = tmp_path / "terms.txt"
    glossary.write_text("𠮷野家 | 吉野家\n", encoding="utf-8")  # 𠮷 is outside Big5
    corrector = Corrector(load_all([glossary], bundled=False))
    data = "(00:00~01:00) 我們去吉野家吃飯\n".encode("big5")
    transcript = correct_document(corrector, decode(data, "meal.txt"))
    assert transcript.changes == [] and transcript.data() == data
    assert any("cannot be written in big5" in note for note in transcript.notes)
    utf8 = correct_document(corrector, decode(data.decode("big5").encode("utf-8"), "meal.txt"))
    assert [c.after for c in utf8.corrections] == ["𠮷野家"]


def test_read_document_refuses_files_over_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(500 * 1024 * 1024)  # sparse: takes no disk space, and is never read
    with pytest.raises(InputError, match=r"^.*big\.txt: 500\.0 MB is more than 8\.0 MB, the limit for one transcript"):
        read_document(str(big))
