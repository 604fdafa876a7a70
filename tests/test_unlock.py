"""The lock page and the browser side of the encryption, in Chromium (Playwright).

Uses the built site and the HTTP server of browserkit.py. Covered: help lines on the lock page,
a forgiving password field, "Onthoud op dit apparaat", the back-forward cache after
"Vergrendelen", offline use with the service worker, pages moved between booklets or inside one,
a downgraded payload, the Content-Security-Policy after unlocking, and axe on the lock page.
"""

# ruff: noqa: F811 (the fixtures of browserkit.py are imported and then used as arguments)
from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browserkit import (  # noqa: F401 (fixtures)
    BLOCKING_IMPACTS,
    CHROMIUM_ARGS,
    DESKTOP,
    PASSWORD,
    SHELL_TITLE,
    UNLOCK_TIMEOUT,
    Site,
    Web,
    _format_violations,
    _group,
    _phones,
    assert_locked,
    built_site,
    chromium,
    headings,
    screenshots,
    shoot,
    site,
    unlock,
)

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 360, "height": 800}
GID = "teun"


@pytest.fixture(scope="module")
def playwright(chromium: Path) -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright, chromium: Path) -> Iterator[Browser]:
    instance = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture(scope="module")
def bfcache_browser(playwright: Playwright, chromium: Path) -> Iterator[Browser]:
    """Chromium with its back-forward cache on, as real browsers have it."""
    instance = playwright.chromium.launch(
        executable_path=str(chromium),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield instance
    instance.close()


@pytest.fixture
def web(browser: Browser, site: Site) -> Iterator[Web]:
    recorder = Web(browser, site)
    yield recorder
    recorder.close()
    assert not recorder.foreign_requests(), recorder.foreign_requests()


def name_of(gid: str = GID) -> str:
    return str(_group(gid)["groepsnaam"])


def wait_open(page: Page) -> None:
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    page.wait_for_function("document.readyState === 'complete'")


def stays_locked(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(700)  # time enough for an unwanted automatic unlock
    assert_locked(page, name_of())


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
    from resourceboek.protect import clean_password

    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(GID))
    typed = ["  paars  huis\u00a0 fiets \t", "x\ty\r\nz", "e\u0301", " een twee "]
    cleaned = page.evaluate("typed => typed.map(p => window.rbSleutels.clean(p))", typed)
    assert cleaned == [clean_password(p) for p in typed]
    assert cleaned[0] == "paars huis fiets"


def test_doubled_spaces_open_the_page(web: Web, site: Site, tmp_path: Path) -> None:
    """A page encrypted under "paars huis fiets" opens with spaces added at the ends and between."""
    from resourceboek import lockpage, protect
    from resourceboek.render import make_environment

    folder = _copy_booklets(site, tmp_path)[GID]
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


# --------------------------------------------------------------------------- offline


def test_offline_after_one_visit(web: Web, site: Site, screenshots: Path) -> None:
    page = web.new_page(PHONE)
    page.goto(site.booklet_url(GID))
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    context = page.context
    context.set_offline(True)
    try:
        page.reload()
        assert page.title() == SHELL_TITLE
        unlock(page)
        assert headings(page) == ["Start"]
        page.goto(site.booklet_url(GID, "contacten.html"))
        wait_open(page)
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
    secrets = {name_of(), *_phones(GID)}
    assert not [u for u, text in cached if any(value in text for value in secrets)]


def test_manifest_is_neutral(site: Site) -> None:
    folder = site.built.booklet_dir(GID)
    manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == manifest["short_name"] == "Boekje"
    for icon in manifest["icons"]:
        assert (folder / icon["src"]).is_file()
    assert name_of() not in (folder / "sw.js").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- moved pages


def _copy_booklets(site: Site, tmp_path: Path) -> dict[str, Path]:
    shutil.copytree(site.built.root / "boekjes", tmp_path / "boekjes")
    return {gid: tmp_path / "boekjes" / token for gid, token in site.built.tokens.items()}


def _try(page: Page, url: str) -> str:
    page.goto(url)
    page.fill("#rb-wachtwoord", PASSWORD)
    page.click("#rb-openen", no_wait_after=True)
    done = page.locator("#rb-vergrendel").or_(page.get_by_text("klopt niet"))
    expect(done).to_be_visible(timeout=UNLOCK_TIMEOUT)
    return "open" if page.locator("#rb-vergrendel").count() else "dicht"


def test_page_moved_between_booklets_does_not_open(web: Web, site: Site, tmp_path: Path) -> None:
    folders = _copy_booklets(site, tmp_path)
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
    teun = _copy_booklets(site, tmp_path)["teun"]
    shell = (teun / "index.html").read_text(encoding="utf-8")
    weak = re.sub(r'"iter":\d+', '"iter":1000', shell)
    assert weak != shell
    (teun / "index.html").write_text(weak, encoding="utf-8")
    old = re.sub(r'"v":\d+', '"v":1', shell)
    (teun / "contacten.html").write_text(old, encoding="utf-8")
    for name in ("index.html", "contacten.html"):
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
    # Material's own inline scripts and its bundle ran (hash-allowed and 'self').
    assert page.evaluate("typeof __md_scope === 'object' && typeof document$ === 'object'")
    # An inline script that is not one of the page's own is blocked.
    ran = page.evaluate(
        """() => { const s = document.createElement('script');
            s.textContent = 'window.__rbInjected = true'; document.body.append(s);
            return window.__rbInjected === true; }"""
    )
    assert ran is False
    page.wait_for_timeout(200)
    assert len(refused) == 1, refused  # exactly the injected script, nothing of the page
    page.locator(".md-sidebar--primary").get_by_role("link", name="Contacten", exact=True).click(
        no_wait_after=True
    )
    page.wait_for_url(re.compile(r"/contacten\.html$"))
    wait_open(page)
    assert len(refused) == 1, refused


# --------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_lock_page_accessibility(web: Web, site: Site, viewport: ViewportSize) -> None:
    page = web.new_page(viewport)
    page.goto(site.booklet_url(GID))
    axe = Axe()
    reports = []
    for state in ("dicht", "open"):
        if state == "open":
            page.get_by_text("Wachtwoord kwijt?").click()
        violations = axe.run(page).response["violations"]
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            reports.append(_format_violations(f"slot ({state})", blocking))
    assert not reports, "\n\n".join(reports)
