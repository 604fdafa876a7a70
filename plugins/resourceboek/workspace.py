"""The werkmap: the coordinator's one private folder for everything confidential.

It holds the group files, the passwords, the booklet tokens and the cache key. Every command finds
it the same way: `--workspace DIR`, then `RESOURCEBOEK_WORKSPACE`, then `werkmap:` in mkdocs.yml.
Without one, the commands work on the repository's fictional examples only (the demo).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .private_io import create_exclusive, private_dir
from .project import Project
from .schema import group_schema
from .secrets_store import DEMO_DIR, DEMO_PASSWORDS

WORKSPACE_ENV = "RESOURCEBOEK_WORKSPACE"
GROUPS = "groepen"
PASSWORDS = "wachtwoorden.yml"
STATE = "bouwgegevens"
PRINTS = "afdruk"
SETTINGS = "instellingen.yml"
README = "LEESMIJ.txt"
SCHEMA = "groep.schema.json"
SCHEMA_FROM_GROUP_FILE = f"../{SCHEMA}"
PACKAGED_SCHEMA = Path(__file__).parent / "schema" / "groep.schema.json"
TEMPLATES = Path(__file__).parent / "templates" / "werkmap"


class WorkspaceError(Exception):
    """A werkmap that cannot be used; the message is Dutch and holds no value from a group file."""


@dataclass(frozen=True)
class Werkmap:
    """The paths inside one werkmap."""

    root: Path

    @property
    def groups_dir(self) -> Path:
        return self.root / GROUPS

    @property
    def passwords_file(self) -> Path:
        return self.root / PASSWORDS

    @property
    def state_dir(self) -> Path:
        return self.root / STATE

    @property
    def print_dir(self) -> Path:
        return self.root / PRINTS

    def settings(self) -> dict[str, Any]:
        """The werkmap's own settings (`instellingen.yml`), e.g. `base_url`."""
        data = yaml.safe_load((self.root / SETTINGS).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}


def find_workspace(given: Path | None, project: Project) -> Werkmap | None:
    """The werkmap from `--workspace`, the environment or mkdocs.yml, in that order (or none)."""
    candidates = (
        ("--workspace", given, Path.cwd()),
        (WORKSPACE_ENV, os.environ.get(WORKSPACE_ENV), Path.cwd()),
        ("mkdocs.yml (werkmap)", project.options.get("werkmap"), project.root),
    )
    for source, value, base in candidates:
        if value:
            folder = (base / Path(value).expanduser()).resolve()
            if not (folder / SETTINGS).is_file():
                raise WorkspaceError(
                    f"{folder} (uit {source}) is geen werkmap. "
                    f"Maak er een met: resourceboek init {folder}"
                )
            return Werkmap(folder)
    return None


def resolve_project(project: Project, werkmap: Werkmap | None, **given: Path | None) -> Project:
    """The project with the werkmap's paths (or the demo's), then the command line's on top."""
    paths: dict[str, Path | None] = {}
    if werkmap is not None:
        paths.update(
            groups_dir=werkmap.groups_dir,
            passwords_file=werkmap.passwords_file,
            state_dir=werkmap.state_dir,
        )
    else:
        options = project.options
        if "groups_dir" not in options:
            paths["groups_dir"] = project.root / DEMO_DIR
        if "passwords_file" not in options:
            paths["passwords_file"] = project.root / DEMO_DIR / DEMO_PASSWORDS
    paths.update({k: v for k, v in given.items() if v is not None})
    resolved = project.with_overrides(**paths)
    if werkmap is None and "state_dir" not in project.options:
        resolved = resolved.with_overrides(state_dir=demo_state_dir(resolved))
    return resolved


def demo_state_dir(project: Project) -> Path:
    """Tokens and cache without a werkmap: in the user's cache folder, never in the checkout."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = f"{project.root}|{project.groups_dir.resolve()}".encode()
    return base / "resourceboek" / f"zonder-werkmap-{hashlib.sha256(key).hexdigest()[:16]}"


def base_url(project: Project, werkmap: Werkmap | None) -> str:
    """Where the booklets are published (`base_url`), from the werkmap or mkdocs.yml; may be ''."""
    value = werkmap.settings().get("base_url") if werkmap else None
    value = value or project.options.get("base_url") or ""
    return str(value).rstrip("/") + "/" if value else ""


def init_workspace(folder: Path) -> Werkmap:
    """Create a new werkmap (0700) with its folders, an empty passwords file (0600) and a README."""
    if folder.exists() and any(folder.iterdir()):
        raise WorkspaceError(f"{folder}: bestaat al en is niet leeg; kies een nieuwe map.")
    werkmap = Werkmap(private_dir(folder).resolve())
    for sub in (werkmap.groups_dir, werkmap.state_dir, werkmap.print_dir):
        private_dir(sub)
    # The empty passwords file has another name in the package: git ignores `wachtwoorden.yml`.
    for name, template in (
        (README, README),
        (SETTINGS, SETTINGS),
        (PASSWORDS, "wachtwoorden.yml.leeg"),
    ):
        create_exclusive(werkmap.root / name, (TEMPLATES / template).read_bytes())
    schema = json.dumps(group_schema(), indent=2, ensure_ascii=False) + "\n"
    (werkmap.root / SCHEMA).write_text(schema, encoding="utf-8")
    return werkmap

