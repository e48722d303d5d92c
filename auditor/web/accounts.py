"""Accounts: argon2 password hashes, login with throttling, and `auditor users add|list|passwd|remove`."""

from __future__ import annotations

import threading
import time
import unicodedata
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import InputError
from .store import USERNAME, DataDir, User

MIN_PASSWORD = 8
MAX_PASSWORD = 256
# Failed logins: after USER_LIMIT failures of one account (or IP_LIMIT from one address) within
# WINDOW seconds, further attempts are refused without checking the password until the window passes.
WINDOW = 15 * 60
USER_LIMIT = 5
IP_LIMIT = 30

_hasher = PasswordHasher()
_DUMMY = _hasher.hash("auditor: no such account")  # unknown names cost as much time as known ones
# Each argon2 hash or check takes 64 MiB for a moment (RFC 9106's second choice): at most two at once,
# so twenty people logging in together (or someone trying passwords) cost 128 MiB, not 1.3 GB.
_HASHING = threading.BoundedSemaphore(2)


def hash_password(password: str) -> str:
    check_password(password)
    with _HASHING:
        return _hasher.hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码太短：至少 {MIN_PASSWORD} 个字符")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"密码太长：最多 {MAX_PASSWORD} 个字符")


def check_username(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not USERNAME.fullmatch(name):
        raise InputError("账号名只能由 1–32 个汉字、字母、数字或 _ . - 组成")
    return name


def check_township(name: str) -> str:
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name or len(name) > 40 or any(unicodedata.category(c)[0] in "CZ" and c != " " for c in name):
        raise InputError("乡镇名不能为空，最多 40 个字，不能含控制字符")
    return name


class Throttled(Exception):
    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def login(data: DataDir, name: str, password: str, client: str) -> User | None:
    """The user when the password is right; None when not (noted as a failure); Throttled while too many
    failures of the account or the address are recent."""
    now = time.time()
    name = unicodedata.normalize("NFC", (name or "").strip())[:64]
    user_key, ip_key = f"user:{name}", f"ip:{client}"
    if data.failures(user_key, now - WINDOW) >= USER_LIMIT or data.failures(ip_key, now - WINDOW) >= IP_LIMIT:
        raise Throttled(WINDOW // 60)
    hashed = data.user_hash(name) if USERNAME.fullmatch(name) else None
    ok = False
    try:
        with _HASHING:
            ok = _hasher.verify(hashed or _DUMMY, (password or "")[:MAX_PASSWORD]) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        data.note_failure(user_key, ip_key)
        return None
    data.clear_failures(user_key)
    if _hasher.check_needs_rehash(hashed):
        data.set_hash(name, hash_password(password), end_sessions=False)
    return data.user(name)


# -- auditor users ... ----------------------------------------------------------------------------

def read_password(password_file: Path | None, prompt) -> str:
    """From the file's first line, else asked twice on the terminal (`prompt` is click.prompt)."""
    if password_file is not None:
        try:
            text = Path(password_file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"无法读取密码文件 {password_file}：{exc.strerror}") from exc
        lines = text.splitlines()
        password = lines[0] if lines else ""
    else:
        password = prompt("密码", hide_input=True, confirmation_prompt="再输入一次密码")
    check_password(password)
    return password


def add_user(data: DataDir, name: str, township: str | None, county: bool, password: str) -> User:
    if bool(township) == bool(county):
        raise InputError("请给出 --township 乡镇名（乡镇账号）或 --county（县级账号）之一")
    name = check_username(name)
    user = User(name, "county" if county else "township", None if county else check_township(township or ""))
    data.init().add_user(user.name, user.role, user.township, hash_password(password))
    return user


def open_existing(data: DataDir) -> DataDir:
    if not data.exists():
        raise InputError(f"数据文件夹 {data.root} 中还没有账号（先用 auditor users add 添加）")
    return data
