"""The booklet in WebKit and Firefox, as in Chromium: the crisis help on the lock page, a wrong and
the right password, the decrypted page written with its stylesheets loaded (first unlock and with
the kept key), the menu, "Vergrendelen", and screenshots of Start at 360 and 1280 px.

WebKit is Debian's WebKitGTK (`WebKitWebDriver` starting its MiniBrowser, full screen so that the
window is the viewport) driven by Selenium on an Xvfb screen this module starts. Its WebDriver
cannot run a script in a new document before the page's own, so the lock pages are served with
the probe loaded first (browserkit.serve's `probe`: one same-origin script tag, nothing else of the
page changed). Firefox is Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core from
tests/engines/firefox.cjs (the probe through evaluateOnNewDocument); puppeteer-core is installed
outside the tests, from tests/engines/package-lock.json, by `make engines` (into .cache/engines/;
$RESOURCEBOEK_NODE_MODULES names another node_modules folder).

Each engine walks through the booklet once (a module fixture) and the tests check what it saw.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from browserkit import DESKTOP, BuiltSite, Site, serve
from pathkit import ROOT, require
from unlockkit import GID, PASSWORD, SHELL_TITLE, STYLESHEETS_AT_WRITE, name_of

pytestmark = pytest.mark.browser

ENGINES = ("webkit", "firefox")
PHONE = {"width": 360, "height": 800}
WRONG_PASSWORD = "rood huis fiets"
REFUSED = "Dit wachtwoord klopt niet. Controleer het en probeer het opnieuw."
OPEN_TIMEOUT = 30  # s: PBKDF2 with 600 000 rounds on a slow CI machine

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
FIREFOX = Path("/usr/bin/firefox-esr")
ENGINE_SCRIPTS = ROOT / "tests" / "engines"
NODE_MODULES = Path(
    os.environ.get("RESOURCEBOEK_NODE_MODULES", ROOT / ".cache" / "engines" / "node_modules")
)

# Errors of every document, kept on the window (document.open() removes the listeners: they are
# added again once the decrypted page is written).
ERRORS = """(() => {
    const errors = window.__rbErrors = window.__rbErrors || [];
    const listen = () => {
        addEventListener('error', e => errors.push(
            `${e.message || 'failed to load'} (${e.filename || (e.target && e.target.src) || ''})`), true);
        addEventListener('unhandledrejection', e => errors.push(`unhandled: ${e.reason}`));
    };
    listen();
    const close = document.close.bind(document);
    document.close = function () { close(); listen(); };
})()"""
PROBE = STYLESHEETS_AT_WRITE + ";\n" + ERRORS

LOCK_JS = """() => {
    const help = document.querySelector('.rb-hulp');
    const field = document.getElementById('rb-wachtwoord');
    const call = help && Array.from(help.querySelectorAll('a')).find(a => a.textContent.trim() === '112');
    const box = el => el.getBoundingClientRect();
    return {
        h1: Array.from(document.querySelectorAll('h1'), h => h.textContent.trim()),
        has_field: field !== null && box(field).height > 0,
        help_before_field: !!(help && field && box(help).bottom <= box(field).top
            && (help.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING)),
        call_112: call ? call.getAttribute('href') : null,
        call_112_in_view: !!call && box(call).top >= 0 && box(call).bottom <= innerHeight,
        body_text: document.body.innerText,
    };
}"""

OPEN_JS = """() => {
    const article = document.querySelector('article.rb-inhoud');
    const first = article && Array.from(article.children).find(e => !e.matches('h1.rb-titel-verborgen'));
    return {
        h1: Array.from(document.querySelectorAll('h1'), h => {
            const copy = h.cloneNode(true);
            copy.querySelectorAll('.headerlink').forEach(a => a.remove());
            return copy.textContent.trim();
        }),
        body_text: document.body.innerText,
        crisis_first: !!first && first.matches('.rb-crisis'),
        header_background: getComputedStyle(document.querySelector('.rb-kop')).backgroundColor,
        scroll_width: document.documentElement.scrollWidth,
        written: window.__rbStylesheets || [],
        errors: window.__rbErrors || [],
    };
}"""


# --------------------------------------------------------------------------- WebKit


def _minibrowser() -> Path | None:
    found = sorted(Path("/usr/lib").glob("*/webkit2gtk-4.1/MiniBrowser"))
    return found[0] if found else None


@contextlib.contextmanager
def _virtual_screen(xvfb: str) -> Iterator[str]:
    """An Xvfb screen on a free display number, while the block runs; yields the DISPLAY."""
    read, write = os.pipe()
    screen = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read, encoding="ascii") as answer:
            number = answer.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        screen.terminate()
        screen.wait(timeout=10)


def _walk_webkit(start: str, shots: Path, log: Path, display: str) -> dict[str, Any]:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(_minibrowser())
    for arg in ("--automation", "--full-screen", "--enable-write-console-messages-to-stdout=true"):
        options.add_argument(arg)
    service = webdriver.WebKitGTKService(
        executable_path=str(WEBKIT_DRIVER),
        log_output=str(log),
        env={**os.environ, "DISPLAY": display},
    )
    driver = webdriver.WebKitGTK(options=options, service=service)

    def run(js: str) -> Any:
        return driver.execute_script(f"return ({js})()")

    def until(check: Callable[[], object]) -> None:
        WebDriverWait(driver, OPEN_TIMEOUT).until(lambda _: check())

    def opened(title: str) -> bool:
        return bool(
            driver.title.startswith(title)
            and driver.find_elements(By.ID, "rb-vergrendel")
            and driver.execute_script("return document.readyState") == "complete"
        )

    seen: dict[str, Any] = {"engine": f"WebKitGTK {driver.capabilities.get('browserVersion')}"}
    try:
        driver.set_window_rect(width=PHONE["width"], height=PHONE["height"])
        driver.get(start)
        seen["lock"] = run(LOCK_JS)
        field = driver.find_element(By.ID, "rb-wachtwoord")
        field.send_keys(WRONG_PASSWORD)
        driver.find_element(By.ID, "rb-openen").click()
        until(lambda: "klopt niet" in driver.find_element(By.ID, "rb-melding").text)
        seen["wrong"] = {
            "message": driver.find_element(By.ID, "rb-melding").text,
            "still_locked": not driver.find_elements(By.ID, "rb-vergrendel"),
        }
        field.clear()
        field.send_keys(PASSWORD)
        driver.find_element(By.ID, "rb-openen").click()
        until(lambda: opened("Start"))
        seen["start"] = run(OPEN_JS)
        driver.save_screenshot(str(shots / "webkit-start-360.png"))
        driver.set_window_rect(width=DESKTOP["width"], height=DESKTOP["height"])
        seen["start_wide"] = {"scroll_width": run("() => document.documentElement.scrollWidth")}
        driver.save_screenshot(str(shots / "webkit-start-1280.png"))
        driver.set_window_rect(width=PHONE["width"], height=PHONE["height"])

        driver.find_element(By.CSS_SELECTOR, "details.rb-menu > summary").click()
        menu = driver.find_element(By.CSS_SELECTOR, "details.rb-menu nav")
        menu.find_element(By.LINK_TEXT, "Contacten").click()
        until(lambda: opened("Contacten"))
        seen["contacten"] = run(OPEN_JS)

        driver.find_element(By.ID, "rb-vergrendel").click()
        until(lambda: driver.find_elements(By.ID, "rb-wachtwoord"))
        until(lambda: driver.execute_script("return document.readyState") == "complete")
        seen["locked"] = run(LOCK_JS)
        seen["errors"] = run("() => window.__rbErrors || []")
    finally:
        driver.quit()
    return seen


@pytest.fixture(scope="module")
def webkit(
    built_site: BuiltSite, screenshots: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """What WebKit saw, walking through Teun's booklet once."""
    require(WEBKIT_DRIVER, f"{WEBKIT_DRIVER} (Debian: apt-get install webkit2gtk-driver)")
    require(_minibrowser(), "WebKitGTK's MiniBrowser (Debian: apt-get install webkit2gtk-driver)")
    xvfb = require(shutil.which("Xvfb"), "Xvfb (Debian: apt-get install xvfb)")
    log = tmp_path_factory.mktemp("webkit") / "webkit.log"
    with _virtual_screen(xvfb) as display, serve(built_site.root, probe=PROBE) as port:
        start = Site(built_site, port).booklet_url(GID)
        seen = _walk_webkit(start, screenshots, log, display)
    seen["console"] = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return seen


# --------------------------------------------------------------------------- Firefox


@pytest.fixture(scope="module")
def firefox(
    site: Site, screenshots: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """What Firefox saw, walking through Teun's booklet once (tests/engines/firefox.cjs)."""
    require(FIREFOX, f"{FIREFOX} (Debian: apt-get install firefox-esr)")
    node = require(shutil.which("node"), "node (Debian: apt-get install nodejs npm)")
    require(
        NODE_MODULES / "puppeteer-core" / "package.json",
        f"puppeteer-core in {NODE_MODULES} (make engines)",
    )
    installed = NODE_MODULES.parent / "package-lock.json"
    if (
        not installed.is_file()
        or installed.read_bytes() != (ENGINE_SCRIPTS / "package-lock.json").read_bytes()
    ):
        require(None, f"puppeteer-core in {NODE_MODULES} as tests/engines/ locks it (make engines)")
    args = {
        "firefox": str(FIREFOX),
        "start": site.booklet_url(GID),
        "password": PASSWORD,
        "wrong": WRONG_PASSWORD,
        "shots": str(screenshots),
        "probe": PROBE,
        "lock_js": LOCK_JS,
        "open_js": OPEN_JS,
    }
    # Puppeteer makes Firefox's profile in the temporary folder: the test's own, never /tmp.
    scratch = tmp_path_factory.mktemp("firefox-tmp")
    proc = subprocess.run(
        [node, str(ENGINE_SCRIPTS / "firefox.cjs"), json.dumps(args)],
        env={**os.environ, "NODE_PATH": str(NODE_MODULES), "TMPDIR": str(scratch)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, f"firefox.cjs failed:\n{proc.stdout}\n{proc.stderr}"
    return dict(json.loads(proc.stdout))


# --------------------------------------------------------------------------- the checks


@pytest.fixture(params=ENGINES)
def seen(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {"name": request.param, **request.getfixturevalue(request.param)}


def _report(seen: dict[str, Any]) -> str:
    """What to read when a check fails: the engine, its errors and console."""
    lines = [seen["engine"], *seen.get("errors", []), *seen.get("console", [])[-40:]]
    return "\n".join(map(str, lines))


def test_lock_page_shows_crisis_help_before_the_password(seen: dict[str, Any]) -> None:
    lock = seen["lock"]
    assert lock["h1"] == [SHELL_TITLE], _report(seen)
    assert lock["help_before_field"], _report(seen)
    assert lock["call_112"] == "tel:112"
    assert lock["call_112_in_view"], "the 112 link is not in the first view of a phone"
    assert name_of() not in lock["body_text"]


def test_wrong_password_refused_right_one_opens(seen: dict[str, Any]) -> None:
    assert seen["wrong"] == {"message": REFUSED, "still_locked": True}, _report(seen)
    start = seen["start"]
    assert start["h1"] == ["Start"], _report(seen)
    assert name_of() in start["body_text"]
    assert start["crisis_first"], "the crisis card is not the first thing in the article"


def test_decrypted_page_is_written_with_its_stylesheets(seen: dict[str, Any]) -> None:
    """Each [loaded, total] of the probe: at the first unlock and on a page opened with the kept
    key, every stylesheet is loaded when the page is written (no moment without style)."""
    for name in ("start", "contacten"):
        written = seen[name]["written"]
        assert written, f"{name}: the page was not written by the lock page\n{_report(seen)}"
        assert all(loaded == total >= 2 for loaded, total in written), (name, written)
        assert seen[name]["header_background"] != "rgba(0, 0, 0, 0)", name


def test_menu_opens_contacten_with_the_kept_key(seen: dict[str, Any]) -> None:
    contacten = seen["contacten"]
    assert contacten["h1"] == ["Contacten"], _report(seen)
    assert name_of() in contacten["body_text"]


def test_vergrendelen_shows_the_password_page(seen: dict[str, Any]) -> None:
    locked = seen["locked"]
    assert locked["h1"] == [SHELL_TITLE], _report(seen)
    assert locked["has_field"]
    assert name_of() not in locked["body_text"]


def test_no_script_errors(seen: dict[str, Any]) -> None:
    errors = [*seen.get("errors", []), *seen["start"]["errors"], *seen["contacten"]["errors"]]
    assert not errors, _report(seen)


def test_start_screenshots(seen: dict[str, Any], screenshots: Path) -> None:
    """Start at 360 and 1280 px, nothing wider than the screen (the pictures stay in the
    screenshots folder, to look at)."""
    assert seen["start"]["scroll_width"] <= PHONE["width"], seen["start"]["scroll_width"]
    assert seen["start_wide"]["scroll_width"] <= DESKTOP["width"]
    for width in (PHONE["width"], DESKTOP["width"]):
        shot = screenshots / f"{seen['name']}-start-{width}.png"
        assert int.from_bytes(shot.read_bytes()[16:20], "big") == width, shot  # PNG header
