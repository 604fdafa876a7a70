"""What a site build starts from: the valid groups with their passwords, and the groups held back.

A group whose file has errors, or whose password is missing or too weak, is held back: its booklet
is not built (its last good one stays, see `sitebuild.py`), and every other group is built.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from resourceboek.build.buildreport import NOT_ASKED
from resourceboek.groupfile import readiness
from resourceboek.groupfile.load import (
    LoadedGroup,
    display_path,
    duplicate_ids,
    find_group_files,
    group_id,
    load_group,
)
from resourceboek.groupfile.problems import GroupFileError, Problem, as_errors
from resourceboek.project.project import Project
from resourceboek.protection.keystore import AcceptedPasswords
from resourceboek.protection.protect import password_problems
from resourceboek.protection.secrets_store import (
    DEMO_DIR,
    demo_password_problems,
    is_shipped_demo,
    load_passwords,
    read_mapping,
)

GROUP_FILE_ERROR = "fout in het groepsbestand"
PASSWORD_ERROR = "fout bij het wachtwoord"


@dataclass
class Inputs:
    """The groups to build with their passwords, and the groups held back by their errors."""

    groups: list[LoadedGroup]
    passwords: dict[str, str]
    held: dict[str, str] = field(default_factory=dict)
    """Group id -> why it is held back (Dutch)."""
    problems: list[Problem] = field(default_factory=list)
    """The problems of the held-back groups (errors and their warnings)."""
    warnings: list[Problem] = field(default_factory=list)
    """Guideline and readiness warnings of the groups to build."""
    not_ready: list[str] = field(default_factory=list)
    """The groups to build whose booklet still lacks something before it is handed out."""


def prepare_groups(
    project: Project,
    *,
    only: str | None,
    strict: bool,
    today: dt.date,
    accepted: AcceptedPasswords | None = None,
    checker: Executor | None = None,
) -> Inputs:
    """Validate every group file and find its password; a group with errors is held back.

    Under `--strict` any error or warning stops the whole build instead (all problems at once).
    `accepted` remembers the passwords that passed the strength check in an earlier build;
    `checker` (the build's worker processes, if started) checks many new passwords in parallel.
    """
    found = _load_each(project)
    ids = {g.id for g in found.groups} | set(found.held)
    if only is not None and only not in ids:
        msg = f"groep '{only}' bestaat niet in deze map; controleer de id bij --only."
        raise GroupFileError([Problem(str(project.groups_dir), 1, "--only", msg)])
    found.passwords = load_passwords(project.passwords_file)
    demo = demo_password_problems(project.root / DEMO_DIR, found.groups, found.passwords)
    if accepted is not None:
        known = [(g, found.passwords.get(g.id)) for g in found.groups]
        checks = [(g.id, password, g.groep.client) for g, password in known if password]
        accepted.check_many(checks, checker)
    for group in found.groups:
        if is_shipped_demo(project.root / DEMO_DIR, group, found.passwords.get(group.id)):
            continue  # the public password of a shipped example: weak on purpose, opens only it
        wrong = [p for p in demo if p.path == str(group.path)]
        wrong = wrong or _password_problems(group, found.passwords.get(group.id), accepted)
        if wrong:
            found.held[group.id] = PASSWORD_ERROR
            found.problems += wrong
    found.groups = [g for g in found.groups if g.id not in found.held]
    for group in found.groups:
        lacking = readiness.readiness(group, today)
        found.not_ready += [group.id] if lacking else []
        found.warnings += sorted(set(group.warnings) | set(lacking))
    if only is not None:
        _only_one(found, only)
    if strict and (found.problems or found.warnings):
        raise GroupFileError(found.problems + as_errors(found.warnings))
    return found


def _load_each(project: Project) -> Inputs:
    folder = project.groups_dir
    files = find_group_files([folder]) if folder.is_dir() else []
    found = Inputs([], {})
    # Two files with one group id: which booklet is meant is unclear, so that group waits.
    found.problems = duplicate_ids(files)
    doubled = {p.path for p in found.problems}
    found.held = {group_id(f): GROUP_FILE_ERROR for f in files if display_path(f) in doubled}
    for path in files:
        try:
            found.groups.append(load_group(path))
        except GroupFileError as exc:
            found.held[group_id(path)] = GROUP_FILE_ERROR
            found.problems += exc.problems
    return found


def _only_one(found: Inputs, only: str) -> None:
    """`--only`: another group's problems are not this build's; a held-back one stays as it was."""
    found.held = {gid: why if gid == only else NOT_ASKED for gid, why in found.held.items()}
    found.problems = [p for p in found.problems if group_id(Path(p.path)) == only]
    found.warnings = [w for w in found.warnings if group_id(Path(w.path)) == only]


def _password_problems(
    group: LoadedGroup, password: str | None, accepted: AcceptedPasswords | None
) -> list[Problem]:
    shown = str(group.path)
    if password is None:
        msg = (
            f"geen wachtwoord voor deze groep; maak er een met `resourceboek password {group.id}`."
        )
        return [Problem(shown, 1, "wachtwoord", msg)]
    client = group.groep.client
    found = (
        accepted.problems(group.id, password, client)
        if accepted
        else password_problems(password, client)
    )
    return [Problem(shown, 1, "wachtwoord", msg) for msg in found]


def known_tokens(tokens_file: Path, ids: dict[str, str]) -> dict[str, str]:
    """The tokens of groups built before (a held-back group is never given a new one)."""
    if not tokens_file.exists():
        return {}
    tokens = read_mapping(tokens_file, "Het tokenbestand")
    return {gid: tokens[gid] for gid in ids if gid in tokens}
