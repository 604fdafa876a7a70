"""The benchmark's synthetic groups as a factory: many varied, valid groups without a build."""

from __future__ import annotations

import pytest

from buildkit import TODAY
from rbbench.synthetic import group_yaml, make_group
from resourceboek.groupfile.load import parse_group
from resourceboek.pages.render import BOOKLET_PAGES, make_environment, render_booklet


@pytest.mark.parametrize("index", range(8))
def test_synthetic_group_is_valid_and_renders(index: int) -> None:
    data = make_group(index, seed=11)
    loaded = parse_group(group_yaml(data).encode("utf-8"), f"groups/s{index}.yml", f"s{index}")
    assert not loaded.warnings
    assert loaded.groep.client == data["client"]
    pages = render_booklet(loaded.groep, TODAY, make_environment())
    assert set(pages) == {page.file for page in BOOKLET_PAGES}


def test_factory_is_reproducible_and_varied() -> None:
    assert make_group(3, seed=5) == make_group(3, seed=5)
    assert {make_group(i, seed=5)["variant"] for i in range(2)} == {"volwassenen", "jongeren"}
