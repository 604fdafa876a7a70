"""The printed booklet's document: pages placed in one HTML document without clashing anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from resourceboek.paper.printing import (
    Heading,
    PrintPage,
    PrintStyleError,
    Stylesheets,
    place_pages,
)


def test_anchors_get_their_pages_prefix_and_links_between_pages_stay_inside() -> None:
    start = PrintPage(
        "index",
        '<h1 id="start">Start</h1><h2 id="volgende-bijeenkomst">Volgende</h2>'
        '<p><a href="signaleringsplan.html">plan</a> <a href="#volgende-bijeenkomst">hier</a>'
        ' <a href="bijeenkomsten.html#agenda">agenda</a></p>',
        (
            Heading(1, "start", "Start"),
            Heading(2, "volgende-bijeenkomst", "Volgende"),
            Heading(3, "diep", "Te diep"),
        ),
    )
    plan = PrintPage(
        "signaleringsplan",
        '<h1 id="signaleringsplan">Signaleringsplan</h1><h2 id="volgende-bijeenkomst">Ook</h2>',
        (Heading(1, "signaleringsplan", "Signaleringsplan"),),
    )
    first, second = place_pages([start, plan])

    assert 'id="index:volgende-bijeenkomst"' in first.html
    assert 'id="signaleringsplan:volgende-bijeenkomst"' in second.html  # same heading, no clash
    assert 'href="#signaleringsplan:"' in first.html
    assert 'href="#index:volgende-bijeenkomst"' in first.html
    # A page that is not part of the booklet keeps its link as it was.
    assert 'href="bijeenkomsten.html#agenda"' in first.html
    assert first.anchor == "index:"
    assert second.anchor == "signaleringsplan:"
    assert first.title == Heading(1, "index:start", "Start")
    assert first.sections == (Heading(2, "index:volgende-bijeenkomst", "Volgende"),)


def test_values_that_look_like_attributes_are_left_alone() -> None:
    """A value is escaped by the templates: `id="x"` typed by a user is text, not an anchor."""
    html = (
        '<p>id=&quot;x&quot; href=&quot;signaleringsplan.html&quot;</p><a href="tel:0612">Bel</a>'
    )
    placed = place_pages([PrintPage("contacten", html, ())])[0]
    assert placed.html == html
    assert placed.title is None


def test_a_typo_in_the_print_stylesheet_names_file_and_line(tmp_path: Path) -> None:
    scss = tmp_path / "styles.scss"
    scss.write_text("article {\n  color: red;\n  margin: 0 0\n}\n}\n", encoding="utf-8")
    with pytest.raises(PrintStyleError) as info:
        Stylesheets().load(scss)
    message = str(info.value)
    # libsass notices the stray brace at the end of line 4.
    assert message.startswith(f"{scss}:4: de PDF-opmaak (SCSS) klopt niet: Invalid CSS after")
    assert "\n" not in message


def test_a_missing_print_stylesheet_is_named(tmp_path: Path) -> None:
    with pytest.raises(PrintStyleError, match="weg.css: PDF-opmaak niet te lezen"):
        Stylesheets().load(tmp_path / "weg.css")
