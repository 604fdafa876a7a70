"""Shared test set-up: the tests import their helpers from this folder (the kits: pathkit, loadkit,
buildkit, browserkit, unlockkit); the browser fixtures of browserkit.py and the built project of
buildkit.py are offered to every test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
# The benchmark's synthetic groups (rbbench.synthetic) serve the tests as a factory too.
sys.path.insert(0, str(TESTS.parent / "benchmarks"))

# The browser tests' fixtures, one definition for every module (a test names the ones it uses).
from browserkit import (  # noqa: E402
    axe,
    bfcache_browser,
    browser,
    built_site,
    chromium,
    playwright,
    screenshots,
    site,
    web,
)

# The built example project, restored before each test that names it (tests of the site build).
from buildkit import built_once, built_project  # noqa: E402

__all__ = [
    "axe",
    "built_once",
    "built_project",
    "bfcache_browser",
    "browser",
    "built_site",
    "chromium",
    "playwright",
    "screenshots",
    "site",
    "web",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Write the rendered pages over tests/golden/ instead of comparing (then review the diff).",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts chromium (browserkit's `chromium` fixture) must carry the `browser`
    marker, or `make test-fast` would run it."""
    unmarked = [
        item.nodeid
        for item in items
        if "chromium" in getattr(item, "fixturenames", ())
        and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError("Browser tests without the browser marker: " + ", ".join(unmarked))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite the golden files (`pytest --update-golden`)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True, scope="session")
def _private_places(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads the developer's werkmap or writes into their cache folder (also subprocesses)."""
    saved = {
        name: os.environ.get(name)
        for name in ("XDG_CACHE_HOME", "RESOURCEBOEK_WORKSPACE", "RESOURCEBOEK_WERKMAP")
    }
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("RESOURCEBOEK_WORKSPACE", None)
    os.environ.pop("RESOURCEBOEK_WERKMAP", None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in tmp_path, so files written by bare name land there and messages show just the name."""
    monkeypatch.chdir(tmp_path)
