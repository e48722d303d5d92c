"""The engines, by name: the one registry the `--engine` option, its error and the dispatch read.

An engine module is imported only when it is chosen (GX costs seconds to import, Spark a JVM).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..errors import InputError
from .base import Engine


@dataclass(frozen=True)
class EngineInfo:
    name: str
    module: str  # the module defining `Engine`
    label: str  # what it is, in the words of --help


ENGINES: dict[str, EngineInfo] = {e.name: e for e in (
    EngineInfo("duckdb", "auditor.engines.duckdb", "默认，嵌入式 DuckDB，一次执行全部规则"),
    EngineInfo("gx", "auditor.engines.gx", "Great Expectations 参照引擎，逐条验证，较慢（pip install 'auditor[gx]'）"),
    EngineInfo("spark", "auditor.engines.spark", "Spark，全国规模（需 Java 17+，pip install 'auditor[spark]'）"),
)}


def engine_names() -> list[str]:
    return list(ENGINES)


def get_engine(name: str, **options) -> Engine:
    """The engine called `name`, built with its options (e.g. spark's `master`)."""
    info = ENGINES.get(name)
    if info is None:
        raise InputError(f"未知的引擎：{name}（可选 {'、'.join(ENGINES)}）")
    return importlib.import_module(info.module).Engine(**options)
