"""Earlier versions of a group file, kept in the werkmap: `geschiedenis/<id>/<timestamp>.yml`.

Shared by every command that replaces a group file (the editor's save) or records what a build
used: one folder name, one way of naming a version. Folders 0700, files 0600, never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from resourceboek.files.private_io import create_exclusive, private_dir

HISTORY = "geschiedenis"
"""The folder in the werkmap (or the state folder without one) that keeps earlier versions."""
STAMP = "%Y%m%dT%H%M%S%f"


def history_dir(root: Path, group_id: str) -> Path:
    """The folder of one group's earlier versions under `root` (not created)."""
    return root / HISTORY / group_id


def keep_version(root: Path, group_id: str, data: bytes) -> Path:
    """Keep `data` as a new version of `group_id` under `root`; return the file written."""
    private_dir(root / HISTORY)
    folder = private_dir(history_dir(root, group_id))
    stamp = dt.datetime.now().strftime(STAMP)
    for extra in range(1000):  # two saves in the same microsecond get their own names
        path = folder / (f"{stamp}.yml" if not extra else f"{stamp}-{extra}.yml")
        try:
            create_exclusive(path, data)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"geen vrije naam in {folder.name}")


def versions(root: Path, group_id: str) -> list[Path]:
    """The kept versions of `group_id`, oldest first."""
    folder = history_dir(root, group_id)
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def stamp_date(path: Path) -> dt.date:
    """The day a version was kept, from its name."""
    return dt.datetime.strptime(path.stem.split("-")[0], STAMP).date()


def keep_if_changed(root: Path, group_id: str, data: bytes) -> Path | None:
    """Keep `data` unless it is the newest kept version already (a build that saw a change)."""
    kept = versions(root, group_id)
    if kept and kept[-1].read_bytes() == data:
        return None
    return keep_version(root, group_id, data)


def version_at(root: Path, group_id: str, day: dt.date) -> Path | None:
    """The version current when the meeting on `day` began (kept before that day), if any."""
    before = [p for p in versions(root, group_id) if stamp_date(p) < day]
    return before[-1] if before else None


def prune(root: Path, group_id: str, meetings: list[dt.date]) -> list[Path]:
    """Remove every version but the newest and the one current at each meeting (health data:
    keep only what "wat is er veranderd" needs); return what was removed."""
    kept = versions(root, group_id)
    needed = {kept[-1]} if kept else set()
    needed |= {p for day in meetings if (p := version_at(root, group_id, day)) is not None}
    removed = [p for p in kept if p not in needed]
    for path in removed:
        path.unlink()
    return removed


def without_group(root: Path, group_ids: Collection[str]) -> list[str]:
    """The ids whose versions are still kept under `root` while their group file is gone.

    The build never removes them: the organisation decides whether they are kept or destroyed,
    as with the group file itself (README, "Een groep die stopt"); `status` reminds of them.
    """
    folder = root / HISTORY
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name not in group_ids)
