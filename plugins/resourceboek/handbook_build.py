"""Build the methods handbook (MkDocs adapter)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .project import Project

PDF_SWITCH = "RESOURCEBOEK_PDF"
"""mkdocs.yml enables the PDF plugin only when this is "1", so `mkdocs serve` stays fast."""


def build_handbook(project: Project, dest: Path, *, pdf: bool, strict: bool = True) -> None:
    """Build the handbook from mkdocs.yml into `dest`."""
    os.environ[PDF_SWITCH] = "1" if pdf else "0"
    config = load_config(str(project.config_file), site_dir=str(dest), strict=strict)
    build(config)
