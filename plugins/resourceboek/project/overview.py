"""The coordinator's overview of all groups (`resourceboek status`); no MkDocs here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from resourceboek.groupfile.load import LoadedGroup
from resourceboek.groupfile.model import Groep
from resourceboek.groupfile.problems import Problem
from resourceboek.text.dates import dutch_date
from resourceboek.text.dutch import count

THREE_MONTHS_IN_WEEKS = 13
"""The method meets about once every three months."""
HEADERS = (
    "groep",
    "variant",
    "fase",
    "volgende bijeenkomst",
    "weken sinds laatste",
    "gereed",
    "wachtwoord",
    "link",
)
BROKEN = "nee (fout in het bestand)"
"""The `gereed` cell of a group whose file has errors."""
Readiness = Callable[[LoadedGroup, dt.date], list[Problem]]


@dataclass(frozen=True)
class StatusRow:
    """One group in the overview."""

    group: str
    variant: str
    fase: int | None
    next_meeting: dt.date | None
    weeks_since_last: int | None
    open_points: int
    has_password: bool
    link: str
    broken: bool = False
    """The group file has errors: nothing else of it is known until they are fixed."""

    def cells(self, *, spreadsheet: bool = False) -> tuple[str, ...]:
        """The row as text: Dutch dates on screen, ISO dates for a spreadsheet."""
        when = self.next_meeting
        shown = "" if when is None else when.isoformat() if spreadsheet else dutch_date(when)
        weeks = "" if self.weeks_since_last is None else str(self.weeks_since_last)
        if not spreadsheet and (self.weeks_since_last or 0) > THREE_MONTHS_IN_WEEKS:
            weeks += " (!)"
        ready = "ja" if not self.open_points else f"nee ({self.open_points})"
        if self.broken:
            ready = BROKEN
        password = "ja" if self.has_password else "nee"
        fase = "" if self.fase is None else str(self.fase)
        return (self.group, self.variant, fase, shown, weeks, ready, password, self.link)


def status_row(
    group: LoadedGroup, today: dt.date, readiness: Readiness, has_password: bool, link: str
) -> StatusRow:
    """The overview row of one group as of `today`."""
    dates = sorted(m.datum for m in group.groep.bijeenkomsten)
    upcoming = [d for d in dates if d >= today]
    past = [d for d in dates if d < today]
    return StatusRow(
        group=group.id,
        variant=group.groep.variant.value,
        fase=group.groep.fase,
        next_meeting=upcoming[0] if upcoming else None,
        weeks_since_last=(today - past[-1]).days // 7 if past else None,
        open_points=len(readiness(group, today)),
        has_password=has_password,
        link=link,
    )


def broken_row(group: str, has_password: bool, link: str) -> StatusRow:
    """The overview row of a group whose file has errors (listed, never left out)."""
    return StatusRow(group, "?", None, None, None, 0, has_password, link, broken=True)


def booklet_link(base_url: str, token: str) -> str:
    """The link of a booklet: `<base_url><token>/`.

    `base_url` is the address where `site/boekjes/` is published, ending in `/`.
    """
    return f"{base_url}{token}/"


def link_text(base_url: str, token: str | None) -> str:
    """The booklet's link, or why there is none yet."""
    if token is None:
        return "nog niet gebouwd"
    if not base_url:
        return f"boekjes/{token}/ (stel base_url in)"
    return booklet_link(base_url, token)


def as_table(rows: Sequence[StatusRow]) -> str:
    """A plain text table with aligned columns."""
    lines = [HEADERS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def as_csv(rows: Sequence[StatusRow]) -> str:
    """The overview as CSV for a spreadsheet (ISO dates)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(row.cells(spreadsheet=True) for row in rows)
    return out.getvalue()


def history_note(folder: str, ids: Sequence[str]) -> str:
    """A reminder of kept versions whose group file is gone (a group that stopped)."""
    maps = ", ".join(f"{folder}/{gid}/" for gid in ids)
    if len(ids) == 1:
        kept = f"In {maps} staan nog eerdere versies van een groepsbestand dat er niet meer is"
    else:
        kept = f"In {maps} staan nog eerdere versies van groepsbestanden die er niet meer zijn"
    return (
        f"{kept} (ook gezondheidsgegevens). Is de groep gestopt? Bewaar of vernietig die "
        "geschiedenis dan volgens de regels van je organisatie, net als het groepsbestand "
        "(README: Een groep die stopt)."
    )


def phase_todo(groep: Groep, today: dt.date) -> str:
    """What the group's current phase asks, in counts and field names (never a value)."""
    steps = {1: _preparation, 2: _deepening, 3: _planning, 4: _start, 5: _follow_up, 6: _handover}
    return f"fase {groep.fase}: " + "; ".join(steps[groep.fase](groep, today))


def _preparation(groep: Groep, today: dt.date) -> list[str]:
    short, long = len(groep.kortetermijndoelen), len(groep.langetermijndoelen)
    found = [f"{count(len(groep.personen), 'persoon', 'personen')} in het sociogram"]
    found.append(f"{short} korte en {long} lange doelen")
    if not groep.signaleringsplan.signalen:
        found.append("signaleringsplan nog leeg")
    return found


def _deepening(groep: Groep, today: dt.date) -> list[str]:
    nominees = [k for k in groep.deelnemers if k != groep.rollen.regieondersteuner]
    talks = [groep.personen[k].verdiepingsgesprek for k in nominees]
    held = [t for t in talks if t is not None and t.held(today)]
    fed_back = [t for t in held if t.teruggekoppeld is not None]
    found = [
        f"{len(held)} van {len(nominees)} verdiepingsgesprekken gehouden",
        f"{len(fed_back)} teruggekoppeld",
    ]
    if groep.variant.value == "jongeren":
        family = [
            p.verdiepingsgesprek
            for k, p in groep.personen.items()
            if p.soort.value == "familie" and k not in groep.deelnemers
        ]
        done = [t for t in family if t is not None and t.held(today)]
        found.append(f"{len(done)} van {len(family)} gesprekken met gezinsleden gehouden")
    return found


def _planning(groep: Groep, today: dt.date) -> list[str]:
    start = [m for m in groep.bijeenkomsten if m.soort.value == "start"]
    found = ["startbijeenkomst gepland" if start else "nog geen startbijeenkomst gepland"]
    if not groep.afspraken.communicatiekanaal:
        found.append("nog geen afspraak over contact (`afspraken.communicatiekanaal`)")
    return found


def _start(groep: Groep, today: dt.date) -> list[str]:
    found = _planning(groep, today)[1:]
    if groep.afspraken.evaluatiedatum is None:
        found.append("nog geen evaluatieafspraak (`afspraken.evaluatiedatum`)")
    return found or ["de afspraken van de start staan erin"]


def _follow_up(groep: Groep, today: dt.date) -> list[str]:
    held = {m.thema for m in groep.bijeenkomsten if m.thema and m.datum < today}
    chosen = [t for t in groep.themas if t in held]
    evaluated = {e.thema for e in groep.metingen.themas}
    return [
        f"{len(chosen)} van {len(groep.themas)} themabijeenkomsten gehouden",
        f"{len(held & evaluated)} geëvalueerd",
    ]


def _handover(groep: Groep, today: dt.date) -> list[str]:
    kind = groep.overdracht.soort
    meetings = [m for m in groep.bijeenkomsten if m.soort.value == "overdracht"]
    return [
        f"{kind.value} vastgelegd" if kind else "nog geen afschaling of overdracht vastgelegd",
        "overdrachtsbijeenkomst gepland" if meetings else "nog geen overdrachtsbijeenkomst",
        f"{count(len(groep.afspraken_opschaling), 'afspraak', 'afspraken')} over opschaling",
    ]
