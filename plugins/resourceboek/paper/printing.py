"""The printable booklet: a group's pages as one PDF, with cover and contents (WeasyPrint).

Free of MkDocs: the adapter hands over each page's HTML and headings. A worker process prints many
booklets, so it keeps one `Stylesheets` (parsed once, reused: parsing them took longer than laying
out a booklet) and passes it in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from resourceboek.groupfile.load import display_path

if TYPE_CHECKING:
    from weasyprint import CSS

# WeasyPrint and libsass are imported where a PDF is made: a build without PDFs never loads them.

TEMPLATE = "afdruk.html.j2"
PDF_VARIANT = "pdf/ua-1"
"""Tagged, accessible PDFs: a structure tree, the document language (`lang` of the page), its
title shown by the reader, and bookmarks from the headings."""

# Attribute values in the pages are HTML-escaped (a quote in a value is &quot;), so `id="` and
# `href="` only ever start a real attribute.
_ANCHOR_ATTR = re.compile(r'(\s)(id|href)="([^"]*)"')


@dataclass(frozen=True)
class Heading:
    """A heading of a page as listed in the contents (level 1: the page's title)."""

    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class PrintPage:
    """One page of the booklet: its output name ("signaleringsplan"), content HTML and headings."""

    name: str
    html: str
    headings: tuple[Heading, ...]


@dataclass(frozen=True)
class PrintedPage:
    """A page as placed in the one PDF document: anchors prefixed so pages cannot clash."""

    anchor: str
    html: str
    title: Heading | None
    sections: tuple[Heading, ...]


class PrintStyleError(Exception):
    """A print stylesheet that cannot be read (a typo in an organisation's SCSS)."""


class Stylesheets:
    """Parsed stylesheets kept for the life of a worker, keyed by their text."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        self._parsed: dict[str, CSS] = {}

    def load(self, path: Path) -> CSS:
        import sass
        from weasyprint import CSS

        from resourceboek.paper.pdffetcher import LocalFetcher

        try:
            text = (
                sass.compile(filename=str(path), output_style="compressed")
                if path.suffix == ".scss"
                else path.read_text(encoding="utf-8")
            )
        except OSError as exc:
            raise PrintStyleError(
                f"{display_path(path)}: PDF-opmaak niet te lezen ({exc.strerror})"
            ) from None
        except sass.CompileError as exc:
            raise PrintStyleError(_scss_problem(path, str(exc))) from None
        key = hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()
        if key not in self._parsed:
            self._parsed[key] = CSS(
                string=text, base_url=str(path), font_config=self.fonts, url_fetcher=LocalFetcher()
            )
        return self._parsed[key]


def _scss_problem(path: Path, message: str) -> str:
    """libsass's message ("Error: ... on line 3:7 of file") as `file:line: ...` in Dutch."""
    where = re.search(r"on line (\d+):\d+ of (.+)", message)
    what = message.splitlines()[0].removeprefix("Error: ").strip() if message else ""
    if where is None:
        return f"{display_path(path)}: de PDF-opmaak (SCSS) klopt niet: {what}"
    file = display_path(Path(where.group(2).strip()).resolve())  # the file or one it imports
    return f"{file}:{where.group(1)}: de PDF-opmaak (SCSS) klopt niet: {what}"


def place_pages(pages: Sequence[PrintPage], contents_level: int = 2) -> list[PrintedPage]:
    """Prefix every anchor with its page; links between pages become links inside the PDF."""
    names = {p.name for p in pages}

    def rewrite(page: str, html: str) -> str:
        def attr(match: re.Match[str]) -> str:
            space, name, value = match.groups()
            if name == "id":
                return f'{space}id="{page}:{value}"'
            target, _, fragment = value.partition("#")
            if target == "":
                return f'{space}href="#{page}:{fragment}"'
            stem = target.removesuffix(".html")
            if stem in names and "/" not in target and target.endswith(".html"):
                return f'{space}href="#{stem}:{fragment}"'
            return match.group(0)

        return _ANCHOR_ATTR.sub(attr, html)

    placed = []
    for page in pages:
        headings = [
            Heading(h.level, f"{page.name}:{h.anchor}", h.title)
            for h in page.headings
            if h.level <= contents_level
        ]
        title = next((h for h in headings if h.level == 1), None)
        # The page's HTML was escaped by the booklet templates; it goes into the document as is.
        placed.append(
            PrintedPage(
                anchor=f"{page.name}:",
                html=Markup(rewrite(page.name, page.html)),  # noqa: S704
                title=title,
                sections=tuple(h for h in headings if h.level > 1),
            )
        )
    return placed


def print_document(
    pages: Sequence[PrintPage],
    *,
    env: jinja2.Environment,
    cover_template: Path,
    stylesheets: Sequence[Path],
    styles: Stylesheets | None = None,
    title: str,
    subtitle: str,
    toc_title: str = "Inhoud",
    base_url: Path | None = None,
) -> bytes:
    """The PDF of `pages`: a cover, contents with page numbers, then each page on a new sheet."""
    cover = Markup(  # noqa: S704 - the cover template is autoescaped like every template here
        env.from_string(cover_template.read_text(encoding="utf-8")).render(
            cover_title=title, cover_subtitle=subtitle
        )
    )
    html = env.get_template(TEMPLATE).render(
        title=title,
        cover=cover,
        toc_title=toc_title,
        pages=place_pages(pages),
    )
    from weasyprint import HTML

    from resourceboek.paper.pdffetcher import LocalFetcher

    styles = styles or Stylesheets()  # a worker passes its own, parsed once for all booklets
    css = [styles.load(path) for path in stylesheets]
    document = HTML(
        string=html, base_url=str(base_url) if base_url else None, url_fetcher=LocalFetcher()
    ).render(stylesheets=css, font_config=styles.fonts)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None  # no target given: WeasyPrint returns the bytes
    return pdf


@dataclass(frozen=True)
class TaggedPdfWriter:
    """Writes a finished HTML document as a tagged PDF in `lang` titled `title` (the handbook's)."""

    lang: str
    title: str
    site_dir: Path | None = None
    """The handbook being built: its stylesheets and images are the only other files it loads."""

    def write_pdf(self, html: str, output: str) -> None:
        """Lay out `html` and write it to `output` as PDF/UA."""
        from weasyprint import HTML

        from resourceboek.paper.pdffetcher import LocalFetcher

        roots = [self.site_dir] if self.site_dir else []
        page = HTML(string=self.prepare(html), url_fetcher=LocalFetcher(*roots))
        page.render().write_pdf(output, pdf_variant=PDF_VARIANT)

    def prepare(self, html: str) -> str:
        """The document with its language and title (the PDF plugin's page has neither)."""
        html = re.sub(r"<html(?![^>]*\blang=)", f'<html lang="{escape(self.lang)}"', html, count=1)
        html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
        return html.replace("<head>", f"<head><title>{escape(self.title)}</title>", 1)
