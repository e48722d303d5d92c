"""The run store: every audit run with its findings, month over month (architecture.md decisions 7, 8).

Embedded by default — one SQLite file, created on first use, no server to install, safe for several
processes at once (each run is written in one IMMEDIATE transaction; others wait) and for a process
killed mid-write (the journal rolls the half-written run back). PostgreSQL when the target is a
postgresql:// URL, for a county or prefecture sharing one store. The schema is versioned.

A run is a period (YYYY-MM) and a scope (county + townships), its parameters and rule-set version,
its findings with their identities (发现键), the entities present (households, persons) and small
snapshots of the household and person values the cross-period rules (G15, I16, J04, K01, K02) read.
Recording the same period and scope again replaces the earlier run. A store written by an older
auditor is upgraded in place when opened (_ADDED_COLUMNS, one transaction); a newer one is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..errors import InputError

SCHEMA_VERSION = 5
# Columns added after version 1, by the version that added them: (table, column). A store of an older
# version gains them (NULL in the runs it already holds) the first time a newer auditor opens it.
_ADDED_COLUMNS: dict[int, tuple[tuple[str, str], ...]] = {
    2: (("run_households", "ident_month"),),  # YYYY-MM of 识别监测时间 ('' blank; NULL not recorded)
    3: (("run_households", "uninsured"),  # 附表4: members without basic medical insurance (NULL not recorded)
        ("run_households", "per_capita_text")),  # 人均纯收入 as written, for the cross-period rules' 说明
    4: (("run_persons", "name"),  # 姓名 (norm) and 与户主关系 (canon): a later run matches the person by them
        ("run_persons", "relation"),  # when the ID was corrected (NULL not recorded: matched by ID only)
        ("run_persons", "id_number")),  # 证件号码 as written, for "证件号码已更正：旧 → 新"
}
# Child tables added after version 1, by the version that added them (created when a store is upgraded).
_ADDED_TABLES: dict[int, tuple[str, ...]] = {4: ("run_person_matches",), 5: ("run_clues",)}
# Runs under way (version 4): a run of a later period waits for those of earlier periods, so runs
# started together are recorded as if one after the other, in period order.
_PENDING = ("CREATE TABLE IF NOT EXISTS runs_pending (token TEXT PRIMARY KEY, period TEXT NOT NULL, scope TEXT, "
            "host TEXT NOT NULL, pid BIGINT NOT NULL, started DOUBLE PRECISION NOT NULL)")
PENDING_STALE_SECONDS = 6 * 3600  # a pending run of another host is taken for dead after this long


class StaleComparison(Exception):
    """The earlier runs a run compared with are no longer the latest: another run was recorded since."""
PAUSE_ENV = "AUDITOR_TEST_PAUSE_IN_HISTORY_WRITE"  # fault injection for the reliability tests only

# (table, columns) of the per-run child tables; every column is TEXT unless named in _TYPES.
CHILD_TABLES: dict[str, tuple[str, ...]] = {
    "run_findings": ("finding_key", "rule_id", "rule_name", "category", "dimension", "level", "township", "village",
                     "household", "head_name",
                     "name", "id_number", "field", "value", "note", "source_file", "source_line", "person_key",
                     "status"),
    "run_entities": ("kind", "entity_key", "township"),
    "run_households": ("household", "township", "village", "members", "declared_size", "per_capita", "removed",
                       "unremoved", "unsafe_house", "safe_water", "dropout", "measures", "ident_month",
                       "uninsured", "per_capita_text"),
    "run_persons": ("person_key", "household", "township", "serious_illness", "name", "relation", "id_number"),
    # Persons of the run matched to the previous run's by 户编号 + 姓名 (their ID changed), and why.
    "run_person_matches": ("person_key", "previous_key", "previous_period", "household", "name", "previous_id",
                           "id_number"),
    # The 风险线索 of the department lists as they stood at the run (version 5; reconcile/clues.py): each
    # run holds every clue still followed, so a later run carries them on from the latest earlier run.
    "run_clues": ("clue_id", "list_kind", "name", "id_number", "person_key", "township", "village", "household",
                  "standing", "matched_by", "reason", "source_file", "source_line", "clue_date", "deadline", "status",
                  "closed_on", "days", "result", "excuse", "checked_on", "found_period"),
}
_TYPES = {"source_line": "BIGINT", "members": "BIGINT", "declared_size": "DOUBLE PRECISION",
          "per_capita": "DOUBLE PRECISION", "removed": "INTEGER", "unremoved": "INTEGER", "serious_illness": "INTEGER",
          "uninsured": "INTEGER", "days": "BIGINT"}
# Numbers come back as the prepared tables' DECIMAL(38, 6): a float64 rounded to 6 places is the decimal it
# was stored from up to 2^33 (8.6·10^9), so the cross-period rules compare exactly (K01's 1-yuan tolerance).
_DECIMAL = pa.decimal128(38, 6)
_DECIMAL_LIMIT = 1e31  # beyond this a float64 may round past DECIMAL(38, 6); no such amount is plausible


@dataclass
class RunInfo:
    run_id: int
    period: str
    scope: str
    recorded_at: str
    ruleset_version: str
    summary: dict


def scope_key(county: str, townships: Sequence[str]) -> str:
    """The scope of a run: the county, and the townships when the run covered only some of them."""
    return f"{county or '（未知县）'}|{','.join(sorted(townships)) if townships else '全县'}"


def scope_text(scope: str) -> str:
    """A scope as people read it: '涞源县|全县' → '涞源县（全县）', '涞源县|涞源镇,银坊镇' → '涞源县（涞源镇、银坊镇）'."""
    county, _, towns = scope.partition("|")
    towns, bar, what = towns.partition("|")  # "|对账": a run of auditor reconcile
    towns = towns.replace(",", "、") + ("，部门清单对账" if bar and what == "对账" else "")
    return f"{county}（{towns}）" if towns else county


class Store:
    """One history store (SQLite file or PostgreSQL database)."""

    def __init__(self, target: str):
        self.target = target
        self.is_pg = target.startswith(("postgresql://", "postgres://"))
        if self.is_pg:
            try:
                import psycopg
            except ImportError as exc:
                raise InputError("使用 PostgreSQL 历史库需要安装 psycopg：pip install 'auditor[postgres]'") from exc
            try:
                self.conn = psycopg.connect(target, autocommit=True, connect_timeout=10)
            except psycopg.Error as exc:
                raise InputError(f"无法连接历史库 {_redact(target)}：{str(exc).strip().splitlines()[0]}") from exc
        else:
            path = Path(target)
            if path.is_dir():
                raise InputError(f"历史库路径 {path} 是文件夹，请给出文件路径（如 历史库.sqlite）")
            if path.is_file() and not _is_sqlite(path):
                raise InputError(f"历史库 {path} 不是 SQLite 数据库文件（不是 auditor 的历史库）：请给出历史库文件，"
                                 "或一个新的文件名")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(str(path), timeout=300, isolation_level=None)
                self.conn.execute("PRAGMA busy_timeout = 300000")
            except (OSError, sqlite3.Error) as exc:
                raise InputError(f"无法打开历史库 {path}：{_why(exc)}") from exc
        try:
            self._ensure_schema()
        except sqlite3.Error as exc:
            raise InputError(f"历史库 {self.target} 无法写入：{_why(exc)}") from exc

    # ---- plumbing ------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.is_pg else sql

    def execute(self, sql: str, params: Sequence = ()):
        try:
            cur = self.conn.cursor()
            cur.execute(self._sql(sql), params)
            return cur
        except sqlite3.OperationalError as exc:
            raise InputError(f"历史库 {self.target} 无法读写：{_why(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            raise InputError(f"历史库 {self.target} 已损坏或不是 auditor 的历史库（{exc}）") from exc

    @contextmanager
    def transaction(self, lock: str):
        """One write transaction; concurrent writers of the same store wait for each other."""
        if self.is_pg:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))
                yield
        else:
            self._begin_immediate()
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _begin_immediate(self) -> None:
        deadline = time.monotonic() + 600
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc):
                    raise InputError(f"历史库 {self.target} 无法写入：{_why(exc)}") from exc
                if time.monotonic() > deadline:
                    raise InputError(f"历史库 {self.target} 被其他程序长时间占用，无法写入，请稍后重试") from exc
                time.sleep(0.05)

    def _ensure_schema(self) -> None:
        ident = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" if self.is_pg else "INTEGER PRIMARY KEY"
        with self.transaction("auditor-schema"):
            self.execute("CREATE TABLE IF NOT EXISTS auditor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = self.execute("SELECT value FROM auditor_meta WHERE key = 'schema_version'").fetchone()
            if row is None and self._foreign():
                raise InputError(f"历史库 {_redact(self.target)} 是其他程序的数据库（其中已有别的表），不是 auditor 的历史库：请给出"
                                 "一个新的文件名（或空的数据库）")
            if row and int(row[0]) > SCHEMA_VERSION:
                raise InputError(f"历史库 {_redact(self.target)} 由更新版本的 auditor 创建（结构版本 {row[0]}），请升级 auditor")
            if row:
                self._migrate(int(row[0]))
                return
            self.execute(f"""CREATE TABLE IF NOT EXISTS runs (
                run_id {ident}, period TEXT NOT NULL, scope TEXT NOT NULL, recorded_at TEXT NOT NULL,
                ruleset_version TEXT NOT NULL, parameters TEXT NOT NULL, summary TEXT NOT NULL,
                UNIQUE (period, scope))""")
            for table in CHILD_TABLES:
                self._create_child(table)
            self.execute(_PENDING)
            self.execute("INSERT INTO auditor_meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _migrate(self, version: int) -> None:
        """Add what later versions added (inside the schema transaction, so only one process does it)."""
        if version == SCHEMA_VERSION:
            return
        for added in range(version + 1, SCHEMA_VERSION + 1):
            for table in _ADDED_TABLES.get(added, ()):
                self._create_child(table)
            if added == 4:
                self.execute(_PENDING)
            for table, column in _ADDED_COLUMNS.get(added, ()):
                # A column already there (a store whose version was lowered by hand, a partial upgrade) is kept.
                if column not in self._columns(table):
                    self.execute(f"ALTER TABLE {table} ADD COLUMN {column} {_TYPES.get(column, 'TEXT')}")
        self.execute("UPDATE auditor_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def _foreign(self) -> bool:
        """A database holding tables of another program (an auditor store has auditor_meta first)."""
        if self.is_pg:
            return bool(self.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'runs' "
                                     "AND table_schema = current_schema()").fetchone())
        return bool(self.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name <> 'auditor_meta'").fetchone())

    def _create_child(self, table: str) -> None:
        defs = ", ".join(f"{c} {_TYPES.get(c, 'TEXT')}" for c in CHILD_TABLES[table])
        self.execute(f"CREATE TABLE IF NOT EXISTS {table} (run_id BIGINT NOT NULL, {defs})")
        self.execute(f"CREATE INDEX IF NOT EXISTS {table}_run ON {table} (run_id)")

    def _columns(self, table: str) -> set[str]:
        """The columns a table has (the same query on SQLite and PostgreSQL)."""
        return {d[0] for d in self.execute(f"SELECT * FROM {table} LIMIT 0").description}

    def close(self) -> None:
        self.conn.close()

    # ---- writing ---------------------------------------------------------------------------------
    def record(self, period: str, scope: str, ruleset_version: str, parameters: dict, summary: dict,
               children: dict[str, pa.Table], compared: tuple[dict[str, int | None], str, str] | None = None) -> int:
        """Store one run in one transaction, replacing a run of the same period and scope.

        `compared` is (the run ids the run was compared with, the lag month, the stale month), as
        comparison_ids gives them: they are read again inside the transaction, and when another run
        has been recorded since, StaleComparison is raised and nothing is written (compare again,
        then record)."""
        now = dt.datetime.now().isoformat(timespec="seconds")
        with self.transaction(f"auditor-run|{scope}"):
            if compared is not None and self.comparison_ids(scope, period, *compared[1:]) != compared[0]:
                raise StaleComparison(scope)
            for old in self.execute("SELECT run_id FROM runs WHERE period = ? AND scope = ?", (period, scope)).fetchall():
                for table in CHILD_TABLES:
                    self.execute(f"DELETE FROM {table} WHERE run_id = ?", (old[0],))
                self.execute("DELETE FROM runs WHERE run_id = ?", (old[0],))
            cur = self.execute(
                "INSERT INTO runs (period, scope, recorded_at, ruleset_version, parameters, summary) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING run_id",
                (period, scope, now, ruleset_version, json.dumps(parameters, ensure_ascii=False, default=str),
                 json.dumps(summary, ensure_ascii=False, default=str)))
            run_id = int(cur.fetchone()[0])
            for table, cols in CHILD_TABLES.items():
                data = children.get(table)
                if data is not None and data.num_rows:
                    self._insert(table, run_id, cols, data)
                    _maybe_pause()
        return run_id

    def comparison_ids(self, scope: str, period: str, lag_month: str, stale_month: str) -> dict[str, int | None]:
        """The run ids of the runs a run of `period` compares with, as the store holds them now: the
        latest earlier one, the one of exactly `lag_month`, the latest one not after `stale_month`."""
        runs = {"last": self.previous(scope, period), "lag": self.previous(scope, period, exactly=lag_month),
                "stale": self.previous(scope, period, at_most=stale_month)}
        return {kind: run.run_id if run else None for kind, run in runs.items()}

    # ---- runs under way ----------------------------------------------------------------------
    def enqueue(self, period: str) -> str:
        """Note a run of `period` under way; its token."""
        token = uuid.uuid4().hex
        with self.transaction("auditor-pending"):
            self.execute("INSERT INTO runs_pending (token, period, scope, host, pid, started) VALUES (?, ?, NULL, ?, ?, ?)",
                         (token, period, socket.gethostname(), os.getpid(), time.time()))
        return token

    def wait_for_earlier(self, token: str, period: str, scope: str, timeout: float = 24 * 3600) -> None:
        """Wait while a run of an earlier period of `scope` (or of a scope not known yet) is under way
        in another process, so runs started together compare as if run one after the other."""
        with self.transaction("auditor-pending"):
            self.execute("UPDATE runs_pending SET scope = ?, period = ? WHERE token = ?", (scope, period, token))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self.execute("SELECT host, pid, started FROM runs_pending WHERE period < ? AND token <> ? "
                                "AND (scope = ? OR scope IS NULL)", (period, token, scope)).fetchall()
            if not any(_alive(host, int(pid), float(started)) for host, pid, started in rows):
                return
            time.sleep(0.2)

    def dequeue(self, token: str) -> None:
        with self.transaction("auditor-pending"):
            self.execute("DELETE FROM runs_pending WHERE token = ?", (token,))

    def _insert(self, table: str, run_id: int, cols: tuple[str, ...], data: pa.Table) -> None:
        rows = zip(*(data.column(c).to_pylist() for c in cols), strict=True)
        if self.is_pg:
            with self.conn.cursor().copy(f"COPY {table} (run_id, {', '.join(cols)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((run_id, *row))
        else:
            marks = ", ".join("?" * (len(cols) + 1))
            self.conn.executemany(f"INSERT INTO {table} (run_id, {', '.join(cols)}) VALUES ({marks})",
                                  ((run_id, *row) for row in rows))

    # ---- reading ---------------------------------------------------------------------------------
    def runs(self, scope: str | None = None) -> list[RunInfo]:
        sql = "SELECT run_id, period, scope, recorded_at, ruleset_version, summary FROM runs"
        params: tuple = ()
        if scope is not None:
            sql += " WHERE scope = ?"
            params = (scope,)
        rows = self.execute(sql + " ORDER BY period, scope, run_id", params).fetchall()
        return [RunInfo(int(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    def run(self, run_id: int) -> RunInfo | None:
        return next((r for r in self.runs() if r.run_id == run_id), None)

    def previous(self, scope: str, period: str, *, exactly: str | None = None, at_most: str | None = None) -> RunInfo | None:
        """The latest run of `scope` before `period` (or exactly at / not after another period)."""
        candidates = [r for r in self.runs(scope) if r.period < period]
        if exactly is not None:
            candidates = [r for r in candidates if r.period == exactly]
        if at_most is not None:
            candidates = [r for r in candidates if r.period <= at_most]
        return candidates[-1] if candidates else None

    def child(self, table: str, run_id: int) -> pa.Table:
        cols = CHILD_TABLES[table]
        rows = self.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE run_id = ?", (run_id,)).fetchall()
        return pa.table({c: _column(c, [r[i] for r in rows]) for i, c in enumerate(cols)})

    def finding_keys_before(self, scope: str, period: str) -> set[str]:
        """Every finding key any earlier run of the scope had (for 反弹: fixed, then back)."""
        rows = self.execute(
            "SELECT DISTINCT f.finding_key FROM run_findings f JOIN runs r ON r.run_id = f.run_id "
            "WHERE r.scope = ? AND r.period < ?", (scope, period)).fetchall()
        return {r[0] for r in rows}


def _column(col: str, values: list) -> pa.Array:
    t = _TYPES.get(col, "TEXT")
    if t == "DOUBLE PRECISION":
        floats = pa.array([v if v is None or abs(v) < _DECIMAL_LIMIT else None for v in values], pa.float64())
        return floats.cast(_DECIMAL)
    return pa.array(values, {"BIGINT": pa.int64(), "INTEGER": pa.int64()}.get(t, pa.string()))


def _maybe_pause() -> None:
    """Reliability tests kill the process here, with part of a run written and not committed."""
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).write_text("writing", encoding="utf-8")
        time.sleep(3600)


def _redact(target: str) -> str:
    """A URL without its user and password (the password may itself hold '@'), for messages."""
    if "@" in target and "://" in target:
        scheme, rest = target.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return target


def _is_sqlite(path: Path) -> bool:
    """An empty file (a store about to be made) or an SQLite database file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return True  # let the open say what is wrong
    return not head or head == b"SQLite format 3\x00"


def _why(exc: Exception) -> str:
    """The reason of an SQLite or file error, in Chinese."""
    text = str(exc).lower()
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text or "permission" in text:
        return "没有写入权限（历史库文件或它所在的文件夹只读），请换一个可写的位置"
    if "unable to open" in text:
        return "无法打开或创建该文件（文件夹不存在或不可写）"
    if "locked" in text or "busy" in text:
        return "被其他程序占用，请稍后重试"
    if ("disk" in text and "full" in text) or getattr(exc, "errno", None) == 28:
        return "磁盘空间不足"
    return str(exc)


def _alive(host: str, pid: int, started: float) -> bool:
    """Whether a pending run may still be under way (this host: its process exists; another host:
    it started less than PENDING_STALE_SECONDS ago)."""
    if host != socket.gethostname():
        return time.time() - started < PENDING_STALE_SECONDS
    if pid == os.getpid():
        return False  # a run of this very process that was never recorded: not waited for
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def open_store(target: str | None) -> Store | None:
    return Store(target) if target else None
