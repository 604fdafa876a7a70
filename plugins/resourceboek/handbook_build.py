"""Build the methods handbook (MkDocs adapter)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from . import printing
from .project import Project

PDF_SWITCH = "RESOURCEBOEK_PDF"
"""mkdocs.yml enables the PDF plugin only when this is "1", so `mkdocs serve` stays fast."""


def build_handbook(project: Project, dest: Path, *, pdf: bool) -> None:
    """Build the handbook from mkdocs.yml into `dest` (strict, except for the PDF renderer's CSS notes)."""
    os.environ[PDF_SWITCH] = "1" if pdf else "0"
    # In strict mode the PDF plugin fails on every CSS rule WeasyPrint skips in Material's stylesheet.
    config = load_config(str(project.config_file), site_dir=str(dest), strict=not pdf)
    _anchor_pdf_theme(project, config)
    _tag_pdf(config)
    build(config)


def _anchor_pdf_theme(project: Project, config: MkDocsConfig) -> None:
    """to-pdf looks for `custom_template_path` relative to the working directory; make it relative
    to mkdocs.yml, so that a build started elsewhere (`-f`) still gets the Dutch PDF theme."""
    pdf_plugin = config.plugins.get("to-pdf")
    if pdf_plugin is None:
        return
    folder = Path(pdf_plugin.config.get("custom_template_path") or "")
    if not folder.is_absolute():
        pdf_plugin.config["custom_template_path"] = str(project.root / folder)


def _tag_pdf(config: MkDocsConfig) -> None:
    """mkdocs-to-pdf hands WeasyPrint no PDF options, but it lets another renderer write the PDF:
    that renderer makes it a tagged PDF (language, structure, title, bookmarks)."""
    pdf_plugin = config.plugins.get("to-pdf")
    if pdf_plugin is None:
        return

    def use_tagged_writer(config: MkDocsConfig) -> None:
        options = getattr(pdf_plugin, "_options", None)  # set by its on_config
        if options is not None:
            title = pdf_plugin.config.get("cover_title") or config.site_name
            options.relaxed_js = printing.TaggedPdfWriter(str(config.theme["language"]), title)

    # Before the plugin's own post_build, which writes the PDF.
    config.plugins.events["post_build"].insert(0, use_tagged_writer)
