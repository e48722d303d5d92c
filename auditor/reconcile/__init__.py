"""Reconcile: the export against the other ledgers the county holds (issue 19, 账账相符).

load.py reads the department lists into the workspace (`lists`, matched to the export's persons);
the L rules of the catalogue compare them with the export like any rule; clues.py finds the 应纳未纳
clues and follows them across months; feedback.py matches the province's feedback list; returned.py
reads the townships' filled 交办清单 back; workbook.py writes 交办清单/.
"""

from .load import ListSpec, load_lists, parse_list_spec

__all__ = ["ListSpec", "load_lists", "parse_list_spec"]
