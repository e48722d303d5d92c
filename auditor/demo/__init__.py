"""A realistic synthetic county export (涞源县-like) with a known mix of problems, for the demo and tests.

The generator is seeded: the same seed gives the same file. It builds clean, internally consistent
households (脱贫户, and monitored households of all three 监测对象类别, removed or not; households.py),
lays them out as the member-level wide export does (one row per person, household fields repeated,
real header aliases, a title row, a trailing note row, an inactive member, value variants such as
性别 1/2, 普通劳动, 202208.0 and full-width text; export.py), then plants problems (county.py with the
injectors of problems/): each planted problem belongs to one rule and is listed in the manifest with
the findings it must produce — no more, no less.

The modules depend one way: households ← problems ← county, and export reads a Demo.
"""

from .county import RISK_JUMP, RISK_RESETTLED, generate, generate_series
from .export import COLUMNS, HEADERS, export_name, write_export, write_manifest
from .households import PERIOD, TOWNSHIPS, Demo, Household, Planted
from .problems import INJECTORS

__all__ = ["COLUMNS", "HEADERS", "INJECTORS", "PERIOD", "RISK_JUMP", "RISK_RESETTLED", "TOWNSHIPS", "Demo", "Household", "Planted", "export_name", "generate",
           "generate_series", "write_export", "write_manifest"]
