"""One editing session of one group file: read it, check the form's answers, save them.

The file on disk changes only on save. A save keeps the previous version in the werkmap
(`project/history.py`), writes atomically and 0600 (`files/private_io.py`), and is refused when the
file changed on disk since the form was loaded (its digest travels with the form).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from resourceboek.editor.answers import Form, apply_action, read_answers
from resourceboek.editor.yamlwrite import updated_text
from resourceboek.files.private_io import write_private
from resourceboek.groupfile.load import LoadedGroup, display_path, group_id, parse_group
from resourceboek.groupfile.problems import GroupFileError, Problem, format_problems
from resourceboek.groupfile.readiness import readiness
from resourceboek.project.history import keep_version

CHANGED_ON_DISK = (
    "Het bestand is veranderd sinds je dit formulier opende (door iemand anders of in een "
    "ander programma). Er is niets opgeslagen; wat je typte staat nog in het formulier. Neem "
    "over wat je wilt houden, of kies 'Toch opslaan': dan vervangt dit formulier het bestand en "
    "blijft de andere versie bewaard in geschiedenis/."
)
SAVED = "Opgeslagen. De vorige versie is bewaard in geschiedenis/."


class EditRefused(ValueError):
    """The editor cannot open this file (Dutch message, no value of the file)."""


@dataclass
class Outcome:
    """What the form shows next: its data, the file's digest, a notice and the problems."""

    data: dict[str, Any]
    digest: str
    problems: list[Problem]
    notice: str = ""
    conflict: bool = False


@dataclass
class Session:
    """The editor's hold on one group file; `history_root` is the werkmap (or the state folder)."""

    path: Path
    history_root: Path
    on_saved: Callable[[], None] = lambda: None
    today: Callable[[], dt.date] = dt.date.today
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    """The form's token: a post without it is refused (another site cannot post for you)."""

    @property
    def group_id(self) -> str:
        return group_id(self.path)

    def token_ok(self, form: Form) -> bool:
        """True when the form carries this session's token."""
        given = (form.get("_token") or [""])[-1]
        return hmac.compare_digest(given.encode(), self.token.encode())

    def open(self) -> Outcome:
        """The file as it is on disk now."""
        raw = self.path.read_bytes()
        data = _plain_data(raw, display_path(self.path))
        return Outcome(data, _digest(raw), self.problems(raw))

    def problems(self, raw: bytes) -> list[Problem]:
        """Errors, warnings and readiness of a file's text, as `resourceboek check` reports them."""
        shown, gid = display_path(self.path), self.group_id
        try:
            loaded = parse_group(raw, shown, gid, path=self.path)
        except GroupFileError as exc:
            return sorted(set(exc.problems) | set(self._lacking(exc.partial)))
        return sorted(set(loaded.warnings) | set(readiness(loaded, self.today())))

    def _lacking(self, part: LoadedGroup | None) -> list[Problem]:
        """Readiness of the valid part of a file with errors, while it is being filled in."""
        if part is None:
            return []
        try:
            return readiness(part, self.today())
        except (AttributeError, TypeError):  # a half-filled entry the salvage kept: errors say it
            return []

    def check(self, form: Form) -> list[Problem]:
        """The problems the file would have with the form's answers (nothing is written)."""
        return self.problems(updated_text(self.path.read_bytes(), read_answers(form)))

    def act(self, form: Form) -> Outcome:
        """Add or remove an entry in the form, or save; the file changes only on save."""
        action = (form.get("_actie") or [""])[-1]
        data = read_answers(form)
        digest = (form.get("_digest") or [""])[-1]
        if action in {"opslaan", "overschrijven"}:
            return self.save(data, digest, force=action == "overschrijven")
        apply_action(data, action, form)
        raw = self.path.read_bytes()
        return Outcome(data, digest, self.problems(updated_text(raw, data)))

    def save(self, data: dict[str, Any], digest: str, *, force: bool = False) -> Outcome:
        """Write the answers, keeping the previous version; refuse if the file changed meanwhile."""
        raw = self.path.read_bytes()
        new = updated_text(raw, data)
        if not force and not hmac.compare_digest(_digest(raw), digest):
            return Outcome(data, digest, self.problems(new), CHANGED_ON_DISK, conflict=True)
        if raw:
            keep_version(self.history_root, self.group_id, raw)
        write_private(self.path, new)
        self.on_saved()
        return Outcome(data, _digest(new), self.problems(new), SAVED)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _plain_data(raw: bytes, shown: str) -> dict[str, Any]:
    """The file's data for the form; a file that is not YAML cannot be shown as a form."""
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError:
        problems = _read_problems(raw, shown)
        raise EditRefused(
            f"{format_problems(problems)}\nHerstel dit eerst in een teksteditor; daarna opent "
            "het formulier."
        ) from None
    if not isinstance(data, dict):
        raise EditRefused(f"{shown}: het bestand moet beginnen met velden als `variant:`.")
    return data


def _read_problems(raw: bytes, shown: str) -> list[Problem]:
    try:
        parse_group(raw, shown, "groep")
    except GroupFileError as exc:
        return [p for p in exc.problems if p.line]
    return []
