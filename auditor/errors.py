"""User-facing errors: one Chinese line, exit code 2 (cli.md). Never a traceback for a user mistake."""

from __future__ import annotations


class InputError(Exception):
    """Bad input or usage: unreadable file, no header row, required columns missing, bad option."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Interrupted(BaseException):
    """The process was told to stop (SIGTERM from `timeout`, a service manager, the web server's
    worker pool): unwound like Ctrl-C, so every staging folder and workspace is removed on the way."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
