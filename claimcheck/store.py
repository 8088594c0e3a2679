"""The claim store: a plain SQLite file anyone can open. The only module that writes SQL.

Every write is one transaction, so a run killed at any point leaves the store consistent,
and the next run finds what is missing (claims without embeddings, candidate pairs not yet
judged) and completes it. Verdicts are append-only: a reviewer's answer is never
overwritten, and a second reviewer answering a flag that changed since they loaded it gets
a VerdictConflict instead of silently replacing the first answer.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from claimcheck.records import Article, Candidate, Claim, DisputeVerdict, Flag, Run, Speaker, Verdict
from claimcheck.signals import Evidence

SCHEMA_VERSION = 3  # 2: runs; judgements (was pairs) point at a run. 3: judgements.current, no paired table
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
    speaker_id TEXT REFERENCES speakers(id), date TEXT, claim_date TEXT, denies INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker_id);
CREATE TABLE IF NOT EXISTS embeddings (
    claim_id TEXT NOT NULL REFERENCES claims(id), model TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (claim_id, model));
-- One row per judging configuration (models and their digests, calibration, signal version,
-- pairing settings). Identical configurations share a row, found by `key`. `paired_claims`: how many
-- claims its current candidates were computed over (claims are never removed, so equal means unchanged).
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, embedder TEXT NOT NULL,
    embedder_digest TEXT, nli_model TEXT NOT NULL, nli_digest TEXT, calibration TEXT,
    signals_version INTEGER, settings TEXT NOT NULL, created_at TEXT NOT NULL, used_at TEXT NOT NULL,
    used_seq INTEGER NOT NULL DEFAULT 0, paired_claims INTEGER);
-- Every judged candidate pair of a run, flagged or not, so no pair is ever judged twice by one run.
-- `current`: the pair is among the run's candidates over everything stored now. A pair that later
-- claims pushed out of every claim's top-k keeps its judgement but is not reported.
CREATE TABLE IF NOT EXISTS judgements (
    id TEXT NOT NULL, run INTEGER NOT NULL REFERENCES runs(id), a TEXT NOT NULL REFERENCES claims(id),
    b TEXT NOT NULL REFERENCES claims(id), origin TEXT NOT NULL, similarity REAL NOT NULL, kind TEXT NOT NULL,
    score REAL NOT NULL, nli_ab TEXT NOT NULL, nli_ba TEXT NOT NULL, signals TEXT NOT NULL,
    reason TEXT NOT NULL, judged_at TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (id, run));
CREATE INDEX IF NOT EXISTS judgements_score ON judgements(run, score);
CREATE TABLE IF NOT EXISTS verdicts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, flag_id TEXT NOT NULL, verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL, note TEXT, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS verdicts_flag ON verdicts(flag_id, seq);
-- Reviewers' answers on whole disputes (verdict set) and claims they moved (claim set, side 0/1,
-- or NULL: out). Disputes themselves are computed on read (claimcheck/disputes.py), their ids
-- derive from the member claims, so these rows find their dispute again. Append-only.
CREATE TABLE IF NOT EXISTS dispute_verdicts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, dispute_id TEXT NOT NULL, verdict TEXT, claim_id TEXT,
    side INTEGER, reviewer TEXT NOT NULL, note TEXT, at TEXT NOT NULL, members TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS dispute_verdicts_id ON dispute_verdicts(dispute_id, seq);
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
    booleans = {f.name for f in fields(cls) if f.type in (bool, "bool")}  # SQLite stores them as 0/1
    names = {f.name for f in fields(cls)}
    return cls(**{k: bool(row[k]) if k in booleans else row[k] for k in row.keys() if k in names})


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
                if self._columns("paired") >= {"claim_id", "model"}:  # schema 1: make room for the new table
                    db.execute("ALTER TABLE paired RENAME TO paired_v1")
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
        version = None if row is None else int(row[0])
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer claimcheck (schema {row[0]})")
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "pairs" in tables:  # schema 1 (its meta row may predate the version number)
            self._migrate_from_1()
        if "current" not in self._columns("judgements"):  # schema 2: what it judged was what it reported
            self.db.execute("ALTER TABLE judgements ADD COLUMN current INTEGER NOT NULL DEFAULT 0")
            self.db.execute("UPDATE judgements SET current=1")
        if "paired_claims" not in self._columns("runs"):
            self.db.execute("ALTER TABLE runs ADD COLUMN paired_claims INTEGER")
        # schema 2 resumed per claim ("paired"); candidates are now recomputed over all claims
        self.db.execute("DROP TABLE IF EXISTS paired")
        if "denies" not in self._columns("claims"):  # schema 1: the extractor now records denials
            from claimcheck.extract.denial import is_denial_cue

            self.db.execute("ALTER TABLE claims ADD COLUMN denies INTEGER NOT NULL DEFAULT 0")
            self.db.executemany("UPDATE claims SET denies=1 WHERE id=?",
                                [(r[0],) for r in self.db.execute("SELECT id, cue FROM claims WHERE cue IS NOT NULL")
                                 if is_denial_cue(r[1])])
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _migrate_from_1(self) -> None:
        """Schema 1 keyed judgements by an opaque string ("claimcheck:nli-e5-small#1a2b3c4d5e") that
        only the same settings and model files could recompute. Each key becomes a run holding
        what the key shows (the NLI model name); its settings and digests are unknown."""
        db = self.db
        for r in db.execute("SELECT model, MIN(judged_at), MAX(judged_at) FROM pairs GROUP BY model UNION "
                            "SELECT model, NULL, NULL FROM paired_v1 WHERE model NOT IN (SELECT model FROM pairs)"
                            ).fetchall():
            key, first, last = r[0], r[1] or now(), r[2] or now()
            db.execute("INSERT OR IGNORE INTO runs (key, embedder, nli_model, settings, created_at, used_at) "
                       "VALUES (?, 'unknown (schema 1 store)', ?, '{}', ?, ?)",
                       (f"schema-1:{key}", key.split("#", 1)[0], first, last))
        db.execute("INSERT OR IGNORE INTO judgements SELECT p.id, r.id, p.a, p.b, p.origin, p.similarity, p.kind, "
                   "p.score, p.nli_ab, p.nli_ba, p.signals, p.reason, p.judged_at, 1 FROM pairs p "
                   "JOIN runs r ON r.key = 'schema-1:' || p.model")
        db.execute("DROP TABLE pairs")
        db.execute("DROP TABLE paired_v1")

    def _columns(self, table: str) -> set[str]:
        return {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}

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
                "channel, speaker_id, date, claim_date, denies) VALUES (:id, :article_id, :text, :kind, :start, :end, "
                ":sentence, :speaker_mention, :cue, :role, :channel, :speaker_id, :date, :claim_date, :denies)",
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

    def claim_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]

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

    # -- runs ---------------------------------------------------------------------------------
    def open_run(self, run: Run) -> Run:
        """The stored run with exactly this configuration (marked as used now), or a new one."""
        content = {k: v for k, v in asdict(run).items() if k not in ("id", "created_at", "used_at")}
        key = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        at = now()
        with self.transaction() as db:
            seq = db.execute("SELECT COALESCE(MAX(used_seq), 0) + 1 FROM runs").fetchone()[0]  # finer than seconds
            db.execute("INSERT INTO runs (key, embedder, embedder_digest, nli_model, nli_digest, calibration, "
                       "signals_version, settings, created_at, used_at, used_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET used_at=excluded.used_at, used_seq=excluded.used_seq",
                       (key, run.embedder, run.embedder_digest, run.nli_model, run.nli_digest,
                        None if run.calibration is None else json.dumps(run.calibration, ensure_ascii=False),
                        run.signals_version, json.dumps(run.settings, sort_keys=True), at, at, seq))
            row = db.execute("SELECT * FROM runs WHERE key=?", (key,)).fetchone()
        return self._run(row)

    @staticmethod
    def _run(row: sqlite3.Row) -> Run:
        return Run(id=row["id"], embedder=row["embedder"], embedder_digest=row["embedder_digest"],
                   nli_model=row["nli_model"], nli_digest=row["nli_digest"],
                   calibration=json.loads(row["calibration"]) if row["calibration"] else None,
                   signals_version=row["signals_version"], settings=json.loads(row["settings"]),
                   created_at=row["created_at"], used_at=row["used_at"])

    def runs(self) -> list[Run]:
        """Every run, the most recently used first."""
        return [self._run(r) for r in self.db.execute("SELECT * FROM runs ORDER BY used_seq DESC, id DESC")]

    def run(self, run_id: int | None = None) -> Run:
        """Run `run_id`, or the most recently used one; StoreError when there is none."""
        if run_id is None:
            row = self.db.execute("SELECT * FROM runs ORDER BY used_seq DESC, id DESC LIMIT 1").fetchone()
            if row is None:
                raise StoreError(f"{self.path}: nothing judged yet (run `claimcheck check` first)")
        else:
            row = self.db.execute("SELECT * FROM runs WHERE id=?", (run_id,)).fetchone()
            if row is None:
                known = ", ".join(str(r.id) for r in self.runs()) or "none"
                raise StoreError(f"{self.path}: no run {run_id} (runs: {known}; see `claimcheck runs`)")
        return self._run(row)

    # -- judgements and flags ------------------------------------------------------------------
    def judged_pair_ids(self, run: int) -> set[str]:
        """Every pair the run has judged, current candidate or not."""
        return {r[0] for r in self.db.execute("SELECT id FROM judgements WHERE run=?", (run,))}

    def current_pair_ids(self, run: int) -> set[str]:
        """The run's current candidate pairs: the ones report, review and export read."""
        return {r[0] for r in self.db.execute("SELECT id FROM judgements WHERE run=? AND current=1", (run,))}

    def put_judgements(self, run: int, judged: list[tuple[Flag, str, float]], current: bool = False) -> None:
        """Store (flag, origin, similarity) for judged pairs of a run, flagged or not, in one
        transaction. Unless `current`, they become current with the next set_current_candidates."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO judgements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(f.id, run, f.a, f.b, origin, sim, f.kind, f.score, json.dumps(f.nli_ab), json.dumps(f.nli_ba),
                  json.dumps(f.signals.to_dict(), ensure_ascii=False), f.reason, now(), int(current))
                 for f, origin, sim in judged])

    def paired_claims(self, run: int) -> int | None:
        """How many claims the run's current candidates were computed over (None: not yet)."""
        return self.db.execute("SELECT paired_claims FROM runs WHERE id=?", (run,)).fetchone()[0]

    def set_current_candidates(self, run: int, candidates: Iterable[Candidate], over_claims: int) -> None:
        """Make exactly these (already judged) pairs the run's current candidates, with the
        origin and similarity this pairing gave them, computed over `over_claims` claims, in
        one transaction."""
        with self.transaction() as db:
            db.execute("UPDATE runs SET paired_claims=? WHERE id=?", (over_claims, run))
            db.execute("UPDATE judgements SET current=0 WHERE run=? AND current=1", (run,))
            db.executemany("UPDATE judgements SET current=1, origin=?, similarity=? WHERE run=? AND id=?",
                           [(c.origin, c.similarity, run, c.id) for c in candidates])

    @contextmanager
    def judging_lock(self) -> Iterator[None]:
        """Hold the store's judging lock (`<db>.judge.lock`, flock): one check judges at a time,
        without holding SQLite's write lock, so ingest and review go on meanwhile."""
        if str(self.path) == ":memory:":
            yield
            return
        with open(f"{self.path}.judge.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def pair_count(self, run: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM judgements WHERE run=? AND current=1", (run,)).fetchone()[0]

    def flags(self, run: int, min_score: float, kind: str | None = None, speaker: str | None = None,
              only_confirmed: bool = False) -> list[tuple[Flag, Verdict | None]]:
        """Flags of a run at or above `min_score`, best first, each with its latest verdict.

        `speaker` matches a speaker id, name or alias on either side.
        """
        # Each pair with its latest verdict (if any) in one query.
        sql = ("SELECT p.*, v.seq AS v_seq, v.verdict AS v_verdict, v.reviewer AS v_reviewer, v.note AS v_note, "
               "v.at AS v_at FROM judgements p LEFT JOIN verdicts v ON v.seq = "
               "(SELECT MAX(seq) FROM verdicts WHERE flag_id = p.id) WHERE p.run=? AND p.current=1 AND p.score>=?")
        args: list = [run, min_score]
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
                        signals=Evidence.from_dict(json.loads(r["signals"])), reason=r["reason"])
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

    # -- dispute verdicts --------------------------------------------------------------------
    def add_dispute_verdict(self, record: DisputeVerdict) -> DisputeVerdict:
        """Append a reviewer's answer on a dispute, or a claim move, in its own transaction."""
        if (record.verdict is None) == (record.claim is None):
            raise ValueError("a dispute verdict is either a verdict or a claim move")
        record = DisputeVerdict(**{**asdict(record), "at": record.at or now()})
        with self.transaction() as db:
            db.execute("INSERT INTO dispute_verdicts (dispute_id, verdict, claim_id, side, reviewer, note, at, members) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (record.dispute_id, record.verdict, record.claim, record.side,
                                                           record.reviewer, record.note, record.at,
                                                           json.dumps(list(record.members))))
        return record

    def dispute_verdicts(self, dispute_id: str | None = None) -> list[DisputeVerdict]:
        """Every dispute verdict and move (of one dispute, or all), oldest first."""
        sql = "SELECT * FROM dispute_verdicts" + (" WHERE dispute_id=?" if dispute_id else "") + " ORDER BY seq"
        return [DisputeVerdict(dispute_id=r["dispute_id"], reviewer=r["reviewer"], at=r["at"], verdict=r["verdict"],
                               claim=r["claim_id"], side=r["side"], note=r["note"],
                               members=tuple(json.loads(r["members"])))
                for r in self.db.execute(sql, (dispute_id,) if dispute_id else ())]

    def stats(self, run: int | None, threshold: float) -> dict[str, int]:
        one = lambda sql, *a: self.db.execute(sql, a).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT COUNT(*) FROM articles"), "claims": one("SELECT COUNT(*) FROM claims"),
                "speakers": one("SELECT COUNT(*) FROM speakers"),
                "candidates": one("SELECT COUNT(*) FROM judgements WHERE run=? AND current=1", run),
                "flags": one("SELECT COUNT(*) FROM judgements WHERE run=? AND current=1 AND score>=?", run, threshold)}
