"""What WeasyPrint may load while it lays out a PDF: the package's own files and nothing else.

WeasyPrint's default fetcher opens any address a document names (`http:`, `ftp:`, any file on
the machine). Our PDFs hold health data and are made from our own templates, which need no file
from elsewhere: a link to a tracking image or to `/etc/...` must not be followed. Imported only
where a PDF is made (WeasyPrint is a heavy import).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher

PACKAGE = Path(str(resources.files("resourceboek"))).resolve()


class LocalFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's fetcher limited to `data:` and to files in the package (or in `roots`)."""

    def __init__(self, *roots: Path) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots = (PACKAGE, *(root.resolve() for root in roots))

    def fetch(self, url: str, headers: Any = None) -> Any:
        """Open `url` if it is allowed; refuse it (WeasyPrint then leaves it out) otherwise."""
        if url.lower().startswith("file:") and not self.allows(url):
            raise ValueError("alleen bestanden van resourceboek zelf")
        return super().fetch(url, headers)

    def allows(self, url: str) -> bool:
        """True for a file URL inside one of the roots (symbolic links followed first)."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)
