"""Reading group files: the examples, bytes, text and YAML syntax (no MkDocs involved).

Bad files are made by editing the text of the two examples (or small inline YAML); every expected
line number is computed from the text that was written, so the tests survive edits to the examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loadkit import (
    NAME,
    TEUN,
    edit,
    errors_of,
    line_of,
    teun_warning,
    warnings_of,
    write,
)
from pathkit import ROOT
from resourceboek.groupfile.load import load_group
from resourceboek.groupfile.yamlread import MAX_BYTES

pytestmark = pytest.mark.usefixtures("in_tmp")

# --- the examples --------------------------------------------------------------------------------


def test_examples_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # One by one: groups/ may also hold a user's own (git-ignored) group files.
    sam, teun = load_group(Path("groups/sam.yml")), load_group(Path("groups/teun.yml"))
    assert (sam.id, teun.id) == ("sam", "teun")
    assert sam.groep.variant.value == "jongeren"
    assert sam.warnings == ()
    assert teun.groep.variant.value == "volwassenen"
    assert teun.warnings == ()  # his third long-term goal is a deviation he wrote down


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
            "aanhalingstekens of controleer het inspringen.",
            id="colon-in-text",
        ),
        pytest.param(
            "    relatie: vriend",
            "    relatie vriend",
            "relatie vriend",
            "geen geldige YAML: verwachtte een ':' na de sleutel; controleer het inspringen.",
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
            "geen geldige YAML: een aanhalingsteken (' of \") wordt niet gesloten.",
            id="unclosed-quote",
        ),
        pytest.param(
            "variant: volwassenen\ndeelnemers: [mieke, rachid\nuitnodigen: [moeder]\n",
            "geen geldige YAML: een lijst tussen [ ] is niet goed gesloten; controleer haakjes en "
            "komma's.",
            id="unclosed-bracket",
        ),
    ],
)
def test_yaml_syntax_error_points_at_the_opening(text: str, message: str) -> None:
    # YAML notices these only further on; the user has to fix line 2, where the quote/bracket opens.
    assert errors_of(text) == [f"{NAME}:2: {message}"]


BROKEN_YAML = {
    "block-end": (
        "personen:\n  zus:\n    naam: Anouk Jansen\n  - broer\n",
        "een '- ' springt anders in",
    ),
    "at-sign": ("variant: volwassenen\nclient: @Anouk06\n", "een waarde begint met een teken"),
    "after-quote": (
        "variant: volwassenen\nclient: 'Anouk' Jansen\n",
        "na een waarde tussen aanhalingstekens",
    ),
    "dash-in-block": (
        "variant: volwassenen\nclient: Anouk\n- Jansen\n",
        "een '- ' springt anders in",
    ),
    "escape": ('variant: volwassenen\nclient: "Anouk\\q"\n', "een \\ tussen dubbele"),
    "separator": ("variant: volwassenen\n---\nclient: Anouk\n", "'---' of '...'"),
    "tag": ("variant: volwassenen\nclient: !geheim! Anouk\n", "begint met !, %, & of *"),
    "open-at-end": ("variant: volwassenen\nfase: [\n", "een [ of { nog open staat"),
    "block-indicator": ("variant: volwassenen\nclient: |0\n  Anouk\n", "na | of >"),
}
"""Every PyYAML problem a typing slip causes, with the Dutch the user reads instead."""


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_yaml_problems_are_dutch_and_never_quote_the_file(name: str) -> None:
    text, dutch = BROKEN_YAML[name]
    [error] = errors_of(text)
    assert "geen geldige YAML: " in error
    assert dutch in error
    for english in ("YAML zegt", "expected", "found", "but ", "while ", "allowed"):
        assert english not in error
    for typed in ("Anouk", "Jansen", "06", "geheim", "broer"):
        assert typed not in error


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


# --- the fast route (libyaml) and the careful one give the same document --------------------------

SAME_BOTH_WAYS = [
    "a: null\nb: ~\nc:\nd: ''\ne: 'null'\nf: \"~\"\ng: Null\nh: NULL\ni: nil\n",
    "tel: 0612345678\nja: nee\ntijd: 9:30\ndatum: 2026-01-05\ngetal: 1_000\nvlag: yes\n",
    "lijst:\n  - een\n  -\n  - {x: 1, y: [2, 3]}\ntekst: |\n  regel een\n  regel twee\n",
    "a:\n  b:\n    c:\n      - d: e\n        f: g\n",
]


@pytest.mark.parametrize("text", SAME_BOTH_WAYS)
def test_libyaml_and_the_careful_loader_read_the_same(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resourceboek.groupfile import yamlread

    fast, fast_problems = yamlread.read_yaml(text.encode(), NAME)
    monkeypatch.setattr(yamlread, "_compose_with_libyaml", lambda _text: yamlread._CAREFUL)
    careful, careful_problems = yamlread.read_yaml(text.encode(), NAME)
    assert fast is not None
    assert careful is not None
    assert (fast.data, fast.lines, fast_problems) == (careful.data, careful.lines, careful_problems)


def test_too_deep_block_nesting_is_refused() -> None:
    # Indentation, not brackets: libyaml reads it, the depth check is made on its nodes.
    text = "variant: volwassenen\n" + "".join(f"{'  ' * i}n{i}:\n" for i in range(60)) + "\n"
    assert errors_of(text) == [
        f"{NAME}:51: te veel niveaus in elkaar (hooguit 50); controleer inspringen en haakjes."
    ]


def test_an_ampersand_in_a_value_is_text() -> None:
    # A `&` or `*` anywhere sends the file to the careful loader: in a value it is just text.
    from resourceboek.groupfile.yamlread import read_yaml

    doc, problems = read_yaml(b"naam: Jan & Els\nnoot: '*belangrijk*'\n", NAME)
    assert problems == []
    assert doc is not None
    assert doc.data == {"naam": "Jan & Els", "noot": "*belangrijk*"}
