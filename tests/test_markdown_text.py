"""Settings people type reach Markdown pages (bijlage 1, the letters' folder) as literal text.

HTML-escaping leaves `[klik](javascript:alert(1))` alone, and Python-Markdown makes a live link of it.
"""

from __future__ import annotations

import markdown
import pytest

from pathkit import ROOT
from resourceboek.handbook.flyer import flyer_html
from resourceboek.handbook.handbook import Organisation, read_sources, render_handbook
from resourceboek.pages.render import make_environment
from resourceboek.text.markdown_text import markdown_literal

EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "admonition"]
HOSTILE = [
    "Team & Co [klik](javascript:alert(1))",
    "![x](https://example.org/x.png)",
    "<img src=x onerror=alert(1)>",
    "*vet* `code` # kop",
    "010-123 45.67",
    "a_b@c-d.nl",
]
ORG = Organisation(naam=HOSTILE[0], team=HOSTILE[1], email="a_b@c-d.nl", telefoon=HOSTILE[4])


@pytest.mark.parametrize("value", HOSTILE)
def test_a_typed_value_is_literal_text_in_markdown(value: str) -> None:
    html = markdown.markdown(markdown_literal(value), extensions=EXTENSIONS)
    assert html == f"<p>{markdown_literal(value).replace(chr(92), '')}</p>"
    for made in ("<a ", "<img", "<em>", "<code>", "<h1"):
        assert made not in html


def _no_link_and_literal(html: str) -> None:
    assert "javascript:" not in html.split("[klik](", 1)[0]  # only inside the literal text
    assert 'href="javascript' not in html
    assert "<img" not in html
    assert "Team &amp; Co [klik](javascript:alert(1))" in html
    assert "![x](https://example.org/x.png)" in html


def test_the_organisation_is_text_on_the_handbooks_folder() -> None:
    sources = [s for s in read_sources(ROOT / "content") if "informatiefolder" in s.path]
    pages = render_handbook(sources, ORG, make_environment(), {})
    folders = [text for path, text in pages.items() if path.endswith("informatiefolder.md")]
    assert len(folders) == 2  # one per variant
    for text in folders:
        _no_link_and_literal(markdown.markdown(text, extensions=EXTENSIONS))


def test_the_organisation_is_text_on_the_letters_folder() -> None:
    _no_link_and_literal(str(flyer_html(ROOT / "content", ORG, "volwassenen")))
