"""The handbook in a real browser: Dutch search, and printing a folder and a form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

import browserkit as kit
from browserkit import (
    DESKTOP,
    PHONE,
    Site,
    Web,
    assert_no_horizontal_scroll,
    heading,
    result_count,
    search,
    shoot,
)

# The fixtures of browserkit.py, bound by name (the site is built once for this module).
chromium = kit.chromium
built_site = kit.built_site
site = kit.site
browser = kit.browser
web = kit.web
screenshots = kit.screenshots

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
