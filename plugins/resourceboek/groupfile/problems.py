"""Problems found in a group file, collected so that all of them are reported in one run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any


class Severity(str, Enum):
    error = "fout"
    warning = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a group file, located by file, line and field."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.error

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{field} {self.message}"


class GroupFileError(Exception):
    """Raised when one or more group files have errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem], partial: Any = None) -> None:
        self.problems = sorted(problems)
        self.partial = partial
        """What is valid of a file with errors (a `load.LoadedGroup` of its salvaged part), so
        its readiness can be reported in the same run; None when the file could not be read."""
        super().__init__(format_problems(self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.warning]


def format_problems(problems: Iterable[Problem]) -> str:
    """Dutch report: errors first, then warnings, one problem per line."""
    problems = sorted(problems)
    errors = [str(p) for p in problems if p.severity is Severity.error]
    warnings = [str(p) for p in problems if p.severity is Severity.warning]
    parts = []
    if errors:
        parts.append(_block("fout", "fouten", errors))
    if warnings:
        parts.append(_block("waarschuwing", "waarschuwingen", warnings))
    return "\n".join(parts)


def _block(singular: str, plural: str, lines: list[str]) -> str:
    head = f"1 {singular}:" if len(lines) == 1 else f"{len(lines)} {plural}:"
    return "\n".join([head, *(f"  {line}" for line in lines)])


def as_errors(problems: Iterable[Problem]) -> list[Problem]:
    """The same problems as errors (`--strict`: warnings count as errors)."""
    return [replace(p, severity=Severity.error) for p in problems]
