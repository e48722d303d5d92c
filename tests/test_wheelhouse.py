"""scripts/wheelhouse.py without the network: the target's environment markers decide the dependency
closure (pip judges them for the machine it runs on), and the manylinux tags a target accepts."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "scripts" / "wheelhouse.py")
wheelhouse = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wheelhouse)


def _wheel(folder: Path, name: str, version: str, *requires: str, extras: tuple[str, ...] = ()) -> None:
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Provides-Extra: {e}" for e in extras] + [f"Requires-Dist: {r}" for r in requires]
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as zf:
        zf.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(meta) + "\n")


@pytest.fixture
def stage(tmp_path):
    _wheel(tmp_path, "auditor", "0.1.0", "click>=8", 'tqdm; extra == "gx"', 'uvloop; sys_platform != "win32"',
           extras=("gx",))
    _wheel(tmp_path, "click", "8.1.0")
    _wheel(tmp_path, "tqdm", "4.0", 'colorama; platform_system == "Windows"')
    _wheel(tmp_path, "uvloop", "0.19")
    return tmp_path


def names(paths) -> set[str]:
    return {p.name.split("-")[0] for p in paths}


def test_closure_follows_the_target_markers(stage):
    windows = wheelhouse.marker_environment(["win_amd64"], "3.11")
    linux = wheelhouse.marker_environment(["manylinux_2_28_x86_64"], "3.11")
    assert (windows["sys_platform"], windows["platform_machine"], linux["platform_machine"]) == (
        "win32", "AMD64", "x86_64")

    needed, missing = wheelhouse.closure(stage, [], windows)
    assert names(needed) == {"auditor", "click"} and missing == []  # uvloop is not for Windows
    needed, missing = wheelhouse.closure(stage, ["gx"], windows)
    assert names(needed) == {"auditor", "click", "tqdm"}
    assert [wheelhouse._unmarked(r) for r in missing] == ["colorama"]  # Windows only: pip would skip it here
    needed, missing = wheelhouse.closure(stage, ["gx"], linux)
    assert names(needed) == {"auditor", "click", "tqdm", "uvloop"} and missing == []


def test_closure_checks_versions(stage):
    (stage / "click-8.1.0-py3-none-any.whl").rename(stage / "click-7.0-py3-none-any.whl")
    _, missing = wheelhouse.closure(stage, [], wheelhouse.marker_environment(["win_amd64"], "3.11"))
    assert [str(r) for r in missing] == ["click>=8"]


def test_platforms():
    assert wheelhouse.expand_platforms(["win_amd64"]) == ["win_amd64"]
    tags = wheelhouse.expand_platforms(["manylinux_2_28_x86_64"])
    assert tags[0] == "manylinux_2_28_x86_64" and tags[-1] == "manylinux1_x86_64"
    assert {"manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux2010_x86_64"} <= set(tags)
    assert "manylinux_2_29_x86_64" not in tags
    assert wheelhouse.expand_platforms(["manylinux2014_aarch64"])[:2] == ["manylinux_2_17_aarch64",
                                                                          "manylinux2014_aarch64"]
    with pytest.raises(wheelhouse.Failure, match="不认识的平台"):
        wheelhouse.marker_environment(["solaris_sparc"], "3.11")
    with pytest.raises(wheelhouse.Failure, match="一种系统"):
        wheelhouse.marker_environment(["win_amd64", "manylinux_2_28_x86_64"], "3.11")
