"""The project's settings, read once from mkdocs.yml (the resourceboek plugin's options and theme)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from .plugin import ResourceboekConfig

DEFAULTS: dict[str, Any] = {name: option.default for name, option in ResourceboekConfig._schema}
"""The plugin's option defaults: one source for the plugin and the command line."""


@dataclass(frozen=True)
class Project:
    """Paths and settings every build step needs; paths are absolute."""

    config_file: Path
    raw: dict[str, Any] = field(repr=False)

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def options(self) -> dict[str, Any]:
        for entry in self.raw.get("plugins", []):
            if isinstance(entry, dict) and "resourceboek" in entry:
                return entry["resourceboek"] or {}
        return {}

    def path(self, option: str) -> Path:
        """An option of the plugin as an absolute path (its default from the plugin's config)."""
        return self.root / str(self.options.get(option, DEFAULTS[option]))

    @property
    def groups_dir(self) -> Path:
        return self.path("groups_dir")

    @property
    def passwords_file(self) -> Path:
        return self.path("passwords_file")

    @property
    def site_root(self) -> Path:
        return self.path("site_root")

    @property
    def state_dir(self) -> Path:
        return self.path("state_dir")

    @property
    def booklet_theme_dir(self) -> Path:
        return self.path("booklet_theme_dir")

    @property
    def templates_dir(self) -> Path:
        return self.path("templates_dir")

    @property
    def pdf(self) -> bool:
        """Whether builds make PDFs (`pdf: false` in mkdocs.yml, or `--no-pdf` per build)."""
        return bool(self.options.get("pdf", DEFAULTS["pdf"]))

    def with_overrides(self, **paths: Path | None) -> Project:
        """A copy with some options replaced (from the command line)."""
        options = dict(self.options)
        options.update({k: str(v.resolve()) for k, v in paths.items() if v is not None})
        plugins = [
            {"resourceboek": options} if isinstance(p, dict) and "resourceboek" in p else p
            for p in self.raw.get("plugins", [])
        ]
        return Project(self.config_file, {**self.raw, "plugins": plugins})


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml (with MkDocs' own YAML loader, which knows its tags)."""
    with config_file.open("rb") as fd:
        raw = yaml_load(fd) or {}
    return Project(config_file.resolve(), raw)
