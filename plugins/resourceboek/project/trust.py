"""Whom the werkmap trusts: its user only, or a team that shares it through a group, as ssh does.

A werkmap someone else can write to is refused: they could change `instellingen.yml` (the link in
`status` and on the handout), plant a group file or replace the passwords. A secret that others can
read (after restoring a backup, say) draws a warning. The checks compare with the effective user
(`os.geteuid`) and the groups of this process; messages name paths and modes, never a file's content.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FIX_FOLDER = "chmod 700"
FIX_FILE = "chmod 600"


@dataclass
class Verdict:
    """What a check found: `refused` stops the command, `warnings` are printed and it goes on."""

    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def my_groups() -> set[int]:
    """The groups this process acts with (its effective group and the supplementary ones)."""
    return {os.getegid(), *os.getgroups()}


def checks_apply() -> bool:
    """Ownership and modes mean something only on POSIX systems (not on Windows)."""
    return hasattr(os, "geteuid")


def writable_by_others(path: Path) -> str | None:
    """Why someone other than the user (or the user's team group) can change `path`, or None."""
    info = path.stat()
    fix = FIX_FOLDER if path.is_dir() else FIX_FILE
    mine, team = info.st_uid == os.geteuid(), info.st_gid in my_groups()
    if not mine and not team:
        return (
            f"{path} is niet van jou (eigenaar {info.st_uid}, groep {info.st_gid}) en ook niet van "
            "een groep waar jij in zit: de eigenaar kan er alles in veranderen. Gebruik een map "
            "van jezelf."
        )
    if info.st_mode & stat.S_IWOTH:
        return f"{path}: iedereen op deze computer kan hierin schrijven. Herstel: {fix} {path}"
    if info.st_mode & stat.S_IWGRP and not team:
        return (
            f"{path}: groep {info.st_gid} kan hierin schrijven en jij zit niet in die groep. "
            f"Herstel: {fix} {path}"
        )
    return None


def readable_by_others(path: Path, shared: bool) -> str | None:
    """A warning when a secret file can be read beyond its user (and team group, if shared)."""
    info = path.stat()
    team_ok = shared and info.st_gid in my_groups()
    if info.st_mode & stat.S_IROTH or (info.st_mode & stat.S_IRGRP and not team_ok):
        return (
            f"LET OP: {path} is leesbaar voor anderen (rechten {stat.filemode(info.st_mode)}). "
            f"Dit bestand is net zo geheim als de wachtwoorden. Herstel: {FIX_FILE} {path}"
        )
    return None


def open_ancestors(folder: Path) -> list[str]:
    """Parent folders anyone may write to (not sticky like /tmp): they could swap the werkmap."""
    found = []
    for parent in folder.resolve().parents:
        if not parent.exists():
            continue  # made by `init` itself
        mode = parent.stat().st_mode
        if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
            found.append(
                f"{parent}: iedereen kan in deze map schrijven en zo de werkmap erin vervangen. "
                "Zet de werkmap in een map die alleen van jou is."
            )
    return found


def is_shared(root: Path) -> bool:
    """A team werkmap: its group (one the user is in) may enter it."""
    info = root.stat()
    return bool(info.st_mode & stat.S_IRWXG) and info.st_gid in my_groups()


def check_werkmap(root: Path, folders: Iterable[Path], secrets: Iterable[Path]) -> Verdict:
    """Refuse a werkmap others can change; warn about secrets others can read."""
    verdict = Verdict()
    if not checks_apply():
        return verdict
    verdict.refused += open_ancestors(root)
    for path in (root, *folders):
        problem = writable_by_others(path) if path.exists() else None
        verdict.refused += [problem] if problem else []
    shared = is_shared(root)
    for path in secrets:
        warning = readable_by_others(path, shared) if path.is_file() else None
        verdict.warnings += [warning] if warning else []
    return verdict
