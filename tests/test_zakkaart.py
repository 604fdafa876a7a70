"""The pocket card: bank-card pages, every crisis number on it, a long plan shortened, not squeezed.

Printed straight from the core (no site build); read back with pypdf and poppler's pdftotext.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from pathkit import ROOT, poppler
from resourceboek.groupfile.model import Groep
from resourceboek.pages.crisiskaart import Crisislijn
from resourceboek.pages.render import make_environment
from resourceboek.paper.zakkaart import (
    LINE_CHARS,
    MORE,
    PANEL_LINES,
    fit_sections,
    make_zakkaart,
    panels,
    render_zakkaart,
)
from resourceboek.settings.model import EigenCrisislijn

pytestmark = pytest.mark.pdf

STYLESHEET = ROOT / "themes" / "pdf-boekje" / "zakkaart.css"
MM = 72 / 25.4
CARD = (85.6 * MM, 54 * MM)  # ISO/IEC 7810 ID-1, the Crisiskaart's panel
MIN_TYPE_PT = 7.0


def pdftotext(path: Path, *args: str) -> str:
    proc = subprocess.run(
        [poppler("pdftotext"), *args, str(path), "-"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def example(gid: str) -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "groups" / f"{gid}.yml").read_text(encoding="utf-8")))


def long_plan() -> Groep:
    """Twenty crisis contacts with numbers and every list of the plan long and wordy."""
    data = example("teun")
    for i in range(20):
        data["personen"][f"contact-{i}"] = {
            "naam": f"Contactpersoon met een lange naam {i}",
            "relatie": "buurvrouw van de overkant",
            "soort": "naaste",
            "telefoon": f"06 {40000000 + i:08d}",
        }
    data["signaleringsplan"]["contact_bij_crisis"] = [
        "resourcegroep",
        *(f"contact-{i}" for i in range(20)),
    ]
    sentence = "Rustig met mij praten over wat er gebeurt en niet te veel tegelijk vragen. "
    for key in ("helpt", "overnemen", "helpt_niet", "verblijfplaats", "opname"):
        data["signaleringsplan"][key] = [sentence * (i + 1) for i in range(8)]
    data["signaleringsplan"]["medicatie_helpt"] = [sentence * 12]
    data["signaleringsplan"]["medicatie_weigeren"] = [f"Middel {i}" for i in range(30)]
    return Groep.model_validate(data)


def crisis_numbers(groep: Groep) -> list[str]:
    keys = []
    for key in groep.signaleringsplan.contact_bij_crisis:
        keys.extend(groep.deelnemers if key == "resourcegroep" else [key])
    phones = [groep.personen[k].telefoon for k in keys]
    return [p for p in phones if p]


def printed(groep: Groep, tmp_path: Path) -> Path:
    path = tmp_path / "zakkaart.pdf"
    path.write_bytes(render_zakkaart(groep, Crisislijn(), make_environment(None), STYLESHEET))
    return path


def smallest_type(path: Path) -> float:
    """The height of the smallest word on the card, in points (about its font size)."""
    bbox = pdftotext(path, "-bbox")
    heights = []
    for line in bbox.splitlines():
        if line.lstrip().startswith("<word "):
            attrs = dict(part.split("=", 1) for part in line.split(">")[0].split()[1:])
            heights.append(float(attrs["yMax"].strip('"')) - float(attrs["yMin"].strip('"')))
    assert heights, "no text on the card"
    return min(heights)


def test_fit_sections_keeps_short_text_and_shortens_long_text() -> None:
    short = fit_sections([("Helpt", ["Muziek", "Wandelen"])])
    assert short.sections[0].items == ("Muziek", "Wandelen")
    assert not short.more
    long = fit_sections([("Helpt", ["x" * 1000, "y"]), ("Helpt niet", ["z"])])
    assert long.more
    lines = sum(1 + sum(-(-len(i) // LINE_CHARS) for i in s.items) for s in long.sections)
    assert lines <= PANEL_LINES - 1


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_every_page_is_a_bank_card_with_every_crisis_number(gid: str, tmp_path: Path) -> None:
    groep = Groep.model_validate(example(gid))
    path = printed(groep, tmp_path)
    reader = PdfReader(path)
    assert len(reader.pages) == len(panels(groep, Crisislijn()))  # nothing spilled over
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(CARD[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(CARD[1], abs=0.5)
    text = pdftotext(path)
    for number in [*crisis_numbers(groep), "0800-0113", "112"]:
        assert number in text, number
    assert groep.signaleringsplan.medicatie_weigeren[0] in " ".join(text.split())
    assert smallest_type(path) >= MIN_TYPE_PT


def test_a_long_plan_is_shortened_not_overflowed_or_shrunk(tmp_path: Path) -> None:
    groep = long_plan()
    path = printed(groep, tmp_path)
    card_panels = panels(groep, Crisislijn())
    reader = PdfReader(path)
    assert len(reader.pages) == len(card_panels)  # an overflowing panel would add a page
    assert all(float(p.mediabox.height) == pytest.approx(CARD[1], abs=0.5) for p in reader.pages)
    text = pdftotext(path)
    for number in crisis_numbers(groep):
        assert number in text, number
    assert MORE in text
    assert smallest_type(path) >= MIN_TYPE_PT


def test_card_is_encrypted_in_the_booklet_and_plain_only_in_the_print_copy(
    tmp_path: Path,
) -> None:
    site, prints = tmp_path / "boekje", tmp_path / "afdrukken"
    site.mkdir()
    groep = Groep.model_validate(example("teun"))
    env = make_environment(None)
    make_zakkaart(groep, Crisislijn(), env, STYLESHEET, "een wachtwoord", site, prints / "t.pdf")
    assert PdfReader(site / "zakkaart.pdf").is_encrypted
    assert "06 55555555" in pdftotext(site / "zakkaart.pdf", "-upw", "een wachtwoord")
    assert (prints / "t.pdf").stat().st_mode & 0o777 == 0o600
    assert not PdfReader(prints / "t.pdf").is_encrypted


def test_values_on_the_card_are_text(tmp_path: Path) -> None:
    payload = "<b>vet</b> <a href='javascript:alert(1)'>klik</a>"
    data = example("teun")
    data["client"] = "Teun <script>alert(1)</script>"
    data["signaleringsplan"]["helpt"] = [payload]
    path = printed(Groep.model_validate(data), tmp_path)
    text = " ".join(pdftotext(path).split())
    assert payload in text
    assert "<script>alert(1)</script>" in text
    links = [a for page in PdfReader(path).pages for a in page.get("/Annots") or []]
    assert links == []


SERVICES = (
    EigenCrisislijn(naam="Crisisdienst GGZ Noord", telefoon="010 1234599", uitleg="dag en nacht"),
    EigenCrisislijn(naam="Huisartsenpost Noord", telefoon="0900 1234567", uitleg="avond en nacht"),
)


def words_outside_the_panel(path: Path) -> list[str]:
    """Words whose box reaches into a panel's bottom padding (3 mm): clipped, or about to be."""
    bottom = CARD[1] - 3 * MM
    outside = []
    for line in pdftotext(path, "-bbox").splitlines():
        if line.lstrip().startswith("<word "):
            attrs = dict(part.split("=", 1) for part in line.split(">")[0].split()[1:])
            if float(attrs["yMax"].strip('"')) > bottom:
                outside.append(line.split(">")[1].split("<")[0])
    return outside


def test_card_shows_the_crisis_route_when_each_answers_and_the_plans_date(tmp_path: Path) -> None:
    groep = Groep.model_validate(example("teun"))
    path = tmp_path / "zakkaart.pdf"
    env = make_environment(None)
    path.write_bytes(render_zakkaart(groep, Crisislijn(), env, STYLESHEET, services=SERVICES))
    text = " ".join(pdftotext(path).split())
    assert "ma, di en do 9-17 uur" in text  # Harry's bereikbaar
    assert "Bel eerst de bovenste." in text
    for number in ["010 1234599", "0900 1234567", "0800-0113"]:
        assert number in text, number
    order = [
        "Mijn moeder",  # the plan's last contact
        "Huisarts S. Engelshoofd",
        "Crisisdienst GGZ Noord dag en nacht",
        "Huisartsenpost Noord avond en nacht",
        "113 Zelfmoordpreventie",
        "bel 112",
        "Dit plan is besproken op 17 november 2026.",
    ]
    places = [text.index(item) for item in order]
    assert places == sorted(places)  # the plan's order: people, the organisation's route, 112
    assert words_outside_the_panel(path) == []


def test_a_long_crisis_route_stays_inside_its_panels(tmp_path: Path) -> None:
    data = long_plan().model_dump(mode="json", exclude_none=True)
    for i in range(0, 20, 2):  # every other one: when they answer, short or far too long
        data["personen"][f"contact-{i}"]["bereikbaar"] = "op werkdagen na 17 uur " * (1 + i % 3)
    groep = Groep.model_validate(data)
    path = tmp_path / "zakkaart.pdf"
    env = make_environment(None)
    path.write_bytes(render_zakkaart(groep, Crisislijn(), env, STYLESHEET, services=SERVICES))
    assert len(PdfReader(path).pages) == len(panels(groep, Crisislijn(), SERVICES))
    text = pdftotext(path)
    for number in [*crisis_numbers(groep), "010 1234599", "0900 1234567", "0800-0113"]:
        assert number in text, number
    assert words_outside_the_panel(path) == []
