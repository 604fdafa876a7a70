"""The method's rules about who is at a meeting, and references of the method's other work.

Warnings (errors under `--strict`): the regieondersteuner at every meeting, the regiebehandelaar
invited to a youth start meeting, the zorgverantwoordelijke at a meeting at least once a year.
Errors: consent, measurements and theme evaluations that name a person, domain or theme that is
not there. Like `checks.py`, every part may be None in a salvaged group; messages name fields and
short keys only, never a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from resourceboek.groupfile import methode
from resourceboek.groupfile.model import GUIDELINES, Bijeenkomst, Groep, is_slug
from resourceboek.text import suggest

Where = tuple[str | int, ...]
YEAR_DAYS = 366
""""Minimaal eens per jaar": more than a year (a leap day included) between two visits warns."""


def _meetings(groep: Groep) -> list[tuple[int, Bijeenkomst]]:
    """The meetings that are there and have a date, in date order, with their index."""
    found = [(i, m) for i, m in enumerate(groep.bijeenkomsten or []) if m and m.datum]
    return sorted(found, key=lambda item: item[1].datum)


def present(groep: Groep, meeting: Bijeenkomst, key: str) -> bool:
    """Whether `key` is at a meeting: in the core group or invited to it."""
    return key in (groep.deelnemers or []) or key in (meeting.uitgenodigd or [])


def rule_warnings(groep: Groep) -> Iterator[tuple[Where, str]]:
    """The method's rules about who is at which meeting."""
    if groep.rollen is None or groep.variant is None:
        return
    yield from _coordinator_everywhere(groep)
    if groep.variant.value == "jongeren":
        yield from _clinician_at_start(groep)
    else:
        yield from _clinician_yearly(groep)


def _coordinator_everywhere(groep: Groep) -> Iterator[tuple[Where, str]]:
    key = groep.rollen.regieondersteuner
    for i, meeting in _meetings(groep):
        if key and not present(groep, meeting, key):
            yield (
                ("bijeenkomsten", i, "uitgenodigd"),
                "de regieondersteuner staat niet bij `deelnemers` en niet bij `uitgenodigd`; de "
                f"methodiek adviseert de regieondersteuner {GUIDELINES['regieondersteuner']}.",
            )


def _clinician_at_start(groep: Groep) -> Iterator[tuple[Where, str]]:
    key = groep.rollen.regiebehandelaar
    for i, meeting in _meetings(groep):
        kind = getattr(meeting.soort, "value", None)
        if key and kind == "start" and not present(groep, meeting, key):
            yield (
                ("bijeenkomsten", i, "uitgenodigd"),
                "de regiebehandelaar is niet uitgenodigd voor deze startbijeenkomst; de methodiek "
                f"adviseert de regiebehandelaar {GUIDELINES['regiebehandelaar']}. Zet die bij "
                "`uitgenodigd`.",
            )


def _clinician_yearly(groep: Groep) -> Iterator[tuple[Where, str]]:
    key = groep.rollen.zorgverantwoordelijke
    meetings = _meetings(groep)
    if not key or not meetings:
        return
    since: dt.date = meetings[0][1].datum
    for i, meeting in meetings:
        if present(groep, meeting, key):
            since = meeting.datum
        elif (meeting.datum - since).days > YEAR_DAYS:
            yield (
                ("bijeenkomsten", i, "uitgenodigd"),
                "de zorgverantwoordelijke is dan al meer dan een jaar bij geen bijeenkomst; de "
                f"methodiek adviseert de zorgverantwoordelijke {GUIDELINES['zorgverantwoordelijke']}.",
            )
            since = meeting.datum


def reference_errors(groep: Groep) -> Iterator[tuple[Where, str]]:
    """Consent for people who are not there; measurements of the other variant or domain."""
    people = sorted(k for k in groep.personen or {} if is_slug(k))
    # A person key with a format error (`Mieke:`) is reported once, not again here.
    pending = {k.lower() for k in groep.personen or {} if not is_slug(k)}
    for key in groep.toestemming or {}:
        if groep.personen is not None and key not in groep.personen and key not in pending:
            yield (
                ("toestemming", key),
                "deze sleutel staat niet bij `personen`; toestemming hoort bij een persoon."
                f"{suggest.tip(key, people)}",
            )
    metingen = groep.metingen
    if metingen is None or groep.variant is None:
        return
    yield from _variant_tools(groep.variant.value, metingen.qls_100, metingen.zrm)
    yield from _domain_errors(metingen.zrm or [])
    yield from _theme_errors(groep.variant.value, metingen.themas or [])


def _variant_tools(
    variant: str, qls: Sequence[object] | None, zrm: Sequence[object] | None
) -> Iterator[tuple[Where, str]]:
    if variant == "jongeren" and qls:
        yield ("metingen", "qls_100"), "de QLS-100 hoort bij de variant volwassenen; gebruik `zrm`."
    if variant == "volwassenen" and zrm:
        yield ("metingen", "zrm"), "de ZRM hoort bij de variant jongeren; gebruik `qls_100`."


def _domain_errors(zrm: Sequence[object]) -> Iterator[tuple[Where, str]]:
    domains = [d.id for d in methode.zrm_domains()]
    for i, meting in enumerate(zrm):
        for key in getattr(meting, "scores", None) or {}:
            if key not in domains:
                yield (
                    ("metingen", "zrm", i, "scores", key),
                    f"dit domein staat niet in bijlage 10b; kies uit: {', '.join(domains)}."
                    f"{suggest.tip(key, domains)}",
                )


def _theme_errors(variant: str, evaluations: Sequence[object]) -> Iterator[tuple[Where, str]]:
    themes = sorted(t.id for t in methode.themas().for_variant(variant))
    for i, evaluation in enumerate(evaluations):
        theme = getattr(evaluation, "thema", None)
        if evaluation is not None and theme and theme not in themes:
            yield (
                ("metingen", "themas", i, "thema"),
                f"dit thema hoort niet bij de variant {variant}; kies uit: {', '.join(themes)}."
                f"{suggest.tip(theme, themes)}",
            )
