"""Golden files: compare what the product renders with a file in tests/golden/, or rewrite it.

Every golden file updates the same way, after an intended change (then review the diff):
    .venv/bin/python -m pytest tests/test_golden.py tests/test_sociogram.py tests/test_cycle.py \
        --update-golden
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pathkit import ROOT
from resourceboek.groupfile.load import load_groups
from resourceboek.handbook.handbook import Organisation, render_handbook
from resourceboek.pages.render import make_environment

GOLDEN = Path(__file__).resolve().parent / "golden"


def compare(path: Path, rendered: str, update: bool) -> None:
    """Assert `rendered` equals the golden file, or rewrite it under --update-golden."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run pytest --update-golden"
    assert rendered == path.read_text(encoding="utf-8"), f"{path} differs: see tests/goldenkit.py"


@cache
def handbook_data_pages() -> dict[str, str]:
    """The handbook's pages drawn from data (bijlage 3 and 4 among them), as the build renders
    them: `render_handbook` with the handbook's own examples and no toolkit sources."""
    examples = load_groups([ROOT / "content" / "voorbeelden"], guidelines=False)
    by_variant = {loaded.groep.variant.value: loaded for loaded in examples}
    return render_handbook([], Organisation(), make_environment(), by_variant)
