"""Private files: folders 0700, files 0600, written through an exclusive temporary file.

A temporary file is created with O_EXCL and O_NOFOLLOW in the target's own folder, so a symlink
planted under a predictable name is never followed; `os.replace` then puts it in place atomically.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) if needed; the folder itself becomes owner-only (0700).

    An existing folder is tightened only when it is ours and not a shared one like /tmp (sticky).
    """
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
    info = folder.stat()
    if info.st_uid == os.getuid() and not info.st_mode & stat.S_ISVTX:
        os.chmod(folder, DIR_MODE)
    return folder


def create_exclusive(path: Path, data: bytes) -> None:
    """Write a new owner-only file; fails (FileExistsError) if anything exists under that name."""
    fd = os.open(path, _EXCLUSIVE, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` atomically by an owner-only file holding `data`."""
    for attempt in range(100):
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{attempt}.tmp")
        try:
            create_exclusive(tmp, data)
        except FileExistsError:
            continue
        try:
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return
    raise FileExistsError(f"geen vrije tijdelijke naam naast {path.name}")


def read_text_map(path: Path) -> dict[str, str]:
    """A JSON object of texts written by one of our caches (empty when missing or damaged)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}
