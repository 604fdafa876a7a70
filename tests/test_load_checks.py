"""Checking group files: the method's guideline warnings, and every problem of a file in one run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from loadkit import (
    NAME,
    SAM,
    TEUN,
    edit,
    edit_line,
    errors_of,
    line_of,
    load,
    teun_warning,
    warnings_of,
    write,
)
from resourceboek.groupfile.load import load_groups
from resourceboek.groupfile.problems import GroupFileError, Severity

pytestmark = pytest.mark.usefixtures("in_tmp")

# --- guideline warnings: the file still loads ----------------------------------------------------

EXTRA_GOAL = """\
  - doel: ik wil leren koken.
    hoe_is_het_nu: Ik eet vaak kant-en-klaar.
    wat_gaat_goed: Ik help graag mee in de keuken.
    wat_is_nodig: Iemand die het voordoet.
    wie_gaat_wat_doen: Opa Henk kookt elke zondag met mij.
    hoe_is_te_zien: Ik kook een keer per week zelf.
"""


def test_sam_has_no_warnings_to_start_with() -> None:
    assert warnings_of(SAM) == []


def test_fourth_short_term_goal_warns() -> None:
    assert len(yaml.safe_load(SAM)["kortetermijndoelen"]) == 3
    text = edit(SAM, "\nsignaleringsplan:", "\n" + EXTRA_GOAL + "\nsignaleringsplan:")
    assert warnings_of(text) == []  # Sam's third goal is achieved: only goals in progress count
    text = edit(text, "status: bereikt", "status: loopt")
    [warning] = warnings_of(text)
    assert warning.severity is Severity.warning
    assert str(warning) == (
        f"{NAME}:{line_of(text, '- doel: ik wil leren koken.')}: kortetermijndoelen[4]: de "
        "methodiek adviseert maximaal drie kortetermijndoelen die lopen; er lopen er vier (een "
        "bereikt of gestopt doel telt niet mee). Kies de drie die nu het belangrijkst zijn."
    )


def test_third_long_term_goal_warns() -> None:
    last = yaml.safe_load(SAM)["langetermijndoelen"][-1]
    text = edit(SAM, f"  - {last}\n", f"  - {last}\n  - een rijbewijs halen\n")
    [warning] = warnings_of(text)
    assert warning.severity is Severity.warning
    assert str(warning) == (
        f"{NAME}:{line_of(text, '- een rijbewijs halen')}: langetermijndoelen[3]: de methodiek "
        "adviseert maximaal twee langetermijndoelen; er staan er drie."
    )


def test_meeting_longer_than_an_hour_warns() -> None:
    first = yaml.safe_load(SAM)["bijeenkomsten"][0]
    assert (first["begintijd"], first["eindtijd"]) == ("16:00", "17:00")
    text = edit(SAM, 'eindtijd: "17:00"', 'eindtijd: "17:15"')
    [warning] = warnings_of(text)
    assert warning.severity is Severity.warning
    assert str(warning) == (
        f"{NAME}:{line_of(text, '17:15')}: bijeenkomsten[1].eindtijd: deze bijeenkomst duurt "
        "75 minuten; de methodiek adviseert hooguit een uur."
    )


@pytest.mark.parametrize(("days", "warns"), [(105, False), (106, True), (200, True)])
def test_long_gap_between_meetings_warns(days: int, warns: bool) -> None:
    meetings = yaml.safe_load(SAM)["bijeenkomsten"]
    previous, last = meetings[-2]["datum"], meetings[-1]["datum"]
    moved = previous + dt.timedelta(days=days)
    text = edit(SAM, f"datum: {last.isoformat()}", f"datum: {moved.isoformat()}")
    expected = [
        f"{NAME}:{line_of(text, f'datum: {moved.isoformat()}')}: "
        f"bijeenkomsten[{len(meetings)}].datum: {days} dagen na de vorige bijeenkomst; "
        "de methodiek adviseert ongeveer eens per drie maanden."
    ]
    assert [str(w) for w in warnings_of(text)] == (expected if warns else [])


def _without_answers(goal_index: int) -> tuple[str, str]:
    goal = yaml.safe_load(SAM)["kortetermijndoelen"][goal_index]
    text = edit(SAM, f"    wat_gaat_goed: {goal['wat_gaat_goed']}\n", "")
    text = edit(text, f"    hoe_is_te_zien: {goal['hoe_is_te_zien']}\n", "")
    return text, goal["doel"]


def test_short_term_goal_missing_answers_warns() -> None:
    assert yaml.safe_load(SAM)["kortetermijndoelen"][1]["status"] == "nieuw"
    text, doel = _without_answers(1)
    [warning] = warnings_of(text)
    assert warning.severity is Severity.warning
    assert str(warning) == (
        f"{NAME}:{line_of(text, f'- doel: {doel}')}: kortetermijndoelen[2]: nog geen antwoord op "
        "'Wat gaat goed', 'Hoe is te zien als het doel bereikt is/er stappen gezet worden'."
    )


def test_reached_goal_needs_no_answers() -> None:
    assert yaml.safe_load(SAM)["kortetermijndoelen"][2]["status"] == "bereikt"
    text, _ = _without_answers(2)
    assert warnings_of(text) == []


# --- everything at once --------------------------------------------------------------------------


def test_all_format_errors_of_a_file_at_once() -> None:
    text = edit(TEUN, "\nsignaleringsplan:", "\nsignalering_plan:")
    text = edit_line(text, r"^startdatum: .*$", "startdatum: 18-06-2024")
    text = edit_line(text, r"^fase: .*$", "fase: 9")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'fase:')}: fase: moet tussen 1 en 6 liggen.",
        f"{NAME}:{line_of(text, 'startdatum:')}: startdatum: geen geldige datum: schrijf als "
        "JJJJ-MM-DD, bijvoorbeeld 2024-06-18.",
        f"{NAME}:{line_of(text, 'signalering_plan:')}: signalering_plan: onbekend veld "
        "'signalering_plan'. Bedoelde je 'signaleringsplan'?",
    ]


def test_all_reference_errors_of_a_file_at_once() -> None:
    text = edit_line(TEUN, r"^  notulist: .*$", "  notulist: miek")
    text = edit_line(text, r"^themas: .*$", "themas: [risicovol-gedrag]")
    text = edit(text, "  zorgverantwoordelijke: ", "  regiebehandelaar: ")
    with pytest.raises(GroupFileError) as info:
        load(text)
    assert [(p.line, p.field) for p in info.value.errors] == [
        (line_of(text, "regiebehandelaar:"), "rollen.regiebehandelaar"),
        (line_of(text, "notulist:"), "rollen.notulist"),
        (line_of(text, "themas:"), "themas[1]"),
    ]
    # The guideline warning is reported along with the errors.
    assert [str(w) for w in info.value.warnings] == [teun_warning(NAME, text)]


def test_load_groups_reports_every_file_in_one_error() -> None:
    bad_date = edit_line(TEUN, r"^startdatum: .*$", "startdatum: 18-06-2024")
    bad_person = edit_line(SAM, r"^  notulist: .*$", "  notulist: bass")
    write(bad_date, "groups/a.yml")
    write(bad_person, "groups/b.yml")
    write(TEUN, "groups/c.yml")
    write("niet: gelezen\n", "groups/notities.txt")
    write("niet: gelezen\n", "groups/.verborgen.yml")
    with pytest.raises(GroupFileError) as info:
        load_groups([Path("groups")])
    assert str(info.value) == "\n".join(
        [
            "2 fouten:",
            f"  groups/a.yml:{line_of(bad_date, 'startdatum:')}: startdatum: geen geldige datum: "
            "schrijf als JJJJ-MM-DD, bijvoorbeeld 2024-06-18.",
            f"  groups/b.yml:{line_of(bad_person, 'notulist:')}: rollen.notulist: deze sleutel staat "
            "niet bij `personen`; voeg die persoon toe of gebruik een bestaande sleutel (of "
            "`client` voor de cliënt zelf). Bedoelde je 'bas'?",
            # a.yml has a format error, and its goal count is still checked in the same run.
            "2 waarschuwingen:",
            f"  {teun_warning('groups/a.yml', bad_date)}",
            f"  {teun_warning('groups/c.yml')}",
        ]
    )


def test_goal_count_is_reported_together_with_format_errors() -> None:
    text = edit(TEUN, "\nsignaleringsplan:\n", "\nsignalering_plan:\n")
    text = edit(
        text,
        "    status: loopt\n\nsignalering",
        "    status: loopt\n  - doel: drie\n  - doel: vier\n\nsignalering",
    )
    with pytest.raises(GroupFileError) as info:
        load(text)
    report = str(info.value)
    assert "Bedoelde je 'signaleringsplan'?" in report
    assert "maximaal drie kortetermijndoelen die lopen; er lopen er vier" in report


def test_format_reference_and_guideline_problems_in_one_run() -> None:
    text = edit_line(TEUN, r"^startdatum: .*$", "startdatum: 18-06-2024")  # format
    text = edit_line(text, r"^  notulist: .*$", "  notulist: miek")  # reference
    text = edit_line(text, r"^themas: .*$", "themas: [communicatie, stress]")  # reference
    text = edit(text, 'eindtijd: "20:00"', 'eindtijd: "21:30"')  # guideline
    with pytest.raises(GroupFileError) as info:
        load(text)
    assert [(p.line, p.field) for p in info.value.errors] == [
        (line_of(text, "startdatum:"), "startdatum"),
        (line_of(text, "notulist:"), "rollen.notulist"),
        (line_of(text, "themas:"), "themas[2]"),
    ]
    assert info.value.errors[1].message.endswith("Bedoelde je 'mieke'?")
    assert info.value.errors[2].message.endswith("Bedoelde je 'omgaan-met-stress'?")
    assert [(p.line, p.field) for p in info.value.warnings] == [
        (line_of(text, "- een hobby ontwikkeld"), "langetermijndoelen[3]"),
        (line_of(text, "21:30"), "bijeenkomsten[1].eindtijd"),
    ]


def test_a_broken_item_does_not_hide_the_references_of_the_others() -> None:
    text = edit(TEUN, '    telefoon: "06 22222222"', "    telefoon: onbekend")  # rachid
    text = edit_line(text, r"^deelnemers: .*$", "deelnemers: [mieke, rachid, harry, joos]")
    fields = [p.split(": ")[1] for p in errors_of(text)]
    assert fields == ["personen.rachid.telefoon", "deelnemers[4]"]
