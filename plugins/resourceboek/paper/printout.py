"""Loose printed sheets (letters, 'Mijn rol' sheets): HTML to PDF, written only to a private folder.

These PDFs hold health data: they go into the print folder (0700) as files only the owner can read
(0600), written whole or not at all, and never under site/.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def html_pdf(html: str) -> bytes:
    """The PDF of one self-contained HTML document (its style inline)."""
    from weasyprint import HTML  # heavy: only when something is printed

    from resourceboek.paper.pdffetcher import LocalFetcher

    pdf = HTML(string=html, url_fetcher=LocalFetcher()).write_pdf()
    assert pdf is not None  # no target given: WeasyPrint returns the bytes
    return pdf


def private_folder(folder: Path) -> Path:
    """Create the print folder readable only by its owner (and tighten an existing one)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def write_private(folder: Path, name: str, data: bytes) -> Path:
    """Write `folder/name` as a 0600 file, atomically (a half-written PDF never lies there)."""
    target = private_folder(folder) / name
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")  # mkstemp: 0600, exclusive
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
