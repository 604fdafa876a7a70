"""The project's settings, read once from mkdocs.yml: every path a build step needs.

Plain YAML reading (no MkDocs import) so the command line starts fast; the paths follow the
settings (`docs_dir`, the theme's `custom_dir`, the plugin's options), never fixed folder names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .settings import DEFAULTS

PLUGIN_NAME = "resourceboek"
"""The plugin's name in mkdocs.yml (its entry point)."""
HANDBOOK_CSS = "stylesheets/resourceboek.css"
"""The handbook's stylesheet inside `docs_dir`; the booklets and their PDFs share it."""
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
        """The resourceboek plugin's options as written in mkdocs.yml."""
        return self.plugin_options(PLUGIN_NAME)

    def path(self, option: str) -> Path:
        """An option of the plugin as an absolute path (its default from `settings.py`)."""
        return self.root / str(self.options.get(option, DEFAULTS[option]))

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
        return bool(self.options.get("pdf", DEFAULTS["pdf"]))

    def plugin_options(self, name: str) -> dict[str, Any]:
        """The options of another plugin in mkdocs.yml (empty when it is not there)."""
        for entry in self.raw.get("plugins", []):
            if isinstance(entry, dict) and name in entry:
                return dict(entry[name] or {})
        return {}

    def with_overrides(self, **paths: Path | None) -> Project:
        """A copy with some options replaced (from the command line)."""
        options = dict(self.options)
        options.update({k: str(v.resolve()) for k, v in paths.items() if v is not None})
        plugins = [
            {PLUGIN_NAME: options} if isinstance(p, dict) and PLUGIN_NAME in p else p
            for p in self.raw.get("plugins", [])
        ]
        return Project(self.config_file, {**self.raw, "plugins": plugins})


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml (with MkDocs' own YAML loader, which knows its tags)."""
    from mkdocs.utils.yaml import yaml_load  # only here: importing MkDocs is slow

    with config_file.open("rb") as fd:
        raw = yaml_load(fd) or {}
    return Project(config_file.resolve(), raw)
