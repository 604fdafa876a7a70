"""A booklet offline and beyond the first unlock, in Chromium (Playwright): offline use with the
service worker, the manifest, pages moved between booklets or inside one, a downgraded payload
(the format), the Content-Security-Policy after unlocking, and axe on the lock page.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, ViewportSize, expect

from browserkit import (
    DESKTOP,
    PHONE_TALL,
    Site,
    Web,
    blocking_violations,
    example_phones,
    headings,
    shoot,
)
from unlockkit import (
    GID,
    PASSWORD,
    SHELL_TITLE,
    UNLOCK_TIMEOUT,
    copy_booklets,
    name_of,
    open_page,
    unlock,
    wait_open,
)

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- offline


def test_offline_after_one_visit(web: Web, site: Site, screenshots: Path) -> None:
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url(GID))
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    # The worker does not take over the page that registered it (sw.js: no clients.claim());
    # every page loaded after it goes through the worker.
    assert page.evaluate("navigator.serviceWorker.controller") is None
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    context = page.context
    context.set_offline(True)
    try:
        page.reload()
        assert page.title() == SHELL_TITLE
        unlock(page)
        assert headings(page) == ["Start"]
        open_page(page, site.booklet_url(GID, "contacten.html"))
        assert headings(page) == ["Contacten"]
        shoot(page, screenshots, "offline-contacten-360")
        # The cache holds what the host serves: ciphertext and public files, never a page in clear.
        cached = page.evaluate(
            """async () => { const out = [];
                for (const name of await caches.keys()) { const c = await caches.open(name);
                    for (const r of await c.keys())
                        out.push([r.url, await (await c.match(r)).text()]); }
                return out; }"""
        )
    finally:
        context.set_offline(False)
    urls = [u for u, _ in cached]
    assert any(u.endswith("/contacten.html") for u in urls)
    assert all(u.startswith(site.booklet_url(GID, "")) for u in urls)
    secrets = {name_of(), *example_phones(GID)}
    assert not [u for u, text in cached if any(value in text for value in secrets)]


def test_manifest_is_neutral(site: Site) -> None:
    folder = site.built.booklet_dir(GID)
    manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == manifest["short_name"] == "Boekje"
    for icon in manifest["icons"]:
        assert (folder / icon["src"]).is_file()
    assert name_of() not in (folder / "sw.js").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- moved pages


def _try(page: Page, url: str) -> str:
    page.goto(url)
    page.fill("#rb-wachtwoord", PASSWORD)
    page.click("#rb-openen", no_wait_after=True)
    done = page.locator("#rb-vergrendel").or_(page.get_by_text("klopt niet"))
    expect(done).to_be_visible(timeout=UNLOCK_TIMEOUT)
    return "open" if page.locator("#rb-vergrendel").count() else "dicht"


def test_page_moved_between_booklets_does_not_open(web: Web, site: Site, tmp_path: Path) -> None:
    folders = copy_booklets(site, tmp_path)
    teun, sam = folders["teun"], folders["sam"]
    shutil.copy(sam / "contacten.html", teun / "contacten.html")  # same password, other booklet
    shutil.copy(teun / "index.html", teun / "bijeenkomsten.html")  # moved inside the booklet
    page = web.new_page(DESKTOP)
    assert _try(page, (teun / "contacten.html").as_uri()) == "dicht"
    assert _try(web.new_page(DESKTOP), (teun / "bijeenkomsten.html").as_uri()) == "dicht"
    assert name_of("sam") not in page.locator("body").inner_text()
    # The pages that stayed where they were open as before.
    assert _try(web.new_page(DESKTOP), (teun / "resourcegroepplan.html").as_uri()) == "open"
    assert _try(web.new_page(DESKTOP), (sam / "contacten.html").as_uri()) == "open"


def test_downgraded_payload_is_refused(web: Web, site: Site, tmp_path: Path) -> None:
    teun = copy_booklets(site, tmp_path)["teun"]
    shell = (teun / "index.html").read_text(encoding="utf-8")
    weak = re.sub(r'"iter":\d+', '"iter":1000', shell)
    assert weak != shell
    (teun / "index.html").write_text(weak, encoding="utf-8")
    old = re.sub(r'"v":\d+', '"v":2', shell)  # format 2: no build counter
    (teun / "contacten.html").write_text(old, encoding="utf-8")
    uncounted = re.sub(r'"n":\d+', '"n":-1', shell)
    assert uncounted != shell
    (teun / "signaleringsplan.html").write_text(uncounted, encoding="utf-8")
    for name in ("index.html", "contacten.html", "signaleringsplan.html"):
        page = web.new_page(DESKTOP)
        page.goto((teun / name).as_uri())
        expect(page.locator("#rb-melding")).to_contain_text("hoort niet bij dit boekje")
        expect(page.locator("#rb-openen")).to_be_disabled()


# --------------------------------------------------------------------------- CSP


def test_decrypted_page_keeps_the_strict_policy(web: Web, site: Site) -> None:
    page = web.new_page(DESKTOP)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(site.booklet_url(GID))
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    unlock(page)
    # The booklet's own script files ran ('self'); below, no script of the page was refused.
    assert page.evaluate("typeof window.rbSleutels === 'object'")
    # An inline script that is not one of the page's own is blocked.
    ran = page.evaluate(
        """() => { const s = document.createElement('script');
            s.textContent = 'window.__rbInjected = true'; document.body.append(s);
            return window.__rbInjected === true; }"""
    )
    assert ran is False
    page.wait_for_timeout(200)
    assert len(refused) == 1, refused  # exactly the injected script, nothing of the page
    page.locator(".rb-zijmenu").get_by_role("link", name="Contacten", exact=True).click(
        no_wait_after=True
    )
    page.wait_for_url(re.compile(r"/contacten\.html$"))
    wait_open(page)
    assert len(refused) == 1, refused


# --------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("viewport", [PHONE_TALL, DESKTOP], ids=["360px", "desktop"])
def test_lock_page_accessibility(web: Web, site: Site, viewport: ViewportSize) -> None:
    page = web.new_page(viewport)
    page.goto(site.booklet_url(GID))
    axe = Axe()
    reports = []
    for state in ("dicht", "open"):
        if state == "open":
            page.get_by_text("Wachtwoord kwijt?").click()
        reports += blocking_violations(axe, page, f"slot ({state})")
    assert not reports, "\n\n".join(reports)
