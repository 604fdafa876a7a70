"""Build the methods handbook (MkDocs adapter)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from resourceboek.adapters.mkdocs_config import validated_config
from resourceboek.adapters.upstream import use_pdf_writer
from resourceboek.paper import printing
from resourceboek.project.project import Project

PDF_PLUGIN = "to-pdf"


def build_handbook(project: Project, dest: Path, *, pdf: bool) -> None:
    """Build the handbook from mkdocs.yml into `dest` (strict, except for the PDF renderer's CSS notes)."""
    raw = {
        **project.raw,
        "site_dir": str(dest),
        "plugins": _plugins(project, pdf),
        # In strict mode the PDF plugin fails on every CSS rule WeasyPrint skips in Material's CSS.
        "strict": not pdf,
    }
    config = validated_config(project.config_file, raw)
    _tag_pdf(config)
    build(config)


def _plugins(project: Project, pdf: bool) -> list[Any]:
    """mkdocs.yml's plugins with the PDF plugin switched on or left out for this build.

    mkdocs.yml enables it only through an environment variable (so `mkdocs serve` stays fast);
    a build decides here instead of changing the environment.
    """
    plugins = []
    for entry in project.raw.get("plugins", []):
        if isinstance(entry, dict) and PDF_PLUGIN in entry:
            if not pdf:
                continue
            entry = {PDF_PLUGIN: _pdf_options(project, entry[PDF_PLUGIN] or {})}
        plugins.append(entry)
    return plugins


def _pdf_options(project: Project, options: dict[str, Any]) -> dict[str, Any]:
    """to-pdf always on; its `custom_template_path` relative to mkdocs.yml, not to the working
    directory, so that a build started elsewhere (`-f`) still gets the Dutch PDF theme."""
    options = {k: v for k, v in options.items() if k != "enabled_if_env"}
    if options.get("custom_template_path"):
        options["custom_template_path"] = str(project.root / options["custom_template_path"])
    return options


def _tag_pdf(config: MkDocsConfig) -> None:
    """mkdocs-to-pdf hands WeasyPrint no PDF options, but it lets another renderer write the PDF:
    that renderer makes it a tagged PDF (language, structure, title, bookmarks)."""

    def tagged_writer(title: str | None) -> printing.TaggedPdfWriter:
        language, site = str(config.theme["language"]), Path(config.site_dir)
        return printing.TaggedPdfWriter(language, title or config.site_name, site)

    use_pdf_writer(config, PDF_PLUGIN, tagged_writer)
