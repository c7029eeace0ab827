"""Reading transcripts and writing them back byte for byte.

A `Document` remembers how its file was encoded (encoding, byte-order mark) so that the
corrected text is written the way it came; newlines are never translated (the text keeps
its own \\r\\n or \\n).
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A problem with an input file, said in one line that names the file."""


@dataclass
class Document:
    name: str  # as shown to the user ("-" for stdin)
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, name: str, encoding: str | None = None) -> Document:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        return _decode_as(data, name, encoding, b"")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], name, enc, bom)
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like binary data (NUL bytes), not a text transcript")
    return _decode_as(data, name, "utf-8", b"")


def _decode_as(data: bytes, name: str, encoding: str, bom: bytes) -> Document:
    try:
        return Document(name, data.decode(encoding), encoding, bom)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise InputError(f"{name}: not valid {encoding} at byte {offset}; give the encoding with --encoding") from None


def read_document(path: str, encoding: str | None = None) -> Document:
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(data, path, encoding)


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    the target: an interrupted run leaves the old file or the new one, never a mix."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
