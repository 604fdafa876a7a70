"""Fingerprints of what a build depends on, and the cache that keeps them between builds.

Each part of the site has a fingerprint of its inputs: an HMAC under the werkmap's local secret, so
the cache (`cache.json`) tells nothing about passwords or group files to whoever reads it.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.metadata
import json
from pathlib import Path

from resourceboek import PACKAGE_DIR, __version__
from resourceboek.build.buildreport import BuildOptions
from resourceboek.files.private_io import write_private
from resourceboek.project.project import Project

RENDERING_LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-to-pdf", "weasyprint", "markdown")


def booklet_key(
    secret: bytes, content: str, password: str, token: str, opts: BuildOptions, compared: str
) -> str:
    """Everything a booklet depends on. `content` is the group file's part (`filecache.FileFacts`:
    the code, the file and the number of past meetings, which moves "next meeting" on);
    `compared` is the digest of the kept version that "wat is er veranderd" compares with (see
    build/planhistory.py), so that a pruned or newly kept version rebuilds the booklet."""
    return mac(secret, content, password, token, str(opts.pdf), compared)


def code_fingerprint(project: Project) -> str:
    """The code, the rendering libraries, the themes and the config: a change rebuilds every part."""
    parts = [__version__, tree_digest(PACKAGE_DIR)]
    parts += [f"{name}={importlib.metadata.version(name)}" for name in RENDERING_LIBRARIES]
    parts += [tree_digest(folder) for folder in project.theme_dirs]
    parts.append(hashlib.sha256(_read_or_empty(project.handbook_css)).hexdigest())
    parts.append(hashlib.sha256(project.config_file.read_bytes()).hexdigest())
    return "|".join(parts)


def _read_or_empty(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


def tree_digest(root: Path) -> str:
    """A digest of every file below root (names and contents)."""
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def mac(secret: bytes, *parts: str) -> str:
    """An HMAC of the parts under the local secret."""
    return hmac.new(secret, "\x00".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


def read_cache(state_dir: Path) -> dict[str, str]:
    """The fingerprints of the last build (none if the cache is missing or unreadable)."""
    try:
        return dict(json.loads((state_dir / "cache.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def write_cache(state_dir: Path, cache: dict[str, str]) -> None:
    """Keep the fingerprints for the next build (0600)."""
    data = json.dumps(cache, indent=1, sort_keys=True).encode("utf-8")
    write_private(state_dir / "cache.json", data)
