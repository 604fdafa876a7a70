"""The built site in a real browser (Playwright with Debian's chromium).

The site is built once for this module into a temporary folder and served by a small stdlib HTTP
server on 127.0.0.1. Every request of every browser context is recorded: nothing may go anywhere
but that server (or file:, data:, blob:).

Covered: Dutch search in the handbook; unlocking, navigating and locking a protected booklet over
HTTP and from file://; an independent WebCrypto decrypter written from the documented format; and
axe-core (serious and critical findings) on every booklet page at phone and desktop width.

Screenshots go to $RESOURCEBOEK_SCREENSHOTS (or a temporary folder, printed with -s).
"""

from __future__ import annotations

import base64
import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from buildkit import copy_project
from resourceboek.protect import decrypt_page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GROUPS = ("teun", "sam")
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 360, "height": 740}
BOOKLET_PAGES = [
    "index.html",
    "resourcegroepplan.html",
    "signaleringsplan.html",
    "contacten.html",
    "themabijeenkomsten.html",
    "bijeenkomsten.html",
    "over-de-groep.html",
]
SHELL_TITLE = "Beveiligd boekje"
UNLOCK_TIMEOUT = 30_000  # ms: PBKDF2 with 600 000 rounds, on a slow CI machine


def _demo_password() -> str:
    data = yaml.safe_load((ROOT / "groups" / ".demo-wachtwoorden.yml").read_text(encoding="utf-8"))
    passwords = {data[g] for g in GROUPS}
    assert len(passwords) == 1, "the example groups are expected to share the demo password"
    return passwords.pop()


PASSWORD = _demo_password()


def _group(gid: str) -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "groups" / f"{gid}.yml").read_text(encoding="utf-8")))


def _phones(gid: str) -> set[str]:
    return {str(p["telefoon"]) for p in _group(gid)["personen"].values() if p.get("telefoon")}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's chromium; missing is a skip on a developer's machine and a failure under CI."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(f"CI: {message} De browsertests mogen in CI niet overgeslagen worden.")
        pytest.skip(message)
    return CHROMIUM


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    tokens: dict[str, str]  # group id -> folder under boekjes/

    def booklet_dir(self, gid: str) -> Path:
        return self.root / "boekjes" / self.tokens[gid]


@pytest.fixture(scope="module")
def built_site(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """`resourceboek build --no-pdf` into a temporary folder, once for the module."""
    site_dir = tmp_path_factory.mktemp("site")
    project_dir = copy_project(tmp_path_factory.mktemp("project"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "resourceboek.cli",
            "build",
            "--no-pdf",
            "--toon-links",
            "--site-dir",
            str(site_dir),
        ],
        cwd=project_dir,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    tokens = {}
    for gid, path in re.findall(r"^Boekje '([^']+)': (.+)$", proc.stdout, re.MULTILINE):
        index = Path(path)
        assert index.name == "index.html"
        assert index.parent.parent.resolve() == (site_dir / "boekjes").resolve(), path
        tokens[gid] = index.parent.name
    assert set(GROUPS) <= set(tokens), proc.stdout
    for gid in GROUPS:
        assert (site_dir / "boekjes" / tokens[gid] / "index.html").is_file()
    assert (site_dir / "handboek" / "index.html").is_file()
    return BuiltSite(site_dir, tokens)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass


class _LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser closed a connection early: not our concern
        super().handle_error(request, client_address)


@dataclass(frozen=True)
class Site:
    """The built site, served over http://127.0.0.1:<port>/."""

    built: BuiltSite
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def booklet_url(self, gid: str, page: str = "index.html") -> str:
        return self.url(f"boekjes/{self.built.tokens[gid]}/{page}")


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Iterator[Site]:
    handler = functools.partial(_QuietHandler, directory=str(built_site.root))
    server = _LocalServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(built_site, server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class Web:
    """New browser contexts whose every request is recorded."""

    browser: Browser
    site: Site
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # an error status or no answer at all
    contexts: list[BrowserContext] = field(default_factory=list)

    def new_page(self, viewport: ViewportSize = DESKTOP) -> Page:
        context = self.browser.new_context(viewport=viewport, locale="nl-NL")
        context.on("request", lambda request: self.requests.append(request.url))
        context.on(
            "response",
            lambda response: (
                self.failed.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        context.on("requestfailed", lambda request: self.failed.append(f"-- {request.url}"))
        self.contexts.append(context)
        return context.new_page()

    def foreign_requests(self) -> list[str]:
        local = f"{self.site.origin}/"
        return [
            url
            for url in self.requests
            if not url.startswith(local) and url.split(":", 1)[0] not in ("file", "data", "blob")
        ]

    def assert_only_local(self) -> None:
        assert self.requests, "no request was recorded at all"
        assert not self.foreign_requests(), "requests left 127.0.0.1:\n" + "\n".join(
            self.foreign_requests()
        )

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def web(browser: Browser, site: Site) -> Iterator[Web]:
    recorder = Web(browser, site)
    try:
        yield recorder
    finally:
        recorder.close()
    # Also after closing, so that nothing that was still loading slips through.
    assert not recorder.foreign_requests(), "requests left 127.0.0.1:\n" + "\n".join(
        recorder.foreign_requests()
    )


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("RESOURCEBOEK_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


# --------------------------------------------------------------------------- helpers

_HEADINGS_JS = """() => Array.from(document.querySelectorAll('h1'), h => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(a => a.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
})"""


def headings(page: Page) -> list[str]:
    """The text of every h1 on the page (without Material's permalink sign)."""
    return list(page.evaluate(_HEADINGS_JS))


def heading(page: Page) -> str:
    found = headings(page)
    assert found, f"no h1 on {page.url}"
    return found[0]


def scroll_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def assert_no_horizontal_scroll(page: Page, width: int = PHONE["width"]) -> None:
    actual = scroll_width(page)
    assert actual <= width, f"{page.url}: scrollWidth {actual} > {width}: the page scrolls sideways"


def storage_dump(page: Page) -> str:
    return str(page.evaluate("JSON.stringify([{...sessionStorage}, {...localStorage}])"))


def stored_keys(page: Page) -> list[str]:
    return list(
        page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('rb-sessie:'))")
    )


def unlock(page: Page, password: str = PASSWORD) -> None:
    """Type the password and wait for the decrypted page (which replaces the document)."""
    expect(page.locator("#rb-wachtwoord")).to_be_visible()
    page.fill("#rb-wachtwoord", password)
    # "Openen" ends in document.open(): do not wait for a navigation that never comes.
    page.click("#rb-openen", no_wait_after=True)
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    # A function, not an expression: Playwright polls an expression with eval(), which the
    # page's CSP (no 'unsafe-eval') refuses when the page is not complete at the first try.
    page.wait_for_function("() => document.readyState === 'complete'")


def assert_locked(page: Page, group_name: str) -> None:
    expect(page.locator("#rb-wachtwoord")).to_be_visible()
    assert headings(page) == [SHELL_TITLE]
    assert page.locator("#rb-vergrendel").count() == 0
    assert group_name not in page.locator("body").inner_text()


def shoot(page: Page, folder: Path, name: str, *, full_page: bool = False) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# --------------------------------------------------------------------------- 1. handbook search

_RESULTS_FOR_JS = """query => {
    const box = document.querySelector('input.md-search__input');
    if (!box || box.value !== query) return false;
    const meta = document.querySelector('.md-search-result__meta');
    if (!meta || !/overeenkom/i.test(meta.textContent)) return false;
    const links = Array.from(document.querySelectorAll('a.md-search-result__link'));
    const shown = links.map(a => new URL(a.href).searchParams.get('h')).filter(Boolean);
    return shown.length > 0 && shown.every(h => h === query);
}"""


def search(page: Page, query: str) -> list[dict[str, str]]:
    """Type `query` into Material's search box; the result links once they are for this query."""
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.fill("")
    box.press_sequentially(query)  # Material reacts to key events, not to fill()
    try:
        page.wait_for_function(_RESULTS_FOR_JS, arg=query, timeout=30_000)
    except PlaywrightTimeoutError:
        meta = page.locator(".md-search-result__meta").inner_text()
        pytest.fail(f"search {query!r} gave no results: {meta!r}")
    return list(
        page.eval_on_selector_all(
            "a.md-search-result__link",
            "links => links.map(a => ({href: a.href, text: a.textContent.replace(/\\s+/g, ' ')}))",
        )
    )


def result_count(page: Page) -> int:
    """The number in Material's "N overeenkomende documenten"."""
    meta = page.locator(".md-search-result__meta").inner_text()
    match = re.search(r"(\d+)", meta)
    return int(match.group(1)) if match else (1 if "1 overeenkomend" in meta else 0)


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


# --------------------------------------------------------------------------- 2. booklet over HTTP


@pytest.mark.parametrize("gid", GROUPS)
def test_booklet_unlock_navigate_lock(web: Web, site: Site, gid: str, screenshots: Path) -> None:
    name = _group(gid)["groepsnaam"]
    page = web.new_page(DESKTOP)
    page.goto(site.booklet_url(gid))
    assert page.title() == SHELL_TITLE
    assert_locked(page, name)

    # A wrong password: a Dutch message, nothing of the booklet shown.
    page.fill("#rb-wachtwoord", "niet-het-goede-wachtwoord")
    page.click("#rb-openen", no_wait_after=True)
    expect(page.locator("#rb-melding")).to_contain_text("klopt niet", timeout=UNLOCK_TIMEOUT)
    assert_locked(page, name)
    expect(page.locator("#rb-openen")).to_be_enabled()
    assert page.input_value("#rb-wachtwoord") == "niet-het-goede-wachtwoord"  # kept, to correct
    assert stored_keys(page) == []

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

    # A fresh browser context knows nothing.
    fresh = web.new_page(DESKTOP)
    fresh.goto(site.booklet_url(gid, "signaleringsplan.html"))
    fresh.wait_for_load_state("load")
    fresh.wait_for_timeout(500)  # time enough for an unwanted automatic unlock
    assert_locked(fresh, name)
    assert stored_keys(fresh) == []
    web.assert_only_local()
    # Every file a booklet page asks for is there (no sitemap, search index or 404 page is
    # published, so nothing may ask for them).
    assert web.failed == []


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
    // Associated data: "resourceboek:2:<booklet folder>:<page path in it>", from the URL.
    const parts = new URL(url).pathname.split('/');
    const aad = `resourceboek:2:${parts[parts.length - 2]}:${parts[parts.length - 1]}`;
    const response = await fetch(url, {cache: 'no-store'});
    const shell = await response.text();
    const doc = new DOMParser().parseFromString(shell, 'text/html');
    const payload = JSON.parse(doc.querySelector('script#rb-versleuteld').textContent);
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
    assert payload["v"] == 2
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


# --------------------------------------------------------------------------- 5. accessibility

BLOCKING_IMPACTS = ("serious", "critical")


def _format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"        {summary[:400]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


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
