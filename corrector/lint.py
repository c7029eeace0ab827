"""Checks over glossary files, as tests check code: one problem a line, with file:line.

Errors make a glossary wrong (it would not load, or would make the corrector change correct
text); warnings point at entries that deserve a look (two terms that sound the same, a term
that sounds like a very common word).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import zh_sound
from .glossary import PROTECTED_FILE, Entry, Glossary, GlossaryError, _read, bundled_files, parse
from .index import sound_parts
from .script import has_han, is_han, to_simplified


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


# a term that sounds exactly like a word at least this frequent in jieba's dictionary is
# worth a warning: it will only be applied with evidence, and may deserve context words
COMMON_WORD_FREQUENCY = 5000


def lint_paths(paths: Iterable[str | Path], *, bundled: bool = False) -> list[Problem]:
    """Lint the given files together (duplicates and sound collisions are checked across
    them). `bundled` adds the checks that apply to the shipped data (provenance)."""
    problems: list[Problem] = []
    glossaries: list[Glossary] = []
    for path in paths:
        path = Path(path)
        shown = _shown(path)
        if path.name == PROTECTED_FILE:
            continue
        errors: list[GlossaryError] = []
        try:
            glossary = parse(path, _read(path, shown), shown, problems=errors)
        except GlossaryError as exc:  # the file as a whole cannot be read
            problems.append(Problem(shown, exc.line or 0, "error", exc.message))
            continue
        problems += [Problem(e.path, e.line or 0, "error", e.message) for e in errors]
        if bundled and path.suffix.lower() in (".yaml", ".yml") and not glossary.meta.get("source"):
            problems.append(Problem(shown, 1, "error", "bundled glossaries must say where their entries come from ('source')"))
        glossaries.append(glossary)
    entries = [e for g in glossaries for e in g.entries]
    problems += _check_entries(entries)
    return sorted(set(problems))


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def lint_bundled() -> list[Problem]:
    return lint_paths(bundled_files(), bundled=True)


def _check_entries(entries: list[Entry]) -> list[Problem]:
    problems: list[Problem] = []
    spellings: dict[str, Entry] = {}
    for entry in entries:
        for spelling in entry.spellings():
            spellings.setdefault(to_simplified(spelling), entry)
    by_key: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_key[entry.key].append(entry)

    for entry in entries:
        where = (entry.file, entry.line)
        # the same term in several files: fine when they agree (each domain stands alone)
        first = by_key[entry.key][0]
        if first is not entry and (first.tw, first.cn) != (entry.tw, entry.cn) and entry.tw and first.tw:
            problems.append(Problem(*where, "error", f"{entry.term!r} has other regional forms in {first.file}:{first.line}"))
        for alias in entry.aliases:
            if alias == entry.term or alias in entry.spellings():
                problems.append(Problem(*where, "error", f"alias {alias!r} is the term itself"))
            elif (other := spellings.get(to_simplified(alias))) is not None and other.key != entry.key:
                problems.append(Problem(*where, "error", f"alias {alias!r} is itself the term {other.term!r} ({other.file}:{other.line})"))
        own = {to_simplified(f) for f in entry.spellings()}
        for word in entry.context:
            if to_simplified(word) in own:
                problems.append(Problem(*where, "error", f"context word {word!r} is the term itself (written nearby it proves nothing)"))
        if has_han(entry.term):
            problems += _check_chinese(entry)
        else:
            problems += _check_english(entry)
    problems += _sound_collisions(entries)
    return problems


def _check_chinese(entry: Entry) -> list[Problem]:
    problems = []
    where = (entry.file, entry.line)
    for form in entry.spellings():
        han = [ch for ch in form if is_han(ch)]
        if len(form) == 1:
            problems.append(Problem(*where, "error", f"single-character term {form!r} would match too much"))
        missing = [ch for ch in han if zh_sound.char_readings(ch) is None]
        if missing:
            problems.append(Problem(*where, "error", f"no pinyin for {''.join(missing)!r} in {form!r}"))
    if entry.pronounce and has_han(entry.term) and zh_sound.parse_pinyin_hint(entry.pronounce) is None:
        problems.append(Problem(*where, "error", f"pronounce {entry.pronounce!r} is not pinyin"))
    return problems


def _check_english(entry: Entry) -> list[Problem]:
    if not sound_parts(entry.term):
        return [Problem(entry.file, entry.line, "error", f"{entry.term!r} has no letters or digits to match")]
    return []


def _sound_collisions(entries: list[Entry]) -> list[Problem]:
    """Terms that sound exactly alike (toneless pinyin), and terms that sound like a very
    common word: warnings, since context decides between them."""
    from .lexicon import ChineseLexicon

    problems = []
    by_sound: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for entry in entries:
        for form in {to_simplified(f) for f in entry.spellings() if all(is_han(ch) for ch in f)}:
            syls = zh_sound.syllables(form)
            if all(syls):
                by_sound[" ".join(s.toneless for s in syls)].append((form, entry))
    for sound, items in by_sound.items():
        for form, entry in items:
            # an entry's own forms (陳昇瑋 and its Mainland 陈昇玮) do not compete
            others = sorted({f for f, e in items if f != form and e.key != entry.key})
            if others:
                problems.append(Problem(entry.file, entry.line, "warning", f"{form} sounds like {', '.join(others)} ({sound})"))
    lexicon = ChineseLexicon()
    common = _common_words_by_sound(lexicon, {len(f) for items in by_sound.values() for f, _e in items})
    for sound, items in by_sound.items():
        word = common.get(sound)
        for form, entry in items:
            if word and word != form and not entry.suggest_only:
                problems.append(Problem(entry.file, entry.line, "warning", f"{form} sounds like the common word {word} ({sound}); give it context words"))
    return problems


def _common_words_by_sound(lexicon, lengths: set[int]) -> dict[str, str]:
    out: dict[str, str] = {}
    trie = lexicon.tokenizer.FREQ.trie
    for word, (freq,) in trie.items():
        if freq >= COMMON_WORD_FREQUENCY and len(word) in lengths and all(is_han(ch) for ch in word):
            syls = [zh_sound.char_readings(ch) for ch in word]
            if all(syls):
                out.setdefault(" ".join(s[0].toneless for s in syls), word)
    return out
