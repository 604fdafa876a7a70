"""What the tests of the lock page share: the demo password, unlocking, and checking a page is locked.

The browser, the built site and its server are browserkit.py's fixtures (offered by conftest.py).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import yaml
from playwright.sync_api import Page, expect

from browserkit import GROUPS, Site, example_group, headings
from pathkit import EXAMPLES

GID = "teun"
SHELL_TITLE = "Beveiligd boekje"
UNLOCK_TIMEOUT = 30_000  # ms: PBKDF2 with 600 000 rounds, on a slow CI machine
STYLESHEETS_AT_WRITE = """(() => {
    const close = document.close.bind(document);
    document.close = function () {
        close();
        const links = Array.from(document.querySelectorAll('link[rel="stylesheet"]'));
        const loaded = links.filter(link => link.sheet !== null).length;
        (window.__rbStylesheets = window.__rbStylesheets || []).push([loaded, links.length]);
    };
})()"""
"""A script for every new document, before the page's own (Playwright's add_init_script): records,
the moment the decrypted page has been written (its document.close()), how many of its stylesheets
are already loaded. A script task ends before the browser paints, so "all" means the page's first
picture is a styled one."""
TEST_PASSWORD = "paars huis fiets"
"""The password of a page a test writes itself (`write_page`)."""


def _demo_password() -> str:
    data = yaml.safe_load((EXAMPLES / ".demo-wachtwoorden.yml").read_text(encoding="utf-8"))
    passwords = {data[g] for g in GROUPS}
    assert len(passwords) == 1, "the example groups are expected to share the demo password"
    return passwords.pop()


PASSWORD = _demo_password()


def name_of(gid: str = GID) -> str:
    return str(example_group(gid)["groepsnaam"])


def storage_dump(page: Page) -> str:
    return str(page.evaluate("JSON.stringify([{...sessionStorage}, {...localStorage}])"))


def stored_keys(page: Page) -> list[str]:
    return list(
        page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('rb-sessie:'))")
    )


def wait_open(page: Page) -> None:
    """Wait until the decrypted page has replaced the lock page."""
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    # A function, not an expression: Playwright polls an expression with eval(), which the
    # page's CSP (no 'unsafe-eval') refuses when the page is not complete at the first try.
    page.wait_for_function("() => document.readyState === 'complete'")


def unlock(page: Page, password: str = PASSWORD) -> None:
    """Type the password and wait for the decrypted page (which replaces the document)."""
    expect(page.locator("#rb-wachtwoord")).to_be_visible()
    page.fill("#rb-wachtwoord", password)
    # "Openen" ends in document.open(): do not wait for a navigation that never comes.
    page.click("#rb-openen", no_wait_after=True)
    wait_open(page)


def open_page(page: Page, url: str) -> None:
    """Go to another page of a booklet that is open: it opens with the kept key."""
    page.goto(url)
    wait_open(page)


def assert_locked(page: Page, group_name: str) -> None:
    expect(page.locator("#rb-wachtwoord")).to_be_visible()
    assert headings(page) == [SHELL_TITLE]
    assert page.locator("#rb-vergrendel").count() == 0
    assert group_name not in page.locator("body").inner_text()


def stays_locked(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(700)  # time enough for an unwanted automatic unlock
    assert_locked(page, name_of())


def copy_booklets(site: Site, tmp_path: Path) -> dict[str, Path]:
    """The built booklets copied into tmp_path (to change them), by group id."""
    shutil.copytree(site.built.root / "boekjes", tmp_path / "boekjes")
    return {gid: tmp_path / "boekjes" / token for gid, token in site.built.tokens.items()}


def write_page(folder: Path, title: str, counter: int | None = None) -> None:
    """index.html of `folder` as a page with heading `title` under TEST_PASSWORD (of the build
    with `counter`, when given)."""
    from resourceboek.pages.render import make_environment
    from resourceboek.protection import lockpage, protect

    key = protect.derive_key(TEST_PASSWORD, b"r" * 16, token=folder.name)
    if counter is not None:
        key = dataclasses.replace(key, counter=counter)
    html = f"<!doctype html><html><body><h1>{title}</h1><button id=rb-vergrendel>x</button>"
    payload = protect.encrypt_page(html + "</body></html>", key, "index.html")
    shell = lockpage.render_shell(payload, make_environment(), "")
    (folder / "index.html").write_text(shell, encoding="utf-8")
