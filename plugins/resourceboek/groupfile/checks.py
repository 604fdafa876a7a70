"""Checks beyond the format: references between sections and the method's guidelines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TypeVar

from resourceboek.groupfile import method_rules, methode
from resourceboek.groupfile.model import (
    CLIENT_REF,
    CLIENT_ROLES,
    FIVE_QUESTIONS,
    GROUP_REF,
    GUIDELINES,
    MAX_LONG_TERM_GOALS,
    MAX_MEETING_MINUTES,
    MAX_SHORT_TERM_GOALS,
    MEETING_INTERVAL_DAYS,
    MEETING_INTERVAL_SLACK_DAYS,
    PLAN_PARTS,
    Groep,
    Kortetermijndoel,
    Rollen,
    is_slug,
    number_word,
)
from resourceboek.groupfile.problems import Problem, Severity
from resourceboek.groupfile.yamlread import Document, Path, dotted
from resourceboek.text import suggest

MAX_DAYS_BETWEEN_MEETINGS = MEETING_INTERVAL_DAYS + MEETING_INTERVAL_SLACK_DAYS
T = TypeVar("T")


def check_group(groep: Groep, doc: Document, shown: str, *, guidelines: bool) -> list[Problem]:
    """All reference errors and (if `guidelines`) guideline warnings of a group.

    `groep` may be the salvaged part of a file with format errors (see `partial.py`): any field,
    list item or person may then be None, and is skipped.
    """
    found = [(where, msg, Severity.error) for where, msg in _reference_errors(groep)]
    found += [(where, msg, Severity.error) for where, msg in _consistency_errors(groep)]
    found += [(where, msg, Severity.error) for where, msg in method_rules.reference_errors(groep)]
    if guidelines:
        found += [(where, msg, Severity.warning) for where, msg in _guideline_warnings(groep)]
        found += [(w, msg, Severity.warning) for w, msg in method_rules.rule_warnings(groep)]
    return [Problem(shown, doc.line_of(w), dotted(w), m, s) for w, m, s in found]


def _items(values: list[T] | None) -> Iterator[tuple[int, T]]:
    """The items of a list that are there (a salvaged list may be None or hold None)."""
    return ((i, v) for i, v in enumerate(values or []) if v is not None)


def _refs(groep: Groep) -> Iterator[tuple[Path, str, bool]]:
    """Every person reference as (where, key, client allowed)."""
    if groep.rollen is not None:
        for role in Rollen.model_fields:
            key = getattr(groep.rollen, role, None)
            if key is not None:
                yield ("rollen", role), key, role in CLIENT_ROLES
    for section in ("deelnemers", "uitnodigen", "belangrijke_anderen"):
        for i, key in _items(getattr(groep, section)):
            yield (section, i), key, False
    plan = groep.signaleringsplan
    for i, key in _items(plan.contact_bij_crisis if plan is not None else None):
        if key != GROUP_REF:
            yield ("signaleringsplan", "contact_bij_crisis", i), key, False
    for i, meeting in _items(groep.bijeenkomsten):
        if meeting.voorzitter:
            yield ("bijeenkomsten", i, "voorzitter"), meeting.voorzitter, True
        for j, key in _items(meeting.uitgenodigd):
            yield ("bijeenkomsten", i, "uitgenodigd", j), key, False
    for i, goal in _items(groep.kortetermijndoelen):
        for j, task in _items(getattr(goal, "taken", None)):
            for k, key in _items(getattr(task, "wie", None)):
                yield ("kortetermijndoelen", i, "taken", j, "wie", k), key, True


def _reference_errors(groep: Groep) -> Iterator[tuple[Path, str]]:
    if groep.personen is not None:
        valid = sorted(k for k in groep.personen if is_slug(k))
        # A key with a format error (e.g. `Mieke:`) is reported once, not at every reference.
        pending = {k.lower() for k in groep.personen if not is_slug(k)}
        for where, key, client_ok in _refs(groep):
            if key == CLIENT_REF and client_ok:
                continue
            if key not in groep.personen and key.lower() not in pending:
                yield where, _unknown_person(key, valid, client_ok)
    yield from _sheet_part_errors(groep)
    if groep.variant is None:
        return
    variant = groep.variant.value
    themes = {t.id for t in methode.themas().for_variant(variant)}
    for i, theme in _items(groep.themas):
        if theme not in themes:
            yield ("themas", i), _unknown_theme(theme, variant, themes)
    for i, meeting in _items(groep.bijeenkomsten):
        if meeting.thema and meeting.thema not in themes:
            yield ("bijeenkomsten", i, "thema"), _unknown_theme(meeting.thema, variant, themes)


def _sheet_part_errors(groep: Groep) -> Iterator[tuple[Path, str]]:
    parts = list(PLAN_PARTS)
    for key, person in (groep.personen or {}).items():
        for i, part in _items(getattr(person, "rolkaart_onderdelen", None)):
            if part not in parts:
                yield (
                    ("personen", key, "rolkaart_onderdelen", i),
                    "dit is geen onderdeel van het signaleringsplan; kies uit: "
                    f"{', '.join(parts)}.{suggest.tip(part, parts)}",
                )


def _unknown_person(key: str, known: list[str], client_ok: bool) -> str:
    client = " (of `client` voor de cliënt zelf)" if client_ok else ""
    return (
        "deze sleutel staat niet bij `personen`; voeg die persoon toe of gebruik een bestaande "
        f"sleutel{client}.{suggest.tip(key, known)}"
    )


def _unknown_theme(theme: str, variant: str, themes: set[str]) -> str:
    choices = ", ".join(sorted(themes))
    return (
        f"dit thema hoort niet bij de variant {variant}; kies uit: {choices}."
        f"{suggest.tip(theme, themes)}"
    )


def _consistency_errors(groep: Groep) -> Iterator[tuple[Path, str]]:
    if groep.variant is not None and groep.rollen is not None:
        right = methode.WORDING[groep.variant.value]["zv"]
        wrong = next(w["zv"] for v, w in methode.WORDING.items() if v != groep.variant.value)
        if getattr(groep.rollen, wrong, None):
            yield (
                ("rollen", wrong),
                f"bij de variant {groep.variant.value} heet deze rol '{right}'.",
            )
    for i, meeting in _items(groep.bijeenkomsten):
        if meeting.eindtijd and meeting.begintijd and meeting.eindtijd <= meeting.begintijd:
            yield ("bijeenkomsten", i, "eindtijd"), "de eindtijd ligt niet na de begintijd."
        if meeting.soort is not None and meeting.soort.value == "thema" and not meeting.thema:
            yield ("bijeenkomsten", i, "soort"), "een themabijeenkomst heeft een `thema:` nodig."
        if meeting.datum and groep.startdatum and meeting.datum < groep.startdatum:
            yield ("bijeenkomsten", i, "datum"), "deze bijeenkomst ligt vóór de startdatum."


def _in_progress(goals: list[Kortetermijndoel] | None) -> list[int]:
    """The positions of the goals still worked on: only those count toward the three."""
    done = ("bereikt", "gestopt")
    return [i for i, goal in _items(goals) if getattr(goal.status, "value", None) not in done]


def _goal_counts(active: list[int], long: int) -> Iterator[tuple[Path, str]]:
    short = len(active)
    if short > MAX_SHORT_TERM_GOALS:
        most = number_word(MAX_SHORT_TERM_GOALS)
        yield (
            ("kortetermijndoelen", active[MAX_SHORT_TERM_GOALS]),
            (
                f"de methodiek adviseert maximaal {most} kortetermijndoelen die lopen; "
                f"er lopen er {number_word(short)} (een bereikt of gestopt doel telt niet mee). "
                f"Kies de {most} die nu het belangrijkst zijn."
            ),
        )
    if long > MAX_LONG_TERM_GOALS:
        most = number_word(MAX_LONG_TERM_GOALS)
        yield (
            ("langetermijndoelen", MAX_LONG_TERM_GOALS),
            f"de methodiek adviseert maximaal {most} langetermijndoelen; er staan er {number_word(long)}.",
        )


def _guideline_warnings(groep: Groep) -> Iterator[tuple[Path, str]]:
    long = groep.langetermijndoelen or []
    # A deviation the group chose and wrote down (`afwijkingen`, with its reason) is not a warning.
    chosen = {getattr(rule, "value", rule) for rule in getattr(groep, "afwijkingen", None) or {}}
    for where, message in _goal_counts(_in_progress(groep.kortetermijndoelen), len(long)):
        if where[0] not in chosen:
            yield where, message
    for i, goal in _items(groep.kortetermijndoelen):
        yield from _missing_answers(i, goal)
    yield from _meeting_warnings(groep)


def _missing_answers(i: int, goal: Kortetermijndoel) -> Iterator[tuple[Path, str]]:
    if goal.status is None or goal.status.value in ("bereikt", "gestopt"):
        return
    answered = {"wie_gaat_wat_doen"} if getattr(goal, "taken", None) else set()
    missing = [q for q in FIVE_QUESTIONS if getattr(goal, q) is None and q not in answered]
    if missing:
        titles = ", ".join(f"'{Kortetermijndoel.model_fields[q].title}'" for q in missing)
        yield ("kortetermijndoelen", i), f"nog geen antwoord op {titles}."


def _meeting_warnings(groep: Groep) -> Iterator[tuple[Path, str]]:
    previous: dt.date | None = None
    dated = [(i, m) for i, m in _items(groep.bijeenkomsten) if m.datum is not None]
    for i, meeting in sorted(dated, key=lambda m: m[1].datum):
        if (
            meeting.eindtijd
            and meeting.begintijd
            and _minutes(meeting.begintijd, meeting.eindtijd) > MAX_MEETING_MINUTES
        ):
            minutes = _minutes(meeting.begintijd, meeting.eindtijd)
            yield (
                ("bijeenkomsten", i, "eindtijd"),
                (
                    f"deze bijeenkomst duurt {minutes} minuten; de methodiek adviseert {GUIDELINES['duur']}."
                ),
            )
        if previous and (meeting.datum - previous).days > MAX_DAYS_BETWEEN_MEETINGS:
            days = (meeting.datum - previous).days
            yield ("bijeenkomsten", i, "datum"), gap_message(days)
        previous = meeting.datum


def gap_message(days: int) -> str:
    """The guideline on the time between two meetings (also a readiness warning)."""
    return (
        f"{days} dagen na de vorige bijeenkomst; de methodiek adviseert {GUIDELINES['tussenpoos']}."
    )


def _minutes(start: str, end: str) -> int:
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return (h2 * 60 + m2) - (h1 * 60 + m1)
