"""Consent (`toestemming`): what of the plan the client agreed to share with whom.

Letters and 'Mijn rol' sheets carry the plan to other people, so neither is printed without the
consent recorded in the group file; for a young person under 16, the parents' consent as well.
Messages name the person's key and the missing part, never a value of the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from resourceboek.groupfile.cycle import Deel
from resourceboek.groupfile.model import CLIENT_REF, Groep
from resourceboek.groupfile.people import LETTER_KINDS

LETTER: tuple[Deel, ...] = (Deel.uitnodiging,)
"""What an invitation letter carries: the client's name and the invitation."""
PartsOf = Callable[[Groep, str], tuple[Deel, ...]]


class ConsentMissing(Exception):
    """Something would be printed for people whose consent is not recorded (one line each)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def sheet_parts(groep: Groep, key: str) -> tuple[Deel, ...]:
    """What a person's 'Mijn rol' sheet carries: the role, and parts of the signaleringsplan."""
    person = groep.personen[key]
    return (Deel.rol, Deel.signaleringsplan) if person.sheet_parts else (Deel.rol,)


def parents_needed(groep: Groep) -> bool:
    """A young person under 16: their parents consent too."""
    return groep.variant.value == "jongeren" and groep.jonger_dan_16


def missing(groep: Groep, key: str, parts: Iterable[Deel], *, named: bool = True) -> list[str]:
    """What the file still needs before `parts` may go to `key` (empty: consent is complete).

    `named`: the fields with the person's key (`toestemming.mieke.ouders`), as the print
    commands say it; without it, as readiness says it (its messages never repeat a key).
    """
    given = (groep.toestemming or {}).get(key)
    where = f"toestemming.{key}." if named else ""
    if given is None:
        return [f"`{where}datum` en `{where}delen`"]
    lacking = [f"`{p.value}` bij `{where}delen`" for p in parts if p not in given.delen]
    if parents_needed(groep) and given.ouders is None:
        lacking.append(f"`{where}ouders` (de jongere is jonger dan 16)")
    return lacking


def refusals(groep: Groep, keys: Iterable[str], parts_of: PartsOf) -> list[str]:
    """A Dutch line for every person in `keys` whose consent is not complete."""
    lines = []
    for key in keys:
        lacking = missing(groep, key, parts_of(groep, key))
        if lacking:
            lines.append(f"{key}: geen toestemming vastgelegd; zet erin: {', '.join(lacking)}.")
    return lines


def require(groep: Groep, keys: Iterable[str], parts_of: PartsOf) -> None:
    """Raise `ConsentMissing` unless every person in `keys` has complete consent."""
    lines = refusals(groep, keys, parts_of)
    if lines:
        raise ConsentMissing(lines)


def letter_parts(groep: Groep, key: str) -> tuple[Deel, ...]:
    """What a letter to a person carries (the same for everyone)."""
    return LETTER


def letter_recipients(groep: Groep, today: dt.date) -> list[str]:
    """Everyone in `uitnodigen`, and every nominee whose verdiepingsgesprek has not been held.

    Not the client, and not the regieondersteuner who sends the letters.
    """
    people = groep.personen
    held = {
        k for k, p in people.items() if p.verdiepingsgesprek and p.verdiepingsgesprek.held(today)
    }
    nominees = [k for k in groep.deelnemers if k not in held]
    keys = dict.fromkeys([*groep.uitnodigen, *nominees])
    return [k for k in keys if k not in (CLIENT_REF, groep.rollen.regieondersteuner)]


def readiness_warnings(groep: Groep, today: dt.date) -> Iterator[tuple[tuple[str, ...], str]]:
    """Who gets a letter or a 'Mijn rol' sheet without the consent for it (readiness)."""
    if not _complete(groep):
        return
    sheets = [k for k, p in groep.personen.items() if p.rolkaart]
    for what, keys, parts in (
        ("een blad 'Mijn rol'", sheets, sheet_parts),
        ("een uitnodigingsbrief", _default_letters(groep, today), letter_parts),
    ):
        for key in keys:
            lacking = missing(groep, key, parts(groep, key), named=False)
            if lacking and key in groep.personen:
                yield (
                    ("personen", key),
                    f"krijgt {what}, maar de toestemming ontbreekt; zet bij `toestemming` onder "
                    f"de sleutel van deze persoon: {', '.join(lacking)}.",
                )


def _default_letters(groep: Groep, today: dt.date) -> list[str]:
    """Who `resourceboek letters` writes to without keys: family and friends (paper/letters.py)."""
    people = groep.personen
    kinds = {k: getattr(people[k].soort, "value", None) for k in people}  # None when salvaged
    return [k for k in letter_recipients(groep, today) if kinds.get(k) in LETTER_KINDS]


def _complete(groep: Groep) -> bool:
    """The parts consent needs are there (a salvaged group may lack them)."""
    parts = (groep.personen, groep.rollen, groep.deelnemers, groep.uitnodigen, groep.variant)
    if any(part is None for part in parts) or groep.toestemming is None:
        return False
    items: list[object] = [*groep.personen.values(), *groep.toestemming.values()]
    items += [*groep.deelnemers, *groep.uitnodigen, groep.rollen.regieondersteuner]
    return all(item is not None for item in items)
