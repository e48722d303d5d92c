"""The reconciliation's steps inside a run (api._judge calls these two): before the rules, the history's
clues (H13 reads their dates); after the findings, this run's clues (with the returned 交办清单), the
feedback list's items, and the summary.json section `reconcile`."""

from __future__ import annotations

from .clues import build, by_township, fill_clue_dates, store_clues
from .feedback import feedback_rules, feedback_table, match_feedback
from .returned import read_returned

RECONCILE_SCOPE = "|对账"  # the scope suffix of `auditor reconcile`'s runs in the history store


def reconcile_rules(feedback: str | None, cfg) -> set[str]:
    """The rules `auditor reconcile` runs besides the L rules: H13 (the clues' 15 days) and the rules
    the feedback list's problems map to (their 整改状态 needs them)."""
    return {"H13", *(feedback_rules(feedback, cfg) if feedback else ())}


def before_rules(prep, history, scope: str) -> tuple[list[dict], dict[str, set[str]]]:
    """The previous run's clues, and the inputs the plan may count on (`部门线索` when the history holds
    a clue date for a household of this export)."""
    previous = history.previous_clues(scope, prep.period.month) if history else []
    needs = prep.needs_present()
    if fill_clue_dates(prep, previous):
        needs["部门线索"] = {"线索日期"}
    return previous, needs


def after_findings(prep, options, previous: list[dict], covered: tuple[str, ...], ran: set[str]) -> dict | None:
    """The clues and the feedback items of the run (tables `clues`, `feedback_items`) and their summary;
    None when the run had no lists, no feedback list and no clue to follow."""
    con = prep.con
    clues = build(prep, previous, {}, covered)
    if options.returned:
        known = {c["线索编号"]: c for c in clues.to_pylist()}
        answers = read_returned(options.returned, known, int(prep.cfg.params["header_scan_rows"]))
        clues = build(prep, previous, answers, covered)
    store_clues(prep, clues)
    items, feedback = ([], None)
    if options.feedback:
        items, feedback = match_feedback(prep, options.feedback, ran)
    con.execute("DELETE FROM feedback_items")
    if items:
        con.register("_feedback_in", feedback_table(items))
        con.execute("INSERT INTO feedback_items SELECT * FROM _feedback_in")
        con.unregister("_feedback_in")
    if not prep.lists and not options.feedback and not clues.num_rows:
        return None
    limit = int(prep.cfg.reconcile["deadline_days"])
    rows = clues.to_pylist()
    status = {key: sum(c["状态"] == s for c in rows)
              for key, s in (("overdue", "已逾期"), ("identified", "已纳入监测"), ("excluded", "已排除"))}
    status["open"] = sum(c["状态"] in ("未办结", "已逾期") for c in rows)  # overdue ones included
    late = sum(1 for c in rows if c["状态"] == "已纳入监测" and c["用时天数"] is not None and c["用时天数"] > limit)
    suspected = con.execute("SELECT count(*) FROM lists WHERE 匹配方式 = '疑似'").fetchone()[0]
    lists = [{"kind": k, "file": f, "rows": n, "matched": m, "suspected": s, "date": d,
              "date_from": prep.list_dates.get(f, "")} for k, f, n, m, s, d in con.execute("""
        SELECT 清单, _file, count(*), count(*) FILTER (WHERE 匹配方式 = '证件号码'), count(*) FILTER (WHERE 匹配方式 = '疑似'),
               strftime(DATE '1970-01-01' + CAST(max(清单日) AS INTEGER), '%Y-%m-%d')
        FROM lists GROUP BY 清单, _file ORDER BY min(_row)""").fetchall()]
    return {
        "lists": lists,
        "suspected_matches": suspected,
        "thresholds": dict(prep.cfg.reconcile),
        "clues": {"total": len(rows), "new": sum(c["发现期"] == prep.period.month for c in rows), **status,
                  "identified_late": late, "deadline_days": limit,
                  "by_township": by_township(clues, limit)},
        "feedback": feedback,
    }
