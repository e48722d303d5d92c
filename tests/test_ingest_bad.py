"""Bad input through the real command line: exit 2, one Chinese line naming the file, no traceback,
no output folder (cli.md, exit codes)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from exportfiles import HEADER, member, write_csv, write_xlsx

from auditor.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_refused(path: Path, tmp_path: Path, *words: str) -> str:
    out = tmp_path / "结果"
    code, stdout, stderr = run_cli("audit", str(path), "--out", str(out))
    assert code == 2, (code, stdout, stderr)
    message = stderr.strip()
    assert "\n" not in message and "Traceback" not in stderr + stdout, stderr
    assert message.startswith("错误：") and path.name in message, message
    for word in words:
        assert word in message, message
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".auditor-")]
    return message


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>户编号 姓名</w:p></w:body></w:document>")
    return buf.getvalue()


def test_missing_file(tmp_path):
    assert_refused(tmp_path / "不存在.xlsx", tmp_path, "不存在")


def test_a_folder(tmp_path):
    folder = tmp_path / "导出.xlsx"
    folder.mkdir()
    assert_refused(folder, tmp_path, "文件夹")


@pytest.mark.parametrize("name", ["空.xlsx", "空.csv"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert_refused(path, tmp_path, "空文件")


def test_password_protected_xlsx(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp_path / "plain.xlsx", {"基础信息": [HEADER, member(1)]})
    locked = tmp_path / "加密.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("123456", dst)
    assert_refused(locked, tmp_path, "密码")


def test_docx_renamed_xlsx(tmp_path):
    path = tmp_path / "通知.xlsx"
    path.write_bytes(docx_bytes())
    assert_refused(path, tmp_path, "Word")


def test_truncated_xlsx(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", {"基础信息": [HEADER, *(member(i) for i in range(200))]})
    cut = tmp_path / "半截.xlsx"
    cut.write_bytes(whole.read_bytes()[:2000])
    assert_refused(cut, tmp_path)


@pytest.mark.parametrize("name", ["乱码.xlsx", "乱码.csv", "乱码.xls"])
def test_random_binary(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 8 + os.urandom(4096))
    assert_refused(path, tmp_path)


def test_ole_file_that_is_not_a_workbook(tmp_path):
    """A .doc (or any OLE compound file) renamed .xls."""
    import olefile

    path = tmp_path / "文档.xls"
    # The smallest valid compound file: header + one FAT sector + an empty directory.
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[24:26] = (0x3E).to_bytes(2, "little")
    header[26:28] = (3).to_bytes(2, "little")
    header[28:30] = bytes.fromhex("FEFF")
    header[30:32] = (9).to_bytes(2, "little")
    header[32:34] = (6).to_bytes(2, "little")
    header[44:48] = (1).to_bytes(4, "little")          # one FAT sector
    header[48:52] = (1).to_bytes(4, "little")          # directory starts at sector 1
    header[56:60] = (4096).to_bytes(4, "little")
    header[60:64] = (0xFFFFFFFE).to_bytes(4, "little")
    header[68:72] = (0xFFFFFFFE).to_bytes(4, "little")
    header[76:80] = (0).to_bytes(4, "little")          # DIFAT[0] = sector 0
    header[80:512] = b"\xff" * 432
    fat = bytearray(b"\xff" * 512)
    fat[0:4] = (0xFFFFFFFD).to_bytes(4, "little")
    fat[4:8] = (0xFFFFFFFE).to_bytes(4, "little")
    root = bytearray(128)
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    root[0:len(name)] = name
    root[64:66] = len(name).to_bytes(2, "little")
    root[66] = 5
    root[68:72] = root[72:76] = root[76:80] = (0xFFFFFFFF).to_bytes(4, "little")
    root[116:120] = (0xFFFFFFFE).to_bytes(4, "little")
    path.write_bytes(bytes(header) + bytes(fat) + bytes(root) + bytes(384))
    assert olefile.isOleFile(str(path))
    assert_refused(path, tmp_path)


def test_required_columns_missing(tmp_path):
    grid = [["乡", "村", "户编号", "证件号码", "性别"], ["涞源镇", "东关村", "130630100001", "x", "男"]]
    path = write_xlsx(tmp_path / "缺列.xlsx", {"基础信息": grid})
    message = assert_refused(path, tmp_path, "基础信息", "姓名", "与户主关系")
    assert "户编号" not in message.split("缺少")[-1]


def test_name_column_missing(tmp_path):
    """The three columns that identify a main table are there, 姓名 is not."""
    grid = [["户编号", "证件号码", "与户主关系", "性别"], ["130630100001", "x", "户主", "男"]]
    path = write_csv(tmp_path / "无姓名.csv", grid)
    message = assert_refused(path, tmp_path, "姓名")
    assert "与户主关系" not in message.split("缺少")[-1]


def test_no_header_row(tmp_path):
    path = write_xlsx(tmp_path / "花名册.xlsx", {"Sheet1": [["编号", "名字"], ["1", "张三"]]})
    assert_refused(path, tmp_path, "表头")


def test_header_only(tmp_path):
    path = write_csv(tmp_path / "只有表头.csv", [["XX县脱贫人口信息表"], HEADER, ["合计", "", "", "", "", "", "0"]])
    assert_refused(path, tmp_path, "没有数据行")


def test_utf16_csv(tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_text("\t".join(HEADER) + "\n" + "\t".join(member(1)) + "\n", encoding="utf-16")
    assert_refused(path, tmp_path, "UTF-16")


def test_utf16_csv_without_bom(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes((",".join(HEADER) + "\n" + ",".join(member(1)) + "\n").encode("utf-16-le"))
    assert_refused(path, tmp_path)


def test_shift_jis_csv(tmp_path):
    """Half-width katakana before ASCII: valid Shift-JIS, invalid GB18030 (a lead byte alone)."""
    text = "ID,ﾅﾏｴ,ｼﾞｭｳｼｮ,世帯\r\n" + ",".join(["1", "ﾀﾛｳ", "ﾄｳｷｮｳ", "世帯主"]) + "\r\n"
    raw = text.encode("shift_jis")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("gb18030")
    path = tmp_path / "sjis.csv"
    path.write_bytes(raw)
    assert_refused(path, tmp_path, "编码")


def test_one_bad_file_among_good_ones(tmp_path):
    good = write_csv(tmp_path / "甲镇.csv", [HEADER, member(1)])
    bad = tmp_path / "乙镇.xlsx"
    bad.write_bytes(docx_bytes())
    out = tmp_path / "结果"
    code, _, stderr = run_cli("audit", str(good), str(bad), "--out", str(out))
    assert code == 2 and "乙镇.xlsx" in stderr and "甲镇" not in stderr
    assert not out.exists()


def test_failed_run_leaves_an_earlier_result_alone(tmp_path):
    out = tmp_path / "结果"
    out.mkdir()
    (out / "summary.json").write_text("{}", encoding="utf-8")
    bad = tmp_path / "坏.csv"
    bad.write_bytes(b"")
    code, _, _ = run_cli("audit", str(bad), "--out", str(out))
    assert code == 2
    assert [p.name for p in out.iterdir()] == ["summary.json"]


def test_real_process_prints_one_line(tmp_path):
    """Through the console entry point in a subprocess: stderr is exactly one line, exit status 2."""
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(os.urandom(3000))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "auditor", "audit", str(bad), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "坏.xlsx" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "o").exists()
