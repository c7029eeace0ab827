"""Reading transcripts and writing them back byte for byte.

A `Document` keeps the bytes it was read from and how they were encoded (encoding, byte-order
mark). Newlines are never translated: the text keeps its own \\r\\n or \\n. The corrected file
is the original bytes with only the edited spans re-encoded, so every other byte stays as it
was (`Document.patch`).

Encodings, when none is given: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; otherwise
UTF-8 if the bytes are valid UTF-8; otherwise GB18030 (which includes GBK and GB2312) or Big5,
whichever reads as Chinese (see `_decode_legacy`). Bytes that are
mostly valid UTF-8 with a few broken sequences are an error at the first broken byte, never a
guess at another encoding.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .edits import Correction, apply_corrections

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings whose name leaves the byte order to a byte-order mark: the mark decides, and the
# document records the explicit form so that the body is written in the same order.
_BOM_FAMILIES = {
    "utf-8": ("utf-8",),
    "utf-8-sig": ("utf-8",),
    "utf-16": ("utf-16-le", "utf-16-be"),
    "utf-32": ("utf-32-le", "utf-32-be"),
}

# Files larger than this are refused (`--max-size`): correction needs a few hundred bytes of
# memory per character, and a real transcript is well under a megabyte.
DEFAULT_MAX_SIZE = 8 * 1024 * 1024

# A legacy decoding is accepted when at least this share of its Chinese characters are common
# ones: the right reading of real text scores above 0.99, the wrong one of GB18030 and Big5
# about 0.45, Japanese read as GB18030 0.16.
_MIN_COMMON = 0.8


class InputError(Exception):
    """A problem with an input file, said in one line that names the file."""


@dataclass
class Document:
    name: str  # as shown to the user ("-" for stdin)
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    data: bytes | None = None  # the bytes read, byte-order mark included

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    @property
    def newline(self) -> str:
        """The newline the file mostly uses (\\r\\n or \\n); it is kept as it is anyway."""
        crlf = self.text.count("\r\n")
        return "\r\n" if crlf and crlf >= self.text.count("\n") - crlf else "\n"

    def can_encode(self, text: str) -> bool:
        try:
            text.encode(self.encoding)
            return True
        except UnicodeEncodeError:
            return False

    def patch(self, edits: Sequence[Correction]) -> bytes:
        """The file's bytes with `edits` (offsets into `text`) applied; all other bytes as read.

        Raises UnicodeEncodeError if a replacement cannot be written in the file's encoding."""
        new_text = apply_corrections(self.text, edits)
        if self.data is None:
            return self.encode(new_text)
        body = self.data[len(self.bom) :]
        if self.text.encode(self.encoding) == body:  # the usual case: decoding round-trips
            return self.bom + new_text.encode(self.encoding)
        # A few legacy code pages map two byte sequences to one character (Big5 has
        # duplicates): re-encoding would change them, so splice the edits into the bytes.
        ordered = sorted(edits, key=lambda c: (c.start, c.end))
        offsets = _byte_offsets(body, self.encoding, sorted({p for c in ordered for p in (c.start, c.end)}))
        pieces, cursor = [self.bom], 0
        for c in ordered:
            pieces.append(body[cursor : offsets[c.start]])
            pieces.append(c.after.encode(self.encoding))
            cursor = offsets[c.end]
        pieces.append(body[cursor:])
        return b"".join(pieces)


def _byte_offsets(body: bytes, encoding: str, positions: list[int]) -> dict[int, int]:
    """Byte offset of each code-point position, found by decoding byte by byte."""
    decoder = codecs.getincrementaldecoder(encoding)()
    out: dict[int, int] = {}
    wanted = iter(positions)
    target = next(wanted, None)
    chars = 0
    for i in range(len(body) + 1):
        while target is not None and target == chars:
            out[target] = i
            target = next(wanted, None)
        if target is None or i == len(body):
            break
        chars += len(decoder.decode(body[i : i + 1]))
    return out


def decode(data: bytes, name: str, encoding: str | None = None) -> Document:
    if encoding:
        try:
            canonical = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        family = _BOM_FAMILIES.get(canonical)
        if family:
            for bom, enc in _BOMS:
                if enc in family and data.startswith(bom):
                    return _decode_as(data[len(bom) :], name, enc, bom, data)
            return _decode_as(data, name, family[0], b"", data)
        return _decode_as(data, name, canonical, b"", data)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], name, enc, bom, data)
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _controls(data[:65536]) > max(2, min(len(data), 65536) // 100):
            raise InputError(f"{name}: looks like binary data (control characters), not a text transcript") from None
        return _decode_legacy(data, name, exc.start)
    _refuse_binary(text, name)
    return Document(name, text, "utf-8", b"", data)


def _decode_as(body: bytes, name: str, encoding: str, bom: bytes, data: bytes) -> Document:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise InputError(f"{name}: not valid {encoding} at byte {offset}; give the encoding with --encoding") from None
    return Document(name, text, encoding, bom, data)


def _decode_utf16_without_bom(data: bytes, name: str) -> Document:
    """Text has NUL bytes only as UTF-16 without a byte-order mark: then the NULs are the
    high bytes of ASCII characters (digits, spaces, newlines), nearly all on one side of each
    pair, and the text reads as Chinese, ASCII and punctuation, with some space or newline in it."""
    even = sum(1 for i in range(0, len(data), 2) if data[i] == 0)
    odd = sum(1 for i in range(1, len(data), 2) if data[i] == 0)
    if len(data) % 2 == 0 and max(even, odd) >= 9 * min(even, odd):  # a few CJK characters (一 is 4E00) have a NUL too
        encoding = "utf-16-le" if odd else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            pass
        else:
            sample = text[:65536]
            plausible = sum(1 for ch in sample if _plausible(ch))
            if plausible >= 0.98 * len(sample) and any(ch.isspace() for ch in sample) and not _looks_binary(text):
                return Document(name, text, encoding, b"", data)
    raise InputError(f"{name}: looks like binary data (NUL bytes), not a text transcript")


def _plausible(ch: str) -> bool:
    """A character a transcript is made of: ASCII, Chinese, CJK or full-width punctuation."""
    o = ord(ch)
    return (
        0x20 <= o < 0x7F
        or ch in "\t\n\r\ufeff"
        or 0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2000 <= o <= 0x206F
        or 0xA0 <= o <= 0x24F
    )


def _decode_legacy(data: bytes, name: str, utf8_error: int) -> Document:
    """Bytes that are not UTF-8: GB18030 or Big5 if one of them reads as Chinese, else an error.

    A decoding reads as Chinese when nearly all its Chinese characters are common ones (in the
    first level of GB2312 or of Big5): the other decoding of the same bytes, or Japanese read
    as GB18030, gives mostly rare characters. charset-normalizer decides between two readings
    that both pass (a few characters can)."""
    readable = data.decode("utf-8", errors="replace")
    broken = readable.count("\ufffd")
    if sum(1 for ch in readable if ord(ch) > 0x7F) - broken > broken:
        # mostly well-formed UTF-8 sequences: a damaged UTF-8 file, not another encoding
        raise InputError(f"{name}: not valid UTF-8 at byte {utf8_error}; give the encoding with --encoding")
    readings: dict[str, str] = {}
    for family in (("gb18030",), ("big5", "cp950", "big5hkscs")):
        for encoding in family:
            try:
                readings[encoding] = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    passing = [enc for enc, text in readings.items() if _common_share(text) >= _MIN_COMMON]
    if len(passing) > 1:
        from charset_normalizer import from_bytes

        match = from_bytes(data, cp_isolation=["gb18030", "big5"], threshold=1.0).best()
        prefer_gb = match is None or match.encoding == "gb18030"
        passing.sort(key=lambda enc: (enc == "gb18030") != prefer_gb)
    if passing:
        text = readings[passing[0]]
        _refuse_binary(text, name)
        return Document(name, text, passing[0], b"", data)
    raise InputError(
        f"{name}: not valid UTF-8 at byte {utf8_error}, and not GB18030 or Big5 text either; give the encoding with --encoding"
    )


def _common_share(text: str, sample: int = 20000) -> float:
    """The share of the Chinese characters (up to `sample` of them) that are common ones."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"][:sample]
    if not han:
        return 0.0
    common = 0
    for ch in set(han):
        if _is_common(ch):
            common += han.count(ch)
    return common / len(han)


def _is_common(ch: str) -> bool:
    for codec, low, high in (("gb2312", 0xB0, 0xD7), ("cp950", 0xA4, 0xC6)):
        try:
            if low <= ch.encode(codec)[0] <= high:
                return True
        except UnicodeEncodeError:
            pass
    return False


def _controls(sample: str | bytes) -> int:
    """Control characters that text files do not hold (all but tab, newlines, form feed)."""
    if isinstance(sample, bytes):
        return sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\f\v")
    return sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return "\x00" in sample or _controls(sample) > max(2, len(sample) // 100)


def _refuse_binary(text: str, name: str) -> None:
    if _looks_binary(text):
        raise InputError(f"{name}: looks like binary data (control characters), not a text transcript")


def read_document(path: str, encoding: str | None = None, *, max_size: int | None = DEFAULT_MAX_SIZE) -> Document:
    if path == "-":
        limit = -1 if max_size is None else max_size + 1
        data = sys.stdin.buffer.read(limit)
        if max_size is not None and len(data) > max_size:
            raise InputError(f"<stdin>: more than {_size(max_size)}, the limit for one transcript; raise it with --max-size")
        return decode(data, "<stdin>", encoding)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        size = p.stat().st_size
        if max_size is not None and size > max_size:
            raise InputError(
                f"{path}: {_size(size)} is more than {_size(max_size)}, the limit for one transcript; "
                "split the file or raise the limit with --max-size"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {read_problem(exc)}") from None
    return decode(data, path, encoding)


def read_problem(exc: OSError) -> str:
    """Why a file could not be read, in a few words for a one-line error."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror})"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    the target: an interrupted run leaves the old file or the new one, never a mix.

    A symbolic link stays a link: the file it points to is the one replaced."""
    target = Path(os.path.realpath(path))
    folder = target.parent
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
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
