"""What a build keeps of each group file, and what changed in the plan since the previous meeting.

Only with a werkmap: every build that sees a changed group file keeps a dated copy in the werkmap's
`geschiedenis/<id>/` (0600, see project/history.py), and keeps no more than "wat is er veranderd"
needs: the version current at each meeting, and the latest. The booklet's Start shows the result of
`groupfile/changes.py` between the plan as it was when the previous meeting began and this one:
what the group changed at that meeting and since. A build that finds a group file and its
history folder as an earlier build saw them that day takes that build's result from the sealed
file cache (`cached_changes`), without reading the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from resourceboek.build.filecache import FileCache
from resourceboek.build.inputs import BuildGroup
from resourceboek.groupfile.changes import plan_changes
from resourceboek.groupfile.load import LoadedGroup, parse_group
from resourceboek.groupfile.problems import GroupFileError
from resourceboek.project import history


@dataclass(frozen=True)
class PlanHistory:
    """What a booklet's Start shows of the history, and which kept version it compared with."""

    changes: tuple[str, ...] = ()
    compared: str = ""
    """The digest of the version the plan was compared with ("" for none): part of the booklet's
    fingerprint, so that a pruned or newly kept version rebuilds the booklet."""


def keep_and_compare(root: Path, group: LoadedGroup, today: dt.date) -> PlanHistory:
    """Keep this version of the group file if it is new; what changed since the last meeting."""
    history.keep_if_changed(root, group.id, group.path.read_bytes())
    meetings = sorted(m.datum for m in group.groep.bijeenkomsten if m.datum < today)
    history.prune(root, group.id, meetings)
    earlier = history.version_at(root, group.id, meetings[-1]) if meetings else None
    if earlier is None:
        return PlanHistory()
    data = earlier.read_bytes()
    return PlanHistory(_compare(data, earlier.name, group), hashlib.sha256(data).hexdigest())


def _compare(earlier: bytes, name: str, group: LoadedGroup) -> tuple[str, ...]:
    try:
        before = parse_group(earlier, name, group.id).groep
    except GroupFileError:  # a version in an older format: nothing to compare with
        return ()
    return tuple(plan_changes(before, group.groep))


def changes_for(
    root: Path | None, groups: list[LoadedGroup], today: dt.date
) -> dict[str, PlanHistory]:
    """Per group id, what changed since its previous meeting (nothing without a werkmap)."""
    if root is None:
        return {}
    return {group.id: keep_and_compare(root, group, today) for group in groups}


def cached_changes(
    root: Path, groups: list[BuildGroup], today: dt.date, files: FileCache
) -> dict[str, PlanHistory]:
    """`changes_for`, but a group whose file and history folder are as a build saw them earlier
    today is not read: what it found comes from the sealed cache (build/filecache.py)."""
    found: dict[str, PlanHistory] = {}
    for group in groups:
        digest = group.facts.digest
        known = files.history(group.id, digest, _listing(root, group.id))
        if known is not None:
            found[group.id] = PlanHistory(*known)
            continue
        result = found[group.id] = keep_and_compare(root, group.model(), today)
        listing = _listing(root, group.id)  # as keep_and_compare left it
        files.remember_history(group.id, digest, listing, result.changes, result.compared)
    return found


def _listing(root: Path, group_id: str) -> str:
    """A group's history folder as the cache knows it: its place and each version's name, size
    and time (a version is never overwritten, so a new or removed one changes this)."""
    parts = [str(history.history_dir(root, group_id).absolute())]
    for path in history.versions(root, group_id):
        info = path.stat()
        parts.append(f"{path.name} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(parts)
