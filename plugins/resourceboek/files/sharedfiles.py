"""Identical files of the booklets stored once on disk: hard links within the site.

Every booklet carries the same theme assets (about 0.3 MB). Each booklet folder stays complete, so
that it can still be copied or served on its own; only the disk holds those bytes once. Pages and
PDFs are encrypted per booklet and never identical, so they are not even read.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

STORE_NAME = ".gedeeld"
"""The build's asset store, beside the booklets in the staging folder; removed before the swap."""
UNIQUE_SUFFIXES = (".html", ".pdf")
"""Encrypted per booklet (fresh IVs and salts): never identical to another booklet's file."""


def link_identical(folders: list[Path], reference: Path | None = None) -> int:
    """Replace each file in `folders` by a hard link to the first identical one; return bytes saved.

    Files are compared by content (size, then SHA-256), each inode read at most once, so a folder
    that already shares its files (carried over from the previous build) costs one `stat` per file.
    The files of `reference` come first and are only linked to, never replaced (a booklet in place).
    """
    first: dict[tuple[int, bytes], Path] = {}  # (size, digest) -> the file the others link to
    digests: dict[tuple[int, int], tuple[int, bytes]] = {}  # (device, inode) -> (size, digest)
    saved = 0
    for folder in ([reference] if reference else []) + folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in UNIQUE_SUFFIXES or path.is_symlink() or not path.is_file():
                continue
            info = path.stat()
            inode = (info.st_dev, info.st_ino)
            if inode not in digests:
                with path.open("rb") as handle:
                    digests[inode] = (info.st_size, hashlib.file_digest(handle, "sha256").digest())
            content = digests[inode]
            target = first.setdefault(content, path)
            if folder == reference or target == path:
                continue
            if not os.path.samefile(target, path):
                try:
                    _replace_by_link(target, path)
                except OSError:  # e.g. a file system without hard links: the copy stays
                    continue
                saved += info.st_size
    return saved


def _replace_by_link(target: Path, path: Path) -> None:
    """`path` becomes a hard link to `target`, atomically (a temporary name, then a rename)."""
    tmp = path.with_name(f".{path.name}.link")
    tmp.unlink(missing_ok=True)
    os.link(target, tmp)
    os.replace(tmp, path)


class AssetStore:
    """A build's store of asset files: each distinct file copied once, booklets link to it.

    Shared by the worker processes of one build (each file is put in place atomically); a worker
    reads each source file once.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stored: dict[Path, Path] = {}  # source file -> its copy in the store
        self._folders: set[Path] = set()  # folders made in the booklets (each booklet its own)

    def place(self, source: Path, dest: Path) -> Path:
        """Make `dest` a hard link to the stored copy of `source`; return that copy's path."""
        stored = self._stored.get(source)
        if stored is not None and dest.parent in self._folders:
            try:
                os.link(stored, dest)
                return stored
            except FileNotFoundError:  # a folder or the store was removed since: do it all again
                pass
        dest.parent.mkdir(parents=True, exist_ok=True)
        self._folders.add(dest.parent)
        if stored is None or not stored.exists():
            stored = self._stored[source] = self._store(source)
        os.link(stored, dest)
        return stored

    def text_file(self, name: str, text: str) -> Path:
        """A file in the store holding `text` (for a file a build makes, such as a compacted
        stylesheet), written once; `place` it like any other source."""
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        stored = self.folder / f"{digest}{Path(name).suffix}"
        if not stored.exists():
            self._write_once(stored, lambda tmp: tmp.write_bytes(data))
        return stored

    def _store(self, source: Path) -> Path:
        with source.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        stored = self.folder / f"{digest}{source.suffix}"
        if not stored.exists():
            self._write_once(stored, lambda tmp: shutil.copyfile(source, tmp))
        return stored

    def _write_once(self, stored: Path, write: Callable[[Path], object]) -> None:
        """Put `stored` in place atomically: another worker may store the same file meanwhile."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{stored.stem}.{os.getpid()}.tmp"
        write(tmp)
        try:
            os.link(tmp, stored)  # atomic: another worker may have stored it meanwhile
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
