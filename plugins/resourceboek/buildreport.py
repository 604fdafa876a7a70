"""What a site build is asked to do and what it reports (no MkDocs here)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import dutch
from .problems import Problem

NOT_ASKED = "niet gevraagd bij --only"
"""Why `--only` leaves every other group as it is: not read, so none of its problems count."""


@dataclass(frozen=True, order=True)
class HeldBack:
    """A group whose booklet was not built because its input has errors."""

    id: str
    reason: str
    """Dutch, e.g. "fout in het groepsbestand"."""
    kept: bool = False
    """Its previous booklet stays published unchanged."""

    @property
    def outcome(self) -> str:
        return "het vorige boekje blijft staan" if self.kept else "er is nog geen boekje"

    def __str__(self) -> str:
        return f"{self.id} ({self.reason}; {self.outcome})"


@dataclass
class BuildReport:
    """What a build did, for the one-line summary."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    held_back: list[HeldBack] = field(default_factory=list)
    """Groups with errors: not built, their last good booklet carried over (exit code 1)."""
    problems: list[Problem] = field(default_factory=list)
    """The errors that held those groups back."""

    @property
    def held_for_errors(self) -> list[HeldBack]:
        """The groups held back by their errors (not those `--only` left alone)."""
        return [h for h in self.held_back if h.reason != NOT_ASKED]

    def summary(self) -> str:
        """One Dutch line: counts, time and, if any, the groups held back."""
        parts = [f"{len(self.built)} gebouwd", f"{len(self.unchanged)} ongewijzigd"]
        if self.failed:
            parts.append(f"{len(self.failed)} mislukt")
        if self.warnings:
            parts.append(dutch.count(len(self.warnings), "waarschuwing", "waarschuwingen"))
        text = f"Klaar: {', '.join(parts)}, {dutch.seconds(self.seconds)}"
        return f"{text}{self._held_back_text()}."

    def _held_back_text(self) -> str:
        held = self.held_for_errors
        if not held:
            return ""
        head = f"; {dutch.count(len(held), 'groep', 'groepen')} tegengehouden"
        if len(held) == 1:
            return f"{head} ({held[0].reason}): {held[0].id} — {held[0].outcome}"
        return f"{head}: {dutch.names([str(h) for h in held], limit=10)}"

    def failure_text(self) -> str:
        """The failed parts grouped by reason: one broken stylesheet is one line, not 200."""
        by_reason: dict[str, list[str]] = {}
        for entry in self.failed:
            name, _, reason = entry.partition(": ")
            by_reason.setdefault(reason, []).append(name)
        lines = []
        for reason, names in by_reason.items():
            shown = ", ".join(names[:5])
            if len(names) > 5:
                shown += f" en {len(names) - 5} andere"
            lines.append(f"  {shown}: {reason}")
        return "\n".join(lines)


@dataclass(frozen=True)
class BuildOptions:
    """Choices from the command line."""

    pdf: bool = True
    jobs: int = os.cpu_count() or 1
    only: str | None = None
    strict: bool = False
    print_dir: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)


class BuildFailed(Exception):
    """A part failed to build; the old site was left as it was."""
