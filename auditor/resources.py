"""Where the rule suites, check SQL and report templates are.

Installed, they are data packages inside `auditor` (pyproject maps expectations/ → auditor.suites_data
and so on); run from a source checkout, they are the top-level folders beside the package.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_PACKAGES = {"expectations": "auditor.suites_data", "checks": "auditor.checks_data", "reports": "auditor.templates_data"}


def data_dir(name: str) -> Traversable:
    try:
        return resources.files(_PACKAGES[name])
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / name
