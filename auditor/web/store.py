"""The data folder of `auditor serve`: users, sessions, login failures and the run queue in one SQLite
file (web.sqlite, WAL, several processes at once), each run's uploads and outputs in a folder of its
own named by the run's id, the history store beside them.

    auditor-data/
      web.sqlite            users (argon2 hashes), sessions, login failures, runs (the job queue)
      history.sqlite        the history store (unless --history names another)
      runs/<id>/uploads/    the run's files under server-chosen names (文件1.xlsx, 文件2_2024年06月.csv)
      runs/<id>/out/        the run's outputs (published whole by the library)
      runs/<id>/web.json    what the result page reads besides summary.json (the self-check priorities)

An uploaded file's name is kept as text in the runs table (shown, escaped), never used as a path.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

DB_NAME = "web.sqlite"
RESTART_ERROR = "服务重启，审核未完成，请重新上传"
SESSION_SECONDS = 12 * 3600  # a session lasts a working day at most
SESSION_IDLE_SECONDS = 4 * 3600  # and ends after this long without a request
USERNAME = re.compile(r"[0-9A-Za-z_.\-\u4e00-\u9fff]{1,32}")
RUN_ID = re.compile(r"[0-9a-f]{20}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('county', 'township')), township TEXT,
  hash TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL, created REAL NOT NULL, seen REAL NOT NULL);
CREATE TABLE IF NOT EXISTS login_failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (key, at);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('county', 'township')),
  township TEXT, status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  error TEXT, period TEXT, files TEXT NOT NULL, stored TEXT NOT NULL, created REAL NOT NULL,
  started REAL, finished REAL, boot TEXT, must_fix INTEGER, should_check INTEGER, findings INTEGER,
  data_period TEXT, due TEXT, history_run INTEGER);
CREATE INDEX IF NOT EXISTS runs_status ON runs (status, created);
CREATE INDEX IF NOT EXISTS runs_township ON runs (township, created);
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str  # county | township
    township: str | None

    @property
    def is_county(self) -> bool:
        return self.role == "county"

    def label(self) -> str:
        return "县级账号" if self.is_county else f"{self.township}"


@dataclass(frozen=True)
class Run:
    id: str
    owner: str
    kind: str
    township: str | None
    status: str
    error: str | None
    period: str | None
    files: list[str]  # the uploaded files' names as given (text only)
    stored: list[str]  # their server-chosen names, in the same order
    created: float
    started: float | None
    finished: float | None
    must_fix: int | None
    should_check: int | None
    findings: int | None
    data_period: str | None
    due: str | None
    history_run: int | None

    def visible_to(self, user: User) -> bool:
        """A county account sees every run; a township account only its own township's self-checks."""
        if user.is_county:
            return True
        return self.kind == "township" and self.township is not None and self.township == user.township


_RUN_COLUMNS = ("id, owner, kind, township, status, error, period, files, stored, created, started, finished, "
                "must_fix, should_check, findings, data_period, due, history_run")


def _run(row) -> Run:
    values = list(row)
    values[7] = json.loads(values[7])
    values[8] = json.loads(values[8])
    return Run(*values)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DataDir:
    """The data folder; every method opens its own short connection (threads and processes share it)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).absolute()
        self.db = self.root / DB_NAME

    # -- the folder -------------------------------------------------------------------------------

    def init(self) -> DataDir:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / "runs").mkdir(exist_ok=True)
        except OSError as exc:
            raise InputError(f"无法创建数据文件夹 {self.root}：{exc.strerror}") from exc
        with self.connect() as con:
            con.executescript(_SCHEMA)
        return self

    def exists(self) -> bool:
        return self.db.is_file()

    @contextmanager
    def connect(self):
        con = sqlite3.connect(self.db, timeout=60, isolation_level=None)
        try:
            con.execute("PRAGMA busy_timeout = 60000")
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = NORMAL")
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self):
        with self.connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def run_dir(self, run_id: str) -> Path:
        if not RUN_ID.fullmatch(run_id):
            raise ValueError("not a run id")
        return self.root / "runs" / run_id

    def default_history(self) -> str:
        return str(self.root / "history.sqlite")

    # -- users ------------------------------------------------------------------------------------

    def add_user(self, name: str, role: str, township: str | None, hashed: str) -> None:
        with self.transaction() as con:
            if con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise InputError(f"账号 {name} 已存在（改密码用 auditor users passwd {name}）")
            con.execute("INSERT INTO users VALUES (?, ?, ?, ?, ?)", (name, role, township, hashed, time.time()))

    def users(self) -> list[User]:
        with self.connect() as con:
            rows = con.execute("SELECT name, role, township FROM users ORDER BY role, township, name").fetchall()
        return [User(*r) for r in rows]

    def user(self, name: str) -> User | None:
        with self.connect() as con:
            row = con.execute("SELECT name, role, township FROM users WHERE name = ?", (name,)).fetchone()
        return User(*row) if row else None

    def user_hash(self, name: str) -> str | None:
        with self.connect() as con:
            row = con.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_hash(self, name: str, hashed: str, *, end_sessions: bool = True) -> None:
        with self.transaction() as con:
            if not con.execute("UPDATE users SET hash = ? WHERE name = ?", (hashed, name)).rowcount:
                raise InputError(f"没有账号 {name}（用 auditor users list 查看全部账号）")
            if end_sessions:
                con.execute("DELETE FROM sessions WHERE user = ?", (name,))

    def remove_user(self, name: str) -> None:
        with self.transaction() as con:
            if not con.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount:
                raise InputError(f"没有账号 {name}（用 auditor users list 查看全部账号）")
            con.execute("DELETE FROM sessions WHERE user = ?", (name,))

    # -- sessions ---------------------------------------------------------------------------------

    def new_session(self, user: str) -> tuple[str, str]:
        """A session for `user`: (the cookie's token, the CSRF token). Only the token's hash is stored."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        now = time.time()
        with self.transaction() as con:
            con.execute("DELETE FROM sessions WHERE created < ? OR seen < ?",
                        (now - SESSION_SECONDS, now - SESSION_IDLE_SECONDS))
            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)", (token_hash(token), user, csrf, now, now))
        return token, csrf

    def session(self, token: str | None) -> tuple[User, str] | None:
        """The user and CSRF token of a live session, or None."""
        if not token or len(token) > 200:
            return None
        now = time.time()
        key = token_hash(token)
        with self.connect() as con:
            row = con.execute(
                "SELECT u.name, u.role, u.township, s.csrf, s.created, s.seen FROM sessions s "
                "JOIN users u ON u.name = s.user WHERE s.token_hash = ?", (key,)).fetchone()
            if row is None or row[4] < now - SESSION_SECONDS or row[5] < now - SESSION_IDLE_SECONDS:
                return None
            if now - row[5] > 60:
                con.execute("UPDATE sessions SET seen = ? WHERE token_hash = ?", (now, key))
        return User(row[0], row[1], row[2]), row[3]

    def end_session(self, token: str | None) -> None:
        if token:
            with self.connect() as con:
                con.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))

    # -- login throttling -------------------------------------------------------------------------

    def failures(self, key: str, since: float) -> int:
        with self.connect() as con:
            return con.execute("SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?", (key, since)).fetchone()[0]

    def note_failure(self, *keys: str) -> None:
        now = time.time()
        with self.transaction() as con:
            con.execute("DELETE FROM login_failures WHERE at < ?", (now - 86400,))
            con.executemany("INSERT INTO login_failures VALUES (?, ?)", [(k, now) for k in keys])

    def clear_failures(self, key: str) -> None:
        with self.connect() as con:
            con.execute("DELETE FROM login_failures WHERE key = ?", (key,))

    # -- runs (the job queue) ---------------------------------------------------------------------

    def new_run_id(self) -> str:
        return secrets.token_hex(10)

    def add_run(self, run_id: str, owner: User, period: str | None, files: list[str], stored: list[str]) -> None:
        kind = "county" if owner.is_county else "township"
        with self.connect() as con:
            con.execute(f"INSERT INTO runs ({_RUN_COLUMNS}) VALUES ({', '.join('?' * 18)})",
                        (run_id, owner.name, kind, None if owner.is_county else owner.township, "queued", None, period,
                         json.dumps(files, ensure_ascii=False), json.dumps(stored, ensure_ascii=False), time.time(),
                         None, None, None, None, None, None, None, None))

    def run(self, run_id: str) -> Run | None:
        if not isinstance(run_id, str) or not RUN_ID.fullmatch(run_id):
            return None
        with self.connect() as con:
            row = con.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def runs(self, user: User | None = None, township: str | None = None, kind: str | None = None) -> list[Run]:
        """The runs `user` may see (all without a user), newest first; optionally one township's or kind's."""
        sql, params = f"SELECT {_RUN_COLUMNS} FROM runs WHERE 1 = 1", []
        if user is not None and not user.is_county:
            sql += " AND kind = 'township' AND township = ?"
            params.append(user.township)
        if township is not None:
            sql += " AND township = ?"
            params.append(township)
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        with self.connect() as con:
            rows = con.execute(sql + " ORDER BY created DESC, id", params).fetchall()
        return [_run(r) for r in rows]

    def outstanding(self, owner: str) -> int:
        """The runs of `owner` still queued or running."""
        with self.connect() as con:
            return con.execute("SELECT count(*) FROM runs WHERE owner = ? AND status IN ('queued', 'running')",
                               (owner,)).fetchone()[0]

    def claim(self, boot: str) -> str | None:
        """The oldest queued run, now running under this server's `boot`; None when the queue is empty."""
        with self.transaction() as con:
            row = con.execute("SELECT id FROM runs WHERE status = 'queued' ORDER BY created, id LIMIT 1").fetchone()
            if row is None:
                return None
            con.execute("UPDATE runs SET status = 'running', started = ?, boot = ? WHERE id = ?",
                        (time.time(), boot, row[0]))
            return row[0]

    def finish(self, run_id: str, boot: str, *, error: str | None = None, figures: dict | None = None) -> bool:
        """The run done (figures given) or failed (error given), only if it is still running under `boot`:
        a job of a server that was restarted since can never mark its run done."""
        figures = figures or {}
        with self.connect() as con:
            cur = con.execute(
                "UPDATE runs SET status = ?, error = ?, finished = ?, must_fix = ?, should_check = ?, findings = ?, "
                "data_period = ?, due = ?, history_run = ? WHERE id = ? AND status = 'running' AND boot = ?",
                ("failed" if error is not None else "done", error, time.time(), figures.get("must_fix"),
                 figures.get("should_check"), figures.get("findings"), figures.get("period"), figures.get("due"),
                 figures.get("history_run"), run_id, boot))
            return cur.rowcount == 1

    def fail_interrupted(self) -> int:
        """At start: runs left running by a server that is gone are failed (their outputs are incomplete)."""
        with self.connect() as con:
            return con.execute("UPDATE runs SET status = 'failed', error = ?, finished = ? WHERE status = 'running'",
                               (RESTART_ERROR, time.time())).rowcount

    def queued(self) -> int:
        with closing(sqlite3.connect(self.db, timeout=60)) as con:
            return con.execute("SELECT count(*) FROM runs WHERE status = 'queued'").fetchone()[0]
