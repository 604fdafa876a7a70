"""Golden files: the rendered booklet pages of the example Teun and the handbook's blank forms.

Fast (no MkDocs): render.py's output compared with small readable files in tests/golden/. After an
intended change to a template, rewrite them with `pytest tests/test_golden.py --update-golden` and
review the diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from buildkit import EXAMPLES, TODAY
from resourceboek.groupfile.load import load_group
from resourceboek.pages.render import BOOKLET_PAGES, make_environment, render_booklet, render_form

GOLDEN = Path(__file__).resolve().parent / "golden"
FORMS = ("resourcegroepplan.md.j2", "signaleringsplan.md.j2", "contacten.md.j2")


def compare(path: Path, rendered: str, update: bool) -> None:
    """Assert `rendered` equals the golden file, or rewrite it under --update-golden."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run pytest --update-golden"
    assert rendered == path.read_text(encoding="utf-8"), f"{path} differs (see the docstring)"


@pytest.mark.parametrize("page", [p.file for p in BOOKLET_PAGES])
def test_booklet_page_of_teun(page: str, update_golden: bool) -> None:
    groep = load_group(EXAMPLES / "teun.yml", guidelines=False).groep
    pages = render_booklet(groep, TODAY, make_environment())
    compare(GOLDEN / "boekje-teun" / page, pages[page], update_golden)


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
@pytest.mark.parametrize("form", FORMS)
def test_blank_handbook_form(form: str, variant: str, update_golden: bool) -> None:
    rendered = render_form(form, make_environment(), variant, today=TODAY)
    name = form.removesuffix(".j2")
    compare(GOLDEN / "formulieren" / variant / name, rendered, update_golden)
