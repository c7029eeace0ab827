"""How people named in the user's glossary are addressed in speech.

Hosts and guests are rarely called by their full names: 庄表伟 is 老庄 to his co-hosts, 王伟
is 王老师, a chief executive is 雷总. The recogniser mishears these short forms as readily
as the names (老庄 -> 老张), and a two-syllable address form is too short to be found from the
full name. So for every Chinese personal name in the user's own glossary, its usual address
forms become terms of their own, derived from the name and explained by it.

They are only ever applied with evidence: the address form is an ordinary phrase (老张 is
some other Mr Zhang), so it is changed only where the same form is written correctly
elsewhere in the document, or the full name is near (see corrector.evidence).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib import resources

from .glossary import Entry, Glossary
from .script import is_han, to_simplified, to_traditional

# A user's term this frequent in jieba's dictionary is an ordinary word that happens to
# begin with a surname character (马上, 黄金), not a name. Names jieba lists (李俊 550) are
# below it.
NAME_MAX_FREQUENCY = 1000

# the forms, {s} standing for the surname: "old X" among peers, "teacher X", "boss X"
ADDRESS_PATTERNS = ("老{s}", "{s}老师", "{s}总")


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character, two-character) surnames, in Simplified characters."""
    text = resources.files("corrector").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    single, double = set(), set()
    for line in text.splitlines():
        for name in line.split("#", 1)[0].split():
            (single if len(name) == 1 else double).add(name)
    return frozenset(single), frozenset(double)


def surname_of(term: str, frequency) -> str | None:
    """The surname of `term` if it reads as a Chinese personal name (a surname and a given
    name of one or two characters, not an ordinary word), else None. `frequency` gives a
    Simplified word's frequency in jieba's dictionary."""
    if not term or not all(is_han(ch) for ch in term):
        return None
    simplified = to_simplified(term)
    if not 2 <= len(simplified) <= 4 or frequency(simplified) >= NAME_MAX_FREQUENCY:
        return None
    single, double = surnames()
    if simplified[:2] in double and 3 <= len(simplified) <= 4:
        return term[:2]
    if simplified[0] in single and len(simplified) <= 3:
        return term[0]
    return None


def with_address_forms(glossary: Glossary, frequency) -> Glossary:
    """The glossary with the address forms of the user's personal names added (a form that is
    already an entry, or the form of two different names, is left out)."""
    forms: dict[str, Entry] = {}
    clashing: set[str] = set()
    for entry in glossary.entries:
        if entry.bundled:
            continue
        surname = surname_of(entry.term, frequency)
        if surname is None:
            continue
        for pattern in ADDRESS_PATTERNS:
            form = _address_form(pattern, entry.term, surname)
            key = to_simplified(form)
            if key in forms and forms[key].context != (entry.term,):
                clashing.add(key)
            forms[key] = replace(
                entry,
                term=form,
                tw=None,
                cn=None,
                aliases=(),
                context=(entry.term,),
                not_near=(),
                pronounce=None,
                note=f"how {entry.term} is addressed",
                derived_from=entry.term,
            )
    if not forms:
        return glossary
    # entries a form could already be: they contain 老, 老师 or 总 (keys are costly to compute
    # for all the bundled entries)
    markers = set("".join(p.replace("{s}", "") for p in ADDRESS_PATTERNS))
    markers |= {to_traditional(ch) for ch in markers}
    candidates = {i: e.key for i, e in enumerate(glossary.entries) if markers & set(e.term)}
    known = set(candidates.values()) | {to_simplified(p) for p in glossary.protected if markers & set(p)}
    entries = list(glossary.entries)
    # a form the user wrote in their own glossary (with an alias, or a not_near from a review)
    # keeps what they wrote and is still matched as an address form
    for i, key in candidates.items():
        form = forms.get(key)
        if form is not None and key not in clashing and not entries[i].bundled and entries[i].derived_from is None:
            mine = entries[i]
            entries[i] = replace(mine, context=tuple(dict.fromkeys(mine.context + form.context)), derived_from=form.derived_from, note=mine.note or form.note)
    added = [e for key, e in forms.items() if key not in known and key not in clashing]
    if entries == glossary.entries and not added:
        return glossary
    # derived entries are part of what the term indexes are cached by
    fingerprint = glossary.fingerprint and glossary.fingerprint + "-named"
    return replace(glossary, entries=entries + added, fingerprint=fingerprint)


def _address_form(pattern: str, name: str, surname: str) -> str:
    """The pattern filled with the surname, in the name's script (黃老師 for 黃仁勳)."""
    traditional = to_simplified(name) != name
    return surname.join(to_traditional(part) if traditional else part for part in pattern.split("{s}"))
