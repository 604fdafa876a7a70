"""Shared test set-up: the tests import their helpers from this folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
# The benchmark's synthetic groups (rbbench.synthetic) serve the tests as a factory too.
sys.path.insert(0, str(TESTS.parent / "benchmarks"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Write the rendered pages over tests/golden/ instead of comparing (then review the diff).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite the golden files (`pytest --update-golden`)."""
    return bool(request.config.getoption("--update-golden"))
