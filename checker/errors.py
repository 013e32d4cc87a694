"""The errors the tool reports instead of a result.

All share one base class so that the CLI catches them in exactly one place and
prints one clear line naming the file and the problem.
"""

from __future__ import annotations


class CheckerError(Exception):
    """Anything that stops the tool from checking (exit status 2)."""


class ReadError(CheckerError):
    """A report file could not be read or holds no text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PackError(CheckerError):
    """A rule pack or template is invalid; the message names file, rule and key."""


class UsageError(CheckerError):
    """Bad arguments: an unknown template, pack or option value."""
