"""The seam with upstream internals: everything we rely on beyond MkDocs', Material's and
mkdocs-to-pdf's public API, in one place, with the versions it was checked against.

`tests/test_upstream.py` exercises each reliance on the installed versions and fails loudly when an
upgrade breaks one; after an upgrade, run it first. Checked against: mkdocs 1.6.1 (and ProperDocs
1.6.7, its continuation, in CI), mkdocs-material 9.7 and 9.8.2, mkdocs-to-pdf 0.12.1, Markdown 3.11.

| reliance | upstream internal | where |
| --- | --- | --- |
| Markdown extension objects shared per worker | MkDocs passes `config.markdown_extensions` to `markdown.Markdown` per page; an extension given as an object is only registered | `share_markdown_extensions`, `SHAREABLE_EXTENSIONS` |
| Dutch search | Material's hashed search worker `assets/javascripts/workers/search.<hash>.min.js` | `material_search_worker` |
| a tagged handbook PDF | mkdocs-to-pdf's private `_options` (set in its `on_config`, read in its `on_post_build`) and MkDocs' `PluginCollection.events` | `use_pdf_writer` |
| the private preview server | `LiveReloadServer.serve_request` and `_inject_js_into_html` | `adapters/preview_server.py` |
| a booklet publishes no sitemap or 404 page | MkDocs adds its own templates folder (with `sitemap.xml`, `404.html`) to every theme's folders | `adapters/booklet_plugin.py` `NOT_PUBLISHED` (tests/test_booklet.py) |

Nothing of Material is in the booklet path: the booklets have their own theme (`theme/`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

CHECKED_AGAINST = {"mkdocs": "1.6", "mkdocs-material": "9.8", "mkdocs-to-pdf": "0.12"}
"""The minor versions each reliance was last checked against (tests/test_upstream.py)."""

MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
"""Material's search engine; a small shim in front of it adds Dutch stemming."""


SHAREABLE_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "def_list", "fenced_code", "md_in_html", "tables", "toc",
        "pymdownx.details", "pymdownx.tabbed", "pymdownx.tasklist",
    }
)  # fmt: skip
"""Markdown extensions that keep nothing from one Markdown instance to the next, so one object can
serve every page (checked by tests/test_buildcost.py). Not pymdownx.superfences: it keeps a
reference to every Markdown instance it is registered with. Any other extension is made per page."""


def share_markdown_extensions(config: MkDocsConfig) -> None:
    """Give every page of every build with `config` one object of each shareable extension.

    MkDocs makes a Markdown instance per page from the extensions' names, which imports and sets
    up each extension again; given an object, Markdown only registers it. Each Markdown instance
    resets its extensions' state when it starts, so sharing them changes nothing in the output.
    """
    maker = markdown.Markdown()
    extensions: list[str | markdown.Extension] = []
    configs: dict[str, Any] = {}
    for ext in config.markdown_extensions:
        if (
            isinstance(ext, str)
            and ext.removeprefix("markdown.extensions.") in SHAREABLE_EXTENSIONS
        ):
            extensions.append(maker.build_extension(ext, config.mdx_configs.get(ext, {})))
        else:  # made per page, as MkDocs does
            extensions.append(ext)
            if isinstance(ext, str) and ext in config.mdx_configs:
                configs[ext] = config.mdx_configs[ext]
    config.markdown_extensions = extensions
    config.mdx_configs = configs


def material_search_worker(files: Files) -> File | None:
    """Material's hashed search worker among a build's files (None when the theme has none)."""
    return next((f for f in files if MATERIAL_WORKER.fullmatch(f.src_uri)), None)


def use_pdf_writer(
    config: MkDocsConfig, plugin_name: str, writer: Callable[[str | None], Any]
) -> None:
    """Let mkdocs-to-pdf write its PDF with `writer(cover_title)` (its renderer hook).

    mkdocs-to-pdf keeps its options in a private `_options`, made in its `on_config`; its
    `relaxed_js` renderer is the one way to write the PDF ourselves. Our hook runs first in
    `post_build`, before the plugin's own, which writes the PDF.
    """
    pdf_plugin = config.plugins.get(plugin_name)
    if pdf_plugin is None:
        return

    def install_writer(config: MkDocsConfig) -> None:
        options = getattr(pdf_plugin, "_options", None)
        if options is not None:
            options.relaxed_js = writer(pdf_plugin.config.get("cover_title"))

    config.plugins.events["post_build"].insert(0, install_writer)
