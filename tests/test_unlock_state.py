"""What the browser keeps of a booklet, in Chromium (Playwright): keys that expire, the newest
build it opened, and open tabs that lock together.

Uses the built site and the HTTP server of browserkit.py, the browser of unlockkit.py.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

import browserkit
import unlockkit
from browserkit import DESKTOP, PASSWORD, UNLOCK_TIMEOUT, Site, Web, _group, headings, unlock
from unlockkit import GID, PHONE, copy_booklets, name_of, stays_locked, wait_open

# The fixtures of browserkit.py and unlockkit.py, bound by name (the site is built once for
# this module).
chromium = browserkit.chromium
built_site = browserkit.built_site
site = browserkit.site
screenshots = browserkit.screenshots
playwright = unlockkit.playwright
browser = unlockkit.browser
web = unlockkit.web

pytestmark = pytest.mark.browser

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
    plan = _group(gid)["signaleringsplan"]
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


def _write_page(folder: Path, counter: int, title: str) -> None:
    """index.html of `folder` as a page of the build with `counter`, under "paars huis fiets"."""
    from resourceboek.pages.render import make_environment
    from resourceboek.protection import lockpage, protect

    key = protect.derive_key("paars huis fiets", b"r" * 16, token=folder.name)
    key = dataclasses.replace(key, counter=counter)
    html = f"<!doctype html><html><body><h1>{title}</h1><button id=rb-vergrendel>x</button>"
    payload = protect.encrypt_page(html + "</body></html>", key, "index.html")
    shell = lockpage.render_shell(payload, make_environment(), "")
    (folder / "index.html").write_text(shell, encoding="utf-8")


def test_an_older_build_of_a_page_is_refused(web: Web, site: Site, tmp_path: Path) -> None:
    folder = copy_booklets(site, tmp_path)[GID]
    url = (folder / "index.html").as_uri()
    page = web.new_page(PHONE)
    _write_page(folder, 1_800_000_000, "Nieuw")
    page.goto(url)
    page.fill("#rb-wachtwoord", "paars huis fiets")
    page.click("#rb-openen", no_wait_after=True)
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    assert headings(page) == ["Nieuw"]

    # The host serves the page of an earlier build again: authentic, but older.
    _write_page(folder, 1_700_000_000, "Oud")
    page.goto(url)
    message = page.locator("#rb-melding")
    expect(message).to_contain_text("ouder dan een versie van je boekje")
    expect(message).to_contain_text("Laad de pagina opnieuw")
    expect(page.locator("#rb-openen")).to_be_disabled()
    page.wait_for_timeout(700)  # the tab's key is still kept: it must not open the old page
    assert headings(page) == ["Beveiligd boekje"]
    assert "Oud" not in page.locator("body").inner_text()

    _write_page(folder, 1_800_000_001, "Nieuwer")  # a newer build opens with the kept key
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
