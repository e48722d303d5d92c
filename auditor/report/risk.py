"""The 风险隐患 outputs: the standalone page 风险隐患.html, the machine-readable risk.json, and the
section 风险隐患 of the circular. All three render one risk dict (auditor/risk.py `assess`), which
holds only counts, unit names and explanations — no name, ID or phone — so nothing needs masking;
file names still pass `mask_text` like the circular's.

The page and the circular share one template (reports/risk_section.html.j2) and one context
(circular.risk_context), so a warning reads the same wherever it is circulated.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .circular import _environment, cn_number, date_text, period_text, risk_context
from .mask import mask_text


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
    page = _environment().get_template("risk.html.j2").render(
        title=f"{county}规模性返贫风险隐患预警（{period_text(risk['period'])}）", county=county,
        files=[mask_text(f) for f in doc["files"]], generated=f"{date_text(generated.date())} {generated:%H:%M}",
        risk=risk_context(risk), cn=cn_number)
    html = out_dir / "风险隐患.html"
    html.write_text(page, encoding="utf-8")
    data = out_dir / "risk.json"
    data.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return [html, data]
