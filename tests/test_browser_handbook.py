"""The handbook in a real browser: Dutch search (stemming, plurals, hits that name their toolkit,
a named search dialog), printing a folder and a form, and links from a folder on disk (file://)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from browserkit import (
    DESKTOP,
    PHONE,
    Site,
    Web,
    assert_no_horizontal_scroll,
    heading,
    result_count,
    search,
    serve,
    shoot,
)
from pathkit import ROOT
from resourceboek.adapters.handbook_build import build_handbook
from resourceboek.project.project import load_project

pytestmark = pytest.mark.browser


def test_handbook_dutch_search(web: Web, site: Site, screenshots: Path) -> None:
    page = web.new_page(DESKTOP)
    page.goto(site.url("handboek/"))
    expect(page.locator("input.md-search__input")).to_be_attached()
    shoot(page, screenshots, "handboek-1280")

    page.keyboard.press("/")  # Material's shortcut for the search box
    results = search(page, "bijeenkomsten")
    assert results, "no result for 'bijeenkomsten'"
    assert all(r["href"].startswith(site.url("handboek/")) for r in results)
    assert any("bijeenkomst" in r["text"].lower() for r in results), results
    plural = result_count(page)
    search(page, "bijeenkomst")
    # Stemming: the plural finds every page the singular finds (without it: 12 of 26).
    assert plural >= result_count(page) > 0

    results = search(page, "signaleringsplan")
    bijlage3 = [r["href"] for r in results if "03-resourcegroepplan" in r["href"]]
    assert bijlage3, [r["href"] for r in results]
    shoot(page, screenshots, "handboek-zoeken-1280")

    link = page.locator('a.md-search-result__link[href*="03-resourcegroepplan"]').first
    link.click()
    page.wait_for_url(re.compile(r"/03-resourcegroepplan\.html"))
    title = heading(page)
    assert title.startswith("Bijlage 3"), title
    assert "Resourcegroepplan" in title
    assert page.locator("article mark").count() > 0  # search.highlight marks the search term
    shoot(page, screenshots, "handboek-bijlage3-1280")

    # Phone width: the search button in the header, the same search, nothing wider than 360 px.
    page.set_viewport_size(PHONE)
    page.goto(site.url("handboek/"))
    assert_no_horizontal_scroll(page)
    shoot(page, screenshots, "handboek-360")
    page.locator('label[for="__search"]:visible').first.click()
    results = search(page, "signaleringsplan")
    assert any("03-resourcegroepplan" in r["href"] for r in results)
    shoot(page, screenshots, "handboek-zoeken-360")
    page.locator('a.md-search-result__link[href*="03-resourcegroepplan"]').first.click()
    page.wait_for_url(re.compile(r"/03-resourcegroepplan\.html"))
    assert heading(page) == title
    assert_no_horizontal_scroll(page)
    shoot(page, screenshots, "handboek-bijlage3-360")

    loaded = " ".join(web.requests)
    assert "search_index.json" in loaded
    assert "lunr.nl.min.js" in loaded, "the Dutch language pack of the search was not loaded"
    web.assert_only_local()


# --------------------------------------------------------------------------- 6. printing


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_folder_prints_on_two_landscape_pages(
    web: Web, site: Site, variant: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    page = web.new_page(DESKTOP)
    page.goto(site.url(f"handboek/{variant}/bijlagen/01-informatiefolder.html"))
    page.emulate_media(media="print")
    pdf = tmp_path / "folder.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    pages = PdfReader(str(pdf)).pages
    assert len(pages) == 2  # an A5 folder: both sides of one A4 sheet, folded
    for sheet in pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert width > height  # landscape
        assert abs(width - 842) < 3
        assert abs(height - 595) < 3


def test_form_prints_without_navigation(web: Web, site: Site, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = web.new_page(DESKTOP)
    page.goto(site.url("handboek/volwassenen/bijlagen/03-resourcegroepplan.html"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".rb-invul").first.is_visible()
    pdf = tmp_path / "formulier.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    reader = PdfReader(str(pdf))
    sheet = reader.pages[0]
    assert abs(float(sheet.mediabox.width) - 595) < 3  # A4 portrait
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Signalen dat het niet goed met mij gaat" in text
    assert "Zoeken" not in text


# --------------------------------------------------------------------------- the handbook alone

# Plural and singular whose spelling differs (doubled consonant, f/v, s/z), and a regular pair.
PAIRS = [
    ("signaleringsplannen", "signaleringsplan"),
    ("brieven", "brief"),
    ("huizen", "huis"),
    ("doelen", "doel"),
]


@pytest.fixture(scope="module")
def handbook_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The handbook built alone and served on 127.0.0.1."""
    dest = tmp_path_factory.mktemp("handboek-web") / "handboek"
    build_handbook(load_project(ROOT / "mkdocs.yml"), dest, pdf=False)
    with serve(dest) as port:
        yield f"http://127.0.0.1:{port}/"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    try:
        yield context.new_page()
    finally:
        context.close()


def hits(page: Page, url: str, query: str) -> tuple[int, list[str]]:
    """The number of matching documents for `query` on a fresh page, and the result titles."""
    page.goto(url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query)
    page.wait_for_function(
        "() => /overeenkom/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    titles = page.eval_on_selector_all(
        "a.md-search-result__link > article h1",
        "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())",
    )
    return result_count(page), titles


@pytest.mark.parametrize(("plural", "singular"), PAIRS)
def test_plural_and_singular_find_each_other(
    page: Page, handbook_url: str, plural: str, singular: str
) -> None:
    plural_count, plural_titles = hits(page, handbook_url, plural)
    singular_count, singular_titles = hits(page, handbook_url, singular)
    assert singular_count > 0
    assert plural_count == singular_count, (plural_count, singular_count)
    assert plural_titles[0] in singular_titles


def test_search_hits_name_their_toolkit(page: Page, handbook_url: str, screenshots: Path) -> None:
    _, titles = hits(page, handbook_url, "bijlage 3")
    bijlage3 = [t for t in titles if t.startswith("Bijlage 3")]
    assert sorted(bijlage3) == [
        "Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan) · Jongeren",
        "Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan) · Volwassenen",
    ]
    shoot(page, screenshots, "handboek-zoeken-varianten-1280")
    page.locator('a.md-search-result__link[href*="jongeren/bijlagen/03"]').first.click()
    page.wait_for_url("**/jongeren/bijlagen/03-resourcegroepplan.html*")
    assert page.title().startswith(
        "Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan) · Jongeren"
    )
    assert heading(page).endswith("· Jongeren")
    shoot(page, screenshots, "handboek-bijlage3-jongeren-1280")
    page.set_viewport_size(PHONE)
    shoot(page, screenshots, "handboek-bijlage3-jongeren-360")


def test_search_dialog_has_a_name(page: Page, handbook_url: str) -> None:
    page.goto(handbook_url)
    page.keyboard.press("/")
    results = Axe().run(page, options={"runOnly": ["aria-dialog-name"]})
    assert results.response["violations"] == []
    assert page.get_attribute(".md-search", "aria-label") == "Zoeken"


def test_links_work_from_a_folder_on_disk(page: Page, tmp_path: Path) -> None:
    dest = tmp_path / "handboek"
    build_handbook(load_project(ROOT / "mkdocs.yml"), dest, pdf=False)
    page.goto((dest / "index.html").as_uri())
    page.locator(".rb-varianten a.md-button").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/volwassenen/index.html")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state()
    assert page.url.endswith(".html")
    assert heading(page)
    page.goto((dest / "jongeren" / "fasen" / "index.html").as_uri())
    page.locator("a.rb-fase--3").click()
    page.wait_for_load_state()
    assert page.url.endswith("/jongeren/fasen/fase-3.html")
    assert heading(page).startswith("Fase 3")


def test_a_plural_shows_no_struck_out_missing_word(page: Page, handbook_url: str) -> None:
    """Material lists the query's words a hit lacks as "Ontbreekt: ~~signaleringsplannen~~", which
    reads as a failure; the plural finds the singular's pages, so that line is left out."""
    count, _ = hits(page, handbook_url, "signaleringsplannen")
    assert count > 0
    lines = page.locator(".md-search-result__terms")
    assert lines.count() > 0  # Material still writes them ...
    assert [lines.nth(i).is_visible() for i in range(lines.count())] == [False] * lines.count()
    assert "Ontbreekt" not in page.locator(".md-search-result").inner_text()
