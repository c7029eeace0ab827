"""How Chinese sounds to the corrector: pinyin syllables and the distance between them.

A syllable is (initial, final, tone) as pypinyin gives it in strict mode. The cost of taking
one syllable for another comes from data/sound_table.toml; the alignment of a span against a
term allows substitutions, a dropped or an extra syllable, and two term syllables merged into
one (大型語言模型 heard as 大型原模型: yu + yan -> yuan).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple, Sequence

from pypinyin import Style
from pypinyin.contrib.tone_convert import to_finals, to_initials, to_tone3
from pypinyin.converter import DefaultConverter
from pypinyin.core import Pinyin


class Syllable(NamedTuple):
    initial: str
    final: str
    tone: int  # 1-4, 5 = neutral

    def __str__(self) -> str:
        return f"{self.initial}{self.final}{self.tone}"

    @property
    def toneless(self) -> str:
        return f"{self.initial}{self.final}"


@lru_cache(maxsize=8192)
def parse_syllable(tone3: str) -> Syllable | None:
    """`zhang1` -> Syllable('zh', 'ang', 1); None for anything that is not pinyin."""
    if not tone3 or not tone3[-1].isdigit() or not tone3[:-1].isalpha():
        return None
    body, tone = tone3[:-1], int(tone3[-1])
    final = to_finals(body, strict=True, v_to_u=True)
    initial = to_initials(body, strict=True)
    if not final and not initial:
        return None
    return Syllable(initial, final, tone)


class _RawConverter(DefaultConverter):
    """Returns pypinyin's readings as stored (tone marks), skipping its per-item style
    conversion, which costs more than the look-up itself; `_marked_syllable` converts each
    distinct reading once."""

    def convert_styles(self, pinyin_list, phrase, style, heteronym, errors, strict, **kwargs):  # noqa: D102
        return [[item[0]] for item in pinyin_list]


_PINYIN = Pinyin(_RawConverter())


@lru_cache(maxsize=8192)
def _marked_syllable(marked: str) -> Syllable | None:
    return parse_syllable(to_tone3(marked, neutral_tone_with_five=True)) if marked else None


def syllables(text: str) -> list[Syllable | None]:
    """One entry per character of `text`: its syllable in context, or None (not Chinese)."""
    # `errors` spreads a run of non-Chinese characters out to one empty item per character
    items = _PINYIN.lazy_pinyin(text, style=Style.TONE, errors=lambda s: [""] * len(s))
    out = [_marked_syllable(item) for item in items]
    if len(out) != len(text):  # pragma: no cover - pypinyin returns one item per Han character
        raise AssertionError("pinyin does not line up with the text")
    return out


def parse_pinyin_hint(hint: str) -> list[Syllable] | None:
    """A glossary `pronounce` hint in pinyin (`ying1 wei3 da2`, tones optional)."""
    out = []
    for part in hint.replace("'", " ").split():
        syl = parse_syllable(part if part[-1].isdigit() else part + "5")
        if syl is None:
            return None
        out.append(syl)
    return out or None


def _load_table() -> dict:
    text = (resources.files("corrector") / "data" / "sound_table.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _pair_costs(pairs: list[list]) -> dict[tuple[str, str], float]:
    costs: dict[tuple[str, str], float] = {}
    for a, b, cost in pairs:
        costs[(a, b)] = costs[(b, a)] = float(cost)
    return costs


def _groups(costs: dict[tuple[str, str], float], limit: float) -> dict[str, str]:
    """Union of sounds whose confusion cost is at most `limit`: the coarse classes used to
    find candidates quickly, before the exact alignment."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), cost in costs.items():
        if cost <= limit:
            parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


@dataclass(frozen=True)
class MandarinSounds:
    initial_costs: dict[tuple[str, str], float]
    final_costs: dict[tuple[str, str], float]
    tone: float
    neutral_tone: float
    initial_weight: float
    final_weight: float
    initial_groups: dict[str, str]
    final_groups: dict[str, str]

    @classmethod
    def load(cls) -> "MandarinSounds":
        table = _load_table()["mandarin"]
        initials, finals = _pair_costs(table["initials"]), _pair_costs(table["finals"])
        return cls(
            initial_costs=initials,
            final_costs=finals,
            tone=table["tone"],
            neutral_tone=table["neutral_tone"],
            initial_weight=table["initial_weight"],
            final_weight=table["final_weight"],
            initial_groups=_groups(initials, 0.45),
            final_groups=_groups(finals, 0.3),
        )

    def initial_cost(self, a: str, b: str) -> float:
        return 0.0 if a == b else self.initial_costs.get((a, b), 1.0)

    def final_cost(self, a: str, b: str) -> float:
        return 0.0 if a == b else self.final_costs.get((a, b), 1.0)

    def tone_cost(self, a: int, b: int) -> float:
        if a == b:
            return 0.0
        return self.neutral_tone if 5 in (a, b) else self.tone

    def coarse(self, s: Syllable) -> tuple[str, str]:
        return (self.initial_groups.get(s.initial, s.initial), self.final_groups.get(s.final, s.final))


SOUNDS = None  # loaded on first use; see sounds()


def sounds() -> MandarinSounds:
    global SOUNDS
    if SOUNDS is None:
        SOUNDS = MandarinSounds.load()
    return SOUNDS


@lru_cache(maxsize=200_000)
def syllable_cost(a: Syllable, b: Syllable) -> float:
    """0 for the same syllable, 1 for unrelated ones."""
    if a == b:
        return 0.0
    t = sounds()
    cost = t.initial_weight * t.initial_cost(a.initial, b.initial) + t.final_weight * t.final_cost(a.final, b.final)
    return min(1.0, cost + t.tone_cost(a.tone, b.tone))


def merge_cost(first: Syllable, second: Syllable, heard: Syllable, penalty: float) -> float:
    """Cost of hearing two syllables as one: the initial of the first, the final of the second."""
    t = sounds()
    cost = t.initial_weight * t.initial_cost(first.initial, heard.initial) + t.final_weight * t.final_cost(second.final, heard.final)
    return min(2.0, penalty + cost)


class Alignment(NamedTuple):
    cost: float
    similarity: float
    ops: tuple[str, ...]  # "=" same, "~" near, "+" extra, "-" dropped, "<" merged


def align(term: Sequence[Syllable], heard: Sequence[Syllable], merge_penalty: float) -> Alignment:
    """Cheapest alignment of a heard span against a term's syllables.

    similarity = 1 - cost / len(term), so a dropped syllable of a long term costs less than one
    of a short term. Ops per step are kept for the report.
    """
    n, m = len(term), len(heard)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            if i < n and j < m:
                c = here + syllable_cost(term[i], heard[j])
                if c < cost[i + 1][j + 1]:
                    op = "=" if term[i] == heard[j] else "~"
                    cost[i + 1][j + 1], back[i + 1][j + 1] = c, (i, j, op)
            if i < n:  # a term syllable not heard
                c = here + 1.0
                if c < cost[i + 1][j]:
                    cost[i + 1][j], back[i + 1][j] = c, (i, j, "-")
            if j < m:  # an extra syllable heard
                c = here + 1.0
                if c < cost[i][j + 1]:
                    cost[i][j + 1], back[i][j + 1] = c, (i, j, "+")
            if i + 1 < n and j < m:  # two term syllables heard as one
                c = here + merge_cost(term[i], term[i + 1], heard[j], merge_penalty)
                if c < cost[i + 2][j + 1]:
                    cost[i + 2][j + 1], back[i + 2][j + 1] = c, (i, j, "<")
    ops: list[str] = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        i, j, op = step
        ops.append(op)
    total = cost[n][m]
    return Alignment(total, max(0.0, 1.0 - total / n), tuple(reversed(ops)))


def pinyin_string(syls: Sequence[Syllable | None]) -> str:
    return " ".join(str(s) if s else "?" for s in syls)
