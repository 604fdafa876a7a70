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
from mkdocs.structure.files import Files
from mkdocs.theme import Theme
from mkdocs_to_pdf import options as pdf_options
from mkdocs_to_pdf.plugin import WithPdfPlugin

from resourceboek.adapters import upstream
from resourceboek.adapters.booklet_plugin import BOOKLET_DROP
from resourceboek.adapters.preview_server import PrivatePreviewServer
from resourceboek.protection.lockpage import THEME_SCRIPTS

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


def test_one_theme_environment_serves_every_build() -> None:
    theme = _material()
    upstream.share_theme_environment(theme, lambda name: name.endswith(".map"))
    env = theme.get_env()
    assert theme.get_env() is env
    assert isinstance(env.loader, upstream.ThemeListingLoader)
    listing = env.loader.list_templates()
    assert "main.html" in listing
    assert not [name for name in listing if name.startswith(".") or "/." in name]
    assert not [name for name in listing if name.endswith(".map")]


def test_mkdocs_lists_a_themes_static_files_through_its_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = _material()
    upstream.share_theme_environment(theme, lambda name: False)
    calls: list[str] = []
    loader = theme.get_env().loader
    assert isinstance(loader, upstream.ThemeListingLoader)
    original = loader.list_templates

    def listing() -> list[str]:
        calls.append("list_templates")
        return original()

    monkeypatch.setattr(loader, "list_templates", listing)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    (tmp_path / "docs").mkdir()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert config.validate() == ([], [])
    files = Files([])
    files.add_files_from_theme(theme.get_env(), config)
    assert calls, "MkDocs no longer asks the theme's loader for its files"
    assert any(f.src_uri.startswith("assets/stylesheets/") for f in files)


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


def test_the_booklets_dropped_paths_exist_in_material() -> None:
    folder = Path(_material().dirs[0])
    for prefix in BOOKLET_DROP:
        if prefix.endswith("/"):
            assert (folder / prefix).is_dir(), f"Material no longer has {prefix}"


def test_materials_inline_script_partials_exist() -> None:
    env = _material().get_env()
    names = set(env.loader.list_templates())  # type: ignore[union-attr]
    assert "partials/javascripts/base.html" in names
    assert set(THEME_SCRIPTS) & names, "none of the theme's inline-script partials is left"


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
