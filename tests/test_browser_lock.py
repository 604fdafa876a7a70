"""The lock page and unlocking, in Chromium (Playwright): help lines on the lock page, a forgiving
password field, "Onthoud op dit apparaat", the back-forward cache after "Vergrendelen", and what the
browser keeps of a booklet: keys that expire, the newest build it opened, and open tabs that lock
together.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browserkit import DESKTOP, PHONE_TALL, Site, Web, example_group, headings, shoot
from unlockkit import (
    GID,
    PASSWORD,
    SHELL_TITLE,
    STYLESHEETS_AT_WRITE,
    TEST_PASSWORD,
    UNLOCK_TIMEOUT,
    copy_booklets,
    name_of,
    stays_locked,
    unlock,
    wait_open,
    write_page,
)

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- styled at once


def test_the_decrypted_page_appears_styled_at_once(web: Web, site: Site) -> None:
    """The lock page loads the booklet's stylesheets while the password is typed: the decrypted
    page is written with them in place (before: none of them, and a moment without style)."""
    page = web.new_page(PHONE_TALL)
    page.add_init_script(STYLESHEETS_AT_WRITE)
    page.goto(site.booklet_url(GID))
    unlock(page)
    written = page.evaluate("window.__rbStylesheets")
    assert written, "the page was not written by the lock page"
    assert all(loaded == total >= 2 for loaded, total in written), written
    page.goto(site.booklet_url(GID, "contacten.html"))  # opened with the kept key, at once
    wait_open(page)
    written = page.evaluate("window.__rbStylesheets")
    assert written, "the page was not written by the lock page"
    assert all(loaded == total >= 2 for loaded, total in written), written
    header = page.locator(".rb-kop")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"


# --------------------------------------------------------------------------- the lock page


def test_lock_page_shows_help_before_any_password(web: Web, site: Site, screenshots: Path) -> None:
    page = web.new_page(PHONE_TALL)
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
    page = web.new_page(PHONE_TALL)
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
    folder = copy_booklets(site, tmp_path)[GID]
    write_page(folder, "Proef")  # under TEST_PASSWORD, "paars huis fiets"
    page = web.new_page(PHONE_TALL)
    page.goto((folder / "index.html").as_uri())
    page.fill("#rb-wachtwoord", "  paars   huis \u00a0fiets  ")
    page.click("#rb-openen", no_wait_after=True)
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    assert headings(page) == ["Proef"]


# --------------------------------------------------------------------------- remember on device


def test_remember_on_device_and_forget(browser: Browser, site: Site, screenshots: Path) -> None:
    web = Web(browser, site)
    try:
        first = web.new_page(PHONE_TALL)
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
        page.locator(".rb-zijmenu").get_by_role("link", name="Signaleringsplan", exact=True).click(
            no_wait_after=True
        )
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


# --------------------------------------------------------------------------- what the browser keeps

HOURS = 3600 * 1000  # ms
_STORED = """() => new Promise(done => { const r = indexedDB.open('resourceboek', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('sleutels');
    r.onsuccess = () => { const q = r.result.transaction('sleutels').objectStore('sleutels')
        .getAllKeys(); q.onsuccess = () => { r.result.close(); done(q.result); }; }; })"""
_PLANT = """records => new Promise(done => { const r = indexedDB.open('resourceboek', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('sleutels');
    r.onsuccess = () => { const tx = r.result.transaction('sleutels', 'readwrite');
        for (const [id, record] of records) tx.objectStore('sleutels').put(record, id);
        tx.oncomplete = () => { r.result.close(); done(true); }; }; })"""


def stored(page: Page) -> list[str]:
    """The ids of every key record in this browser profile's store (all booklets of the origin)."""
    return sorted(page.evaluate(_STORED))


def plan_lines(gid: str = GID) -> list[str]:
    plan = example_group(gid)["signaleringsplan"]
    return [str(line) for part in ("signalen", "helpt", "overnemen") for line in plan[part]]


# --------------------------------------------------------------------------- expired keys


def test_expired_tab_keys_of_every_booklet_are_deleted_on_load(web: Web, site: Site) -> None:
    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(GID))
    now = page.evaluate("() => Date.now()")
    token, other = site.built.tokens[GID], site.built.tokens["sam"]
    records = [
        (f"sessie:{token}:oud", {"salt": "x", "key": "x", "time": now - 13 * HOURS}),
        (f"sessie:{other}:oud", {"salt": "x", "key": "x", "time": now - 12 * HOURS - 1}),
        (f"sessie:{other}:toekomst", {"salt": "x", "key": "x", "time": now + 24 * HOURS}),
        (f"sessie:{token}:vers", {"salt": "x", "key": "x", "time": now - 11 * HOURS}),
        (f"apparaat:{other}", {"salt": "x", "key": "x", "time": now - 99 * HOURS, "device": True}),
    ]
    page.evaluate(_PLANT, records)
    assert len(stored(page)) == len(records)
    page.reload()  # any page load of any booklet on this origin; nothing typed
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 5
    while len(stored(page)) > 2 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert stored(page) == sorted([f"sessie:{token}:vers", f"apparaat:{other}"])


def test_a_tab_key_past_12_hours_is_gone_after_the_next_load(web: Web, site: Site) -> None:
    page = web.new_page(DESKTOP)
    page.clock.install()
    page.goto(site.booklet_url(GID))
    unlock(page)
    token = site.built.tokens[GID]
    assert [k for k in stored(page) if k.startswith(f"sessie:{token}:")]
    page.clock.fast_forward("13:00:00")
    page.goto(site.booklet_url(GID, "contacten.html"))
    stays_locked(page)
    assert stored(page) == []


# --------------------------------------------------------------------------- rollback


def test_an_older_build_of_a_page_is_refused(web: Web, site: Site, tmp_path: Path) -> None:
    folder = copy_booklets(site, tmp_path)[GID]
    url = (folder / "index.html").as_uri()
    page = web.new_page(PHONE_TALL)
    write_page(folder, "Nieuw", 1_800_000_000)
    page.goto(url)
    page.fill("#rb-wachtwoord", TEST_PASSWORD)
    page.click("#rb-openen", no_wait_after=True)
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    assert headings(page) == ["Nieuw"]

    # The host serves the page of an earlier build again: authentic, but older.
    write_page(folder, "Oud", 1_700_000_000)
    page.goto(url)
    message = page.locator("#rb-melding")
    expect(message).to_contain_text("ouder dan een versie van je boekje")
    expect(message).to_contain_text("Laad de pagina opnieuw")
    expect(page.locator("#rb-openen")).to_be_disabled()
    page.wait_for_timeout(700)  # the tab's key is still kept: it must not open the old page
    assert headings(page) == ["Beveiligd boekje"]
    assert "Oud" not in page.locator("body").inner_text()

    write_page(folder, "Nieuwer", 1_800_000_001)  # a newer build opens with the kept key
    page.goto(url)
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    assert headings(page) == ["Nieuwer"]


# --------------------------------------------------------------------------- tabs


def _open_tab(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    unlock(page)
    return page


def test_locking_one_tab_locks_every_open_tab(web: Web, site: Site) -> None:
    first = web.new_page(DESKTOP)
    first.goto(site.booklet_url(GID))
    unlock(first)
    second = _open_tab(first.context, site.booklet_url(GID, "signaleringsplan.html"))
    other_booklet = _open_tab(first.context, site.booklet_url("sam"))
    assert headings(second) == ["Signaleringsplan"]
    lines = plan_lines()
    assert all(line in second.content() for line in lines)

    first.bring_to_front()
    start = time.monotonic()
    first.click("#rb-vergrendel", no_wait_after=True)
    second.wait_for_selector("#rb-wachtwoord", timeout=1_000)
    assert time.monotonic() - start < 1.0
    html = second.content()
    assert not [line for line in lines if line in html]
    assert name_of() not in html
    stays_locked(second)
    first.wait_for_selector("#rb-wachtwoord")
    # Another booklet's tab is not this booklet's business.
    assert other_booklet.locator("#rb-vergrendel").count() == 1
    wait_open(other_booklet)
    assert PASSWORD not in second.content()
