"""Every reliance on MkDocs', Material's and mkdocs-to-pdf's internals, tested on what is installed.

One file, so an upgrade that breaks one fails here, loudly, before any booklet is built with it.
The list of reliances and the versions they were checked against: `adapters/upstream.py`.
"""

from __future__ import annotations

import importlib.metadata
import inspect
from pathlib import Path

import markdown
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import PluginCollection
from mkdocs.theme import Theme
from mkdocs_to_pdf import options as pdf_options
from mkdocs_to_pdf.plugin import WithPdfPlugin

from resourceboek.adapters import upstream
from resourceboek.adapters.preview_server import PrivatePreviewServer

SAMPLE = """# Titel {#eigen}

*[GGZ]: geestelijke gezondheidszorg

GGZ in een zin.

Term
:   Uitleg

!!! note "Let op"
    Tekst.

| a | b |
| - | - |
| 1 | 2 |
"""


def _material() -> Theme:
    return Theme(name="material", language="nl")


@pytest.mark.parametrize("package", sorted(upstream.CHECKED_AGAINST))
def test_the_installed_version_is_the_one_checked(package: str) -> None:
    checked = upstream.CHECKED_AGAINST[package]
    installed = importlib.metadata.version(package)
    assert installed == checked or installed.startswith(f"{checked}."), (
        f"{package} {installed} is installed, the seam was checked against {checked}: run this file,"
        " check each reliance in adapters/upstream.py, then update CHECKED_AGAINST"
    )


@pytest.mark.parametrize("name", sorted(upstream.SHAREABLE_EXTENSIONS))
def test_a_shared_extension_object_renders_as_a_fresh_one(name: str) -> None:
    names = sorted(upstream.SHAREABLE_EXTENSIONS)
    shared = [markdown.Markdown().build_extension(ext, {}) for ext in names]
    pages = [SAMPLE, SAMPLE.replace("Titel", "Andere titel"), SAMPLE]
    with_shared = [markdown.Markdown(extensions=shared).convert(page) for page in pages]
    fresh = [markdown.Markdown(extensions=names).convert(page) for page in pages]
    assert with_shared == fresh, f"{name}: a shared object keeps state between pages"


def test_material_has_the_search_worker_our_dutch_shim_wraps() -> None:
    found = [
        path
        for folder in _material().dirs
        for path in Path(folder).rglob("search.*.min.js")
        if upstream.MATERIAL_WORKER.fullmatch(path.relative_to(folder).as_posix())
    ]
    assert found, "Material's hashed search worker moved: update MATERIAL_WORKER"


def test_mkdocs_to_pdf_keeps_its_options_and_a_renderer_hook() -> None:
    assert "_options" in inspect.getsource(WithPdfPlugin.on_config)
    assert "_options" in inspect.getsource(WithPdfPlugin)
    assert "relaxed_js" in inspect.getsource(pdf_options.Options)
    assert isinstance(PluginCollection().events["post_build"], list)


def test_use_pdf_writer_runs_before_the_plugins_own_post_build() -> None:
    class FakeOptions:
        relaxed_js: object = None

    class FakePdfPlugin:
        config = {"cover_title": "Titel"}
        _options = FakeOptions()

        def on_post_build(self, config: MkDocsConfig) -> None:
            """Stand-in for mkdocs-to-pdf's own hook, which reads `_options`."""

    plugin = FakePdfPlugin()
    config = MkDocsConfig()
    config["plugins"] = PluginCollection()
    config.plugins["to-pdf"] = plugin  # type: ignore[assignment]
    upstream.use_pdf_writer(config, "to-pdf", lambda title: f"schrijver voor {title}")
    config.plugins.run_event("post_build", config=config)
    assert plugin._options.relaxed_js == "schrijver voor Titel"


def test_the_preview_server_overrides_methods_that_exist() -> None:
    for name in ("serve_request", "_inject_js_into_html", "server_activate"):
        assert callable(getattr(LiveReloadServer, name, None)), f"LiveReloadServer.{name} is gone"
        assert name in PrivatePreviewServer.__dict__
