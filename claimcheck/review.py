"""The terminal review screen: a fact-checker walks the flags and answers each with one key.

Why rich and not Textual: rich is already a dependency (typer uses it) and does everything the
screen needs - two panels side by side, styles, tables, paging we control - while Textual is
not installed, would add a second, much larger dependency, and takes over the whole terminal
with its own event loop, which makes the screen harder to drive through a plain
pseudo-terminal (tests, `script`, ssh sessions, tmux) and to fall back to line input when stdin
is a pipe. The only thing rich lacks is reading one key without Enter; on POSIX that is ten
lines of termios (cbreak mode, so Ctrl-C still raises KeyboardInterrupt), and when stdin is not
a terminal the screen falls back to reading one answer per line.

Arabic: terminals do not implement the Unicode bidirectional algorithm (a few do: mlterm,
Konsole, recent VTE/GNOME Terminal), and no reshaping/reordering package is available here.
The screen therefore keeps the text intact, in logical order, exactly as stored (so it can be
copied and searched), and right-justifies text that is mostly Arabic. On a terminal without
bidi support the letters of an Arabic line appear left-to-right and may be unjoined; `o` shows
the same passages in the article context, and the HTML report is the place to read them
properly shaped.

Every answer is written at once, in its own transaction, with the verdict the reviewer was
shown (`seen`), so quitting, Ctrl-C or a killed terminal loses nothing already answered, and
another reviewer's answer is never silently replaced: one on screen, or one given in between
(VerdictConflict), is replaced only after the reviewer says so. The
next run resumes at the first flag without a verdict, in the store's order (score, best first).
"""
from __future__ import annotations

import os
import select
import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from claimcheck.records import Article, Claim, Flag, Speaker, Verdict
from claimcheck.store import Store, VerdictConflict
from claimcheck.text.arabic import arabic_ratio

VERDICT_KEYS = {"c": "confirmed", "r": "rejected", "a": "agree", "u": "unsure"}
KEY_HELP = (
    ("c", "confirm: the two statements contradict"),
    ("r", "reject: not a contradiction"),
    ("a", "reject: they actually agree"),
    ("u", "unsure"),
    ("s", "skip this flag for now"),
    ("n", "add a note (then the verdict key, or any other key to keep it for the next verdict)"),
    ("o", "open both articles around the claims (paged)"),
    ("b", "back to the previous flag"),
    ("q", "quit (Ctrl-C too); answers are already saved"),
    ("?", "this list"),
)
# The same physical keys on the standard Arabic (101) layout, so reviewers need not switch layouts.
KEY_ALIASES = {"ؤ": "c", "ق": "r", "ش": "a", "ع": "u", "س": "s", "ى": "n", "خ": "o", "لا": "b", "ﻻ": "b",
                 "ض": "q", "؟": "?", "غ": "y", "\x04": "q",  # and Ctrl-D quits
                 "ة": "m", "ء": "x"}  # the dispute screen's move and out
PROMPT_KEYS = (("c", "confirm"), ("r", "reject"), ("a", "agree"), ("u", "unsure"), ("s", "skip"), ("n", "note"),
               ("o", "open"), ("b", "back"), ("q", "quit"), ("?", "keys"))
CONTEXT_CHARS = 1200  # of article text shown on each side of a claim by `o`


class _Quit(Exception):
    pass


def normalise_key(key: str) -> str:
    """Lower-case Latin key for what was typed (Arabic-layout letters map to their Latin keys)."""
    key = key.strip() or key[:1]  # a line of input counts by its first character; Enter/space stay keys
    return KEY_ALIASES.get(key) or KEY_ALIASES.get(key[:1]) or key[:1].lower()


# -- input ---------------------------------------------------------------------------------
class _TerminalInput:
    """One key at a time from a POSIX terminal (cbreak: no Enter, no echo, Ctrl-C still works)."""

    def __init__(self, fd: int):
        self.fd = fd

    @contextmanager
    def active(self) -> Iterator[None]:
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        # TCSANOW, not the default TCSAFLUSH: a key typed while the screen was drawn is kept.
        tty.setcbreak(self.fd, termios.TCSANOW)
        try:
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def _ready(self, timeout: float) -> bool:
        return bool(select.select([self.fd], [], [], timeout)[0])

    def read_key(self) -> str:
        first = os.read(self.fd, 1)
        if not first:
            raise EOFError
        if first == b"\x1b":  # an escape sequence (arrow keys...): swallow it
            while self._ready(0.03):
                os.read(self.fd, 16)
            return "\x1b"
        raw = first
        need = 1 if first[0] < 0x80 else 2 if first[0] >> 5 == 0b110 else 3 if first[0] >> 4 == 0b1110 else 4
        while len(raw) < need:
            raw += os.read(self.fd, 1)
        key = raw.decode("utf-8", errors="replace")
        if key == "ل" and self._ready(0.02):  # the Arabic layout's "b" key types lam + alef at once
            key += self.read_key()
        return key

    def read_line(self, prompt: str, console: Console) -> str:
        import termios

        cbreak = termios.tcgetattr(self.fd)
        cooked = cbreak[:]
        cooked[3] |= termios.ICANON | termios.ECHO
        termios.tcsetattr(self.fd, termios.TCSANOW, cooked)
        try:
            return console.input(prompt)
        finally:
            termios.tcsetattr(self.fd, termios.TCSANOW, cbreak)


class _LineInput:
    """stdin is not a terminal (a pipe, a file): one answer per line, its first character."""

    @contextmanager
    def active(self) -> Iterator[None]:
        yield

    def read_key(self) -> str:
        while True:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            if line.strip():
                return line.strip()

    def read_line(self, prompt: str, console: Console) -> str:
        console.print(prompt, end="")
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")


class _InjectedInput:
    """Keys from a callable (tests, other front ends); a note's text is one call's result."""

    def __init__(self, read_key: Callable[[], str]):
        self._read = read_key

    @contextmanager
    def active(self) -> Iterator[None]:
        yield

    def read_key(self) -> str:
        return self._read()

    def read_line(self, prompt: str, console: Console) -> str:
        console.print(prompt, end="")
        return self._read()


# -- rendering -----------------------------------------------------------------------------
def _is_arabic(text: str) -> bool:
    return arabic_ratio(text) > 0.5  # mostly Arabic: right-justify it


def _text(value: str | None, style: str = "", placeholder: str = "-") -> Text:
    if not value:
        return Text(placeholder, style="dim")
    return Text(value, style=style, justify="right" if _is_arabic(value) else "left")


def _probs(p: dict | None) -> str:
    if not p:
        return "-"
    short = {"entailment": "E", "neutral": "N", "contradiction": "C"}
    return "  ".join(f"{short.get(k, k)} {v:.2f}" for k, v in p.items() if isinstance(v, (int, float)))


def _state_line(verdict: Verdict | None) -> Text:
    if verdict is None:
        return Text("unreviewed", style="dim")
    style = {"confirmed": "bold red", "rejected": "green", "agree": "green", "unsure": "yellow"}.get(verdict.verdict)
    line = Text.assemble((verdict.verdict, style or ""), f" by {verdict.reviewer} at {verdict.at}")
    if verdict.note:
        line.append(" - note: ")
        line.append(verdict.note, style="italic")
    return line


def help_table() -> Table:
    table = Table(title="Keys", show_header=False, box=None, padding=(0, 2))
    for key, meaning in KEY_HELP:
        table.add_row(Text(key, style="bold cyan"), meaning)
    return table


def _key_source(read_key: Callable[[], str] | None):
    """Where a review screen reads keys: the caller's function, the terminal, or lines of stdin."""
    if read_key is not None:
        return _InjectedInput(read_key)
    if sys.stdin.isatty() and os.name == "posix":
        return _TerminalInput(sys.stdin.fileno())
    return _LineInput()


def _drive(screen, keys, start: int) -> str:
    """Run a review screen from item `start`: "quit" when the reviewer stopped early, else "end"."""
    try:
        with keys.active(), _sigterm_as_quit():
            screen.run(start)
    except (_Quit, KeyboardInterrupt, EOFError):
        return "quit"
    return "end"


class _Screen:
    """What both review screens share: the key prompt, messages, and reading one key."""
    prompt_keys: tuple[tuple[str, str], ...] = PROMPT_KEYS

    def prompt(self) -> None:
        line = Text()
        for key, word in self.prompt_keys:
            line.append(f"[{key}]", "bold cyan")
            line.append(word + " ")
        self.console.print(line, end="")

    def say(self, message: str, style: str = "") -> None:
        self.console.print()
        self.console.print(Text(message, style=style))

    def key(self) -> str:
        return normalise_key(self.keys.read_key())


class _Review(_Screen):
    def __init__(self, store: Store, model: str, flags: list[tuple[Flag, Verdict | None]], reviewer: str,
                 console: Console, keys):
        self.store, self.model, self.reviewer, self.console, self.keys = store, model, reviewer, console, keys
        self.flags = [f for f, _ in flags]
        self.latest: dict[str, Verdict | None] = {f.id: v for f, v in flags}
        ids = {c for f in self.flags for c in (f.a, f.b)}
        self.claims: dict[str, Claim] = {c.id: c for c in store.claims(ids)} if ids else {}
        self.speakers: dict[str, Speaker] = {s.id: s for s in store.speakers()}
        self._articles: dict[str, Article | None] = {}
        self.notes: dict[str, str] = {}        # flag id -> note waiting for its verdict
        self.answers: dict[str, str] = {}      # flag id -> verdict given in this session
        self.skipped: set[str] = set()
        self.history: list[int] = []

    # -- data --------------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.article(article_id)
        return self._articles[article_id]

    def confirmed_so_far(self) -> int:
        return sum(1 for v in self.latest.values() if v is not None and v.verdict == "confirmed")

    def next_unanswered(self, after: int) -> int | None:
        for i in range(after + 1, len(self.flags)):
            if self.latest[self.flags[i].id] is None:
                return i
        return None

    def counts(self) -> dict:
        values = list(self.answers.values())
        remaining = sum(1 for f in self.flags if self.store.latest_verdict(f.id) is None)
        return {"answered": len(values), "confirmed": values.count("confirmed"),
                "rejected": values.count("rejected") + values.count("agree"), "agree": values.count("agree"),
                "unsure": values.count("unsure"), "skipped": len(self.skipped - set(self.answers)),
                "remaining": remaining}

    # -- screen ------------------------------------------------------------------------------
    def claim_panel(self, claim: Claim | None, title: str, nli: dict, nli_label: str) -> Panel:
        if claim is None:
            return Panel(Text("claim missing from the store", style="red"), title=title)
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        speaker = self.speakers.get(claim.speaker_id or "")
        name = speaker.name if speaker else claim.speaker_mention
        role = claim.role or (speaker.role if speaker else None)
        article = self.article(claim.article_id)
        grid.add_row("claim", _text(claim.text, "bold"))
        grid.add_row("speaker", _text(name, "cyan", "unattributed"))
        grid.add_row("role", _text(role))
        if claim.channel:
            grid.add_row("channel", _text(claim.channel))
        grid.add_row("outlet", _text(article.outlet if article else None))
        when = claim.claim_date or claim.date or (article.date if article else None)
        grid.add_row("date", _text(when, placeholder="undated"))
        grid.add_row("sentence", _text(claim.sentence, "italic"))
        grid.add_row(nli_label, Text(_probs(nli)))
        return Panel(grid, title=title, title_align="left")

    def render(self, index: int, shown: Verdict | None) -> None:
        flag = self.flags[index]
        a, b = self.claims.get(flag.a), self.claims.get(flag.b)
        console = self.console
        if console.is_terminal:
            console.clear()
        else:
            console.print()
        console.print(Text.assemble(
            (f"{index + 1} of {len(self.flags)}, confirmed so far: {self.confirmed_so_far()}", "bold"),
            (f"   reviewer {self.reviewer}   model {self.model}", "dim")))
        kind_style = "magenta" if flag.kind == "reversal" else "red"
        console.print(Text.assemble(("kind ", "dim"), (flag.kind, f"bold {kind_style}"),
                                    ("   score ", "dim"), f"{flag.score:.2f}", ("   flag ", "dim"), (flag.id, "dim")))
        sides = Table.grid(padding=(0, 1), expand=True)
        sides.add_column(ratio=1)
        sides.add_column(ratio=1)
        sides.add_row(self.claim_panel(a, "A", flag.nli_ab, "NLI A=>B"),
                      self.claim_panel(b, "B", flag.nli_ba, "NLI B=>A"))
        console.print(sides)
        info = Table.grid(padding=(0, 1))
        info.add_column(style="dim", no_wrap=True)
        info.add_column()
        for _, label, summary in flag.signals.summaries():
            info.add_row(label.lower(), _text(summary))
        info.add_row("reason", _text(flag.reason))
        info.add_row("state", _state_line(shown))
        if self.notes.get(flag.id):
            info.add_row("your note", Text(self.notes[flag.id] + "  (saved with your next verdict)", style="italic"))
        console.print(info)
        self.prompt()

    # -- actions -----------------------------------------------------------------------------
    def answer(self, index: int, verdict: str, shown: Verdict | None) -> bool:
        """Write the verdict now; True when the screen should move on."""
        flag = self.flags[index]
        note = self.notes.get(flag.id)
        seen = shown
        # Another reviewer's answer on screen (reached with b) is replaced only when asked.
        if shown is not None and shown.reviewer != self.reviewer and not self.override(flag, shown, verdict):
            return True
        while True:
            try:
                record = self.store.add_verdict(flag.id, verdict, self.reviewer, note, seen=seen)
                break
            except VerdictConflict as conflict:  # someone answered since the screen was drawn
                if not self.override(flag, conflict.latest, verdict):
                    return True
                seen = conflict.latest
        self.latest[flag.id] = record
        self.answers[flag.id] = verdict
        self.notes.pop(flag.id, None)
        return True

    def override(self, flag: Flag, theirs: Verdict, verdict: str) -> bool:
        """Ask before replacing another reviewer's answer; False keeps theirs."""
        self.console.print()
        self.console.print(Text.assemble(("Already answered: ", "bold yellow"), _state_line(theirs)))
        self.console.print(Text.assemble(
            f"Override with your '{verdict}'? ", ("y", "bold cyan"), " = override, any other key = keep theirs "),
            end="")
        if self.key() == "y":
            return True
        self.latest[flag.id] = theirs
        self.say("Kept their answer.", "dim")
        return False

    def take_note(self, index: int, shown: Verdict | None) -> bool:
        flag = self.flags[index]
        self.console.print()
        text = self.keys.read_line("Note (Enter to finish): ", self.console).strip()
        if not text:
            self.say("No note.", "dim")
            return False
        self.notes[flag.id] = text
        self.console.print(Text.assemble(
            "Verdict for this note: ", ("c", "bold cyan"), "/", ("r", "bold cyan"), "/", ("a", "bold cyan"), "/",
            ("u", "bold cyan"), " - any other key keeps the note for your next verdict "), end="")
        key = self.key()
        if key == "q":
            raise _Quit
        if key in VERDICT_KEYS:
            return self.answer(index, VERDICT_KEYS[key], shown)
        self.say("Note kept; it is saved with your next verdict on this flag.", "dim")
        return False

    def context(self, index: int) -> None:
        """Both articles around the claims, claims highlighted, paged with our own keys."""
        flag = self.flags[index]
        parts = []
        by_article: dict[str, list[tuple[str, Claim]]] = {}
        for label, cid in (("A", flag.a), ("B", flag.b)):
            claim = self.claims.get(cid)
            if claim is not None:
                by_article.setdefault(claim.article_id, []).append((label, claim))
        for article_id, claims in by_article.items():
            article = self.article(article_id)
            if article is None:
                parts.append(Text(f"article {article_id} is missing from the store", style="red"))
                continue
            start = max(0, min(c.start for _, c in claims) - CONTEXT_CHARS)
            end = min(len(article.text), max(c.end for _, c in claims) + CONTEXT_CHARS)
            body = Text(("..." if start else "") + article.text[start:end] + ("..." if end < len(article.text) else ""),
                        justify="right" if _is_arabic(article.text[start:end]) else "left")
            offset = 3 if start else 0
            for label, claim in claims:
                body.stylize("bold black on yellow", claim.start - start + offset, claim.end - start + offset)
            head = " | ".join(filter(None, [article.title, article.outlet, article.date,
                                            article.url or article.source]))
            labels = "+".join(label for label, _ in claims)
            parts.append(Panel(body, title=escape(f"claim {labels}: {head}"), title_align="left"))
        options = self.console.options.update(height=None)
        lines = self.console.render_lines(Group(*parts), options, pad=False)
        page = max(5, self.console.height - 2)
        pos = 0
        while True:
            if self.console.is_terminal:
                self.console.clear()
            self.console.print(Segments([seg for line in lines[pos:pos + page] for seg in (*line, Segment.line())]),
                               end="")
            last = pos + page >= len(lines)
            self.console.print(Text(
                f"lines {pos + 1}-{min(pos + page, len(lines))} of {len(lines)}  "
                + ("[space] next page  " if not last else "") + ("[b] previous page  " if pos else "")
                + "[q] back to the flag", style="reverse"), end=" ")
            key = self.key()
            if key in (" ", "\n", "\r", "f") and not last:
                pos += page
            elif key == "b" and pos:
                pos = max(0, pos - page)
            elif key in ("q", "\x1b", "o") or (last and key in (" ", "\n", "\r")):
                return

    # -- loop --------------------------------------------------------------------------------
    def run(self, start: int) -> None:
        index = start
        while True:
            flag = self.flags[index]
            shown = self.store.latest_verdict(flag.id)  # what the reviewer sees is what `seen` says
            self.latest[flag.id] = shown
            self.render(index, shown)
            move: int | None = None
            while move is None:
                key = self.key()
                if key in VERDICT_KEYS:
                    if self.answer(index, VERDICT_KEYS[key], shown):
                        move = +1
                elif key == "s":
                    self.skipped.add(flag.id)
                    move = +1
                elif key == "n":
                    if self.take_note(index, shown):
                        move = +1
                    else:
                        self.prompt()
                elif key == "o":
                    self.context(index)
                    move = 0
                elif key == "b":
                    if not self.history and index == 0:
                        self.say("This is the first flag.", "dim")
                        self.prompt()
                        continue
                    move = -1
                elif key == "q":
                    raise _Quit
                elif key == "?":
                    self.console.print()
                    self.console.print(help_table())
                    self.prompt()
                elif key in ("\n", "\r", " ", "\x1b", ""):
                    continue
                else:
                    self.say(f"Unknown key {key!r}; press ? for the keys.", "yellow")
                    self.prompt()
            if move == 0:
                continue
            if move == -1:
                index = self.history.pop() if self.history else index - 1
                continue
            following = self.next_unanswered(index)
            if following is None:
                return
            self.history.append(index)
            index = following


@contextmanager
def _sigterm_as_quit() -> Iterator[None]:
    """SIGTERM leaves like Ctrl-C does, so the terminal mode is restored (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise _Quit

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def run_review(store: Store, run_id: int | None, *, min_score: float, kind: str | None, speaker: str | None,
               reviewer: str, console: Console | None = None, read_key: Callable[[], str] | None = None) -> dict:
    """Review the flags of run `run_id` (the most recently used run when None), in store.flags
    order, one key at a time; returns this session's counts.

    Counts: answered, confirmed, rejected (r and a), agree (a only), unsure, skipped (skipped and
    not answered later), remaining (flags in the selection still without any verdict).
    `read_key` replaces the terminal (each call returns one key; a note's text is one call).
    """
    if not reviewer or not reviewer.strip():
        raise ValueError("a reviewer name is needed (--reviewer or CLAIMCHECK_REVIEWER)")
    console = console or Console(highlight=False)
    run = store.run(run_id)
    model = f"{run.nli_model}, run {run.id}"
    flags = store.flags(run.id, min_score, kind, speaker)
    keys = _key_source(read_key)
    review = _Review(store, model, flags, reviewer.strip(), console, keys)
    if not flags:
        console.print(Text(f"No flags for {model} at score >= {min_score}"
                           + (f", kind {kind}" if kind else "") + (f", speaker {speaker}" if speaker else "") + "."))
        return review.counts()
    start = next((i for i, (_, v) in enumerate(flags) if v is None), None)
    if start is None:
        console.print(Text(f"All {len(flags)} flags already have a verdict. Nothing left to review."))
        return review.counts()
    reason = _drive(review, keys, start)
    counts = review.counts()
    try:
        console.print()
        console.print(Text.assemble(
            ("Stopped. " if reason == "quit" else "End of the list. ", "bold"),
            f"{counts['answered']} answered this session ({counts['confirmed']} confirmed, "
            f"{counts['rejected']} rejected, {counts['unsure']} unsure), {counts['skipped']} skipped; "
            f"{counts['remaining']} of {len(flags)} still without a verdict"
            + ("; the next run starts at the first of them." if counts["remaining"] else ".")))
        if review.notes:
            console.print(Text(f"{len(review.notes)} note(s) typed without a verdict were not saved.", style="yellow"))
    except OSError:  # the terminal went away
        pass
    return counts


# -- disputes, one at a time -----------------------------------------------------------------
DISPUTE_VERDICT_KEYS = {"c": "confirmed", "r": "rejected", "u": "unsure"}
DISPUTE_KEY_HELP = (
    ("c", "confirm: the two sides really disagree"),
    ("r", "reject: not a dispute"),
    ("u", "unsure"),
    ("m", "move a claim to the other side (then its number and Enter)"),
    ("x", "take a claim out of the dispute (then its number and Enter)"),
    ("s", "skip this dispute for now"),
    ("b", "back to the previous dispute"),
    ("q", "quit (Ctrl-C too); answers and moves are already saved"),
    ("?", "this list"),
)
DISPUTE_PROMPT_KEYS = (("c", "confirm"), ("r", "reject"), ("u", "unsure"), ("m", "move"), ("x", "out"),
                       ("s", "skip"), ("b", "back"), ("q", "quit"), ("?", "keys"))


class _DisputeReview(_Screen):
    """The dispute screen: the proposition, both sides side by side, the pair flags underneath.
    Every answer and move is one row in dispute_verdicts, written before the screen moves on."""
    prompt_keys = DISPUTE_PROMPT_KEYS

    def __init__(self, store: Store, run_id: int, threshold: float, keep, reviewer: str, console: Console, keys):
        self.store, self.run_id, self.threshold, self.keep = store, run_id, threshold, keep
        self.reviewer, self.console, self.keys = reviewer, console, keys
        self.speakers = {s.id: s for s in store.speakers()}
        self.flags = {f.id: f for f, _ in store.flags(run_id, threshold)}
        self.order: list[str] = []
        self.disputes: dict = {}
        self.claims: dict[str, Claim] = {}
        self.answers: dict[str, str] = {}
        self.moves = 0
        self.skipped: set[str] = set()
        self.reload()

    def reload(self) -> None:
        from claimcheck.disputes import from_store

        disputes, self.claims, answers = from_store(self.store, self.run_id, self.threshold)
        self.answered: dict[str, list] = {}
        for v in answers:
            if v.verdict is not None:
                self.answered.setdefault(v.dispute_id, []).append(v)
        self.disputes = {d.id: d for d in disputes if self.keep(d)}
        if not self.order:  # keep the first order: a move must not reshuffle the queue
            self.order = list(self.disputes)

    def latest(self, dispute_id: str):
        answers = self.answered.get(dispute_id)
        return answers[-1] if answers else None

    def counts(self) -> dict:
        values = list(self.answers.values())
        return {"answered": len(values), "confirmed": values.count("confirmed"), "rejected": values.count("rejected"),
                "unsure": values.count("unsure"), "moves": self.moves,
                "skipped": len(self.skipped - set(self.answers)),
                "remaining": sum(1 for d in self.order if self.latest(d) is None)}

    def numbered(self, dispute) -> list[tuple[int, str]]:
        """(side, claim id) in screen order: the numbers the reviewer types for m and x."""
        return [(i, c) for i, side in enumerate(dispute.sides) for c in side.claims]

    def side_panel(self, dispute, index: int, numbers: dict[str, int]) -> Panel:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column(ratio=1)
        for claim_id in dispute.sides[index].claims:
            claim = self.claims[claim_id]
            speaker = self.speakers.get(claim.speaker_id or "")
            name = speaker.name if speaker else claim.speaker_mention or "unattributed"
            when = claim.claim_date or claim.date or "undated"
            grid.add_row(f"[{numbers[claim_id]}]", Text.assemble((name, "cyan"), (f"  {when}", "dim")))
            grid.add_row("", _text(claim.text, "bold"))
        return Panel(grid, title="For" if index == 0 else "Against", title_align="left")

    def render(self, position: int, dispute) -> None:
        console = self.console
        if console.is_terminal:
            console.clear()
        else:
            console.print()
        latest = self.latest(dispute.id)
        console.print(Text.assemble(
            (f"dispute {position + 1} of {len(self.order)}", "bold"), ("   reviewer ", "dim"), self.reviewer,
            ("   run ", "dim"), str(self.run_id)))
        console.print(Text.assemble(("kind ", "dim"), (dispute.kind, "bold magenta" if dispute.kind == "reversal"
                                                        else "bold red"),
                                    ("   strength ", "dim"), f"{dispute.strength:.2f}", ("   speakers ", "dim"),
                                    str(dispute.speakers), ("   id ", "dim"), (dispute.id, "dim")))
        proposition = self.claims.get(dispute.proposition)
        console.print(Text.assemble(("proposition ", "dim"), _text(proposition.text if proposition else None, "bold")))
        numbers = {c: n for n, (_, c) in enumerate(self.numbered(dispute), 1)}
        sides = Table.grid(padding=(0, 1), expand=True)
        sides.add_column(ratio=1)
        sides.add_column(ratio=1)
        sides.add_row(self.side_panel(dispute, 0, numbers), self.side_panel(dispute, 1, numbers))
        console.print(sides)
        info = Table.grid(padding=(0, 1))
        info.add_column(style="dim", no_wrap=True)
        info.add_column()
        for flag_id in dispute.evidence[:5]:
            flag = self.flags.get(flag_id)
            if flag is not None:
                info.add_row("pair", Text(f"[{numbers.get(flag.a, '-')}] x [{numbers.get(flag.b, '-')}]  "
                                          f"score {flag.score:.2f}  {flag.reason}"))
        if len(dispute.evidence) > 5:
            info.add_row("", Text(f"... and {len(dispute.evidence) - 5} more pair flags", style="dim"))
        if dispute.outvoted:
            info.add_row("outvoted", Text(f"{len(dispute.outvoted)} flag(s) inside one side, outvoted by agreement"))
        state = Text("unreviewed", style="dim") if latest is None else Text.assemble(
            (latest.verdict, "bold"), f" by {latest.reviewer} at {latest.at}")
        info.add_row("state", state)
        console.print(info)
        self.prompt()

    def place(self, dispute, out: bool) -> bool:
        """Ask for a claim number; move it to the other side (or out). True when something moved."""
        from claimcheck.records import DisputeVerdict

        self.console.print()
        line = self.keys.read_line("Claim number (Enter to cancel): ", self.console).strip()
        numbered = self.numbered(dispute)
        if not line:
            return False
        if not line.isdigit() or not 1 <= int(line) <= len(numbered):
            self.say(f"No claim {line!r} here; the numbers are 1-{len(numbered)}.", "yellow")
            return False
        side, claim_id = numbered[int(line) - 1]
        self.store.add_dispute_verdict(DisputeVerdict(dispute_id=dispute.id, reviewer=self.reviewer, at="",
                                                      claim=claim_id, side=None if out else 1 - side,
                                                      members=tuple(c for _, c in numbered)))
        self.moves += 1
        return True

    def answer(self, dispute, verdict: str) -> None:
        from claimcheck.records import DisputeVerdict

        record = self.store.add_dispute_verdict(DisputeVerdict(
            dispute_id=dispute.id, reviewer=self.reviewer, at="", verdict=verdict,
            members=tuple(c for _, c in self.numbered(dispute))))
        self.answered.setdefault(dispute.id, []).append(record)
        self.answers[dispute.id] = verdict

    def run(self, start: int) -> None:
        position, history = start, []
        while True:
            dispute = self.disputes.get(self.order[position])
            if dispute is None:  # every claim moved out: nothing left to show
                move = +1
            else:
                self.render(position, dispute)
                move = None
            while move is None:
                key = self.key()
                if key in DISPUTE_VERDICT_KEYS:
                    self.answer(dispute, DISPUTE_VERDICT_KEYS[key])
                    move = +1
                elif key in ("m", "x"):
                    if self.place(dispute, out=key == "x"):
                        self.reload()
                        move = 0
                    else:
                        self.prompt()
                elif key == "s":
                    self.skipped.add(dispute.id)
                    move = +1
                elif key == "b":
                    if not history:
                        self.say("This is the first dispute.", "dim")
                        self.prompt()
                        continue
                    move = -1
                elif key == "q":
                    raise _Quit
                elif key == "?":
                    self.console.print()
                    table = Table(title="Keys", show_header=False, box=None, padding=(0, 2))
                    for k, meaning in DISPUTE_KEY_HELP:
                        table.add_row(Text(k, style="bold cyan"), meaning)
                    self.console.print(table)
                    self.prompt()
                elif key in ("\n", "\r", " ", "\x1b", ""):
                    continue
                else:
                    self.say(f"Unknown key {key!r}; press ? for the keys.", "yellow")
                    self.prompt()
            if move == 0:
                continue
            if move == -1:
                position = history.pop()
                continue
            following = next((i for i in range(position + 1, len(self.order))
                              if self.latest(self.order[i]) is None), None)
            if following is None:
                return
            history.append(position)
            position = following


def run_dispute_review(store: Store, run_id: int | None, *, min_score: float, kind: str | None = None,
                       speaker: str | None = None, reviewer: str, console: Console | None = None,
                       read_key: Callable[[], str] | None = None) -> dict:
    """Review the disputes of a run, strongest first, one at a time; returns this session's counts.
    Resumes at the first dispute no reviewer has answered. `kind` "reversal" keeps reversals,
    "contradiction" the others; `speaker` keeps disputes with that speaker (name, alias or id)."""
    if not reviewer or not reviewer.strip():
        raise ValueError("a reviewer name is needed (--reviewer or CLAIMCHECK_REVIEWER)")
    console = console or Console(highlight=False)
    run = store.run(run_id)
    wanted = None
    if speaker:
        wanted = {s.id for s in store.speakers() if speaker in (s.id, s.name, *s.aliases)}

    def keep(d) -> bool:
        if kind and d.kind != ("reversal" if kind == "reversal" else "dispute"):
            return False
        return wanted is None or bool(wanted & {k for side in d.sides for k in side.speakers})

    keys = _key_source(read_key)
    review = _DisputeReview(store, run.id, min_score, keep, reviewer.strip(), console, keys)
    if not review.order:
        console.print(Text(f"No disputes in run {run.id} at score >= {min_score}."))
        return review.counts()
    start = next((i for i, d in enumerate(review.order) if review.latest(d) is None), None)
    if start is None:
        console.print(Text(f"All {len(review.order)} disputes already have a verdict. Nothing left to review."))
        return review.counts()
    reason = _drive(review, keys, start)
    counts = review.counts()
    try:
        console.print()
        console.print(Text.assemble(
            ("Stopped. " if reason == "quit" else "End of the disputes. ", "bold"),
            f"{counts['answered']} answered this session ({counts['confirmed']} confirmed, "
            f"{counts['rejected']} rejected, {counts['unsure']} unsure), {counts['moves']} claim(s) moved, "
            f"{counts['skipped']} skipped; {counts['remaining']} of {len(review.order)} still without a verdict."))
    except OSError:
        pass
    return counts
