"""`check URL` and feeds, served from a local HTTP server on 127.0.0.1: the suite never needs
a network. The pages under tests/data/web are written for these tests."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimcheck.config import load_settings
from claimcheck.extract import extract_claims
from claimcheck.ingest import InputError, read_inputs
from claimcheck.pipeline import check
from claimcheck.store import Store
from tests.fakes import use_fakes

WEB = Path(__file__).resolve().parent / "data" / "web"


class _Site(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self):  # noqa: N802 (the http.server name)
        if self.path == "/slow":
            time.sleep(1.5)
        status, media, body = self.routes.get(self.path, (404, "text/html", b"<html><body>gone</body></html>"))
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the slow page)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    host = base.removeprefix("http://")

    def page(name: str) -> bytes:
        return (WEB / name).read_text(encoding="utf-8").replace("HOST", host).encode("utf-8")

    _Site.routes = {
        "/news/bridge-ar.html": (200, "text/html; charset=utf-8", page("bridge-ar.html")),
        "/news/harbour-en.html": (200, "text/html; charset=utf-8", page("harbour-en.html")),
        "/feed.rss": (200, "application/rss+xml", page("feed.rss")),
        "/feed.atom": (200, "text/xml; charset=utf-8", page("feed.atom")),  # sniffed, not announced
        "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "/empty-feed.xml": (200, "application/rss+xml",
                            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'),
        "/slow": (200, "text/html", page("bridge-ar.html")),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_an_arabic_page_gives_its_article_without_the_page_furniture(site):
    (article,), errors = read_inputs([f"{site}/news/bridge-ar.html"])
    assert errors == []
    assert article.text.startswith("وزير النقل: جسر الرافدين يفتح قبل الصيف")
    assert "قال وزير النقل سامي العبيدي أمس إن جسر الرافدين" in article.text
    assert "وأضاف العبيدي في مؤتمر صحافي" in article.text
    for furniture in ("محليات", "فيسبوك", "اقرأ أيضاً", "افتتاح طريق جديد", "الأكثر قراءة",
                      "ملفات تعريف الارتباط", "جميع الحقوق محفوظة", "tracker"):
        assert furniture not in article.text, furniture
    assert (article.title, article.outlet, article.date) == ("وزير النقل: جسر الرافدين يفتح قبل الصيف",
                                                              "صحيفة الضفة", "2023-03-09")
    assert article.url == "https://aldaffa.example/news/rafidain-bridge"  # the page's canonical address
    assert article.source == f"{site}/news/bridge-ar.html" and article.lang == "ar"


def test_relative_days_in_a_fetched_page_resolve_against_its_date(site):
    (ar,), _ = read_inputs([f"{site}/news/bridge-ar.html"])
    (en,), _ = read_inputs([f"{site}/news/harbour-en.html"])
    claims = extract_claims(ar) + extract_claims(en)

    def when(start: str) -> str | None:
        (claim,) = [c for c in claims if c.text.startswith(start)]
        return claim.claim_date

    assert when("جسر الرافدين الجديد سيفتح") == "2023-03-08"   # أمس, published Thursday 9 March
    assert when("الجسر لن يكون جاهزاً") == "2023-03-07"        # يوم الثلاثاء
    assert en.date == "2024-05-17" and en.outlet == "The Coastal Ledger" and en.lang == "en"
    assert when("the contract for four new cranes") == "2024-05-15"  # on Wednesday, published Friday
    assert when("no contract could be signed") == "2024-05-16"       # yesterday


def test_a_feed_expands_to_its_items_and_names_each_failing_one(site):
    feed = f"{site}/feed.rss"
    articles, errors = read_inputs([feed])
    assert [a.source for a in articles] == [f"{site}/news/bridge-ar.html", f"{site}/news/harbour-en.html"]
    ar, en = articles
    assert (ar.title, ar.date, ar.outlet) == ("وزير النقل: جسر الرافدين يفتح قبل الصيف", "2023-03-09", "صحيفة الضفة")
    assert (en.title, en.date, en.outlet) == ("Harbour crane deal stalls", "2024-05-17", "The Coastal Ledger")
    assert [(e.source, e.message) for e in errors] == [
        (f"{site}/news/removed.html", "the server answered HTTP 404 Not Found"),
        (f"{feed} item 4", "the feed item has no link")]


def test_an_atom_feed_sent_as_plain_xml_is_still_a_feed(site):
    (article,), errors = read_inputs([f"{site}/feed.atom"])
    assert errors == [] and article.title == "Harbour crane deal stalls" and article.date == "2024-05-17"


def test_bad_addresses_get_one_clear_error_each_and_the_rest_is_read(site):
    dead = "http://127.0.0.1:9/nothing-listens-here"
    articles, errors = read_inputs([f"{site}/missing", f"{site}/photo.png", f"{site}/empty-feed.xml", dead,
                                    f"{site}/slow", f"{site}/news/harbour-en.html"], fetch_timeout=0.5)
    assert [a.title for a in articles] == ["Harbour crane deal stalls"]
    said = {e.source.removeprefix(site): e.message for e in errors}
    assert said["/missing"] == "the server answered HTTP 404 Not Found"
    assert said["/photo.png"] == "is image/png, not a web page or feed"
    assert said["/empty-feed.xml"].startswith("a feed with no items")
    assert said[dead].startswith("cannot reach this address")
    assert said["/slow"] == "no answer within 0.5 s"
    assert all(isinstance(e, InputError) and "\n" not in str(e) for e in errors)


def test_check_stores_the_articles_of_a_feed_and_reports_its_broken_items(site, tmp_path, monkeypatch):
    use_fakes(monkeypatch)
    settings = load_settings(db=tmp_path / "store.db", cache_dir=tmp_path / "cache", min_similarity=0.2,
                             same_speaker_similarity=0.2)
    with Store(settings.db) as store:
        result = check([f"{site}/feed.rss", f"{site}/news/bridge-ar.html"], settings, store)  # the page is in the feed too
        assert len(result.added) == 2 and result.unchanged == [] and result.claims_added >= 4  # read once
        assert {e.source.removeprefix(site) for e in result.errors} == {"/news/removed.html", "/feed.rss item 4"}
        stored = {a.title: a for a in store.articles()}
        assert stored["Harbour crane deal stalls"].url == f"{site}/news/harbour-en.html"
