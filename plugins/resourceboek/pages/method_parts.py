"""What a booklet shows of the method's work: who does what, the measurements, what changed.

Names handed to the booklet templates by `render.render_booklet`; every value from the group file
is escaped by the templates (or by `metingen_svg.py` for the picture).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from resourceboek.groupfile import methode
from resourceboek.groupfile.model import CLIENT_REF, ROLE_TITLES, Groep
from resourceboek.pages.metingen_svg import metingen_svg, qls_rows, zrm_rows


@dataclass(frozen=True)
class RoleLine:
    """One role of this group on "Wie doet wat": its title, who has it, what it means."""

    title: str
    who: str
    meaning: str


def who_does_what(groep: Groep) -> list[RoleLine]:
    """Each role this group has filled, in the order of the form, with its plain meaning."""
    texts = methode.role_texts()
    lines = []
    for role, key in groep.rollen.model_dump().items():
        if key:
            who = "jij" if key == CLIENT_REF else groep.person_name(key)
            lines.append(RoleLine(ROLE_TITLES[role], who, texts[role]))
    return lines


def booklet_names(groep: Groep) -> dict[str, Any]:
    """The names the booklet's templates use for the method's work."""
    metingen = groep.metingen
    return {
        "wie_doet_wat": who_does_what(groep),
        "metingen_svg": metingen_svg(groep),
        "zrm_rijen": zrm_rows(metingen.zrm) if metingen.zrm else [],
        "qls_rijen": qls_rows(metingen.qls_100) if metingen.qls_100 else [],
        "meetdatums": sorted(m.datum for m in (metingen.zrm or metingen.qls_100)),
    }
