"""The demo county's department lists and the province's feedback list, consistent with its export,
laid out as offices send them (title rows, a merged two-row header, GBK CSV, IDs as ="…", one ID
typed into Excel as a number), with planted 账账不符 (the L rules), planted 应纳未纳 clues and their near
misses, and feedback items of every status. Nothing here changes the export: the mismatches are
the lists'. `plant_lists` returns what each must give, for the manifest and the tests.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.entries import entries
from ..ids import with_check_digit
from .households import TOWNSHIPS, Demo, Household, Planted

_INACTIVE = ("减少", "死亡", "注销", "迁出")
_ID18 = re.compile(r"\d{17}[0-9X]")


class TooSmall(ValueError):
    """The demo county has too few free households for the lists' planted problems."""


@dataclass
class PlantedClue:
    kind: str  # the list
    name: str
    what: str


@dataclass
class DemoLists:
    specs: list[str] = field(default_factory=list)  # KIND[@DATE]=FILE
    feedback: Path | None = None
    planted: list[Planted] = field(default_factory=list)  # the L findings they must give
    clues: list[PlantedClue] = field(default_factory=list)
    feedback_status: dict[int, str] = field(default_factory=dict)  # line of the feedback file → 整改状态
    notes: list[str] = field(default_factory=list)


def _date(period: str, day: int = 5) -> str:
    return f"{period}-{day:02d}"


def _people(hh: Household) -> list[dict]:
    return [m for m in hh.members if m.get("成员状态", "正常") not in _INACTIVE]


def _valid(pid: str) -> bool:
    return bool(_ID18.fullmatch(pid or "")) and with_check_digit(pid[:17]) == pid


def plant_lists(data: Demo, folder: Path, seed: int = 2024) -> DemoLists:
    """Write the lists of `data`'s period into `folder`; what they must give."""
    rng = random.Random(seed * 7 + 19)
    folder.mkdir(parents=True, exist_ok=True)
    out = DemoLists()
    day = _date(data.period)
    ym = data.period.replace("-", "年", 1) + "月"
    planted_hids = {p.hid for p in data.planted}
    free = [hh for hh in data.households[len(TOWNSHIPS) * 3:] if hh.hid not in planted_hids and hh.hid not in data.reserved]
    rng.shuffle(free)
    poor = [hh for hh in free if not hh.fields["监测对象类别"]]  # 脱贫户 / 一般农户: not monitored
    watched = [hh for hh in free if hh.fields["监测对象类别"] and hh.fields["风险是否已消除"] != "是"]
    removed = [hh for hh in free if hh.fields["风险是否已消除"] == "是"]
    used: set[str] = set()

    def take(pool: list[Household]) -> Household:
        hh = next((h for h in pool if h.hid not in used and all(_valid(m["证件号码"]) for m in _people(h))), None)
        if hh is None:
            raise TooSmall("演示数据的户数太少，没有生成部门清单（需要约 500 户以上）")
        used.add(hh.hid)
        return hh

    def outsider(town: str, village: str) -> dict:
        birth = f"19{rng.randint(50, 85)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        while True:
            pid = with_check_digit(f"130630{birth}{rng.randrange(0, 999):03d}")
            if pid not in data.gen.ids:
                data.gen.ids.add(pid)
                break
        return {"姓名": data.gen.name(), "证件号码": pid, "乡": town, "村": village}

    def lp(hh: Household, m: dict | None = None) -> dict:
        m = m or hh.members[0]
        return {"姓名": m["姓名"], "证件号码": m["证件号码"], "乡": hh.fields["乡"], "村": hh.fields["村"], "hid": hh.hid}

    # ---- 医保 (xlsx, 推送日期 column, 参保状态; one ID typed as a number) -------------------------
    a, b, c, d = take(poor), take(poor), take(watched), take(poor)
    stranger = outsider(a.fields["乡"], a.fields["村"])
    stopped, mangled = take(watched), take(watched)
    rows = [(lp(a), "25800.50", "正常参保"), (lp(b), "8000", "正常参保"), (lp(c), "36000", "正常参保"),
            (stranger, "22000", "正常参保"), (lp(stopped), "3200", "停保"), (lp(d), "10200", "正常参保"),
            (lp(mangled), "1500", "正常参保")]
    out.clues += [PlantedClue("医保", a.members[0]["姓名"], "脱贫户成员个人自付 25800.50 元（≥ 10000）"),
                  PlantedClue("医保", stranger["姓名"], "不在导出中的人员个人自付 22000 元（≥ 20000）"),
                  PlantedClue("医保", d.members[0]["姓名"], "脱贫户成员个人自付 10200 元（≥ 10000）")]
    out.planted.append(Planted("L08", stopped.hid, stopped.members[0]["姓名"], "医保清单参保状态为停保，导出为已参保"))
    path = folder / f"医保局_高额医疗费用人员_{data.period}.xlsx"
    _xlsx(path, [f"涞源县医疗保障局 {ym}高额医疗费用人员推送清单", "（按个人自付费用排序）"],
          ["序号", "参保人姓名", "身份证号", "乡镇（街道）", "村（社区）", "个人自付金额（元）", "参保状态", "推送日期"],
          [[i + 1, p["姓名"], p["证件号码"], p["乡"], p["村"], amount, state, day]
           for i, (p, amount, state) in enumerate(rows)], numeric_id_rows={len(rows) - 1})
    out.specs.append(f"医保={path}")
    out.notes.append("医保清单：一人的身份证号被 Excel 存成数值（截断），只能按姓名+村疑似匹配")

    # ---- 低保 (GBK CSV, date in the title, IDs as ="…") ----------------------------------------
    receivers = [(hh, m) for hh in data.households for m in _people(hh)
                 if m.get("是否享受低保") == "是" or m.get("享受低保政策情况") in ("城市低保", "农村低保")]
    omitted = next(((hh, m) for hh, m in receivers if _valid(m["证件号码"])), None)
    listed = [(hh, m) for hh, m in receivers if (hh, m) != omitted]
    if omitted:
        out.planted.append(Planted("L02", omitted[0].hid, omitted[1]["姓名"], "导出享受低保，低保清单中没有此人"))
    for hh, m in listed:
        if m.get("是否享受低保") == "否" or m.get("享受低保政策情况") == "不享受":
            out.planted.append(Planted("L01", hh.hid, m["姓名"], "低保清单有此人，导出两列低保信息不一致（一列为否）"))
    no = take(poor)
    newly = take(poor)
    dibao = [(lp(hh, m), "B类", "2019-03-01") for hh, m in listed] + [(lp(no), "A类", "2018-07-01"),
                                                                       (lp(newly), "C类", "2023-11-20")]
    out.planted.append(Planted("L01", no.hid, no.members[0]["姓名"], "低保清单有此人，导出为不享受低保"))
    out.planted.append(Planted("L01", newly.hid, newly.members[0]["姓名"], "新纳入低保，导出为不享受低保"))
    out.clues.append(PlantedClue("低保", newly.members[0]["姓名"], "2023-11-20 新纳入低保"))
    path = folder / f"民政局_低保名册_{data.period}.csv"
    with path.open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f"涞源县城乡最低生活保障对象名册（统计截止日期：{data.period[:4]}年{int(data.period[5:])}月5日）"])
        w.writerow(["序号", "乡镇（街道）", "村（居）委会", "保障对象姓名", "公民身份号码", "保障类别", "批准日期"])
        for i, (p, kind, approved) in enumerate(dibao):
            w.writerow([i + 1, p["乡"], p["村"], p["姓名"], f'="{p["证件号码"]}"', kind, approved])
        w.writerow(["合计", "", "", f"{len(dibao)}人"])
    out.specs.append(f"低保={path}")

    # ---- 特困 (xlsx, two title rows and a merged group header; date given on the command line) --
    tekun = [(hh, m) for hh in data.households for m in _people(hh)
             if m.get("是否特困供养人员") == "是" or m.get("享受特困供养政策情况") in ("城市特困", "农村特困")]
    for hh, m in tekun:
        if m.get("是否特困供养人员") == "否" or m.get("享受特困供养政策情况") == "不享受":
            out.planted.append(Planted("L03", hh.hid, m["姓名"], "特困清单有此人，导出两列特困信息不一致（一列为否）"))
    concentrated = take(watched)
    alone = outsider(b.fields["乡"], b.fields["村"])
    rows = [(lp(hh, m), "集中供养") for hh, m in tekun] + [(lp(concentrated), "集中供养"), (alone, "分散供养")]
    out.planted.append(Planted("L03", concentrated.hid, concentrated.members[0]["姓名"], "特困清单有此人，导出为不享受特困供养"))
    out.clues.append(PlantedClue("特困", alone["姓名"], "分散供养特困人员，不在导出中"))
    path = folder / f"民政局_特困供养人员_{data.period}.xlsx"
    _xlsx(path, ["涞源县特困人员救助供养花名册", f"填报单位：涞源县民政局　　{ym}"],
          ["序号", "姓名", "身份证号", "乡镇", "村", "供养方式", "批准时间"],
          [[i + 1, p["姓名"], p["证件号码"], p["乡"], p["村"], way, "2020-01-01"] for i, (p, way) in enumerate(rows)],
          group=("供养情况", 5, 6))
    out.specs.append(f"特困@{day}={path}")

    # ---- 残联 (UTF-8 CSV with BOM; 新致残 by the certificate date) --------------------------------
    new_disabled, grade3 = take(poor), take(poor)
    c13 = next(p for p in data.planted if p.rule_id == "C13")
    hh13 = next(h for h in data.households if h.hid == c13.hid)
    m13 = next(m for m in hh13.members if m["姓名"] == c13.name)
    rows = [(lp(new_disabled), "肢体残疾", "四级", f"{data.period[:4]}-04-20"),
            (lp(hh13, m13), "视力残疾", "三级", "2016-05-10"),
            (lp(grade3), "听力残疾", "三级", "2015-09-01")]
    out.planted += [Planted("L05", new_disabled.hid, new_disabled.members[0]["姓名"], "残联新办残疾证，导出健康状况无残疾"),
                    Planted("L06", hh13.hid, m13["姓名"], "残联清单为视力残疾，导出残疾类别为肢体"),
                    Planted("L05", grade3.hid, grade3.members[0]["姓名"], "残联清单听力残疾三级，导出健康状况无残疾")]
    out.clues.append(PlantedClue("残联", new_disabled.members[0]["姓名"], "新致残（今年办证）"))
    path = folder / f"残联_残疾人名单_{data.period}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["涞源县残疾人联合会 持证残疾人变动名单"])
        w.writerow(["姓名", "身份证号", "所属乡镇", "所属村", "残疾类别", "残疾等级", "发证日期", "统计截止日期"])
        for p, kind, grade, issued in rows:
            w.writerow([p["姓名"], p["证件号码"], p["乡"], p["村"], kind, grade, issued, day])
    out.specs.append(f"残联={path}")

    # ---- 住建 (per household: 户主 columns only) ---------------------------------------------------
    unsafe, b_grade, monitored_unsafe = take(poor), take(poor), take(watched)
    rows = [(lp(unsafe), "D级"), (lp(b_grade), "B级"), (lp(monitored_unsafe), "C级")]
    out.planted += [Planted("L09", unsafe.hid, "", "住建鉴定 D 级危房，导出是否危房户为否"),
                    Planted("L09", monitored_unsafe.hid, "", "住建鉴定 C 级危房，导出是否危房户为否")]
    out.clues.append(PlantedClue("住建", unsafe.members[0]["姓名"], "住房鉴定为 D 级危房"))
    path = folder / f"住建局_农村危房鉴定_{data.period}.xlsx"
    _xlsx(path, ["涞源县农村住房安全鉴定结果（C、D级及复核）"],
          ["序号", "乡镇", "行政村", "户主姓名", "户主身份证号", "鉴定等级", "鉴定日期"],
          [[i + 1, p["乡"], p["村"], p["姓名"], p["证件号码"], grade, day] for i, (p, grade) in enumerate(rows)])
    out.specs.append(f"住建@{day}={path}")

    # ---- 应急, 人社, 教育 ------------------------------------------------------------------------------
    flood, small = take(removed), take(poor)
    moved = take(poor)
    rows = [(lp(flood), "洪涝", "15000"), (lp(small), "冰雹", "3000"), ({**lp(moved), "村": "不存在村"}, "冰雹", "500")]
    out.clues.append(PlantedClue("应急", flood.members[0]["姓名"], "风险已消除户洪涝损失 15000 元（回头看）"))
    out.planted.append(Planted("L10", moved.hid, moved.members[0]["姓名"], "应急清单中的村与导出不同"))
    path = folder / f"应急管理局_受灾人员_{data.period}.csv"
    with path.open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "受灾人姓名", "身份证号", "乡镇", "村", "灾种", "直接经济损失（元）", "统计日期"])
        for i, (p, kind, loss) in enumerate(rows):
            w.writerow([i + 1, p["姓名"], p["证件号码"], p["乡"], p["村"], kind, loss, day])
    out.specs.append(f"应急={path}")

    late = _date(data.period, 25)  # pushed late in the month: their clues are not overdue yet at the data date
    jobless, working = take(poor), take(poor)
    path = folder / f"人社局_失业登记_{data.period}.xlsx"
    _xlsx(path, ["涞源县失业人员登记名单"], ["姓名", "社会保障号码", "乡镇", "村", "就业状态", "失业登记日期"],
          [[p["姓名"], p["证件号码"], p["乡"], p["村"], state, late]
           for p, state in ((lp(jobless), "失业"), (lp(working), "已就业"))])
    out.clues.append(PlantedClue("人社", jobless.members[0]["姓名"], "登记失业"))
    out.specs.append(f"人社@{late}={path}")

    student, cheap = take(poor), take(poor)
    path = folder / f"教育局_非义务教育阶段学生_{data.period}.xlsx"
    _xlsx(path, ["涞源县非义务教育阶段学生家庭教育支出情况"], ["学生姓名", "学生身份证号", "乡镇", "村", "学段", "自付金额", "统计截止日期"],
          [[p["姓名"], p["证件号码"], p["乡"], p["村"], "普通高中", amount, late]
           for p, amount in ((lp(student), "6800"), (lp(cheap), "2400"))])
    out.clues.append(PlantedClue("教育", student.members[0]["姓名"], "教育自付 6800 元（≥ 5000）"))
    out.specs.append(f"教育={path}")

    # ---- the province's feedback list ---------------------------------------------------------------
    out.feedback, out.feedback_status = _feedback(data, folder, take, poor, lp)
    return out


def _feedback(data: Demo, folder: Path, take, poor, lp) -> tuple[Path, dict[int, str]]:
    coded = {e.id: e for e in entries().values() if e.ref_code}
    items: list[tuple[list, str]] = []
    for p in data.planted:
        e = coded.get(p.rule_id)
        if e is None or len([i for i in items if i[1] == "仍存在"]) >= 4:
            continue
        hh = next(h for h in data.households if h.hid == p.hid)
        m = next((m for m in hh.members if m["姓名"] == p.name), None) if p.name else None
        if p.name and (m is None or not _valid(m["证件号码"])):
            continue
        items.append(([e.ref_code[0], e.ref_msg[0] if e.ref_msg else e.name, "必改", hh.fields["乡"], hh.fields["村"], hh.hid,
                       m["证件号码"] if m else "", m["姓名"] if m else ""], "仍存在"))
    fixed = take(poor)
    e = next(x for x in coded.values() if x.ref_code[0] == items[0][0][0])
    person = lp(fixed)
    items.append(([e.ref_code[0], e.ref_msg[0] if e.ref_msg else e.name, "必改", person["乡"], person["村"], fixed.hid,
                   person["证件号码"], person["姓名"]], "已整改"))
    other = take(poor)
    items.append((["9_02_031", "家庭成员联系电话与其他户重复", "非必改", other.fields["乡"], other.fields["村"], other.hid, "", ""],
                  "待人工核对"))
    items.append(([e.ref_code[0], e.ref_msg[0] if e.ref_msg else e.name, "必改", TOWNSHIPS[0], "东关村", "130630199999999999",
                   "", ""], "对象已不在册"))
    path = folder / f"省平台反馈问题清单_{data.period}.xlsx"
    header = ["序号", "问题编码", "问题描述", "必改/非必改", "乡镇", "村", "户编号", "证件号码", "姓名"]
    _xlsx(path, ["河北省防返贫监测信息系统 数据质量反馈问题清单", "反馈单位：省乡村振兴局"], header,
          [[i + 1, *row] for i, (row, _) in enumerate(items)])
    return path, {4 + i: status for i, (_, status) in enumerate(items)}


def _xlsx(path: Path, titles: list[str], header: list[str], rows: list[list], group: tuple[str, int, int] | None = None,
          numeric_id_rows: set[int] = frozenset()) -> Path:
    """A list as offices write it: title rows, a header (with a merged group over some columns), IDs as text
    except in `numeric_id_rows` (typed in as numbers: Excel keeps 15 digits)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = wb.add_worksheet("Sheet1")
    bold = wb.add_format({"bold": True})
    for i, t in enumerate(titles):
        ws.write_string(i, 0, t, bold)
    top = len(titles)
    if group:
        text, first, last = group
        ws.merge_range(top, first, top, last, text, bold)
        for j, h in enumerate(header):
            if first <= j <= last:
                ws.write_string(top + 1, j, h, bold)
            else:
                ws.merge_range(top, j, top + 1, j, h, bold)
        top += 2
    else:
        for j, h in enumerate(header):
            ws.write_string(top, j, h, bold)
        top += 1
    id_cols = [j for j, h in enumerate(header) if "身份证" in h or "身份号码" in h or "社会保障号" in h or h == "证件号码"]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if j in id_cols and i in numeric_id_rows:
                ws.write_number(top + i, j, float(v))
            elif isinstance(v, int | float):
                ws.write_number(top + i, j, v)
            else:
                ws.write_string(top + i, j, str(v))
    wb.close()
    return path


def write_list_manifest(lists: DemoLists, path: Path) -> Path:
    """埋入清单问题_<period>.csv: the L findings, the clues and the feedback items' statuses."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["类型", "规则编号或清单", "户编号", "姓名", "埋入的问题"])
        for p in lists.planted:
            w.writerow(["账账不符", p.rule_id, p.hid, p.name, p.what])
        for c in lists.clues:
            w.writerow(["风险线索", c.kind, "", c.name, c.what])
        for line, status in lists.feedback_status.items():
            w.writerow(["省反馈问题", "", "", "", f"反馈清单第 {line} 行：{status}"])
    return path
