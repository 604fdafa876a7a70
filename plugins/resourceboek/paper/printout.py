"""Loose printed sheets (letters, role cards): HTML to PDF, written only to a private folder.

These PDFs hold health data: they go into the print folder (0700) as files only the owner can read
(0600), written whole or not at all, and never under site/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from resourceboek.files.private_io import private_dir, write_private


def html_pdf(html: str) -> bytes:
    """The PDF of one self-contained HTML document (its style inline)."""
    from weasyprint import HTML  # heavy: only when something is printed

    from resourceboek.paper.pdffetcher import LocalFetcher

    pdf = HTML(string=html, url_fetcher=LocalFetcher()).write_pdf()
    assert pdf is not None  # no target given: WeasyPrint returns the bytes
    return pdf


def write_each(
    folder: Path, keys: list[str], html_of: Callable[[str], str], file_of: Callable[[str], str]
) -> list[Path]:
    """One PDF per person key into the private print folder (0700): each file 0600, written
    whole or not at all (files/private_io.py), named by `file_of(key)`, never by a name."""
    private_dir(folder)
    written = []
    for key in keys:
        target = folder / file_of(key)
        write_private(target, html_pdf(html_of(key)))
        written.append(target)
    return written
