"""The pocket card ("zakkaart"): the crisis plan on bank-card panels (85.6 x 54 mm), as a PDF.

A plan in a binder is not at hand when it matters; the Crisiskaart is a folded card in the pocket.
Each PDF page is one panel. A long plan is shortened with "zie boekje" before layout, so a panel
never overflows and the type never shrinks below the stylesheet's size (7.5 pt).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from resourceboek.files.private_io import private_dir, write_private
from resourceboek.groupfile.model import Groep
from resourceboek.pages.crisiskaart import (
    EMERGENCY_NUMBER,
    Call,
    CrisisCard,
    Crisislijn,
    crisis_card,
)
from resourceboek.protection.pdfpadding import encrypt_padded

if TYPE_CHECKING:
    from resourceboek.paper.printing import Stylesheets

ZAKKAART_NAME = "zakkaart.pdf"
TEMPLATE = "zakkaart.html.j2"
PANEL_LINES = 11
"""Lines of body text one panel holds (at 7.5 pt; a subtitle counts as a line)."""
LINE_CHARS = 50
"""Characters on one line of a panel (DejaVu Sans Condensed 7.5 pt, with room to spare)."""
CALL_LINES = 10
"""Lines of calls one panel holds under its title (a call with when they answer takes two)."""
FOOTER_LINES = 3
"""Lines the last call panel keeps for 112 and the plan's date."""
MORE = "… zie boekje"


@dataclass(frozen=True)
class Section:
    """A part of a panel: a subtitle ("Helpt") and its items, already shortened to fit."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Panel:
    """One bank-card panel: a title, call lines or sections, and whether text was left out."""

    title: str
    calls: tuple[Call, ...] = ()
    sections: tuple[Section, ...] = ()
    more: bool = False
    emergency: bool = False
    first: bool = False
    """The card's front: it says "bel eerst de bovenste"."""
    besproken: dt.date | None = None
    """The plan's date, under 112 on the last call panel: whoever acts on it sees how old it is."""


def _lines(text: str) -> int:
    return max(1, math.ceil(len(text) / LINE_CHARS))


def _need(items: list[str]) -> int:
    return 1 + sum(_lines(item) for item in items)  # the subtitle, then the items


def _shares(needs: list[int], budget: int) -> list[int]:
    """Lines per section: all they need if it fits, else a fair share each, the rest in order."""
    if sum(needs) <= budget:
        return needs
    shares = [min(need, budget // len(needs)) for need in needs]
    for i, need in enumerate(needs):
        extra = min(need - shares[i], budget - sum(shares))
        shares[i] += max(extra, 0)
    return shares


def _fit(items: list[str], room: int) -> tuple[tuple[str, ...], bool]:
    """The items that fit in `room` lines (the last one shortened); whether any was cut."""
    kept: list[str] = []
    for item in items:
        if room <= 0:
            return tuple(kept), True
        if _lines(item) > room:
            kept.append(item[: room * LINE_CHARS - 2].rstrip() + " …")
            return tuple(kept), True
        kept.append(item)
        room -= _lines(item)
    return tuple(kept), False


def fit_sections(parts: list[tuple[str, list[str]]], budget: int = PANEL_LINES) -> Panel:
    """Sections shortened to `budget` lines; "zie boekje" on the panel if anything was left out."""
    wanted = [(title, items) for title, items in parts if items]
    needs = [_need(items) for _, items in wanted]
    if sum(needs) > budget:
        budget -= 1  # a line for "zie boekje"
    sections, cut = [], False
    for (title, items), share in zip(wanted, _shares(needs, budget), strict=True):
        kept, shortened = _fit(items, share - 1)
        cut = cut or shortened
        sections.append(Section(title, kept))
    return Panel("", sections=tuple(sections), more=cut)


def _short(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1].rstrip(" ,") + "…"


def _call_line(call: Call) -> Call:
    """A call on one line of the card (the name shortened if it would wrap, the number never);
    when they are reachable on a line of its own."""
    room = LINE_CHARS - len(call.telefoon or "") - 3
    who = call.who if len(call.who) <= room else call.who.split(", ")[0]  # name without relation
    when = _short(call.when, room) if call.when else None
    return Call(_short(who, room), call.telefoon, call.href, when)


def _call_lines(call: Call) -> int:
    return 2 if call.when else 1


def _route(card: CrisisCard) -> list[Call]:
    """The card's lines in the plan's order, each on the card's width; people without a number
    are left out (the booklet says so), the crisis line never is."""
    calls = []
    for call in card.route():
        if call is card.huisarts and "huisarts" not in call.who.lower():
            call = Call(f"Huisarts {call.who}", call.telefoon, call.href, call.when)
        if call.href or call is card.crisislijn:
            calls.append(_call_line(call))
    return calls


def _chunks(calls: list[Call]) -> list[list[Call]]:
    """Calls over panels of `CALL_LINES` lines; the first gives a line to "bel eerst", the last
    keeps `FOOTER_LINES` for 112 and the plan's date."""
    chunks: list[list[Call]] = [[]]
    room = CALL_LINES - 1
    for call in calls:
        if _call_lines(call) > room:
            chunks.append([])
            room = CALL_LINES
        chunks[-1].append(call)
        room -= _call_lines(call)
    if room < FOOTER_LINES:  # the last calls move on, so 112 and the date stay on the card
        tail: list[Call] = []
        while room < FOOTER_LINES:
            tail.insert(0, chunks[-1].pop())
            room += _call_lines(tail[0])
        chunks.append(tail)
    return chunks


def call_panels(
    groep: Groep, crisislijn: Crisislijn, services: tuple[Crisislijn, ...] = ()
) -> list[Panel]:
    """Every line of the crisis card (the plan's contacts, the huisarts, the organisation's crisis
    route, the crisis line), with when they answer, in order, over as many panels as they need."""
    card = crisis_card(groep, crisislijn, services)
    chunks = _chunks(_route(card))
    titles = ["Bel als het niet goed gaat"] + ["Bel ook"] * (len(chunks) - 1)
    panels = [Panel(t, calls=tuple(c)) for t, c in zip(titles, chunks, strict=True)]
    panels[0] = replace(panels[0], first=True)
    panels[-1] = replace(panels[-1], emergency=True, besproken=card.besproken)
    return panels


def panels(
    groep: Groep, crisislijn: Crisislijn, services: tuple[Crisislijn, ...] = ()
) -> list[Panel]:
    """All panels of the card, front first: who to call, then the plan in the client's words."""
    plan = groep.signaleringsplan
    content = [
        (
            "Wat mij helpt",
            [("Dit helpt mij", plan.helpt), ("Ook dit helpt", plan.andere_behandelingen)],
        ),
        (
            "Wat anderen kunnen doen",
            [("Neem dit van mij over", plan.overnemen), ("Dit helpt niet", plan.helpt_niet)],
        ),
        (
            "Medicatie",
            [("Dit helpt mij", plan.medicatie_helpt), ("Dit wil ik niet", plan.medicatie_weigeren)],
        ),
        (
            "Waar ik wil zijn",
            [("Als ik niet thuis kan zijn", plan.verblijfplaats), ("Opname", plan.opname)],
        ),
    ]
    result = call_panels(groep, crisislijn, services)
    for title, parts in content:
        fitted = fit_sections(parts)
        if fitted.sections:
            result.append(Panel(title, sections=fitted.sections, more=fitted.more))
    return result


def render_zakkaart(
    groep: Groep,
    crisislijn: Crisislijn,
    env: jinja2.Environment,
    stylesheet: Path,
    styles: Stylesheets | None = None,
    *,
    services: tuple[Crisislijn, ...] = (),
) -> bytes:
    """The pocket card as a PDF, one panel per page (`styles`: a worker's parsed stylesheets;
    `services`: the organisation's crisis route, as on the booklet's crisis card)."""
    from weasyprint import HTML  # loaded only when printing

    from resourceboek.paper.pdffetcher import LocalFetcher
    from resourceboek.paper.printing import Stylesheets

    html = env.get_template(TEMPLATE).render(
        client=groep.client,
        panels=panels(groep, crisislijn, services),
        emergency=EMERGENCY_NUMBER,
        more=MORE,
    )
    styles = styles or Stylesheets()
    document = HTML(string=html, url_fetcher=LocalFetcher()).render(
        stylesheets=[styles.load(stylesheet)], font_config=styles.fonts
    )
    pdf = document.write_pdf()
    assert pdf is not None  # no target given: WeasyPrint returns the bytes
    return pdf


def make_zakkaart(
    groep: Groep,
    crisislijn: Crisislijn,
    env: jinja2.Environment,
    stylesheet: Path,
    password: str,
    site_dir: Path,
    print_copy: Path | None = None,
    styles: Stylesheets | None = None,
    *,
    services: tuple[Crisislijn, ...] = (),
) -> None:
    """Print the card; encrypted into the booklet folder, readable (0600) only to `print_copy`."""
    plain = render_zakkaart(groep, crisislijn, env, stylesheet, styles, services=services)
    if print_copy is not None:
        private_dir(print_copy.parent)  # 0700; written exclusively, never through a symlink
        write_private(print_copy, plain)
    (site_dir / ZAKKAART_NAME).write_bytes(encrypt_padded(plain, password))
