"""Invitation letters (bijlage 5) filled in from a group file, one PDF per invitee.

The letter's text is the handbook's own: templates/brief-uitnodiging.html.j2 renders bijlage 5
blank in the handbook and filled in here. The sender is the group's regieondersteuner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from resourceboek.groupfile.model import CLIENT_REF, Groep, Verdiepingsgesprek
from resourceboek.pages.render import template_globals
from resourceboek.paper.printout import html_pdf, write_private

TEMPLATE = "brief.html.j2"


@dataclass(frozen=True)
class Letter:
    """What one letter needs: the invitee, the client and the sender's name and contact."""

    key: str
    ontvanger: str
    client: str
    afzender: str
    organisatie: str | None
    email: str | None
    telefoon: str | None
    gesprek: Verdiepingsgesprek | None


def recipients(groep: Groep, today: dt.date) -> list[str]:
    """Everyone in `uitnodigen`, and every nominee whose verdiepingsgesprek has not been held.

    Not the client, and not the regieondersteuner who sends the letters.
    """
    held = {k for k, p in groep.personen.items() if _talk(p.verdiepingsgesprek, today) is False}
    nominees = [k for k in groep.deelnemers if k not in held]
    keys = dict.fromkeys([*groep.uitnodigen, *nominees])
    return [k for k in keys if k not in (CLIENT_REF, groep.rollen.regieondersteuner)]


def _talk(talk: Verdiepingsgesprek | None, today: dt.date) -> bool | None:
    """True: planned; False: held; None: not planned."""
    return None if talk is None else talk.datum >= today


def letter_for(groep: Groep, key: str, today: dt.date) -> Letter:
    """The letter to one person, with their verdiepingsgesprek if it is still to come."""
    person, sender = groep.personen[key], groep.personen[groep.rollen.regieondersteuner]
    talk = person.verdiepingsgesprek if _talk(person.verdiepingsgesprek, today) else None
    return Letter(
        key=key,
        ontvanger=person.naam,
        client=groep.client,
        afzender=sender.naam,
        organisatie=sender.organisatie,
        email=sender.email,
        telefoon=sender.telefoon,
        gesprek=talk,
    )


def render_letter(letter: Letter, variant: str, env: jinja2.Environment, today: dt.date) -> str:
    """The HTML of one letter (every value escaped by the template)."""
    return env.get_template(TEMPLATE).render(template_globals(variant), brief=letter, vandaag=today)


def blank_letter(variant: str, env: jinja2.Environment) -> str:
    """Bijlage 5 as the handbook shows it: the same text with …… where a name goes."""
    return env.get_template("brief-uitnodiging.html.j2").render(
        template_globals(variant), brief=None
    )


def letter_file(gid: str, key: str) -> str:
    """The file name of a letter: the group id and the person's key, never a name."""
    return f"uitnodiging-{gid}-{key}.pdf"


def write_letters(
    gid: str,
    groep: Groep,
    folder: Path,
    env: jinja2.Environment,
    today: dt.date,
    only: list[str] | None = None,
) -> list[Path]:
    """One PDF per recipient (or per key in `only`) into the private print folder."""
    keys = only if only is not None else recipients(groep, today)
    written = []
    for key in keys:
        html = render_letter(letter_for(groep, key, today), groep.variant.value, env, today)
        written.append(write_private(folder, letter_file(gid, key), html_pdf(html)))
    return written
