"""Validating group files: the format, references between its parts, values as plain text."""

from __future__ import annotations

import pytest

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
)
from resourceboek.groupfile.load import parse_group
from resourceboek.groupfile.problems import GroupFileError

pytestmark = pytest.mark.usefixtures("in_tmp")

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


# --- content is plain text -----------------------------------------------------------------------


def test_script_tag_in_goal_is_plain_text() -> None:
    goal = "ik wil <script>alert('x')</script> gaan sporten."
    text = edit(TEUN, "doel: ik wil gaan sporten.", f'doel: "{goal}"')
    group = load(text)
    assert group.groep.kortetermijndoelen[1].doel == goal
    assert [str(w) for w in group.warnings] == [teun_warning(NAME, text)]


# --- marks that turn the reading direction (bidi controls) ------------------------------------

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
BIDI += ["\u200e", "\u200f", "\u061c"]
BIDI_MESSAGE = "bevat een onzichtbaar teken dat de leesrichting omdraait"


@pytest.mark.parametrize("mark", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_bidi_control_in_a_name_is_refused_without_the_value(mark: str) -> None:
    text = edit(TEUN, "client: Teun", f'client: "Teun{mark}naeT"')
    [error] = errors_of(text)
    assert error.startswith(f"{NAME}:{line_of(text, 'client:')}: client: {BIDI_MESSAGE}")
    assert "Teun" not in error
    assert "naeT" not in error


def _string_leaves(data: object, loc: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The place of every string in a parsed group file (mapping keys included, as `(key,)`)."""
    if isinstance(data, str):
        return [loc]
    if isinstance(data, dict):
        keys = [(*loc, (k,)) for k in data if isinstance(k, str) and loc[-1:] == ("personen",)]
        return keys + [leaf for k, v in data.items() for leaf in _string_leaves(v, (*loc, k))]
    if isinstance(data, list):
        return [leaf for i, v in enumerate(data) for leaf in _string_leaves(v, (*loc, i))]
    return []


def _with_mark(data: object, loc: tuple[object, ...]) -> object:
    """A copy of `data` with a right-to-left override inside the string (or key) at `loc`."""
    if not loc:
        assert isinstance(data, str)
        return data[:1] + "\u202e" + data[1:]
    head, rest = loc[0], loc[1:]
    if isinstance(head, tuple):  # a mapping key
        assert isinstance(data, dict)
        return {(_with_mark(k, ()) if k == head[0] else k): v for k, v in data.items()}
    if isinstance(data, dict):
        return {k: (_with_mark(v, rest) if k == head else v) for k, v in data.items()}
    assert isinstance(data, list)
    return [_with_mark(v, rest) if i == head else v for i, v in enumerate(data)]


@pytest.mark.parametrize("source", [TEUN, SAM], ids=["teun", "sam"])
def test_every_text_of_the_format_refuses_a_bidi_control(source: str) -> None:
    """Each string of both examples in turn gets a mark: validation fails, always at that place."""
    import yaml
    from pydantic import ValidationError

    from resourceboek.groupfile.model import Groep

    data = yaml.safe_load(source)
    leaves = _string_leaves(data)
    assert len(leaves) > 100
    for loc in leaves:
        with pytest.raises(ValidationError) as info:
            Groep.model_validate(_with_mark(data, loc))
        places = [e["loc"] for e in info.value.errors()]
        plain = loc[:-1] if isinstance(loc[-1], tuple) else loc  # a key: its mapping
        assert any(place[: len(plain)] == plain for place in places), loc


# --- e-mail addresses that a mailto: link cannot widen ------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "mieke@example.org?cc=ander@example.org",
        "mieke@example.org?bcc=ander%40example.org",
        "mieke@example.org&body=hallo",
        "mieke%40example.org",
        "mieke@example.org,ander@example.org",
        "mieke@@example.org",
        "mieke@example",
        "javascript:alert('mail')@x.nl",
        "onmouseover=alert('mail2')//@x.nl",
    ],
)
def test_an_email_address_with_link_parameters_is_refused(address: str) -> None:
    text = edit(TEUN, "email: mieke@example.org", f'email: "{address}"')
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'email:')}: personen.mieke.email: "
        "geen geldig e-mailadres (bijvoorbeeld naam@example.nl)."
    ]


@pytest.mark.parametrize("address", ["m.de-vries+rb@zorg.example.nl", "M_Jansen@Example.ORG"])
def test_plain_email_addresses_are_accepted(address: str) -> None:
    text = edit(TEUN, "email: mieke@example.org", f"email: {address}")
    assert load(text).groep.personen["mieke"].email == address


# --- limits: no list of people longer than a resource group can be ------------------------------


def _extra_people(count: int) -> str:
    return "".join(
        f"  extra{i}:\n    naam: Iemand {i}\n    relatie: buur\n    soort: naaste\n"
        for i in range(count)
    )


def test_more_people_than_any_group_has_is_refused() -> None:
    from resourceboek.groupfile.model import MAX_PEOPLE

    text = edit(TEUN, "personen:\n", "personen:\n" + _extra_people(MAX_PEOPLE))
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'personen:')}: personen: te veel: hooguit {MAX_PEOPLE}. Zo groot "
        "is geen resourcegroep; kijk of er iets dubbel of per ongeluk in staat."
    ]


def test_a_list_of_people_longer_than_the_limit_is_refused() -> None:
    from resourceboek.groupfile.model import MAX_PEOPLE

    many = ", ".join(["mieke"] * (MAX_PEOPLE + 1))
    text = edit(TEUN, "deelnemers: [mieke, rachid, harry, joost]", f"deelnemers: [{many}]")
    assert errors_of(text) == [
        f"{NAME}:{line_of(text, 'deelnemers:')}: deelnemers: te veel: hooguit {MAX_PEOPLE}. Zo "
        "groot is geen resourcegroep; kijk of er iets dubbel of per ongeluk in staat."
    ]
