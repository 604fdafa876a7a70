"""What the lock-page tests share: their own Chromium (also one with the back-forward cache on)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright

from browserkit import CHROMIUM_ARGS, UNLOCK_TIMEOUT, Site, Web, _group, assert_locked

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


def copy_booklets(site: Site, tmp_path: Path) -> dict[str, Path]:
    """The built booklets copied into tmp_path (to change them), by group id."""
    shutil.copytree(site.built.root / "boekjes", tmp_path / "boekjes")
    return {gid: tmp_path / "boekjes" / token for gid, token in site.built.tokens.items()}
