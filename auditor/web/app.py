"""The web application: pages for township clerks and the county, and the JSON API they use.

Thin by design: a run is the library's run (a job in a worker process, job.py); the pages read its
summary.json, its findings.parquet and the self-check priorities of report/selfcheck.py. Nothing here
judges a row, scores a township or writes a report.

Access: a township account sees only its own township's self-checks; anything else — another
township's run, a county run, the county's pages, and every page or API call without a session — is
the same 404 as a run that does not exist. POSTs carry the session's CSRF token (the X-CSRF-Token
header for the API, a hidden field for forms); cookies are HttpOnly and SameSite=Strict; every
response has a Content-Security-Policy without inline script.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import secrets
import shutil
import threading
import urllib.parse
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import InputError
from ..period import file_month
from . import accounts
from .job import Settings
from .store import DataDir, Run, User
from .workers import Pool

HERE = Path(__file__).parent
SESSION_COOKIE = "auditor_session"
LOGIN_COOKIE = "auditor_login"  # the login form's CSRF token (double submit), before any session
SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".parquet", ".html", ".htm"}
PAGE_SIZE = 100
MAX_OUTSTANDING = 30  # one account's runs queued or running at once: no one fills the queue for everyone
ZIP_NAME = "全部工作簿.zip"
CIRCULAR = "通报.html"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'")
# The circular shown inline: its own styles, no script at all (sandboxed), only inside our pages.
CIRCULAR_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox")
NOT_FOUND = "未找到：页面或文件不存在，或您没有权限查看"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024  # per run, all files together
    max_files: int = 20


class TooLarge(Exception):
    pass


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _time(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else "—"


def _rate(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def _rank(value) -> str:
    return "—" if value is None else str(value)


def attachment(name: str) -> str:
    """Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266/5987)."""
    base = name.replace("/", "_").replace("\\", "_")
    suffix = Path(base).suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", Path(base).suffix or ".") else ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", base[: len(base) - len(suffix)]).strip("_")
    ascii_name = (stem if re.search(r"[A-Za-z0-9]", stem) else "download") + suffix
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{urllib.parse.quote(base, safe='')}"


class Web:
    """The application's state: the data folder, the worker pool, the templates, the limits."""

    def __init__(self, data: DataDir, settings: Settings, workers: int, limits: Limits) -> None:
        self.data, self.settings, self.limits = data, settings, limits
        self.pool = Pool(data, settings, workers)
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                                      undefined=jinja2.StrictUndefined)
        self.env.filters.update(time=_time, rate=_rate, rank=_rank, mb=_mb,
                                quote=lambda s: urllib.parse.quote(str(s), safe=""))
        self.env.globals.update(limits=limits, page_url=page_url)
        self._duck = None
        self._duck_lock = threading.Lock()
        self._summaries: dict[str, dict] = {}  # a finished run's summary.json never changes

    @property
    def duck(self):
        """One DuckDB database for every page (read_parquet of a run's findings), bounded: a connection
        per request would be a database per request, and their allocations add up under load."""
        with self._duck_lock:
            if self._duck is None:
                import duckdb

                self._duck = duckdb.connect(config={"memory_limit": "256MB", "threads": 1})
            return self._duck

    # -- sessions and access ----------------------------------------------------------------------

    def session(self, request: Request) -> tuple[User, str] | None:
        return self.data.session(request.cookies.get(SESSION_COOKIE))

    def need_user(self, request: Request) -> tuple[User, str]:
        found = self.session(request)
        if found is None:
            raise HTTPException(404)
        return found

    def need_csrf(self, request: Request, csrf: str, given: str | None) -> None:
        if not given or not secrets.compare_digest(str(given), csrf):
            raise HTTPException(403, "请求缺少有效的 CSRF 令牌：请刷新页面后重试")

    def visible_run(self, user: User, run_id: str) -> Run:
        run = self.data.run(run_id)
        if run is None or not run.visible_to(user):
            raise HTTPException(404)
        return run

    # -- pages ------------------------------------------------------------------------------------

    def render(self, name: str, request: Request, status: int = 200, **context) -> HTMLResponse:
        found = context.pop("session", None) or self.session(request)
        user, csrf = found if found else (None, "")
        html = self.env.get_template(name).render(user=user, csrf=csrf, **context)
        return HTMLResponse(html, status_code=status)

    def set_session(self, response: Response, request: Request, token: str) -> None:
        from .store import SESSION_SECONDS

        response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
        response.delete_cookie(LOGIN_COOKIE, path="/")

    def login_page(self, request: Request, error: str = "", status: int = 200) -> HTMLResponse:
        token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
        if len(token) > 100:
            token = secrets.token_urlsafe(24)
        response = self.render("login.html", request, status, login_token=token, error=error)
        response.set_cookie(LOGIN_COOKIE, token, max_age=3600, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
        return response

    async def home(self, request: Request) -> Response:
        found = self.session(request)
        if found is None:
            return self.login_page(request)
        return await run_in_threadpool(self.home_page, request, found, "", 200)

    def home_page(self, request: Request, found: tuple[User, str], error: str, status: int) -> HTMLResponse:
        user, _ = found
        if user.is_county:
            runs = self.data.runs(user, kind="county")
            return self.render("county.html", request, status, session=found, runs=runs, error=error,
                               board=self.board(), township_runs=self.data.runs(user, kind="township")[:50])
        runs = self.data.runs(user)
        return self.render("township.html", request, status, session=found, runs=runs, error=error,
                           latest=next((r for r in runs if r.status == "done"), None))

    def board(self) -> list[dict]:
        """The self-check board: per township, its last upload, 必改 still open, days left to the deadline."""
        county_runs = [r for r in self.data.runs(kind="county") if r.status == "done"]
        towns: dict[str, dict] = {}
        if county_runs:
            summary = self.summary(county_runs[0]) or {}
            for t in summary.get("townships", []):
                towns.setdefault(t["name"], {"county_must_fix": t["must_fix"]})
        for u in self.data.users():
            if u.township:
                towns.setdefault(u.township, {})
        township_runs = self.data.runs(kind="township")
        today = dt.date.today()
        fixed_due = self.settings.deadline
        rows = []
        for name in sorted(towns):
            mine = [r for r in township_runs if r.township == name]
            last = next((r for r in mine if r.status == "done"), None)
            due_text = fixed_due or (last.due if last else None) or (county_runs[0].due if county_runs else None)
            days = (dt.date.fromisoformat(due_text) - today).days if due_text else None
            rows.append({"township": name, "last": last, "uploads": len(mine), "due": due_text, "days": days,
                         "must_fix": last.must_fix if last else None, **towns[name]})
        return rows

    def summary(self, run: Run) -> dict | None:
        if run.status != "done":
            return None
        if run.id not in self._summaries:
            path = self.data.run_dir(run.id) / "out" / "summary.json"
            if not path.is_file():
                return None
            if len(self._summaries) > 200:
                self._summaries.clear()
            self._summaries[run.id] = json.loads(path.read_text(encoding="utf-8"))
        return self._summaries[run.id]

    def web_json(self, run: Run) -> dict:
        path = self.data.run_dir(run.id) / "web.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def files(self, run: Run) -> list[str]:
        """The run's published outputs (the library's own list), plus the zip of its workbooks."""
        marker = self.data.run_dir(run.id) / "out" / ".auditor"
        if run.status != "done" or not marker.is_file():
            return []
        names = list(json.loads(marker.read_text(encoding="utf-8"))["files"])
        return [*names, ZIP_NAME] if any(n.endswith(".xlsx") for n in names) else names

    async def run_page(self, request: Request) -> Response:
        found = self.need_user(request)
        run = self.visible_run(found[0], request.path_params["run_id"])
        return await run_in_threadpool(self.run_page_sync, request, found, run)

    def run_page_sync(self, request: Request, found: tuple[User, str], run: Run) -> HTMLResponse:
        summary = self.summary(run)
        from ..report.selfcheck import selfcheck_verdict

        files = self.files(run)
        context: dict = {"run": run, "summary": summary, "files": files, "downloads": downloads(run, files),
                         "filters": {},
                         "findings": None, "priorities": {}, "earlier": [], "options": {},
                         "refresh": 3 if run.status in ("queued", "running") else 0,
                         "verdict": selfcheck_verdict(summary) if summary else ""}
        if summary is not None:
            filters = {k: request.query_params.get(k, "")[:100] for k in ("乡镇", "行政村", "规则编号", "类别")}
            try:
                page = max(1, min(100000, int(request.query_params.get("page", "1"))))
            except ValueError:
                page = 1
            context.update(filters=filters, page=page,
                           findings=self.findings(run, filters, page), options=self.filter_options(run),
                           priorities=self.web_json(run).get("priorities", {}))
            if run.kind == "township":
                context["earlier"] = self.earlier(run, found[0])
        return self.render("run.html", request, session=found, **context)

    def earlier(self, run: Run, user: User) -> list[dict]:
        """This township's uploads, newest first, each with its fix tracking and its 必改 against the
        upload before it."""
        runs = [r for r in self.data.runs(user, township=run.township, kind="township") if r.status == "done"]
        out = []
        for i, r in enumerate(runs):
            summary = self.summary(r) or {}
            town = next((t for t in summary.get("townships", []) if t["name"] == r.township), {})
            before = runs[i + 1] if i + 1 < len(runs) else None
            change = r.must_fix - before.must_fix if before and r.must_fix is not None and before.must_fix is not None \
                else None
            out.append({"run": r, "town": town, "change": change,
                        "previous_period": (summary.get("history") or {}).get("previous_period")})
        return out

    def _findings_sql(self, run: Run, filters: dict) -> tuple[str, list]:
        where, params = [], []
        for column, value in filters.items():
            if value:
                where.append(f'"{column}" = ?')
                params.append(value)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def findings(self, run: Run, filters: dict, page: int) -> dict:
        path = self.data.run_dir(run.id) / "out" / "findings.parquet"
        where, params = self._findings_sql(run, filters)
        with self.duck.cursor() as con:
            source = f"read_parquet({_sql_text(path)})"
            total = con.execute(f"SELECT count(*) FROM {source}{where}", params).fetchall()[0][0]
            cur = con.execute(f"SELECT * FROM {source}{where} ORDER BY CASE 类别 WHEN '必改' THEN 0 ELSE 1 END, "
                              f"规则编号, 乡镇, 行政村, 户编号, 来源行号 LIMIT {PAGE_SIZE} OFFSET {(page - 1) * PAGE_SIZE}",
                              params)
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        from ..report.mask import mask_id

        for r in rows:
            r["证件号码_显示"] = mask_id(r.get("证件号码"))
        return {"total": total, "rows": rows, "page": page, "pages": max(1, -(-total // PAGE_SIZE)),
                "status": "状态" in names}

    def filter_options(self, run: Run) -> dict:
        path = self.data.run_dir(run.id) / "out" / "findings.parquet"
        with self.duck.cursor() as con:
            source = f"read_parquet({_sql_text(path)})"
            options = {column: [r[0] for r in con.execute(
                f"SELECT DISTINCT \"{column}\" FROM {source} WHERE \"{column}\" IS NOT NULL ORDER BY 1").fetchall()]
                for column in ("乡镇", "行政村", "类别")}
            options["规则编号"] = con.execute(f"SELECT 规则编号, any_value(规则名称) FROM {source} GROUP BY 1 "
                                         "ORDER BY 1").fetchall()
        return options

    # -- downloads --------------------------------------------------------------------------------

    async def download(self, request: Request) -> Response:
        user, _ = self.need_user(request)
        run = self.visible_run(user, request.path_params["run_id"])
        name = request.path_params["name"]
        names = self.files(run)
        if name not in names:
            raise HTTPException(404)
        headers = {"Content-Disposition": attachment(name), "Cache-Control": "no-store"}
        if name == ZIP_NAME:
            body = await run_in_threadpool(self.workbooks_zip, run, names)
            return Response(body, media_type="application/zip", headers=headers)
        out = self.data.run_dir(run.id) / "out"
        path = out / name  # `name` is one of the library's own list, and stays inside the run's folder
        if not path.resolve().is_relative_to(out.resolve()) or not path.is_file():
            raise HTTPException(404)
        media = {".csv": "text/csv; charset=utf-8", ".json": "application/json", ".html": "text/html; charset=utf-8",
                 ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 ".parquet": "application/octet-stream"}.get(path.suffix, "application/octet-stream")
        return FileResponse(path, media_type=media, headers=headers)

    def workbooks_zip(self, run: Run, names: list[str]) -> bytes:
        out = self.data.run_dir(run.id) / "out"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in names:
                if name.endswith(".xlsx"):
                    zf.write(out / name, name)
        return buffer.getvalue()

    async def circular(self, request: Request) -> Response:
        user, _ = self.need_user(request)
        run = self.visible_run(user, request.path_params["run_id"])
        if CIRCULAR not in self.files(run):
            raise HTTPException(404)
        path = self.data.run_dir(run.id) / "out" / CIRCULAR
        return FileResponse(path, media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": CIRCULAR_CSP, "X-Frame-Options": "SAMEORIGIN",
                                     "Cache-Control": "no-store"})

    # -- login and logout -------------------------------------------------------------------------

    async def login_form(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
        given, expected = form.get("login_token"), request.cookies.get(LOGIN_COOKIE)
        if not expected or not given or not secrets.compare_digest(str(given), expected):
            return self.login_page(request, "页面已过期，请重新登录", 403)
        try:
            user = await run_in_threadpool(accounts.login, self.data, str(form.get("username", "")),
                                           str(form.get("password", "")), _client(request))
        except accounts.Throttled as exc:
            return self.login_page(request, f"登录失败次数过多，请 {exc.minutes} 分钟后再试", 429)
        if user is None:
            return self.login_page(request, "账号或密码不正确", 401)
        token, _ = self.data.new_session(user.name)
        response = RedirectResponse("/", status_code=303)
        self.set_session(response, request, token)
        return response

    async def logout_form(self, request: Request) -> Response:
        _, csrf = self.need_user(request)
        form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
        self.need_csrf(request, csrf, form.get("csrf"))
        self.data.end_session(request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def api_login(self, request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "请以 JSON 提交：{\"username\": ..., \"password\": ...}"}, 415)
        try:
            body = json.loads((await _read_limited(request, 8192)).decode("utf-8"))
            name, password = body["username"], body["password"]
            if not isinstance(name, str) or not isinstance(password, str):
                raise TypeError
        except (TooLarge, ValueError, KeyError, TypeError):
            return JSONResponse({"error": "请求格式不正确：需要 {\"username\": ..., \"password\": ...}"}, 400)
        try:
            user = await run_in_threadpool(accounts.login, self.data, name, password, _client(request))
        except accounts.Throttled as exc:
            return JSONResponse({"error": f"登录失败次数过多，请 {exc.minutes} 分钟后再试"}, 429)
        if user is None:
            return JSONResponse({"error": "账号或密码不正确"}, 401)
        token, csrf = self.data.new_session(user.name)
        response = JSONResponse({"csrf": csrf, "user": user.name, "role": user.role, "township": user.township})
        self.set_session(response, request, token)
        return response

    async def api_logout(self, request: Request) -> Response:
        _, csrf = self.need_user(request)
        self.need_csrf(request, csrf, request.headers.get("x-csrf-token"))
        self.data.end_session(request.cookies.get(SESSION_COOKIE))
        response = JSONResponse({"ok": True})
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # -- uploads ----------------------------------------------------------------------------------

    async def receive_upload(self, request: Request, user: User, csrf: str, *, form_field: bool) -> str:
        """The uploaded files stored under server-chosen names and the run queued; its id. InputError
        (400) for a bad request, TooLarge (413) past the limits."""
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.limits.max_bytes + 1024 * 1024:
            raise TooLarge
        if not form_field:  # the API: the token is in the header, checked before the body is read
            self.need_csrf(request, csrf, request.headers.get("x-csrf-token"))
        if self.data.outstanding(user.name) >= MAX_OUTSTANDING:
            await _drain(request, 4 * self.limits.max_bytes)
            raise InputError(f"您已有 {MAX_OUTSTANDING} 个文件在排队或审核中，请等它们完成后再上传")
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            await _drain(request, 4 * self.limits.max_bytes)
            raise InputError("请以 multipart/form-data 上传，文件字段名为 files")
        parser = MultiPartParser(Headers(raw=request.headers.raw), _counted(request, self.limits.max_bytes + 1024 * 1024),
                                 max_files=self.limits.max_files, max_fields=20, max_part_size=64 * 1024)
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            if "Too many files" in exc.message:
                raise InputError(f"一次最多上传 {self.limits.max_files} 个文件") from exc
            raise InputError("上传的数据格式不正确，请重新选择文件上传") from exc
        try:
            if form_field:
                self.need_csrf(request, csrf, form.get("csrf"))
            uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            uploads = [f for f in uploads if f.filename or f.size]
            if not uploads:
                raise InputError("请选择要上传的导出文件（.xlsx、.xls、.csv 等）")
            if len(uploads) > self.limits.max_files:
                raise InputError(f"一次最多上传 {self.limits.max_files} 个文件")
            total = sum(f.size or 0 for f in uploads)
            if total > self.limits.max_bytes:
                raise TooLarge
            period = str(form.get("period") or "").strip() or None
            if period is not None:
                m = re.fullmatch(r"(\d{4})-(\d{1,2})", period)
                if not m or not 1 <= int(m.group(2)) <= 12:
                    raise InputError("数据月份应写成 YYYY-MM，例如 2024-06；不清楚可以留空（从文件中判断）")
                period = f"{m.group(1)}-{int(m.group(2)):02d}"
            return await run_in_threadpool(self.store_upload, user, period, uploads)
        finally:
            await form.close()

    def store_upload(self, user: User, period: str | None, uploads: list[UploadFile]) -> str:
        run_id = self.data.new_run_id()
        folder = self.data.run_dir(run_id) / "uploads"
        folder.mkdir(parents=True)
        given, stored = [], []
        for i, upload in enumerate(uploads, start=1):
            name = (upload.filename or f"文件{i}").replace("\\", "/").rsplit("/", 1)[-1][:200] or f"文件{i}"
            suffix = Path(name).suffix.lower()
            month = file_month([name])
            server_name = f"文件{i}" + (f"_{month[0]}年{month[1]:02d}月" if month else "") + \
                (suffix if suffix in SUFFIXES else ".dat")
            upload.file.seek(0)
            with (folder / server_name).open("xb") as fh:
                shutil.copyfileobj(upload.file, fh, 1024 * 1024)
            given.append(name)
            stored.append(server_name)
        self.data.add_run(run_id, user, period, given, stored)
        self.pool.notify()
        return run_id

    async def upload_form(self, request: Request) -> Response:
        found = self.need_user(request)
        user, csrf = found
        try:
            run_id = await self.receive_upload(request, user, csrf, form_field=True)
        except TooLarge:
            await _drain(request, 4 * self.limits.max_bytes)
            return await run_in_threadpool(self.home_page, request, found,
                                           f"上传的文件太大：每次合计不超过 {_mb(self.limits.max_bytes)}", 413)
        except InputError as exc:
            return await run_in_threadpool(self.home_page, request, found, exc.message, 400)
        return RedirectResponse(f"/runs/{run_id}", status_code=303)

    async def api_upload(self, request: Request) -> Response:
        user, csrf = self.need_user(request)
        try:
            run_id = await self.receive_upload(request, user, csrf, form_field=False)
        except TooLarge:
            await _drain(request, 4 * self.limits.max_bytes)
            return JSONResponse({"error": f"上传的文件太大：每次合计不超过 {_mb(self.limits.max_bytes)}"}, 413)
        except InputError as exc:
            return JSONResponse({"error": exc.message}, 400)
        return JSONResponse({"id": run_id, "status": "queued"}, 202)

    # -- the API's runs ---------------------------------------------------------------------------

    def run_json(self, run: Run, full: bool) -> dict:
        out = {"id": run.id, "status": run.status, "error": run.error, "township": run.township, "kind": run.kind,
               "owner": run.owner, "files": run.files, "period": run.data_period or run.period,
               "created": _iso(run.created), "finished": _iso(run.finished), "must_fix": run.must_fix,
               "should_check": run.should_check, "findings": run.findings}
        if full:
            out["summary"] = self.summary(run)
            out["selfcheck"] = self.web_json(run).get("priorities") if run.status == "done" else None
            out["files_available"] = self.files(run)
        return out

    async def api_runs(self, request: Request) -> Response:
        user, _ = self.need_user(request)
        runs = await run_in_threadpool(self.data.runs, user)
        return JSONResponse({"runs": [self.run_json(r, False) for r in runs]})

    async def api_run(self, request: Request) -> Response:
        user, _ = self.need_user(request)
        run = self.visible_run(user, request.path_params["run_id"])
        return JSONResponse(await run_in_threadpool(self.run_json, run, True))

    # -- users (county accounts) ------------------------------------------------------------------

    def need_county(self, request: Request) -> tuple[User, str]:
        found = self.need_user(request)
        if not found[0].is_county:
            raise HTTPException(404)
        return found

    async def users_page(self, request: Request) -> Response:
        found = self.need_county(request)
        return self.render("users.html", request, session=found, users=self.data.users(), error="", done="")

    async def users_post(self, request: Request) -> Response:
        found = self.need_county(request)
        user, csrf = found
        form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
        self.need_csrf(request, csrf, form.get("csrf"))
        action = request.path_params["action"]
        name = str(form.get("username", ""))
        error = done = ""
        try:
            if action == "add":
                county = form.get("role") == "county"
                new = await run_in_threadpool(accounts.add_user, self.data, name, None if county else
                                              str(form.get("township", "")), county, str(form.get("password", "")))
                done = f"已添加账号 {new.name}（{new.label()}）"
            elif action == "passwd":
                hashed = await run_in_threadpool(accounts.hash_password, str(form.get("password", "")))
                self.data.set_hash(accounts.check_username(name), hashed)
                done = f"已修改账号 {name} 的密码（该账号需重新登录）"
            elif action == "remove":
                if name == user.name:
                    raise InputError("不能删除自己正在使用的账号")
                self.data.remove_user(accounts.check_username(name))
                done = f"已删除账号 {name}"
            else:
                raise HTTPException(404)
        except InputError as exc:
            error = exc.message
        return self.render("users.html", request, 400 if error else 200, session=found, users=self.data.users(),
                           error=error, done=done)


def downloads(run: Run, files: list[str]) -> list[tuple[str, str]]:
    """The main downloads of a run page: a township's workbooks; the county's circular, 附表 and zip."""
    if run.kind == "township":
        return [(n, ("下载自查表 " if n.startswith("自查/") else "下载入户核实表 ") + n.split("/")[-1])
                for n in files if n.startswith(("自查/", "入户核实表/"))]
    labels = {CIRCULAR: "下载通报", "附表.xlsx": "下载附表.xlsx", ZIP_NAME: "全部工作簿（zip）",
              "findings.csv": "问题清单 findings.csv"}
    return [(n, labels[n]) for n in labels if n in files]


def page_url(run_id: str, filters: dict, page: int) -> str:
    query = {k: v for k, v in filters.items() if v}
    if page > 1:
        query["page"] = str(page)
    return f"/runs/{run_id}" + ("?" + urllib.parse.urlencode(query) if query else "") + "#findings"


def _iso(ts: float | None) -> str | None:
    return dt.datetime.fromtimestamp(ts).isoformat(timespec="seconds") if ts else None


def _sql_text(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _counted(request: Request, limit: int):
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise TooLarge
        yield chunk


async def _drain(request: Request, limit: int) -> None:
    """Read and drop the rest of a refused upload (up to `limit` bytes), so that the client, still
    sending, reads the answer instead of a reset connection."""
    seen = 0
    while seen < limit:
        message = await request.receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _read_limited(request: Request, limit: int) -> bytes:
    body = b""
    async for chunk in _counted(request, limit):
        body += chunk
    return body


def create_app(data: DataDir, settings: Settings | None = None, workers: int = 1, limits: Limits | None = None,
               start_workers: bool = True) -> Starlette:
    web = Web(data, settings or Settings(), workers, limits or Limits())

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        if status == 404:
            message = NOT_FOUND
        elif status == 405:
            message = "不支持该请求方法"
        else:
            message = getattr(exc, "detail", "") or "请求无法处理"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status)
        return web.render("error.html", request, status, message=message, code=status)

    async def server_error(request: Request, exc: Exception) -> Response:
        message = "内部错误：请求未能完成，请稍后重试；如反复出现请联系管理员"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, 500)
        return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>500</title><p>{message}</p>", 500)

    async def too_large(request: Request, exc: Exception) -> Response:
        message = f"上传的文件太大：每次合计不超过 {_mb(web.limits.max_bytes)}"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, 413)
        return web.render("error.html", request, 413, message=message, code=413)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if start_workers:
            web.pool.start()
        yield
        if start_workers:
            web.pool.stop()

    routes = [
        Route("/", web.home),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/login", web.login_form, methods=["POST"]),
        Route("/logout", web.logout_form, methods=["POST"]),
        Route("/upload", web.upload_form, methods=["POST"]),
        Route("/runs/{run_id}", web.run_page),
        Route("/runs/{run_id}/view/通报.html", web.circular),
        Route("/users", web.users_page),
        Route("/users/{action}", web.users_post, methods=["POST"]),
        Route("/api/login", web.api_login, methods=["POST"]),
        Route("/api/logout", web.api_logout, methods=["POST"]),
        Route("/api/runs", web.api_runs, methods=["GET"]),
        Route("/api/runs", web.api_upload, methods=["POST"]),
        Route("/api/runs/{run_id}", web.api_run),
        Route("/api/runs/{run_id}/files/{name:path}", web.download),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: not_found, 404: not_found, TooLarge: too_large,
                                        Exception: server_error})
    app.state.web = web
    return _secure(app)


def _secure(app):
    """Security headers on every response (ASGI middleware: it also covers errors and static files)."""
    headers = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
               (b"cross-origin-opener-policy", b"same-origin"), (b"permissions-policy", b"camera=(), microphone=()")]

    async def secured(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in headers if k not in present]
                if not static and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await app(scope, send=send_with_headers, receive=receive)

    secured.state = app.state  # type: ignore[attr-defined]
    return secured
