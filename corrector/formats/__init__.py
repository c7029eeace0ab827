"""Transcript file formats: plain text, timestamped lines, SRT, WebVTT, Whisper JSON.

Each format is a small parser from the decoded file to a `Layout`: the regions whose text may
be corrected, with the cue each belongs to. `correct_document` corrects the regions' text as
one transcript and maps the corrections back into the file (see `transcript.py`).

    document = read_document("talk.srt")
    transcript = correct_document(corrector, document)     # format from name and content
    transcript.corrections                                  # offsets into document.text
    transcript.data()                                       # the corrected file's bytes
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Callable

from ..inputs import Document
from . import plain, srt, vtt, whisper
from .layout import Edit, FormatError, Layout, Region
from .transcript import Change, Transcript, correct_layout, virtual_text

PARSERS: dict[str, Callable[[str, str], Layout]] = {
    "text": plain.parse_text,
    "timestamped": plain.parse_timestamped,
    "srt": srt.parse,
    "vtt": vtt.parse,
    "whisper-json": whisper.parse,
}
FORMATS = tuple(PARSERS)
EXTENSIONS = {".srt": "srt", ".vtt": "vtt", ".json": "whisper-json"}


def detect_format(name: str, text: str) -> str:
    """The file's format: from its extension when that names one, else from its content."""
    by_extension = EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_extension:
        return by_extension
    if vtt.looks_like(text):
        return "vtt"
    if srt.looks_like(text):
        return "srt"
    if whisper.looks_like(text):
        return "whisper-json"
    if plain.looks_timestamped(text):
        return "timestamped"
    return "text"


def parse(text: str, fmt: str, name: str = "<input>") -> Layout:
    return PARSERS[fmt](text, name)


def correct_document(corrector, document: Document, fmt: str | None = None) -> Transcript:
    """Correct a decoded file in its format (`fmt`, or detected from its name and content)."""
    fmt = fmt or detect_format(document.name, document.text)
    if not document.text.strip():  # an empty file, in any format, is nothing to do
        return correct_layout(corrector, document, Layout(fmt, []))
    return correct_layout(corrector, document, parse(document.text, fmt, document.name))


__all__ = [
    "Change",
    "EXTENSIONS",
    "Edit",
    "FORMATS",
    "FormatError",
    "Layout",
    "Region",
    "Transcript",
    "correct_document",
    "correct_layout",
    "detect_format",
    "parse",
    "virtual_text",
]
