"""User-facing errors: one Chinese line, exit code 2 (cli.md). Never a traceback for a user mistake."""

from __future__ import annotations


class InputError(Exception):
    """Bad input or usage: unreadable file, no header row, required columns missing, bad option."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
