"""The figures of the work plan's statistical tables (附表2–5、9), in SQL over the prepared tables and
the findings of the run — the same data every other output reads, so each count can be recomputed
from the `households`/`members` tables and findings.parquet.

Conventions shared by every table (also printed under each sheet):
- A household is counted once, in the township of its 户值(乡) (prefix stripped: `households.乡镇`);
  persons are its active members (`成员数`). Rows without 户编号 belong to no household and are left out.
- Rows are townships in a stable order: the configured list (auditor.toml county.townships) in its
  order, then the other townships of the export — 街道, 镇, 乡 (the order of the statistical division
  codes), each by name in code-point order (the same on every machine) — then （未填乡镇）. Every
  table lists the same townships (configured ones without rows included), zeros included.
- A count the export cannot support (a column it lacks, a rule that did not run) is written —, never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from .. import codes
from ..catalogue import rules_by_id
from ..fields import DEV_MEASURES, RISKS
from ..fmt import UNNAMED_VILLAGE, date_text, month_index, month_text, period_text, town_label
from ..report.mask import mask_name
from .model import Column, StatTable

# 附表3: the group-I rules whose finding makes a 风险消除 invalid, with the short reason of the table.
# They are exactly the 必改 rules of group I in the 精准性 dimension (the household did not meet the
# conditions of removal). Left out: I03 (households not removed), I04/I07/I13/I14 (dates, blanks,
# contacts: data to correct, not a reason to roll back), and I05/I06/I16 (非必改 doubts: a short
# stable period or a new signal is to be verified first, not rolled back on sight).
ROLLBACK_RULES = {
    "I01": "帮扶消除时人均纯收入低于监测线",
    "I02": "整户无劳动力",
    "I08": "有义务教育阶段失学辍学",
    "I09": "住房不安全（危房）",
    "I10": "未解决安全饮用水",
    "I11": "有成员未参加基本医疗保险",
    "I12": "帮扶消除但未享受帮扶措施",
    "I15": "风险类型无对应帮扶措施",
}

# 附表4: the 三保障 and drinking-water problems, each (label, household condition, the field it
# needs, the previous run's condition over prev_households).
PROBLEMS = (
    ("义务教育", "h.是否义务教育阶段适龄儿童少年失学辍学 = '是'", "是否义务教育阶段适龄儿童少年失学辍学",
     "p.dropout = '是'", "dropout"),
    ("基本医疗", "h.未参加基本医保人数 > 0", "是否参加城乡居民基本医疗保险", "p.uninsured > 0", "uninsured"),
    ("住房安全", "h.是否危房户 = '是'", "是否危房户", "p.unsafe_house = '是'", "unsafe_house"),
    ("饮水安全", "h.是否解决安全饮用水 = '否'", "是否解决安全饮用水", "p.safe_water = '否'", "safe_water"),
)

# 附表9: the 14 measure columns grouped as the work plan counts them.
MEASURE_GROUPS = (
    ("开发式帮扶措施", "产业", ("产业帮扶",)),
    ("开发式帮扶措施", "就业", ("就业帮扶",)),
    ("开发式帮扶措施", "金融", ("金融帮扶",)),
    ("开发式帮扶措施", "公益岗位", ("公益岗位帮扶",)),
    ("其他帮扶措施", "健康", ("健康帮扶",)),
    ("其他帮扶措施", "教育", ("教育帮扶", "义务教育保障")),
    ("其他帮扶措施", "住房（含搬迁）", ("住房安全保障", "搬迁")),
    ("其他帮扶措施", "饮水", ("饮水安全保障",)),
    ("其他帮扶措施", "综合保障", ("综合保障",)),
    ("其他帮扶措施", "社会帮扶", ("社会帮扶",)),
    ("其他帮扶措施", "基础设施及生产生活条件", ("基础设施建设", "生产生活条件改善")),
)
SAFETY_NET = ("综合保障", "社会帮扶")  # J03's 兜底 measures

COMMON_NOTE = ("户按户值（户主行的值）归属乡镇；人数为户内在册（活动）成员数；户编号为空的行不属于任何户，不计入。"
               "“—”表示导出缺少所需字段或相应规则未执行，无法统计。")


@dataclass
class Context:
    """What every table needs from one audit run."""

    con: duckdb.DuckDBPyConnection
    county: str
    period: str  # YYYY-MM
    ref_date: str  # YYYY-MM-DD
    present: set[str]
    skipped: dict[str, str]  # rule id → why it did not run
    categories: tuple[str, ...]  # the valid 监测对象类别
    previous_period: str | None  # the history store's previous run (prev_households is registered)
    towns: list[str]  # township keys in table order ('' = no 乡)
    risk: dict | None = None  # the run's 风险隐患 (summary["risk"], auditor/risk.py) when it has one

    @classmethod
    def from_result(cls, result) -> Context:
        con, cfg, summary = result.prep.con, result.prep.cfg, result.summary_json
        found = [r[0] for r in con.execute("SELECT DISTINCT coalesce(乡镇, '') FROM households").fetchall()]
        return cls(con=con, county=summary.get("county", ""), period=summary["period"],
                   ref_date=summary.get("ref_date", ""), present=set(result.prep.present),
                   skipped=dict(result.plan.skipped), categories=tuple(cfg.code_lists["监测对象类别"]),
                   previous_period=(summary.get("history") or {}).get("previous_period"),
                   towns=township_order(cfg.townships, found), risk=summary.get("risk"))

    @property
    def period_month(self) -> int:
        """The data month as year*12+month (the form of the prepared 月_ columns)."""
        return month_index(self.period)

    def title(self, name: str) -> str:
        return f"{self.county}{name}"

    def period_line(self) -> str:
        day = f"（数据截至{date_text(dt.date.fromisoformat(self.ref_date))}）" if self.ref_date else ""
        return f"统计周期：{period_text(self.period)}{day}"


# The statistical division codes number 街道 0xx, 镇 1xx, 乡 (民族乡, 苏木) 2xx: townships are listed in
# that order when the configuration gives none.
_KIND_ORDER = (("街道", 0), ("镇", 1), ("乡", 2), ("苏木", 2))


def _kind(name: str) -> int:
    return next((rank for suffix, rank in _KIND_ORDER if name.endswith(suffix)), 3)


def township_order(configured: Iterable[str], found: Iterable[str]) -> list[str]:
    """Configured townships in their order; then the others: 街道, 镇, 乡, other names, each by name
    (code-point order, the same on every machine); '' (no 乡) last."""
    listed = list(dict.fromkeys(configured))
    rest = sorted((t for t in set(found) if t and t not in listed), key=lambda t: (_kind(t), t))
    return listed + rest + ([""] if "" in set(found) else [])


def _rows(ctx: Context, sql: str, params: list | None = None) -> dict[str, tuple]:
    """SQL whose first column is the township key → {key: the other columns}."""
    return {r[0]: tuple(r[1:]) for r in ctx.con.execute(sql, params or []).fetchall()}


def _table_rows(ctx: Context, by_town: dict[str, tuple], columns: list[Column]) -> list[list]:
    """One row per township in ctx.towns: its label, then its values (zeros when absent; None where
    the column is not available)."""
    width = len(columns) - 1
    out = []
    for key in ctx.towns:
        values = list(by_town.get(key, (0,) * width))
        out.append([town_label(key), *(v if c.available else None for v, c in zip(values, columns[1:], strict=True))])
    return out


def _risk_columns(ctx: Context, group: str) -> tuple[list[Column], str]:
    """Households per 致贫/返贫风险 item (known items, items outside the list, none filled), and the SQL."""
    available = any(r in ctx.present for r in RISKS)
    known = ", ".join(f"'{r}'" for r in codes.RISK_TYPES)
    cols = [Column(r, group, width=6, available=available) for r in codes.RISK_TYPES]
    cols.append(Column("代码表外的风险项", group, width=7, available=available))
    cols.append(Column("未填写风险类型", group, width=7, available=available))
    sql = [f"count(*) FILTER (WHERE h.风险集合 LIKE '%,{r},%')" for r in codes.RISK_TYPES]
    sql.append("count(*) FILTER (WHERE len(list_filter(string_split(trim(h.风险集合, ','), ','), "
               f"lambda x: x <> '' AND x NOT IN ({known}))) > 0)")
    sql.append("count(*) FILTER (WHERE h.风险集合 = ',')")
    return cols, ", ".join(sql)


def _category_columns(ctx: Context, available: bool) -> tuple[list[Column], str]:
    """户数 and 人数 per 监测对象类别 (the valid ones, then 类别填写有误), and the SQL."""
    cols, sql = [], []
    valid = ", ".join("'" + c.replace("'", "''") + "'" for c in ctx.categories)
    for cat in (*ctx.categories, "类别填写有误"):
        quoted = "'" + cat.replace("'", "''") + "'"
        cond = f"h.监测对象类别 NOT IN ({valid})" if cat == "类别填写有误" else f"h.监测对象类别 = {quoted}"
        cols += [Column("户数", cat, available=available), Column("人数", cat, available=available)]
        sql += [f"count(*) FILTER (WHERE {cond})", f"coalesce(sum(h.成员数) FILTER (WHERE {cond}), 0)"]
    return cols, ", ".join(sql)


def new_monitored(ctx: Context) -> StatTable:
    """附表2: households newly identified in the period (ym(识别监测时间) = the data month)."""
    ok = {"监测对象类别", "识别监测时间"} <= ctx.present
    cat_cols, cat_sql = _category_columns(ctx, ok)
    risk_cols, risk_sql = _risk_columns(ctx, "致贫/返贫风险类型（户数，一户可有多项）")
    columns = [Column("乡镇", width=12, total=""), Column("户数", "新增监测对象", available=ok),
               Column("人数", "新增监测对象", available=ok), *cat_cols,
               *(Column(c.name, c.group, c.width, available=c.available and ok) for c in risk_cols)]
    by_town = _rows(ctx, f"""
        SELECT coalesce(h.乡镇, ''), count(*), coalesce(sum(h.成员数), 0), {cat_sql}, {risk_sql}
        FROM households h WHERE h.监测户 = 1 AND h.月_识别监测时间 = ? GROUP BY 1""", [ctx.period_month])
    notes = [f"新增监测对象：监测对象类别不为空、且识别监测时间所在月份为统计周期月份（{period_text(ctx.period)}）的户。",
             "风险类型按户内各成员行致贫/返贫风险1–5的全部项统计，一户有多项时在各项下各计一次，各项之和可大于户数；"
             "“代码表外的风险项”为不在已知风险类型中的项（如省级新增的教育、医保类项）。", COMMON_NOTE]
    if not ok:
        notes.insert(0, "导出缺少监测对象类别或识别监测时间列，无法统计新增监测对象。")
    return StatTable("附表2 新增监测对象", "附表2", ctx.title("新增监测对象统计表"), columns,
                     _table_rows(ctx, by_town, columns), notes)


def _rollback_households() -> str:
    """SQL of the households to roll back: 户编号 → the ROLLBACK_RULES they have findings of."""
    ids = ", ".join(f"'{r}'" for r in ROLLBACK_RULES)
    return f"""
        SELECT h.户编号, coalesce(h.乡镇, '') AS t, h.村, h.成员数, h._head_row, h.户主数, h.户主姓名,
               h.监测对象类别, h.风险消除方式, h.消除监测时间, h.月_消除监测时间,
               list(DISTINCT f.规则编号 ORDER BY f.规则编号) AS reasons
        FROM households h JOIN findings f ON f.户编号 = h.户编号
        WHERE h.已消除 = 1 AND f.规则编号 IN ({ids})
        GROUP BY ALL"""


def _not_run_note(ctx: Context, rule_ids: Iterable[str]) -> str | None:
    missing = [f"{r}（{ctx.skipped[r]}）" for r in rule_ids if r in ctx.skipped]
    return ("以下回退规则本次未执行，相应原因未统计，需回退户数可能偏少：" + "；".join(missing)) if missing else None


def rollback_counts(ctx: Context) -> StatTable:
    """附表3-1: 风险消除 households that must be rolled back, by township and reason."""
    removable = {"监测对象类别", "风险是否已消除"} <= ctx.present
    reason_cols = [Column(f"{rid}\n{label}", "回退原因（户数，一户可有多个原因）", width=9,
                          available=removable and rid not in ctx.skipped) for rid, label in ROLLBACK_RULES.items()]
    columns = [Column("乡镇", width=12, total=""), Column("已消除风险户数", width=9, available=removable),
               Column("户数", "需要回退", available=removable), Column("人数", "需要回退", available=removable),
               *reason_cols]
    per_reason = ", ".join(f"count(*) FILTER (WHERE list_contains(reasons, '{r}')) AS c{i}"
                           for i, r in enumerate(ROLLBACK_RULES))
    by_town = _rows(ctx, f"""
        WITH r AS ({_rollback_households()}),
        removed AS (SELECT coalesce(乡镇, '') AS t, count(*) AS n FROM households WHERE 已消除 = 1 GROUP BY 1),
        back AS (SELECT t, count(*) AS n, sum(成员数) AS p, {per_reason} FROM r GROUP BY t)
        SELECT removed.t, removed.n, coalesce(back.n, 0), coalesce(back.p, 0),
               {', '.join(f'coalesce(back.c{i}, 0)' for i in range(len(ROLLBACK_RULES)))}
        FROM removed LEFT JOIN back USING (t)""")
    rules = rules_by_id()
    notes = ["需要回退：风险已消除（监测对象类别不为空且风险是否已消除 = 是），但有下列任一规则的问题，说明不符合风险消除条件的户："
             + "；".join(f"{rid} {rules[rid].name}" if rid in rules else rid for rid in ROLLBACK_RULES) + "。",
             "一户有多个回退原因时在各原因下各计一次，各原因之和可大于户数。明细见附表3-2。", COMMON_NOTE]
    note = _not_run_note(ctx, ROLLBACK_RULES)
    if note:
        notes.insert(1, note)
    return StatTable("附表3-1 需要回退监测对象统计", "附表3-1", ctx.title("需要回退监测对象统计表"), columns,
                     _table_rows(ctx, by_town, columns), notes)


def rollback_detail(ctx: Context) -> StatTable:
    """附表3-2: the households of 附表3-1, one per row, with their reasons (rule ids). The table is
    submitted upward, so the head's name is masked as in the circular; 户编号 identifies the household."""
    rules = rules_by_id()
    order = {t: i for i, t in enumerate(ctx.towns)}
    found = ctx.con.execute(f"""
        WITH r AS ({_rollback_households()})
        SELECT r.t, r.村, r.户编号, CASE WHEN r.户主数 = 1 THEN m.姓名 ELSE r.户主姓名 END, r.成员数, r.监测对象类别, r.风险消除方式, r.消除监测时间, r.月_消除监测时间,
               r.reasons
        FROM r LEFT JOIN members m ON m._row = r._head_row""").fetchall()
    found.sort(key=lambda r: (order.get(r[0], len(order)), r[1] or "", r[2]))
    rows = []
    for i, (town, village, hid, head, n, category, way, text, month, reasons) in enumerate(found, start=1):
        why = "；".join(f"{rid} {rules[rid].name if rid in rules else ROLLBACK_RULES[rid]}" for rid in reasons)
        rows.append([i, town_label(town), village or UNNAMED_VILLAGE, hid, mask_name(head) or "—", n,
                     category or "", way or "", month_text(month, text), why])
    columns = [Column("序号", width=5, total=""), Column("乡镇", width=10, total=""),
               Column("行政村", width=10, total=""), Column("户编号", width=20, total="count"),
               Column("户主姓名", width=8, total=""), Column("人数", width=5),
               Column("监测对象类别", width=12, total=""), Column("风险消除方式", width=9, total=""),
               Column("消除监测时间", width=9, total=""), Column("回退原因（规则编号 规则名称）", width=48, total="")]
    notes = ["本表为附表3-1的明细，按乡镇、行政村、户编号排列；户主姓名已脱敏（本表上报，不含完整个人信息），"
             "可凭户编号在系统中查到该户。合计行的户编号一栏为户数。"]
    note = _not_run_note(ctx, ROLLBACK_RULES)
    if note:
        notes.append(note)
    return StatTable("附表3-2 需要回退监测对象明细", "附表3-2", ctx.title("需要回退监测对象明细表"), columns, rows,
                     notes, total_first=False)


def _comparable(ctx: Context, prev_col: str) -> bool:
    """The previous run holds this value at all (not a run recorded before the column existed, nor an
    export without the field)."""
    return bool(ctx.con.execute(f"SELECT count({prev_col}) FROM prev_households").fetchall()[0][0])


def three_guarantees(ctx: Context) -> StatTable:
    """附表4: households with an education, medical, housing or water problem; 本期新增 against the
    previous run of the history store, else the current state (labelled so)."""
    dynamic = ctx.previous_period is not None
    columns = [Column("乡镇", width=12, total="")]
    current, new = [], []
    sql = []
    for label, cond, needs, prev_cond, prev_col in PROBLEMS:
        have = needs in ctx.present
        if dynamic:
            compare = have and _comparable(ctx, prev_col)
            columns += [Column("现有户数", label, available=have), Column("其中本期新增", label, available=compare)]
            sql += [f"count(*) FILTER (WHERE {cond})",
                    f"count(*) FILTER (WHERE {cond} AND NOT coalesce({prev_cond}, false))"]
            new.append((have, compare, f"({cond} AND NOT coalesce({prev_cond}, false))"))
        else:
            columns.append(Column(label, "问题户数（当前状态，无上期数据）", available=have))
            sql.append(f"count(*) FILTER (WHERE {cond})")
        if have:
            current.append(f"({cond})")
    any_current = " OR ".join(current) or "false"
    total_group = "有任一问题"
    if dynamic:
        all_compared = all(compare for have, compare, _ in new if have)
        any_new = " OR ".join(c for have, _, c in new if have) or "false"
        columns += [Column("现有户数", total_group, available=bool(current)),
                    Column("其中本期新增", total_group, available=bool(current) and all_compared)]
        sql += [f"count(*) FILTER (WHERE {any_current})", f"count(*) FILTER (WHERE {any_new})"]
    else:
        columns.append(Column(total_group, "问题户数（当前状态，无上期数据）", available=bool(current)))
        sql.append(f"count(*) FILTER (WHERE {any_current})")
    join = "LEFT JOIN prev_households p ON p.household = h.户编号" if dynamic else ""
    by_town = _rows(ctx, f"SELECT coalesce(h.乡镇, ''), {', '.join(sql)} FROM households h {join} GROUP BY 1")
    notes = ["义务教育：户值(是否义务教育阶段适龄儿童少年失学辍学) = 是；基本医疗：户内有成员城乡居民基本医疗保险与"
             "城镇职工基本医疗保险均不为“是”（含未填写，口径同规则 C10、I11）；住房安全：户值(是否危房户) = 是；"
             "饮水安全：户值(是否解决安全饮用水) = 否（只有“是否饮水出现安全问题”列时按相反含义换算）。",
             "统计范围为导出中的全部户（脱贫户和监测对象）；一户有多类问题时在各类下各计一次，“有任一问题”按户计一次。"]
    if dynamic:
        notes.insert(0, f"本期新增（动态新增）：本期有该问题、而历史库中上期（{period_text(ctx.previous_period)}）"
                        "审核结果中该户没有该问题的户；上期不在册的户也计为新增。")
        if not all(compare for have, compare, _ in new if have):
            notes.append("上期审核结果中没有某类问题的数据（上期导出缺少该列，或上期由旧版本记录）时，该类的本期新增记为“—”。")
    else:
        notes.insert(0, f"本表为{period_text(ctx.period)}的当前状态，不是动态新增数：没有上期审核结果"
                        "（历史库中没有更早一期的审核记录）。")
    notes.append(COMMON_NOTE)
    return StatTable("附表4 三保障和饮水安全问题", "附表4", ctx.title("动态新增“三保障”和饮水安全问题统计表"), columns,
                     _table_rows(ctx, by_town, columns), notes)


def monitored_info(ctx: Context) -> StatTable:
    """附表5: monitored households and persons by category, removal status, risk type and data quality."""
    ok = "监测对象类别" in ctx.present
    status_ok = ok and "风险是否已消除" in ctx.present
    way_ok = status_ok and "风险消除方式" in ctx.present
    cat_cols, cat_sql = _category_columns(ctx, ok)
    risk_cols, risk_sql = _risk_columns(ctx, "致贫/返贫风险类型（户数，一户可有多项）")
    status, way, quality = "风险消除情况", "已消除户的消除方式（户数）", "数据质量（户数）"
    columns = [Column("乡镇", width=12, total=""), Column("户数", "监测对象", available=ok),
               Column("人数", "监测对象", available=ok), *cat_cols,
               Column("未消除户数", status, available=status_ok), Column("未消除人数", status, available=status_ok),
               Column("已消除户数", status, available=status_ok), Column("已消除人数", status, available=status_ok),
               Column("帮扶消除", way, available=way_ok), Column("自然消除", way, available=way_ok),
               Column("未填或有误", way, available=way_ok),
               *(Column(c.name, c.group, c.width, available=c.available and ok) for c in risk_cols),
               Column("有必改问题", quality, available=ok), Column("无必改问题", quality, available=ok)]
    by_town = _rows(ctx, f"""
        SELECT coalesce(h.乡镇, ''), count(*), coalesce(sum(h.成员数), 0), {cat_sql},
               count(*) FILTER (WHERE h.未消除 = 1), coalesce(sum(h.成员数) FILTER (WHERE h.未消除 = 1), 0),
               count(*) FILTER (WHERE h.已消除 = 1), coalesce(sum(h.成员数) FILTER (WHERE h.已消除 = 1), 0),
               count(*) FILTER (WHERE h.已消除 = 1 AND h.风险消除方式 = '帮扶消除'),
               count(*) FILTER (WHERE h.已消除 = 1 AND h.风险消除方式 = '自然消除'),
               count(*) FILTER (WHERE h.已消除 = 1 AND coalesce(h.风险消除方式 NOT IN ('帮扶消除', '自然消除'), true)),
               {risk_sql},
               count(*) FILTER (WHERE must.户编号 IS NOT NULL), count(*) FILTER (WHERE must.户编号 IS NULL)
        FROM households h
        LEFT JOIN (SELECT DISTINCT 户编号 FROM findings WHERE 类别 = '必改' AND 户编号 <> '') must ON must.户编号 = h.户编号
        WHERE h.监测户 = 1 GROUP BY 1""")
    notes = ["监测对象：监测对象类别不为空的户（含已消除风险的户）。“类别填写有误”为不在代码表内的类别（由规则 H12 报告）。",
             "已消除：风险是否已消除 = 是；未消除：为否、为空或填写有误（空和有误另由规则 I14 报告）。",
             "风险类型按户内各成员行致贫/返贫风险1–5的全部项统计，一户有多项时在各项下各计一次。",
             "数据质量：本次审核中该户（含其成员）有无必改问题，与通报、自查表一致。", COMMON_NOTE]
    return StatTable("附表5 监测对象信息情况", "附表5", ctx.title("监测对象信息情况统计表"), columns,
                     _table_rows(ctx, by_town, columns), notes)


def measures(ctx: Context) -> StatTable:
    """附表9: unremoved monitored households by measure type, and able-bodied households without any
    development-type measure (“一兜了之”, cf. J03)."""
    ok = "监测对象类别" in ctx.present
    dev = ok and any(m in ctx.present for m in DEV_MEASURES)
    labour = ok and "劳动技能" in ctx.present
    net = any(m in ctx.present for m in SAFETY_NET)
    columns = [Column("乡镇", width=12, total=""), Column("户数", "未消除风险监测对象", available=ok),
               Column("人数", "未消除风险监测对象", available=ok)]
    sql = []
    for group, label, cols in MEASURE_GROUPS:
        columns.append(Column(label, f"{group}（户数）", width=6 if len(label) <= 4 else 9,
                              available=ok and any(c in ctx.present for c in cols)))
        sql.append("count(*) FILTER (WHERE " + " OR ".join(f'h."有_{c}" = 1' for c in cols) + ")")
        if label == "公益岗位":
            columns.append(Column("有任一开发式措施", f"{group}（户数）", width=9, available=dev))
            sql.append("count(*) FILTER (WHERE h.开发式全空 = 0)")
    anything = ok and any(c in ctx.present for _, _, cols in MEASURE_GROUPS for c in cols)
    able = "有劳动力的户（户数）"
    columns += [Column("有帮扶措施", "措施落实（户数）", available=anything),
                Column("无任何帮扶措施", "措施落实（户数）", available=anything),
                Column("户数", able, available=labour),
                Column("无开发式帮扶措施", able, width=9, available=labour and dev),
                Column("其中仅有兜底措施（一兜了之）", able, width=11, available=labour and dev and net)]
    safety = " OR ".join(f'h."有_{c}" = 1' for c in SAFETY_NET)
    sql += ["count(*) FILTER (WHERE h.措施全空 = 0)", "count(*) FILTER (WHERE h.措施全空 = 1)",
            "count(*) FILTER (WHERE h.有劳动力人数 > 0)",
            "count(*) FILTER (WHERE h.有劳动力人数 > 0 AND h.开发式全空 = 1)",
            f"count(*) FILTER (WHERE h.有劳动力人数 > 0 AND h.开发式全空 = 1 AND ({safety}))"]
    by_town = _rows(ctx, f"""
        SELECT coalesce(h.乡镇, ''), count(*), coalesce(sum(h.成员数), 0), {', '.join(sql)}
        FROM households h WHERE h.未消除 = 1 GROUP BY 1""")
    notes = ["未消除风险监测对象：监测对象类别不为空、风险是否已消除不为“是”的户（为否、空或填写有误）。",
             "某类措施：户内任一成员行该类措施列不为空即计入；教育含教育帮扶、义务教育保障，住房含住房安全保障、搬迁，"
             "基础设施及生产生活条件含基础设施建设、生产生活条件改善。一户有多类措施时在各类下各计一次。",
             "有劳动力的户：户内至少一名成员劳动技能为普通劳动力、技能劳动力或弱劳动力或半劳动力。"
             "无开发式帮扶措施：产业、就业、金融、公益岗位帮扶在户内均为空（导出中存在的列）。",
             "一兜了之：有劳动力、无开发式帮扶措施，而有综合保障或社会帮扶（兜底）的户，口径同规则 J03，"
             "但不看识别时长、也不排除 J02 已报告的户，所以可多于 J03 的问题数。", COMMON_NOTE]
    return StatTable("附表9 未消除风险户帮扶措施", "附表9", ctx.title("未消除风险的监测对象帮扶措施统计表"), columns,
                     _table_rows(ctx, by_town, columns), notes)
