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

from .cache import load_or_build


class Syllable(NamedTuple):
    initial: str
    final: str
    tone: int  # 1-4, 5 = neutral

    def __str__(self) -> str:
        return f"{self.initial}{self.final}{self.tone}"

    @property
    def toneless(self) -> str:
        return f"{self.initial}{self.final}"


Heard = tuple[Syllable, ...]  # the readings a character of the transcript may have


@lru_cache(maxsize=8192)
def parse_syllable(tone3: str) -> Syllable | None:
    """`zhang1` -> Syllable('zh', 'ang', 1); None for anything that is not pinyin."""
    from pypinyin.contrib.tone_convert import to_finals, to_initials

    if not tone3 or not tone3[-1].isdigit() or not tone3[:-1].isalpha():
        return None
    body, tone = tone3[:-1], int(tone3[-1])
    final = to_finals(body, strict=True, v_to_u=True)
    initial = to_initials(body, strict=True)
    if not final and not initial:
        return None
    return Syllable(initial, final, tone)


@lru_cache(maxsize=1)
def _pinyin_converter():
    """pypinyin, returning readings as stored (tone marks) and skipping its per-item style
    conversion, which costs more than the look-up itself. Imported only when needed: its
    phrase tables take a third of a second to load."""
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import Pinyin

    class RawConverter(DefaultConverter):
        def convert_styles(self, pinyin_list, phrase, style, heteronym, errors, strict, **kwargs):
            return [[item[0]] for item in pinyin_list]

    return Pinyin(RawConverter())


@lru_cache(maxsize=8192)
def _marked_syllable(marked: str) -> Syllable | None:
    from pypinyin.contrib.tone_convert import to_tone3

    return parse_syllable(to_tone3(marked, neutral_tone_with_five=True)) if marked else None


def syllables(text: str) -> list[Syllable | None]:
    """One entry per character: its reading in context (pypinyin's phrase tables decide
    between readings, 重慶 chong2), or None where the character is not Chinese. For glossary
    terms, which are words."""
    from pypinyin import Style

    # `errors` spreads a run of non-Chinese characters out to one empty item per character
    items = _pinyin_converter().lazy_pinyin(text, style=Style.TONE, errors=lambda s: [""] * len(s))
    out = [_marked_syllable(item) for item in items]
    if len(out) != len(text):  # pragma: no cover - pypinyin returns one item per Han character
        raise AssertionError("pinyin does not line up with the text")
    return out


def _build_reading_table() -> dict[int, str]:
    """Code point -> its readings as "initial final tone" triples joined by ';' (a compact
    form: the table has 41,000 characters and is read at every start)."""
    from pypinyin.pinyin_dict import pinyin_dict

    table = {}
    for code, marked in pinyin_dict.items():
        readings = dict.fromkeys(r for r in (_marked_syllable(m) for m in marked.split(",")) if r)
        if readings:
            table[code] = ";".join(f"{r.initial} {r.final} {r.tone}" for r in readings)
    return table


@lru_cache(maxsize=1)
def _reading_table() -> dict[int, str]:
    import importlib.util
    import os

    spec = importlib.util.find_spec("pypinyin")  # where it is installed, without importing it
    source = os.path.join(os.path.dirname(spec.origin), "pinyin_dict.py") if spec and spec.origin else ""
    stamp = int(os.stat(source).st_mtime) if source and os.path.exists(source) else 0
    return load_or_build(f"pinyin-readings-{stamp}-2", _build_reading_table)


@lru_cache(maxsize=None)
def char_readings(ch: str) -> Heard | None:
    """Every reading of a character, the commonest first (行: xing2, hang2)."""
    found = _reading_table().get(ord(ch))
    if not found:
        return None
    out = []
    for reading in found.split(";"):
        initial, final, tone = reading.split(" ")
        out.append(Syllable(initial, final, int(tone)))
    return tuple(out)


def readings(text: str) -> list[Heard | None]:
    """One entry per character of a transcript: all the readings it may have. What the
    recogniser wrote was chosen for its sound, so any reading of a character may be the one
    it heard; the alignment takes whichever fits the term best."""
    return [char_readings(ch) for ch in text]


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
    other_reading: float
    initial_weight: float
    final_weight: float
    initial_groups: dict[str, str]
    final_groups: dict[str, str]
    fine_initial_groups: dict[str, str]
    fine_final_groups: dict[str, str]

    @classmethod
    def load(cls) -> "MandarinSounds":
        table = _load_table()["mandarin"]
        initials, finals = _pair_costs(table["initials"]), _pair_costs(table["finals"])
        return cls(
            initial_costs=initials,
            final_costs=finals,
            tone=table["tone"],
            neutral_tone=table["neutral_tone"],
            other_reading=table["other_reading"],
            initial_weight=table["initial_weight"],
            final_weight=table["final_weight"],
            initial_groups=_groups(initials, 0.45),
            final_groups=_groups(finals, 0.3),
            # sounds close enough for a two-syllable term that must sound almost the same
            fine_initial_groups=_groups(initials, 0.22),
            fine_final_groups=_groups(finals, 0.18),
        )

    def initial_cost(self, a: str, b: str) -> float:
        return 0.0 if a == b else self.initial_costs.get((a, b), 1.0)

    def final_cost(self, a: str, b: str) -> float:
        return 0.0 if a == b else self.final_costs.get((a, b), 1.0)

    def tone_cost(self, a: int, b: int) -> float:
        if a == b:
            return 0.0
        return self.neutral_tone if 5 in (a, b) else self.tone

    @property
    def min_cross_class_cost(self) -> float:
        """The least a syllable can cost when its coarse class differs from the one it is
        compared with: a lower bound that lets the matcher skip hopeless alignments."""
        def least(costs, groups, weight):
            cross = [c for (a, b), c in costs.items() if groups.get(a, a) != groups.get(b, b)]
            return weight * min(cross + [1.0])

        return min(
            least(self.initial_costs, self.initial_groups, self.initial_weight),
            least(self.final_costs, self.final_groups, self.final_weight),
        )

    def fine(self, s: Syllable) -> tuple[str, str]:
        return (self.fine_initial_groups.get(s.initial, s.initial), self.fine_final_groups.get(s.final, s.final))

    def coarse(self, s: Syllable) -> tuple[str, str]:
        return (self.initial_groups.get(s.initial, s.initial), self.final_groups.get(s.final, s.final))


SOUNDS = None  # loaded on first use; see sounds()


def sounds() -> MandarinSounds:
    global SOUNDS
    if SOUNDS is None:
        SOUNDS = MandarinSounds.load()
    return SOUNDS


@lru_cache(maxsize=None)
def coarse_classes(heard: Heard) -> tuple[tuple[str, str], ...]:
    """The coarse sound classes of a character's readings (for the quick candidate search)."""
    t = sounds()
    return tuple(dict.fromkeys(t.coarse(s) for s in heard))


@lru_cache(maxsize=200_000)
def syllable_cost(a: Syllable, b: Syllable) -> float:
    """0 for the same syllable, 1 for unrelated ones."""
    if a == b:
        return 0.0
    t = sounds()
    cost = t.initial_weight * t.initial_cost(a.initial, b.initial) + t.final_weight * t.final_cost(a.final, b.final)
    return min(1.0, cost + t.tone_cost(a.tone, b.tone))


@lru_cache(maxsize=200_000)
def heard_cost(meant: Syllable, heard: Heard) -> float:
    """Cost of the character's best reading for this syllable; a reading other than the
    commonest costs `other_reading` more."""
    other = sounds().other_reading
    return min(syllable_cost(meant, h) + (other if k else 0.0) for k, h in enumerate(heard))


def merge_cost(first: Syllable, second: Syllable, heard: Heard, penalty: float) -> float:
    """Cost of hearing two syllables as one: the initial of the first, the final of the second."""
    t = sounds()
    cost = min(
        t.initial_weight * t.initial_cost(first.initial, h.initial) + t.final_weight * t.final_cost(second.final, h.final) + (t.other_reading if k else 0.0)
        for k, h in enumerate(heard)
    )
    return min(2.0, penalty + cost)


class Alignment(NamedTuple):
    cost: float
    similarity: float
    ops: tuple[str, ...]  # "=" same, "~" near, "+" extra, "-" dropped, "<" merged


def align(term: Sequence[Syllable], heard: Sequence[Heard], merge_penalty: float) -> Alignment:
    """Cheapest alignment of a heard span against a term's syllables: syllable by syllable,
    with at most one place where two term syllables were heard as one (merge), one was not
    heard (drop) or an extra one was heard. More than one such place never sounds alike
    enough to pass, so they are not searched.

    similarity = 1 - cost / len(term), so a dropped syllable of a long term costs less than one
    of a short term. Ops per step ("=", "~", "<", "-", "+") are kept for the report.
    """
    n, m = len(term), len(heard)
    if n == m:
        costs = [heard_cost(a, b) for a, b in zip(term, heard)]
        return _alignment(costs, ["=" if c == 0 else "~" for c in costs], n)
    if n == m + 1:  # the term has one syllable more: merged into a neighbour, or dropped
        best: tuple[float, list[float], list[str]] | None = None
        for k in range(m + 1):
            head = [heard_cost(term[i], heard[i]) for i in range(k)]
            tail = [heard_cost(term[i + 1], heard[i]) for i in range(k, m)]
            options = [(1.0, "-", tail)]  # term[k] not heard
            if k < m:  # term[k] and term[k+1] heard as heard[k]
                merged = merge_cost(term[k], term[k + 1], heard[k], merge_penalty)
                options.append((merged, "<", [heard_cost(term[i + 1], heard[i]) for i in range(k + 1, m)]))
            for step, op, rest in options:
                total = sum(head) + step + sum(rest)
                if best is None or total < best[0]:
                    best = (total, head + [step] + rest, _ops(head) + [op] + _ops(rest))
        assert best is not None
        return _alignment(best[1], best[2], n)
    if m == n + 1:  # one syllable heard too many
        best = None
        for k in range(m):
            head = [heard_cost(term[i], heard[i]) for i in range(k)]
            tail = [heard_cost(term[i], heard[i + 1]) for i in range(k, n)]
            total = sum(head) + 1.0 + sum(tail)
            if best is None or total < best[0]:
                best = (total, head + [1.0] + tail, _ops(head) + ["+"] + _ops(tail))
        assert best is not None
        return _alignment(best[1], best[2], n)
    return Alignment(float(abs(n - m)), 0.0, ())


def _ops(costs: list[float]) -> list[str]:
    return ["=" if c == 0 else "~" for c in costs]


def _alignment(costs: list[float], ops: list[str], n: int) -> Alignment:
    total = sum(costs)
    return Alignment(total, max(0.0, 1.0 - total / n), tuple(ops))


def pinyin_string(syls: Sequence[Syllable | None]) -> str:
    return " ".join(str(s) if s else "?" for s in syls)


def heard_string(heard: Sequence[Heard], term: Sequence[Syllable]) -> str:
    """The readings of the heard span, each the one closest to the term where they line up."""
    if len(heard) == len(term):
        other = sounds().other_reading
        return " ".join(str(min(h, key=lambda x: syllable_cost(t, x) + (other if x is not h[0] else 0))) for h, t in zip(heard, term))
    return " ".join(str(h[0]) for h in heard)
