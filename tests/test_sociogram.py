"""The sociogram from a group file: sectors, rings, markers, labels free of overlap, names only.

The golden files hold the SVG of the two examples. After an intended change of the drawing, look at
it (README: "Sociogram") and write them anew as every golden file: `pytest --update-golden`
(tests/goldenkit.py), then review the diff.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from goldenkit import GOLDEN, compare, handbook_data_pages
from pathkit import ROOT
from resourceboek.groupfile.load import load_groups
from resourceboek.groupfile.methode import VARIANTS
from resourceboek.groupfile.model import Groep, Nabijheid
from resourceboek.pages.render import make_environment, render_booklet
from resourceboek.pages.sociogram import HALF_WIDTH, RING_RADII, Marker, layout, sectors_for
from resourceboek.pages.sociogram_svg import render_svg, sociogram_html, svg_html

SVG = "{http://www.w3.org/2000/svg}"


def example(gid: str) -> Groep:
    return load_groups([ROOT / "groups" / f"{gid}.yml"])[0].groep


def texts(svg: str) -> list[str]:
    """The text of every <text> element, its lines joined by a space."""
    root = ET.fromstring(svg)
    return [" ".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_examples_match_their_golden_svg(gid: str, update_golden: bool) -> None:
    svg = str(render_svg(layout(example(gid))))
    compare(GOLDEN / f"sociogram-{gid}.svg", svg + "\n", update_golden)


def test_teun_has_three_sectors_four_circles_and_every_marker() -> None:
    groep = example("teun")
    svg = str(render_svg(layout(groep)))
    root = ET.fromstring(svg)
    frame = root.find(f"{SVG}g")
    assert frame is not None
    radii = sorted(float(c.get("r", "0")) for c in frame.iter(f"{SVG}circle"))
    assert radii == sorted([30.0, *RING_RADII.values()])
    assert len(list(frame.iter(f"{SVG}line"))) == 3
    shown = texts(svg)
    assert {"Familie", "Naasten", "Professionals"} <= set(shown)
    assert "Werk" not in shown
    assert "School en werk" not in shown
    people = {n.key: n for n in layout(groep).nodes}
    assert set(people) == set(groep.personen)
    assert {k for k, n in people.items() if n.marker == Marker.member} == set(groep.deelnemers)
    assert {k for k, n in people.items() if n.marker == Marker.invitee} == set(groep.uitnodigen)
    assert people["engelshoofd"].marker == Marker.other  # only the huisarts role
    assert people["mieke"].ring is Nabijheid.dichtbij
    assert people["niels"].ring is Nabijheid.verder
    assert people["jetske"].sector == "professional"
    assert svg.count('stroke-dasharray="3 2"') == len(groep.uitnodigen)
    assert "Teun" in shown
    assert "Mieke" in shown


def test_sam_has_a_school_sector_and_belangrijke_anderen() -> None:
    groep = example("sam")
    drawing = layout(groep)
    assert [s.title for s in drawing.sectors] == [
        "Familie",
        "Naasten, vrienden en partner",
        "School en werk",
        "Professionals",
    ]
    people = {n.key: n for n in drawing.nodes}
    assert people["mentor"].sector == "school"
    assert people["opa"].marker == Marker.important
    svg = str(render_svg(drawing))
    assert svg.count("<polygon") == 1  # the one belangrijke ander
    assert "Opa Henk" in texts(svg)


def test_a_volwassenen_group_gets_a_work_sector_only_when_someone_works_with_them() -> None:
    data = _group(3)
    assert [s.key for s in sectors_for(Groep.model_validate(data))] == [
        "familie",
        "naaste",
        "professional",
    ]
    data["personen"]["p1"]["soort"] = "werk"
    titles = [s.title for s in sectors_for(Groep.model_validate(data))]
    assert titles == ["Familie", "Naasten", "Werk", "Professionals"]


def _group(count: int, soort: str | None = None, ring: str | None = None) -> dict:
    kinds = ["familie", "naaste", "professional", "school"]
    rings = ["dichtbij", "midden", "verder"]
    names = ["Huisartsenpraktijk De Linde", "Mieke", "Willem-Alexander", "dr. M. de Boer"]
    personen = {
        f"p{i}": {
            "naam": f"{names[i % len(names)]} {i}",
            "relatie": "buurvrouw",
            "soort": soort or kinds[i % 3],
            "nabijheid": ring or rings[i % 3],
            "telefoon": f"06 {10000000 + i}",
            "email": f"persoon{i}@example.org",
            "organisatie": "Stichting Privé",
        }
        for i in range(count)
    }
    return {
        "variant": "volwassenen",
        "client": "Maximiliaan",
        "groepsnaam": "Groep",
        "fase": 1,
        "startdatum": "2026-01-05",
        "personen": personen,
        "rollen": {"regieondersteuner": "p0"},
        "deelnemers": [f"p{i}" for i in range(0, count, 2)],
        "uitnodigen": [f"p{i}" for i in range(1, count, 4)],
        "belangrijke_anderen": [f"p{i}" for i in range(3, count, 4)],
    }


def _assert_no_overlap(groep: Groep) -> None:
    drawing = layout(groep)
    boxes = drawing.label_boxes()
    assert len(boxes) == 1 + len(drawing.sectors) + len(groep.personen)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    for node in drawing.nodes:
        dot = (node.x - 6, node.y - 6, node.x + 6, node.y + 6)
        for box in boxes:
            inside = (
                box.x < dot[2]
                and dot[0] < box.x + box.w
                and box.y < dot[3]
                and dot[1] < box.y + box.h
            )
            assert not inside, (node.key, box)
    v = drawing.view
    for box in boxes:
        assert v.x <= box.x
        assert box.x + box.w <= v.x + v.w
        assert v.y <= box.y
        assert box.y + box.h <= v.y + v.h


@pytest.mark.parametrize(
    ("soort", "ring"),
    [(None, None), ("familie", "dichtbij"), ("professional", "verder"), ("school", "midden")],
)
def test_fifteen_people_labels_never_overlap(soort: str | None, ring: str | None) -> None:
    """Fifteen people spread out, or all crowded into one sector and ring."""
    _assert_no_overlap(Groep.model_validate(_group(15, soort, ring)))


def test_fifteen_people_stay_readable_on_a_phone() -> None:
    """Spread over the sectors, the drawing stays about 30 letters wide: 11 px text at 360 px."""
    drawing = layout(Groep.model_validate(_group(15)))
    assert drawing.view.w <= 2 * HALF_WIDTH + 20
    font_px = 14 * 330 / drawing.view.w  # a booklet's column is about 330 px wide at 360 px
    assert font_px >= 10.5


def test_no_phone_email_or_organisation_reaches_the_drawing() -> None:
    groep = Groep.model_validate(_group(15))
    html = str(sociogram_html(groep))
    for person in groep.personen.values():
        assert person.telefoon
        assert person.telefoon not in html
        assert person.telefoon.replace(" ", "") not in html
        assert person.email
        assert person.email not in html
    assert "@" not in html
    assert not re.search(r"\d{6,}", html.replace("#212121", ""))
    assert "Privé" not in html
    assert "buurvrouw" not in html


def test_names_are_escaped() -> None:
    data = _group(2)
    data["personen"]["p1"]["naam"] = "<script>x</script> & Co"
    data["client"] = 'Teun"><b>'
    html = str(sociogram_html(Groep.model_validate(data)))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;x&lt;/scri" in html
    assert "&amp; Co" in html
    ET.fromstring(html)  # still well-formed


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_booklet_plan_page_holds_the_drawing_and_the_handbook_example_does_not(
    variant: str,
) -> None:
    groep = example("teun")
    pages = render_booklet(groep, dt.date(2026, 11, 23), make_environment())
    plan = pages["resourcegroepplan.md"]
    assert 'id="mijn-netwerk"' in plan
    assert plan.count("<svg") >= 1
    assert "Sociogram van Teun" in plan
    assert "<svg" not in pages["signaleringsplan.md"]
    form = handbook_data_pages()[f"{variant}/bijlagen/04-voorbeeld.md"]
    assert (
        "Resourcegroepplan van</dt><dd>Teun</dd>" in form
    )  # the filled-in plan, without a drawing
    assert "<svg" not in form
    assert "Mijn netwerk" not in form


def test_a_screen_reader_hears_every_full_name_with_its_ring_and_marker() -> None:
    groep = example("sam")
    svg = str(render_svg(layout(groep)))
    root = ET.fromstring(svg)
    assert root.get("aria-describedby") == "rb-sociogram-uitleg"
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert "Huisartsenpraktijk De Linde (verder, geen lid)" in (desc.text or "")
    assert "Opa Henk (midden, belangrijke ander)" in (desc.text or "")
    assert "School en werk: Meneer Jansen (midden, uitnodigen)." in (desc.text or "")


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", '" onload="x', "a & b", "'", Markup("<b>al veilig</b>"), ""],
)
def test_svg_formatting_escapes_as_markup_format_does(value: str) -> None:
    template = '<text x="{:.1f}" r="{}" class="{}">{}</text>'
    fast = svg_html(template, 1.25, 6.0, value, value)
    assert fast == Markup(template).format(1.25, 6.0, value, value)
    assert isinstance(fast, Markup)


def test_the_most_people_a_file_may_hold_fit_even_crowded_in_one_ring() -> None:
    """The format's cap on `personen` is what the label search must handle; all in one sector's
    ring is its slowest case (about a second here, minutes for the thousands it once accepted)."""
    from resourceboek.groupfile.model import MAX_PEOPLE

    _assert_no_overlap(Groep.model_validate(_group(MAX_PEOPLE, "familie", "dichtbij")))
