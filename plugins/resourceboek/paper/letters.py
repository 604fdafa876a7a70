"""Invitation letters (bijlage 5) filled in from a group file, one PDF per invitee.

The handbook shows the toolkit's letter blank (templates/brief-uitnodiging.html.j2). A posted
letter speaks to one reader in B1, "je" or "u" (templates/brief-naaste.html.j2); by default only
family and friends get one. A professional gets a letter only when named, and then a short
colleague letter (templates/brief-collega.html.j2). The sender is the group's regieondersteuner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from resourceboek.groupfile import consent
from resourceboek.groupfile.model import Groep, Soort, Verdiepingsgesprek
from resourceboek.groupfile.people import LETTER_KINDS, Aanspreken, derived_salutation
from resourceboek.pages.render import template_globals
from resourceboek.paper.printout import write_each

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
    aanhef: str = "Beste"
    u: bool = False
    werkdagen: str | None = None
    collega: bool = False
    """A professional: the short colleague letter, not the letter for a naaste."""


def recipients(groep: Groep, today: dt.date) -> list[str]:
    """Family and friends in `uitnodigen`, and those nominees whose verdiepingsgesprek has not
    been held: the toolkit's letter is "uitnodiging naaste"; a professional is named on purpose.

    Not the client, and not the regieondersteuner who sends the letters (one rule, in consent.py).
    """
    keys = consent.letter_recipients(groep, today)
    return [k for k in keys if groep.personen[k].soort.value in LETTER_KINDS]


def letter_for(groep: Groep, key: str, today: dt.date) -> Letter:
    """The letter to one person, with their verdiepingsgesprek if it is still to come."""
    person, sender = groep.personen[key], groep.personen[groep.rollen.regieondersteuner]
    talk = person.verdiepingsgesprek
    talk = talk if talk is not None and not talk.held(today) and talk.datum >= today else None
    return Letter(
        key=key,
        ontvanger=person.naam,
        client=groep.client,
        afzender=sender.naam,
        organisatie=sender.organisatie,
        email=sender.email,
        telefoon=sender.telefoon,
        gesprek=talk,
        aanhef=person.aanhef or derived_salutation(person.naam, person.relatie) or "Beste",
        u=person.aanspreken is Aanspreken.u,
        werkdagen=sender.werkdagen,
        collega=person.soort is Soort.professional,
    )


def render_letter(
    letter: Letter,
    variant: str,
    env: jinja2.Environment,
    today: dt.date,
    flyer: Markup | None = None,
) -> str:
    """The HTML of one letter (every value escaped by the template); `flyer`: the information
    folder (bijlage 1, handbook/flyer.py) as its second page, "de bijgevoegde flyer"."""
    return env.get_template(TEMPLATE).render(
        template_globals(variant), brief=letter, vandaag=today, folder=flyer
    )


def blank_letter(variant: str, env: jinja2.Environment) -> str:
    """Bijlage 5 as the handbook shows it: the same text with …… where a name goes."""
    return env.get_template("brief-uitnodiging.html.j2").render(
        template_globals(variant), brief=None
    )


def blank_colleague_letter(variant: str, env: jinja2.Environment) -> str:
    """The colleague letter as the handbook shows it (our own text): …… where a name goes."""
    blank = Letter("", "……", "……", "……", None, None, None, None, aanhef="Beste ……", collega=True)
    html = env.get_template("brief-collega.html.j2").render(template_globals(variant), brief=blank)
    return f'<div class="rb-brief">\n{html}</div>'


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
    flyer: Markup | None = None,
) -> list[Path]:
    """One PDF per recipient (or per key in `only`) into the private print folder, each with
    `flyer` (the information folder) as its second page when given.

    Raises `consent.ConsentMissing`, before anything is written, for anyone without consent.
    """
    keys = only if only is not None else recipients(groep, today)
    consent.require(groep, keys, consent.letter_parts)
    variant = groep.variant.value
    return write_each(
        folder,
        keys,
        lambda key: render_letter(letter_for(groep, key, today), variant, env, today, flyer),
        lambda key: letter_file(gid, key),
    )
