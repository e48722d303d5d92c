"""制作离线安装包：auditor 及其全部依赖的 wheel，放在一个文件夹里，拷到不联网的电脑上安装。

    python scripts/wheelhouse.py                          # 本机平台（与本机相同的系统、Python 3.11）
    python scripts/wheelhouse.py --platform win_amd64     # 为 64 位 Windows 制作（在任何联网的电脑上）
    python scripts/wheelhouse.py --platform win_amd64 --extras gx   # 连同 GX 参照引擎（--engine gx）

离线电脑上：pip install --no-index --find-links 离线安装包 auditor

auditor 本身是纯 Python（含规则集、检查 SQL、报表模板），用 `pip wheel` 从本仓库构建；依赖：本机平台用
`pip wheel`，其他平台用 `pip download --only-binary=:all: --platform … --python-version …`。pip 按本机而不是
目标平台判断依赖的环境标记（如 `; sys_platform == "win32"`），所以之后按目标平台重新走一遍依赖，补下缺的、
去掉目标平台用不到的。某个依赖没有适用于目标平台的 wheel 时，一行中文说明是哪个包，退出码 2。
"""

from __future__ import annotations

import argparse
import email.parser
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # packaging is not always installed; pip always carries it
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = "离线安装包"
NO_NETWORK = re.compile(r"NewConnectionError|Failed to establish a new connection|Temporary failure in name "
                        r"resolution|Network is unreachable|Could not fetch URL|ConnectTimeout|ProxyError")
NO_WHEEL = re.compile(r"No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)")


class Failure(Exception):
    """One Chinese line for the user and the exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message, self.code = message, code


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="制作 auditor 的离线安装包（auditor 及全部依赖的 wheel）。需要联网；离线电脑上用 "
                    "pip install --no-index --find-links 离线安装包 auditor 安装。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="例：python scripts/wheelhouse.py --platform win_amd64 --python-version 3.12 --extras gx")
    ap.add_argument("folder", nargs="?", default=DEFAULT_FOLDER, metavar="文件夹",
                    help=f"放 wheel 的文件夹（默认 {DEFAULT_FOLDER}，已有的文件保留）")
    ap.add_argument("--platform", action="append", default=[], metavar="平台",
                    help="目标平台的 wheel 标签，如 win_amd64、manylinux_2_28_x86_64（Linux 写目标机 glibc 的版本，"
                         "更早的 manylinux 标签自动包括）、macosx_11_0_arm64；可给多次。默认：本机平台")
    ap.add_argument("--python-version", default="3.11", metavar="版本",
                    help="目标电脑上的 Python 版本，如 3.11、3.12（默认 3.11）")
    ap.add_argument("--extras", action="append", default=[], metavar="附加功能",
                    help="同时放入的可选功能，如 gx（--engine gx 的 Great Expectations）；可给多次或用逗号分隔")
    args = ap.parse_args(argv)
    args.extras = sorted({e.strip() for item in args.extras for e in item.split(",") if e.strip()})
    if not re.fullmatch(r"3\.\d{1,2}", args.python_version):
        ap.error(f"Python 版本应写成 3.11 这样：{args.python_version}")
    return args


def expand_platforms(platforms: list[str]) -> list[str]:
    """What a target's pip accepts for each tag: manylinux_2_28 also takes every older manylinux (pip's
    --platform itself expands only the legacy manylinux2014/2010 names)."""
    legacy = {"manylinux2014": 17, "manylinux2010": 12, "manylinux1": 5}
    out: list[str] = []
    for tag in platforms:
        m = re.fullmatch(r"manylinux_2_(\d+)_(\w+)", tag)
        glibc, arch = (int(m[1]), m[2]) if m else (None, None)
        name, _, rest = tag.partition("_")
        if name in legacy:
            glibc, arch = legacy[name], rest
        if glibc is None:
            out.append(tag)
            continue
        for minor in range(glibc, 4, -1):
            out.append(f"manylinux_2_{minor}_{arch}")
            out.extend(f"{old}_{arch}" for old, at in legacy.items() if at == minor)
    return list(dict.fromkeys(out))


def marker_environment(platforms: list[str], python_version: str) -> dict[str, str]:
    """The PEP 508 environment of the target, as far as its wheel tags tell it."""
    env = dict(default_environment())
    full = python_version + ".0" if python_version != env["python_version"] else env["python_full_version"]
    env.update(python_version=python_version, python_full_version=full, implementation_version=full)
    if not platforms:
        return env
    tag = platforms[0]
    if tag.startswith("win"):
        system = ("Windows", "win32", "nt")
        arch = {"win_amd64": "AMD64", "win32": "x86", "win_arm64": "ARM64"}.get(tag, "AMD64")
    elif tag.startswith(("manylinux", "musllinux", "linux")):
        system = ("Linux", "linux", "posix")
        arch = next((a for a in ("x86_64", "aarch64", "i686", "ppc64le", "s390x", "armv7l") if tag.endswith(a)), "")
    elif tag.startswith("macosx"):
        system = ("Darwin", "darwin", "posix")
        arch = "x86_64" if tag.endswith("x86_64") else "arm64"
    else:
        raise Failure(f"不认识的平台：{tag}（例：win_amd64、manylinux_2_28_x86_64、macosx_11_0_arm64）")
    kinds = {"win" if p.startswith("win") else "mac" if p.startswith("macosx") else "linux" for p in platforms}
    if len(kinds) > 1:
        raise Failure(f"一次只能为一种系统制作：{'、'.join(platforms)}")
    env.update(platform_system=system[0], sys_platform=system[1], os_name=system[2], platform_machine=arch,
               platform_release="", platform_version="", implementation_name="cpython",
               platform_python_implementation="CPython")
    return env


def pip(args: list[str], what: str | None = None) -> str:
    """Run pip (this Python's), print its output as it comes, return it; a failure becomes one line
    (`what`: the target, for a dependency without a wheel for it)."""
    cmd = [sys.executable, "-m", "pip", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if line.startswith(("Collecting", "Saved", "ERROR")) or "Downloading" in line:
            print("  " + line.rstrip(), flush=True)
    output = "".join(lines)
    if proc.wait() != 0:
        if NO_NETWORK.search(output):
            raise Failure("无法连接软件包索引（PyPI 或 pip 配置的镜像）：制作离线安装包的电脑需要联网")
        missing = NO_WHEEL.search(output) if what else None
        if missing:
            raise Failure(f"{missing[1]} 没有适用于{what}的 wheel（二进制安装包），无法为该平台制作离线安装包")
        sys.stderr.write(output)
        raise Failure(f"pip 出错（输出见上方）：{' '.join(cmd[3:5])}", 1)
    return output


def build_auditor(stage: Path) -> Path:
    """auditor's own wheel, built from a clean copy of what the wheel holds (a checkout's build/ folder
    may hold stale modules that setuptools would ship)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tool = meta["tool"]["setuptools"]
    tops = {p.split(".")[0] for p in tool["packages"]} | {d.split("/")[0] for d in tool.get("package-dir", {}).values()}
    with tempfile.TemporaryDirectory(prefix="auditor-src-") as tmp:
        src = Path(tmp)
        for name in ["pyproject.toml", meta["project"].get("readme", "README.md")]:
            shutil.copy2(ROOT / name, src / name)
        for top in sorted(tops):
            shutil.copytree(ROOT / top, src / top, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        pip(["wheel", "--no-deps", "-w", str(stage), str(src)])
    (wheel,) = stage.glob("auditor-*.whl")
    return wheel


def metadata(wheel: Path, field: str) -> list[str]:
    """The values of one field of a wheel's METADATA (Requires-Dist, Provides-Extra)."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        meta = email.parser.Parser().parsestr(zf.read(name).decode("utf-8"), headersonly=True)
    return meta.get_all(field) or []


def closure(stage: Path, extras: list[str], env: dict[str, str]) -> tuple[set[Path], list[Requirement]]:
    """The wheels the target needs for auditor[extras], its markers judged for the target, and the
    requirements that no wheel in `stage` satisfies."""
    found: dict[str, list[tuple[object, Path]]] = {}
    for wheel in stage.glob("*.whl"):
        name, version, _, _ = parse_wheel_filename(wheel.name)
        found.setdefault(canonicalize_name(name), []).append((version, wheel))
    needed: set[Path] = set()
    missing: list[Requirement] = []
    seen: set[tuple[Path, frozenset[str]]] = set()
    todo = [(Requirement("auditor"), set(extras))]
    while todo:
        req, wanted = todo.pop()
        fits = sorted(((v, w) for v, w in found.get(canonicalize_name(req.name), [])
                       if req.specifier.contains(v, prereleases=True)), key=lambda vw: vw[0])
        if not fits:
            missing.append(req)
            continue
        wheel = fits[-1][1]
        if (wheel, frozenset(wanted)) in seen:
            continue
        seen.add((wheel, frozenset(wanted)))
        needed.add(wheel)
        for dep in map(Requirement, metadata(wheel, "Requires-Dist")):
            if dep.marker is None or any(dep.marker.evaluate({**env, "extra": e}) for e in wanted | {""}):
                todo.append((dep, set(dep.extras)))
    return needed, missing


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    current = f"{sys.version_info.major}.{sys.version_info.minor}"
    native = not args.platform and args.python_version == current
    platforms = expand_platforms(args.platform)
    what = f" {'、'.join(args.platform) if args.platform else '本机平台'}、Python {args.python_version} "
    env = marker_environment(args.platform, args.python_version)
    folder = Path(args.folder).resolve()
    with tempfile.TemporaryDirectory(prefix="auditor-wheelhouse-") as tmp:
        stage = Path(tmp)
        print(f"构建 auditor 的 wheel（{ROOT}）…", flush=True)
        wheel = build_auditor(stage)
        offered = metadata(wheel, "Provides-Extra")
        unknown = [e for e in args.extras if e not in offered]
        if unknown:
            raise Failure(f"auditor 没有附加功能 {'、'.join(unknown)}（可选：{'、'.join(offered)}）")
        spec = f"{wheel}[{','.join(args.extras)}]" if args.extras else str(wheel)
        print(f"收集依赖（{what.strip()}{'，附加 ' + '、'.join(args.extras) if args.extras else ''}）…", flush=True)
        if native:
            pip(["wheel", "-w", str(stage), spec], what)
        else:
            target = ["--only-binary=:all:", "--python-version", args.python_version, "--implementation", "cp",
                      *[a for p in platforms for a in ("--platform", p)], "-d", str(stage)]
            pip(["download", *target, spec], what)
            for _ in range(20):  # what the target's markers add (pip judged them for this machine)
                _, missing = closure(stage, args.extras, env)
                if not missing:
                    break
                wanted = [_unmarked(r) for r in missing]  # with its marker, pip would judge it for this machine
                print("目标平台另需：" + "、".join(wanted), flush=True)
                pip(["download", *target, *wanted], what)
        needed, missing = closure(stage, args.extras, env)
        if missing:
            raise Failure(f"{missing[0].name} 没有适用于{what}的 wheel（二进制安装包），无法为该平台制作离线安装包")
        folder.mkdir(parents=True, exist_ok=True)
        for wheel in sorted(needed):
            shutil.copy2(wheel, folder / wheel.name)
        skipped = sorted(w.name for w in stage.glob("*.whl") if w not in needed)
        size = sum(w.stat().st_size for w in needed) / 2**20
    print(f"\n离线安装包：{folder}（{len(needed)} 个 wheel，{size:.0f} MB）")
    if skipped:
        print("目标平台用不到、未放入：" + "、".join(skipped))
    package = f"auditor[{','.join(args.extras)}]" if args.extras else "auditor"
    print("把这个文件夹拷到离线电脑上，在它所在的目录中运行：\n"
          f"  pip install --no-index --find-links {folder.name} {_quote(package)}")
    return 0


def _unmarked(req: Requirement) -> str:
    return req.name + (f"[{','.join(sorted(req.extras))}]" if req.extras else "") + str(req.specifier)


def _quote(spec: str) -> str:
    return f'"{spec}"' if "[" in spec else spec


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        sys.exit(exc.code)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        sys.exit(130)
