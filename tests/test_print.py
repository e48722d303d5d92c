"""The self-check workbook as it prints: rendered to PDF by LibreOffice (.ci/run installs it), the
pages counted per sheet from the page header (each page's header names its sheet).

问题明细 of a township with 30 findings prints on A4 landscape one page wide: every page carries the
whole header row up to its last column, and the sheet takes a few pages, not one page per column
group (the old layout: 94 columns in portrait, 28 pages for 22 findings). Without LibreOffice the test
is skipped, unless AUDITOR_REQUIRE_SERVICES says it must run.
"""

from __future__ import annotations

import collections
import os
import shutil
import subprocess

import pytest
from auditing import run_audit, write_outputs
from conftest import write_export
from factory import household, person

FINDINGS = 30


@pytest.fixture(scope="module")
def soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("AUDITOR_REQUIRE_SERVICES"):
            pytest.fail("找不到 LibreOffice（soffice）：打印测试是必需的（AUDITOR_REQUIRE_SERVICES）")
        pytest.skip("LibreOffice not installed")
    return found


def _pages(soffice: str, book, out) -> tuple[int, dict[str, list[str]]]:
    """The PDF's page count and each sheet's pages' text, by the sheet title in the page header."""
    import pypdf

    profile = out / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), str(book)], check=True, capture_output=True,
                   timeout=300)
    reader = pypdf.PdfReader(out / (book.stem + ".pdf"))
    sheets: dict[str, list[str]] = collections.defaultdict(list)
    for page in reader.pages:
        text = page.extract_text()
        first = text.splitlines()[0]
        assert first.startswith("内部使用"), first  # every printed page is marked
        sheets[first.removeprefix("内部使用").strip()].append(text)
    return len(reader.pages), sheets


def test_the_self_check_workbook_prints_on_few_a4_pages(soffice, tmp_path):
    rows = []
    for j in range(FINDINGS):
        rows += household(hid=f"H{j:03d}", town="涞源镇", village=f"{j % 4 + 1}村",
                          members=[person(name=f"成员{j}", 民族="")])  # C01 民族为空 on each
    path = write_export(tmp_path / "涞源镇_2024年6月", rows)
    result = run_audit([str(path)], None, "2024-06")
    write_outputs(result, tmp_path / "out")
    assert result.summary.findings == FINDINGS
    total, sheets = _pages(soffice, tmp_path / "out" / "自查" / "涞源镇.xlsx", tmp_path)
    detail = sheets["问题明细"]
    assert 1 <= len(detail) <= 3, len(detail)
    for text in detail:  # one page wide: the header row, to its last column, on every page
        assert "规则名称" in text and "来源行号" in text
    assert sum("成员" in line for text in detail for line in text.splitlines()) >= FINDINGS
    assert len(sheets["问题汇总"]) == 1 and len(sheets["说明"]) == 1
    assert len(sheets["原始记录"]) <= 8  # four pages across, the rows down
    assert total == sum(len(p) for p in sheets.values()) <= 12
