"""The built site in a real browser (Playwright with Debian's chromium): what the browser tests share.

The site is built once per test run into a temporary folder and served by a small stdlib HTTP
server on 127.0.0.1; each test module starts its own Chromium. Every request of every browser
context is recorded: nothing may go anywhere but that server (or file:, data:, blob:). The fixtures
are defined here and offered to every test by conftest.py; a test names the ones it uses.
What the lock page needs (the password, `unlock`, `assert_locked`) is in unlockkit.py.

Screenshots go to $RESOURCEBOEK_SCREENSHOTS (or a temporary folder, printed with -s).
"""

from __future__ import annotations

import contextlib
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
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from buildkit import copy_project
from pathkit import EXAMPLES, require

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
PHONE_TALL: ViewportSize = {"width": 360, "height": 800}
BOOKLET_PAGES = [
    "index.html",
    "resourcegroepplan.html",
    "signaleringsplan.html",
    "contacten.html",
    "themabijeenkomsten.html",
    "bijeenkomsten.html",
    "over-de-groep.html",
]


def example_group(gid: str) -> dict[str, Any]:
    """An example group file (groups/<gid>.yml) as data."""
    return dict(yaml.safe_load((EXAMPLES / f"{gid}.yml").read_text(encoding="utf-8")))


def example_phones(gid: str) -> set[str]:
    """Every phone number in an example group file."""
    return {
        str(p["telefoon"]) for p in example_group(gid)["personen"].values() if p.get("telefoon")
    }


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium; missing is a skip on a developer's machine and a failure under CI."""
    return Path(require(CHROMIUM, f"{CHROMIUM} (Debian: apt-get install chromium)"))


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    tokens: dict[str, str]  # group id -> folder under boekjes/

    def booklet_dir(self, gid: str) -> Path:
        return self.root / "boekjes" / self.tokens[gid]


@pytest.fixture(scope="session")
def built_site(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """`resourceboek build --no-pdf` into a temporary folder, once for the test run (the tests
    only read it; one that changes a booklet works on a copy, see unlockkit.copy_booklets)."""
    site_dir = tmp_path_factory.mktemp("site")
    project_dir = copy_project(tmp_path_factory.mktemp("project"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "resourceboek.cli.main",
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


PROBE_PATH = "/__probe.js"


class _ProbeHandler(_QuietHandler):
    """Serves `probe` at PROBE_PATH and has every lock page load it before its own scripts."""

    def __init__(self, *args: Any, probe: str, **kwargs: Any) -> None:
        self.probe = probe  # before the base class, which handles the request in __init__
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == PROBE_PATH:
            self._answer(self.probe.encode("utf-8"), "text/javascript")
            return
        file = Path(self.translate_path(path))
        if path.endswith(".html") and file.is_file():
            html = file.read_text(encoding="utf-8")
            if '<script id="rb-versleuteld"' in html:
                html = html.replace(
                    '<script id="rb-versleuteld"',
                    f'<script src="{PROBE_PATH}"></script>\n<script id="rb-versleuteld"',
                    1,
                )
                self._answer(html.encode("utf-8"), "text/html; charset=utf-8")
                return
        super().do_GET()

    def _answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, probe: str | None = None) -> Iterator[int]:
    """`folder` served over HTTP on 127.0.0.1 while the block runs; yields the port. With `probe`,
    every lock page loads that script first (same origin, so its CSP allows it): for a browser
    driver that cannot run a script in a new document before the page's own (WebKit's WebDriver)."""
    handler = (
        functools.partial(_QuietHandler, directory=str(folder))
        if probe is None
        else functools.partial(_ProbeHandler, directory=str(folder), probe=probe)
    )
    server = _LocalServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="test-server", daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site(built_site: BuiltSite) -> Iterator[Site]:
    with serve(built_site.root) as port:
        yield Site(built_site, port)


@pytest.fixture(scope="module")
def playwright(chromium: Path) -> Iterator[Playwright]:
    """Playwright for one module: a test may start its own (test_xss.py), never two at once."""
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


@pytest.fixture(scope="session")
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


def shoot(page: Page, folder: Path, name: str, *, full_page: bool = False) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


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


BLOCKING_IMPACTS = ("serious", "critical")


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"        {summary[:400]}")
    return "\n".join(lines)


def blocking_violations(axe: Axe, page: Page, where: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, as a report (or none)."""
    violations = axe.run(page).response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    return [format_violations(where, blocking)] if blocking else []


def all_violations(axe: Axe, page: Page, where: str) -> list[str]:
    """Every axe-core finding on the page as it is now, whatever its impact, as a report (or none)."""
    violations = axe.run(page).response["violations"]
    return [format_violations(where, violations)] if violations else []


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()
