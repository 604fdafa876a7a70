"""The plugin's options and their defaults: one definition for mkdocs.yml and the command line.

Plain Python (no MkDocs import), so the command line can read a project without loading MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Settings:
    """The `resourceboek` plugin's options in mkdocs.yml, with their defaults."""

    groups_dir: str = "groups"
    """Folder with the group files (keep real ones outside the repository)."""
    passwords_file: str = "wachtwoorden.yml"
    """YAML file `<group id>: <password>`; never commit a real one."""
    site_root: str = "site"
    """Where `resourceboek build` writes `handboek/` and `boekjes/<token>/`."""
    state_dir: str = ".resourceboek"
    """Tokens and the build cache (no plaintext of a group file or password)."""
    templates_dir: str = "themes/sjablonen"
    """An organisation's own versions of the booklet templates (found before the defaults)."""
    booklet_theme_dir: str = "themes/boekje"
    """Material overrides for booklet pages (custom_dir of a booklet build)."""
    booklet_pdf_theme_dir: str = "themes/pdf-boekje"
    """The booklet PDF's cover (`cover.html`) and print stylesheet (`styles.scss`)."""
    examples_dir: str = "voorbeelden"
    """The fictional example groups shown in bijlage 4 (one per variant), inside `docs_dir`."""
    pdf: bool = True
    """Make the PDFs (handbook and booklets)."""


DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Settings)}
"""The options' defaults by name."""
