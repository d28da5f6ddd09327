"""One error hierarchy, one place where errors become exit codes.

Library code raises these; only ``kg.cli`` turns them into ``Error: ...`` lines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any


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
            where = display_path(self.file) + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        hint = f" (fix: {self.hint})" if self.hint else ""
        text = f"{where}{field}{self.message}{hint}"
        return " ".join(text.split())  # never more than one line

    def lines(self) -> list[str]:
        """One line per mistake (``ErrorList`` holds several)."""
        return [self.one_line()]


def display_path(file: str) -> str:
    """Relative to the working directory when below it: what a curator would type."""
    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file
    return file if rel.startswith("..") else rel


class DataError(KgError):
    """Curated input (article, fact file, entities, schema) is wrong."""


class ErrorList(DataError):
    """Several mistakes found in one pass, each reported on its own line, as compilers do: a curator
    fixes a file's mistakes in one round instead of one run of ``kg check`` per mistake. Always a
    ``DataError`` by type, whatever it holds; its exit code is the most serious of its errors'."""

    SHOWN = 100  # lines printed at most; the rest are counted

    def __init__(self, errors: Sequence[KgError]) -> None:
        flat: list[KgError] = []
        seen: set[str] = set()
        for e in (e for err in errors for e in (err.errors if isinstance(err, ErrorList) else [err])):
            if e.one_line() not in seen:  # (a shared file's mistake, met again by each file checked with it)
                seen.add(e.one_line())
                flat.append(e)
        first = flat[0]
        super().__init__(first.message, file=first.file, line=first.line, field=first.field, hint=first.hint)
        self.errors = flat
        self.exit_code = max(e.exit_code for e in flat)

    def __reduce__(self) -> tuple[Any, ...]:  # (pickled by the build's worker processes)
        return (type(self), (self.errors,))

    def lines(self) -> list[str]:
        shown = [e.one_line() for e in self.errors[: self.SHOWN]]
        if len(self.errors) > self.SHOWN:
            shown.append(f"... and {len(self.errors) - self.SHOWN} more error(s) not shown")
        return shown


def raise_collected(errors: Sequence[KgError]) -> None:
    """Raise what a pass collected: nothing, the one error as it is, or an ``ErrorList``."""
    if len(errors) == 1 and not isinstance(errors[0], ErrorList):
        raise errors[0]
    if errors:
        raise ErrorList(errors)


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
