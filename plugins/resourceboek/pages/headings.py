"""The headings of a booklet page that its template writes as HTML, as Python-Markdown would.

A booklet page template writes HTML (`templates/*.html.j2`); it makes each heading with `kop`,
which gives it the id and the permalink that Python-Markdown's `toc` extension gives a Markdown
heading (the same slug, `_1` for a repeated one), and keeps the page's table of contents (the
booklet PDF's contents and bookmarks). No Markdown runs over such a page: that was half the cost
of rendering a booklet (benchmarks/README.md). An organisation's own Markdown template
(`*.md.j2`) still goes through Markdown (adapters/booklet_plugin.py).
"""

from __future__ import annotations

import html
from typing import NamedTuple

from markupsafe import Markup, escape

PERMALINK_TITLE = "Link naar dit kopje"
"""The title of a heading's permalink (the `toc` extension's `permalink_title`)."""


class Heading(NamedTuple):
    """One heading of a page: its level (1-6), its id and its text as HTML."""

    level: int
    id: str
    title: str


class PageHeadings:
    """The headings one page's template wrote so far (a fresh one for every page)."""

    def __init__(self) -> None:
        # Python-Markdown's own slug rules; imported here, as a build that renders nothing
        # (nothing changed) loads no rendering library.
        from markdown.extensions.toc import slugify, unique

        self._slugify, self._unique = slugify, unique
        self.found: list[Heading] = []
        self._ids: set[str] = set()

    def __call__(self, level: int, text: object, cls: str = "") -> Markup:
        """`<h2 id="je-doelen">Je doelen<a class="headerlink" ...>¶</a></h2>`; `text` escaped."""
        title = str(escape(text))
        anchor = self._unique(self._slugify(html.unescape(title), "-"), self._ids)
        self.found.append(Heading(level, anchor, title))
        # Built as plain strings (a page has dozens of headings): `anchor` is a slug, made of
        # letters, digits, "-" and "_" only; `cls` is the template's own word.
        attributes = f' class="{escape(cls)}" id="{anchor}"' if cls else f' id="{anchor}"'
        link = f'<a class="headerlink" href="#{anchor}" title="{PERMALINK_TITLE}">&para;</a>'
        return Markup(f"<h{level}{attributes}>{title}{link}</h{level}>")

    def nested(self) -> list[dict[str, object]]:
        """The headings as the `toc` extension's tree of tokens (level, id, name, children), which
        MkDocs reads for a page's table of contents."""
        from markdown.extensions.toc import nest_toc_tokens

        tokens = [{"level": h.level, "id": h.id, "name": h.title} for h in self.found]
        return nest_toc_tokens(tokens)  # type: ignore[no-any-return]
