"""Role cards ("rolkaart", titled "Mijn rol"): one printable page for each supporter the client chose.

The client decides who gets a sheet (`rolkaart: true` per person, off by default) and which parts
of the signaleringsplan are on it (`rolkaart_onderdelen`). A sheet holds the person's roles, their
tasks in the short-term goals, the chosen parts and the next meeting they are invited to: nothing
else (no goals, no medication, no minutes unless the client chose that part).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from resourceboek.groupfile import consent, methode
from resourceboek.groupfile.model import (
    CLIENT_REF,
    GROUP_REF,
    ROLE_TITLES,
    Bijeenkomst,
    Groep,
    Signaleringsplan,
)
from resourceboek.pages.render import BookletContext, template_globals
from resourceboek.paper.printout import write_each

TEMPLATE = "rolkaart.html.j2"
DUTIES = {
    "voorzitter": "Je leidt de bijeenkomst en volgt de agenda.",
    "procesbewaker": (
        "Je bent de informele voorzitter: je bewaakt de tijd, de bijeenkomst duurt niet langer "
        "dan een uur."
    ),
    "notulist": "Je maakt het verslag van de bijeenkomst.",
}
"""What a role in the meeting asks of someone, in plain words (bijlage 7 and fase 3 and 4)."""
MEMBER = ("Deelnemer", "Je hoort bij de vaste kern van de resourcegroep.")
INVITEE = ("Mogelijke deelnemer", "Je wordt uitgenodigd voor de bijeenkomsten waar je bij hoort.")


@dataclass(frozen=True)
class Part:
    """A chosen part of the signaleringsplan: the form's title and its lines."""

    key: str
    title: str
    items: list[str]


@dataclass(frozen=True)
class RoleCard:
    """Everything on one person's 'Mijn rol' sheet."""

    key: str
    naam: str
    client: str
    roles: list[tuple[str, str]]
    tasks: list[str]
    parts: list[Part]
    meeting: Bijeenkomst | None
    besproken: dt.date | None = None
    """When the group last discussed the signaleringsplan (shown with its parts)."""


def role_card_holders(groep: Groep) -> list[str]:
    """The people the client chose to give a sheet, in the order of `personen`."""
    return [key for key, person in groep.personen.items() if person.rolkaart]


def roles_of(groep: Groep, key: str) -> list[tuple[str, str]]:
    """A person's roles as (title, what it asks): roles in the group first, then membership."""
    roles = [
        (ROLE_TITLES[role], DUTIES.get(role, ""))
        for role, holder in groep.rollen.model_dump().items()
        if holder == key
    ]
    if key in groep.deelnemers:
        roles.append(MEMBER)
    elif key in groep.uitnodigen:
        roles.append(INVITEE)
    return roles


def tasks_of(groep: Groep, key: str) -> list[str]:
    """What this person does in the short-term goals, quoted as the client's plan says it (the
    client wrote it from their side: "belt me om 7.30 uur"); never the goal's own text."""
    context = BookletContext(groep, dt.date.min)
    tasks = []
    for goal in groep.kortetermijndoelen:
        for task in goal.taken:
            if key in task.wie:
                others = [context.name(k) for k in task.wie if k != key]
                who = " en ".join(["jou", *others])
                tasks.append(f"In het plan van {groep.client} staat bij {who}: ‘{task.wat}’")
    return tasks


def _crisis_lines(groep: Groep) -> list[str]:
    lines = []
    for key in groep.signaleringsplan.contact_bij_crisis:
        if key == GROUP_REF:
            lines.append("De resourcegroep")
            continue
        person, label = groep.personen[key], BookletContext(groep, dt.date.min).label(key)
        lines.append(f"{label}: {person.telefoon}" if person.telefoon else label)
    return lines


def parts_of(groep: Groep, key: str) -> list[Part]:
    """The signaleringsplan parts the client chose for this person, in the form's order, each
    under a heading that speaks to the supporter about the client (methode/boekje.yml)."""
    chosen = set(groep.personen[key].sheet_parts)
    fields = Signaleringsplan.model_fields
    headings = methode.client_voice()[groep.variant.value]["rolkaart_signalering"]
    return [
        Part(
            name,
            headings[name].format(client=groep.client),
            _crisis_lines(groep)
            if name == "contact_bij_crisis"
            else getattr(groep.signaleringsplan, name),
        )
        for name, field in fields.items()
        if name in chosen
    ]


def next_meeting_for(groep: Groep, key: str, today: dt.date) -> Bijeenkomst | None:
    """The first coming meeting this person is invited to."""
    context = BookletContext(groep, today)
    return next((m for m in context.upcoming if key in context.invited(m)), None)


def role_card_for(groep: Groep, key: str, today: dt.date) -> RoleCard:
    """The sheet of one person."""
    return RoleCard(
        key=key,
        naam=groep.person_name(key),
        client=groep.client,
        roles=roles_of(groep, key),
        tasks=tasks_of(groep, key),
        parts=parts_of(groep, key),
        meeting=next_meeting_for(groep, key, today),
        besproken=groep.signaleringsplan.besproken,
    )


def render_role_card(sheet: RoleCard, groep: Groep, env: jinja2.Environment, today: dt.date) -> str:
    """The HTML of one sheet (every value escaped by the template)."""
    names = template_globals(groep.variant.value)
    return env.get_template(TEMPLATE).render(names, blad=sheet, groep=groep, vandaag=today)


def role_card_file(gid: str, key: str) -> str:
    """The file name of a sheet: the group id and the person's key, never a name."""
    return f"rolkaart-{gid}-{key}.pdf"


def write_role_cards(
    gid: str,
    groep: Groep,
    folder: Path,
    env: jinja2.Environment,
    today: dt.date,
    only: list[str] | None = None,
) -> list[Path]:
    """One PDF per chosen supporter (or per key in `only`) into the private print folder.

    Raises `consent.ConsentMissing`, before anything is written, for anyone without consent.
    """
    keys = [k for k in (only if only is not None else role_card_holders(groep)) if k != CLIENT_REF]
    consent.require(groep, keys, consent.sheet_parts)
    return write_each(
        folder,
        keys,
        lambda key: render_role_card(role_card_for(groep, key, today), groep, env, today),
        lambda key: role_card_file(gid, key),
    )
