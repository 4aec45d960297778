"""One exception family. Only ``cli.py`` catches these, prints and exits."""
from __future__ import annotations


class ScogenError(Exception):
    """An error with a location: ``path:line: error: message [code]``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 code: str = "scogen.error"):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.code = code

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}error: {self.message} [{self.code}]"


class InputError(ScogenError):
    """A content file cannot be read or understood."""


class ConfigError(ScogenError):
    """site.yaml, topics.yaml or speakers.yaml is wrong."""


class BuildError(ScogenError):
    """The site cannot be built correctly (collision, template error...)."""


class ErrorGroup(ScogenError):
    """Several errors found in one run, reported together."""

    def __init__(self, errors: list[ScogenError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s)", code="scogen.errors")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
