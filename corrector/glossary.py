"""Glossaries: entries, the two file formats, and the bundled domain files.

Formats are documented in docs/glossary-format.md. Parsing never raises anything but
`GlossaryError`, which names the file, the line and the problem.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from .cache import code_fingerprint, load_or_build
from .inputs import read_problem
from .script import has_han, simplified_only_chars, to_simplified, traditional_only_chars

try:  # the C loader is several times faster on the bundled files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PROTECTED_FILE = "protected.txt"
ENTRY_FIELDS = ("term", "tw", "cn", "aliases", "context", "not_near", "pronounce", "suggest_only", "note")
FILE_FIELDS = ("domain", "description", "source", "protected", "entries")


class GlossaryError(Exception):
    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Entry:
    term: str
    tw: str | None = None
    cn: str | None = None
    aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    pronounce: str | None = None
    suggest_only: bool = False
    note: str | None = None
    domain: str = ""
    file: str = ""
    line: int = 0
    bundled: bool = False  # from the bundled glossaries, not the user's own list
    # the user's term this one was made from (老庄 from 庄表伟, see corrector.names)
    derived_from: str | None = None

    @property
    def is_chinese(self) -> bool:
        return has_han(self.term)

    @property
    def key(self) -> str:
        """Identity across files: the term in Simplified characters. Case counts (GaN, the
        material, is not GAN, the network)."""
        return to_simplified(self.term)

    def spellings(self) -> set[str]:
        """Every correct way to write this term (its forms in both scripts)."""
        out = {self.term}
        out.update(f for f in (self.tw, self.cn) if f)
        return out


@dataclass
class Glossary:
    entries: list[Entry] = field(default_factory=list)
    protected: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    # identifies the files this glossary was read from, for caching what is derived from it;
    # None for a glossary built in code
    fingerprint: str | None = None
    # a YAML file's own fields (domain, description, source), for lint and canonical writing
    meta: dict[str, str] = field(default_factory=dict)

    def extend(self, other: "Glossary") -> None:
        """Add another glossary's entries; an entry for a term already present is merged into
        it (lists joined, flags and regional forms from the later file win)."""
        index = {e.key: i for i, e in enumerate(self.entries)}
        for entry in other.entries:
            i = index.get(entry.key)
            if i is None:
                index[entry.key] = len(self.entries)
                self.entries.append(entry)
            else:
                self.entries[i] = merge_entries(self.entries[i], entry)
        self.protected |= other.protected
        self.files += other.files


def with_related_context(glossary: Glossary) -> Glossary:
    """The glossary with each term's context completed:
    - relations go both ways within a domain (曦雲 lists 沐曦, so 曦雲 nearby supports 沐曦
      too); across domains a name may be another thing (紅移 of astronomy lists Redshift, which
      in the cloud domain is Amazon's data warehouse, not a word about galaxies);
    - a context word that is itself a term counts in either region's words (晶片 listed,
      芯片 in a Mainland transcript; 伺服器 and 服务器).
    A term's own forms are never its context: written nearby they prove little."""
    entries = list(glossary.entries)
    owner: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for spelling in _regional_forms(entry):
            owner.setdefault(to_simplified(spelling), i)
    added: dict[int, list[str]] = {}
    for i, entry in enumerate(entries):
        for word in entry.context:
            j = owner.get(to_simplified(word))
            if j is None or entries[j].key == entry.key:
                continue
            added.setdefault(i, []).extend(_regional_forms(entries[j]))
            if entries[j].domain == entry.domain:
                added.setdefault(j, []).extend(_regional_forms(entry))
    if not added:
        return glossary
    for i, words in added.items():
        own = {to_simplified(f) for f in _regional_forms(entries[i])}
        extra = tuple(w for w in words if to_simplified(w) not in own)
        entries[i] = replace(entries[i], context=tuple(dict.fromkeys(entries[i].context + extra)))
    return replace(glossary, entries=entries)


def _regional_forms(entry: Entry) -> list[str]:
    return list(dict.fromkeys(f for f in (entry.term, entry.tw, entry.cn) if f))


def merge_entries(old: Entry, new: Entry) -> Entry:
    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a + b))

    return replace(
        old,
        tw=new.tw or old.tw,
        cn=new.cn or old.cn,
        aliases=union(old.aliases, new.aliases),
        context=union(old.context, new.context),
        not_near=union(old.not_near, new.not_near),
        pronounce=new.pronounce or old.pronounce,
        suggest_only=new.suggest_only or old.suggest_only,
        note=new.note or old.note,
        file=new.file,  # the later file is where the user would look for the term
        bundled=old.bundled and new.bundled,  # a term the user lists is the user's
    )


# ---------------------------------------------------------------------------------------------
# reading files


def load(path: str | Path, *, display: str | None = None) -> Glossary:
    """Read one glossary file (.txt or .yaml/.yml)."""
    shown = display or str(path)
    return parse(Path(path), _read(Path(path), shown), shown)


def _read(path: Path, shown: str) -> bytes:
    if path.suffix.lower() not in (".txt", ".yaml", ".yml"):
        raise GlossaryError(shown, None, f"unknown glossary format {path.suffix!r} (use .txt or .yaml)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GlossaryError(shown, None, read_problem(exc)) from None


def parse(path: Path, raw: bytes, shown: str, problems: list[GlossaryError] | None = None) -> Glossary:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GlossaryError(shown, line, f"not valid UTF-8 (byte {exc.start})") from None
    if path.suffix.lower() == ".txt":
        return parse_txt(text, shown, domain=path.stem, problems=problems)
    return parse_yaml(text, shown, domain=path.stem, problems=problems)


_COMMENT = re.compile(r"(^|\s)#.*$")


def parse_txt(text: str, display: str, *, domain: str = "user", problems: list[GlossaryError] | None = None) -> Glossary:
    """`term | alias | alias` a line; `!word` protects a word; `#` comments. With `problems`,
    bad lines are recorded there and skipped instead of raised."""
    glossary = Glossary(files=[display])
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        try:
            if line.startswith("!"):
                word = line[1:].strip()
                if not word:
                    raise GlossaryError(display, lineno, "'!' must be followed by a word to protect")
                glossary.protected.add(word)
                continue
            fields = [f.strip() for f in line.split("|")]
            term, aliases = fields[0], [a for a in fields[1:] if a]
            if not term:
                raise GlossaryError(display, lineno, "empty term before '|'")
            _check_text(term, display, lineno, "term")
            entry = Entry(term=term, aliases=tuple(dict.fromkeys(aliases)), domain=domain, file=display, line=lineno)
            if entry.key in seen:
                raise GlossaryError(display, lineno, f"duplicate term {term!r} (first on line {seen[entry.key]})")
        except GlossaryError as problem:
            if problems is None:
                raise
            problems.append(problem)
            continue
        seen[entry.key] = lineno
        glossary.entries.append(entry)
    return glossary


def parse_yaml(text: str, display: str, *, domain: str, problems: list[GlossaryError] | None = None) -> Glossary:
    """Parse a YAML glossary. With `problems`, an entry with an error is recorded there and
    skipped, so that every problem of the file can be reported at once (lint); otherwise the
    first problem is raised."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GlossaryError(display, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    glossary = Glossary(files=[display])
    if root is None:
        return glossary
    if not isinstance(root, yaml.MappingNode):
        raise GlossaryError(display, root.start_mark.line + 1, "top level must be a mapping with an 'entries' list")
    top = _mapping(root, display)
    for key, (knode, _v) in top.items():
        if key not in FILE_FIELDS:
            raise GlossaryError(display, knode.start_mark.line + 1, f"unknown top-level field {key!r}")
    if "domain" in top:
        domain = _scalar(top["domain"][1], display, "domain")
    for key in ("domain", "description", "source"):
        if key in top:
            glossary.meta[key] = _scalar(top[key][1], display, key)
    if "protected" in top:  # the YAML way of `!word` in a .txt glossary
        node = top["protected"][1]
        if not isinstance(node, yaml.SequenceNode):
            raise GlossaryError(display, node.start_mark.line + 1, "'protected' must be a list of words")
        for item in node.value:
            word = _scalar(item, display, "protected")
            _check_text(word, display, item.start_mark.line + 1, "protected word")
            glossary.protected.add(word)
    if "entries" not in top:
        if "protected" in top:
            return glossary
        raise GlossaryError(display, 1, "missing 'entries' list")
    entries_node = top["entries"][1]
    if not isinstance(entries_node, yaml.SequenceNode):
        raise GlossaryError(display, entries_node.start_mark.line + 1, "'entries' must be a list")
    seen: dict[str, int] = {}
    for node in entries_node.value:
        try:
            entry = _entry(node, display, domain)
            if entry.key in seen:
                raise GlossaryError(display, entry.line, f"duplicate term {entry.term!r} (first on line {seen[entry.key]})")
        except GlossaryError as problem:
            if problems is None:
                raise
            problems.append(problem)
            continue
        seen[entry.key] = entry.line
        glossary.entries.append(entry)
    return glossary


def _mapping(node: yaml.MappingNode, display: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for knode, vnode in node.value:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else None
        if not isinstance(key, str):
            raise GlossaryError(display, knode.start_mark.line + 1, "keys must be plain words")
        if key in out:
            raise GlossaryError(display, knode.start_mark.line + 1, f"field {key!r} given twice")
        out[key] = (knode, vnode)
    return out


def _scalar(node: yaml.Node, display: str, name: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        raise GlossaryError(display, node.start_mark.line + 1, f"{name!r} must be text")
    value = str(node.value).strip()
    if not value:
        raise GlossaryError(display, node.start_mark.line + 1, f"{name!r} is empty")
    return value


def _check_text(value: str, display: str, line: int, name: str) -> None:
    if "\n" in value or "\t" in value:
        raise GlossaryError(display, line, f"{name} {value!r} contains a tab or line break")


def _entry(node: yaml.Node, display: str, domain: str) -> Entry:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):  # a bare term is allowed: "- 張量"
        term = _scalar(node, display, "term")
        return Entry(term=term, domain=domain, file=display, line=line)
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(display, line, "each entry must be a mapping with a 'term'")
    fields = _mapping(node, display)
    for key, (knode, _v) in fields.items():
        if key not in ENTRY_FIELDS:
            raise GlossaryError(display, knode.start_mark.line + 1, f"unknown field {key!r} (known: {', '.join(ENTRY_FIELDS)})")
    if "term" not in fields:
        raise GlossaryError(display, line, "entry has no 'term'")
    values: dict[str, object] = {}
    for key, (_k, vnode) in fields.items():
        vline = vnode.start_mark.line + 1
        if key in ("aliases", "context", "not_near"):
            if isinstance(vnode, yaml.ScalarNode) and not vnode.tag.endswith(":null"):
                items = [_scalar(vnode, display, key)]
            elif isinstance(vnode, yaml.SequenceNode):
                items = [_scalar(item, display, key) for item in vnode.value]
            else:
                raise GlossaryError(display, vline, f"{key!r} must be a list of text")
            for item in items:
                _check_text(item, display, vline, key)
            values[key] = tuple(dict.fromkeys(items))
        elif key == "suggest_only":
            if not (isinstance(vnode, yaml.ScalarNode) and vnode.tag.endswith(":bool")):
                raise GlossaryError(display, vline, "'suggest_only' must be true or false")
            values[key] = vnode.value.lower() in ("true", "yes", "on")
        else:
            values[key] = _scalar(vnode, display, key)
            _check_text(str(values[key]), display, vline, key)
    entry = Entry(domain=domain, file=display, line=line, **values)  # type: ignore[arg-type]
    if entry.tw and (chars := simplified_only_chars(entry.tw)):
        raise GlossaryError(display, line, f"'tw' form {entry.tw!r} has Simplified characters ({''.join(chars)})")
    if entry.cn and (chars := traditional_only_chars(entry.cn)):
        raise GlossaryError(display, line, f"'cn' form {entry.cn!r} has Traditional characters ({''.join(chars)})")
    return entry


# ---------------------------------------------------------------------------------------------
# bundled glossaries


def bundled_dir() -> Path:
    """The bundled glossaries: inside the installed package, or the repo's `glossaries/`."""
    packaged = resources.files("corrector") / "glossaries"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "glossaries"


def bundled_files() -> list[Path]:
    folder = bundled_dir()
    return sorted(p for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_bundled(domains: Iterable[str] | None = None) -> Glossary:
    """The bundled domain files (all, or those named) and the protected-word list."""
    return load_all((), domains=domains)


def _bundled_selection(domains: Iterable[str] | None) -> list[Path]:
    wanted = None if domains is None else set(domains)
    available = {p.stem: p for p in bundled_files()}
    if wanted is not None and (unknown := wanted - set(available)):
        raise GlossaryError("--domain", None, f"unknown domain {', '.join(sorted(unknown))} (known: {', '.join(available)})")
    return [path for name, path in available.items() if wanted is None or name in wanted]


def _words(text: str) -> set[str]:
    words = set()
    for raw in text.splitlines():
        word = _COMMENT.sub("", raw).strip()
        if word:
            words.add(word)
    return words


def load_all(user_paths: Iterable[str | Path] = (), *, domains: Iterable[str] | None = None, bundled: bool = True) -> Glossary:
    """Bundled glossaries (unless `bundled` is false) followed by the user's files; a later
    file's entry for the same term is merged into the earlier one. Parsed glossaries are
    cached, keyed by the files' contents."""
    sources: list[tuple[Path, str, bool, bytes]] = []  # path, shown name, bundled, content
    if bundled:
        for path in _bundled_selection(domains):
            sources.append((path, f"glossaries/{path.name}", True, _read(path, f"glossaries/{path.name}")))
        protected = bundled_dir() / PROTECTED_FILE
        if protected.is_file():
            sources.append((protected, f"glossaries/{PROTECTED_FILE}", True, protected.read_bytes()))
    for user in user_paths:
        sources.append((Path(user), str(user), False, _read(Path(user), str(user))))

    digest = hashlib.sha1(code_fingerprint().encode())
    for _path, shown, is_bundled, raw in sources:
        digest.update(f"\0{shown}\0{is_bundled}\0".encode() + raw)
    fingerprint = digest.hexdigest()[:20]

    def build() -> Glossary:
        glossary = Glossary()
        for path, shown, is_bundled, raw in sources:
            if is_bundled and path.name == PROTECTED_FILE:
                glossary.protected |= _words(raw.decode("utf-8"))
                continue
            part = parse(path, raw, shown)
            if is_bundled:
                part.entries = [replace(e, bundled=True) for e in part.entries]
            glossary.extend(part)
        return glossary

    glossary = load_or_build(f"glossary-{fingerprint}", build)
    glossary.fingerprint = fingerprint
    return glossary


