"""The lock page with the organisation's whole crisis route, in Chromium: on a small phone every
line of help, 112 last, is on the first screen and above the password field (a keyboard covers
what is below it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from browserkit import Site, Web, shoot
from resourceboek.pages.render import make_environment
from resourceboek.protection import lockpage
from resourceboek.settings.model import OrganisationSettings
from unlockkit import GID

pytestmark = pytest.mark.browser

SMALL_PHONE: ViewportSize = {"width": 320, "height": 568}
ROUTE = {
    "organisatie": {"naam": "GGZ Voorbeeld", "team": "Team Noord", "telefoon": "050 123 45 67"},
    "crisisdienst": {
        "naam": "Crisisdienst GGZ Voorbeeld",
        "telefoon": "088 123 45 67",
        "uitleg": "via de huisartsenpost",
    },
    "huisartsenpost": {
        "naam": "Huisartsenpost Noord",
        "telefoon": "0900 123 45 67",
        "uitleg": "avond, nacht en weekend",
    },
}


def lock_page_with_route(site: Site, tmp_path: Path) -> Path:
    """A copy of teun's booklet whose start page is locked with the organisation's route."""
    folder = tmp_path / "boekje"
    shutil.copytree(site.built.booklet_dir(GID), folder)
    index = folder / "index.html"
    payload = lockpage.payload_of(index.read_text(encoding="utf-8"))
    assert payload
    slot = lockpage.lock_settings(OrganisationSettings.model_validate(ROUTE))
    index.write_text(lockpage.render_shell(payload, make_environment(), "", settings=slot))
    return index


def test_the_whole_route_is_above_the_password_on_a_small_phone(
    web: Web, site: Site, tmp_path: Path, screenshots: Path
) -> None:
    page = web.new_page(SMALL_PHONE)
    page.goto(lock_page_with_route(site, tmp_path).as_uri())
    page.wait_for_load_state("load")
    box = page.locator(".rb-hulp")
    links = [box.get_by_role("link", name=n) for n in ("088 123 45 67", "0900 123 45 67", "112")]
    tops = []
    for link in links:
        where = link.bounding_box()
        assert where
        assert where["y"] + where["height"] <= SMALL_PHONE["height"], where
        tops.append(where["y"])
    assert tops == sorted(tops)  # the order to call: crisisdienst, huisartsenpost, ..., 112
    help_box, field = box.bounding_box(), page.locator("#rb-wachtwoord").bounding_box()
    assert help_box
    assert field
    assert help_box["y"] + help_box["height"] <= min(field["y"], SMALL_PHONE["height"])
    shoot(page, screenshots, "slot-route-320", full_page=True)
