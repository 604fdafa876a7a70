"""The project's settings, read once from mkdocs.yml: every path a build step needs.

Plain YAML reading (no MkDocs import) so the command line starts fast; the paths follow the
settings (`docs_dir`, the theme's `custom_dir`, the plugin's options), never fixed folder names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from resourceboek.settings.model import OrganisationSettings, Settings, WerkmapSettings
from resourceboek.settings.reading import PLUGIN_NAME, check_config, organisation_blocks

HANDBOOK_CSS = "stylesheets/resourceboek.css"
"""The handbook's stylesheet of the forms inside `docs_dir`; the booklets ship it (compacted)."""
MKDOCS_DOCS_DIR = "docs"
"""MkDocs' own default for `docs_dir`."""


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
        """The resourceboek plugin's options as written in mkdocs.yml (which ones are set)."""
        return self.plugin_options(PLUGIN_NAME)

    @cached_property
    def settings(self) -> Settings:
        """The plugin's options, checked (`load_project` reported any problem with its line)."""
        return Settings.model_validate(self.options)

    @cached_property
    def organisation(self) -> OrganisationSettings:
        """The organisation's public details (`extra.organisatie`, `extra.crisislijn`)."""
        return OrganisationSettings.model_validate(organisation_blocks(self.raw.get("extra")))

    def path(self, option: str) -> Path:
        """An option of the plugin as an absolute path (its default from `settings.py`)."""
        return self.root / str(getattr(self.settings, option))

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.raw.get("docs_dir", MKDOCS_DOCS_DIR))

    @property
    def handbook_css(self) -> Path:
        return self.docs_dir / HANDBOOK_CSS

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
    def booklet_pdf_theme_dir(self) -> Path:
        return self.path("booklet_pdf_theme_dir")

    @property
    def templates_dir(self) -> Path:
        return self.path("templates_dir")

    @property
    def theme_dirs(self) -> list[Path]:
        """Every folder whose files shape the output: the themes and the PDF themes."""
        custom = (self.raw.get("theme") or {}).get("custom_dir")
        pdf = self.plugin_options("to-pdf").get("custom_template_path")
        named = [self.root / str(p) for p in (custom, pdf) if p]
        return named + [self.booklet_theme_dir, self.booklet_pdf_theme_dir, self.templates_dir]

    @property
    def pdf(self) -> bool:
        """Whether builds make PDFs (`pdf: false` in mkdocs.yml, or `--no-pdf` per build)."""
        return self.settings.pdf

    def plugin_options(self, name: str) -> dict[str, Any]:
        """The options of another plugin in mkdocs.yml (empty when it is not there)."""
        for entry in self.raw.get("plugins", []):
            if isinstance(entry, dict) and name in entry:
                return dict(entry[name] or {})
        return {}

    def with_overrides(self, **paths: Path | None) -> Project:
        """A copy with some options replaced (from the command line)."""
        return self.with_options(**{k: str(v.resolve()) for k, v in paths.items() if v is not None})

    def with_werkmap_settings(self, werkmap: WerkmapSettings) -> Project:
        """A copy with the werkmap's organisation details over mkdocs.yml's (and its base_url).

        They go into `extra` too, so the handbook's folder and PDF cover show them as well.
        """
        organisation = werkmap.over(self.organisation)
        extra = {**(self.raw.get("extra") or {}), **organisation.model_dump(exclude_none=True)}
        project = Project(self.config_file, {**self.raw, "extra": extra})
        if werkmap.base_url is None:
            return project
        return project.with_options(base_url=werkmap.base_url)

    def with_options(self, **options: str) -> Project:
        """A copy with some of the plugin's options replaced."""
        plugins = [
            {PLUGIN_NAME: {**self.options, **options}}
            if isinstance(p, dict) and PLUGIN_NAME in p
            else p
            for p in self.raw.get("plugins", [])
        ]
        return Project(self.config_file, {**self.raw, "plugins": plugins})


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml (with MkDocs' own YAML loader, which knows its tags) and check our settings.

    Raises `settings_file.SettingsError` with every problem of the plugin's options and of the
    organisation's blocks in `extra`, each with its line.
    """
    from mkdocs.utils.yaml import yaml_load  # only here: importing MkDocs is slow

    with config_file.open("rb") as fd:
        raw = yaml_load(fd) or {}
    check_config(config_file, raw)
    return Project(config_file.resolve(), raw)
