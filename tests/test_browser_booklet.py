"""A protected booklet in a real browser: unlocking over HTTP and from file://, an independent
decrypter, accessibility (axe-core), the sociogram, and at phone size who to call (the crisis
card), the agenda file and text zoom.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, ViewportSize, expect

from browserkit import (
    BOOKLET_PAGES,
    DESKTOP,
    GROUPS,
    PHONE,
    PHONE_TALL,
    Site,
    Web,
    all_violations,
    assert_no_horizontal_scroll,
    example_group,
    example_phones,
    headings,
    shoot,
)
from resourceboek.protection.protect import decrypt_page
from unlockkit import (
    PASSWORD,
    SHELL_TITLE,
    UNLOCK_TIMEOUT,
    assert_locked,
    open_page,
    storage_dump,
    stored_keys,
    unlock,
    wait_open,
)

pytestmark = pytest.mark.browser

# --------------------------------------------------------------------------- 2. booklet over HTTP


@pytest.mark.parametrize("gid", GROUPS)
def test_booklet_unlock_navigate_lock(web: Web, site: Site, gid: str, screenshots: Path) -> None:
    name = example_group(gid)["groepsnaam"]
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
    nav = page.locator(".rb-zijmenu").get_by_role("link", name="Signaleringsplan", exact=True)
    nav.click(no_wait_after=True)
    page.wait_for_url(re.compile(r"/signaleringsplan\.html$"))
    wait_open(page)
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
    name = example_group(gid)["groepsnaam"]
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
    open_page(page, (folder / "contacten.html").as_uri())
    assert headings(page) == ["Contacten"]
    assert page.locator("#rb-wachtwoord").count() == 0
    assert_no_horizontal_scroll(page)
    shoot(page, screenshots, f"boekje-{gid}-contacten-360", full_page=True)

    assert all(url.startswith("file://") for url in web.requests if not url.startswith("data:"))
    web.assert_only_local()


# --------------------------------------------------------------------------- 4. own decrypter

# Written from the documented format only (SECURITY.md, protect.py), not from ontgrendel.js.
_DECRYPT_JS = """async ({url, passwords}) => {
    const response = await fetch(url, {cache: 'no-store'});
    const shell = await response.text();
    const doc = new DOMParser().parseFromString(shell, 'text/html');
    const payload = JSON.parse(doc.querySelector('script#rb-versleuteld').textContent);
    // Associated data: "resourceboek:4:<booklet folder>:<build counter>:<page path in it>",
    // the folder and the path from the URL, the counter from the page.
    const parts = new URL(url).pathname.split('/');
    const folder = parts[parts.length - 2], path = parts[parts.length - 1];
    const aad = `resourceboek:4:${folder}:${payload.n}:${path}`;
    const b64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
    const assertZeros = b => { if (b.some(x => x !== 0)) throw new Error('padding'); };
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
            // 4 bytes: the packed page's length; then the page packed with zlib; then zeros.
            const bytes = new Uint8Array(plain);
            const size = new DataView(plain, 0, 4).getUint32(0);
            assertZeros(bytes.subarray(4 + size));
            const packed = new Blob([bytes.subarray(4, 4 + size)]).stream();
            const unpacked = packed.pipeThrough(new DecompressionStream('deflate'));
            const raw = await new Response(unpacked).arrayBuffer();
            const text = new TextDecoder('utf-8', {fatal: true}).decode(raw);
            results.push({ok: true, text});
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
    assert payload["v"] == 4
    assert isinstance(payload["n"], int)
    assert payload["n"] > 1_700_000_000  # the build's time in seconds
    assert payload["kdf"] == "PBKDF2-HMAC-SHA256"
    assert payload["iter"] == 600_000
    assert len(base64.b64decode(payload["salt"])) == 16
    assert len(base64.b64decode(payload["iv"])) == 12
    assert "aad" not in payload  # built by the decrypter from where the page is
    assert len(base64.b64decode(payload["ct"])) > 16  # ciphertext plus the 16-byte tag

    # The shell itself gives nothing away.
    name = example_group(gid)["groepsnaam"]
    assert name not in out["shell"]
    assert "Contacten" not in out["shell"]
    assert not {p for p in example_phones(gid) if p in out["shell"]}

    right, wrong = out["results"]
    assert wrong == {"ok": False, "error": "OperationError"}  # GCM authentication failed
    assert right["ok"], right
    plain = right["text"]
    assert "Contacten" in plain
    assert name in plain
    own = {p for p in example_phones(gid) if p in plain}
    assert own, f"no phone number of groups/{gid}.yml in the decrypted contacten.html"
    others = set().union(*(example_phones(g) for g in GROUPS if g != gid)) - example_phones(gid)
    assert not {p for p in others if p in plain}, "phone numbers of another group in this booklet"
    # Same result as the reference decrypter in protect.py.
    assert decrypt_page(payload, PASSWORD, site.built.tokens[gid], "contacten.html") == plain
    web.assert_only_local()


_BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def test_dark_when_the_device_is_dark(web: Web, site: Site, axe: Axe, screenshots: Path) -> None:
    """Light and dark follow the device: the lock page and every page dark, axe finds nothing."""
    page = web.new_page(PHONE)
    page.emulate_media(color_scheme="dark")
    page.goto(site.booklet_url("sam"))
    assert page.evaluate(_BACKGROUND) == "rgb(15, 17, 21)"
    reports = all_violations(axe, page, "wachtwoordpagina (donker)")
    unlock(page)
    for name in BOOKLET_PAGES:
        open_page(page, site.booklet_url("sam", name))
        assert page.evaluate(_BACKGROUND) == "rgb(22, 24, 29)", name
        reports += all_violations(axe, page, f"{name} (donker)")
    shoot(page, screenshots, "boekje-sam-donker-360", full_page=True)
    assert not reports, "\n\n".join(reports)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
@pytest.mark.parametrize("gid", GROUPS)
def test_booklet_accessibility(
    web: Web, site: Site, axe: Axe, gid: str, viewport: ViewportSize
) -> None:
    found = sorted(p.name for p in site.built.booklet_dir(gid).glob("*.html"))
    assert found == sorted(BOOKLET_PAGES)
    page = web.new_page(viewport)
    page.goto(site.booklet_url(gid))
    reports = all_violations(axe, page, "wachtwoordpagina")  # any impact, minor included
    unlock(page)
    for name in BOOKLET_PAGES:
        open_page(page, site.booklet_url(gid, name))
        assert page.locator("#rb-wachtwoord").count() == 0, f"{name}: password form left over"
        reports += all_violations(axe, page, name)
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
    names = {str(p["naam"]) for p in example_group(gid)["personen"].values()}
    labels = page.evaluate(_SOCIOGRAM_TEXT_JS)
    shown = {label["text"] for label in labels}
    assert {n for n in names if len(n) <= 14} <= shown
    for a, b in [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :]]:
        assert not _overlap(a, b), (a["text"], b["text"])
    assert min(label["px"] for label in labels) >= 10
    svg_text = figure.inner_text()
    assert not any(phone in svg_text for phone in example_phones(gid))
    assert_no_horizontal_scroll(page, viewport["width"])
    figure.screenshot(path=str(screenshots / f"sociogram-{gid}-{viewport['width']}.png"))


# --------------------------------------------------------------------------- at phone size


def crisis_phones(gid: str) -> list[str]:
    """Every number the plan says to call: named crisis contacts and the group's members."""
    data = example_group(gid)
    keys: list[str] = []
    for key in data["signaleringsplan"]["contact_bij_crisis"]:
        keys.extend(data["deelnemers"] if key == "resourcegroep" else [key])
    people = data["personen"]
    phones = [people[k].get("telefoon") for k in keys if k in people]
    return list(dict.fromkeys(p for p in phones if p))


def tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


FIRST_VIEW_CALLS = 5
"""Call lines the crisis card shows at once (issue 23); the rest are under "Meer nummers"."""


def assert_tap_target(button: Locator, what: str, *, first_view: bool = True) -> None:
    """`button` is shown, at least 44 x 44 px, and (`first_view`) on screen without scrolling
    at 360 x 800."""
    box = button.bounding_box()
    assert box is not None, f"no call button for {what}"
    assert button.is_visible(), what
    assert box["height"] >= 44, f"{what}: tap target {box['height']} px high"
    assert box["width"] >= 44, what
    if first_view:
        assert box["y"] >= 0, what
        assert box["y"] + box["height"] <= PHONE_TALL["height"], f"{what}: below the first view"


def assert_call_buttons_one_tap_away(page: Page, phones: list[str]) -> None:
    """At most five calls (and 112) in the first view; one tap on "Meer nummers" shows the rest."""
    calls = page.locator(".rb-crisis ul.rb-bel-lijst a.rb-bel")
    shown = [i for i in range(calls.count()) if calls.nth(i).is_visible()]
    assert 0 < len(shown) <= FIRST_VIEW_CALLS, f"{len(shown)} call buttons at once"
    for i in shown:
        assert_tap_target(calls.nth(i), f"call {i + 1}")
    assert_tap_target(page.locator('.rb-crisis a[href="tel:112"]'), "112")
    more = page.locator(".rb-crisis details.rb-bel-meer > summary")
    assert more.count() == (calls.count() > FIRST_VIEW_CALLS), "'Meer nummers' for the rest only"
    if more.count():
        assert_tap_target(more, "Meer nummers")
        more.click()
    for phone in [*phones, "112"]:
        button = page.locator(f'.rb-crisis a[href="{tel(phone)}"]').first
        assert_tap_target(button, phone, first_view=False)


@pytest.mark.parametrize("gid", GROUPS)
def test_every_crisis_number_is_one_tap_away_at_360x800(
    web: Web, site: Site, gid: str, screenshots: Path
) -> None:
    phones = crisis_phones(gid)
    assert len(phones) > FIRST_VIEW_CALLS  # so "Meer nummers" is really tried
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url(gid))
    unlock(page)
    assert page.evaluate("() => window.scrollY") == 0
    assert_call_buttons_one_tap_away(page, phones)
    shoot(page, screenshots, f"boekje-{gid}-start-crisis-360")
    open_page(page, site.booklet_url(gid, "signaleringsplan.html"))
    assert_call_buttons_one_tap_away(page, phones)
    shoot(page, screenshots, f"boekje-{gid}-signaleringsplan-crisis-360")
    web.assert_only_local()


def ics_fields(text: str) -> dict[str, str]:
    """The properties of an .ics file (RFC 5545: folded lines joined, text unescaped)."""
    assert text.startswith("BEGIN:VCALENDAR\r\n"), text[:40]
    assert text.rstrip("\r\n").endswith("END:VCALENDAR")
    lines = text.replace("\r\n ", "").split("\r\n")
    fields: dict[str, str] = {}
    for line in filter(None, lines):
        name, _, value = line.partition(":")
        unescaped = re.sub(r"\\([\\;,])", r"\1", value).replace("\\n", "\n")
        fields.setdefault(name.split(";")[0], unescaped)
    return fields


def test_in_mijn_agenda_downloads_the_next_meeting(web: Web, site: Site) -> None:
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url("teun"))
    unlock(page)
    button = page.get_by_role("button", name="In mijn agenda")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    fields = ics_fields(Path(download.path()).read_bytes().decode("utf-8"))
    assert fields["BEGIN"] == "VCALENDAR"
    assert fields["DTSTART"] == "20270209T190000"
    assert fields["DTEND"] == "20270209T200000"
    assert fields["LOCATION"] == "buurthuis De Kern, zaal 2"
    assert fields["SUMMARY"] == "Bijeenkomst de groep van Teun"
    web.assert_only_local()


@pytest.mark.parametrize("gid", GROUPS)
def test_no_sideways_scroll_at_200_percent_text(web: Web, site: Site, gid: str) -> None:
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url(gid))
    unlock(page)
    for name in BOOKLET_PAGES:
        open_page(page, site.booklet_url(gid, name))
        # Text zoom: the root font twice as large (what the browser's text size setting does).
        page.evaluate(
            "() => { const root = document.documentElement;"
            " root.style.fontSize = 2 * parseFloat(getComputedStyle(root).fontSize) + 'px'; }"
        )
        assert_no_horizontal_scroll(page, PHONE_TALL["width"])


_FONT_PX = "el => parseFloat(getComputedStyle(el).fontSize)"


def test_notes_readable_and_no_empty_footer_strip_on_a_phone(web: Web, site: Site) -> None:
    """What a documentation theme sets in smaller type (notes and `<details>`) is as large as the text
    around it: the meeting minutes, and the numbers under "Meer nummers" on the crisis card."""
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url("teun"))
    unlock(page)
    first = page.locator(".rb-crisis > ul.rb-bel-lijst a.rb-bel").first.evaluate(_FONT_PX)
    more = page.locator(".rb-crisis details.rb-bel-meer")
    more.locator("summary").click()
    further = more.locator("a.rb-bel").first.evaluate(_FONT_PX)
    assert further >= first, f"'Meer nummers' in {further} px, the first numbers in {first} px"

    open_page(page, site.booklet_url("teun", "bijeenkomsten.html"))
    text = page.locator("article.rb-inhoud ol > li").first.evaluate(_FONT_PX)
    minutes = page.locator("article .rb-verslag-tekst p")
    assert minutes.count() >= 1, "no meeting minutes on bijeenkomsten.html"
    sizes = [minutes.nth(i).evaluate(_FONT_PX) for i in range(minutes.count())]
    assert min(sizes) >= text, f"minutes in {min(sizes)} px, the text around them in {text} px"
    assert text >= 16, f"running text in {text} px on a phone"
