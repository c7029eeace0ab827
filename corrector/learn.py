"""Teaching the glossary from review decisions.

    corrector learn DECISIONS... --into GLOSSARY.yaml

What a decision teaches (docs/review.md):
- accepted (or edited to another text): the wrong text becomes an alias of its term, so it
  is fixed next time even where sound matching alone is unsure. Only when every decision on
  that wrong text and term agrees: a text accepted in one place and rejected in another
  depends on its context, which an alias cannot express. An edit to a text that is not a term
  yet adds that text as a term, with the wrong text as its alias.
- rejected everywhere: the text is protected, never changed again (the glossary's top-level
  `protected:` list, the YAML form of a .txt glossary's `!word`).
- rejected in some places only, or replaced by an edit: an exclusion, the closest
  distinctive word beside the rejected change, goes into the term's `not_near`, chosen so
  that it is near none of the accepted changes of the same term and is neither a term nor
  one of the term's context words.

Learning merges into the user's own YAML glossary: an entry for a term already there gets the
new aliases and exclusions, nothing is listed twice, comments and layout are kept (ruamel.yaml
round-trips the file), and the bundled glossaries are never written.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import glossary as glossary_module
from .decisions import Decision, Verdict
from .glossary import Glossary, GlossaryError, bundled_dir
from .inputs import InputError, write_atomically
from .lexicon import ChineseLexicon
from .script import has_han, is_han, to_simplified

NEAR = 12  # code points each side of a rejected change searched for an exclusion word
MIN_ALIAS = 2  # shorter wrong texts are never made aliases (an alias is replaced everywhere)


class LearnError(InputError):
    pass


@dataclass(frozen=True)
class Lesson:
    kind: str  # alias, exclude, protect, or skip (nothing learned, `why` says why)
    term: str  # the entry it goes into ("" for protect)
    text: str  # the alias, the not_near word, or the protected word
    count: int  # decisions behind it
    why: str

    def describe(self) -> str:
        if self.kind == "alias":
            return f"alias    {self.text} → {self.term}  ({self.why})"
        if self.kind == "exclude":
            return f"exclude  {self.term} not near {self.text}  ({self.why})"
        if self.kind == "protect":
            return f"protect  {self.text}  ({self.why})"
        return f"skip     {self.text} → {self.term}: {self.why}"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def lessons(decisions: Iterable[Decision], glossary: Glossary | None = None, lexicon: ChineseLexicon | None = None) -> list[Lesson]:
    """What the decisions teach, in a stable order. Exclusion words avoid the spellings and
    context words of `glossary`'s terms."""
    lexicon = lexicon or ChineseLexicon()
    good: dict[tuple[str, str], list[Decision]] = defaultdict(list)  # (wrong text, term)
    bad: dict[tuple[str, str], list[Decision]] = defaultdict(list)
    out: list[Lesson] = []
    for d in decisions:
        if d.verdict is Verdict.ACCEPT:
            good[(d.before, d.term)].append(d)
        elif d.verdict is Verdict.REJECT:
            bad[(d.before, d.term)].append(d)
        else:
            bad[(d.before, d.term)].append(d)
            if d.text and d.text.strip():
                good[(d.before, d.text.strip())].append(d)
            else:
                out.append(Lesson("skip", d.term, d.before, 1, "deleting text is not learned"))

    good_terms: dict[str, set[str]] = defaultdict(set)
    for before, term in good:
        good_terms[before].add(term)
    for (before, term), ds in good.items():
        accepted = [d for d in ds if d.verdict is Verdict.ACCEPT]
        written = {d.after for d in accepted} - {term}
        if (before, term) in bad:
            n = len(bad[(before, term)])
            out.append(Lesson("skip", term, before, len(ds), f"accepted {_times(len(ds))} but rejected {_times(n)}: depends on context, left to sound matching"))
        elif len(good_terms[before]) > 1:
            others = ", ".join(sorted(good_terms[before] - {term}))
            out.append(Lesson("skip", term, before, len(ds), f"also made {others} elsewhere: depends on context, left to sound matching"))
        elif accepted and len(accepted) == len(ds) and all(d.rule in ("alias", "form") for d in ds):
            out.append(Lesson("skip", term, before, len(ds), f"already fixed by its {ds[0].rule}, nothing to learn"))
        elif len(before.strip()) < MIN_ALIAS:
            out.append(Lesson("skip", term, before, len(ds), "too short to be an alias"))
        elif written and not has_han(term):
            # an alias writes the term as the glossary spells it; sound matching keeps the
            # transcript's case and plural (Dance Model -> Dense Model, not dense model)
            out.append(Lesson("skip", term, before, len(ds), f"written {', '.join(sorted(written))} here, which an alias of {term} would not reproduce"))
        else:
            how = "edited" if any(d.verdict is Verdict.EDIT for d in ds) else "accepted"
            out.append(Lesson("alias", term, before, len(ds), f"{how} {_times(len(ds))}"))

    good_befores = {before for before, _t in good}
    good_windows: dict[str, list[str]] = defaultdict(list)  # term -> text around its accepted changes
    for (_b, term), ds in good.items():
        good_windows[term] += [d.left + " " + d.right for d in ds]
    avoid = _known_words(glossary)
    protected: dict[str, int] = defaultdict(int)
    for (before, term), ds in bad.items():
        if before not in good_befores:
            protected[before] += len(ds)
            continue
        words: dict[str, int] = {}
        missing = 0
        for d in ds:
            word = exclusion_word(d, good_windows[term], avoid | avoid_for(glossary, term), lexicon)
            if word is None:
                missing += 1
            else:
                words[word] = words.get(word, 0) + 1
        for word, n in words.items():
            out.append(Lesson("exclude", term, word, n, f"{before} → {term} rejected {_times(n)} next to it"))
        if missing:
            out.append(Lesson("skip", term, before, missing, f"rejected {_times(missing)}, but no distinctive word beside it to exclude"))
    for word, n in protected.items():
        if len(word.strip()) < MIN_ALIAS:
            out.append(Lesson("skip", "", word, n, "too short to protect"))
        else:
            out.append(Lesson("protect", "", word, n, f"rejected {_times(n)}, never accepted"))
    order = {"alias": 0, "exclude": 1, "protect": 2, "skip": 3}
    return sorted(out, key=lambda l: (order[l.kind], l.term, l.text))


def _words(text: str, lexicon: ChineseLexicon) -> list[str]:
    """Words of a short piece of text: Chinese runs segmented, Latin words whole."""
    out: list[str] = []
    for m in re.finditer(r"[\u3400-\u9fff\U00020000-\U0002fa1f\uf900-\ufaff]+|[A-Za-z][A-Za-z0-9'+#.\-]*", text):
        piece = m.group()
        if is_han(piece[0]):
            simplified = to_simplified(piece)
            if len(simplified) != len(piece):  # pragma: no cover - t2s keeps lengths
                simplified = piece
            pos = 0
            for word in lexicon.segment(simplified):
                out.append(piece[pos : pos + len(word)])
                pos += len(word)
        else:
            out.append(piece.rstrip(".-'"))
    return out


def _known_words(glossary: Glossary | None) -> set[str]:
    if glossary is None:
        return set()
    return {s for entry in glossary.entries for s in entry.spellings()} | set(glossary.protected)


def avoid_for(glossary: Glossary | None, term: str) -> set[str]:
    """The context words of `term`'s entry: evidence for the term, never an exclusion."""
    if glossary is None:
        return set()
    key = to_simplified(term)
    return {w for entry in glossary.entries if entry.key == key for w in entry.context}


def exclusion_word(d: Decision, keep_clear: list[str], avoid: set[str], lexicon: ChineseLexicon | None = None) -> str | None:
    """The closest distinctive word beside a rejected change: not near any of the accepted
    changes of its term (`keep_clear`), not in `avoid`, two characters or more; Chinese words
    before Latin ones (a Latin word in Chinese speech is usually a name or a term), and the
    rarest of the nearest few."""
    lexicon = lexicon or ChineseLexicon()
    left = re.split(r"[\r\n]", d.left[-NEAR:])[-1]
    right = re.split(r"[\r\n]", d.right[:NEAR])[0]
    lefts = list(reversed(_words(left, lexicon)))
    rights = _words(right, lexicon)
    nearest: list[str] = []
    for i in range(max(len(lefts), len(rights))):
        nearest += [w for w in (lefts[i] if i < len(lefts) else None, rights[i] if i < len(rights) else None) if w]
    spellings = {d.term, d.after, d.before} | ({d.text} if d.text else set())
    fit = []
    for word in nearest:
        if len(word) < 2 or word in avoid or word.casefold() in {a.casefold() for a in avoid}:
            continue
        if any(word in s or s in word for s in spellings if s):
            continue
        if any(word in window for window in keep_clear):
            continue
        fit.append(word)
    if not fit:
        return None
    candidates = fit[:4]
    return min(candidates, key=lambda w: (not has_han(w), lexicon.frequency(to_simplified(w)) if has_han(w) else 0, candidates.index(w)))


# ---------------------------------------------------------------------------------------------
# writing into the user's glossary


@dataclass
class Merged:
    added: list[Lesson]
    present: list[Lesson]  # already in the glossary
    text: str  # the glossary as written


def merge(path: str | Path, learned: Iterable[Lesson], *, write: bool = True) -> Merged:
    """Merge lessons into the YAML glossary at `path` (created if missing)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    target = Path(path)
    shown = str(path)
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise LearnError(f"{shown}: learning writes a YAML glossary (.yaml or .yml)")
    if _inside(target, bundled_dir()):
        raise LearnError(f"{shown}: is a bundled glossary; learn into your own glossary file")
    yaml = YAML()
    yaml.width = 4096
    yaml.preserve_quotes = True
    raw = ""
    if target.exists():
        glossary_module.load(target)  # the file must be a valid glossary before we touch it
        try:
            raw = target.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise LearnError(f"{shown}: cannot read ({exc.strerror})") from None
    doc = None
    if raw.strip():
        try:
            doc, indent, offset = load_yaml_guess_indent(raw)
        except YAMLError as exc:  # pragma: no cover - glossary.load has checked it
            raise LearnError(f"{shown}: invalid YAML ({exc})") from None
        indent = indent or 2
        offset = offset or 0
        yaml.indent(mapping=indent, sequence=indent + offset, offset=offset)
    else:
        yaml.indent(mapping=2, sequence=2, offset=0)
    if doc is None:
        doc = CommentedMap()
        doc["description"] = "Learned from review decisions (corrector learn); edit freely"
        doc.yaml_set_start_comment("Terms, aliases and exclusions learned by `corrector learn`; see docs/glossary-format.md.")
    if doc.get("entries") is None:
        doc["entries"] = CommentedSeq()
    entries = doc["entries"]
    index = {}
    for i, node in enumerate(entries):
        term = node if isinstance(node, str) else node.get("term")
        index[to_simplified(str(term))] = i

    def flow(items: list[str]) -> CommentedSeq:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    def entry_for(term: str) -> CommentedMap:
        key = to_simplified(term)
        if key not in index:
            node = CommentedMap()
            node["term"] = term
            index[key] = len(entries)
            entries.append(node)
        i = index[key]
        if isinstance(entries[i], str):  # a bare term: "- 張量"
            node = CommentedMap()
            node["term"] = entries[i]
            entries[i] = node
        return entries[i]

    def add_to(container, field: str, value: str) -> bool:
        current = container.get(field)
        if current is None:
            container[field] = flow([value])
            return True
        if isinstance(current, str):
            current = container[field] = flow([current])
        if value in current:
            return False
        current.append(value)
        return True

    added, present = [], []
    for lesson in learned:
        if lesson.kind == "alias":
            done = add_to(entry_for(lesson.term), "aliases", lesson.text)
        elif lesson.kind == "exclude":
            done = add_to(entry_for(lesson.term), "not_near", lesson.text)
        elif lesson.kind == "protect":
            done = add_to(doc, "protected", lesson.text)
        else:
            continue
        (added if done else present).append(lesson)

    out = io.StringIO()
    yaml.dump(doc, out)
    text = out.getvalue()
    try:
        glossary_module.parse_yaml(text, shown, domain=target.stem)
    except GlossaryError as exc:  # pragma: no cover - a bug here, never the user's
        raise LearnError(f"{shown}: the merged glossary would not be valid ({exc.message}); nothing written") from None
    if write and added:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text.encode("utf-8"))
        except OSError as exc:
            raise LearnError(f"{shown}: cannot write ({exc.strerror})") from None
    return Merged(added, present, text)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
