"""Readiness warnings ("klaar om uit te reiken") for a valid group file, as of a given day."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from buildkit import make_project
from loadkit import edit, line_of
from resourceboek.build.inputs import prepare_groups
from resourceboek.cli.main import new_group_text
from resourceboek.groupfile.load import LoadedGroup, parse_group
from resourceboek.groupfile.problems import GroupFileError, Severity
from resourceboek.groupfile.readiness import PLACEHOLDERS, is_placeholder, readiness

ROOT = Path(__file__).resolve().parent.parent
TEUN = (ROOT / "groups" / "teun.yml").read_text(encoding="utf-8")
SAM = (ROOT / "groups" / "sam.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 29)  # teun: last meeting 2026-11-17, next 2027-02-09
NAME = "groups/groep-x.yml"


def parse(text: str) -> LoadedGroup:
    return parse_group(text.encode("utf-8"), NAME, "groep-x")


def fields(text: str, today: dt.date = TODAY) -> list[str]:
    found = readiness(parse(text), today)
    assert all(p.severity is Severity.warning for p in found)
    return [p.field for p in found]


def test_the_filled_in_examples_are_ready() -> None:
    assert readiness(parse(TEUN), TODAY) == []
    assert readiness(parse(SAM), TODAY) == []


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_every_placeholder_of_a_new_file_is_reported(variant: str) -> None:
    text = new_group_text("groep-x", variant, today=dt.date(2026, 11, 1))
    for value in PLACEHOLDERS.values():
        assert value in text  # the template writes each placeholder (one definition)
    found = readiness(parse(text), dt.date(2026, 11, 1))
    placeholder_fields = {p.field for p in found if "invulvoorbeeld" in p.message}
    assert placeholder_fields == {
        "client",
        "groepsnaam",
        "personen[1].naam",
        "personen[1].telefoon",
        "personen[1].email",
        "personen[2].naam",
        "personen[2].organisatie",
        "personen[3].naam",
        "langetermijndoelen[1]",
        "kortetermijndoelen[1].doel",
        *(
            f"kortetermijndoelen[1].{q}"
            for q in ("hoe_is_het_nu", "wat_gaat_goed", "wat_is_nodig", "wie_gaat_wat_doen")
        ),
        "kortetermijndoelen[1].hoe_is_te_zien",
        "bijeenkomsten[1].locatie",
    }
    client_line = next(p.line for p in found if p.field == "client")
    assert client_line == line_of(text, "\nclient:") + 1


def test_messages_never_repeat_a_value() -> None:
    text = new_group_text("groep-x", "volwassenen", today=dt.date(2026, 11, 1))
    for problem in readiness(parse(text), dt.date(2027, 6, 1)):
        for value in (*PLACEHOLDERS.values(), "zus", "regie", "behandelaar"):
            assert value not in problem.message, (value, problem)
        assert "zus" not in problem.field
        assert "regie" not in problem.field


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Voornaam", True),
        ("De groep van Voornaam", True),
        ("Naam regieondersteuner", True),
        ("Ik wil ...", True),
        ("...", True),
        ("Waar?", True),
        ("Mieke", False),
        ("Naamloos", False),
        ("Ik wil weer werken.", False),
        ("De Voornaamste Zaak", False),
    ],
)
def test_is_placeholder(value: str, expected: bool) -> None:
    assert is_placeholder(value) is expected


def test_crisis_contact_without_phone() -> None:
    text = edit(TEUN, '    telefoon: "06 55555555"\n', "")  # jetske, second crisis contact
    found = readiness(parse(text), TODAY)
    assert [(p.line, p.field) for p in found] == [
        (line_of(text, "contact_bij_crisis:"), "signaleringsplan.contact_bij_crisis[2]")
    ]
    assert "geen `telefoon`" in found[0].message


def test_empty_signals_and_crisis_contacts() -> None:
    text = re.sub(r"  signalen:\n(    - .*\n)+", "  signalen: []\n", TEUN)
    text = edit(
        text, "contact_bij_crisis: [resourcegroep, jetske, moeder]", "contact_bij_crisis: []"
    )
    assert fields(text) == ["signaleringsplan.signalen", "signaleringsplan.contact_bij_crisis"]


def test_no_meeting_at_all() -> None:
    text = TEUN[: TEUN.index("\nbijeenkomsten:")] + "\n"
    found = readiness(parse(text), TODAY)
    assert [p.field for p in found] == ["bijeenkomsten"]
    assert "geen volgende bijeenkomst" in found[0].message


def test_every_meeting_in_the_past() -> None:
    later = dt.date(2027, 6, 1)
    found = readiness(parse(TEUN), later)
    assert [(p.line, p.field) for p in found] == [
        (line_of(TEUN, "- datum: 2027-05-04"), "bijeenkomsten[4].datum")
    ]
    assert "geen volgende gepland" in found[0].message


def test_next_meeting_more_than_three_months_after_the_last() -> None:
    text = edit(TEUN, "datum: 2027-02-09", "datum: 2027-04-09")
    assert fields(text) == ["bijeenkomsten[3].datum"]
    # Before the last meeting took place, the gap to the one after it is not yet "the next".
    assert fields(text, dt.date(2026, 9, 2)) == []


def test_a_build_warns_and_strict_stops_it(tmp_path: Path) -> None:
    text = new_group_text("groep-x", "volwassenen", today=dt.date(2026, 11, 1))
    project = make_project(tmp_path, {"groep-x": text})
    found = prepare_groups(project, only=None, strict=False, today=TODAY)
    assert "client" in {w.field for w in found.warnings}
    with pytest.raises(GroupFileError) as info:
        prepare_groups(project, only=None, strict=True, today=TODAY)
    assert "client" in {p.field for p in info.value.errors}
