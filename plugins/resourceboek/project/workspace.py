"""The werkmap: the coordinator's one private folder for everything confidential.

It holds the group files, the passwords, the booklet tokens and the cache key. Every command finds
it the same way: `--werkmap DIR`, then `RESOURCEBOEK_WERKMAP`, then `werkmap:` in mkdocs.yml.
Without one, the commands work on the repository's fictional examples only (the demo).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from resourceboek import PACKAGE_DIR
from resourceboek.files.private_io import create_exclusive, private_dir
from resourceboek.groupfile.schema import group_schema
from resourceboek.project.project import Project
from resourceboek.project.trust import (
    Verdict,
    check_werkmap,
    checks_apply,
    open_ancestors,
    writable_by_others,
)
from resourceboek.protection.keystore import cache_root
from resourceboek.protection.secrets_store import DEMO_DIR, DEMO_PASSWORDS
from resourceboek.settings.model import WerkmapSettings
from resourceboek.settings.reading import read_werkmap_settings

WORKSPACE_ENV = "RESOURCEBOEK_WERKMAP"
OLD_WORKSPACE_ENV = "RESOURCEBOEK_WORKSPACE"
"""The first name of the variable, still read (after the Dutch one) so old setups keep working."""
GROUPS = "groepen"
PASSWORDS = "wachtwoorden.yml"
STATE = "bouwgegevens"
PRINTS = "afdruk"
SETTINGS = "instellingen.yml"
README = "LEESMIJ.txt"
SCHEMA = "groep.schema.json"
SCHEMA_FROM_GROUP_FILE = f"../{SCHEMA}"
PACKAGED_SCHEMA = PACKAGE_DIR / "schema" / "groep.schema.json"
TEMPLATES = PACKAGE_DIR / "templates" / "werkmap"


class WorkspaceError(Exception):
    """A werkmap that cannot be used; the message is Dutch and holds no value from a group file."""


@dataclass(frozen=True)
class Werkmap:
    """The paths inside one werkmap."""

    root: Path
    warnings: tuple[str, ...] = field(default=(), compare=False)
    """Secrets others can read (see trust.py): the command prints them and goes on."""

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

    def settings(self) -> WerkmapSettings:
        """The werkmap's own settings (`instellingen.yml`); raises SettingsError (Dutch, file:line)."""
        return read_werkmap_settings(self.root / SETTINGS)


def find_workspace(given: Path | None, project: Project) -> Werkmap | None:
    """The werkmap from `--werkmap`, the environment or mkdocs.yml, in that order (or none)."""
    candidates = (
        ("--werkmap", given, Path.cwd()),
        (WORKSPACE_ENV, os.environ.get(WORKSPACE_ENV), Path.cwd()),
        (OLD_WORKSPACE_ENV, os.environ.get(OLD_WORKSPACE_ENV), Path.cwd()),
        ("mkdocs.yml (werkmap)", project.settings.werkmap, project.root),
    )
    for source, value, base in candidates:
        if value:
            folder = (base / Path(value).expanduser()).resolve()
            if not (folder / SETTINGS).is_file():
                raise WorkspaceError(
                    f"{folder} (uit {source}) is geen werkmap. "
                    f"Maak er een met: resourceboek init {folder}"
                )
            verdict = werkmap_trust(folder)
            if verdict.refused:
                raise WorkspaceError(
                    f"De werkmap {folder} (uit {source}) wordt niet gebruikt: iemand anders kan "
                    "hem veranderen.\n" + "\n".join(verdict.refused)
                )
            return Werkmap(folder, tuple(verdict.warnings))
    return None


def werkmap_trust(root: Path) -> Verdict:
    """Who else can change the werkmap (refused) or read its secrets (a warning)."""
    state = root / STATE
    inside = [*root.iterdir(), *(state.iterdir() if state.is_dir() else ())]
    secrets = [root / PASSWORDS, *(p for p in inside if p.parent == state)]
    return check_werkmap(root, inside, secrets)


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
    if werkmap is not None:  # the organisation's details of instellingen.yml win
        resolved = resolved.with_werkmap_settings(werkmap.settings())
    return resolved


def demo_state_dir(project: Project) -> Path:
    """Tokens and fingerprints without a werkmap: in the user's cache folder, never in the checkout.

    No key is ever written there (see `keystore.keeps_secrets`): CI systems cache that folder.
    """
    key = f"{project.root}|{project.groups_dir.resolve()}".encode()
    return cache_root() / f"zonder-werkmap-{hashlib.sha256(key).hexdigest()[:16]}"


def base_url(project: Project, werkmap: Werkmap | None) -> str:
    """Where the booklets are published (`base_url`, ending in `/`), from the werkmap or
    mkdocs.yml; may be ''."""
    own = werkmap.settings().base_url if werkmap else None
    return own or project.settings.base_url or ""


def init_workspace(folder: Path) -> Werkmap:
    """Create a new werkmap (0700) with its folders, an empty passwords file (0600) and a README.

    An existing empty folder must be the user's own: it is made 0700 before it is looked into.
    """
    _refuse_foreign(folder)
    werkmap = Werkmap(private_dir(folder).resolve())
    _refuse_open(werkmap.root)  # closed now: nobody else can add anything any more
    if any(werkmap.root.iterdir()):
        raise WorkspaceError(f"{folder}: bestaat al en is niet leeg; kies een nieuwe map.")
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


def _refuse_foreign(folder: Path) -> None:
    """A new werkmap goes only where nobody else can change it: in a new folder or one of the
    user's own (not a team's: share it after `init`), under parents nobody else may swap."""
    if not checks_apply():
        return
    refused = open_ancestors(folder)
    if folder.exists() and folder.stat().st_uid != os.geteuid():
        refused.insert(0, f"{folder} is niet van jou; kies een nieuwe map of een map van jezelf.")
    if refused:
        raise WorkspaceError("Geen werkmap gemaakt:\n" + "\n".join(refused))


def _refuse_open(folder: Path) -> None:
    """After `private_dir`: a folder still open to others (one with the sticky bit) is refused."""
    problem = writable_by_others(folder) if checks_apply() else None
    if problem:
        raise WorkspaceError(f"Geen werkmap gemaakt:\n{problem}")
