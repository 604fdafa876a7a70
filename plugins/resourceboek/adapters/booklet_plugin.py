"""MkDocs adapter for one group's booklet: generated pages, published only encrypted.

Made by `booklet.py` with its job (group, key, password) in the constructor; never named in a
mkdocs.yml. Rendering is `render.py`, encryption `protect.py`, printing `printing.py`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from resourceboek.files import private_io
from resourceboek.files.sharedfiles import AssetStore
from resourceboek.groupfile.load import LoadedGroup
from resourceboek.pages import render
from resourceboek.pages.rawblocks import RawBlocks
from resourceboek.paper import printing, zakkaart
from resourceboek.protection import lockpage, pdfpadding, protect
from resourceboek.settings.model import Crisislijn, OrganisationSettings

PLUGIN_NAME = "resourceboek-boekje"
"""The key of the booklet plugin in a booklet build's plugin collection."""
PDF_NAME = "boekje.pdf"
NOT_PUBLISHED = frozenset({"sitemap.xml", "404.html"})
"""MkDocs' own pages, which a booklet never publishes (they would be in clear)."""
BOOKLET_CSS = "rb/resourceboek.css"
"""The handbook's stylesheet in a booklet (the forms' look), without its comments."""


@dataclass(frozen=True)
class PdfSetup:
    """How a booklet is printed: its cover template, stylesheets and cover subtitle."""

    cover: Path
    stylesheets: list[Path]
    subtitle: str
    zakkaart: Path | None = None  # the pocket card's stylesheet


@dataclass
class BookletJob:
    """What a booklet build needs beyond its config; never written to disk."""

    group: LoadedGroup
    key: protect.BookletKey | None
    """None only for the local preview (`serve --group`): pages stay readable, never published."""
    today: dt.date
    password: str
    templates: jinja2.Environment
    print_dir: Path | None = None
    theme_env: Callable[[jinja2.Environment], jinja2.Environment] | None = None
    """The worker's one environment of the booklet theme (adapters/worker.py), if any."""
    pdf: PdfSetup | None = None
    styles: printing.Stylesheets | None = None
    assets: AssetStore | None = None
    """The build's store of asset files, which every booklet links to (None: plain copies)."""
    printed: list[printing.PrintPage] = field(default_factory=list)
    organisation: OrganisationSettings = field(default_factory=OrganisationSettings)
    """The organisation's help lines: on the lock page, the crisis card and the pocket card."""
    changes: tuple[str, ...] = ()
    """What changed in the plan since the previous meeting (build/planhistory.py)."""
    shipped: dict[str, str] = field(default_factory=dict)
    """The booklet's stylesheets and scripts by their path in it, compacted (once per worker)."""


class WrittenPage(Page):
    """A booklet page our HTML template wrote: no Markdown runs over it (pages/headings.py).

    Made by the plugin for its generated file (MkDocs' `File.page`, which a plugin may set), so
    MkDocs takes this page into the navigation with its title and renders it as it is.
    """

    def __init__(
        self, title: str, file: File, config: MkDocsConfig, written: render.RenderedPage
    ) -> None:
        super().__init__(title, file, config)
        self.written = written

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.written.text
        self.toc = get_toc(self.written.headings.nested())  # type: ignore[arg-type]
        self.present_anchor_ids = {heading.id for heading in self.written.headings.found}


class BookletPlugin(BasePlugin):  # type: ignore[type-arg]
    """One group's booklet: pages from the group file, every page encrypted, a PDF."""

    def __init__(self, job: BookletJob, *, raw_blocks: bool = True) -> None:
        self.job = job
        # Our templates' finished HTML blocks skip Python-Markdown (see rawblocks.py).
        self.raw = RawBlocks() if raw_blocks else RawBlocks(tag="")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # No sitemap and no 404 page: both would be published in clear.
        config.theme.static_templates.difference_update(NOT_PUBLISHED)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # MkDocs adds its own templates folder to every theme: without the sitemap among the
        # theme's templates (on_config), its source would be copied as a file.
        for file in [f for f in files if f.src_uri in NOT_PUBLISHED]:
            files.remove(file)
        org, card = self.job.organisation, self.job.pdf is not None and self.job.pdf.zakkaart
        pages = render.render_pages(
            self.job.group.groep,
            self.job.today,
            self.job.templates,
            org.line,
            org.services,
            zakkaart=bool(card),
            changes=self.job.changes,
        )
        titles = {page.file: page.title for page in render.BOOKLET_PAGES}
        for src_uri, page in pages.items():
            if page.markdown:  # an organisation's own Markdown template
                content = self.raw.set_aside(page.text)  # put back in on_page_content
                files.append(File.generated(config, src_uri, content=content))
            else:  # finished HTML: MkDocs puts it in the theme as it is (`WrittenPage`)
                file = File.generated(config, src_uri, content="")
                WrittenPage(titles[src_uri], file, config, page)  # becomes `file.page`
                files.append(file)
        # Stylesheets and scripts go out compacted; the readable files stay in the package.
        store = self.job.assets
        for src_uri, text in self.job.shipped.items():
            if (old := files.get_file_from_path(src_uri)) is not None:
                files.remove(old)
            if store is None:  # a single booklet (the preview): written as it is
                files.append(File.generated(config, src_uri, content=text))
            else:  # stored once for the whole build, linked from every booklet (on_env)
                stored = str(store.text_file(src_uri, text))
                files.append(File.generated(config, src_uri, abs_src_path=stored))
        return files

    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.job.assets is not None:
            _link_assets(self.job.assets, files)
        # A worker builds many booklets: load the theme's templates once, not once per booklet.
        return self.job.theme_env(env) if self.job.theme_env is not None else env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The group's name for the booklet's header, escaped here: MkDocs' theme environment does
        # not escape, so a group value never reaches a template as plain text (nor site_name).
        name = escape(self.job.group.groep.groepsnaam)
        context["rb_groepsnaam"] = name  # type: ignore[typeddict-unknown-key] # our own key
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not isinstance(page, WrittenPage):
            html = self.raw.put_back(html)
        # A booklet's PDF is printed from the pages' content (not from the encrypted output).
        if self.job.pdf is not None:
            name = posixpath.splitext(page.file.dest_uri)[0]
            headings = tuple(_headings(page.toc))
            self.job.printed.append(printing.PrintPage(name=name, html=html, headings=headings))
        return html

    @event_priority(-100)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # Runs last: whatever else changes the page does so before it is encrypted.
        if self.job.key is None:  # `serve --group`: a preview on 127.0.0.1, never published
            return output
        payload = protect.encrypt_page(output, self.job.key, page.file.dest_uri)
        base = posixpath.relpath(".", posixpath.dirname(page.file.dest_uri) or ".")
        base = "" if base == "." else base + "/"
        settings = lockpage.lock_settings(self.job.organisation)
        return lockpage.render_shell(payload, self.job.templates, base, settings)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.job.pdf is not None:
            nav_files = [src for entry in config.nav or [] for src in entry.values()]
            write_pdf(self.job, nav_files, Path(config.site_dir))
            write_zakkaart(self.job, self.job.organisation.line, Path(config.site_dir))


def _link_assets(store: AssetStore, files: Files) -> None:
    """Put each asset file in place as a hard link to the build's stored copy.

    MkDocs then skips copying it: a file copied onto itself is MkDocs' documented case of a plugin
    that wrote into site_dir. Runs before MkDocs copies anything, after it decided what to copy.
    """
    for file in files:
        if file.abs_src_path is None or file.is_documentation_page():
            continue
        if file.inclusion.is_included():
            stored = store.place(Path(file.abs_src_path), Path(file.abs_dest_path))
            file.abs_src_path = str(stored)


def write_pdf(job: BookletJob, nav_files: list[str], site_dir: Path) -> None:
    """Print the booklet; to disk only encrypted, a readable copy only to --print-dir."""
    assert job.pdf is not None
    # In the order of the navigation (MkDocs builds pages in file order).
    order = {posixpath.splitext(src)[0]: i for i, src in enumerate(nav_files)}
    plain = printing.print_document(
        sorted(job.printed, key=lambda p: order.get(p.name, len(order))),
        env=job.templates,
        cover_template=job.pdf.cover,
        stylesheets=job.pdf.stylesheets,
        styles=job.styles,
        title=job.group.groep.groepsnaam,
        subtitle=job.pdf.subtitle,
        base_url=site_dir,
    )
    if job.print_dir is not None:
        private_io.private_dir(job.print_dir)  # 0700; the readable PDF 0600
        private_io.write_private(job.print_dir / f"{job.group.id}.pdf", plain)
    (site_dir / PDF_NAME).write_bytes(pdfpadding.encrypt_padded(plain, job.password))


def write_zakkaart(job: BookletJob, crisislijn: Crisislijn, site_dir: Path) -> None:
    """The pocket card beside the booklet's PDF (encrypted); a readable copy only to --print-dir."""
    if job.pdf is None or job.pdf.zakkaart is None:
        return
    copy = job.print_dir / f"{job.group.id}-zakkaart.pdf" if job.print_dir else None
    card = (job.group.groep, crisislijn, job.templates, job.pdf.zakkaart)
    services = job.organisation.services  # the same crisis route as the booklet's card
    zakkaart.make_zakkaart(*card, job.password, site_dir, copy, job.styles, services=services)


def _headings(toc: Any) -> list[printing.Heading]:
    """The headings of a page's table of contents, in order (MkDocs' TOC is a tree)."""
    out: list[printing.Heading] = []
    for link in toc:
        out.append(printing.Heading(link.level, link.id, link.title))
        out.extend(_headings(link.children))
    return out
