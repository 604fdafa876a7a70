"""The information folder (bijlage 1) filled in with the organisation, as HTML for a printed sheet.

The toolkit's letter (bijlage 5) speaks of "de bijgevoegde flyer": `resourceboek brieven` prints
this as each letter's second page. The same source page as the handbook's bijlage 1, without what
the handbook says to the coordinator about it (its title, its printing hint, its own notes).
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from markupsafe import Markup

from resourceboek.handbook.handbook import TOOLKIT, Organisation, split_front_matter
from resourceboek.pages import render

FLYER_SOURCE = "bijlagen/01-informatiefolder.md"
"""Bijlage 1 below the toolkit's content folder."""
MARKDOWN_EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "admonition"]
HANDBOOK_NOTE = re.compile(r"^\*\(?Toelichting van dit handboek.*?\*$", re.M | re.S)
"""A note of this handbook to the coordinator (in italics): not for the reader of a letter."""
BLANK = Markup('<span class="rb-invulveld" aria-hidden="true"></span>')


def flyer_markdown(content_dir: Path, org: Organisation, variant: str) -> str:
    """Bijlage 1's text for `variant`, filled in with `org`, from its first section on."""
    _, body = split_front_matter((content_dir / TOOLKIT / FLYER_SOURCE).read_text("utf-8"))
    # The organisation's details are settings people type: literal, the method's text is trusted.
    text = str(render.VariantTexts().render(body, variant, org=org.in_markdown(), invulveld=BLANK))
    text = text[text.index("\n## ") + 1 :]  # the reader's folder starts at its first section
    return HANDBOOK_NOTE.sub("", text)


def flyer_html(content_dir: Path, org: Organisation, variant: str) -> Markup:
    """The folder as HTML for a printed sheet (trusted text; the organisation's public details)."""
    html = markdown.markdown(
        flyer_markdown(content_dir, org, variant), extensions=MARKDOWN_EXTENSIONS
    )
    return Markup(html)
