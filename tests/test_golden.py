"""Golden files: what the product renders, compared with small readable files in tests/golden/.

Fast (no MkDocs): the booklet pages of the example Teun (`render_booklet`) and the handbook's forms,
bijlage 3 (blank) and bijlage 4 (the toolkit's example) per variant (`render_handbook`), each
through the code the build runs. After an intended change to a template, rewrite every golden file
with `pytest --update-golden` (tests/goldenkit.py) and review the diff like any other change.
"""

from __future__ import annotations

import pytest

from buildkit import EXAMPLES, TODAY
from goldenkit import GOLDEN, compare, handbook_data_pages
from resourceboek.groupfile.load import load_group
from resourceboek.groupfile.methode import VARIANTS
from resourceboek.pages.render import BOOKLET_PAGES, make_environment, render_booklet

FORM_PAGES = ("bijlagen/03-resourcegroepplan.md", "bijlagen/04-voorbeeld.md")
"""Bijlage 3 and 4: the handbook's forms, blank and filled in."""


@pytest.mark.parametrize("page", [p.file for p in BOOKLET_PAGES])
def test_booklet_page_of_teun(page: str, update_golden: bool) -> None:
    groep = load_group(EXAMPLES / "teun.yml", guidelines=False).groep
    pages = render_booklet(groep, TODAY, make_environment())
    compare(GOLDEN / "boekje-teun" / page, pages[page], update_golden)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("page", FORM_PAGES)
def test_handbook_form_page(page: str, variant: str, update_golden: bool) -> None:
    rendered = handbook_data_pages()[f"{variant}/{page}"]
    compare(GOLDEN / "handboek" / variant / page, rendered, update_golden)
