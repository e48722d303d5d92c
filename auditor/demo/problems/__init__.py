"""The problems planted in the demo export: one injector for every rule the main export can run.

An injector picks a clean household it can use, makes in it a mistake a data-entry clerk makes
(a wrong check digit, a 16-year-old pupil coded 普通劳动力, a removed household below the income
line …) and returns the findings the audit must report for it, each with a Chinese description for
the manifest (埋入问题清单.csv): its own rule's, plus any finding that inevitably follows from the
same mistake — declared, never left for the test to discover. The injectors live in one module per
rule group; importing a module registers its injectors in `INJECTORS`.
"""

from . import ages, attributes, family, identity, income, measures, removal, risks, security, work  # noqa: F401
from .kit import INJECTORS, Site

__all__ = ["INJECTORS", "Site"]
