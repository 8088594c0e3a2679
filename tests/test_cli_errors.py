"""What a user sees when a command is given something wrong: one line, a non-zero exit, no damage."""
import subprocess
import sys

import pytest


def run(*args, env=None, cwd=None):
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=120)


def one_error_line(done):
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("claimcheck: error:"), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def test_read_commands_refuse_a_missing_store_and_do_not_create_one(tmp_path):
    db = tmp_path / "typo.db"
    for command in ("report", "speakers", "claims"):
        done = run(command, "--db", str(db))
        assert done.returncode == 2 and "typo.db" in one_error_line(done)
    assert not db.exists()


@pytest.mark.parametrize("args,fragment", [
    (("report", "--format", "pdf"), "--format 'pdf'"),
    (("report", "--kind", "lie"), "--kind 'lie'"),
    (("report", "--output", "/no/such/folder/r.md"), "/no/such/folder"),
])
def test_bad_options_fail_before_any_work(tmp_path, args, fragment):
    done = run(*args, "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2 and fragment in one_error_line(done)


def test_a_bad_setting_in_the_environment_is_named(tmp_path):
    done = run("speakers", "--db", str(tmp_path / "x.db"), env={"CLAIMCHECK_NEIGHBOURS": "many"})
    assert done.returncode == 2 and "CLAIMCHECK_NEIGHBOURS" in one_error_line(done)


def test_a_file_that_is_not_a_store_is_named(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database " * 50)
    done = run("report", "--db", str(junk))
    assert done.returncode == 2 and "notes.db" in one_error_line(done)
    assert junk.read_text().startswith("these are my notes")  # untouched
