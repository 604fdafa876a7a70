"""The crisis route in Chromium: on the lock page with the organisation's whole route, every line
of help, 112 last, is on a small phone's first screen and above the password field (a keyboard
covers what is below it); on paper, the booklet's crisis card shows every number.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from browserkit import Site, Web, shoot
from pathkit import pdf_text
from resourceboek.pages.render import make_environment
from resourceboek.protection import lockpage
from resourceboek.settings.model import OrganisationSettings
from unlockkit import GID, unlock

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


def test_on_paper_the_crisis_card_shows_every_number(web: Web, site: Site, tmp_path: Path) -> None:
    """Printed from the browser: "Meer nummers" unfolded (paper cannot be tapped), the booklet's
    buttons and page menu left out."""
    page = web.new_page()
    page.goto(site.booklet_url(GID, "signaleringsplan.html"))
    unlock(page)
    assert page.locator("details.rb-bel-meer").get_attribute("open") is None  # folded on screen
    pdf = tmp_path / "signaleringsplan.pdf"
    page.pdf(path=str(pdf))
    text = " ".join(pdf_text(pdf).split())
    assert "Meer nummers Bel Mijn moeder 06 66666666 Bel de huisarts" in text
    assert "Vergrendelen" not in text
    assert "Pagina's van je boekje" not in text
    assert page.locator("details.rb-bel-meer").get_attribute("open") is None  # folded again
