"""Unit tests of the core: reading, validating and checking group files (no MkDocs involved).

Bad files are made by editing the text of the two examples (or small inline YAML); every expected
line number is computed from the text that was written, so the tests survive edits to the examples.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resourceboek.load import LoadedGroup, load_group, load_groups, parse_group
from resourceboek.model import Bijeenkomst, Groep, Kortetermijndoel, Persoon, Rollen
from resourceboek.problems import GroupFileError, Problem, Severity
from resourceboek.yamlread import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
TEUN = (ROOT / "groups" / "teun.yml").read_text(encoding="utf-8")
SAM = (ROOT / "groups" / "sam.yml").read_text(encoding="utf-8")
NAME = "groep-x.yml"
"""Files are written into the working directory (tmp_path), so messages show just this name."""


# --- helpers -------------------------------------------------------------------------------------


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first occurs in `text`."""
    assert needle in text, f"{needle!r} not in text"
    return text.count("\n", 0, text.index(needle)) + 1


def edit(text: str, old: str, new: str) -> str:
    """Replace the first `old` (which must be there) by `new`."""
    assert old in text, f"{old!r} not in text"
    return text.replace(old, new, 1)


def edit_line(text: str, pattern: str, new: str) -> str:
    """Replace the first whole line matching the regex `pattern` by `new`."""
    result, count = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"no line matches {pattern!r}"
    return result


def write(content: str | bytes, name: str = NAME) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load(content: str | bytes, name: str = NAME) -> LoadedGroup:
    return load_group(write(content, name))


def errors_of(content: str | bytes, name: str = NAME) -> list[str]:
    """The errors of a file that must fail to load, as the user sees them."""
    with pytest.raises(GroupFileError) as info:
        load(content, name)
    return [str(p) for p in info.value.errors]


def warnings_of(content: str, name: str = NAME) -> list[Problem]:
    """The warnings of a file that must load."""
    return list(load(content, name).warnings)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


TEUN_LONG_TERM_WARNING = (
    "langetermijndoelen[3]: de methodiek adviseert maximaal twee langetermijndoelen; "
    "er staan er drie."
)


def teun_warning(path: str, text: str = TEUN) -> str:
    third = yaml.safe_load(text)["langetermijndoelen"][2]
    return f"{path}:{line_of(text, f'- {third}')}: {TEUN_LONG_TERM_WARNING}"


# --- the examples --------------------------------------------------------------------------------


def test_examples_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # One by one: groups/ may also hold a user's own (git-ignored) group files.
    sam, teun = load_group(Path("groups/sam.yml")), load_group(Path("groups/teun.yml"))
    assert (sam.id, teun.id) == ("sam", "teun")
    assert sam.groep.variant.value == "jongeren"
    assert sam.warnings == ()
    assert teun.groep.variant.value == "volwassenen"
    assert [str(w) for w in teun.warnings] == [teun_warning("groups/teun.yml")]
    assert teun.warnings[0].severity is Severity.warning


def test_guidelines_can_be_switched_off() -> None:
    assert load_group(write(TEUN), guidelines=False).warnings == ()


# --- reading: bytes, text and YAML syntax --------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "bad_line", "message"),
    [
        pytest.param(
            "client: Teun",
            "client: Teun: de man",
            "client: Teun: de man",
            "geen geldige YAML: onverwachte ':'; zet tekst met een dubbele punt tussen "
            "aanhalingstekens of controleer het inspringen (YAML zegt: mapping values are not "
            "allowed here).",
            id="colon-in-text",
        ),
        pytest.param(
            "    relatie: vriend",
            "    relatie vriend",
            "relatie vriend",
            "geen geldige YAML: verwachtte een ':' na de sleutel; controleer het inspringen "
            "(YAML zegt: could not find expected ':').",
            id="missing-colon",
        ),
    ],
)
def test_yaml_syntax_error(old: str, new: str, bad_line: str, message: str) -> None:
    text = edit(TEUN, old, new)
    assert errors_of(text) == [f"{NAME}:{line_of(text, bad_line)}: {message}"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "variant: volwassenen\nclient: 'Teun\ngroepsnaam: de groep\n",
            "geen geldige YAML: een aanhalingsteken (' of \") wordt niet gesloten "
            "(YAML zegt: found unexpected end of stream).",
            id="unclosed-quote",
        ),
        pytest.param(
            "variant: volwassenen\ndeelnemers: [mieke, rachid\nuitnodigen: [moeder]\n",
            "geen geldige YAML: een lijst tussen [ ] is niet goed gesloten; controleer haakjes en "
            "komma's (YAML zegt: expected ',' or ']', but got ':').",
            id="unclosed-bracket",
        ),
    ],
)
def test_yaml_syntax_error_points_at_the_opening(text: str, message: str) -> None:
    # YAML notices these only further on; the user has to fix line 2, where the quote/bracket opens.
    assert errors_of(text) == [f"{NAME}:2: {message}"]


def test_duplicate_key_names_both_lines() -> None:
    text = edit(TEUN, "groepsnaam:", "client: Tom\ngroepsnaam:")
    first, second = line_of(text, "client: Teun"), line_of(text, "client: Tom")
    assert errors_of(text) == [
        f"{NAME}:{second}: client: sleutel 'client' staat er twee keer (eerder op regel {first}); "
        "voeg ze samen."
    ]


def test_duplicate_nested_key() -> None:
    text = "personen:\n  mieke:\n    naam: Mieke\n    relatie: zus\n    naam: Mies\n"
    assert errors_of(text) == [
        f"{NAME}:5: personen.mieke.naam: sleutel 'naam' staat er twee keer (eerder op regel 3); "
        "voeg ze samen."
    ]


def test_tab_indentation_reports_every_line() -> None:
    text = edit(TEUN, "    naam: Rachid", "\tnaam: Rachid")
    text = edit(text, "    naam: Harry", "  \tnaam: Harry")
    message = "tab gebruikt om in te springen; gebruik spaties (twee per niveau)."
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'naam: Rachid')}: {message}",
        f"{NAME}:{line_of(text, 'naam: Harry')}: {message}",
    ]


def test_tab_line_is_counted_like_yaml_counts_lines() -> None:
    # A form feed is no line break for YAML (nor for editors); it used to shift the reported line.
    assert errors_of("variant: volwassenen\x0c\n\tclient: Teun\n") == [
        f"{NAME}:2: tab gebruikt om in te springen; gebruik spaties (twee per niveau)."
    ]


def test_not_utf8_reports_line_of_bad_byte() -> None:
    text = edit(TEUN, "client: Teun", "client: Teün")  # saved as Windows-1252, as Notepad used to
    first_non_ascii = next(i for i, char in enumerate(text) if not char.isascii())
    line = text.count("\n", 0, first_non_ascii) + 1
    assert line == line_of(text, "client: Teün")
    assert errors_of(text.encode("cp1252")) == [
        f"{NAME}:{line}: het bestand is niet opgeslagen als UTF-8; sla het op als UTF-8 en probeer "
        "opnieuw."
    ]


def test_control_character_reports_its_line() -> None:
    text = edit(TEUN, "client: Teun", "client: Te\x07un")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'client: Te')}: onzichtbaar stuurteken (U+0007); verwijder het "
        "of typ de regel opnieuw."
    ]


def test_utf8_bom_and_windows_line_ends_are_fine() -> None:
    text = TEUN.replace("\n", "\r\n")
    assert [str(w) for w in warnings_of("\ufeff" + text)] == [teun_warning(NAME)]


@pytest.mark.parametrize(
    "content", [b"", b"\n  \n", b"# alleen commentaar\n", b"\xef\xbb\xbf"], ids=repr
)
def test_empty_file(content: bytes) -> None:
    assert errors_of(content) == [f"{NAME}:1: het bestand is leeg; begin met `variant:`."]


def test_file_over_one_megabyte() -> None:
    padding = "#" * (MAX_BYTES + 1 - len(TEUN.encode()) - 1) + "\n"
    content = (TEUN + padding).encode()
    assert len(content) == MAX_BYTES + 1
    assert errors_of(content) == [f"{NAME}:1: het bestand is te groot (1,1 MB; hooguit 1 MB)."]


def test_file_of_exactly_one_megabyte_is_read() -> None:
    # A syntax error on line 1 stops the parser at once, so this stays fast; it shows that the file
    # passed the size check.
    head = "client: Teun: de man\n"
    content = (head + "#" * (MAX_BYTES - len(head) - 1) + "\n").encode()
    assert len(content) == MAX_BYTES
    [error] = errors_of(content)
    assert error.startswith(f"{NAME}:1: geen geldige YAML: onverwachte ':'")


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    levels = "abcdefghi"
    bomb = [f'{levels[0]}: &{levels[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip(levels, levels[1:], strict=False):
        bomb.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    text = "variant: volwassenen\n" + "\n".join(bomb) + "\n"
    assert errors_of(text) == [
        f"{NAME}:2: ankers en verwijzingen (& en *) zijn niet toegestaan; schrijf de waarde voluit."
    ]


def test_too_deep_nesting_is_refused() -> None:
    # Used to crash with RecursionError (a traceback instead of a message).
    text = "variant: volwassenen\nclient: " + "[" * 400 + "]" * 400 + "\n"
    assert errors_of(text) == [
        f"{NAME}:2: te veel niveaus in elkaar (hooguit 50); controleer inspringen en haakjes."
    ]


def test_not_a_mapping() -> None:
    assert errors_of("- variant\n- client\n") == [
        f"{NAME}:1: het bestand moet beginnen met velden als `variant:`."
    ]


# --- the format (model validation) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        pytest.param(
            "\nsignaleringsplan:",
            "\nsignalering_plan:",
            "signalering_plan",
            "onbekend veld 'signalering_plan'. Bedoelde je 'signaleringsplan'?",
            id="top-level",
        ),
        pytest.param(
            '    telefoon: "06 11111111"',
            '    telefon: "06 11111111"',
            "personen.mieke.telefon",
            "onbekend veld 'telefon'. Bedoelde je 'telefoon'?",
            id="in-person",
        ),
        pytest.param(
            "    wat_gaat_goed:",
            "    wat_gaat_goedd:",
            "kortetermijndoelen[1].wat_gaat_goedd",
            "onbekend veld 'wat_gaat_goedd'. Bedoelde je 'wat_gaat_goed'?",
            id="in-goal",
        ),
    ],
)
def test_unknown_key_with_did_you_mean(old: str, new: str, field: str, message: str) -> None:
    text = edit(TEUN, old, new)
    key = field.rsplit(".", 1)[-1]
    assert errors_of(text) == [f"{NAME}:{line_of(text, key + ':')}: {field}: {message}"]


def test_invalid_person_key() -> None:
    text = edit(TEUN, "\n  mieke:", "\n  Mieke:")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'Mieke:')}: personen.…: geen geldige sleutel: gebruik kleine "
        "letters, cijfers en '-' (bijvoorbeeld 'mieke')."
    ]


def test_key_that_looks_like_pydantics_key_marker() -> None:
    # Found by the property test: a key typed as '[key]' used to crash with IndexError.
    text = edit(TEUN, "groepsnaam:", "'[key]': x\ngroepsnaam:")
    [error] = errors_of(text)
    assert error.startswith(f"{NAME}:{line_of(text, '[key]')}: …: onbekend veld. ")


def test_missing_required_top_level_key() -> None:
    text = edit_line(TEUN, r"^client: .*\n", "")
    # Reported where the top-level block starts: the first field of the file.
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'variant:')}: client: dit verplichte veld ontbreekt."
    ]


def test_missing_required_nested_key() -> None:
    text = edit(TEUN, "    naam: Rachid\n", "")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, '  rachid:')}: personen.rachid.naam: dit verplichte veld ontbreekt."
    ]


def test_string_where_a_list_is_expected() -> None:
    text = edit_line(TEUN, r"^deelnemers: .*$", "deelnemers: mieke")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'deelnemers:')}: deelnemers: moet een lijst zijn: zet elk "
        "onderdeel op een eigen regel die begint met '- '."
    ]


def test_bad_date() -> None:
    text = edit_line(TEUN, r"^startdatum: .*$", "startdatum: 18-06-2024")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'startdatum:')}: startdatum: geen geldige datum: schrijf als "
        "JJJJ-MM-DD, bijvoorbeeld 2024-06-18."
    ]


@pytest.mark.parametrize("bad", ["19.30", "25:00", "7:30"])
def test_bad_time(bad: str) -> None:
    text = edit_line(TEUN, r"^    begintijd: .*$", f'    begintijd: "{bad}"')
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'begintijd:')}: bijeenkomsten[1].begintijd: geen geldige tijd: "
        "schrijf als UU:MM, bijvoorbeeld 09:30."
    ]


# --- references and consistency -----------------------------------------------------------------


def test_unknown_person_in_role_with_did_you_mean() -> None:
    text = edit_line(TEUN, r"^  notulist: .*$", "  notulist: miek")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'notulist:')}: rollen.notulist: deze sleutel staat niet bij "
        "`personen`; "
        "voeg die persoon toe of gebruik een bestaande sleutel (of `client` voor de cliënt zelf). "
        "Bedoelde je 'mieke'?"
    ]


def test_unknown_person_in_list() -> None:
    text = edit_line(TEUN, r"^deelnemers: .*$", "deelnemers: [mieke, rachid, harry, joos]")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'deelnemers:')}: deelnemers[4]: deze sleutel staat niet bij "
        "`personen`; "
        "voeg die persoon toe of gebruik een bestaande sleutel. Bedoelde je 'joost'?"
    ]


ADULT_THEMES = (
    "communicatie, destigmatiseren, gezondheid-en-leefstijl, omgaan-met-stress, "
    "probleemoplossing, psycho-educatie"
)


@pytest.mark.parametrize(
    ("theme", "tip"),
    [
        ("risicovol-gedrag", ""),
        ("psycho-edukatie", " Bedoelde je 'psycho-educatie'?"),
        ("stress", " Bedoelde je 'omgaan-met-stress'?"),
    ],
)
def test_theme_not_in_variant(theme: str, tip: str) -> None:
    text = edit_line(TEUN, r"^themas: .*$", f"themas: [communicatie, {theme}]")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'themas:')}: themas[2]: dit thema hoort niet bij de variant "
        f"volwassenen; kies uit: {ADULT_THEMES}.{tip}"
    ]


@pytest.mark.parametrize(
    ("example", "wrong", "right", "variant"),
    [
        (SAM, "regiebehandelaar", "zorgverantwoordelijke", "jongeren"),
        (TEUN, "zorgverantwoordelijke", "regiebehandelaar", "volwassenen"),
    ],
)
def test_clinician_role_named_for_the_variant(
    example: str, wrong: str, right: str, variant: str
) -> None:
    text = edit(example, f"  {wrong}: ", f"  {right}: ")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, f'  {right}: ')}: rollen.{right}: bij de variant {variant} heet "
        f"deze rol '{wrong}'."
    ]


def test_unsafe_group_id_from_file_name() -> None:
    assert errors_of(SAM, name="Sam de Vries.yml") == [
        "Sam de Vries.yml:1: de bestandsnaam is geen geldige groeps-id: gebruik kleine letters, "
        "cijfers en '-', bijvoorbeeld 'groep-t-2024'. Gebruik nooit de volledige naam van de "
        "cliënt."
    ]


@pytest.mark.parametrize("gid", ["Sam", "sam_2", "-sam", "sam--2", "sam.2", "", "../sam"])
def test_unsafe_group_ids(gid: str) -> None:
    with pytest.raises(GroupFileError) as info:
        parse_group(SAM.encode(), "groups/x.yml", gid)
    [error] = info.value.errors
    assert str(error).startswith("groups/x.yml:1: de bestandsnaam is geen geldige groeps-id")


@pytest.mark.parametrize("gid", ["sam", "groep-t-2024", "s2"])
def test_safe_group_ids(gid: str) -> None:
    assert parse_group(SAM.encode(), "groups/x.yml", gid).id == gid


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
    [warning] = warnings_of(text)
    assert warning.severity is Severity.warning
    assert str(warning) == (
        f"{NAME}:{line_of(text, '- doel: ik wil leren koken.')}: kortetermijndoelen[4]: de "
        "methodiek adviseert maximaal drie kortetermijndoelen; er staan er vier. Kies de drie die "
        "nu het belangrijkst zijn."
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


# --- content is plain text -----------------------------------------------------------------------


def test_script_tag_in_goal_is_plain_text() -> None:
    goal = "ik wil <script>alert('x')</script> gaan sporten."
    text = edit(TEUN, "doel: ik wil gaan sporten.", f'doel: "{goal}"')
    group = load(text)
    assert group.groep.kortetermijndoelen[1].doel == goal
    assert [str(w) for w in group.warnings] == [teun_warning(NAME, text)]


# --- property: any input gives a LoadedGroup or a GroupFileError, never a traceback --------------

YAML_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_loads_or_reports(raw: bytes) -> None:
    """The property: a LoadedGroup (only warnings) or a GroupFileError (at least one error)."""
    try:
        result: LoadedGroup | None = parse_group(raw, "groups/x.yml", "x")
    except GroupFileError as exc:
        result, problems = None, exc.problems
    if result is None:
        assert any(p.severity is Severity.error for p in problems)
    else:
        assert isinstance(result, LoadedGroup)
        problems = list(result.warnings)
        assert all(p.severity is Severity.warning for p in problems)
    last_line = len(YAML_LINE_BREAK.split(raw.decode("utf-8", "replace")))
    for problem in problems:
        assert 1 <= problem.line <= last_line, str(problem)
        assert str(problem).startswith(f"groups/x.yml:{problem.line}: ")
        assert "ongeldige waarde (" not in problem.message, f"untranslated: {problem}"


KEYS = sorted(
    {*Groep.model_fields, *Persoon.model_fields, *Rollen.model_fields}
    | {*Kortetermijndoel.model_fields, *Bijeenkomst.model_fields, "mieke"}
)
scalars = (
    st.none()
    | st.integers()
    | st.text(max_size=20)
    | st.sampled_from(["volwassenen", "jongeren", "2024-06-18", "09:30", "client"])
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=25,
)


@PROPERTY
@given(documents, st.booleans(), st.sampled_from([False, True, None]))
def test_property_random_yaml_documents(doc: object, unicode: bool, flow: bool | None) -> None:
    text = yaml.safe_dump(doc, allow_unicode=unicode, default_flow_style=flow)
    assert_loads_or_reports(text.encode("utf-8"))


YAMLISH = st.text(st.sampled_from(list(" \t\n\r:-[]{}'\"#&*!|>%@`,?aé0\x07\x0c\x85\u2028\ufeff")))


@PROPERTY
@given(st.text(max_size=200) | YAMLISH | st.binary(max_size=200))
def test_property_random_text(content: str | bytes) -> None:
    assert_loads_or_reports(content.encode("utf-8") if isinstance(content, str) else content)


@st.composite
def mutated_examples(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from([TEUN, SAM])).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent"]))
        if operation == "delete" and len(lines) > 1:
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        elif operation == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "insert":
            column = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:column] + draw(st.text(min_size=1, max_size=5)) + lines[i][column:]
        elif operation == "indent":
            delta = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            stripped = lines[i].lstrip(" ")
            indent = max(0, len(lines[i]) - len(stripped) + delta)
            lines[i] = " " * indent + stripped
    return "\n".join(lines).encode("utf-8")


@PROPERTY
@given(mutated_examples())
def test_property_mutated_examples(raw: bytes) -> None:
    assert_loads_or_reports(raw)


def test_goal_count_is_reported_together_with_format_errors() -> None:
    text = edit(TEUN, "signaleringsplan:\n  signalen:", "signalering_plan:\n  signalen:")
    text = edit(
        text,
        "    status: loopt\n\nsignalering",
        "    status: loopt\n  - doel: drie\n  - doel: vier\n\nsignalering",
    )
    with pytest.raises(GroupFileError) as info:
        load(text)
    report = str(info.value)
    assert "Bedoelde je 'signaleringsplan'?" in report
    assert "maximaal drie kortetermijndoelen; er staan er vier" in report


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
