"""The claim store: a plain SQLite file anyone can open. The only module that writes SQL.

Every write is one transaction, so a run killed at any point leaves the store consistent,
and the next run finds what is missing (claims without embeddings, candidate pairs not yet
judged) and completes it. Verdicts are append-only: a reviewer's answer is never
overwritten, and a second reviewer answering a flag that changed since they loaded it gets
a VerdictConflict instead of silently replacing the first answer.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from claimcheck.records import Article, Claim, Flag, Speaker, Verdict

SCHEMA_VERSION = 1
MAX_IDS_PER_QUERY = 900  # ids bound in one "IN (...)"; longer lists go in chunks

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, source TEXT NOT NULL, lang TEXT,
    title TEXT, outlet TEXT, date TEXT, url TEXT, text TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS speakers (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, role TEXT);
CREATE TABLE IF NOT EXISTS aliases (
    speaker_id TEXT NOT NULL REFERENCES speakers(id), alias TEXT NOT NULL,
    PRIMARY KEY (speaker_id, alias));
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence TEXT,
    speaker_mention TEXT, cue TEXT, role TEXT, channel TEXT,
    speaker_id TEXT REFERENCES speakers(id), date TEXT, claim_date TEXT);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker_id);
CREATE TABLE IF NOT EXISTS embeddings (
    claim_id TEXT NOT NULL REFERENCES claims(id), model TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (claim_id, model));
-- Every judged candidate pair, flagged or not, so no pair is ever judged twice by one model.
CREATE TABLE IF NOT EXISTS pairs (
    id TEXT NOT NULL, a TEXT NOT NULL REFERENCES claims(id), b TEXT NOT NULL REFERENCES claims(id),
    model TEXT NOT NULL, origin TEXT NOT NULL, similarity REAL NOT NULL, kind TEXT NOT NULL,
    score REAL NOT NULL, nli_ab TEXT NOT NULL, nli_ba TEXT NOT NULL, signals TEXT NOT NULL,
    reason TEXT NOT NULL, judged_at TEXT NOT NULL, PRIMARY KEY (id, model));
CREATE INDEX IF NOT EXISTS pairs_score ON pairs(model, score);
-- Claims whose candidate pairs have all been judged by a model: a killed run resumes from here.
CREATE TABLE IF NOT EXISTS paired (
    claim_id TEXT NOT NULL REFERENCES claims(id), model TEXT NOT NULL, PRIMARY KEY (claim_id, model));
CREATE TABLE IF NOT EXISTS verdicts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, flag_id TEXT NOT NULL, verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL, note TEXT, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS verdicts_flag ON verdicts(flag_id, seq);
"""


class StoreError(RuntimeError):
    pass


class VerdictConflict(StoreError):
    """Someone else answered this flag after the reviewer loaded it."""

    def __init__(self, flag_id: str, latest: Verdict):
        super().__init__(f"flag {flag_id} was answered '{latest.verdict}' by {latest.reviewer} at {latest.at} "
                         "since you loaded it")
        self.latest = latest


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _row_to(cls, row: sqlite3.Row):
    names = {f.name for f in fields(cls)}
    return cls(**{k: row[k] for k in row.keys() if k in names})


class Store:
    def __init__(self, path: str | Path, must_exist: bool = False):
        self.path = Path(path)
        if must_exist and not self.path.is_file():
            raise StoreError(f"{self.path}: no claim store here (run `claimcheck check` first, or pass --db)")
        self.db = None
        try:
            self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")  # readers (review) never block the writer
            self.db.execute("PRAGMA synchronous = NORMAL")
            with self.transaction() as db:
                # executescript would commit mid-transaction (the schema has no ";" inside statements)
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                self._migrate()
        except sqlite3.DatabaseError as exc:
            if self.db is not None:
                self.db.close()
            reason = "it is locked by another process" if "locked" in str(exc) else f"not a claimcheck store ({exc})"
            raise StoreError(f"{self.path}: {reason}") from exc

    def _migrate(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer claimcheck (schema {row[0]})")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # -- articles, claims, speakers ------------------------------------------------------
    def has_article(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE sha256=?", (sha256,)).fetchone() is not None

    def add_article(self, article: Article, claims: list[Claim], speakers: list[Speaker]) -> None:
        """Store an article with its claims and the speakers they name: all or nothing."""
        try:
            self._add_article(article, claims, speakers)
        except sqlite3.IntegrityError as exc:  # e.g. another process stored it a moment ago
            raise StoreError(f"article {article.id} not stored: {exc}") from exc

    def _add_article(self, article: Article, claims: list[Claim], speakers: list[Speaker]) -> None:
        with self.transaction() as db:
            row = asdict(article)
            db.execute("INSERT INTO articles (id, sha256, source, lang, title, outlet, date, url, text, added_at) "
                       "VALUES (:id, :sha256, :source, :lang, :title, :outlet, :date, :url, :text, :added_at)",
                       {**row, "added_at": now()})
            self._put_speakers(db, speakers)
            db.executemany(
                'INSERT INTO claims (id, article_id, text, kind, start, "end", sentence, speaker_mention, cue, role, '
                "channel, speaker_id, date, claim_date) VALUES (:id, :article_id, :text, :kind, :start, :end, "
                ":sentence, :speaker_mention, :cue, :role, :channel, :speaker_id, :date, :claim_date)",
                [asdict(c) for c in claims])

    @staticmethod
    def _put_speakers(db: sqlite3.Connection, speakers: Iterable[Speaker]) -> None:
        for s in speakers:
            db.execute("INSERT INTO speakers (id, name, kind, role) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE "
                       "SET name=excluded.name, role=COALESCE(excluded.role, speakers.role)",
                       (s.id, s.name, s.kind, s.role))
            db.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?)", [(s.id, a) for a in s.aliases])

    def articles(self) -> list[Article]:
        return [_row_to(Article, r) for r in self.db.execute("SELECT * FROM articles ORDER BY date, id")]

    def has_article_id(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        return _row_to(Article, row) if row else None

    def speakers(self) -> list[Speaker]:
        aliases: dict[str, list[str]] = {}
        for r in self.db.execute("SELECT speaker_id, alias FROM aliases ORDER BY alias"):
            aliases.setdefault(r[0], []).append(r[1])
        # a former alias can become the name (a fuller form arrived later): it is no alias then
        return [Speaker(id=r["id"], name=r["name"], kind=r["kind"], role=r["role"],
                        aliases=tuple(a for a in aliases.get(r["id"], ()) if a != r["name"]))
                for r in self.db.execute("SELECT * FROM speakers ORDER BY name")]

    def claims(self, ids: Iterable[str] | None = None) -> list[Claim]:
        if ids is None:
            rows = self.db.execute("SELECT * FROM claims ORDER BY article_id, start")
        else:
            rows = self._in_chunks("SELECT * FROM claims WHERE id IN ({})", list(ids))
        return [_row_to(Claim, r) for r in rows]

    def _in_chunks(self, sql: str, ids: list, args: tuple = ()) -> list[sqlite3.Row]:
        """Rows of `sql` (with one "IN ({})") for every id, asked a chunk of ids at a time: one
        statement may bind only so many variables (SQLite's limit, 32,766 or 250,000 by build)."""
        size = min(MAX_IDS_PER_QUERY, self.db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - len(args))
        rows: list[sqlite3.Row] = []
        for i in range(0, len(ids), size):
            chunk = ids[i:i + size]
            rows += self.db.execute(sql.format(",".join("?" * len(chunk))), (*args, *chunk)).fetchall()
        return rows

    def claim_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT speaker_id, COUNT(*) FROM claims GROUP BY speaker_id")}

    # -- embeddings ---------------------------------------------------------------------
    def claims_without_embedding(self, model: str) -> list[Claim]:
        rows = self.db.execute("SELECT c.* FROM claims c LEFT JOIN embeddings e ON e.claim_id=c.id AND e.model=? "
                               "WHERE e.claim_id IS NULL ORDER BY c.article_id, c.start", (model,))
        return [_row_to(Claim, r) for r in rows]

    def put_embeddings(self, model: str, ids: list[str], vectors: np.ndarray) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                           [(i, model, v.astype(np.float32).tobytes()) for i, v in zip(ids, vectors)])

    def embeddings(self, model: str) -> tuple[list[str], np.ndarray]:
        rows = self.db.execute("SELECT claim_id, vector FROM embeddings WHERE model=? ORDER BY claim_id",
                               (model,)).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [r[0] for r in rows], np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows])

    # -- judged pairs and flags -----------------------------------------------------------
    def judged_pair_ids(self, model: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM pairs WHERE model=?", (model,))}

    def unpaired_claim_ids(self, model: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT c.id FROM claims c LEFT JOIN paired p ON p.claim_id=c.id AND p.model=? "
            "WHERE p.claim_id IS NULL ORDER BY c.id", (model,))]

    def put_judgements(self, model: str, judged: list[tuple[Flag, str, float]], paired: list[str]) -> None:
        """Store (flag, origin, similarity) for every judged pair, flagged or not, and mark the
        claims whose candidates these were as done - in one transaction."""
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO paired VALUES (?, ?)", [(c, model) for c in paired])
            db.executemany(
                "INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(f.id, f.a, f.b, model, origin, sim, f.kind, f.score, json.dumps(f.nli_ab), json.dumps(f.nli_ba),
                  json.dumps(f.signals, ensure_ascii=False), f.reason, now()) for f, origin, sim in judged])

    def pair_count(self, model: str) -> int:
        return self.db.execute("SELECT COUNT(*) FROM pairs WHERE model=?", (model,)).fetchone()[0]

    def flags(self, model: str, min_score: float, kind: str | None = None, speaker: str | None = None,
              only_confirmed: bool = False) -> list[tuple[Flag, Verdict | None]]:
        """Flags at or above `min_score`, best first, each with its latest verdict.

        `speaker` matches a speaker id, name or alias on either side.
        """
        # Each pair with its latest verdict (if any) in one query.
        sql = ("SELECT p.*, v.seq AS v_seq, v.verdict AS v_verdict, v.reviewer AS v_reviewer, v.note AS v_note, "
               "v.at AS v_at FROM pairs p LEFT JOIN verdicts v ON v.seq = "
               "(SELECT MAX(seq) FROM verdicts WHERE flag_id = p.id) WHERE p.model=? AND p.score>=?")
        args: list = [model, min_score]
        if kind:
            sql += " AND p.kind=?"
            args.append(kind)
        if speaker:  # the speaker's ids as a subquery: no list of ids to bind
            sql += (" AND EXISTS (SELECT 1 FROM claims c WHERE c.id IN (p.a, p.b) AND c.speaker_id IN "
                    "(SELECT id FROM speakers WHERE id=? OR name=? UNION SELECT speaker_id FROM aliases WHERE alias=?))")
            args.extend([speaker, speaker, speaker])
        sql += " ORDER BY p.score DESC, p.id"
        out = []
        for r in self.db.execute(sql, args).fetchall():
            flag = Flag(id=r["id"], kind=r["kind"], score=r["score"], a=r["a"], b=r["b"],
                        nli_ab=json.loads(r["nli_ab"]), nli_ba=json.loads(r["nli_ba"]),
                        signals=json.loads(r["signals"]), reason=r["reason"])
            verdict = None if r["v_seq"] is None else Verdict(
                flag_id=flag.id, verdict=r["v_verdict"], reviewer=r["v_reviewer"], at=r["v_at"], note=r["v_note"])
            if only_confirmed and (verdict is None or verdict.verdict != "confirmed"):
                continue
            out.append((flag, verdict))
        return out

    # -- verdicts -------------------------------------------------------------------------
    def latest_verdict(self, flag_id: str) -> Verdict | None:
        row = self.db.execute("SELECT * FROM verdicts WHERE flag_id=? ORDER BY seq DESC LIMIT 1",
                              (flag_id,)).fetchone()
        return _row_to(Verdict, row) if row else None

    def add_verdict(self, flag_id: str, verdict: str, reviewer: str, note: str | None = None,
                    seen: Verdict | None = None) -> Verdict:
        """Record a verdict in its own transaction.

        `seen` is the latest verdict the reviewer was shown (None if the flag looked
        unreviewed). If another reviewer has answered since, raise VerdictConflict; the same
        reviewer changing their own answer is allowed.
        """
        with self.transaction() as db:
            latest = self.latest_verdict(flag_id)  # read inside the write lock: no one answers in between
            if latest is not None and latest != seen and latest.reviewer != reviewer:
                raise VerdictConflict(flag_id, latest)
            record = Verdict(flag_id=flag_id, verdict=verdict, reviewer=reviewer, at=now(), note=note)
            db.execute("INSERT INTO verdicts (flag_id, verdict, reviewer, note, at) VALUES (?, ?, ?, ?, ?)",
                       (record.flag_id, record.verdict, record.reviewer, record.note, record.at))
        return record

    def verdict_history(self, flag_id: str) -> list[Verdict]:
        return [_row_to(Verdict, r) for r in
                self.db.execute("SELECT * FROM verdicts WHERE flag_id=? ORDER BY seq", (flag_id,))]

    def stats(self, model: str, threshold: float) -> dict[str, int]:
        one = lambda sql, *a: self.db.execute(sql, a).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"), "claims": one("SELECT COUNT(*) FROM claims"),
                "speakers": one("SELECT COUNT(*) FROM speakers"),
                "candidates": one("SELECT COUNT(*) FROM pairs WHERE model=?", model),
                "flags": one("SELECT COUNT(*) FROM pairs WHERE model=? AND score>=?", model, threshold)}
