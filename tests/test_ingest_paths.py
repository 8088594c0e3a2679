"""Inputs that could hang or cost other articles: FIFOs, devices and sockets are refused by
name before they are opened, and each article is stored as soon as it is read."""
from __future__ import annotations

import os
import socket
import threading

import pytest

import claimcheck.ingest.paths as paths
from claimcheck.config import load_settings
from claimcheck.ingest import read_inputs
from claimcheck.pipeline import check
from claimcheck.store import Store
from tests.fakes import use_fakes

GOOD = "قال وزير الزراعة نبيل حداد إن موسم القمح هذا العام سيكون أفضل من العام الماضي.\n"
OTHER = "قالت رئيسة اتحاد الفلاحين سلمى يوسف إن الأمطار جاءت متأخرة وإن الموسم سيكون ضعيفاً.\n"


def settings_for(tmp_path):
    return load_settings(db=tmp_path / "store.db", cache_dir=tmp_path / "cache", min_similarity=0.2,
                         same_speaker_similarity=0.2)


def finishes(work, seconds: float = 30.0):
    """Run `work` in a thread and return its result; fail (instead of hanging) if it blocks."""
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked: a FIFO was opened or read"
    return box["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_given_directly_or_in_a_folder_is_refused_by_name(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "direct")
    articles, errors = finishes(lambda: read_inputs([str(folder), str(tmp_path / "direct")]))
    assert [a.source for a in articles] == [str(folder / "good.txt")]
    assert {e.source: e.message for e in errors} == {
        str(folder / "pipe.txt"): "is a FIFO (named pipe), not a regular file; refused without reading it",
        str(tmp_path / "direct"): "is a FIFO (named pipe), not a regular file; refused without reading it"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_matched_by_a_glob_is_refused_too(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    articles, errors = finishes(lambda: read_inputs([str(tmp_path / "*.txt")]))
    assert len(articles) == 1 and [e.source for e in errors] == [str(tmp_path / "b.txt")]


def test_devices_and_sockets_are_refused(tmp_path):
    assert "character device" in read_inputs([os.devnull])[1][0].message
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.sock"))
    except OSError:
        pytest.skip("cannot make a unix socket here")
    try:
        articles, errors = read_inputs([str(tmp_path)])
    finally:
        sock.close()
    assert articles == [] and errors[0].source == str(tmp_path / "s.sock") and "socket" in errors[0].message


def test_a_file_swapped_for_a_fifo_after_listing_is_still_not_read(tmp_path, monkeypatch):
    # _expand saw a regular file; by the time it is opened, it is a FIFO: the non-blocking open
    # and the check on the opened file still refuse it.
    target = tmp_path / "late.txt"
    os.mkfifo(target)
    monkeypatch.setattr(paths, "_not_regular", lambda path: None)
    articles, errors = finishes(lambda: read_inputs([str(target)]))
    assert articles == [] and "not a regular file" in errors[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_check_stores_the_good_article_and_names_the_binary_file_and_the_fifo(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    os.mkfifo(folder / "c-pipe.txt")
    settings = settings_for(tmp_path)

    def run():
        with Store(settings.db) as store:  # SQLite objects stay in the thread that made them
            return check([str(folder)], settings, store)

    result = finishes(run)
    with Store(settings.db) as store:
        assert [a.source for a in store.articles()] == [str(folder / "a-good.txt")]
        assert result.claims_added == 1
        messages = {os.path.basename(e.source): e.message for e in result.errors}
        assert messages["b-binary.txt"] == "looks like a binary file, not text"
        assert "FIFO" in messages["c-pipe.txt"] and len(messages) == 2


def test_each_article_is_stored_before_the_next_input_is_read(tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "2.txt").write_text(OTHER, encoding="utf-8")
    real_decode = paths.decode

    def stall_on_the_second(data, charset=None):
        if "سلمى" in data.decode("utf-8"):
            raise KeyboardInterrupt  # the user gives up on a stuck input
        return real_decode(data, charset)

    monkeypatch.setattr(paths, "decode", stall_on_the_second)
    settings = settings_for(tmp_path)
    with Store(settings.db) as store:
        with pytest.raises(KeyboardInterrupt):
            check([str(folder)], settings, store)
    with Store(settings.db) as store:
        assert [a.source for a in store.articles()] == [str(folder / "1.txt")]
        assert len(store.claims()) == 1
