"""Make SRT, WebVTT and Whisper JSON versions of examples/seed/transcript.txt.

    python3 tests/data/make_seed_files.py      # rewrites tests/data/seed.*

Each `(mm:ss~mm:ss)` line of the seed is cut into cues the way subtitle tools do it: at its
spaces next to Chinese text (the seed's sentence breaks), and long sentences again next to a
Chinese character, never inside a Latin word or number; so some terms end up cut in two by a
cue break, as in real files. Times are shared out over the line's time range by length. tests/test_formats.py checks that
the files here are what this script makes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "examples" / "seed" / "transcript.txt"
MAX_CUE = 16  # characters: cues longer than this are cut again
LINE = re.compile(r"\((\d+):(\d+)~(\d+):(\d+)\)\s*(.*)")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _breakable(left: str, right: str) -> bool:
    """Cues are cut next to Chinese text, never inside a Latin word or number, nor at a space."""
    latin = lambda ch: ch.isascii() and not ch.isspace()  # noqa: E731
    return " " not in (left, right) and not (latin(left) and latin(right))


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_CUE:
        return [sentence]
    middle = len(sentence) // 2
    places = [i for i in range(1, len(sentence)) if _breakable(sentence[i - 1], sentence[i])]
    if not places:
        return [sentence]
    at = min(places, key=lambda i: (abs(i - middle), i))
    return _cut(sentence[:at]) + _cut(sentence[at:])


def _sentences(text: str) -> list[str]:
    """The seed's sentences: its spaces next to Chinese text (spaces between Latin words stay)."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == " " and (_cjk(text[i - 1 : i] or "x") or _cjk(text[i + 1 : i + 2] or "x")):
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [s for s in out if s.strip()]


def cues() -> list[tuple[float, float, str]]:
    """(start, end, text) of every cue, in seconds."""
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if not m:
            continue
        t0 = int(m.group(1)) * 60 + int(m.group(2))
        t1 = int(m.group(3)) * 60 + int(m.group(4))
        chunks = [c for sentence in _sentences(m.group(5)) for c in _cut(sentence)]
        total = sum(len(c) for c in chunks)
        at = float(t0)
        for chunk in chunks:
            length = (t1 - t0) * len(chunk) / total
            out.append((round(at, 3), round(at + length, 3), chunk))
            at += length
    return out


def _two_lines(text: str) -> list[str]:
    """Every fourth cue of 10 or more characters is shown on two lines."""
    places = [i for i in range(1, len(text)) if _breakable(text[i - 1], text[i])]
    if not places:
        return [text]
    at = min(places, key=lambda i: (abs(i - len(text) // 2), i))
    return [text[:at], text[at:]]


def _lines(n: int, text: str) -> list[str]:
    return _two_lines(text) if n % 4 == 0 and len(text) >= 10 else [text]


def clock(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


BATCH_KINDS = ("srt", "vtt", "json", "txt")


def small_file(kind: str, part: list[tuple[float, float, str]], *, ascii_json: bool = False) -> str:
    """A small transcript of the given cues in one format (srt, vtt, json or txt, the last
    as timestamped lines): the batch tests and scripts/bench_batch.py make their files so."""
    if kind == "srt":
        return "\n".join(f"{n}\n{clock(s, ',')} --> {clock(e, ',')}\n{t}\n" for n, (s, e, t) in enumerate(part, 1))
    if kind == "vtt":
        return "WEBVTT\n\n" + "\n".join(f"{clock(s, '.')} --> {clock(e, '.')}\n{t}\n" for s, e, t in part)
    if kind == "json":
        segments = [{"id": i, "start": s, "end": e, "text": t} for i, (s, e, t) in enumerate(part)]
        return json.dumps({"text": "".join(t for _, _, t in part), "segments": segments}, ensure_ascii=ascii_json)
    return "".join(f"({int(s) // 60:02d}:{int(s) % 60:02d}~{int(e) // 60:02d}:{int(e) % 60:02d}) {t}\n" for s, e, t in part)


def srt() -> str:
    blocks = []
    for n, (start, end, text) in enumerate(cues(), 1):
        blocks.append(f"{n}\n{clock(start, ',')} --> {clock(end, ',')}\n" + "\n".join(_lines(n, text)) + "\n")
    return "\n".join(blocks)


def vtt() -> str:
    out = [
        "WEBVTT - 科技浪 (seed transcript)\nKind: captions\nLanguage: zh-TW\n",
        "STYLE\n::cue {\n  color: yellow;\n}\n",
        "NOTE\nMade from examples/seed/transcript.txt by tests/data/make_seed_files.py.\n",
    ]
    for n, (start, end, text) in enumerate(cues(), 1):
        settings = " align:start position:10%" if n % 3 == 0 else ""
        ident = f"cue-{n}\n" if n % 2 else ""
        lines = _lines(n, text)
        if n % 5 == 0:
            lines[0] = "<v 哈利>" + lines[0]
        out.append(f"{ident}{clock(start, '.')} --> {clock(end, '.')}{settings}\n" + "\n".join(lines) + "\n")
        if n == 40:
            out.append("NOTE the sponsor's part starts here\n")
    return "\n".join(out)


def whisper(*, words: bool) -> dict:
    """All cues; with word timings, the first 120 (a smaller file)."""
    segments = []
    token = 50364
    for n, (start, end, text) in enumerate(cues()[: 120 if words else None]):
        segment = {
            "id": n,
            "seek": int(start // 30) * 3000,
            "start": start,
            "end": end,
            "text": text,
            "tokens": [token + i for i in range(3 if words else len(text) // 2 + 1)],
            "temperature": 0.0,
            "avg_logprob": -0.21,
            "compression_ratio": 1.35,
            "no_speech_prob": 0.02,
        }
        token += len(text)
        if words:
            parts = re.findall(r"[A-Za-z0-9]+|[^A-Za-z0-9]{1,2}", text)
            step = (end - start) / len(parts)
            segment["words"] = [
                {"word": p, "start": round(start + k * step, 2), "end": round(start + (k + 1) * step, 2), "probability": 0.9}
                for k, p in enumerate(parts)
            ]
        segments.append(segment)
    return {"text": "".join(s["text"] for s in segments), "segments": segments, "language": "zh"}


def files() -> dict[str, bytes]:
    return {
        "seed.srt": srt().encode("utf-8"),
        "seed.vtt": vtt().encode("utf-8"),
        # as openai-whisper writes it: json.dump with its defaults (one line, \\u escapes)
        "seed.whisper.json": json.dumps(whisper(words=False)).encode("utf-8"),
        # as tools with word timings often write it: indented, plain UTF-8
        "seed.words.json": (json.dumps(whisper(words=True), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
        print(f"wrote tests/data/{name}", file=sys.stderr)
