"""Where the tests find things: the repository's own files, and the outside programs they need."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "groups"
"""The example groups (teun, sam) and the demo passwords file."""
CONFIG = str(ROOT / "mkdocs.yml")
"""The repository's project, as the command line takes it (`-f CONFIG`)."""


def require(program: Path | str | None, what: str) -> str:
    """The path of an outside program; missing is a skip on a developer's machine and a failure
    under CI, where no test may be skipped."""
    if program is None or not Path(program).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI: {what} ontbreekt; deze test mag in CI niet overgeslagen worden.")
        pytest.skip(f"{what} ontbreekt")
    return str(program)


def poppler(name: str) -> str:
    """A poppler tool (`pdftotext`, `pdftoppm`), found on PATH."""
    return require(shutil.which(name), f"{name} (Debian: apt-get install poppler-utils)")


def pdf_text(path: Path) -> str:
    """The text of a PDF (pdftotext) with white space folded."""
    out = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return " ".join(out.stdout.split())
