"""The lock page and the browser side of the encryption, in Chromium (Playwright).

Uses the built site and the HTTP server of browserkit.py. Covered: help lines on the lock page,
a forgiving password field, "Onthoud op dit apparaat" and the back-forward cache after
"Vergrendelen".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ViewportSize, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import browserkit
import unlockkit
from browserkit import (
    DESKTOP,
    PASSWORD,
    SHELL_TITLE,
    UNLOCK_TIMEOUT,
    Site,
    Web,
    headings,
    shoot,
    unlock,
)
from unlockkit import GID, PHONE, copy_booklets, name_of, stays_locked, wait_open

# The fixtures of browserkit.py and unlockkit.py, bound by name (the site is built once for
# this module).
chromium = browserkit.chromium
built_site = browserkit.built_site
site = browserkit.site
screenshots = browserkit.screenshots
playwright = unlockkit.playwright
browser = unlockkit.browser
bfcache_browser = unlockkit.bfcache_browser
web = unlockkit.web

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- the lock page


def test_lock_page_shows_help_before_any_password(web: Web, site: Site, screenshots: Path) -> None:
    page = web.new_page(PHONE)
    page.goto(site.booklet_url(GID))
    help_box = page.locator(".rb-hulp")
    expect(help_box.get_by_role("link", name="112")).to_be_in_viewport()
    expect(help_box.get_by_role("link", name="0800-0113")).to_be_in_viewport()
    assert help_box.get_by_role("link", name="112").get_attribute("href") == "tel:112"
    assert "113 Zelfmoordpreventie" in help_box.inner_text()
    shoot(page, screenshots, "slot-360")

    page.get_by_text("Wachtwoord kwijt?").click()
    lost = page.locator(".rb-kwijt").inner_text()
    # mkdocs.yml leaves extra.organisatie empty (test_protect.py covers a filled one).
    assert "Vraag je regieondersteuner om een nieuw wachtwoord" in lost
    assert page.locator("#rb-onthoud").is_checked() is False  # opt-in
    shoot(page, screenshots, "slot-kwijt-360", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    shoot(page, screenshots, "slot-1280")
    assert name_of() not in page.content()


SMALL_PHONE: ViewportSize = {"width": 320, "height": 568}


def test_crisis_help_is_above_the_password_on_a_small_phone(
    web: Web, site: Site, screenshots: Path
) -> None:
    """At 320×568 the help box is on the first screen, above the field (a keyboard covers below)."""
    page = web.new_page(SMALL_PHONE)
    page.goto(site.booklet_url(GID))
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.scrollY") == 0
    help_box = page.locator(".rb-hulp").bounding_box()
    call = page.locator(".rb-hulp").get_by_role("link", name="112").bounding_box()
    field = page.locator("#rb-wachtwoord").bounding_box()
    assert help_box
    assert call
    assert field
    assert help_box["y"] >= 0
    assert help_box["y"] + help_box["height"] <= SMALL_PHONE["height"], help_box
    assert call["y"] + call["height"] <= SMALL_PHONE["height"]
    assert help_box["y"] + help_box["height"] <= field["y"], (help_box, field)
    shoot(page, screenshots, "slot-320", full_page=True)


def test_wrong_password_keeps_what_was_typed(web: Web, site: Site, screenshots: Path) -> None:
    page = web.new_page(PHONE)
    page.goto(site.booklet_url(GID))
    typed = PASSWORD[:-1]  # one letter short
    page.fill("#rb-wachtwoord", typed)
    page.click("#rb-toon")
    assert page.get_attribute("#rb-wachtwoord", "type") == "text"
    page.click("#rb-openen", no_wait_after=True)
    expect(page.locator("#rb-melding")).to_contain_text("klopt niet", timeout=UNLOCK_TIMEOUT)
    assert page.input_value("#rb-wachtwoord") == typed
    selected = page.evaluate(
        "() => { const f = document.activeElement;"
        " return [f.id, f.selectionStart, f.selectionEnd]; }"
    )
    assert selected == ["rb-wachtwoord", 0, len(typed)]
    shoot(page, screenshots, "slot-fout-360")
    page.click("#rb-toon")
    assert page.get_attribute("#rb-wachtwoord", "type") == "password"

    # Spaces at the ends and doubled spaces are forgiven.
    spaced = "  " + PASSWORD + " \u00a0"
    page.fill("#rb-wachtwoord", spaced)
    page.click("#rb-openen", no_wait_after=True)
    wait_open(page)
    assert headings(page) == ["Start"]


def test_forgiving_spaces_between_words(web: Web, site: Site) -> None:
    """The page cleans a password exactly like protect.clean_password (so the key is the same)."""
    from resourceboek.protection.protect import clean_password

    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(GID))
    typed = ["  paars  huis\u00a0 fiets \t", "x\ty\r\nz", "e\u0301", " een twee "]
    cleaned = page.evaluate("typed => typed.map(p => window.rbSleutels.clean(p))", typed)
    assert cleaned == [clean_password(p) for p in typed]
    assert cleaned[0] == "paars huis fiets"


def test_doubled_spaces_open_the_page(web: Web, site: Site, tmp_path: Path) -> None:
    """A page encrypted under "paars huis fiets" opens with spaces added at the ends and between."""
    from resourceboek.pages.render import make_environment
    from resourceboek.protection import lockpage, protect

    folder = copy_booklets(site, tmp_path)[GID]
    key = protect.derive_key("paars huis fiets", token=folder.name)
    html = (
        "<!doctype html><html><body><h1>Proef</h1><button id=rb-vergrendel>x</button></body></html>"
    )
    shell = lockpage.render_shell(
        protect.encrypt_page(html, key, "index.html"), make_environment(), ""
    )
    (folder / "index.html").write_text(shell, encoding="utf-8")
    page = web.new_page(PHONE)
    page.goto((folder / "index.html").as_uri())
    page.fill("#rb-wachtwoord", "  paars   huis \u00a0fiets  ")
    page.click("#rb-openen", no_wait_after=True)
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    assert headings(page) == ["Proef"]


# --------------------------------------------------------------------------- remember on device


def test_remember_on_device_and_forget(browser: Browser, site: Site, screenshots: Path) -> None:
    web = Web(browser, site)
    try:
        first = web.new_page(PHONE)
        context = first.context
        first.goto(site.booklet_url(GID))
        unlock(first)
        # Not asked for: another tab of the same browser asks again.
        other = context.new_page()
        other.goto(site.booklet_url(GID, "contacten.html"))
        stays_locked(other)

        other.check("#rb-onthoud")
        unlock(other)
        third = context.new_page()
        third.goto(site.booklet_url(GID, "signaleringsplan.html"))
        wait_open(third)
        assert headings(third) == ["Signaleringsplan"]
        forget = third.locator("#rb-vergeet")
        expect(forget).to_be_visible()
        shoot(third, screenshots, "onthouden-360")
        forget.click()
        expect(forget).to_be_hidden()

        fourth = context.new_page()
        fourth.goto(site.booklet_url(GID))
        stays_locked(fourth)

        # "Vergrendelen" forgets the device's key too.
        fourth.check("#rb-onthoud")
        unlock(fourth)
        fourth.click("#rb-vergrendel", no_wait_after=True)
        fourth.wait_for_selector("#rb-wachtwoord")
        fifth = context.new_page()
        fifth.goto(site.booklet_url(GID))
        stays_locked(fifth)
        stored = fifth.evaluate(
            """() => new Promise(done => { const r = indexedDB.open('resourceboek', 1);
                r.onupgradeneeded = () => r.result.createObjectStore('sleutels');
                r.onsuccess = () => { const q = r.result.transaction('sleutels')
                    .objectStore('sleutels').getAllKeys();
                    q.onsuccess = () => done(q.result); }; })"""
        )
        token = site.built.tokens[GID]
        assert not [k for k in stored if token in k], stored
    finally:
        web.close()


def test_kept_key_cannot_be_read(web: Web, site: Site) -> None:
    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(GID))
    page.check("#rb-onthoud")
    unlock(page)
    out = page.evaluate(
        """() => new Promise(done => { const r = indexedDB.open('resourceboek', 1);
            r.onsuccess = () => { const q = r.result.transaction('sleutels')
                .objectStore('sleutels').getAll(); q.onsuccess = () => {
                    const keys = q.result.map(v => v.key);
                    Promise.all(keys.map(k => crypto.subtle.exportKey('raw', k)
                        .then(() => 'exported', e => e.name)))
                    .then(r => done(
                        {n: keys.length, extractable: keys.map(k => k.extractable), r}));
                }; }; })"""
    )
    assert out["n"] >= 2  # this tab's key and the device's key
    assert out["extractable"] == [False] * out["n"]
    assert set(out["r"]) == {"InvalidAccessError"}
    assert PASSWORD not in json.dumps(out)


# --------------------------------------------------------------------------- back-forward cache


def test_back_after_lock_does_not_show_the_page(bfcache_browser: Browser, site: Site) -> None:
    web = Web(bfcache_browser, site)
    try:
        page = web.new_page(DESKTOP)
        page.goto(site.booklet_url(GID))
        unlock(page)
        assert name_of() in page.locator("body").inner_text()
        page.locator(".md-sidebar--primary").get_by_role(
            "link", name="Signaleringsplan", exact=True
        ).click(no_wait_after=True)
        page.wait_for_url(re.compile(r"/signaleringsplan\.html$"))
        wait_open(page)
        page.click("#rb-vergrendel", no_wait_after=True)
        page.wait_for_selector("#rb-wachtwoord")
        page.wait_for_load_state("load")

        # A page restored from the cache fires no "load": wait for the commit only.
        page.go_back(wait_until="commit")
        page.wait_for_url(re.compile(r"/index\.html$"), wait_until="commit")
        try:
            page.wait_for_selector("#rb-wachtwoord", timeout=10_000)
        except PlaywrightTimeoutError:
            pytest.fail("'Terug' na 'Vergrendelen' toont de ontsleutelde pagina uit de cache")
        stays_locked(page)
        assert page.title() == SHELL_TITLE
    finally:
        web.close()
