"""Build one group's booklet as its own small MkDocs site (MkDocs adapter, called per group)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from . import protect
from .dates import dutch_date
from .load import LoadedGroup
from .plugin import PDF_NAME, BookletJob, PdfSetup, ResourceboekPlugin
from .project import Project
from .render import BOOKLET_PAGES, make_environment

NAV_TITLES = {
    "index.md": "Start",
    "resourcegroepplan.md": "Resourcegroepplan",
    "signaleringsplan.md": "Signaleringsplan",
    "contacten.md": "Contacten",
    "themabijeenkomsten.md": "Themabijeenkomsten",
    "bijeenkomsten.md": "Bijeenkomsten",
}
ASSETS_DIR = Path(__file__).parent / "assets" / "boekje"
SITE_NAME = "Resourcegroepboekje"
"""The booklet's name in the title bar and header; the group's own name is on the Start page."""


def booklet_config_dict(
    project: Project, group: LoadedGroup, dest: Path, pdf: bool, today: dt.date
) -> dict[str, Any]:
    """The MkDocs config of one booklet: the handbook's look, no search, flat file URLs."""
    theme = dict(project.raw.get("theme", {}))
    theme.update(
        custom_dir=str(project.booklet_theme_dir),
        language="nl",
        font=False,
        features=["navigation.sections", "navigation.top", "toc.follow"],
    )
    return {
        # Material prints site_name unescaped (title, header, aria-label): never a group value.
        "site_name": SITE_NAME,
        "docs_dir": str(ASSETS_DIR),
        "site_dir": str(dest),
        "use_directory_urls": False,  # works opened from a folder on disk (file://)
        "theme": theme,
        "nav": [{NAV_TITLES[page]: page} for page, _ in BOOKLET_PAGES],
        "extra_css": ["rb/resourceboek.css", "rb/boekje.css"],
        # The page header links to the PDF (encrypted with the same password) when there is one.
        "extra": {"generator": False, "boekje_pdf": PDF_NAME if pdf else ""},
        "markdown_extensions": project.raw.get("markdown_extensions", []),
        "plugins": [{"resourceboek": project.options}],
        "strict": True,
    }


def pdf_setup(project: Project, today: dt.date) -> PdfSetup:
    """The booklet's print look: its own cover and print stylesheet after the screen's ones."""
    theme = project.root / "themes" / "pdf-boekje"
    return PdfSetup(
        cover=theme / "cover.html",
        stylesheets=[
            project.root / "content" / "stylesheets" / "resourceboek.css",
            ASSETS_DIR / "rb" / "boekje.css",
            theme / "styles.scss",
        ],
        subtitle=f"Afgedrukt op {dutch_date(today, weekday=False)}",
    )


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled Material templates, kept for the life of one worker process (one site build)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_THEME_BYTECODE = _MemoryBytecodeCache()


@functools.cache
def _templates(override_dir: Path) -> jinja2.Environment:
    """The booklet templates, compiled once per worker process (a site build)."""
    return make_environment(override_dir)


def build_booklet(
    project: Project,
    group: LoadedGroup,
    password: str,
    dest: Path,
    *,
    pdf: bool,
    today: dt.date,
    print_dir: Path | None = None,
) -> None:
    """Build the protected booklet of `group` into `dest` (a new, empty folder)."""
    raw = booklet_config_dict(project, group, dest, pdf, today)
    config = load_config(
        io.BytesIO(yaml.safe_dump(raw, allow_unicode=True).encode("utf-8")),
        config_file_path=str(project.config_file),
    )
    plugin = config.plugins["resourceboek"]
    assert isinstance(plugin, ResourceboekPlugin)
    plugin.job = BookletJob(
        group,
        protect.derive_key(password),
        today,
        password,
        print_dir,
        templates=_templates(project.templates_dir),
        theme_bytecode=_THEME_BYTECODE,
        pdf=pdf_setup(project, today) if pdf else None,
    )
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(config)
