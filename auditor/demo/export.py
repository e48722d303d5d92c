"""The demo county as files: the member-level wide export (.xlsx, with the oddities of real files,
fields.md §7) and the manifest of planted problems (埋入问题清单.csv)."""

from __future__ import annotations

import calendar
import csv
from pathlib import Path

from .households import Demo

HEADERS = {
    "乡": "乡(镇)", "村": "行政村", "工资性收入": "工资性收入（元）", "生产经营性收入": "生产经营性收入（元）",
    "财产性收入": "财产性收入（元）", "转移性收入": "转移性收入（元）", "生产经营性支出": "生产经营性支出（元）",
    "家庭纯收入": "家庭纯收入（元）", "人均纯收入": "人均纯收入（元）", "务工时间（月）": "务工时长(月)",
    "是否参加城乡居民基本医疗保险": "是否参加新型农村合作医疗（城乡居民基本医疗保险）",
    "公益岗位帮扶": "公益性岗位帮扶", "在校生状况": "在校生情况",
}
COLUMNS = (
    "省", "市", "县", "乡", "村", "户编号", "户类型", "户主姓名", "户主证件号码", "户联系电话", "家庭人口数", "年度",
    "姓名", "性别", "出生日期", "证件类型", "证件号码", "民族", "与户主关系", "政治面貌", "成员状态",
    "文化程度", "在校生状况", "失学或辍学原因", "义务教育阶段未上学原因", "健康状况", "残疾类别", "劳动技能",
    "务工所在地", "务工时间（月）", "公益性岗位类型", "公益性岗位(月数)",
    "是否参加城乡居民基本医疗保险", "是否参加城镇职工基本医疗保险", "是否参加大病保险", "是否参加城乡居民基本养老保险",
    "是否参加城镇职工基本养老保险", "是否参加商业补充医疗保险", "是否接受大病医疗救助", "是否接受其他健康扶贫",
    "是否享受低保", "是否特困供养人员", "享受低保政策情况", "享受特困供养政策情况", "是否异地扶贫搬迁人口",
    "是否会讲普通话", "是否国外务工",
    "监测对象类别", "致贫/返贫风险1", "致贫/返贫风险2", "因自然灾害子项", "其他备注", "风险线索发现时间", "识别监测时间",
    "风险是否已消除", "风险消除方式", "消除监测时间", "整户无劳动能力兜底保障户", "信息采集人", "信息采集人联系电话",
    "是否危房户", "是否解决安全饮用水", "是否义务教育阶段适龄儿童少年失学辍学",
    "工资性收入", "生产经营性收入", "财产性收入", "转移性收入", "生产经营性支出", "家庭纯收入", "人均纯收入",
    "合规自付支出", "风险消除后工资性收入", "风险消除后财产性收入", "风险消除后转移性收入", "风险消除后生产经营性收入",
    "实施开发式帮扶措施情况", "产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶",
    "义务教育保障", "住房安全保障", "饮水安全保障", "综合保障", "社会帮扶",
)
HOUSEHOLD_COLUMNS = frozenset((
    "省", "市", "县", "乡", "村", "户编号", "户类型", "户主姓名", "户主证件号码", "户联系电话", "家庭人口数", "年度",
    *COLUMNS[COLUMNS.index("监测对象类别"):],
))


def export_name(period: str) -> str:
    return f"涞源县_{period[:4]}年{int(period[5:])}月_防返贫监测导出.xlsx"


def write_export(demo: Demo, path: Path) -> Path:
    """The member-level wide export as a real .xlsx, with the oddities of real files (fields.md §7)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("监测对象信息")
    ws.write_string(0, 0, "涞源县防返贫监测对象及脱贫人口信息表")
    y, m = int(demo.period[:4]), int(demo.period[5:])
    ws.write_string(1, 0, f"数据截至{y}年{m}月{calendar.monthrange(y, m)[1]}日")
    for j, col in enumerate(COLUMNS):
        ws.write_string(2, j, HEADERS.get(col, col))
    r = 3
    for k, hh in enumerate(demo.households):
        for row in hh.rows():
            for j, col in enumerate(COLUMNS):
                value = _messy(col, row.get(col, ""), k)
                if value:  # real exports leave blank cells empty
                    ws.write_string(r, j, value)
            r += 1
    ws.write_string(r + 1, 0, "注：本表由全国防返贫监测信息系统导出，仅供数据核查使用。")
    wb.close()
    return path


def _messy(col: str, value: str, k: int) -> str:
    """Harmless variants real exports carry: codes, variant spellings, float months, full-width text."""
    if col == "性别" and k % 7 == 0:
        return {"男": "1", "女": "2"}.get(value, value)
    if col == "劳动技能" and value == "普通劳动力" and k % 5 == 0:
        return "普通劳动"
    if col == "识别监测时间" and value and k % 3 == 0:
        return value + ".0"
    if col == "民族" and value == "汉族" and k % 11 == 0:
        return "汉"
    if col == "务工所在地" and value and k % 4 == 0:
        return value.replace("(", "（").replace(")", "）")
    if col == "户编号" and k % 13 == 0:
        return f'="{value}"'
    if col == "乡" and k % 17 == 0:
        return "河北省保定市涞源县" + value
    return value


def write_manifest(demo: Demo, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["规则编号", "户编号", "姓名", "埋入的问题"])
        for p in demo.planted:
            w.writerow([p.rule_id, p.hid, p.name, p.what])
    return path
