"""MkDocs adapter: event hooks only, each handing off to the core.

Two roles. In the handbook build (mkdocs.yml) it renders the toolkit once per variant and the pages
drawn from data. In a booklet build (set up by `booklet.py`) it generates one group's pages in
memory and publishes every page only encrypted.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import handbook, printing, protect, render
from .load import LoadedGroup, load_groups
from .problems import GroupFileError, format_problems

log = get_plugin_logger(__name__)

# Material's search engine and its language packs: a booklet has no search, so they are not shipped.
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
DUTCH_WORKER = "assets/javascripts/workers/zoeken-nl.js"
ASSETS = Path(__file__).parent / "assets"
PDF_NAME = "boekje.pdf"
BOOKLET_DROP = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "sitemap.xml")


class ResourceboekConfig(Config):
    groups_dir = c.Type(str, default="groups")
    """Folder with the group files (keep real ones outside the repository)."""
    passwords_file = c.Type(str, default="wachtwoorden.yml")
    """YAML file `<group id>: <password>`; never commit a real one."""
    site_root = c.Type(str, default="site")
    """Where `resourceboek build` writes `handboek/` and `boekjes/<token>/`."""
    state_dir = c.Type(str, default=".resourceboek")
    """Tokens and the build cache (no plaintext of a group file or password)."""
    templates_dir = c.Type(str, default="themes/sjablonen")
    """An organisation's own versions of the booklet templates (found before the defaults)."""
    booklet_theme_dir = c.Type(str, default="themes/boekje")
    """Material overrides for booklet pages (custom_dir of a booklet build)."""
    examples_dir = c.Type(str, default="content/voorbeelden")
    """The fictional example groups shown in bijlage 4 (one per variant)."""
    pdf = c.Type(bool, default=True)
    """Make the PDFs (handbook and booklets)."""


@dataclass(frozen=True)
class PdfSetup:
    """How a booklet is printed: its cover template, stylesheets and cover subtitle."""

    cover: Path
    stylesheets: list[Path]
    subtitle: str


class BookletJob:
    """What a booklet build needs beyond its config; set by `booklet.py`, never written to disk."""

    def __init__(
        self,
        group: LoadedGroup,
        key: protect.BookletKey,
        today: dt.date,
        password: str,
        print_dir: Path | None = None,
        templates: jinja2.Environment | None = None,
        theme_bytecode: jinja2.BytecodeCache | None = None,
        pdf: PdfSetup | None = None,
    ) -> None:
        self.group = group
        self.key = key
        self.today = today
        self.password = password
        self.print_dir = print_dir
        self.templates = templates
        self.theme_bytecode = theme_bytecode
        self.pdf = pdf
        self.printed: list[printing.PrintPage] = []


class ResourceboekPlugin(BasePlugin[ResourceboekConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.job: BookletJob | None = None
        self.project_dir = Path.cwd()
        self.material_worker: str | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        override = self.project_dir / self.config.templates_dir
        reuse = self.job.templates if self.job else None
        self.env = reuse or render.make_environment(override)
        if self.job is not None:
            # No sitemap and no 404 page: both would be published in clear.
            config.theme.static_templates.discard("sitemap.xml")
            config.theme.static_templates.discard("404.html")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        pages = self._booklet_pages() if self.job else self._handbook_pages(config)
        for file in list(files):
            if self._drop(file):
                files.remove(file)
        for src_uri, content in pages.items():
            files.append(File.generated(config, src_uri, content=content))
        if self.job is None:
            self._add_dutch_search_worker(files, config)
        else:
            # The handbook's stylesheet is the one source of the forms' look.
            css = self.project_dir / "content" / "stylesheets" / "resourceboek.css"
            files.append(File.generated(config, "rb/resourceboek.css", abs_src_path=str(css)))
        return files

    def _add_dutch_search_worker(self, files: Files, config: MkDocsConfig) -> None:
        worker = next((f for f in files if MATERIAL_WORKER.fullmatch(f.src_uri)), None)
        if worker is None:
            return
        self.material_worker = worker.src_uri
        shim = (ASSETS / "handboek" / "zoeken-nl.js").read_text(encoding="utf-8")
        shim = shim.replace("__MATERIAL_WORKER__", posixpath.basename(worker.src_uri))
        files.append(File.generated(config, DUTCH_WORKER, content=shim))

    def _drop(self, file: File) -> bool:
        if self.job is not None:
            return file.src_uri.startswith(BOOKLET_DROP)
        return file.src_uri.startswith((f"{handbook.TOOLKIT}/", "voorbeelden/"))

    def _booklet_pages(self) -> dict[str, str]:
        assert self.job is not None
        return render.render_booklet(self.job.group.groep, self.job.today, self.env)

    def _handbook_pages(self, config: MkDocsConfig) -> dict[str, str]:
        org = handbook.Organisation(**config.extra.get("organisatie", {}))
        sources = handbook.read_sources(Path(config.docs_dir))
        examples = {e.groep.variant.value: e for e in self._examples()}
        return handbook.render_handbook(sources, org, self.env, examples)

    def _examples(self) -> list[LoadedGroup]:
        folder = self.project_dir / self.config.examples_dir
        if not folder.is_dir():
            return []
        try:
            # The toolkit's own example keeps its three long-term goals; no guideline warnings.
            return load_groups([folder], guidelines=False)
        except GroupFileError as exc:
            raise PluginError(
                f"Voorbeeldgroep klopt niet:\n{format_problems(exc.problems)}"
            ) from None

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        # A worker builds many booklets: compile Material's templates once, not once per booklet.
        if self.job is not None and self.job.theme_bytecode is not None:
            env.bytecode_cache = self.job.theme_bytecode

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # Automatic navigation sorts alphabetically; the handbook reads adults first, then youth.
        if self.job is None:
            order = {"volwassenen": 1, "jongeren": 2}
            nav.items.sort(key=lambda item: _nav_rank(item, order))
            for section in nav.items:
                if getattr(section, "children", None):
                    section.children.sort(
                        key=lambda item: _nav_rank(item, {"fasen": 1, "bijlagen": 2})
                    )
            # Previous/next links were set before this hook: set them again in the new order.
            nav.pages = _get_by_type(nav.items, Page)
            _add_previous_and_next_links(nav.pages)
        return nav

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # The group's name for the booklet's header, escaped here: MkDocs' theme templates do not
        # escape, so a group value never reaches them as plain text (nor through site_name).
        if self.job is not None:
            name = escape(self.job.group.groep.groepsnaam)
            context["rb_groepsnaam"] = name  # type: ignore[typeddict-unknown-key] # our own key
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A booklet's PDF is printed from the pages' content (not from the encrypted output).
        if self.job is not None and self.job.pdf is not None:
            self.job.printed.append(
                printing.PrintPage(
                    name=posixpath.splitext(page.file.dest_uri)[0],
                    html=html,
                    headings=tuple(_headings(page.toc)),
                )
            )
        return html

    @event_priority(-100)
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # Runs last: whatever else changes the page does so before it is encrypted.
        if self.job is None:
            worker = self.material_worker
            return output.replace(worker, DUTCH_WORKER) if worker else output
        payload = protect.encrypt_page(output, self.job.key)
        base = posixpath.relpath(".", posixpath.dirname(page.file.dest_uri) or ".")
        return protect.render_shell(payload, self.env, "" if base == "." else base + "/")

    def on_post_build(self, config: MkDocsConfig) -> None:
        # The PDF goes to disk only encrypted; a readable copy only to --print-dir (outside site/).
        job = self.job
        if job is None or job.pdf is None:
            return
        # In the order of the navigation (MkDocs builds pages in file order).
        nav_files = [src for entry in config.nav or [] for src in entry.values()]
        order = {posixpath.splitext(src)[0]: i for i, src in enumerate(nav_files)}
        plain = printing.print_document(
            sorted(job.printed, key=lambda p: order.get(p.name, len(order))),
            env=self.env,
            cover_template=job.pdf.cover,
            stylesheets=job.pdf.stylesheets,
            title=job.group.groep.groepsnaam,
            subtitle=job.pdf.subtitle,
            base_url=Path(config.site_dir),
        )
        if job.print_dir is not None:
            job.print_dir.mkdir(parents=True, exist_ok=True)
            (job.print_dir / f"{job.group.id}.pdf").write_bytes(plain)
        pdf = Path(config.site_dir) / PDF_NAME
        pdf.write_bytes(protect.encrypt_pdf(plain, job.password))

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for folder in (self.config.examples_dir, self.config.templates_dir):
            path = self.project_dir / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _headings(toc: Any) -> list[printing.Heading]:
    """The headings of a page's table of contents, in order (MkDocs' TOC is a tree)."""
    out: list[printing.Heading] = []
    for link in toc:
        out.append(printing.Heading(link.level, link.id, link.title))
        out.extend(_headings(link.children))
    return out


def _nav_rank(item: Any, order: dict[str, int]) -> int:
    """Home and section index pages first, then the named sections in order, then the rest."""
    if item.is_page and (getattr(item, "is_homepage", False) or item.file.name == "index"):
        return 0
    return order.get((item.title or "").lower(), len(order) + 1)
