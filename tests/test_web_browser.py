"""`auditor serve` in a real browser: Playwright driving the Debian chromium found on PATH (Playwright's
own browser download cannot be reached here). Log in, upload the demo township's export, wait, see the
findings — the page's 必改 and findings counts are the CLI's on the same file — download the workbook
and open it with openpyxl; a wrong password and a non-export file show clear errors; screenshots at
360 px and 1280 px have no horizontal overflow.

Without chromium the tests are skipped, unless AUDITOR_REQUIRE_BROWSER is set (CI sets it).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import chromium_binary
from PIL import Image
from webserver import PASSWORD, Server, make_users

from auditor import demo
from auditor.cli import cli

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage"]
TOWN = "涞源镇"


@pytest.fixture(scope="module")
def browser():
    found = chromium_binary()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=found, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """The demo county's 涞源镇 households as that township's own export."""
    county = demo.generate(600, 2024)
    mine = demo.Demo([h for h in county.households if h.fields.get("乡") == TOWN], county.period)
    return demo.write_export(mine, tmp_path_factory.mktemp("browser-export") / f"{TOWN}_2024年6月.xlsx")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("browser-data") / "data"
    make_users(data, (TOWN,))
    srv = Server(data, "--workers", "2", "--max-upload-mb", "1").start()
    yield srv
    srv.stop()


def _login(page, server, user="t0", password=PASSWORD):
    page.goto(server.url + "/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _no_overflow(page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"horizontal overflow: {width} > {inner}"


def _shot(page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    image = Image.open(path).convert("RGB")
    colours = image.resize((image.size[0] // 4, max(1, image.size[1] // 4))).getcolors(maxcolors=1 << 20)
    assert len(colours) > 20  # text, tables, the red header: not a blank page


def _cli_counts(path: Path, tmp: Path) -> tuple[int, int]:
    """必改 and findings as `auditor selfcheck --township` prints them for the same file."""
    r = CliRunner().invoke(cli, ["selfcheck", str(path), "--township", TOWN, "--out", str(tmp / "cli-selfcheck")])
    m = re.search(r"发现问题 (\d+) 条：必改 (\d+) 条", r.output)
    assert m, r.output
    return int(m.group(2)), int(m.group(1))


def test_login_upload_see_findings_download_workbook(browser, server, export, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None)

    _login(page, server, password="wrong-password")
    assert page.locator(".error").inner_text() == "账号或密码不正确"
    errors.clear()  # the refused login's 401
    _login(page, server)
    assert page.locator("h1").inner_text() == f"{TOWN} 自查"
    _no_overflow(page)

    page.set_input_files("#files", str(export))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/runs/[0-9a-f]{20}$"), timeout=180_000)
    page.wait_for_selector("#must-fix", timeout=180_000)
    must_fix = int(page.locator("#must-fix").inner_text())
    findings = int(page.locator("#findings-count").inner_text())
    assert (must_fix, findings) == _cli_counts(export, tmp_path)
    assert must_fix > 0 and "必改清零：未通过" in page.locator("#gate-text").inner_text()
    assert page.locator("#priorities li").count() > 0
    shown = page.locator("#findings-table tbody tr").count()
    assert shown == min(findings, 100)
    assert "排名 —（本次只审核了" in page.locator("#gate").inner_text()  # a township auditing only itself: no rank, and why

    # filter by 规则: the table holds only that rule's findings
    rule = page.locator("#filters select[name=规则编号] option").nth(1).get_attribute("value")
    with page.expect_navigation():
        page.select_option("#filters select[name=规则编号]", rule)  # applies on change (app.js)
    rules = page.locator("#findings-table tbody tr td.rule").all_inner_texts()
    assert rules and all(r.startswith(rule + " ") for r in rules)

    with page.expect_download() as download:
        page.click("text=下载自查表")
    saved = tmp_path / "自查表.xlsx"
    download.value.save_as(saved)
    assert download.value.suggested_filename.endswith(f"{TOWN}.xlsx")
    workbook = openpyxl.load_workbook(saved, read_only=True)
    assert len(workbook.sheetnames) >= 2
    workbook.close()
    assert not errors, errors
    context.close()


def test_non_export_file_error_on_the_page(browser, server, tmp_path):
    page = browser.new_page()
    _login(page, server)
    bad = tmp_path / "名单.xlsx"
    bad.write_text("不是导出文件", encoding="utf-8")
    page.set_input_files("#files", str(bad))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#run-error", timeout=120_000)
    assert page.locator("#run-error").inner_text().startswith("文件 “名单.xlsx” 不是防返贫监测导出")
    page.close()


def test_oversized_upload_refused_on_the_page(browser, server, tmp_path):
    page = browser.new_page()
    _login(page, server)
    big = tmp_path / "大文件.csv"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    page.set_input_files("#files", str(big))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#client-error:not([hidden])")
    assert "太大" in page.locator("#client-error").inner_text()
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_without_horizontal_overflow(browser, server, export, tmp_path, width):
    client = server.client("t0")
    run_id = client.upload(export).json()["id"]
    assert client.wait(run_id)["status"] == "done"
    page = browser.new_page(viewport={"width": width, "height": 800})
    _login(page, server)
    _no_overflow(page)
    _shot(page, tmp_path / f"home-{width}.png")
    page.goto(f"{server.url}/runs/{run_id}")
    page.wait_for_selector("#must-fix")
    _no_overflow(page)
    _shot(page, tmp_path / f"result-{width}.png")
    page.close()
