"""What a site build starts from: the valid groups with their passwords, and the groups held back.

A group whose file has errors, or whose password is missing or too weak, is held back: its booklet
is not built (its last good one stays, see `sitebuild.py`), and every other group is built. A file
the last build saw (`filecache.py`) is not parsed: its problems and readiness come from the cache,
and its model is read only if something needs it (its booklet is built, its password is new).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from resourceboek.build.buildreport import NOT_ASKED
from resourceboek.build.filecache import FileCache, FileFacts
from resourceboek.groupfile import readiness
from resourceboek.groupfile.load import (
    LoadedGroup,
    display_path,
    duplicate_ids,
    find_group_files,
    group_id,
    load_group,
    parse_group,
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
class BuildGroup:
    """A valid group as a build sees it: its facts, and its model once something needs it."""

    facts: FileFacts
    loaded: LoadedGroup | None = None

    @property
    def id(self) -> str:
        return self.facts.id

    @property
    def path(self) -> Path:
        return self.facts.path

    def model(self) -> LoadedGroup:
        """The group's model; read now if the build knew the file only by its fingerprint."""
        if self.loaded is None:
            self.loaded = load_group(self.facts.path)
        return self.loaded


@dataclass
class Inputs:
    """The groups to build with their passwords, and the groups held back by their errors."""

    groups: list[BuildGroup]
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
    files: FileCache | None = None,
) -> Inputs:
    """Validate every group file and find its password; a group with errors is held back.

    Under `--strict` any error or warning stops the whole build instead (all problems at once).
    `accepted` remembers the passwords that passed the strength check in an earlier build;
    `checker` (the build's worker processes, if started) checks many new passwords in parallel;
    `files` knows the group files of the last build (an unchanged one is not parsed again).
    """
    found = _load_each(project, files, today)
    ids = {g.id for g in found.groups} | set(found.held)
    if only is not None and only not in ids:
        msg = f"groep '{only}' bestaat niet in deze map; controleer de id bij --only."
        raise GroupFileError([Problem(str(project.groups_dir), 1, "--only", msg)])
    found.passwords = load_passwords(project.passwords_file)
    demo = demo_password_problems(project.root / DEMO_DIR, found.groups, found.passwords)
    refused = {p.path for p in demo}
    new = [
        g
        for g in found.groups
        if str(g.path) in refused or not _accepted_before(g, found.passwords.get(g.id), accepted)
    ]
    if accepted is not None:
        known = [(g, found.passwords.get(g.id)) for g in new]
        checks = [(g.id, password, g.model().groep.client) for g, password in known if password]
        accepted.check_many(checks, checker)
    for group in new:
        if is_shipped_demo(project.root / DEMO_DIR, group, found.passwords.get(group.id)):
            continue  # the public password of a shipped example: weak on purpose, opens only it
        wrong = [p for p in demo if p.path == str(group.path)]
        wrong = wrong or _password_problems(group, found.passwords.get(group.id), accepted)
        if wrong:
            found.held[group.id] = PASSWORD_ERROR
            found.problems += wrong
    found.groups = [g for g in found.groups if g.id not in found.held]
    for group in found.groups:
        lacking = group.facts.lacking
        found.not_ready += [group.id] if lacking else []
        found.warnings += sorted(set(group.facts.problems) | set(lacking))
    if only is not None:
        _only_one(found, only)
    if strict and (found.problems or found.warnings):
        raise GroupFileError(found.problems + as_errors(found.warnings))
    return found


def _load_each(project: Project, files: FileCache | None, today: dt.date) -> Inputs:
    folder = project.groups_dir
    paths = find_group_files([folder]) if folder.is_dir() else []
    found = Inputs([], {})
    # Two files with one group id: which booklet is meant is unclear, so that group waits.
    found.problems = duplicate_ids(paths)
    doubled = {p.path for p in found.problems}
    if doubled:
        found.held = {group_id(f): GROUP_FILE_ERROR for f in paths if display_path(f) in doubled}
    for path in paths:
        try:
            group = _facts_of(path, files, today)
        except GroupFileError as exc:  # the file cannot be read
            found.held[group_id(path)] = GROUP_FILE_ERROR
            found.problems += exc.problems
            continue
        if group.facts.valid:
            found.groups.append(group)
        else:
            found.held[group.id] = GROUP_FILE_ERROR
            found.problems += group.facts.problems
    return found


def _facts_of(path: Path, files: FileCache | None, today: dt.date) -> BuildGroup:
    """What the build needs of one file: from the cache if unchanged, else parsed and checked."""
    gid = group_id(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        msg = f"kan het bestand niet lezen ({exc.strerror})."
        raise GroupFileError([Problem(display_path(path), 1, "", msg)]) from None
    digest = hashlib.sha256(raw).hexdigest()
    known = files.lookup(path, gid, digest) if files else None
    if known is not None:
        return BuildGroup(known)
    try:
        loaded = parse_group(raw, display_path(path), gid, path=path)
    except GroupFileError as exc:
        group = BuildGroup(FileFacts(gid, path, digest, False, tuple(exc.problems)))
    else:
        facts = files.facts_of(loaded) if files else _uncached(loaded, today)
        group = BuildGroup(facts, loaded)
    if files:
        files.remember(group.facts)
    return group


def _uncached(group: LoadedGroup, today: dt.date) -> FileFacts:
    lacking = tuple(readiness.readiness(group, today))
    return FileFacts(group.id, group.path, group.digest, True, group.warnings, lacking)


def _accepted_before(
    group: BuildGroup, password: str | None, accepted: AcceptedPasswords | None
) -> bool:
    """A password that passed the strength check before, for this client: no model needed."""
    if password is None or accepted is None or not group.facts.client:
        return False
    return accepted.known(group.id, password, group.facts.client)


def _only_one(found: Inputs, only: str) -> None:
    """`--only`: another group's problems are not this build's; a held-back one stays as it was."""
    found.held = {gid: why if gid == only else NOT_ASKED for gid, why in found.held.items()}
    found.problems = [p for p in found.problems if group_id(Path(p.path)) == only]
    found.warnings = [w for w in found.warnings if group_id(Path(w.path)) == only]


def _password_problems(
    group: BuildGroup, password: str | None, accepted: AcceptedPasswords | None
) -> list[Problem]:
    shown = str(group.path)
    if password is None:
        msg = (
            f"geen wachtwoord voor deze groep; maak er een met `resourceboek password {group.id}`."
        )
        return [Problem(shown, 1, "wachtwoord", msg)]
    client = group.model().groep.client
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
