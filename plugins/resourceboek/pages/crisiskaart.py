"""Who to call when it goes wrong: the crisis card of a booklet (and of its pocket card).

One source for the screen card ("Als het niet goed gaat"), the pocket card and the organisation's
crisis route (`settings.Crisislijn`: crisisdienst, huisartsenpost, crisis line). The plan's order is
"bel eerst": its own contacts, the huisarts, the organisation's route, then 112. Pure data from a
group, no MkDocs; the templates draw it with autoescape.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import get_args

from resourceboek.groupfile.model import CLIENT_REF, GROUP_REF, Groep, Phone
from resourceboek.settings.model import Crisislijn

EMERGENCY_NUMBER = "112"
"""Bij direct levensgevaar."""

FIRST_VIEW = 5
"""Call lines in the card's first view; the rest are one tap further (a calm card, not a list)."""

PHONE_PATTERN = re.compile(next(m.pattern for m in get_args(Phone) if hasattr(m, "pattern")))
"""`model.Phone`'s own pattern: a `tel:` link is only ever made from a number that fits it."""


def tel_href(phone: str | None) -> str | None:
    """`tel:0655555555` for a valid number, None otherwise (never a link from anything else)."""
    if not phone or not PHONE_PATTERN.fullmatch(phone):
        return None
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


@dataclass(frozen=True)
class Call:
    """One line of the card: who (`Jetske, psychiater`), their number and its `tel:` link."""

    who: str
    telefoon: str | None
    href: str | None
    when: str | None = None
    """When they are reachable ("ma-vr 9-17 uur", "dag en nacht")."""


@dataclass(frozen=True)
class CrisisEntry:
    """A crisis contact of the plan: one person, or the resource group with its members."""

    call: Call | None
    group: tuple[Call, ...] = ()


@dataclass(frozen=True)
class CrisisCard:
    """Everything on the card, in the plan's order, then huisarts, crisis line and 112."""

    entries: tuple[CrisisEntry, ...]
    huisarts: Call | None
    crisislijn: Call
    services: tuple[Call, ...] = ()
    besproken: dt.date | None = None
    """When the plan was last discussed: the people who act on it need to know how old it is."""

    def calls(self) -> list[Call]:
        """Every person's line of the card (crisis contacts, then the huisarts), in order."""
        people = [c for e in self.entries for c in ((e.call,) if e.call else e.group)]
        return [*people, *([self.huisarts] if self.huisarts else [])]

    def route(self) -> list[Call]:
        """Every line of the card in the order to call: people, the organisation's route, the line."""
        return [*self.calls(), *self.services, self.crisislijn]

    def first_view(self) -> list[Call]:
        """The lines shown at once (at most `FIRST_VIEW`)."""
        return self.route()[:FIRST_VIEW]

    def further(self) -> list[Call]:
        """The lines one tap further."""
        return self.route()[FIRST_VIEW:]


def person_call(groep: Groep, key: str, relation: bool = True) -> Call:
    """The card's line for a person key: name, relation (once) and phone."""
    person = groep.personen[key]
    who = person.naam
    if relation and person.relatie.lower() not in person.naam.lower():
        who = f"{person.naam}, {person.relatie}"
    return Call(who, person.telefoon, tel_href(person.telefoon), person.bereikbaar)


def service_call(line: Crisislijn) -> Call:
    """The card's line for a crisis service of the organisation, with when it answers."""
    return Call(line.naam, line.telefoon, tel_href(line.telefoon), line.uitleg or None)


def crisis_card(
    groep: Groep, crisislijn: Crisislijn, services: tuple[Crisislijn, ...] = ()
) -> CrisisCard:
    """The crisis card of a group: "resourcegroep" becomes its core members (not named apart)."""
    plan = groep.signaleringsplan.contact_bij_crisis
    named = {k for k in plan if k != GROUP_REF}
    entries: list[CrisisEntry] = []
    for key in dict.fromkeys(plan):
        if key == GROUP_REF:
            members = [k for k in groep.deelnemers if k not in named and k != CLIENT_REF]
            if members:
                entries.append(CrisisEntry(None, tuple(person_call(groep, k) for k in members)))
        elif key != CLIENT_REF:
            entries.append(CrisisEntry(person_call(groep, key)))
    huisarts = groep.rollen.huisarts
    doctor = None
    if huisarts and huisarts != CLIENT_REF and huisarts not in named:
        doctor = person_call(groep, huisarts, relation=False)
    route = tuple(service_call(s) for s in services)
    plan_date = groep.signaleringsplan.besproken
    return CrisisCard(tuple(entries), doctor, service_call(crisislijn), route, plan_date)
