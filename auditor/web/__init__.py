"""`auditor serve`: the self-check in the browser (a local web application over the library API).

Needs the `web` extra (Starlette, uvicorn, python-multipart, argon2-cffi): `require()` says so in
Chinese when they are missing. The modules: store.py (the data folder), accounts.py (users, login),
app.py (pages and the JSON API), workers.py and job.py (the queue and one run), serve.py (start-up
and --demo).
"""

from __future__ import annotations

from ..errors import InputError

MISSING = "网页服务需要额外的组件，请先安装：pip install 'auditor[web]'"


def require() -> None:
    """InputError (exit 2) with the install line when the web extra is not installed."""
    import importlib.util

    for module in ("starlette", "uvicorn", "multipart", "argon2", "jinja2"):
        if importlib.util.find_spec(module) is None:
            raise InputError(f"{MISSING}（缺少 {module}）")
