"""What a person decided about each change: accepted, rejected, or edited to another text.

A decisions file is JSON (docs/decisions.md). Each decision names its change by
`Correction.stable_id()` and also records the change itself (span, before, after, term, rule),
so a decision that no longer matches what the corrector proposes is reported as stale rather
than applied to the wrong text. The file also records a fingerprint of the transcript it was
made for: decisions about another version of the text are refused as a whole.

`apply` turns the corrector's proposals plus the decisions into the output text in one pass
(edits.apply_corrections), like every other output of corrector.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable, Sequence

from . import __version__
from .edits import Applicability, Correction, apply_corrections
from .inputs import InputError, read_problem, write_atomically

FORMAT = "corrector-decisions"
VERSION = 1
DEFAULT_FILE_NAME = "{stem}.decisions.json"  # beside the transcript, unless configured
CONTEXT = 60  # code points of text kept on each side of a change (as settings.context_window)


class DecisionsError(InputError):
    """A decisions file that cannot be read or does not belong to the transcript."""


class Verdict(str, Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    EDIT = "edit"  # replaced by the person's own text


@dataclass(frozen=True)
class Decision:
    id: str
    verdict: Verdict
    start: int
    end: int
    before: str
    after: str  # what the corrector proposed
    term: str
    rule: str
    text: str | None = None  # the person's text, for EDIT
    score: float = 0.0
    suggestion: bool = False  # the corrector only suggested this change
    glossary: str = ""
    left: str = ""  # the transcript just before and after the change, for learning
    right: str = ""

    @property
    def replacement(self) -> str:
        """What the span becomes when this decision is applied."""
        if self.verdict is Verdict.EDIT:
            return self.text if self.text is not None else self.after
        return self.after if self.verdict is Verdict.ACCEPT else self.before

    def matches(self, change: Correction) -> bool:
        return (self.id, self.start, self.end, self.before, self.after, self.term) == (
            change.stable_id(),
            change.start,
            change.end,
            change.before,
            change.after,
            change.term,
        )


def change_record(change: Correction, text: str) -> dict:
    """The fields a decision keeps about its change (the HTML report embeds the same)."""
    return {
        "id": change.stable_id(),
        "start": change.start,
        "end": change.end,
        "before": change.before,
        "after": change.after,
        "term": change.term,
        "rule": change.rule,
        "score": change.score,
        "suggestion": change.applicability is Applicability.SUGGEST,
        "glossary": change.glossary,
        "left": text[max(0, change.start - CONTEXT) : change.start],
        "right": text[change.end : change.end + CONTEXT],
    }


def decide(change: Correction, text: str, verdict: Verdict, replacement: str | None = None) -> Decision:
    """A decision about `change`, a change the corrector proposed for `text`."""
    if verdict is Verdict.EDIT:
        if replacement is None:
            raise ValueError("an edit needs the replacement text")
        if replacement == change.after:
            verdict, replacement = Verdict.ACCEPT, None
        elif replacement == change.before:
            verdict, replacement = Verdict.REJECT, None
    else:
        replacement = None
    return _from_record({**change_record(change, text), "decision": verdict.value, "text": replacement}, "<memory>", 0)


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class Decisions:
    """All decisions about one transcript, by change id, in text order when written."""

    input: str
    input_sha1: str
    tool: str = f"corrector {__version__}"
    by_id: dict[str, Decision] = field(default_factory=dict)

    @classmethod
    def for_text(cls, name: str, text: str) -> "Decisions":
        return cls(input=name, input_sha1=fingerprint(text))

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self):
        return iter(sorted(self.by_id.values(), key=lambda d: (d.start, d.end, d.id)))

    def get(self, change_id: str) -> Decision | None:
        return self.by_id.get(change_id)

    def set(self, decision: Decision) -> None:
        self.by_id[decision.id] = decision

    def remove(self, change_id: str) -> None:
        self.by_id.pop(change_id, None)

    def check_text(self, text: str, path: str) -> None:
        if fingerprint(text) != self.input_sha1:
            raise DecisionsError(
                f"{path}: these decisions were made for another version of {self.input} "
                "(the transcript has changed since); review it again"
            )

    def to_json(self) -> str:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "tool": self.tool,
            "input": self.input,
            "input_sha1": self.input_sha1,
            "changes": [_to_record(d) for d in self],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _to_record(d: Decision) -> dict:
    record = {"id": d.id, "decision": d.verdict.value}
    if d.verdict is Verdict.EDIT:
        record["text"] = d.text
    record.update(
        start=d.start,
        end=d.end,
        before=d.before,
        after=d.after,
        term=d.term,
        rule=d.rule,
        score=d.score,
        suggestion=d.suggestion,
        glossary=d.glossary,
        left=d.left,
        right=d.right,
    )
    return record


# ---------------------------------------------------------------------------------------------
# reading and writing


def parse(raw: str, path: str) -> Decisions:
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DecisionsError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DecisionsError(f"{path}: not a corrector decisions file (no \"format\": \"{FORMAT}\")")
    if doc.get("version") != VERSION:
        raise DecisionsError(f"{path}: decisions format version {doc.get('version')!r} is not supported (this corrector reads {VERSION})")
    for key in ("input", "input_sha1"):
        if not isinstance(doc.get(key), str):
            raise DecisionsError(f"{path}: {key!r} must be text")
    changes = doc.get("changes")
    if not isinstance(changes, list):
        raise DecisionsError(f"{path}: 'changes' must be a list")
    decisions = Decisions(input=doc["input"], input_sha1=doc["input_sha1"], tool=str(doc.get("tool", "")))
    for number, record in enumerate(changes, 1):
        decisions.set(_from_record(record, path, number))
    return decisions


_TYPES = {
    "id": str,
    "start": int,
    "end": int,
    "before": str,
    "after": str,
    "term": str,
    "rule": str,
    "score": (int, float),
    "suggestion": bool,
    "glossary": str,
    "left": str,
    "right": str,
}
_REQUIRED = ("id", "decision", "start", "end", "before", "after", "term", "rule")


def _from_record(record: object, path: str, number: int) -> Decision:
    where = f"{path}: change {number}"
    if not isinstance(record, dict):
        raise DecisionsError(f"{where} must be an object")
    for key in _REQUIRED:
        if key not in record:
            raise DecisionsError(f"{where} has no {key!r}")
    unknown = set(record) - set(_TYPES) - {"decision", "text"}
    if unknown:
        raise DecisionsError(f"{where} has unknown field(s) {', '.join(sorted(unknown))}")
    for key, kind in _TYPES.items():
        value = record.get(key)
        if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            raise DecisionsError(f"{where}: {key!r} has the wrong type")
    try:
        verdict = Verdict(record["decision"])
    except ValueError:
        raise DecisionsError(f"{where}: decision must be accept, reject or edit, not {record['decision']!r}") from None
    text = record.get("text")
    if verdict is Verdict.EDIT and not isinstance(text, str):
        raise DecisionsError(f"{where}: an edit needs its 'text'")
    if not 0 <= record["start"] <= record["end"]:
        raise DecisionsError(f"{where}: bad span {record['start']}..{record['end']}")
    return Decision(
        id=record["id"],
        verdict=verdict,
        start=record["start"],
        end=record["end"],
        before=record["before"],
        after=record["after"],
        term=record["term"],
        rule=record["rule"],
        text=text if verdict is Verdict.EDIT else None,
        score=float(record.get("score") or 0.0),
        suggestion=bool(record.get("suggestion", False)),
        glossary=record.get("glossary") or "",
        left=record.get("left") or "",
        right=record.get("right") or "",
    )


def read(path: str | Path) -> Decisions:
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DecisionsError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise DecisionsError(f"{path}: {read_problem(exc)}") from None
    return parse(raw, str(path))


def write(path: str | Path, decisions: Decisions) -> None:
    try:
        write_atomically(path, decisions.to_json().encode("utf-8"))
    except OSError as exc:
        raise DecisionsError(f"{path}: cannot write ({exc.strerror})") from None


# ---------------------------------------------------------------------------------------------
# applying


@dataclass
class Choice:
    chosen: list[Correction]  # what to apply, edits with the person's text
    picked: list[int]  # where each chosen change is in the list of changes
    stale: list[Decision]  # decisions that match no change the corrector proposes now
    undecided: int  # changes that followed the default


@dataclass
class Applied(Choice):
    text: str = ""


def reviewable(corrections: Iterable[Correction], suggestions: Iterable[Correction] = ()) -> list[Correction]:
    """Everything a person may decide on: the changes and the suggestions, in text order."""
    return sorted([*corrections, *suggestions], key=lambda c: (c.start, c.end))


def choose(changes: Sequence[Correction], decisions: Decisions, *, default: Verdict = Verdict.REJECT) -> Choice:
    """Which of `changes` (the corrector's changes and suggestions for one text) the decisions
    keep: accepted ones, and edited ones with the person's text. A change without a decision
    follows `default`; a suggestion without one is never applied. Decisions that match none of
    `changes` are returned as stale."""
    current = {c.stable_id(): c for c in changes}
    chosen: list[Correction] = []
    picked: list[int] = []
    undecided = 0
    for i, change in enumerate(changes):
        decision = decisions.get(change.stable_id())
        if decision is None or not decision.matches(change):
            undecided += 1
            if not (default is Verdict.ACCEPT and change.applicability is Applicability.APPLY):
                continue
            chosen.append(change)
        elif decision.verdict is Verdict.ACCEPT:
            chosen.append(change)
        elif decision.verdict is Verdict.EDIT:
            chosen.append(dataclasses.replace(change, after=decision.replacement, rule=f"{change.rule}+edit"))
        else:
            continue
        picked.append(i)
    stale = [d for d in decisions if d.id not in current or not d.matches(current[d.id])]
    return Choice(chosen, picked, stale, undecided)


def apply(text: str, changes: Sequence[Correction], decisions: Decisions, *, default: Verdict = Verdict.REJECT) -> Applied:
    """The text with exactly the accepted and edited changes (see `choose`), rebuilt in one
    pass from slices of the original."""
    choice = choose(changes, decisions, default=default)
    return Applied(choice.chosen, choice.picked, choice.stale, choice.undecided, apply_corrections(text, choice.chosen))
