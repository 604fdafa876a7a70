"""MkDocs adapter for the methods handbook (the `resourceboek` plugin users put in mkdocs.yml).

Each hook hands off to the core: `handbook.py` renders the toolkit once per variant and the forms
drawn from data; the booklets have their own plugin (`booklet_plugin.py`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from resourceboek import PACKAGE_DIR
from resourceboek.adapters.config import ResourceboekConfig
from resourceboek.adapters.upstream import material_search_worker
from resourceboek.groupfile.load import LoadedGroup, load_groups
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.handbook import handbook
from resourceboek.pages import render
from resourceboek.settings.model import OrganisationSettings, Settings
from resourceboek.settings.reading import SettingsError, check_extra, check_options

log = get_plugin_logger(__name__)

DUTCH_WORKER = "assets/javascripts/workers/zoeken-nl.js"
ASSETS = PACKAGE_DIR / "assets"
VARIANT_ORDER = {"volwassenen": 1, "jongeren": 2}
PART_ORDER = {"fasen": 1, "bijlagen": 2}


class HandbookPlugin(BasePlugin[ResourceboekConfig]):
    """The handbook: the toolkit rendered per variant, the forms, Dutch search."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project_dir = Path.cwd()
        self.material_worker: str | None = None
        self.settings = Settings()
        self.organisation = OrganisationSettings()

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        # Our model checks the options (Dutch, with their line); MkDocs gets the checked values.
        try:
            self.settings = check_options(_config_file(config_file_path), options)
        except SettingsError as exc:
            raise ConfigurationError(str(exc)) from None
        return super().load_config(self.settings.model_dump(), config_file_path)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = _config_file(config.config_file_path)
        self.project_dir = config_file.parent
        try:
            self.organisation = check_extra(config_file, config.extra)
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        self.env = render.make_environment(self.project_dir / self.settings.templates_dir)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        dropped = (f"{handbook.TOOLKIT}/", f"{self.settings.examples_dir.rstrip('/')}/")
        for file in [f for f in files if f.src_uri.startswith(dropped)]:
            files.remove(file)
        for src_uri, content in self._pages(config).items():
            files.append(File.generated(config, src_uri, content=content))
        self._add_dutch_search_worker(files, config)
        return files

    def _pages(self, config: MkDocsConfig) -> dict[str, str]:
        org = handbook.Organisation(**self.organisation.organisatie.model_dump(exclude_none=True))
        sources = handbook.read_sources(Path(config.docs_dir))
        examples = {e.groep.variant.value: e for e in self._examples(config)}
        return handbook.render_handbook(sources, org, self.env, examples)

    def _examples(self, config: MkDocsConfig) -> list[LoadedGroup]:
        folder = Path(config.docs_dir) / self.settings.examples_dir
        if not folder.is_dir():
            return []
        try:
            # The toolkit's own example keeps its three long-term goals; no guideline warnings.
            return load_groups([folder], guidelines=False)
        except GroupFileError as exc:
            raise PluginError(
                f"Voorbeeldgroep klopt niet:\n{format_problems(exc.problems)}"
            ) from None

    def _add_dutch_search_worker(self, files: Files, config: MkDocsConfig) -> None:
        worker = material_search_worker(files)
        if worker is None:
            return
        self.material_worker = worker.src_uri
        shim = (ASSETS / "handboek" / "zoeken-nl.js").read_text(encoding="utf-8")
        shim = shim.replace("__MATERIAL_WORKER__", posixpath.basename(worker.src_uri))
        files.append(File.generated(config, DUTCH_WORKER, content=shim))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        # Automatic navigation sorts alphabetically; the handbook reads adults first, then youth.
        nav.items.sort(key=lambda item: _nav_rank(item, VARIANT_ORDER))
        for section in nav.items:
            if getattr(section, "children", None):
                section.children.sort(key=lambda item: _nav_rank(item, PART_ORDER))
        # Previous/next links were set before this hook: set them again in the new order.
        nav.pages = _pages_in_order(nav.items)
        if nav.pages:
            nav.pages[0].previous_page, nav.pages[-1].next_page = None, None
        for before, after in zip(nav.pages, nav.pages[1:], strict=False):
            before.next_page, after.previous_page = after, before
        return nav

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        worker = self.material_worker
        return output.replace(worker, DUTCH_WORKER) if worker else output

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        folders = (Path(config.docs_dir) / self.settings.examples_dir, self.settings.templates_dir)
        for folder in folders:
            path = self.project_dir / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _config_file(path: str | None) -> Path:
    """mkdocs.yml as an absolute path (MkDocs' default name when it was given as a stream)."""
    return Path(path or "mkdocs.yml").resolve()


def _pages_in_order(items: list[Any]) -> list[Page]:
    """The pages of a navigation tree, depth first (MkDocs' own helper for this is private)."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        pages += _pages_in_order(getattr(item, "children", None) or [])
    return pages


def _nav_rank(item: Any, order: dict[str, int]) -> int:
    """Home and section index pages first, then the named sections in order, then the rest."""
    if item.is_page and (getattr(item, "is_homepage", False) or item.file.name == "index"):
        return 0
    return order.get((item.title or "").lower(), len(order) + 1)
