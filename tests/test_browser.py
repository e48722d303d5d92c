"""通报.html in a real headless browser: rendered at 1280 and 360 px, not blank, ranking table in the DOM.

Needs chromium (.ci/run installs it). Without it the test is skipped, unless AUDITOR_REQUIRE_BROWSER is
set (CI sets it), where a missing browser is a failure.
"""

import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from auditing import run_audit, write_outputs
from conftest import write_export
from factory import household, person
from PIL import Image

from auditor.config import Config

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TOWNS = ["涞源镇", "王安镇", "银坊镇", "走马驿镇", "水堡镇", "金家井乡", "留家庄乡", "<b>乌龙沟乡</b>"]


@pytest.fixture(scope="module")
def browser():
    found = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if found is None:
        if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
            pytest.fail("找不到 chromium：浏览器测试是必需的（AUDITOR_REQUIRE_BROWSER）")
        pytest.skip("chromium not installed")
    return found


@pytest.fixture(scope="module")
def circular(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    rows = []
    for i, town in enumerate(TOWNS):
        for j in range(4):
            broken = {"民族": ""} if j < i % 4 else {}
            rows += household(hid=f"T{i}H{j}", town=town, village=f"{j + 1}村", members=[person(**broken)])
    path = write_export(tmp / "export", rows)
    result = run_audit([str(path)], Config(), "2024-06")
    write_outputs(result, tmp / "out")
    return tmp / "out" / "通报.html", result.summary_json


def chromium(binary: str, tmp, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
             "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}"]
    return subprocess.run([binary, *flags, *args], capture_output=True, timeout=180, check=False)


@pytest.mark.parametrize("width", [1280, 360])
def test_renders_not_blank(browser, circular, tmp_path, width):
    html, _ = circular
    png = tmp_path / f"shot{width}.png"
    done = chromium(browser, tmp_path, f"--screenshot={png}", f"--window-size={width},2400", html.as_uri())
    assert png.is_file(), done.stderr.decode(errors="replace")[-2000:]
    image = Image.open(png).convert("RGB")
    assert image.size == (width, 2400)
    small = image.resize((width // 4, 600))
    colours = small.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # text, tables, chart: far more than a blank or single-colour page
    background = max(colours)[1]
    ink = sum(n for n, c in colours if sum(abs(a - b) for a, b in zip(c, background, strict=True)) > 60)
    assert ink > 0.02 * small.size[0] * small.size[1]
    red = sum(n for n, (r, g, b) in colours if r > 150 and g < 80 and b < 80)
    assert red > 0  # the red title and rule of an official circular


class _RankTable(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.cell = None
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "rank-table") in attrs:
            self.depth = 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag == "td":
            self.cell = ""

    def handle_endtag(self, tag):
        if self.depth and tag == "td":
            self.rows[-1].append(self.cell)
            self.cell = None
        elif tag == "table":
            self.depth = 0

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def test_dom_holds_ranking_table(browser, circular, tmp_path):
    html, summary = circular
    done = chromium(browser, tmp_path, "--dump-dom", html.as_uri())
    dom = done.stdout.decode("utf-8")
    parser = _RankTable()
    parser.feed(dom)
    body = [r for r in parser.rows if r]
    names = [r[0].replace("前三名", "").replace("后三名", "") for r in body]
    assert sorted(names) == sorted(TOWNS)
    assert names == [t["name"] for t in summary["townships"]]
    assert [r[1] for r in body] == [str(t["rank"]) for t in summary["townships"]]
    assert "<b>乌龙沟乡</b>" not in dom.replace("&lt;b&gt;乌龙沟乡&lt;/b&gt;", "")  # escaped, not markup
