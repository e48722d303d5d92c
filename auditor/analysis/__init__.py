"""Analysis of a run's findings and prepared tables: township and village scores (scoring.py) and the
规模性返贫风险隐患 warnings (risk.py). Only figures leave this package; the reports render them."""
