"""What a build keeps of each group file, and what changed in the plan since the previous meeting.

Only with a werkmap: every build that sees a changed group file keeps a dated copy in the werkmap's
`geschiedenis/<id>/` (0600, see project/history.py), and keeps no more than "wat is er veranderd"
needs: the version current at each meeting, and the latest. The booklet's Start shows the result of
`groupfile/changes.py` between the plan as it was when the previous meeting began and this one:
what the group changed at that meeting and since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

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
