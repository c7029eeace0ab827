"""Traditional or Simplified: detect the transcript's script and write terms in it (OpenCC).

Only glossary terms are ever converted; the transcript's own text is never converted.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

import opencc


class Script(str, Enum):
    TRADITIONAL = "traditional"  # written as in Taiwan
    SIMPLIFIED = "simplified"  # written as in Mainland China


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


def has_han(text: str) -> bool:
    return any(is_han(ch) for ch in text)


def to_simplified(text: str) -> str:
    """Characters only (t2s); Taiwan words such as 程式 stay as they are."""
    if len(text) <= _SHORT:
        return _simplified_short(text)  # words and terms, converted over and over
    return _converter("t2s").convert(text) if has_han(text) else text


_SHORT = 16


@lru_cache(maxsize=65_536)
def _simplified_short(text: str) -> str:
    return _converter("t2s").convert(text) if has_han(text) else text


def to_traditional(text: str) -> str:
    """Characters only, with Taiwan's standard glyphs (s2tw). Text already in Traditional
    characters is returned as it is: converting it again could pick another variant."""
    if not has_han(text) or to_simplified(text) != text:
        return text
    return _converter("s2tw").convert(text)


def simplified_only_chars(text: str) -> list[str]:
    """Characters that only Simplified text uses (软, 达): OpenCC would convert them and Big5,
    the Traditional character set of Taiwan, lacks them. 台 and 里 are used in both."""
    out = []
    for ch in text:
        if is_han(ch) and _converter("s2t").convert(ch) != ch:
            try:
                ch.encode("cp950")
            except UnicodeEncodeError:
                out.append(ch)
    return out


def traditional_only_chars(text: str) -> list[str]:
    """Characters that only Traditional text uses (騰, 陳): OpenCC simplifies them and turns the
    result back into them. A variant that Mainland names keep (昇 of 昇腾, which OpenCC
    would make 升) is not one of them."""
    return [ch for ch in text if is_han(ch) and (s := to_simplified(ch)) != ch and to_traditional(s) == ch]


def in_script(text: str, script: Script) -> str:
    return to_traditional(text) if script is Script.TRADITIONAL else to_simplified(text)


def detect(text: str, default: Script = Script.SIMPLIFIED) -> Script:
    """The script most of the transcript's distinctive characters belong to.

    Traditional-only characters are those OpenCC simplifies; Simplified-only characters are
    those Big5 (Taiwan's character set) lacks but GB2312 (the Mainland's) has. Text with as
    many of each (none, or no Chinese at all) counts as `default`.
    """
    chars = sorted({ch for ch in text if is_han(ch)})
    if not chars:
        return default
    # one character a line, so that OpenCC cannot read neighbours as a phrase
    simplified_forms = _converter("t2s").convert("\n".join(chars)).split("\n")
    traditional = sum(a != b for a, b in zip(chars, simplified_forms))
    simplified = sum(1 for ch in chars if not _encodes(ch, "cp950") and _encodes(ch, "gb2312"))
    if traditional == simplified:
        return default
    return Script.TRADITIONAL if traditional > simplified else Script.SIMPLIFIED


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False
