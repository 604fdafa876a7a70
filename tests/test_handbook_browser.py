"""The handbook alone in Chromium: Dutch plurals and singulars find each other, search hits name
their toolkit, the search dialog has a name (axe), and links work from a folder on disk (file://)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from browserkit import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    _LocalServer,
    _QuietHandler,
    chromium,  # noqa: F401 (fixture)
    heading,
    result_count,
    screenshots,  # noqa: F401 (fixture)
    shoot,
)
from resourceboek.adapters.handbook_build import build_handbook
from resourceboek.project.project import load_project

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
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
    handler = functools.partial(_QuietHandler, directory=str(dest))
    server = _LocalServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:  # noqa: F811 (the imported fixture)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


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


def test_search_hits_name_their_toolkit(page: Page, handbook_url: str, screenshots: Path) -> None:  # noqa: F811
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
