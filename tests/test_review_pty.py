"""The review screen for real: the actual CLI in a pseudo-terminal, killed mid-review and resumed.

Also, in process: two reviewers in conflict (store level and through the screen), the key list,
and the line-input fallback when stdin is a pipe.
"""
from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

from claimcheck.report.build import review_state
from claimcheck.review import KEY_HELP, run_review
from claimcheck.store import Store, VerdictConflict
from review_fixtures import RUN_ID, MODEL, build_store, claim_text

REPO = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The last thing each screen prints; rich puts colour codes between "[?]" and "keys".
PROMPT = r"\[\?\](?:\x1b\[[0-9;]*m)*keys"
TIMEOUT = 30  # generous: the machine may be busy; a passing run takes a few seconds


def _env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    env.update(COLUMNS="120", LINES="40", TERM="xterm", PYTHONPATH=os.pathsep.join(
        filter(None, [str(REPO), env.get("PYTHONPATH")])), CLAIMCHECK_NLI_MODEL=MODEL, CLAIMCHECK_THRESHOLD="0.5",
        CLAIMCHECK_CACHE_DIR=str(tmp_path / "cache"), PYTHONUNBUFFERED="1")
    return env


def _spawn(db: Path, tmp_path: Path) -> pexpect.spawn:
    # A shell that starts pytest in the background ignores SIGINT, and the child would inherit that,
    # so Ctrl-C gets the default behaviour back, as in a user's terminal.
    return pexpect.spawn(sys.executable, ["-m", "claimcheck", "review", "--db", str(db), "--reviewer", "alice"],
                         cwd=str(tmp_path), env=_env(tmp_path), encoding="utf-8", timeout=TIMEOUT,
                         dimensions=(40, 120), preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _screen(child: pexpect.spawn) -> str:
    """Wait for the end of the next screen and return it without colour codes."""
    child.expect(PROMPT)
    return ANSI.sub("", child.before)


def test_review_in_a_terminal_survives_kill_and_resumes(tmp_path):
    db = tmp_path / "review.db"
    store, flags, claims = build_store(db)
    store.close()
    text_a = [claim_text(claims, f.a) for f in flags]

    child = _spawn(db, tmp_path)
    try:
        screen = _screen(child)
        assert "1 of 5, confirmed so far: 0" in screen
        assert text_a[0] in screen and "unreviewed" in screen
        assert "سالم الحمدان" in screen and "وزير الدفاع" in screen  # speaker with role
        child.send("c")
        screen = _screen(child)
        assert "2 of 5, confirmed so far: 1" in screen and text_a[1] in screen
        child.send("r")
        screen = _screen(child)
        assert "3 of 5, confirmed so far: 1" in screen and text_a[2] in screen
        child.send("n")
        child.expect("Note")
        child.sendline("يحتاج مصدرا ثانيا")
        child.expect("Verdict for this note")
        child.send("c")
        screen = _screen(child)
        assert "4 of 5, confirmed so far: 2" in screen and text_a[3] in screen
    finally:
        child.kill(signal.SIGKILL)  # mid-screen: no chance to clean up
        child.close(force=True)
    assert child.signalstatus == signal.SIGKILL

    with Store(db) as check:
        got = [check.latest_verdict(f.id) for f in flags]
    assert [(v.verdict, v.reviewer, v.note) for v in got[:3]] == [
        ("confirmed", "alice", None), ("rejected", "alice", None), ("confirmed", "alice", "يحتاج مصدرا ثانيا")]
    assert got[3] is None and got[4] is None

    child = _spawn(db, tmp_path)
    try:
        screen = _screen(child)
        assert "4 of 5, confirmed so far: 2" in screen  # resumes at the first flag without a verdict
        assert text_a[3] in screen and text_a[2] not in screen
        child.send("?")
        child.expect("back to the previous flag")
        child.expect(PROMPT)  # the key list is drawn and the screen waits for a key again
        child.sendintr()  # Ctrl-C quits cleanly
        child.expect("Stopped")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_review_reads_lines_when_stdin_is_not_a_terminal(tmp_path):
    db = tmp_path / "review.db"
    store, flags, _ = build_store(db)
    store.close()
    run = subprocess.run([sys.executable, "-m", "claimcheck", "review", "--db", str(db), "--reviewer", "bob"],
                         input="a\nu\n", capture_output=True, text=True, cwd=tmp_path, env=_env(tmp_path),
                         timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    assert "Stopped" in run.stdout  # end of input quits like q
    with Store(db) as check:
        assert [getattr(check.latest_verdict(f.id), "verdict", None) for f in flags] == [
            "agree", "unsure", None, None, None]


def _console() -> Console:
    return Console(file=io.StringIO(), width=120, height=40, force_terminal=False, color_system=None)


def _keys(*keys, before=None):
    it = iter(keys)

    def read():
        if before:
            before.pop(0)()
        return next(it)
    return read


def test_question_mark_lists_every_key(tmp_path):
    store, _, _ = build_store(tmp_path / "r.db")
    console = _console()
    counts = run_review(store, RUN_ID, min_score=0.5, kind=None, speaker=None, reviewer="alice", console=console,
                        read_key=_keys("?", "q"))
    shown = console.file.getvalue()
    for key, meaning in KEY_HELP:
        assert re.search(rf"^\s*{re.escape(key)}\s+{re.escape(meaning[:30])}", shown, re.M), key
    assert counts["answered"] == 0 and counts["remaining"] == 5


def test_two_reviewers_conflict_in_the_store(tmp_path):
    store, flags, _ = build_store(tmp_path / "r.db")
    flag = flags[0].id
    seen_by_bob = store.latest_verdict(flag)  # bob's screen shows the flag unreviewed
    alice = store.add_verdict(flag, "confirmed", "alice", seen=None)
    with pytest.raises(VerdictConflict) as info:
        store.add_verdict(flag, "rejected", "bob", seen=seen_by_bob)
    assert info.value.latest == alice and "alice" in str(info.value)
    store.add_verdict(flag, "rejected", "bob", "different units", seen=info.value.latest)  # override
    assert [(v.verdict, v.reviewer) for v in store.verdict_history(flag)] == [("confirmed", "alice"),
                                                                           ("rejected", "bob")]
    assert review_state(store.latest_verdict(flag)) | {"at": None} == {
        "state": "rejected", "reviewer": "bob", "at": None, "note": "different units"}
    assert review_state(None) == {"state": "unreviewed", "reviewer": None, "at": None, "note": None}


@pytest.mark.parametrize("choice, expected", [("y", ("rejected", "bob")), ("k", ("confirmed", "alice"))])
def test_screen_asks_before_overriding_another_reviewer(tmp_path, choice, expected):
    store, flags, _ = build_store(tmp_path / "r.db")
    flag = flags[0].id
    # alice answers while bob is looking at the flag (just before bob's first key arrives)
    alice_answers = [lambda: store.add_verdict(flag, "confirmed", "alice", "seen in both wires")]
    console = _console()
    counts = run_review(store, RUN_ID, min_score=0.5, kind=None, speaker=None, reviewer="bob", console=console,
                        read_key=_keys("r", choice, "q", before=alice_answers))
    shown = console.file.getvalue()
    assert "Already answered: confirmed by alice" in shown and "seen in both wires" in shown
    latest = store.latest_verdict(flag)
    assert (latest.verdict, latest.reviewer) == expected
    assert counts["answered"] == (1 if choice == "y" else 0)


@pytest.mark.parametrize("choice, expected", [("y", ("rejected", "bob")), ("n", ("confirmed", "alice"))])
def test_going_back_to_another_reviewers_answer_asks_before_replacing_it(tmp_path, choice, expected):
    """alice answered the first flag in an earlier session; bob's session starts at the next
    flag, goes back (b) and answers it: he is asked, and only 'y' replaces her answer."""
    store, flags, _ = build_store(tmp_path / "r.db")
    store.add_verdict(flags[0].id, "confirmed", "alice", "seen in both wires")
    console = _console()
    counts = run_review(store, RUN_ID, min_score=0.5, kind=None, speaker=None, reviewer="bob", console=console,
                        read_key=_keys("b", "r", choice, "q"))
    shown = console.file.getvalue()
    assert "Already answered: confirmed by alice" in shown and "Override with your 'rejected'?" in shown
    latest = store.latest_verdict(flags[0].id)
    assert (latest.verdict, latest.reviewer) == expected
    assert counts["answered"] == (1 if choice == "y" else 0)


def test_changing_your_own_answer_is_not_asked(tmp_path):
    store, flags, _ = build_store(tmp_path / "r.db")
    store.add_verdict(flags[0].id, "confirmed", "bob")
    console = _console()
    run_review(store, RUN_ID, min_score=0.5, kind=None, speaker=None, reviewer="bob", console=console,
               read_key=_keys("b", "r", "q"))
    assert "Override" not in console.file.getvalue()
    assert store.latest_verdict(flags[0].id).verdict == "rejected"


def test_back_skip_and_note_kept_for_the_next_verdict(tmp_path):
    store, flags, claims = build_store(tmp_path / "r.db")
    selected = [f for f, _ in store.flags(RUN_ID, 0.5, None, "الحمدان")]  # by alias: 4 of the 5 flags
    assert len(selected) == 4
    console = _console()
    # skip 1, confirm 2, back to 2; a note then "x" keeps it for the next verdict; "u" saves both; quit on 3
    counts = run_review(store, RUN_ID, min_score=0.5, kind=None, speaker="الحمدان", reviewer="carol",
                        console=console, read_key=_keys("s", "c", "b", "n", "مراجعة", "x", "u", "q"))
    assert store.latest_verdict(selected[0].id) is None
    assert [(v.verdict, v.note) for v in store.verdict_history(selected[1].id)] == [("confirmed", None),
                                                                                   ("unsure", "مراجعة")]
    assert "Note kept" in console.file.getvalue()
    assert counts == {"answered": 1, "confirmed": 0, "rejected": 0, "agree": 0, "unsure": 1, "skipped": 1,
                      "remaining": 3}


def test_open_shows_both_articles_around_the_claims(tmp_path):
    store, flags, claims = build_store(tmp_path / "r.db")
    console = _console()
    run_review(store, RUN_ID, min_score=0.5, kind=None, speaker=None, reviewer="alice", console=console,
               read_key=_keys("o", "q", "q"))
    shown = console.file.getvalue()
    context = shown[shown.index("claim A: "):]
    assert "claim B: " in context and "العربي الجديد" in context and "الجزيرة" in context
    assert "وقال ليلى النوري إن ما زال" in context  # the sentence around claim B, from the article itself
    assert "[q] back to the flag" in context


def test_the_flag_screen_shows_the_signals_beside_the_claims(tmp_path):
    store, _, _ = build_store(tmp_path / "r.db")
    console = _console()
    run_review(store, RUN_ID, min_score=0.5, kind=None, speaker=None, reviewer="alice", console=console,
               read_key=_keys("q"))
    shown = console.file.getvalue()
    assert "ends or goes on" in shown
    assert "A says it ends ('انسحبت'); B says it goes on ('ما زال') — opposed" in shown


def test_end_of_list_then_nothing_left(tmp_path):
    store, flags, _ = build_store(tmp_path / "r.db")
    console = _console()
    counts = run_review(store, RUN_ID, min_score=0.8, kind=None, speaker=None, reviewer="alice", console=console,
                        read_key=_keys("c", "r", "a"))  # the 3 flags scoring >= 0.8
    assert counts == {"answered": 3, "confirmed": 1, "rejected": 2, "agree": 1, "unsure": 0, "skipped": 0,
                      "remaining": 0}
    assert "End of the list" in console.file.getvalue()
    console = _console()
    run_review(store, RUN_ID, min_score=0.8, kind=None, speaker=None, reviewer="alice", console=console,
               read_key=_keys())
    assert "All 3 flags already have a verdict" in console.file.getvalue()


# --- a dispute at a time ------------------------------------------------------------------
# The fixture's flags group into two disputes: Hamdan's and Nouri's January claims against their
# February ones (the strongest), then the army against Nouri on casualties.
def _spawn_disputes(db: Path, tmp_path: Path, reviewer: str = "alice") -> pexpect.spawn:
    return pexpect.spawn(sys.executable, ["-m", "claimcheck", "review", "--disputes", "--db", str(db),
                                          "--reviewer", reviewer],
                         cwd=str(tmp_path), env=_env(tmp_path), encoding="utf-8", timeout=TIMEOUT,
                         dimensions=(40, 120), preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _disputes(db: Path):
    from claimcheck.disputes import from_store

    with Store(db) as store:
        return from_store(store, RUN_ID, 0.5)[0]


def test_dispute_review_survives_kill_and_resumes(tmp_path):
    db = tmp_path / "review.db"
    store, _, claims = build_store(db)
    store.close()
    first, second = _disputes(db)
    moved = first.sides[1].claims[0]  # claim [n] on screen: For's claims are numbered first
    moved_number = len(first.sides[0].claims) + 1

    child = _spawn_disputes(db, tmp_path)
    try:
        screen = _screen(child)
        assert "dispute 1 of 2" in screen and first.id in screen
        assert claim_text(claims, first.proposition) in screen and "For" in screen and "Against" in screen
        child.send("m")
        child.expect("Claim number")
        child.sendline(str(moved_number))
        screen = _screen(child)  # the same dispute, redrawn with the claim on the other side
        assert "dispute 1 of 2" in screen
        child.send("c")
        screen = _screen(child)
        assert "dispute 2 of 2" in screen and second.id in screen
    finally:
        child.kill(signal.SIGKILL)
        child.close(force=True)
    assert child.signalstatus == signal.SIGKILL

    with Store(db) as check:
        rows = [(v.dispute_id, v.reviewer, v.verdict, v.claim, v.side) for v in check.dispute_verdicts()]
    assert rows == [(first.id, "alice", None, moved, 0), (first.id, "alice", "confirmed", None, None)]
    after = {d.id: d for d in _disputes(db)}
    assert moved in after[first.id].sides[0].claims  # the move holds when the disputes are rebuilt

    child = _spawn_disputes(db, tmp_path, reviewer="bob")
    try:
        screen = _screen(child)
        # Resumes at the first dispute without a verdict (the move made the first one weaker, so
        # it may now rank second: the screen names it by id).
        assert second.id in screen and first.id not in screen
        child.send("r")
        child.expect("End of the disputes")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    with Store(db) as check:
        verdicts = {(v.dispute_id, v.reviewer): v.verdict for v in check.dispute_verdicts() if v.verdict}
    assert verdicts == {(first.id, "alice"): "confirmed", (second.id, "bob"): "rejected"}


def test_dispute_review_takes_claims_out_and_reports_per_reviewer(tmp_path):
    from claimcheck.report.build import report_data
    from claimcheck.config import Settings
    from claimcheck.review import run_dispute_review

    store, _, _ = build_store(tmp_path / "r.db")
    first, second = _disputes(tmp_path / "r.db")
    counts = run_dispute_review(store, RUN_ID, min_score=0.5, reviewer="mona", console=_console(),
                                read_key=_keys("x", "1", "u", "c"))
    assert counts["answered"] == 2 and counts["moves"] == 1 and counts["remaining"] == 0
    run_dispute_review(store, RUN_ID, min_score=0.5, reviewer="omar", console=_console(),
                       read_key=_keys("q"))  # all answered: nothing to do, nothing written
    data = report_data(store, Settings(db=tmp_path / "r.db"))
    by_id = {d["id"]: d for d in data["disputes"]}
    review = by_id[first.id]["review"]
    assert review["state"] == "unsure" and review["by_reviewer"] == {
        "mona": {"state": "unsure", "at": review["at"], "note": None}}
    assert review["moves"][0]["claim"] == first.sides[0].claims[0] and review["moves"][0]["side"] is None
    members = [c["id"] for side in by_id[first.id]["sides"] for s in side["speakers"] for c in s["claims"]]
    assert first.sides[0].claims[0] not in members
    assert by_id[second.id]["review"]["state"] == "confirmed"
