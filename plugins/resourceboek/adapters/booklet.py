"""Build one group's booklet as its own small MkDocs site (MkDocs adapter, called per group)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build

from resourceboek import PACKAGE_DIR
from resourceboek.adapters.booklet_plugin import (
    BOOKLET_CSS,
    PDF_NAME,
    PLUGIN_NAME,
    BookletJob,
    BookletPlugin,
    PdfSetup,
)
from resourceboek.adapters.worker import Worker, current_worker
from resourceboek.groupfile.load import LoadedGroup
from resourceboek.pages.headings import PERMALINK_TITLE
from resourceboek.pages.render import BOOKLET_PAGES
from resourceboek.paper.zakkaart import ZAKKAART_NAME
from resourceboek.project.project import Project
from resourceboek.protection import lockpage, protect
from resourceboek.text.dates import dutch_date

ASSETS_DIR = PACKAGE_DIR / "assets" / "boekje"
THEME_NAME = "resourceboek-boekje"
"""The booklet's MkDocs theme (the package's `theme/` folder, registered as an entry point)."""
BOOKLET_MARKDOWN: list[str | dict[str, Any]] = [
    "attr_list",  # { .rb-titel-verborgen } on a heading
    {"toc": {"permalink": True, "permalink_title": PERMALINK_TITLE}},
    "resourceboek.text.nolinks",  # NoLinks: a value never becomes a link or an image
]
"""The Markdown of an organisation's own Markdown page template (`start.md.j2`): plain Markdown
without links or images (the template's own links are HTML), a class on a heading, heading
anchors as our HTML templates make them (pages/headings.py). Its HTML blocks pass untouched
(pages/rawblocks.py). The handbook's extensions (tabs, details, fenced blocks, ...) are not
used: with them every page cost twice as much."""
SITE_NAME = "Resourcegroepboekje"
"""The booklet's name in the title bar and header; the group's own name is on the Start page."""


def booklet_theme(project: Project) -> dict[str, Any]:
    """The booklet's own theme; an organisation's templates in `themes/boekje/` come first."""
    theme: dict[str, Any] = {"name": THEME_NAME}
    if project.booklet_theme_dir.is_dir():
        theme["custom_dir"] = str(project.booklet_theme_dir)
    return theme


def booklet_config_dict(project: Project, dest: Path, pdf: bool) -> dict[str, Any]:
    """The MkDocs config of one booklet: its own theme, no search, flat file URLs."""
    return {
        # A theme may print site_name unescaped: never a group value.
        "site_name": SITE_NAME,
        "docs_dir": str(ASSETS_DIR),
        "site_dir": str(dest),
        "use_directory_urls": False,  # works opened from a folder on disk (file://)
        "theme": booklet_theme(project),
        "nav": [{page.title: page.file} for page in BOOKLET_PAGES],
        # The page header links to the PDF (encrypted with the same password) when there is one.
        "extra": {
            "generator": False,
            "boekje_pdf": PDF_NAME if pdf else "",
            "zakkaart": ZAKKAART_NAME if pdf else "",
        },
        "markdown_extensions": BOOKLET_MARKDOWN,
        "plugins": [],  # the booklet plugin is added as an object, with its job (below)
        "strict": True,
    }


def shipped_files(project: Project, worker: Worker) -> dict[str, str]:
    """The booklet's stylesheets and scripts by their path in it, compacted (pages/shipped.py).

    The handbook's stylesheet is the one source of the forms' look (BOOKLET_CSS).
    """
    sources = {BOOKLET_CSS: project.handbook_css, **worker.shipped_sources(ASSETS_DIR)}
    return {name: worker.compacted(path) for name, path in sources.items()}


def pdf_setup(project: Project, today: dt.date) -> PdfSetup:
    """The booklet's print look: its own cover and print stylesheet, no screen stylesheet.

    The print stylesheet holds everything the paper shows; the screen's stylesheets (the
    handbook's, the booklet's theme) would only cost WeasyPrint time to match and undo.
    """
    theme = project.booklet_pdf_theme_dir
    return PdfSetup(
        cover=theme / "cover.html",
        stylesheets=[theme / "styles.scss"],
        subtitle=f"Afgedrukt op {dutch_date(today, weekday=False)}",
        zakkaart=theme / "zakkaart.css",
    )


def build_booklet(
    project: Project,
    group: LoadedGroup,
    password: str,
    dest: Path,
    *,
    pdf: bool,
    today: dt.date,
    print_dir: Path | None = None,
    worker: Worker | None = None,
    encrypt: bool = True,
    key: protect.BookletKey | None = None,
    assets_dir: Path | None = None,
    counter: int | None = None,
    changes: tuple[str, ...] = (),
) -> protect.BookletKey | None:
    """Build the protected booklet of `group` into `dest` (a new, empty folder).

    `key` is the key derived from `password` in an earlier build (see keystore.py); without it the
    key is derived here. Returns the key used, so that the caller can keep it for the next build.
    `assets_dir`: the build's asset store (see sharedfiles.py); the asset files become links to it.
    `encrypt=False` is only for the local preview (`serve --group`), built outside the checkout.
    `counter`: the build counter bound into every page (default: now, in whole seconds), so that
    a browser that saw this build refuses an older one (see protect.py).
    """
    worker = worker or current_worker()
    if encrypt:  # the folder's name is the token, bound into every page with the counter
        counter = int(time.time()) if counter is None else counter
        key = dataclasses.replace(
            key or protect.derive_key(password), token=dest.name, counter=counter
        )
    else:  # a `serve --group` preview: no key, never published
        key = None
    job = BookletJob(
        group,
        key,
        today,
        password,
        templates=worker.templates(project.templates_dir),
        print_dir=print_dir,
        theme_env=worker.theme_environment,
        pdf=pdf_setup(project, today) if pdf else None,
        styles=worker.stylesheets if pdf else None,
        assets=worker.asset_store(assets_dir) if assets_dir else None,
        organisation=project.organisation,
        changes=changes,
        shipped=shipped_files(project, worker),
    )
    raw = booklet_config_dict(project, dest, pdf)
    plugins = {PLUGIN_NAME: BookletPlugin(job)}
    build(worker.configs.config(project.config_file, raw, dest, plugins))
    if encrypt:  # an offline copy only of encrypted files, never of the unencrypted preview
        lockpage.write_service_worker(dest)
    return key


def warm_up(project: Project, pdf: bool) -> None:
    """Compile the booklet's templates (the theme's and the pages') in this worker, no booklet yet.

    A first build starts it on a worker that would wait while the groups are read: the workers
    then find the templates compiled (in its memory; the other workers compile their own).
    """
    worker = current_worker()
    ours = worker.templates(project.templates_dir)
    for page in BOOKLET_PAGES:
        ours.get_template(page.template)
    ours.get_template(lockpage.SHELL_TEMPLATE)
    dest = project.state_dir / "opwarmen"  # never written: only the config's shape counts
    config = worker.configs.config(
        project.config_file, booklet_config_dict(project, dest, pdf), dest, {}
    )
    # The environment the booklets will get back in on_env: its templates already loaded.
    worker.theme_environment(config.theme.get_env()).get_template("main.html")
