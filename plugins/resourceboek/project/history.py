"""Earlier versions of a group file, kept in the werkmap: `geschiedenis/<id>/<timestamp>.yml`.

Shared by every command that replaces a group file (the editor's save) or records what a build
used: one folder name, one way of naming a version. Folders 0700, files 0600, never overwritten.
"""

from __future__ import annotations

import datetime as dt
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
