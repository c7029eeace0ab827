"""A JSON reader that remembers where each value is in the text.

`json.loads` checks the file first (and gives the line of any error); this reader then walks
the same text and records the span of every value and object member, so that one string can
be edited in place and everything else kept byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from json.decoder import scanstring
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None, "NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


@dataclass
class Node:
    start: int  # span of the value in the text (strings: quotes included)
    end: int
    value: Any = None  # strings, numbers, booleans, None; lists of Nodes for arrays
    members: list["Member"] = field(default_factory=list)  # objects only, in file order
    kind: str = ""  # object, array, string, number, literal

    def get(self, key: str) -> "Node | None":
        for member in reversed(self.members):  # the last of duplicate keys wins, as in json
            if member.key == key:
                return member.node
        return None

    def member(self, key: str) -> "Member | None":
        for member in reversed(self.members):
            if member.key == key:
                return member
        return None


@dataclass
class Member:
    key: str
    key_start: int
    node: Node


def parse(text: str) -> Node:
    """Spans of a document `json.loads` has accepted."""
    node, end = _value(text, _WS.match(text, 0).end())
    return node


def _value(text: str, i: int) -> tuple[Node, int]:
    ch = text[i]
    if ch == '"':
        value, end = scanstring(text, i + 1, True)
        return Node(i, end, value, kind="string"), end
    if ch == "{":
        node = Node(i, i, kind="object")
        j = _WS.match(text, i + 1).end()
        if text[j] == "}":
            node.end = j + 1
            return node, j + 1
        while True:
            key, k = scanstring(text, j + 1, True)
            k = _WS.match(text, k).end() + 1  # the colon
            k = _WS.match(text, k).end()
            child, k = _value(text, k)
            node.members.append(Member(key, j, child))
            k = _WS.match(text, k).end()
            if text[k] == "}":
                node.end = k + 1
                return node, k + 1
            j = _WS.match(text, k + 1).end()  # after the comma
    if ch == "[":
        node = Node(i, i, [], kind="array")
        j = _WS.match(text, i + 1).end()
        if text[j] == "]":
            node.end = j + 1
            return node, j + 1
        while True:
            child, j = _value(text, j)
            node.value.append(child)
            j = _WS.match(text, j).end()
            if text[j] == "]":
                node.end = j + 1
                return node, j + 1
            j = _WS.match(text, j + 1).end()
    m = _NUMBER.match(text, i)
    if m:
        number = m.group()
        value = float(number) if any(c in number for c in ".eE") else int(number)
        return Node(i, m.end(), value, kind="number"), m.end()
    for word, value in _LITERALS.items():
        if text.startswith(word, i):
            return Node(i, i + len(word), value, kind="literal"), i + len(word)
    raise ValueError(f"unexpected {ch!r} at {i}")  # json.loads accepted the text: cannot happen
