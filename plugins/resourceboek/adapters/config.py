"""The `resourceboek` plugin's options as MkDocs knows them; `settings.Settings` checks them.

`HandbookPlugin.load_config` validates the options with the model first (Dutch messages with the
line in mkdocs.yml), then hands MkDocs the checked values; these declarations only tell MkDocs the
names and defaults (a test keeps them equal to the model's).
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from resourceboek.settings.model import DEFAULTS


class ResourceboekConfig(Config):
    """Options of the handbook plugin in mkdocs.yml; each documented in `settings.Settings`."""

    groups_dir = c.Type(str, default=DEFAULTS["groups_dir"])
    passwords_file = c.Type(str, default=DEFAULTS["passwords_file"])
    site_root = c.Type(str, default=DEFAULTS["site_root"])
    state_dir = c.Type(str, default=DEFAULTS["state_dir"])
    templates_dir = c.Type(str, default=DEFAULTS["templates_dir"])
    booklet_theme_dir = c.Type(str, default=DEFAULTS["booklet_theme_dir"])
    booklet_pdf_theme_dir = c.Type(str, default=DEFAULTS["booklet_pdf_theme_dir"])
    examples_dir = c.Type(str, default=DEFAULTS["examples_dir"])
    pdf = c.Type(bool, default=DEFAULTS["pdf"])
    werkmap = c.Type(str, default=DEFAULTS["werkmap"])
    base_url = c.Optional(c.Type(str))
