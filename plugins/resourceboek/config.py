"""The `resourceboek` plugin's options as MkDocs validates them (defaults from `settings.py`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .settings import Settings


class ResourceboekConfig(Config):
    """Options of the handbook plugin in mkdocs.yml; each documented in `Settings`."""

    groups_dir = c.Type(str, default=Settings.groups_dir)
    passwords_file = c.Type(str, default=Settings.passwords_file)
    site_root = c.Type(str, default=Settings.site_root)
    state_dir = c.Type(str, default=Settings.state_dir)
    templates_dir = c.Type(str, default=Settings.templates_dir)
    booklet_theme_dir = c.Type(str, default=Settings.booklet_theme_dir)
    booklet_pdf_theme_dir = c.Type(str, default=Settings.booklet_pdf_theme_dir)
    examples_dir = c.Type(str, default=Settings.examples_dir)
    pdf = c.Type(bool, default=Settings.pdf)
