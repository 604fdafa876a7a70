"""The client's booklet in a real browser at phone size: who to call, the agenda file, text zoom.

Reuses the site, server and browser of browserkit.py (built once for this module).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize

import browserkit as tb
from browserkit import (
    BOOKLET_PAGES,
    UNLOCK_TIMEOUT,
    Site,
    Web,
    _group,
    assert_no_horizontal_scroll,
    shoot,
    unlock,
)

# The fixtures of browserkit.py, shared by name (the site is built once for this module too).
chromium = tb.chromium
built_site = tb.built_site
site = tb.site
browser = tb.browser
web = tb.web
screenshots = tb.screenshots

pytestmark = pytest.mark.browser

PHONE_TALL: ViewportSize = {"width": 360, "height": 800}
GROUPS = ("teun", "sam")


def crisis_phones(gid: str) -> list[str]:
    """Every number the plan says to call: named crisis contacts and the group's members."""
    data = _group(gid)
    keys: list[str] = []
    for key in data["signaleringsplan"]["contact_bij_crisis"]:
        keys.extend(data["deelnemers"] if key == "resourcegroep" else [key])
    people = data["personen"]
    phones = [people[k].get("telefoon") for k in keys if k in people]
    return list(dict.fromkeys(p for p in phones if p))


def tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def open_page(page: Page, site: Site, gid: str, name: str) -> None:
    page.goto(site.booklet_url(gid, name))
    page.wait_for_selector("#rb-vergrendel", timeout=UNLOCK_TIMEOUT)
    page.wait_for_function("() => document.readyState === 'complete'")


def assert_call_buttons_in_first_view(page: Page, phones: list[str]) -> None:
    height = PHONE_TALL["height"]
    for phone in [*phones, "112"]:
        button = page.locator(f'.rb-crisis a[href="{tel(phone)}"]').first
        box = button.bounding_box()
        assert box is not None, f"no call button for {phone}"
        assert box["y"] >= 0, phone
        assert box["y"] + box["height"] <= height, f"{phone}: below the first view ({box})"
        assert box["height"] >= 44, f"{phone}: tap target {box['height']} px high"
        assert box["width"] >= 44, phone


@pytest.mark.parametrize("gid", GROUPS)
def test_every_crisis_number_is_one_tap_away_at_360x800(
    web: Web, site: Site, gid: str, screenshots: Path
) -> None:
    phones = crisis_phones(gid)
    assert len(phones) >= 4
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url(gid))
    unlock(page)
    assert page.evaluate("() => window.scrollY") == 0
    assert_call_buttons_in_first_view(page, phones)
    shoot(page, screenshots, f"boekje-{gid}-start-crisis-360")
    open_page(page, site, gid, "signaleringsplan.html")
    assert_call_buttons_in_first_view(page, phones)
    shoot(page, screenshots, f"boekje-{gid}-signaleringsplan-crisis-360")
    web.assert_only_local()


def ics_fields(text: str) -> dict[str, str]:
    """The properties of an .ics file (RFC 5545: folded lines joined, text unescaped)."""
    assert text.startswith("BEGIN:VCALENDAR\r\n"), text[:40]
    assert text.rstrip("\r\n").endswith("END:VCALENDAR")
    lines = text.replace("\r\n ", "").split("\r\n")
    fields: dict[str, str] = {}
    for line in filter(None, lines):
        name, _, value = line.partition(":")
        unescaped = re.sub(r"\\([\\;,])", r"\1", value).replace("\\n", "\n")
        fields.setdefault(name.split(";")[0], unescaped)
    return fields


def test_in_mijn_agenda_downloads_the_next_meeting(web: Web, site: Site) -> None:
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url("teun"))
    unlock(page)
    button = page.get_by_role("button", name="In mijn agenda")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    fields = ics_fields(Path(download.path()).read_bytes().decode("utf-8"))
    assert fields["BEGIN"] == "VCALENDAR"
    assert fields["DTSTART"] == "20270209T190000"
    assert fields["DTEND"] == "20270209T200000"
    assert fields["LOCATION"] == "buurthuis De Kern, zaal 2"
    assert fields["SUMMARY"] == "Bijeenkomst de groep van Teun"
    web.assert_only_local()


@pytest.mark.parametrize("gid", GROUPS)
def test_no_sideways_scroll_at_200_percent_text(web: Web, site: Site, gid: str) -> None:
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url(gid))
    unlock(page)
    for name in BOOKLET_PAGES:
        open_page(page, site, gid, name)
        # Text zoom: the root font twice as large (what the browser's text size setting does).
        page.evaluate(
            "() => { const root = document.documentElement;"
            " root.style.fontSize = 2 * parseFloat(getComputedStyle(root).fontSize) + 'px'; }"
        )
        assert_no_horizontal_scroll(page, PHONE_TALL["width"])


def test_notes_readable_and_no_empty_footer_strip_on_a_phone(web: Web, site: Site) -> None:
    page = web.new_page(PHONE_TALL)
    page.goto(site.booklet_url("teun"))
    unlock(page)
    open_page(page, site, "teun", "bijeenkomsten.html")
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    text = page.locator("article p").first.evaluate(size)
    note = page.locator("article .admonition p").last.evaluate(size)
    assert note >= text, f"NB in {note} px, the text around it in {text} px"
    strip = page.locator(".md-footer-meta")
    assert strip.count() == 0 or not strip.is_visible()
