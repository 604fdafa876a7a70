"""How the people of a group are addressed and reached: salutation, "je" or "u", when someone is
reachable, the date the plan was discussed. The letters speak of the client by name only, so no
pronoun is needed (no "zijn/haar"). Fields of `model.Persoon` and `model.Groep`, declared here to
keep the format's one definition (`model.py`) readable."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import Field


class Aanspreken(str, Enum):
    """How a letter addresses someone."""

    je = "je"
    u = "u"


def bereikbaar() -> Any:
    """`personen.<key>.bereikbaar`: shown on the crisis card and on Contacten."""
    return Field(None, description="Wanneer diegene bereikbaar is, bijvoorbeeld 'ma-vr 9-17 uur'.")


def werkdagen() -> Any:
    """`personen.<key>.werkdagen`: the regieondersteuner's, under every letter."""
    return Field(None, description="Werkdagen, bijvoorbeeld 'ma, di en do' (onder de brief).")


def aanhef() -> Any:
    """`personen.<key>.aanhef`: the letter's salutation when the name does not make one."""
    return Field(
        None,
        description="Aanhef in een brief, bijvoorbeeld 'Beste Mieke' of 'Beste meneer Jansen' "
        "(standaard: Beste en de naam).",
    )


def aanspreken() -> Any:
    """`personen.<key>.aanspreken`: je or u in a letter."""
    return Field(Aanspreken.je, description="Hoe een brief diegene aanspreekt: je of u.")


def besproken() -> Any:
    """`signaleringsplan.besproken`: the date the plan was last discussed."""
    return Field(None, description="Wanneer het plan voor het laatst besproken is, als JJJJ-MM-DD.")


PLAN_MAX_AGE_DAYS = 365
"""A plan discussed more than a year ago is due for a new talk (a Crisiskaart counts as
trustworthy up to a year and a half; a year leaves time to meet)."""
LETTER_KINDS = frozenset({"familie", "naaste"})
"""Who gets the toolkit's letter ("uitnodiging naaste") by default: family and friends."""
_NO_NAME = frozenset({"mijn", "onze", "de", "het", "een"})
_TITLES = frozenset({"meneer", "mevrouw", "dokter", "opa", "oma", "oom", "tante"})


def derived_salutation(naam: str, relatie: str) -> str | None:
    """'Beste Mieke', 'Beste meneer Jansen'; None when the name is no name ('Mijn moeder')."""
    words = naam.split()
    first = words[0].lower()
    if first in _NO_NAME or naam.lower() == relatie.lower():
        return None
    if first in _TITLES:
        return " ".join(["Beste", first, *words[1:]])
    return f"Beste {naam}"


def readiness_warnings(groep: Any, today: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Warnings about the plan's date and salutations a letter cannot make; never a value."""
    # `groep` may be the salvaged part of a file with errors: a part that failed is None there.
    plan = groep.signaleringsplan
    besproken = getattr(plan, "besproken", None)
    if plan is not None and besproken is None:
        yield (
            ("signaleringsplan",),
            "`besproken` ontbreekt; zet erin wanneer het plan voor het laatst besproken is "
            "(JJJJ-MM-DD). Wie het plan gebruikt, wil weten hoe oud het is.",
        )
    elif besproken is not None and (today - besproken).days > PLAN_MAX_AGE_DAYS:
        yield (
            ("signaleringsplan", "besproken"),
            "het plan is meer dan een jaar geleden besproken; bespreek het opnieuw met de groep "
            "en zet de nieuwe datum erin.",
        )
    for key, person in (groep.personen or {}).items():
        soort, naam = getattr(person, "soort", None), getattr(person, "naam", None)
        if soort is None or not naam or person.aanhef or soort.value not in LETTER_KINDS:
            continue
        if derived_salutation(naam, getattr(person, "relatie", None) or "") is None:
            yield (
                ("personen", key, "naam"),
                "van deze naam kan een brief geen aanhef maken; zet bij deze persoon "
                "`aanhef`, bijvoorbeeld 'Beste Ria'.",
            )


DESCRIPTIONS = {
    "Aanspreken": "Hoe een brief deze persoon aanspreekt.",
}
"""The schema's Dutch description of this module's types (schema.py)."""
CHOICES = {
    "Aanspreken": {"je": "je en jij (standaard).", "u": "u."},
}
"""A Dutch line for every choice (schema.py)."""
