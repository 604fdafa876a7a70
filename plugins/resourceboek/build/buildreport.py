"""What a site build is asked to do and what it reports (no MkDocs here)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from resourceboek.groupfile.problems import Problem, Severity
from resourceboek.text import dutch

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

    not_ready: list[str] = field(default_factory=list)
    """Built groups whose booklet still lacks something before it is handed out (readiness)."""

    def summary(self) -> str:
        """One Dutch line: counts, errors and warnings, time, whether the booklets can be handed
        out and, if any, the groups held back."""
        parts = [f"{len(self.built)} gebouwd", f"{len(self.unchanged)} ongewijzigd"]
        if self.failed:
            parts.append(f"{len(self.failed)} mislukt")
        errors = sum(p.severity is Severity.error for p in self.problems)
        parts.append(tally(errors, len(self.warnings)))
        text = f"Klaar: {', '.join(parts)}, {dutch.seconds(self.seconds)}"
        held = self.held_for_errors
        total = len(self.tokens) + len(held)
        if total:
            text += f"; {ready_text(len(self.tokens) - len(self.not_ready), total)}"
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


def tally(errors: int, warnings: int) -> str:
    """`2 fouten, 1 waarschuwing`: both counted, also when there are none."""
    return (
        f"{dutch.count(errors, 'fout', 'fouten')}, "
        f"{dutch.count(warnings, 'waarschuwing', 'waarschuwingen')}"
    )


def ready_text(ready: int, total: int) -> str:
    """Whether the booklets can be handed out (nothing missing, see `readiness.py`)."""
    if total == 1:
        return f"het boekje is {'' if ready else 'nog niet '}klaar om uit te reiken"
    if ready == total:
        return f"alle {total} boekjes zijn klaar om uit te reiken"
    if ready == 0:
        return f"nog geen van de {total} boekjes is klaar om uit te reiken"
    return f"{ready} van de {total} boekjes {'is' if ready == 1 else 'zijn'} klaar om uit te reiken"


@dataclass(frozen=True)
class BuildOptions:
    """Choices from the command line."""

    pdf: bool = True
    jobs: int = os.cpu_count() or 1
    only: str | None = None
    strict: bool = False
    print_dir: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)
    history_root: Path | None = None
    """The werkmap: keep each changed group file in its `geschiedenis/` (None: keep nothing)."""


class BuildFailed(Exception):
    """A part failed to build; the old site was left as it was."""
