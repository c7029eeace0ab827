"""Reviewing changes one by one in a terminal.

Two layers:
- `Review`, a small state machine over the changes and a `Decisions`: which change is shown,
  what each key does. It knows nothing of terminals and is tested directly.
- `run_terminal`, a thin layer that draws the current change and reads single keys.

Single keys are read with the standard library (termios/tty in cbreak mode, os.read on the
terminal): we need one key at a time, arrow keys and UTF-8, nothing more, and every machine
that has a terminal has termios. A library (readchar, prompt_toolkit) would add a dependency
for twenty lines. The edit prompt uses `input()` with readline, which gives line editing
(prefilled with the proposed text) for free. Drawing uses only the basic ANSI sequences that
every terminal and tmux understand.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import sys
from typing import Callable, Sequence

from .decisions import Decision, Decisions, Verdict, decide
from .edits import Applicability, Correction
from .report import TERMINAL, Positions, Style, display_width

# key -> action; arrows arrive as names from the terminal layer
KEYS = {
    "a": "accept",
    "r": "reject",
    "e": "edit",
    "A": "accept_term",
    "R": "reject_term",
    "b": "back",
    "left": "back",
    "n": "next",
    " ": "next",
    "right": "next",
    "u": "undo",
    "q": "quit",
    "ctrl-c": "quit",
    "ctrl-d": "quit",
    "enter": "finish",
    "?": "help",
}

HELP = [
    ("a", "accept this change"),
    ("r", "reject it (keep the text as it was)"),
    ("e", "edit: type the text this span should become"),
    ("A", "accept this and every undecided change of the same term"),
    ("R", "reject this and every undecided change of the same term"),
    ("b ←", "back to the previous change"),
    ("n → space", "skip to the next undecided change"),
    ("u", "forget the decision on this change"),
    ("q", "quit; decisions are saved, run the same command to resume"),
    ("enter", "when every change is decided: write the output and finish"),
]


class Review:
    """The changes, the decisions so far, and the one being looked at.

    `position` is an index into `changes`, or `len(changes)` for the closing screen, shown
    once every change has a decision. Deciding moves on to the next undecided change.
    """

    def __init__(self, text: str, changes: Sequence[Correction], decisions: Decisions, on_change: Callable[[Decisions], None] | None = None):
        self.text = text
        self.changes = list(changes)
        self.decisions = decisions
        self.on_change = on_change or (lambda _d: None)
        self.position = self._next_undecided(-1)
        self.quit = False
        self.finished = False

    # --- what is shown ----------------------------------------------------------------------
    @property
    def current(self) -> Correction | None:
        return self.changes[self.position] if self.position < len(self.changes) else None

    def decision_of(self, change: Correction) -> Decision | None:
        decision = self.decisions.get(change.stable_id())
        return decision if decision is not None and decision.matches(change) else None

    def undecided(self) -> int:
        return sum(1 for c in self.changes if self.decision_of(c) is None)

    def term_counts(self, term: str) -> dict[str, int]:
        counts = {"total": 0, "accept": 0, "reject": 0, "edit": 0}
        for c in self.changes:
            if c.term == term:
                counts["total"] += 1
                d = self.decision_of(c)
                if d is not None:
                    counts[d.verdict.value] += 1
        return counts

    @property
    def done(self) -> bool:
        return self.undecided() == 0

    # --- actions ---------------------------------------------------------------------------
    def act(self, action: str, text: str | None = None) -> None:
        """Perform an action (a value of KEYS); `edit` takes the replacement `text`."""
        change = self.current
        if action == "quit":
            self.quit = True
        elif action == "back":
            self.position = max(0, self.position - 1)
        elif action == "next":
            self.position = self._next_undecided(self.position)
        elif action == "finish":
            if self.done:
                self.finished = True
        elif change is None:
            return  # the closing screen: only back, quit and finish mean anything
        elif action in ("accept", "reject"):
            self._set(change, Verdict(action))
            self._advance()
        elif action == "edit":
            if text is None:
                raise ValueError("edit needs the replacement text")
            self._set(change, Verdict.EDIT, text)
            self._advance()
        elif action in ("accept_term", "reject_term"):
            verdict = Verdict.ACCEPT if action == "accept_term" else Verdict.REJECT
            for other in self.changes:
                if other.term == change.term and (other is change or self.decision_of(other) is None):
                    self.decisions.set(decide(other, self.text, verdict))
            self.on_change(self.decisions)
            self._advance()
        elif action == "undo":
            self.decisions.remove(change.stable_id())
            self.on_change(self.decisions)

    def _set(self, change: Correction, verdict: Verdict, text: str | None = None) -> None:
        self.decisions.set(decide(change, self.text, verdict, text))
        self.on_change(self.decisions)

    def _advance(self) -> None:
        self.position = self._next_undecided(self.position)

    def _next_undecided(self, after: int) -> int:
        """The first undecided change after `after`, wrapping round; the closing screen when
        every change is decided; `after` itself if it is the only one left."""
        n = len(self.changes)
        for step in range(1, n + 1):
            i = (after + step) % n if n else 0
            if n and self.decision_of(self.changes[i]) is None:
                return i
        return n


# ---------------------------------------------------------------------------------------------
# drawing (pure: returns lines, so it is tested without a terminal)


def fit_left(text: str, columns: int) -> str:
    """The end of `text` that fits in `columns` (wide characters count two)."""
    out, used = [], 0
    for ch in reversed(text):
        w = display_width(ch)
        if used + w > columns:
            break
        out.append(ch)
        used += w
    return "".join(reversed(out))


def fit_right(text: str, columns: int) -> str:
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > columns:
            break
        out.append(ch)
        used += w
    return "".join(out)


def _one_line(text: str) -> str:
    return re.sub(r"[\r\n\t]", " ", text)


def context_lines(text: str, change: Correction, width: int, style: Style) -> list[str]:
    """The change in its line of text, the span marked underneath, the replacement below the
    mark; columns counted with wide characters as two, so the marks line up."""
    line_start = max(text.rfind("\n", 0, change.start), text.rfind("\r", 0, change.start)) + 1
    line_end = min([i for i in (text.find("\n", change.end), text.find("\r", change.end)) if i != -1] or [len(text)])
    span = _one_line(change.before) or "‸"
    span_w = display_width(span)
    room = max(8, width - 10 - span_w)  # the rest of the line, less indents and ellipses
    left = _one_line(fit_left(text[line_start : change.start], room // 2))
    right = _one_line(fit_right(text[change.end : line_end], room - display_width(left)))
    lead = "... " if len(left) < change.start - line_start else "  "
    tail = " ..." if len(right) < line_end - change.end else ""
    indent = " " * (display_width(lead) + display_width(left))
    return [
        f"{lead}{left}{style.before(span)}{right}{tail}",
        f"{indent}{style.before('^' * span_w)}",
        f"{indent}{style.after(change.after) if change.after else style.dim('(deleted)')}",
    ]


def screen(review: Review, name: str, positions: Positions, width: int = 80, style: Style = Style()) -> list[str]:
    """The lines that show the current change (or the closing screen)."""
    total = len(review.changes)
    decided = total - review.undecided()
    change = review.current
    if change is None:
        counts = {v: 0 for v in Verdict}
        for c in review.changes:
            d = review.decision_of(c)
            if d is not None:
                counts[d.verdict] += 1
        return [
            style.bold(f"All {total} changes in {name} are decided."),
            "",
            f"  {counts[Verdict.ACCEPT]} accepted, {counts[Verdict.REJECT]} rejected, {counts[Verdict.EDIT]} edited",
            "",
            f"  {style.bold('enter')} write the output and finish   {style.bold('b')} back   {style.bold('q')} quit",
        ]
    line, col = positions.line_col(change.start)
    seg = positions.segment(change.start)
    where = f"{name}:{line}:{col}"
    if seg and seg.start:
        where += f"  [{seg.start}]"
    decision = review.decision_of(change)
    if decision is None:
        state = style.dim("undecided")
    elif decision.verdict is Verdict.EDIT:
        state = f"edited to {style.after(decision.text or '')}"
    else:
        state = {"accept": "accepted", "reject": "rejected"}[decision.verdict.value]
    counts = review.term_counts(change.term)
    term_line = f"{counts['total']} change{'s' if counts['total'] != 1 else ''} of this term"
    term_line += f": {counts['accept']} accepted, {counts['reject']} rejected, {counts['edit']} edited"
    kind = "suggestion (not applied unless accepted)" if change.applicability is Applicability.SUGGEST else "change"
    lines = [
        f"{style.bold(f'{review.position + 1}/{total}')}  {where}   {style.dim(f'{decided} decided')}",
        "",
        *context_lines(positions.text, change, width, style),
        "",
        f"  {style.dim('term    ')} {change.term}" + (style.dim(f"  ({change.glossary})") if change.glossary else ""),
        f"  {style.dim('change  ')} {change.before} → {change.after}   {style.dim(f'{kind}, {change.rule}')}",
        f"  {style.dim('score   ')} {change.score:.2f}",
        f"  {style.dim('reason  ')} {change.reason}",
        f"  {style.dim('decision')} {state}   {style.dim(term_line)}",
        "",
        "  " + "  ".join(
            f"{style.bold(k)} {label}"
            for k, label in (("a", "accept"), ("r", "reject"), ("e", "edit"), ("A", "accept term"), ("R", "reject term"), ("b", "back"), ("n", "skip"), ("q", "quit"), ("?", "help"))
        ),
    ]
    return [wrap_line for line in lines for wrap_line in _wrap(line, width)]


def _wrap(line: str, width: int) -> list[str]:
    """Break a long line at the terminal width (wide characters count two, colour codes
    none), so the screen keeps its layout."""
    out, current, used = [], [], 0
    for piece in re.findall(r"\x1b\[[0-9;]*m|.", line, flags=re.S):
        w = 0 if piece.startswith("\x1b") else display_width(piece)
        if used + w > width:
            out.append("".join(current))
            current, used = ["    "], 4
        current.append(piece)
        used += w
    out.append("".join(current))
    return out


# ---------------------------------------------------------------------------------------------
# the terminal


class NoTerminal(Exception):
    pass


class Terminal:
    """Single keys in, whole screens out. cbreak mode keeps Ctrl-C working as an interrupt."""

    def __init__(self, stdin=None, stdout=None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        if not (self.stdin.isatty() and self.stdout.isatty()):
            raise NoTerminal
        import termios

        self.fd = self.stdin.fileno()
        self._saved = termios.tcgetattr(self.fd)
        self.color = "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"

    def __enter__(self) -> "Terminal":
        import tty

        tty.setcbreak(self.fd)
        self.write("\x1b[?1049h\x1b[?25l")  # the alternate screen, cursor hidden
        return self

    def __exit__(self, *exc) -> None:
        import termios

        self.write("\x1b[?25h\x1b[?1049l")
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def write(self, s: str) -> None:
        self.stdout.write(s)
        self.stdout.flush()

    def size(self) -> tuple[int, int]:
        size = shutil.get_terminal_size((80, 24))
        return size.columns, size.lines

    def draw(self, lines: list[str]) -> None:
        self.write("\x1b[H\x1b[2J" + "\r\n".join(lines) + "\r\n")

    def key(self) -> str:
        """One key: a character, or a name (left, right, enter, ctrl-c, ctrl-d, escape)."""
        first = os.read(self.fd, 1)
        if not first:
            return "ctrl-d"
        if first == b"\x1b":
            seq = b""
            while select.select([self.fd], [], [], 0.05)[0]:
                seq += os.read(self.fd, 1)
                if seq[-1:].isalpha() or seq[-1:] == b"~" or len(seq) > 6:
                    break
            return {b"[D": "left", b"OD": "left", b"[C": "right", b"OC": "right"}.get(seq, "escape")
        if first in (b"\r", b"\n"):
            return "enter"
        if first == b"\x03":
            return "ctrl-c"
        if first == b"\x04":
            return "ctrl-d"
        if first[0] >= 0x80:  # the rest of a UTF-8 character
            need = 1 if first[0] < 0xE0 else 2 if first[0] < 0xF0 else 3
            first += os.read(self.fd, need)
        return first.decode("utf-8", "replace")

    def prompt(self, label: str, prefill: str) -> str | None:
        """A line of text, edited with readline and prefilled; None when cancelled."""
        import termios

        cbreak = termios.tcgetattr(self.fd)
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        self.write("\x1b[?25h")
        try:
            try:
                import readline

                readline.set_startup_hook(lambda: readline.insert_text(prefill))
            except ImportError:  # pragma: no cover - no readline: type the text in full
                readline = None
            try:
                return input(label)
            except (EOFError, KeyboardInterrupt):
                return None
            finally:
                if readline is not None:
                    readline.set_startup_hook(None)
        finally:
            self.write("\x1b[?25l")
            termios.tcsetattr(self.fd, termios.TCSADRAIN, cbreak)


def run_terminal(review: Review, name: str, positions: Positions, terminal: Terminal) -> None:
    """Show changes and take keys until the review is finished or the person quits."""
    style = TERMINAL if terminal.color else Style()
    message = ""
    show_help = False
    with terminal:
        while not (review.quit or review.finished):
            width, height = terminal.size()
            lines = screen(review, name, positions, width, style)
            if show_help:
                lines += ["", *[f"  {style.bold(k):<12} {text}" for k, text in HELP]]
            if message:
                lines += ["", f"  {message}"]
            terminal.draw(lines)
            message, show_help = "", False
            try:
                key = terminal.key()
            except KeyboardInterrupt:
                key = "ctrl-c"
            action = KEYS.get(key)
            if action is None:
                message = f"unknown key {key!r}: press ? for help"
            elif action == "help":
                show_help = True
            elif action == "edit":
                change = review.current
                if change is None:
                    continue
                terminal.draw(lines[:-1] + [""])
                text = terminal.prompt(f"  edit: {change.before} → ", change.after)
                if text is None:
                    message = "edit cancelled"
                else:
                    review.act("edit", text)
            elif action == "finish" and not review.done:
                message = f"{review.undecided()} change(s) still undecided"
            else:
                review.act(action)
