"""Ingest benchmark: read_exports against the bare read of the same file.

    python bench/ingest.py [--xlsx-rows 100000] [--csv-rows 1000000] [--dir DIR]

Generates a county-sized xlsx (≈60 columns of realistic values, written with xlsxwriter's
constant_memory mode) and a province-sized UTF-8 CSV, then, each in a fresh process so peak memory
is its own, measures:
  - read_exports (auditor.ingest) on the xlsx, beside python-calamine's bare to_python() of it;
  - read_exports on the CSV, beside pyarrow.csv.read_csv of it (every column as text).
Prints rows, wall seconds, rows/s, CPU seconds (less sensitive to a busy machine), peak RSS and
the RSS growth over the process after its imports.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOWNS = ["涞源镇", "银坊镇", "走马驿镇", "水堡镇", "王安镇", "杨家庄镇", "白石山镇", "南屯镇", "南马庄乡",
         "北石佛乡", "金家井乡", "留家庄乡", "上庄乡", "东团堡乡", "塔崖驿乡", "乌龙沟乡", "烟煤洞乡"]
RELATIONS = ["户主", "配偶", "之子", "之女", "之孙子", "之孙女", "之父", "之母", "之儿媳"]
HEALTH = ["健康", "健康", "健康", "长期慢性病", "患有大病", "残疾", "残疾,长期慢性病"]
LABOUR = ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"]
SCHOOL = ["", "", "", "小学", "七年级", "八年级", "普通高中一年级", "学前教育", "非在校生"]
EDU = ["文盲或半文盲", "小学", "初中", "高中", "大专", "本科及以上", ""]
WORK = ["乡（镇）内务工", "乡（镇）外县内务工", "县外省内务工", "省外务工", "", "未外出务工"]
MEASURES = ["", "", "就业服务", "医疗救助", "雨露计划", "小额信贷", "公益岗位", "产业奖补,就业服务"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国秀英桂兰玉梅志强海燕春华明亮丽娟小红军伟芳敏静立新淑珍凤霞永刚文博子涵浩然欣怡"

HEADER = (
    ["省", "市", "县", "乡(镇)", "行政村", "户编号", "人口编号", "户类型", "户主姓名", "户主证件号码", "联系电话",
     "家庭人口数", "年度", "姓名", "性别", "出生日期", "证件类型", "证件号码", "民族", "与户主关系", "政治面貌",
     "文化程度", "在校生状况", "健康状况", "残疾类别", "劳动技能", "务工所在地", "务工时间（月）", "公益性岗位类型",
     "公益性岗位(月数)", "是否参加城乡居民基本医疗保险", "是否参加大病保险", "是否参加城乡居民基本养老保险",
     "是否享受低保", "是否特困供养人员", "监测对象类别", "致贫/返贫风险1", "致贫/返贫风险2", "识别监测时间",
     "风险是否已消除", "风险消除方式", "消除监测时间", "是否危房户", "是否解决安全饮用水", "工资性收入（元）",
     "生产经营性收入（元）", "财产性收入（元）", "转移性收入（元）", "生产经营性支出（元）", "家庭纯收入（元）",
     "人均纯收入（元）", "产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶", "综合保障",
     "信息采集人", "信息采集人联系电话"]
)
MONEY_FROM = HEADER.index("工资性收入（元）")


def _id(rng: random.Random, birth: str, male: bool) -> str:
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    from auditor.ids import with_check_digit

    return with_check_digit(f"130630{birth}{seq:03d}")


def rows(n: int, seed: int = 7):
    """Member rows, household by household: cells are str, or int/float where exports hold numbers."""
    rng = random.Random(seed)
    made, hh = 0, 0
    while made < n:
        hh += 1
        size = min(rng.choice([1, 2, 3, 3, 4, 4, 5, 6]), n - made)
        town = rng.choice(TOWNS)
        village = town[:2] + rng.choice("东西南北上下前后") + "村"
        hid = f"1306301{hh:011d}"
        monitored = rng.random() < 0.2
        money = [rng.randrange(0, 30000), rng.randrange(0, 8000), 0, rng.randrange(0, 6000), rng.randrange(0, 3000)]
        net = sum(money[:4]) - money[4]
        head_name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        head_id = ""
        for k in range(size):
            male = rng.random() < 0.5 if k else True
            birth = f"{rng.randrange(1940, 2020)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
            ident = _id(rng, birth, male)
            name = head_name if k == 0 else head_name[0] + rng.choice(GIVEN) + rng.choice(GIVEN)
            head_id = head_id or ident
            row = [
                "河北省", "保定市", "涞源县", town, village, hid, f"{hid}{k + 1:02d}", "脱贫户", head_name, head_id,
                f"13{rng.randrange(100000000, 999999999)}", size, 2024, name, "男" if male else "女", birth,
                "身份证", ident, "汉族", "户主" if k == 0 else rng.choice(RELATIONS[1:]), "群众",
                rng.choice(EDU), rng.choice(SCHOOL), rng.choice(HEALTH), "", rng.choice(LABOUR), rng.choice(WORK),
                str(rng.randrange(0, 13)), "", "", "是", "是", "是", "否", "否",
                "脱贫不稳定户" if monitored else "", "因病" if monitored else "", "",
                202208.0 if monitored else "", "否" if monitored else "", "", "", "否", "是",
                *money, net, round(net / size, 2),
                rng.choice(MEASURES), rng.choice(MEASURES), "", "", rng.choice(MEASURES), "", "",
                "王干部" if monitored else "", "13912345678" if monitored else "",
            ]
            yield row
            made += 1


def write_xlsx(path: Path, n: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("基础信息")
    ws.write_string(0, 0, "涞源县脱贫人口信息表")
    ws.write_row(1, 0, HEADER)
    for i, row in enumerate(rows(n), start=2):
        for j, v in enumerate(row):
            if isinstance(v, str):
                if v:
                    ws.write_string(i, j, v)
            else:
                ws.write_number(i, j, v)
    wb.close()


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for row in rows(n):
            w.writerow(["" if v == "" else (str(int(v)) if isinstance(v, float) and v == int(v) else v) for v in row])


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() // 1024


def measure(what: str, path: str) -> dict:
    """One reading, in this (fresh) process: rows, seconds, peak RSS, RSS growth over the imports."""
    if what == "read_exports":
        from auditor.ingest import read_exports

        def run() -> int:
            return read_exports([path]).main.num_rows
    elif what == "calamine":
        import python_calamine as cal

        def run() -> int:
            return len(cal.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python())
    elif what == "pyarrow.csv":
        import pyarrow as pa
        import pyarrow.csv as pcsv

        def run() -> int:
            opts = pcsv.ConvertOptions(column_types={h: pa.string() for h in HEADER}, strings_can_be_null=False)
            return pcsv.read_csv(path, convert_options=opts).num_rows
    else:
        raise SystemExit(f"unknown measurement {what}")
    if what == "read_exports":
        # pyarrow imports pandas on first use when it is installed (once per process, ~1 s): not per-row
        # work. The default install has no pandas (the gx extra brings it).
        with contextlib.suppress(ImportError):
            import pandas  # noqa: F401
    base = _rss_kb()
    t0, c0 = time.perf_counter(), time.process_time()
    n = run()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"what": what, "rows": n, "seconds": seconds, "cpu": cpu, "peak_mb": peak / 1024,
            "growth_mb": (peak - base) / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--xlsx-rows", type=int, default=100_000)
    ap.add_argument("--csv-rows", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, help="where to write the files (default: a temporary folder)")
    ap.add_argument("--measure", nargs=2, metavar=("WHAT", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx, csv_path = folder / f"bench_{args.xlsx_rows}.xlsx", folder / f"bench_{args.csv_rows}.csv"
        for path, n, writer in ((xlsx, args.xlsx_rows, write_xlsx), (csv_path, args.csv_rows, write_csv)):
            if not path.exists():
                t0 = time.perf_counter()
                writer(path, n)
                print(f"wrote {path.name}: {n} rows × {len(HEADER)} columns, "
                      f"{path.stat().st_size / 2**20:.0f} MiB in {time.perf_counter() - t0:.0f} s", flush=True)
        print(f"{'file':<5} {'reader':<13} {'rows':>8} {'wall s':>7} {'rows/s':>8} {'CPU s':>7} {'rows/CPU s':>10} "
              f"{'peak RSS':>9} {'growth':>7}")
        for label, path, readers in (("xlsx", xlsx, ("calamine", "read_exports")),
                                     ("csv", csv_path, ("pyarrow.csv", "read_exports"))):
            for what in readers:
                out = subprocess.run([sys.executable, __file__, "--measure", what, str(path)],
                                     capture_output=True, text=True, check=True)
                r = json.loads(out.stdout)
                print(f"{label:<5} {what:<13} {r['rows']:>8} {r['seconds']:>7.2f} {r['rows'] / r['seconds']:>8.0f} "
                      f"{r['cpu']:>7.2f} {r['rows'] / r['cpu']:>10.0f} {r['peak_mb']:>7.0f}MB {r['growth_mb']:>5.0f}MB",
                      flush=True)


if __name__ == "__main__":
    main()
