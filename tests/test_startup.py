"""The command line starts fast: the heavy libraries are imported only by the commands that need them."""

from __future__ import annotations

import os
import subprocess
import sys

from pathkit import EXAMPLES

HEAVY = ("mkdocs", "material", "weasyprint", "pikepdf", "mkdocs_to_pdf", "sass", "rich")


def modules_after(*args: str) -> set[str]:
    """The top-level modules loaded after running `resourceboek` with `args` in a fresh process."""
    code = (
        "import sys\n"
        "from resourceboek.cli.main import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(out.stdout.split())


def test_help_loads_no_heavy_library() -> None:
    assert modules_after("--help") & set(HEAVY) == set()


def test_check_of_files_loads_no_heavy_library() -> None:
    loaded = modules_after("check", str(EXAMPLES / "teun.yml"), str(EXAMPLES / "sam.yml"))
    assert "resourceboek" in loaded
    assert loaded & set(HEAVY) == set()


def test_import_changes_nothing_in_click_or_the_environment() -> None:
    code = (
        "import os, click.core\n"
        "before = click.core._\n"
        "import resourceboek.cli.main\n"
        "print(click.core._ is before, 'NO_MKDOCS_2_WARNING' in os.environ)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["True", "False"]
