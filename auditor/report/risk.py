"""The 风险隐患 outputs: the standalone page 风险隐患.html, the machine-readable risk.json, and the
section 风险隐患 of the circular. All three render one risk dict (auditor/risk.py `assess`), which
holds only counts, unit names and explanations — no name, ID or phone — so nothing needs masking;
file names still pass `mask_text` like the circular's.

The page and the circular share one template (reports/risk_section.html.j2) and one context
(risk_context, below), so a warning reads the same wherever it is circulated.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..analysis.risk import threshold_texts
from ..fmt import cn_number, date_text, num_text, period_text
from .mask import mask_text
from .templates import environment

TOP_RISK_TYPES = 3  # risk types named per unit in the 风险隐患 tables (all are in risk.json)


def risk_document(risk: dict, county: str, files: list[str]) -> dict:
    """risk.json: the run's identity around the risk dict (figures, warnings, thresholds)."""
    return {"county": county, "period": risk["period"], "generated_at": dt.datetime.now().isoformat(timespec="seconds"),
            "files": [Path(f).name for f in files], **risk}


def write_risk(risk: dict, county: str, files: list[str], out_dir: Path) -> list[Path]:
    """风险隐患.html and risk.json into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = risk_document(risk, county, files)
    generated = dt.datetime.fromisoformat(doc["generated_at"])
    page = environment().get_template("risk.html.j2").render(
        title=f"{county}规模性返贫风险隐患预警（{period_text(risk['period'])}）", county=county,
        files=[mask_text(f) for f in doc["files"]], generated=f"{date_text(generated.date())} {generated:%H:%M}",
        risk=risk_context(risk), cn=cn_number)
    html = out_dir / "风险隐患.html"
    html.write_text(page, encoding="utf-8")
    data = out_dir / "risk.json"
    data.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return [html, data]

def _risk_types(unit: dict) -> str:
    """The unit's unremoved households by risk type, most frequent first: '因病12户、因学3户等'."""
    types = sorted(((k, v["unremoved"]) for k, v in unit.get("risk_types", {}).items() if v["unremoved"]),
                   key=lambda kv: (-kv[1], kv[0]))
    if not types:
        return "—"
    shown = "、".join(f"{k}{n}户" for k, n in types[:TOP_RISK_TYPES])
    return shown + ("等" if len(types) > TOP_RISK_TYPES else "")
def _risk_share(value) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"
def _risk_row(unit: dict) -> dict:
    """One township's or village's row of the 风险隐患 tables (None = the export lacks the column: —)."""
    return {"township": unit["township"], "village": unit.get("village", ""), "households": unit["households"],
            "persons": unit["persons"], "monitored": num_text(unit["monitored"]), "unremoved": num_text(unit["unremoved"]),
            "share": _risk_share(unit["unremoved_share"]), "new": num_text(unit["new"]), "resettled": num_text(unit["resettled"]),
            "types": _risk_types(unit)}
def _by_share(unit: dict) -> tuple:
    """Highest share of unremoved households first (unknown last), then by name."""
    share = unit["unremoved_share"]
    return (share is None, -(share or 0), unit.get("village") or unit["township"])
def risk_context(risk: dict) -> dict:
    """What the section shows: ranked warnings, what was not judged, township (and village) tables."""
    return {
        "period": period_text(risk["period"]),
        "baseline": risk["baseline"],
        "total": _risk_row({"township": risk["baseline"], **risk["total"]}),
        "warnings": [{"rank": w["rank"], "name": w["name"], "level": w["level"], "township": w["township"],
                      "village": w["village"] or "—", "explanation": w["explanation"]} for w in risk["warnings"]],
        "not_judged": risk["not_judged"],
        "townships": [_risk_row(t) for t in sorted(risk["townships"], key=_by_share)],
        "villages": [_risk_row(v) for v in sorted(risk["villages"], key=lambda v: (v["township"], *_by_share(v)))],
        "thresholds": threshold_texts(risk["thresholds"], risk["baseline"]),
    }
