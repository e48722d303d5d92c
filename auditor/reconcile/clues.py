"""风险线索: the 应纳未纳 clues of the department lists, and their lifecycle across months (issue 19 §3–4).

A clue is a list row that says the person is at risk (CLUE_SQL: 医保 above its threshold, 残联 新致残
or grade 1–2, 低保 newly approved, 特困 分散供养 alone, 教育 and 应急 above their thresholds, 住建 C/D,
人社 unemployed) whose household is not a 监测对象, or is one whose risk is 已消除 (回头看), or is not in
the export at all (一般农户). Its date is the list's, its deadline date + deadline_days.

Across months (with a history store) the previous run's clues are carried on: a clue is closed as
identified when this export shows the person's household as an unremoved 监测对象 (the days from the
clue date to 识别监测时间 recorded: H13 reads them, `clue_dates`), closed as excluded when a returned
交办清单 says 不符合条件 with a reason, else it stays open, and is overdue once the run's reference date
is past its deadline. The clues of the run are the table `clues` (recorded in the store as run_clues).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib

import pyarrow as pa

from ..prepare import Prepared

EPOCH = dt.date(1970, 1, 1)
OPEN, OVERDUE, IDENTIFIED, EXCLUDED = "未办结", "已逾期", "已纳入监测", "已排除"
CLOSED = (IDENTIFIED, EXCLUDED)

# The columns of `clues` (and of the history's run_clues, in English there: CLUE_STORE).
CLUE_COLUMNS: dict[str, pa.DataType] = {
    "线索编号": pa.string(), "清单": pa.string(), "姓名": pa.string(), "证件号码": pa.string(), "人员键": pa.string(),
    "乡镇": pa.string(), "村": pa.string(), "户编号": pa.string(), "在册情况": pa.string(), "匹配方式": pa.string(),
    "线索原因": pa.string(), "来源文件": pa.string(), "来源行号": pa.int64(), "线索日期": pa.string(),
    "截止日期": pa.string(), "状态": pa.string(), "办结日期": pa.string(), "用时天数": pa.int64(),
    "核查结果": pa.string(), "理由": pa.string(), "核查日期": pa.string(), "发现期": pa.string(),
}
CLUE_STORE = {
    "线索编号": "clue_id", "清单": "list_kind", "姓名": "name", "证件号码": "id_number", "人员键": "person_key",
    "乡镇": "township", "村": "village", "户编号": "household", "在册情况": "standing", "匹配方式": "matched_by",
    "线索原因": "reason", "来源文件": "source_file", "来源行号": "source_line", "线索日期": "clue_date",
    "截止日期": "deadline", "状态": "status", "办结日期": "closed_on", "用时天数": "days", "核查结果": "result",
    "理由": "excuse", "核查日期": "checked_on", "发现期": "found_period",
}


def empty_clues() -> pa.Table:
    return pa.table({c: pa.array([], t) for c, t in CLUE_COLUMNS.items()})


def _candidates_sql(r: dict) -> str:
    """Every list row that makes a clue, with its reason (Chinese), before the household test."""
    def money(col: str) -> str:
        return f"CAST(round(l.{col}, 2) AS VARCHAR)"
    poor = ("(m.户编号 IS NOT NULL AND (h.监测户 = 1 OR h.脱贫户 = 1)) "
            "OR coalesce(regexp_matches(l.人员类别, '脱贫|监测|防返贫|边缘|突发严重困难'), false)")
    return f"""
    SELECT l.*, m.户编号 AS 户, m.乡镇 AS 导出乡镇, m.村 AS 导出村, h.监测户, h.已消除, h.成员数,
      CASE
        WHEN l.清单 = '医保' AND l.数_个人自付金额 >= CASE WHEN {poor} THEN {float(r['medical_threshold_poor'])}
                                                          ELSE {float(r['medical_threshold_other'])} END
          THEN '个人自付 ' || {money('数_个人自付金额')} || ' 元，达到'
               || CASE WHEN {poor} THEN '脱贫/监测人口' ELSE '其他人员' END || '的预警线 '
               || CASE WHEN {poor} THEN '{r['medical_threshold_poor']}' ELSE '{r['medical_threshold_other']}' END || ' 元'
        WHEN l.清单 = '残联' AND l.新致残 = 1 THEN '新致残' || coalesce('（' || l.残疾类别 || coalesce(l.残疾等级, '') || '）', '')
        WHEN l.清单 = '残联' AND l.残疾等级数 <= {int(r['disability_max_grade'])}
          THEN '重度残疾（' || coalesce(l.残疾类别, '') || l.残疾等级 || '）'
        WHEN l.清单 = '低保' AND l.日_批准日期 IS NOT NULL AND l.清单日 IS NOT NULL AND l.日_批准日期 <= l.清单日
             AND l.清单日 - l.日_批准日期 <= {int(r['dibao_new_months'])} * 30.4375
          THEN '新纳入低保（批准日期 ' || l.批准日期 || '）'
        WHEN l.清单 = '特困' AND l.分散供养 = 1
             AND coalesce(CASE WHEN m.户编号 IS NOT NULL THEN h.成员数 END, CAST(l.数_保障人数 AS INTEGER), 1) = 1
          THEN '分散供养特困人员，单人户'
        WHEN l.清单 = '教育' AND l.数_自付金额 >= {float(r['education_threshold'])}
          THEN '教育自付 ' || {money('数_自付金额')} || ' 元，达到预警线 {r['education_threshold']} 元'
        WHEN l.清单 = '住建' AND l.危房CD = 1 THEN '住房鉴定为 ' || l.危房等级
        WHEN l.清单 = '应急' AND l.数_损失金额 >= {float(r['disaster_threshold'])}
          THEN coalesce(l.灾害类型, '灾害') || '损失 ' || {money('数_损失金额')} || ' 元，达到预警线 {r['disaster_threshold']} 元'
        WHEN l.清单 = '人社' AND l.失业 = 1 THEN '登记失业' || coalesce('（' || l.就业状态 || '）', '')
      END AS 线索原因
    FROM lists l
    LEFT JOIN members m ON m._row = l.匹配行
    LEFT JOIN households h ON h.户编号 = m.户编号
    """


def candidates(prep: Prepared, covered: tuple[str, ...]) -> list[dict]:
    """This run's new clue candidates: one per person and list kind (the earliest dated row)."""
    if not prep.lists:
        return []  # no list given: `lists` is empty (and planning the query costs a township's audit 15 ms)
    con = prep.con
    rows = con.execute(f"""
    WITH c AS ({_candidates_sql(prep.cfg.reconcile)})
    SELECT c.清单, r.姓名 AS 姓名原文, r.证件号码 AS 证件原文, c.姓名, c.证件键, c.乡镇, c.村, c.导出乡镇, c.导出村, c.户,
           c.匹配方式, c.监测户, c.已消除, c.线索原因, c._file, c._line, c.清单日
    FROM c JOIN raw_lists r ON r._row = c._row
    WHERE c.线索原因 IS NOT NULL AND (c.户 IS NULL OR c.监测户 = 0 OR c.已消除 = 1)
      -- a person of the export who is not active (死亡, 迁出) or not in the run's townships: no clue
      AND NOT (c.户 IS NULL AND c.证件键 IS NOT NULL AND c.证件键 IN (
          SELECT CASE WHEN length(n.证件号码) >= 18 THEN substr(upper(n.证件号码), 1, 18) ELSE n.证件号码 END
          FROM _norm n WHERE n.证件号码 IS NOT NULL AND n._row NOT IN (SELECT _row FROM members)))
    ORDER BY c._row
    """).fetchall()
    names = ["清单", "姓名原文", "证件原文", "姓名", "证件键", "乡镇", "村", "导出乡镇", "导出村", "户", "匹配方式", "监测户",
             "已消除", "线索原因", "_file", "_line", "清单日"]
    out: dict[tuple[str, str], dict] = {}
    for values in rows:
        c = dict(zip(names, values, strict=True))
        key = c["证件键"] or f"{c['姓名'] or ''}|{c['村'] or ''}"
        town = c["导出乡镇"] if c["户"] else c["乡镇"]
        if covered and town not in covered:
            continue
        c["人员键"] = key
        prev = out.get((key, c["清单"]))
        if prev is None or (c["清单日"] or 0) < (prev["清单日"] or 0):
            out[(key, c["清单"])] = c
    return list(out.values())


def _iso(days: int | None) -> str:
    return "" if days is None else (EPOCH + dt.timedelta(days=int(days))).isoformat()


def clue_id(kind: str, day: str, person_key: str) -> str:
    return f"{kind}-{day.replace('-', '')}-{hashlib.sha1(person_key.encode()).hexdigest()[:8]}"


def build(prep: Prepared, previous: list[dict], returned: dict[str, dict], covered: tuple[str, ...] = ()) -> pa.Table:
    """This run's clues: the previous run's carried on and judged again, and the new ones; `returned`
    maps clue ids to the townships' answers (returned.py)."""
    _con, period = prep.con, prep.period
    days = int(prep.cfg.reconcile["deadline_days"])
    ref = period.ref_date.isoformat()
    standing = _standing(prep)
    out: dict[str, dict] = {}
    for c in previous:
        out[c["线索编号"]] = dict(c)
    open_keys = {(c["人员键"], c["清单"]) for c in out.values() if c["状态"] not in CLOSED}
    closed_at = {}
    for c in out.values():
        if c["状态"] == EXCLUDED:
            closed_at[(c["人员键"], c["清单"])] = max(closed_at.get((c["人员键"], c["清单"]), ""), c["办结日期"] or "")
    for c in candidates(prep, covered):
        day = _iso(c["清单日"])
        key = (c["人员键"], c["清单"])
        if key in open_keys or (key in closed_at and day <= closed_at[key]):
            continue
        cid = clue_id(c["清单"], day, c["人员键"])
        if cid in out:
            continue
        deadline = (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat() if day else ""
        stand = "不在导出中（一般农户）" if not c["户"] else ("风险已消除（回头看）" if c["已消除"] else "非监测对象")
        out[cid] = {
            "线索编号": cid, "清单": c["清单"], "姓名": c["姓名原文"] or "", "证件号码": c["证件原文"] or "",
            "人员键": c["人员键"], "乡镇": (c["导出乡镇"] if c["户"] else c["乡镇"]) or "",
            "村": (c["导出村"] if c["户"] else c["村"]) or "", "户编号": c["户"] or "", "在册情况": stand,
            "匹配方式": c["匹配方式"] or "未匹配", "线索原因": c["线索原因"], "来源文件": c["_file"], "来源行号": c["_line"],
            "线索日期": day, "截止日期": deadline, "状态": OPEN, "办结日期": "", "用时天数": None, "核查结果": "",
            "理由": "", "核查日期": "", "发现期": period.month,
        }
    for c in out.values():
        answer = returned.get(c["线索编号"])
        if answer and c["状态"] not in CLOSED:
            c["核查结果"], c["理由"], c["核查日期"] = answer["核查结果"], answer["理由"], answer["核查日期"]
        if c["状态"] in CLOSED:
            continue
        now = standing.get(c["人员键"])
        if now and now["未消除"] == 1:
            c["户编号"] = now["户编号"]
            c["状态"] = IDENTIFIED
            c["办结日期"], c["用时天数"] = _identified(now, c["线索日期"], ref)
        elif c["核查结果"] == "不符合条件" and c["理由"]:
            c["状态"] = EXCLUDED
            c["办结日期"] = c["核查日期"] or ref
        else:
            c["状态"] = OVERDUE if c["截止日期"] and c["截止日期"] < ref else OPEN
    rows = sorted(out.values(), key=lambda c: (c["乡镇"], c["村"], c["线索日期"], c["线索编号"]))
    return pa.table({col: pa.array([r.get(col) for r in rows], t) for col, t in CLUE_COLUMNS.items()})


def _standing(prep: Prepared) -> dict[str, dict]:
    """Each person key of the export → its household, whether that is an unremoved 监测对象, and the date
    of its identification (days): the date, or only the first of its month (`月首`)."""
    rows = prep.con.execute("""
        SELECT m.人员关联键, m.户编号, h.未消除, h.日_识别监测时间, h.日_识别监测月首
        FROM members m JOIN households h ON h.户编号 = m.户编号""").fetchall()
    return {k: {"户编号": hh, "未消除": u, "识别日": d, "月首": first} for k, hh, u, d, first in rows}


def _identified(now: dict, clue_day: str, ref: str) -> tuple[str, int | None]:
    """办结日期 and 用时天数 of a clue whose household is identified: the days from the clue to 识别监测时间
    (H13's reading). With only a month, its first day — or the clue's own day when the clue falls in
    that month (0 days: identified the same month). An identification dated before the clue (a household
    identified long ago, removed, now monitored again) gives no day count; 办结日期 is then the run's."""
    clue = (dt.date.fromisoformat(clue_day) - EPOCH).days if clue_day else None
    day, first = now["识别日"], now["月首"]
    if clue is None or (day is None and first is None):
        return (_iso(day if day is not None else first) or ref), None
    if day is not None:
        return (_iso(day), int(day) - clue) if day >= clue else (ref, None)
    start = EPOCH + dt.timedelta(days=int(first))
    month_end = int(first) + calendar.monthrange(start.year, start.month)[1] - 1
    if first >= clue:
        return _iso(first), int(first) - clue
    if clue <= month_end:
        return clue_day, 0
    return ref, None


def store_clues(prep: Prepared, clues: pa.Table) -> None:
    """The run's clues into `clues` (created empty by reconcile.load), replacing what an earlier
    judgement of the same run put there."""
    con = prep.con
    con.execute("DELETE FROM clues")
    if clues.num_rows:
        con.register("_clues_in", clues)
        con.execute("INSERT INTO clues SELECT * FROM _clues_in")
        con.unregister("_clues_in")


def fill_clue_dates(prep: Prepared, previous: list[dict]) -> bool:
    """`clue_dates` (H13): per household of this export, the earliest date of the history's clues for its
    persons that this identification answers — open ones, and ones closed as identified no earlier than
    the household's identification month (an older episode, identified, removed and now monitored
    again, does not count); excluded clues never. True when there is any."""
    con = prep.con
    con.execute("DELETE FROM clue_dates")
    keep = [c for c in previous if c["状态"] != EXCLUDED and c["线索日期"]]
    if not keep:
        return False

    def days(text: str | None) -> int | None:
        return (dt.date.fromisoformat(text) - EPOCH).days if text else None

    t = pa.table({"人员键": [c["人员键"] for c in keep],
                  "线索日": pa.array([days(c["线索日期"]) for c in keep], pa.int32()),
                  "办结日": pa.array([days(c["办结日期"]) if c["状态"] == IDENTIFIED else None for c in keep], pa.int32()),
                  "线索来源": [f"部门预警线索（{c['清单']}清单，线索编号 {c['线索编号']}）日期" for c in keep],
                  "线索日期文本": [c["线索日期"] for c in keep]})
    con.register("_clue_in", t)
    con.execute("""
        INSERT INTO clue_dates
        SELECT row_number() OVER (ORDER BY 户编号), 户编号, 线索日, 线索来源, 线索日期文本 FROM (
          SELECT m.户编号, c.线索日, c.线索来源, c.线索日期文本,
                 row_number() OVER (PARTITION BY m.户编号 ORDER BY c.线索日, c.线索来源) AS k
          FROM _clue_in c JOIN members m ON m.人员关联键 = c.人员键 JOIN households h ON h.户编号 = m.户编号
          WHERE c.办结日 IS NULL OR h.日_识别监测月首 IS NULL OR c.办结日 >= h.日_识别监测月首) t
        WHERE k = 1""")
    con.unregister("_clue_in")
    return bool(con.execute("SELECT count(*) FROM clue_dates").fetchone()[0])


def by_township(clues: pa.Table, limit: int = 15) -> list[dict]:
    """Per township: clues, handled (closed), open, overdue, identified, excluded, and the 办结率."""
    out: dict[str, dict] = {}
    for c in clues.to_pylist():
        t = out.setdefault(c["乡镇"] or "（未知乡镇）", {"township": c["乡镇"] or "（未知乡镇）", "clues": 0, "handled": 0,
                                                     "open": 0, "overdue": 0, "identified": 0, "excluded": 0,
                                                     "late": 0})
        t["clues"] += 1
        if c["状态"] in CLOSED:
            t["handled"] += 1
        else:
            t["open"] += 1
        t["overdue"] += c["状态"] == OVERDUE
        t["identified"] += c["状态"] == IDENTIFIED
        t["excluded"] += c["状态"] == EXCLUDED
        t["late"] += bool(c["状态"] == IDENTIFIED and c["用时天数"] is not None and c["用时天数"] > limit)
    for t in out.values():
        t["handled_rate"] = round(t["handled"] / t["clues"], 4) if t["clues"] else None
    return sorted(out.values(), key=lambda t: t["township"])
