"""The jinja2 environment of the report templates (reports/, package data): autoescape on, strict."""

from __future__ import annotations

import functools

import jinja2

from ..cache import template_cache
from ..resources import data_dir


@functools.cache
def environment() -> jinja2.Environment:
    """One per process: templates are compiled once, not once per report."""
    folder = data_dir("reports")

    def load(name: str) -> str:
        return folder.joinpath(name).read_text(encoding="utf-8")

    return jinja2.Environment(loader=jinja2.FunctionLoader(load), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                              bytecode_cache=template_cache())
