"""`auditor serve` as a client sees it: a real server on localhost, its JSON API, pages and downloads.

Township isolation is proven endpoint by endpoint: a township account gets the same 404 for another
township's run or a county run as for a run that does not exist, and so does a request without a
session. POSTs without the CSRF token are refused. Uploads are limited; a bad file fails only its own
run, with the CLI's one-line message; 20 uploads at once all finish, each recorded, none mixed; a
server killed mid-run comes back with its finished runs and the interrupted one failed.
"""

from __future__ import annotations

import concurrent.futures
import json
import sqlite3
import time
import urllib.parse
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from conftest import write_export
from factory import household, person
from webserver import PASSWORD, Server, make_users

from auditor.cli import cli
from auditor.web.store import RESTART_ERROR, DataDir

TOWN_A, TOWN_B = "涞源镇", "王安镇"
DEADLINE = "2099-06-30"
SECRET_NAME = "王秘密"  # a person of township B: must never appear in anything township A is shown


def _rows(town: str, n: int, broken: int = 1, prefix: str = "H") -> list[dict]:
    rows = []
    for j in range(n):
        head = person(**({"民族": ""} if j < broken else {}))
        rows += household(hid=f"{prefix}{town[:1]}{j:04d}", town=town, village=f"{j % 3 + 1}村", members=[head])
    return rows


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("web-files")
    b_rows = _rows(TOWN_B, 3)
    b_rows[0]["姓名"] = SECRET_NAME
    b_rows[0]["户主姓名"] = SECRET_NAME
    return {
        "a": write_export(tmp / "涞源镇_2024年6月", _rows(TOWN_A, 6, broken=2)),
        "b": write_export(tmp / "王安镇_2024年6月", b_rows),
        "mixed": write_export(tmp / "混合_2024年6月", _rows(TOWN_A, 4) + b_rows),
        "only_b": write_export(tmp / "只有王安镇_2024年6月", b_rows),
        "county": write_export(tmp / "涞源县_2024年6月", _rows(TOWN_A, 5) + b_rows),
        "not_export": _text(tmp / "说明.xlsx", "这不是导出文件"),
    }


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("web-data") / "data"
    make_users(data, (TOWN_A, TOWN_B))
    srv = Server(data, "--workers", "2", "--max-upload-mb", "2", "--max-files", "3", "--deadline", DEADLINE).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def runs(server, files) -> dict[str, str]:
    """One finished run of each kind: township A's, township B's, the county's."""
    a, b, c = server.client("t0"), server.client("t1"), server.client("county")
    ids = {"a": a.upload(files["a"]).json()["id"], "b": b.upload(files["b"]).json()["id"],
           "county": c.upload(files["county"]).json()["id"]}
    for key, client in (("a", a), ("b", b), ("county", c)):
        assert client.wait(ids[key])["status"] == "done", client.get(f"/api/runs/{ids[key]}").json()
    return ids


def test_login_sets_strict_httponly_cookie_and_returns_csrf(server):
    c = server.client()
    r = c.post("/api/login", json={"username": "t0", "password": PASSWORD})
    assert r.status_code == 200 and len(r.json()["csrf"]) >= 20
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert c.get("/api/runs").status_code == 200
    assert c.post("/api/logout", headers={"X-CSRF-Token": r.json()["csrf"]}).status_code == 200
    assert c.get("/api/runs").status_code == 404  # the session is gone


def test_wrong_password_refused_then_throttled(server):
    c = server.client()
    for _ in range(5):
        r = c.post("/api/login", json={"username": "t1", "password": "wrong-password"})
        assert r.status_code == 401 and r.json()["error"] == "账号或密码不正确"
    r = c.post("/api/login", json={"username": "t1", "password": PASSWORD})  # right, but too many failures
    assert r.status_code == 429 and "登录失败次数过多" in r.json()["error"]
    assert c.post("/api/login", json={"username": "nobody", "password": "x"}).status_code == 401
    DataDir(server.data_dir).clear_failures("user:t1")  # the other tests log in as t1
    assert server.client().login("t1").status_code == 200


def _endpoints(run_id: str) -> list[tuple[str, str]]:
    quoted = urllib.parse.quote
    return [("GET", f"/runs/{run_id}"), ("GET", f"/runs/{run_id}/view/通报.html"),
            ("GET", f"/api/runs/{run_id}"), ("GET", f"/api/runs/{run_id}/files/summary.json"),
            ("GET", f"/api/runs/{run_id}/files/findings.csv"), ("GET", f"/api/runs/{run_id}/files/{quoted('通报.html')}"),
            ("GET", f"/api/runs/{run_id}/files/{quoted('自查/' + TOWN_B + '.xlsx')}"),
            ("GET", f"/api/runs/{run_id}/files/{quoted('自查/' + TOWN_A + '.xlsx')}"),
            ("GET", f"/api/runs/{run_id}/files/{quoted('全部工作簿.zip')}"),
            ("GET", f"/api/runs/{run_id}/files/{quoted('附表.xlsx')}")]


def test_no_session_gets_404_everywhere(server, runs):
    anon = httpx.Client(base_url=server.url)
    paths = [("GET", "/api/runs"), ("POST", "/api/runs"), ("POST", "/api/logout"), ("GET", "/users"),
             ("POST", "/users/add"), ("POST", "/upload"), ("POST", "/logout")]
    for run_id in runs.values():
        paths += _endpoints(run_id)
    for method, path in paths:
        r = anon.request(method, path)
        assert r.status_code == 404, (method, path, r.status_code)
    assert anon.get("/").status_code == 200  # the login page


def test_township_gets_404_for_other_township_and_county(server, runs):
    a = server.client("t0")
    missing = "0" * 20
    for other in (runs["b"], runs["county"], missing):
        for method, path in _endpoints(other):
            r = a.request(method, path)
            assert r.status_code == 404, (path, r.status_code)
            assert SECRET_NAME not in r.text
        # the same answer as for a run that does not exist: nothing tells that it exists
        assert a.get(f"/api/runs/{other}").json() == a.get(f"/api/runs/{missing}").json()
    assert a.get("/users").status_code == 404
    assert a.post("/users/add", data={"csrf": a.csrf, "username": "x"}).status_code == 404
    listed = {r["id"] for r in a.get("/api/runs").json()["runs"]}
    assert runs["a"] in listed and runs["b"] not in listed and runs["county"] not in listed
    assert SECRET_NAME not in a.get("/").text
    # its own run is there, every file of it
    own = a.get(f"/api/runs/{runs['a']}").json()
    assert own["status"] == "done" and own["township"] == TOWN_A
    for name in own["files_available"]:
        r = a.get(f"/api/runs/{runs['a']}/files/{urllib.parse.quote(name)}")
        assert r.status_code == 200, name
        assert r.headers["content-disposition"].startswith("attachment;"), name
    # the county sees everything
    c = server.client("county")
    for run_id in runs.values():
        assert c.get(f"/api/runs/{run_id}").status_code == 200
    assert {runs["a"], runs["b"], runs["county"]} <= {r["id"] for r in c.get("/api/runs").json()["runs"]}


def test_path_tricks_in_file_names_are_404(server, runs):
    a = server.client("t0")
    for name in ("../web.sqlite", "..%2Fweb.sqlite", "%2e%2e/%2e%2e/web.sqlite", "/etc/passwd", "uploads/文件1.xlsx",
                 "../uploads/文件1_2024年06月.xlsx", "自查/..%2F..%2Fweb.sqlite"):
        assert a.get(f"/api/runs/{runs['a']}/files/{name}").status_code == 404, name
    assert a.get("/api/runs/../../web.sqlite").status_code == 404


def test_post_without_csrf_is_refused(server, files):
    a = server.client("t0")
    body = [("files", ("a.xlsx", files["a"].read_bytes()))]
    assert a.post("/api/runs", files=body).status_code == 403
    assert a.post("/api/runs", files=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert a.post("/api/logout").status_code == 403
    assert a.post("/upload", files=body).status_code == 403  # the page's form: the hidden field
    assert a.post("/logout", data={}).status_code == 403
    c = server.client("county")
    assert c.post("/users/add", data={"username": "evil", "role": "county", "password": "12345678x"}).status_code == 403
    assert DataDir(server.data_dir).user("evil") is None
    assert not [r for r in a.get("/api/runs").json()["runs"] if r["files"] == ["a.xlsx"]]  # nothing was queued
    # the login form without its token
    assert httpx.post(server.url + "/login", data={"username": "t0", "password": PASSWORD}).status_code == 403


def test_upload_limits(server, files, tmp_path):
    a = server.client("t0")
    big = tmp_path / "大.csv"
    big.write_bytes(b"x" * (3 * 1024 * 1024))
    r = a.upload(big)
    assert r.status_code == 413 and "太大" in r.json()["error"]
    r = a.upload(files["a"], files["a"], files["a"], files["a"])
    assert r.status_code == 400 and "最多上传 3 个文件" in r.json()["error"]
    r = a.post("/api/runs", data={"period": "2024-06"}, files=[], headers={"X-CSRF-Token": a.csrf})
    assert r.status_code == 400
    r = a.upload(files["a"], period="六月")
    assert r.status_code == 400 and "YYYY-MM" in r.json()["error"]


def test_bad_file_fails_only_its_own_run_with_the_cli_message(server, files, runs):
    a = server.client("t0")
    bad = a.upload(files["not_export"]).json()["id"]
    good = a.upload(files["a"]).json()["id"]
    run = a.wait(bad)
    assert run["status"] == "failed" and run["summary"] is None
    assert run["error"].startswith("文件 “说明.xlsx” 不是防返贫监测导出"), run["error"]
    assert "文件1" not in run["error"]  # the server's own name for it is never shown
    assert a.wait(good)["status"] == "done"
    page = a.get(f"/runs/{bad}").text
    assert "不是防返贫监测导出" in page and "审核未完成" in page


def test_other_townships_rows_are_a_structure_issue_never_shown(server, files):
    a = server.client("t0")
    run = a.wait(a.upload(files["mixed"]).json()["id"])
    assert run["status"] == "done"
    summary = run["summary"]
    assert [t["name"] for t in summary["townships"] if t["persons"]] == [TOWN_A]
    issue = next(i for i in summary["structure_issues"] if i["类型"] == "其他乡镇的数据行")
    assert "3 行不属于涞源镇" in issue["说明"] and TOWN_B not in issue["说明"]
    shown = [a.get(f"/runs/{run['id']}").text, json.dumps(run, ensure_ascii=False)]
    for name in run["files_available"]:
        if name.endswith((".csv", ".json", ".html")):
            shown.append(a.get(f"/api/runs/{run['id']}/files/{urllib.parse.quote(name)}").text)
    for text in shown:
        assert SECRET_NAME not in text
    assert not [n for n in run["files_available"] if TOWN_B in n]
    # a file with no row of the township at all: refused without naming the townships it holds
    only_b = a.wait(a.upload(files["only_b"]).json()["id"])
    assert only_b["status"] == "failed" and "没有涞源镇的数据" in only_b["error"] and TOWN_B not in only_b["error"]


def test_user_text_is_escaped(server, files):
    a = server.client("t0")
    evil = "<img src=x onerror=alert(1)>.xlsx"
    run_id = a.upload(files["a"], names=[evil]).json()["id"]
    a.wait(run_id)
    page = a.get(f"/runs/{run_id}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.xlsx" in page
    home = a.get("/")
    assert "<img src=x" not in home.text
    csp = home.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "<script>" not in home.text.replace('<script src="/static/app.js" defer></script>', "")
    stored = DataDir(server.data_dir).run(run_id).stored
    assert stored == ["文件1.xlsx"]  # the name given never becomes a path


def test_county_pages(server, runs):
    c = server.client("county")
    home = c.get("/").text
    assert "乡镇自查进度" in home and TOWN_A in home and TOWN_B in home
    assert f"天（{DEADLINE}）" in home  # days left to --deadline on the self-check board
    page = c.get(f"/runs/{runs['county']}").text
    for part in ("通报", "乡镇排名", "下载附表.xlsx", "全部工作簿（zip）", "问题明细"):
        assert part in page, part
    inline = c.get(f"/runs/{runs['county']}/view/{urllib.parse.quote('通报.html')}")
    assert inline.status_code == 200 and "sandbox" in inline.headers["content-security-policy"]
    assert "content-disposition" not in inline.headers
    import io
    import zipfile

    z = c.get(f"/api/runs/{runs['county']}/files/{urllib.parse.quote('全部工作簿.zip')}")
    assert z.status_code == 200 and z.headers["content-disposition"].startswith("attachment;")
    names = zipfile.ZipFile(io.BytesIO(z.content)).namelist()
    assert "附表.xlsx" in names and f"自查/{TOWN_A}.xlsx" in names and f"自查/{TOWN_B}.xlsx" in names
    assert c.get("/users").status_code == 200


def test_county_manages_users_in_the_browser(server):
    c = server.client("county")
    form = {"csrf": c.csrf, "username": "新乡镇", "role": "township", "township": "<b>银坊镇</b>", "password": "a-long-password"}
    page = c.post("/users/add", data=form)
    assert page.status_code == 200 and "已添加账号 新乡镇" in page.text
    assert "<b>银坊镇</b>" not in page.text and "&lt;b&gt;银坊镇&lt;/b&gt;" in page.text
    assert server.client("新乡镇", "a-long-password").get("/api/runs").status_code == 200
    r = c.post("/users/passwd", data={"csrf": c.csrf, "username": "新乡镇", "password": "short"})
    assert r.status_code == 400 and "密码太短" in r.text
    assert c.post("/users/remove", data={"csrf": c.csrf, "username": "county"}).status_code == 400  # not itself
    assert c.post("/users/remove", data={"csrf": c.csrf, "username": "新乡镇"}).status_code == 200
    assert DataDir(server.data_dir).user("新乡镇") is None


def test_findings_filters(server, runs):
    a = server.client("t0")
    run = a.get(f"/api/runs/{runs['a']}").json()
    assert run["summary"]["findings"] >= 2
    whole = a.get(f"/runs/{runs['a']}").text
    assert f"问题明细（{run['summary']['findings']} 条）" in whole
    village = a.get(f"/runs/{runs['a']}", params={"行政村": "1村"}).text
    assert "问题明细（" in village
    none = a.get(f"/runs/{runs['a']}", params={"行政村": "没有这个村"}).text
    assert "问题明细（0 条）" in none


def test_twenty_concurrent_uploads_all_done_none_mixed(server, files, tmp_path):
    a, b = server.client("t0"), server.client("t1")
    uploads = []
    for i in range(20):
        town = TOWN_A if i % 2 == 0 else TOWN_B
        path = write_export(tmp_path / f"并发{i}_2024年6月", _rows(town, 2 + i, broken=i % 3, prefix=f"C{i}"))
        uploads.append((a if town == TOWN_A else b, path, 2 + i, town))
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        ids = list(pool.map(lambda u: u[0].upload(u[1]).json()["id"], uploads))
    assert len(set(ids)) == 20
    for (client, _, households, town), run_id in zip(uploads, ids, strict=True):
        run = client.wait(run_id, timeout=600)
        assert run["status"] == "done", run["error"]
        assert run["summary"]["households"] == households and run["township"] == town  # its own file, no other
    data = DataDir(server.data_dir)
    recorded = {data.run(i).history_run for i in ids}
    assert None not in recorded
    with sqlite3.connect(server.data_dir / "history.sqlite") as con:
        stored = {r[0] for r in con.execute("SELECT run_id FROM runs")}
    # the same township and month replace each other in the history store (its rule): the last of each stays
    assert stored & recorded


def test_restart_mid_run(tmp_path, files):
    data = tmp_path / "data"
    make_users(data, (TOWN_A,))
    srv = Server(data, "--workers", "1").start()
    a = srv.client("t0")
    done = a.upload(files["a"]).json()["id"]
    assert a.wait(done)["status"] == "done"
    srv.stop()
    paused = tmp_path / "paused"
    srv = Server(data, "--workers", "1", env={"AUDITOR_TEST_PAUSE": f"staging:{paused}"}).start()
    a = srv.client("t0")
    stuck = a.upload(files["a"]).json()["id"]
    deadline = time.monotonic() + 120
    while not paused.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert paused.exists(), srv.log.read_text(encoding="utf-8", errors="replace")
    assert a.get(f"/api/runs/{stuck}").json()["status"] == "running"
    srv.kill()
    srv = Server(data, "--workers", "1").start()
    try:
        a = srv.client("t0")
        run = a.get(f"/api/runs/{stuck}").json()
        assert run["status"] == "failed" and run["error"] == RESTART_ERROR
        time.sleep(2)  # an orphaned job, were it still alive, could not turn it done
        assert a.get(f"/api/runs/{stuck}").json()["status"] == "failed"
        kept = a.get(f"/api/runs/{done}").json()
        assert kept["status"] == "done" and kept["summary"]["findings"] > 0
        for name in kept["files_available"]:
            assert a.get(f"/api/runs/{done}/files/{urllib.parse.quote(name)}").status_code == 200
        assert a.wait(a.upload(files["a"]).json()["id"])["status"] == "done"  # and it works again
    finally:
        srv.stop()


def test_page_form_upload_without_script(server, files):
    a = server.client("t0")
    body = [("files", ("a.xlsx", files["a"].read_bytes()))]
    r = a.post("/upload", files=body, data={"csrf": a.csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/runs/")
    run_id = r.headers["location"].rsplit("/", 1)[1]
    pending = a.get(f"/runs/{run_id}").text
    assert a.wait(run_id)["status"] == "done"
    assert 'http-equiv="refresh"' in pending or "must-fix" in pending  # the page refreshes itself until done
    assert 'id="must-fix"' in a.get(f"/runs/{run_id}").text


def test_demo_fills_a_fresh_data_folder(tmp_path, monkeypatch):
    from auditor.web import serve
    from auditor.web.accounts import login
    from auditor.web.job import Settings

    monkeypatch.setattr(serve, "DEMO_HOUSEHOLDS", 400)
    said: list[str] = []
    data = DataDir(tmp_path / "demo")
    serve.setup_demo(data, Settings(), said.append)
    users = {u.name: u for u in data.users()}
    assert sum(u.is_county for u in users.values()) == 1 and sum(not u.is_county for u in users.values()) == 2
    text = "\n".join(said)
    for name in users:
        password = text.split(f"  {name}  密码 ", 1)[1].split()[0]
        assert login(data, name, password, "test") is not None
    runs = data.runs()
    assert {r.kind for r in runs} == {"county", "township"} and all(r.status == "done" for r in runs)
    with pytest.raises(Exception, match="已有账号"):
        serve.setup_demo(data, Settings(), said.append)


def test_history_store_given_by_path_or_url(tmp_path, files, store_target):
    """--history: a SQLite file elsewhere, or PostgreSQL by URL, as everywhere else."""
    data = tmp_path / "data"
    make_users(data, (TOWN_A,))
    srv = Server(data, "--workers", "1", "--history", store_target).start()
    try:
        a = srv.client("t0")
        run = a.wait(a.upload(files["a"]).json()["id"])
        assert run["status"] == "done", run["error"]
        from auditor.history import History

        store = History.open(store_target)
        try:
            assert [r.run_id for r in store.runs()] == [DataDir(data).run(run["id"]).history_run]
        finally:
            store.close()
        assert not (data / "history.sqlite").exists()
    finally:
        srv.stop()


def test_users_cli(tmp_path):
    runner = CliRunner()
    data = str(tmp_path / "d")
    pw = tmp_path / "pw.txt"
    pw.write_text("s3cret-password\n", encoding="utf-8")
    r = runner.invoke(cli, ["users", "add", "张三", "--township", "涞源镇", "--password-file", str(pw), "--data", data])
    assert r.exit_code == 0 and "已添加账号 张三" in r.output
    r = runner.invoke(cli, ["users", "add", "县里", "--county", "--data", data], input="another-pass\nanother-pass\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["users", "add", "李四", "--data", data, "--password-file", str(pw)])
    assert r.exit_code == 2 and "--township" in r.output
    r = runner.invoke(cli, ["users", "add", "张三", "--township", "涞源镇", "--password-file", str(pw), "--data", data])
    assert r.exit_code == 2 and "已存在" in r.output
    short = tmp_path / "short.txt"
    short.write_text("123", encoding="utf-8")
    r = runner.invoke(cli, ["users", "add", "王五", "--county", "--password-file", str(short), "--data", data])
    assert r.exit_code == 2 and "密码太短" in r.output
    r = runner.invoke(cli, ["users", "list", "--data", data])
    assert "张三" in r.output and "涞源镇" in r.output and "县里" in r.output
    stored = sqlite3.connect(Path(data) / "web.sqlite").execute("SELECT hash FROM users").fetchall()
    assert all(h.startswith("$argon2") and "s3cret" not in h for (h,) in stored)
    r = runner.invoke(cli, ["users", "passwd", "张三", "--password-file", str(pw), "--data", data])
    assert r.exit_code == 0 and "已修改" in r.output
    r = runner.invoke(cli, ["users", "remove", "张三", "--data", data])
    assert r.exit_code == 0
    r = runner.invoke(cli, ["users", "remove", "张三", "--data", data])
    assert r.exit_code == 2 and "没有账号" in r.output


def test_serve_without_the_web_extra_says_how_to_install(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    r = CliRunner().invoke(cli, ["serve", "--data", "unused"])
    assert r.exit_code == 2 and "pip install 'auditor[web]'" in r.output


def test_township_rank_comes_from_the_county_run_of_the_period(server, runs, files):
    """A township's own upload ranks it only among the county's townships: from the county-wide run of
    the same period recorded in the server's history store, said so on the page."""
    county = server.client("county").get(f"/api/runs/{runs['county']}").json()["summary"]
    county_rank = {t["name"]: t["rank"] for t in county["townships"]}[TOWN_A]
    a = server.client("t0")
    again = a.upload(files["a"]).json()["id"]
    summary = a.wait(again)["summary"]
    assert summary["rank_basis"]["kind"] == "history"
    assert summary["townships"][0]["rank"] == county_rank
    page = a.get(f"/runs/{again}").text
    assert f'<span id="rank">{county_rank}</span>（全县排名取自历史库中 2024-06 的全县审核' in page
