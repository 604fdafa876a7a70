"""'Mijn rol' sheets: only for the people the client chose, only their roles, tasks, the chosen
signaleringsplan parts and the next meeting; checked in the printed PDF."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathkit import CONFIG, ROOT, pdf_text
from resourceboek.cli.main import main
from resourceboek.groupfile import methode
from resourceboek.groupfile.load import parse_group
from resourceboek.groupfile.model import Groep
from resourceboek.groupfile.problems import GroupFileError
from resourceboek.pages.render import make_environment
from resourceboek.paper.rolecards import (
    role_card_file,
    role_card_holders,
    tasks_of,
    write_role_cards,
)

pytestmark = pytest.mark.pdf  # makes PDFs with WeasyPrint
TODAY = dt.date(2026, 11, 23)
NEVER = (
    "ik wil gaan sporten",  # a goal
    "rijbewijs",  # a long-term goal
    "Haldol",  # medication
    "Artane",
    "Kennisgemaakt",  # minutes
    "takenlijst",
    "fietsaanschaf",  # someone else's task
    "Bij mijn moeder thuis",  # a part not chosen
)


def _h(part: str) -> str:
    """A part's heading on Teun's role card, from the one source (methode/boekje.yml)."""
    headings = methode.client_voice()["volwassenen"]["rolkaart_signalering"]
    return str(headings[part]).format(client="Teun")


def data(gid: str) -> dict:
    return yaml.safe_load((ROOT / "groups" / f"{gid}.yml").read_text(encoding="utf-8"))


def card_text(path: Path) -> str:
    """The text of a card's PDF; list bullets are not text."""
    return " ".join(pdf_text(path).replace("•", " ").split())


def sheet_text(tmp_path: Path, groep: Groep, gid: str, key: str) -> str:
    [path] = write_role_cards(gid, groep, tmp_path, make_environment(), TODAY, only=[key])
    assert path.name == role_card_file(gid, key)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return card_text(path)


def test_no_sheet_unless_the_client_chose_it() -> None:
    teun = data("teun")
    assert role_card_holders(Groep.model_validate(teun)) == ["mieke", "rachid"]
    for person in teun["personen"].values():
        person.pop("rolkaart", None)
    assert role_card_holders(Groep.model_validate(teun)) == []


def test_tasks_are_quoted_from_the_clients_plan_and_never_the_goal() -> None:
    teun = Groep.model_validate(data("teun"))
    assert tasks_of(teun, "rachid") == [
        "In het plan van Teun staat bij jou en Teun: "
        "‘doen samen mee als de mannengroep in de wijk gaat sporten’",
        "In het plan van Teun staat bij jou: ‘helpt Teun herinneren en haalt hem op’",
    ]
    assert tasks_of(teun, "mieke") == []


def test_a_task_written_from_the_clients_side_is_never_rewritten() -> None:
    raw = data("teun")
    raw["kortetermijndoelen"][1]["taken"] = [{"wie": ["rachid"], "wat": "belt me om 7.30 uur"}]
    tasks = tasks_of(Groep.model_validate(raw), "rachid")
    assert tasks == ["In het plan van Teun staat bij jou: ‘belt me om 7.30 uur’"]
    assert not any(task.startswith("Belt me") for task in tasks)


def test_chosen_parts_roles_and_tasks_and_nothing_else(tmp_path: Path) -> None:
    text = sheet_text(tmp_path, Groep.model_validate(data("teun")), "teun", "rachid")
    assert "Mijn rol in de resourcegroep van Teun" in text
    assert "Voor Rachid." in text
    assert "Besproken op 17 november 2026." in text  # how old the plan is, for who acts on it
    assert "Procesbewaker: Je bent de informele voorzitter" in text
    assert "Deelnemer:" in text
    assert "‘helpt Teun herinneren en haalt hem op’" in text
    # Rachid's chosen parts: signalen, contact_bij_crisis, helpt, helpt_niet (not overnemen).
    assert f"{_h('signalen')} Ik word stil en trek mij terug" in text
    assert "Jetske (psychiater): 06 55555555" in text
    assert f"{_h('helpt')} Liggen op bed (niet slapen)" in text
    assert f"{_h('helpt_niet')} Blijven zitten in een rumoerige omgeving" in text
    assert _h("overnemen") not in text
    assert "Volgende bijeenkomst dinsdag 9 februari 2027, 19:00 tot 20:00" in text
    for never in NEVER:
        assert never not in text, never


def test_default_parts_for_a_member_without_a_choice(tmp_path: Path) -> None:
    text = sheet_text(tmp_path, Groep.model_validate(data("teun")), "teun", "mieke")
    assert "Notulist: Je maakt het verslag van de bijeenkomst." in text
    assert f"{_h('overnemen')} Niets, en vooral niets achter mijn rug om" in text
    assert _h("signalen") not in text
    for never in NEVER:
        assert never not in text, never


def test_medication_only_when_the_client_chose_it(tmp_path: Path) -> None:
    teun = data("teun")
    teun["personen"]["mieke"]["rolkaart_onderdelen"] = ["medicatie_weigeren"]
    text = sheet_text(tmp_path, Groep.model_validate(teun), "teun", "mieke")
    assert f"{_h('medicatie_weigeren')} Haldol" in text
    assert "Artane" not in text
    assert _h("helpt") not in text


def test_next_meeting_is_the_one_they_are_invited_to(tmp_path: Path) -> None:
    text = sheet_text(tmp_path, Groep.model_validate(data("sam")), "sam", "ingrid")
    assert "Volgende bijeenkomst maandag 18 januari 2027, 16:00 tot 17:00 bij Sam thuis" in text


def test_cli_makes_the_chosen_sheets_and_refuses_others(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["rolkaarten", "teun", "--print-dir", str(tmp_path), "-f", CONFIG])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rolkaart-teun-mieke.pdf",
        "rolkaart-teun-rachid.pdf",
    ]
    for value in ("Mieke", "Rachid", "06 ", "Teun "):
        assert value not in made.output
    refused = runner.invoke(
        main, ["rolkaarten", "teun", "joost", "--print-dir", str(tmp_path), "-f", CONFIG]
    )
    assert refused.exit_code == 1
    assert "zonder `rolkaart: true`" in refused.output
    assert not (tmp_path / "rolkaart-teun-joost.pdf").exists()


def test_unknown_sheet_part_and_task_person_are_reported() -> None:
    teun = data("teun")
    teun["personen"]["mieke"]["rolkaart_onderdelen"] = ["helpt", "medicatie"]
    teun["kortetermijndoelen"][0]["taken"] = [{"wie": ["p9"], "wat": "iets"}]
    raw = yaml.safe_dump(teun, allow_unicode=True).encode("utf-8")
    with pytest.raises(GroupFileError) as info:
        parse_group(raw, "g.yml", "g")
    found = {p.field: p.message for p in info.value.problems}
    assert found["personen.mieke.rolkaart_onderdelen[2]"].startswith(
        "dit is geen onderdeel van het signaleringsplan"
    )
    assert found["kortetermijndoelen[1].taken[1].wie[1]"].startswith(
        "deze sleutel staat niet bij `personen`"
    )
    assert not any("'medicatie'" in m for m in found.values())  # the typed value is not repeated


def test_bad_values_of_the_new_fields_are_told_in_dutch() -> None:
    teun = data("teun")
    teun["personen"]["mieke"]["rolkaart_onderdelen"] = ["Helpt"]
    teun["personen"]["mieke"]["nabijheid"] = "dichtbje"
    teun["kortetermijndoelen"][0]["taken"] = [{"wie": [], "wat": "iets"}]
    raw = yaml.safe_dump(teun, allow_unicode=True).encode("utf-8")
    with pytest.raises(GroupFileError) as info:
        parse_group(raw, "g.yml", "g")
    found = {p.field: p.message for p in info.value.problems}
    assert (
        found["kortetermijndoelen[1].taken[1].wie"] == "mag niet leeg zijn; noem er minstens één."
    )
    assert found["personen.mieke.rolkaart_onderdelen[1]"].startswith(
        "geen onderdeel van het signaleringsplan"
    )
    assert "Bedoelde je 'dichtbij'?" in found["personen.mieke.nabijheid"]
