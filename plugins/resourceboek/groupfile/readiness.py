"""Readiness ("klaar om uit te reiken"): what a valid group file still lacks before the booklet is
handed out. Warnings only; `--strict` makes them errors. Messages never repeat a value of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from resourceboek.groupfile import consent, methode, people
from resourceboek.groupfile.checks import MAX_DAYS_BETWEEN_MEETINGS, gap_message
from resourceboek.groupfile.load import LoadedGroup, display_path
from resourceboek.groupfile.model import GROUP_REF, Groep
from resourceboek.groupfile.problems import Problem, Severity
from resourceboek.groupfile.yamlread import Document, Path, dotted

PLACEHOLDERS: dict[str, str] = {
    "voornaam": "Voornaam",
    "naam": "Naam",
    "telefoon": "06 12345678",
    "email": "naam@example.org",
    "team": "Naam team",
    "plek": "Waar?",
    "tekst": "...",
}
"""The sample values `resourceboek new` writes (the template receives them as `p`): one source, so
readiness recognises exactly what the template wrote."""

_WHOLE = frozenset(PLACEHOLDERS.values())
_NAME_WORD = re.compile(rf"\b{re.escape(PLACEHOLDERS['voornaam'])}\b")


def readiness(loaded_group: LoadedGroup, today: dt.date) -> list[Problem]:
    """Warnings for what still needs filling in before the booklet can be handed out."""
    groep = loaded_group.groep
    found = list(_placeholders(groep.model_dump(mode="json"), ()))
    found += _crisis_plan(groep)
    found += _next_meeting(groep, today)
    found += consent.readiness_warnings(groep, today)
    found += people.readiness_warnings(groep, today)
    shown = display_path(loaded_group.path)
    doc = Document(None, dict(loaded_group.lines))
    return sorted(
        Problem(shown, doc.line_of(where), _field(groep, where), msg, Severity.warning)
        for where, msg in found
    )


def is_placeholder(value: str) -> bool:
    """True for a sample value from the `new` template left in place."""
    value = value.strip()
    person = PLACEHOLDERS["naam"] + " "
    return (
        value in _WHOLE
        or value.startswith(person)
        or value.endswith(" " + PLACEHOLDERS["tekst"])
        or _NAME_WORD.search(value) is not None
    )


def _placeholders(data: Any, where: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _placeholders(value, (*where, i))
    elif isinstance(data, str) and is_placeholder(data):
        yield (
            where,
            "staat nog op het invulvoorbeeld van `resourceboek new`; vul het echte gegeven in.",
        )


def _crisis_plan(groep: Groep) -> Iterator[tuple[Path, str]]:
    # A file with errors elsewhere arrives salvaged (partial.py): an invalid part is None and
    # already reported, so it is skipped here, never called empty.
    plan = groep.signaleringsplan
    if plan is None:
        return
    client = methode.WORDING[groep.variant.value]["client"] if groep.variant else "cliënt"
    if plan.signalen == []:
        yield (
            ("signaleringsplan", "signalen"),
            f"is nog leeg; schrijf samen met de {client} op waaraan je ziet dat het niet goed "
            "gaat.",
        )
    if plan.contact_bij_crisis == []:
        yield (
            ("signaleringsplan", "contact_bij_crisis"),
            "is nog leeg; zet erin wie er gebeld wordt bij een crisis.",
        )
    for i, key in enumerate(plan.contact_bij_crisis or []):
        person = (groep.personen or {}).get(key)
        if key != GROUP_REF and person is not None and not person.telefoon:
            yield (
                ("signaleringsplan", "contact_bij_crisis", i),
                "deze persoon heeft geen `telefoon` bij `personen`; bij een crisis moet je "
                "kunnen bellen.",
            )


def _next_meeting(groep: Groep, today: dt.date) -> Iterator[tuple[Path, str]]:
    known = enumerate(groep.bijeenkomsten or [])
    meetings = sorted(((i, m) for i, m in known if m and m.datum), key=lambda m: m[1].datum)
    past = [(i, m) for i, m in meetings if m.datum < today]
    coming = [(i, m) for i, m in meetings if m.datum >= today]
    if groep.bijeenkomsten == []:
        yield ("bijeenkomsten",), "er is geen volgende bijeenkomst; zet de datum en tijd erin."
    elif past and not coming:
        yield (
            ("bijeenkomsten", past[-1][0], "datum"),
            "de laatste bijeenkomst is al geweest en er is geen volgende gepland; zet die erin.",
        )
    elif past:
        index, first = coming[0]
        days = (first.datum - past[-1][1].datum).days
        if days > MAX_DAYS_BETWEEN_MEETINGS:
            yield ("bijeenkomsten", index, "datum"), gap_message(days)


def _field(groep: Groep, where: Path) -> str:
    """The field as `dotted` shows it, with a person's key replaced by its position (no values)."""
    if where[:1] == ("personen",) and len(where) > 1:
        position = list(groep.personen).index(str(where[1]))
        where = ("personen", position, *where[2:])
    return dotted(where)


def with_readiness(loaded_group: LoadedGroup, today: dt.date) -> list[Problem]:
    """The group's guideline warnings and its readiness warnings, each once."""
    return sorted(set(loaded_group.warnings) | set(readiness(loaded_group, today)))
