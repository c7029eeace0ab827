"""Terms a transcript seems to need: `corrector glossary suggest INPUT`.

Three kinds of proposal, each with how often it occurs and where:
- latin: Latin-script words that are neither English dictionary words (data/english.tsv)
  nor known terms, aliases or protected words (Atech, Asianometry);
- rare: Chinese words, found by jieba's new-word discovery (HMM), that are rare or unknown
  to its dictionary and occur at least twice (夜配, 講者). Words that begin or end with a
  very common character (這堂, 我剛) are mostly jieba gluing function words together and
  are left out;
- near-miss: spans that sound like a known term but fall just below the thresholds: the
  corrector is run again with every minimum similarity lowered by `margin`, and what it
  finds only then is listed (中瓜號 ~ 中括號). Pasted as `term | text`, each becomes an alias.

Text the corrector already changes is never proposed. The output is a glossary in the plain
text format (docs/glossary-format.md) whose comments give the counts and contexts, ready to
paste; YAML and JSON are there too.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from .edits import Correction
from .en_sound import Lexicon
from .engine import Corrector, Result
from .index import LATIN_TOKEN, PART
from .report import display_width
from .script import to_simplified
from .settings import Settings

KINDS = ("latin", "rare", "near-miss")
RARE_FREQUENCY = 5  # a Chinese word this rare in jieba's dictionary (or unknown) is notable
EDGE_CHAR_FREQUENCY = 50_000  # a word beginning or ending with so common a character is glue
CONTEXTS = 3  # examples kept per proposal
CONTEXT_WIDTH = 10
SIMILARITY_FIELDS = (
    "zh_min_similarity_2",
    "zh_min_similarity_2_user",
    "zh_min_similarity_long",
    "en_min_similarity_nonword",
    "en_min_similarity_word",
    "en_min_similarity_phrase",
)


@dataclass(frozen=True)
class Proposal:
    kind: str  # latin, rare, near-miss
    text: str  # as written in the transcript
    count: int
    contexts: tuple[str, ...]
    term: str = ""  # near-miss: the known term it sounds like
    score: float = 0.0  # near-miss: the best score it reached

    def glossary_line(self) -> str:
        return f"{self.term} | {self.text}" if self.term else self.text

    def note(self) -> str:
        where = "; ".join(self.contexts)
        if self.kind == "near-miss":
            return f"sounds like {self.term} (score {self.score:.2f}, below the threshold), {self.count}×: {where}"
        return f"{self.count}×: {where}"


def _context(text: str, start: int, end: int) -> str:
    left = re.split(r"[\r\n]", text[max(0, start - CONTEXT_WIDTH) : start])[-1]
    right = re.split(r"[\r\n]", text[end : end + CONTEXT_WIDTH])[0]
    return f"…{left}[{text[start:end]}]{right}…"


def relaxed(settings: Settings, margin: float) -> Settings:
    return settings.replace(**{name: max(0.0, getattr(settings, name) - margin) for name in SIMILARITY_FIELDS})


def suggest(
    text: str,
    corrector: Corrector,
    result: Result | None = None,
    *,
    kinds: tuple[str, ...] = KINDS,
    min_repeats: int = 2,
    margin: float = 0.1,
    limit: int | None = 50,
) -> list[Proposal]:
    """Proposals for `text`, most frequent first within each kind."""
    result = result or corrector.correct(text)
    taken = sorted((c.start, c.end) for c in [*result.corrections, *result.suggestions])
    index = corrector.index(result.script)

    def overlaps_change(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in taken)

    out: list[Proposal] = []
    if "latin" in kinds:
        out += _cut(_latin(text, index, overlaps_change), limit)
    if "rare" in kinds:
        out += _cut(_rare(text, corrector, index, overlaps_change, min_repeats), limit)
    if "near-miss" in kinds:
        out += _cut(_near_misses(text, corrector, result, margin), limit)
    return out


def _cut(proposals: list[Proposal], limit: int | None) -> list[Proposal]:
    """Most frequent first; near misses closest first."""
    proposals.sort(key=lambda p: (-p.score, -p.count, p.text))
    return proposals[:limit] if limit else proposals


def _latin(text: str, index, overlaps_change) -> list[Proposal]:
    lexicon = Lexicon.bundled()
    spellings: dict[str, Counter] = defaultdict(Counter)
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for token in LATIN_TOKEN.finditer(text):
        if index.is_correct(token.group()) or token.group() in index.aliases:
            continue
        for part in PART.finditer(token.group()):
            word = part.group()
            start, end = token.start() + part.start(), token.start() + part.end()
            if word[0].isdigit() or len(word) < 2 or overlaps_change(start, end):
                continue
            if index.is_correct(word) or word in index.aliases or lexicon.lookup(word) is not None:
                continue
            key = word.casefold()
            spellings[key][word] += 1
            places[key].append((start, end))
    return [
        Proposal("latin", spellings[key].most_common(1)[0][0], len(spots), tuple(_context(text, s, e) for s, e in spots[:CONTEXTS]))
        for key, spots in places.items()
    ]


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _rare(text: str, corrector: Corrector, index, overlaps_change, min_repeats: int) -> list[Proposal]:
    lexicon = corrector.lexicon
    tokenizer = lexicon.tokenizer
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for run in _HAN_RUN.finditer(text):
        original = run.group()
        simplified = to_simplified(original)
        if len(simplified) != len(original):  # pragma: no cover - t2s keeps lengths
            continue
        pos = 0
        for word in tokenizer.cut(simplified, HMM=True):
            start, end = run.start() + pos, run.start() + pos + len(word)
            pos += len(word)
            if len(word) < 2 or lexicon.frequency(word) >= RARE_FREQUENCY:
                continue
            if lexicon.frequency(word[0]) >= EDGE_CHAR_FREQUENCY or lexicon.frequency(word[-1]) >= EDGE_CHAR_FREQUENCY:
                continue
            written = text[start:end]
            if index.is_correct(written) or written in index.aliases or overlaps_change(start, end):
                continue
            places[written].append((start, end))
    return [
        Proposal("rare", word, len(spots), tuple(_context(text, s, e) for s, e in spots[:CONTEXTS]))
        for word, spots in places.items()
        if len(spots) >= min_repeats
    ]


def _near_misses(text: str, corrector: Corrector, result: Result, margin: float) -> list[Proposal]:
    loose = Corrector(corrector.glossary, relaxed(corrector.settings, margin))
    found = loose.correct(text, script=result.script)
    known = {(c.start, c.end, c.after) for c in [*result.corrections, *result.suggestions]}
    groups: dict[tuple[str, str], list[Correction]] = defaultdict(list)
    for c in [*found.corrections, *found.suggestions]:
        if (c.start, c.end, c.after) not in known:
            groups[(c.before, c.term)].append(c)
    return [
        Proposal(
            "near-miss",
            before,
            len(cs),
            tuple(_context(text, c.start, c.end) for c in cs[:CONTEXTS]),
            term=term,
            score=max(c.score for c in cs),
        )
        for (before, term), cs in groups.items()
    ]


# ---------------------------------------------------------------------------------------------
# output

HEADINGS = {
    "latin": "Latin-script words that are neither English words nor known terms",
    "rare": "Rare or unknown Chinese words that occur more than once",
    "near-miss": "Near misses: they sound like a known term but score below the threshold (the line adds an alias)",
}


def _lines(proposals: list[Proposal]) -> list[tuple[str, list[str], list[str]]]:
    """(term, aliases, notes) per glossary line: near misses of one term share a line, since
    a glossary lists each term once."""
    lines: dict[str, tuple[str, list[str], list[str]]] = {}
    for p in proposals:
        term = p.term or p.text
        _t, aliases, notes = lines.setdefault(term, (term, [], []))
        if p.term:
            aliases.append(p.text)
            notes.append(f"{p.text}: {p.note()}")
        else:
            notes.append(p.note())
    return list(lines.values())


def render_text(name: str, proposals: list[Proposal]) -> str:
    """A plain-text glossary (term | alias), every line commented with counts and context."""
    lines = [f"# Terms {name} seems to need (corrector glossary suggest).", "# Keep the lines you want, fix their spelling, and add them to your glossary.", ""]
    if not proposals:
        lines.append("# nothing to suggest")
    for kind in KINDS:
        chosen = _lines([p for p in proposals if p.kind == kind])
        if not chosen:
            continue
        lines.append(f"# {HEADINGS[kind]}")
        entries = [(" | ".join([term, *aliases]), notes) for term, aliases, notes in chosen]
        width = max(display_width(entry) for entry, _n in entries)
        for entry, notes in entries:
            pad = " " * (width - display_width(entry))
            lines.append(f"{entry}{pad}  # {' / '.join(notes)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_yaml(name: str, proposals: list[Proposal]) -> str:
    """Entries in the YAML glossary format, each with its counts and context as a comment."""

    def quote(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)

    lines = [f"# Terms {name} seems to need (corrector glossary suggest): keep, fix and paste under 'entries:'."]
    for kind in KINDS:
        chosen = _lines([p for p in proposals if p.kind == kind])
        if chosen:
            lines.append(f"# {HEADINGS[kind]}")
        for term, aliases, notes in chosen:
            lines.append(f"- term: {quote(term)}  # {' / '.join(notes)}")
            if aliases:
                lines.append(f"  aliases: [{', '.join(quote(a) for a in aliases)}]")
    return "\n".join(lines) + "\n"


def render_json(name: str, proposals: list[Proposal]) -> str:
    doc = {"input": name, "proposals": [{**asdict(p), "contexts": list(p.contexts)} for p in proposals]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "yaml": render_yaml, "json": render_json}
