"""Build the handbook and the example booklets with ProperDocs instead of MkDocs.

ProperDocs is a maintained continuation of MkDocs 1.6; after `properdocs.replacement` is imported,
every `mkdocs.*` import is served by `properdocs.*`. Run from a copy of the project (it writes its
state there): `python properdocs_build.py SITE_DIR`. Exit code 0 when both builds are complete.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import properdocs.replacement  # noqa: F401  (must come before anything imports mkdocs)
from mkdocs.commands import build as mkdocs_build

from resourceboek.cli.main import main
from resourceboek.protection.protect import decrypt_page

PAYLOAD = re.compile(r'<script id="rb-versleuteld" type="application/json">(.*?)</script>')


def check_booklet(folder: Path, password: str) -> None:
    """The booklet's start page opens with the password and shows its plan."""
    shell = (folder / "index.html").read_text(encoding="utf-8")
    match = PAYLOAD.search(shell)
    assert match, f"{folder}: no encrypted page"
    page = decrypt_page(json.loads(match.group(1)), password, folder.name, "index.html")
    assert "Resourcegroepplan" in page, f"{folder}: not a booklet page"


def run(site: Path) -> None:
    """Build everything with ProperDocs into `site` and check the result."""
    assert mkdocs_build.__name__.startswith("properdocs."), mkdocs_build.__name__
    # Not standalone: a failed build raises here instead of exiting quietly.
    main(["build", "--no-pdf", "--jobs", "2", "--site-dir", str(site)], standalone_mode=False)
    assert (site / "handboek" / "index.html").is_file()
    booklets = sorted(p for p in (site / "boekjes").iterdir() if p.is_dir())
    assert booklets, "no booklets"
    for folder in booklets:
        check_booklet(folder, "demo-boekje-voorbeeld")
    print(f"ProperDocs: handbook and {len(booklets)} booklets built in {site}")


if __name__ == "__main__":
    run(Path(sys.argv[1]).resolve())
