"""One error hierarchy, one place where errors become exit codes.

Library code raises these; only ``kg.cli`` turns them into ``Error: ...`` lines.
"""

from __future__ import annotations

import os
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes of every ``kg`` command (documented in the README)."""

    OK = 0  # success, or the data conforms
    FAILURE = 1  # violations found, or a failed run caused by the data
    USAGE = 2  # bad command line: unknown option, bad parameter value
    ENVIRONMENT = 3  # the environment prevented the run: Java missing, endpoint unreachable, store locked


class KgError(Exception):
    """Base of every error the user can fix; carries where and how."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.hint = hint

    def one_line(self) -> str:
        """``file:line: [field] message (hint)`` on one line, as compilers do."""
        where = ""
        if self.file:
            where = _display_path(self.file) + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        hint = f" (fix: {self.hint})" if self.hint else ""
        text = f"{where}{field}{self.message}{hint}"
        return " ".join(text.split())  # never more than one line


def _display_path(file: str) -> str:
    """Relative to the working directory when below it: what a curator would type."""
    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file
    return file if rel.startswith("..") else rel


class DataError(KgError):
    """Curated input (article, fact file, entities, schema) is wrong."""


class ValidationFailed(KgError):
    """SHACL shapes or build checks found violations."""


class QueryError(KgError):
    """A stored or ad-hoc query is malformed, unknown or unsafe."""


class UsageError(KgError):
    """A parameter or option value is wrong."""

    exit_code = ExitCode.USAGE


class EnvironmentProblem(KgError):
    """Something outside the data stopped the run (Java, network, a lock)."""

    exit_code = ExitCode.ENVIRONMENT


class EndpointError(EnvironmentProblem):
    """A remote SPARQL endpoint or Graph Store could not be reached."""


class RemoteRejected(KgError):
    """A remote server answered, but refused what we sent (auth, a bad graph)."""
