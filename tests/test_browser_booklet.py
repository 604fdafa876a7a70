"""A protected booklet in a real browser: unlocking over HTTP and from file://, an independent
decrypter, accessibility (axe-core) and the sociogram.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, ViewportSize, expect

import browserkit as kit
from browserkit import (
    BLOCKING_IMPACTS,
    BOOKLET_PAGES,
    DESKTOP,
    GROUPS,
    PASSWORD,
    PHONE,
    SHELL_TITLE,
    UNLOCK_TIMEOUT,
    Site,
    Web,
    _format_violations,
    _group,
    _phones,
    assert_locked,
    assert_no_horizontal_scroll,
    headings,
    shoot,
    storage_dump,
    stored_keys,
    unlock,
)
from resourceboek.protection.protect import decrypt_page

# The fixtures of browserkit.py, bound by name (the site is built once for this module).
chromium = kit.chromium
built_site = kit.built_site
site = kit.site
browser = kit.browser
web = kit.web
screenshots = kit.screenshots
axe = kit.axe

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- 2. booklet over HTTP


@pytest.mark.parametrize("gid", GROUPS)
def test_booklet_unlock_navigate_lock(web: Web, site: Site, gid: str, screenshots: Path) -> None:
    name = _group(gid)["groepsnaam"]
    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(gid))
    assert page.title() == SHELL_TITLE
    assert_locked(page, name)

    _assert_wrong_password_refused(page, name)

    # The right one.
    unlock(page)
    assert headings(page) == ["Start"]
    assert name in page.locator("body").inner_text()
    assert stored_keys(page), "the derived key was not kept for the other pages"
    assert PASSWORD not in storage_dump(page), "the password itself was stored"
    shoot(page, screenshots, f"boekje-{gid}-start-1280")

    # Another page of the same booklet opens without asking again.
    nav = page.locator(".md-sidebar--primary").get_by_role(
        "link", name="Signaleringsplan", exact=True
    )
    nav.click(no_wait_after=True)
    page.wait_for_url(re.compile(r"/signaleringsplan\.html$"))
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    page.wait_for_function("() => document.readyState === 'complete'")
    # Only the booklet page: nothing of the password page may be left above it.
    assert headings(page) == ["Signaleringsplan"]
    assert page.locator("#rb-wachtwoord").count() == 0
    assert page.title().startswith("Signaleringsplan")

    # "Vergrendelen" forgets the key and shows the password page again.
    page.click("#rb-vergrendel", no_wait_after=True)
    page.wait_for_selector("#rb-wachtwoord")
    page.wait_for_load_state("load")
    assert page.url.endswith("/signaleringsplan.html")
    assert_locked(page, name)
    assert stored_keys(page) == []

    _assert_fresh_context_locked(web, site, gid, name)
    web.assert_only_local()
    # Every file a booklet page asks for is there (no sitemap, search index or 404 page is
    # published, so nothing may ask for them).
    assert web.failed == []


def _assert_wrong_password_refused(page: Page, name: str) -> None:
    """A wrong password: a Dutch message, nothing of the booklet shown."""
    page.fill("#rb-wachtwoord", "niet-het-goede-wachtwoord")
    page.click("#rb-openen", no_wait_after=True)
    expect(page.locator("#rb-melding")).to_contain_text("klopt niet", timeout=UNLOCK_TIMEOUT)
    assert_locked(page, name)
    expect(page.locator("#rb-openen")).to_be_enabled()
    assert page.input_value("#rb-wachtwoord") == "niet-het-goede-wachtwoord"  # kept, to correct
    assert stored_keys(page) == []


def _assert_fresh_context_locked(web: Web, site: Site, gid: str, name: str) -> None:
    """A fresh browser context knows nothing: the page is locked and no key is stored."""
    fresh = web.new_page(DESKTOP)
    fresh.goto(site.booklet_url(gid, "signaleringsplan.html"))
    fresh.wait_for_load_state("load")
    fresh.wait_for_timeout(500)  # time enough for an unwanted automatic unlock
    assert_locked(fresh, name)
    assert stored_keys(fresh) == []


# --------------------------------------------------------------------------- 3. file:// and phone


@pytest.mark.parametrize("gid", GROUPS)
def test_booklet_from_file_at_phone_width(
    web: Web, site: Site, gid: str, screenshots: Path
) -> None:
    name = _group(gid)["groepsnaam"]
    folder = site.built.booklet_dir(gid)
    page = web.new_page(PHONE)
    page.goto((folder / "index.html").as_uri())
    assert_locked(page, name)
    assert_no_horizontal_scroll(page)
    shoot(page, screenshots, f"boekje-{gid}-slot-360")

    unlock(page)
    assert page.url.startswith("file://")
    assert headings(page) == ["Start"]
    assert name in page.locator("body").inner_text()
    assert_no_horizontal_scroll(page)
    shoot(page, screenshots, f"boekje-{gid}-start-360", full_page=True)

    # The other pages open with the remembered key from disk too.
    page.goto((folder / "contacten.html").as_uri())
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    page.wait_for_function("() => document.readyState === 'complete'")
    assert headings(page) == ["Contacten"]
    assert page.locator("#rb-wachtwoord").count() == 0
    assert_no_horizontal_scroll(page)
    shoot(page, screenshots, f"boekje-{gid}-contacten-360", full_page=True)

    assert all(url.startswith("file://") for url in web.requests if not url.startswith("data:"))
    web.assert_only_local()


# --------------------------------------------------------------------------- 4. own decrypter

# Written from the documented format only (README / protect.py docstring), not from ontgrendel.js.
_DECRYPT_JS = """async ({url, passwords}) => {
    const response = await fetch(url, {cache: 'no-store'});
    const shell = await response.text();
    const doc = new DOMParser().parseFromString(shell, 'text/html');
    const payload = JSON.parse(doc.querySelector('script#rb-versleuteld').textContent);
    // Associated data: "resourceboek:3:<booklet folder>:<build counter>:<page path in it>",
    // the folder and the path from the URL, the counter from the page.
    const parts = new URL(url).pathname.split('/');
    const folder = parts[parts.length - 2], path = parts[parts.length - 1];
    const aad = `resourceboek:3:${folder}:${payload.n}:${path}`;
    const b64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
    const utf8 = new TextEncoder();
    const results = [];
    for (const password of passwords) {
        const material = await crypto.subtle.importKey(
            'raw', utf8.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
        const bits = await crypto.subtle.deriveBits(
            {name: 'PBKDF2', hash: 'SHA-256', salt: b64(payload.salt), iterations: payload.iter},
            material, 256);
        const key = await crypto.subtle.importKey('raw', bits, 'AES-GCM', false, ['decrypt']);
        try {
            const plain = await crypto.subtle.decrypt(
                {name: 'AES-GCM', iv: b64(payload.iv), additionalData: utf8.encode(aad),
                 tagLength: 128},
                key, b64(payload.ct));
            const text = new TextDecoder('utf-8', {fatal: true}).decode(plain);
            results.push({ok: true, text: text.replace(/ +$/, '')});  // the padding: spaces
        } catch (error) {
            results.push({ok: false, error: error.name});
        }
    }
    return {status: response.status, shell, payload, results};
}"""


@pytest.mark.parametrize("gid", GROUPS)
def test_independent_decrypter(web: Web, site: Site, gid: str) -> None:
    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(gid))  # any page of the same origin; it stays locked
    url = site.booklet_url(gid, "contacten.html")
    out = page.evaluate(_DECRYPT_JS, {"url": url, "passwords": [PASSWORD, PASSWORD + "x"]})

    assert out["status"] == 200
    payload = out["payload"]
    assert payload["v"] == 3
    assert isinstance(payload["n"], int)
    assert payload["n"] > 1_700_000_000  # the build's time in seconds
    assert payload["kdf"] == "PBKDF2-HMAC-SHA256"
    assert payload["iter"] == 600_000
    assert len(base64.b64decode(payload["salt"])) == 16
    assert len(base64.b64decode(payload["iv"])) == 12
    assert "aad" not in payload  # built by the decrypter from where the page is
    assert len(base64.b64decode(payload["ct"])) > 16  # ciphertext plus the 16-byte tag

    # The shell itself gives nothing away.
    name = _group(gid)["groepsnaam"]
    assert name not in out["shell"]
    assert "Contacten" not in out["shell"]
    assert not {p for p in _phones(gid) if p in out["shell"]}

    right, wrong = out["results"]
    assert wrong == {"ok": False, "error": "OperationError"}  # GCM authentication failed
    assert right["ok"], right
    plain = right["text"]
    assert "Contacten" in plain
    assert name in plain
    own = {p for p in _phones(gid) if p in plain}
    assert own, f"no phone number of groups/{gid}.yml in the decrypted contacten.html"
    others = set().union(*(_phones(g) for g in GROUPS if g != gid)) - _phones(gid)
    assert not {p for p in others if p in plain}, "phone numbers of another group in this booklet"
    # Same result as the reference decrypter in protect.py.
    assert decrypt_page(payload, PASSWORD, site.built.tokens[gid], "contacten.html") == plain
    web.assert_only_local()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
@pytest.mark.parametrize("gid", GROUPS)
def test_booklet_accessibility(
    web: Web, site: Site, axe: Axe, gid: str, viewport: ViewportSize
) -> None:
    found = sorted(p.name for p in site.built.booklet_dir(gid).glob("*.html"))
    assert found == sorted(BOOKLET_PAGES)
    page = web.new_page(viewport)
    page.goto(site.booklet_url(gid))
    reports = []

    def check(where: str) -> None:
        response = axe.run(page).response
        blocking = [v for v in response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            reports.append(_format_violations(where, blocking))

    check("wachtwoordpagina")
    unlock(page)
    for name in BOOKLET_PAGES:
        page.goto(site.booklet_url(gid, name))
        page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
        page.wait_for_function("() => document.readyState === 'complete'")
        assert page.locator("#rb-wachtwoord").count() == 0, f"{name}: password form left over"
        check(name)
    print("\n\n".join(reports))
    assert not reports, f"axe ({viewport['width']} px, {gid}):\n" + "\n\n".join(reports)
    web.assert_only_local()


# --------------------------------------------------------------------------- sociogram

_SOCIOGRAM_TEXT_JS = """() => Array.from(
    document.querySelectorAll('svg.rb-sociogram-svg text'), t => {
        const r = t.getBoundingClientRect();
        const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
        return {text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height, px};
    })"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] + a["w"] > b["x"] + 0.5
        and b["x"] + b["w"] > a["x"] + 0.5
        and a["y"] + a["h"] > b["y"] + 0.5
        and b["y"] + b["h"] > a["y"] + 0.5
    )


@pytest.mark.parametrize("gid", GROUPS)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_sociogram_names_are_readable_and_apart(
    web: Web, site: Site, gid: str, viewport: ViewportSize, screenshots: Path
) -> None:
    """The rendered names (as the browser lays them out) never overlap, at 10 px or more."""
    page = web.new_page(viewport)
    page.goto(site.booklet_url(gid, "resourcegroepplan.html"))
    unlock(page)
    figure = page.locator("figure.rb-sociogram")
    expect(figure).to_be_visible()
    names = {str(p["naam"]) for p in _group(gid)["personen"].values()}
    labels = page.evaluate(_SOCIOGRAM_TEXT_JS)
    shown = {label["text"] for label in labels}
    assert {n for n in names if len(n) <= 14} <= shown
    for a, b in [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :]]:
        assert not _overlap(a, b), (a["text"], b["text"])
    assert min(label["px"] for label in labels) >= 10
    svg_text = figure.inner_text()
    assert not any(phone in svg_text for phone in _phones(gid))
    assert_no_horizontal_scroll(page, viewport["width"])
    figure.screenshot(path=str(screenshots / f"sociogram-{gid}-{viewport['width']}.png"))
