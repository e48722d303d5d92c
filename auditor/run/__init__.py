"""The run model: what one audit run is made of, declared in one place — its Summary (summary.py,
built by summarize.py), the tables of its workspace with the stage that makes each (tables.py),
and how its outputs are published (outputs.py)."""
