"""The method's work in the group file (issue 27): consent before paper, the method's rules as
warnings, and the measurement picture (golden SVG).

After an intended change of the picture, look at it and write the golden files anew as every golden
file: `pytest --update-golden` (tests/goldenkit.py), then review the diff.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from goldenkit import GOLDEN, compare
from loadkit import SAM, TEUN, edit, load, warnings_of
from pathkit import ROOT
from resourceboek.cli.main import main
from resourceboek.groupfile import consent
from resourceboek.groupfile.load import load_groups
from resourceboek.groupfile.model import Groep
from resourceboek.groupfile.problems import GroupFileError
from resourceboek.groupfile.readiness import readiness
from resourceboek.pages.metingen_svg import metingen_svg
from resourceboek.pages.render import make_environment
from resourceboek.paper.letters import write_letters
from resourceboek.paper.rolecards import write_role_cards
from resourceboek.project.overview import phase_todo

CONFIG = str(ROOT / "mkdocs.yml")
TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("in_tmp")  # loadkit writes into the working directory


def example(gid: str) -> Groep:
    return load_groups([ROOT / "groups" / f"{gid}.yml"])[0].groep


def from_data(data: dict) -> Groep:
    return Groep.model_validate(data)


# --- consent: no letter and no 'Mijn rol' sheet without it --------------------------------------


def test_no_sheet_without_consent_and_nothing_is_written(tmp_path: Path) -> None:
    data = yaml.safe_load(TEUN)
    del data["toestemming"]["rachid"]
    data["toestemming"]["mieke"]["delen"] = ["rol"]
    with pytest.raises(consent.ConsentMissing) as caught:
        write_role_cards("teun", from_data(data), tmp_path, make_environment(), TODAY)
    assert caught.value.lines == [
        "mieke: geen toestemming vastgelegd; zet erin: `signaleringsplan` bij "
        "`toestemming.mieke.delen`.",
        "rachid: geen toestemming vastgelegd; zet erin: `toestemming.rachid.datum` en "
        "`toestemming.rachid.delen`.",
    ]
    assert list(tmp_path.iterdir()) == []


def test_no_letter_without_the_parents_consent_under_16(tmp_path: Path) -> None:
    sam = example("sam")
    assert sam.jonger_dan_16
    with pytest.raises(consent.ConsentMissing) as caught:
        write_letters("sam", sam, tmp_path, make_environment(), TODAY, only=["opa"])
    assert caught.value.lines == [
        "opa: geen toestemming vastgelegd; zet erin: `toestemming.opa.ouders` (de jongere is "
        "jonger dan 16)."
    ]
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_the_print_command_refuses_in_dutch_naming_key_and_field(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["letters", "sam", "opa", "--print-dir", str(tmp_path), "-f", CONFIG]
    )
    assert result.exit_code == 1
    assert "niets geprint; de jongere gaf nog geen toestemming" in result.output
    assert "opa: geen toestemming vastgelegd" in result.output
    assert "Opa Henk" not in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_readiness_says_whose_consent_is_missing_without_naming_them() -> None:
    text = edit(SAM, "    ouders: 2026-06-03\n", "")  # Noor's parents have not agreed yet
    [problem] = readiness(load(text), TODAY)
    assert problem.field == "personen[3]"
    assert problem.message == (
        "krijgt een blad 'Mijn rol', maar de toestemming ontbreekt; zet bij `toestemming` onder "
        "de sleutel van deze persoon: `ouders` (de jongere is jonger dan 16)."
    )
    assert "noor" not in problem.message.lower()


# --- the method's rules ---------------------------------------------------------------------------


def _messages(text: str) -> list[str]:
    return [f"{w.field}: {w.message}" for w in warnings_of(text)]


def test_the_examples_follow_the_method() -> None:
    assert warnings_of(SAM) == []


def test_regiebehandelaar_invited_to_the_youth_start() -> None:
    text = edit(SAM, "    uitgenodigd: [de-boer]\n", "")
    assert _messages(text) == [
        "bijeenkomsten[1].uitgenodigd: de regiebehandelaar is niet uitgenodigd voor deze "
        "startbijeenkomst; de methodiek adviseert de regiebehandelaar bij de startbijeenkomst "
        "(jongeren). Zet die bij `uitgenodigd`."
    ]


def test_regieondersteuner_at_every_meeting() -> None:
    text = edit(
        SAM,
        "deelnemers: [ingrid, bas, noor, fenna, yusuf]",
        "deelnemers: [ingrid, bas, noor, yusuf]",
    )
    found = _messages(text)
    assert len(found) == len(yaml.safe_load(SAM)["bijeenkomsten"])  # every meeting of Sam
    assert found[0].startswith(
        "bijeenkomsten[1].uitgenodigd: de regieondersteuner staat niet bij `deelnemers` en niet "
        "bij `uitgenodigd`; de methodiek adviseert de regieondersteuner bij elke bijeenkomst."
    )


def test_zorgverantwoordelijke_at_least_once_a_year() -> None:
    later = '  - datum: 2027-11-02\n    begintijd: "19:00"\n    soort: vervolg\n'
    text = edit(
        TEUN, "    uitgenodigd: [jetske, engelshoofd]\n", "    uitgenodigd: [engelshoofd]\n" + later
    )
    assert {m.split(":")[0] for m in _messages(text)} == {
        "langetermijndoelen[3]",
        "bijeenkomsten[5].uitgenodigd",
        "bijeenkomsten[5].datum",  # and the gap of half a year
    }
    assert "de zorgverantwoordelijke is dan al meer dan een jaar bij geen bijeenkomst" in " ".join(
        _messages(text)
    )


def test_unknown_consent_key_and_zrm_domain_are_errors() -> None:
    text = edit(SAM, "  opa:\n    datum: 2026-11-02", "  oppa:\n    datum: 2026-11-02")
    text = edit(text, "sociaal-netwerk: 2", "sociaal-netwrek: 2")
    with pytest.raises(GroupFileError) as caught:
        load(text)
    report = str(caught.value)
    assert "toestemming.oppa: deze sleutel staat niet bij `personen`" in report
    assert "Bedoelde je 'opa'?" in report
    assert "dit domein staat niet in bijlage 10b" in report
    assert "Bedoelde je 'sociaal-netwerk'?" in report


# --- the measurement picture ----------------------------------------------------------------------


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_measurement_picture_matches_its_golden_svg(gid: str, update_golden: bool) -> None:
    svg = str(metingen_svg(example(gid)))
    compare(GOLDEN / f"metingen-{gid}.svg", svg + "\n", update_golden)
    root = ET.fromstring(svg)  # well-formed
    assert root.get("viewBox", "").startswith("0 0 340 ")  # drawn for a 360 px screen
    assert root.get("role") == "img"
    assert root.get("aria-label")


def test_measurement_picture_escapes_every_text() -> None:
    data = yaml.safe_load(TEUN)
    data["metingen"]["qls_100"][0]["gebieden"][0] = "<script>x</script>"
    svg = str(metingen_svg(from_data(data)))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_no_picture_without_measurements() -> None:
    data = yaml.safe_load(SAM)
    del data["metingen"]
    assert str(metingen_svg(from_data(data))) == ""


# --- status: what the current phase still asks ----------------------------------------------------


def test_status_says_what_phase_two_still_asks() -> None:
    data = yaml.safe_load(SAM)
    data["fase"] = 2
    early = dt.date(2026, 6, 11)  # Ingrid and Bas held; Noor today, Yusuf and opa later
    assert phase_todo(from_data(data), early) == (
        "fase 2: 2 van 4 verdiepingsgesprekken gehouden; 2 teruggekoppeld; "
        "0 van 1 gesprekken met gezinsleden gehouden"
    )


def test_status_of_the_examples_names_counts_never_values() -> None:
    assert phase_todo(example("teun"), TODAY) == (
        "fase 6: overdracht vastgelegd; overdrachtsbijeenkomst gepland; 2 afspraken over opschaling"
    )
    assert phase_todo(example("sam"), TODAY) == (
        "fase 5: 1 van 3 themabijeenkomsten gehouden; 1 geëvalueerd"
    )


def test_readiness_of_a_salvaged_file_skips_consent_without_failing() -> None:
    text = edit(SAM, "  opa:\n    datum: 2026-11-02\n    delen: [uitnodiging]\n", "  opa: ja\n")
    text = edit(text, "  noor:\n    naam: Noor\n", "  noor: Noor\n  noor-oud:\n    naam: Noor\n")
    with pytest.raises(GroupFileError) as caught:
        load(text)
    salvaged = caught.value.partial
    assert salvaged is not None
    assert salvaged.groep.toestemming["opa"] is None  # what a salvaged part looks like
    assert list(consent.readiness_warnings(salvaged.groep, TODAY)) == []
