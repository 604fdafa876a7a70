"""Checks beyond the format: references between sections and the method's guidelines."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator

from . import methode
from .model import (
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
    Groep,
    Kortetermijndoel,
    Signaleringsplan,
    number_word,
)
from .problems import Problem, Severity
from .yamlread import Document, Path, dotted

MAX_DAYS_BETWEEN_MEETINGS = MEETING_INTERVAL_DAYS + MEETING_INTERVAL_SLACK_DAYS


def check_group(groep: Groep, doc: Document, shown: str, *, guidelines: bool) -> list[Problem]:
    """All reference errors and (if `guidelines`) guideline warnings of a structurally valid group."""
    found = [(where, msg, Severity.error) for where, msg in _reference_errors(groep)]
    found += [(where, msg, Severity.error) for where, msg in _consistency_errors(groep)]
    if guidelines:
        found += [(where, msg, Severity.warning) for where, msg in _guideline_warnings(groep)]
    return [Problem(shown, doc.line_of(w), dotted(w), m, s) for w, m, s in found]


def _refs(groep: Groep) -> Iterator[tuple[Path, str, bool]]:
    """Every person reference as (where, key, client allowed)."""
    for role, key in groep.rollen.model_dump().items():
        if key is not None:
            yield ("rollen", role), key, role in CLIENT_ROLES
    for section in ("deelnemers", "uitnodigen", "belangrijke_anderen"):
        for i, key in enumerate(getattr(groep, section)):
            yield (section, i), key, False
    for i, key in enumerate(groep.signaleringsplan.contact_bij_crisis):
        if key != GROUP_REF:
            yield ("signaleringsplan", "contact_bij_crisis", i), key, False
    for i, meeting in enumerate(groep.bijeenkomsten):
        if meeting.voorzitter:
            yield ("bijeenkomsten", i, "voorzitter"), meeting.voorzitter, True
        for j, key in enumerate(meeting.uitgenodigd):
            yield ("bijeenkomsten", i, "uitgenodigd", j), key, False
    for i, goal in enumerate(groep.kortetermijndoelen):
        for j, task in enumerate(goal.taken):
            for k, key in enumerate(task.wie):
                yield ("kortetermijndoelen", i, "taken", j, "wie", k), key, True


def _reference_errors(groep: Groep) -> Iterator[tuple[Path, str]]:
    known = sorted(groep.personen)
    for where, key, client_ok in _refs(groep):
        if key == CLIENT_REF and client_ok:
            continue
        if key not in groep.personen:
            yield where, _unknown_person(key, known, client_ok)
    yield from _sheet_part_errors(groep)
    themes = {t.id for t in methode.themas().for_variant(groep.variant.value)}
    for i, theme in enumerate(groep.themas):
        if theme not in themes:
            yield ("themas", i), _unknown_theme(theme, groep.variant.value, themes)
    for i, meeting in enumerate(groep.bijeenkomsten):
        if meeting.thema and meeting.thema not in themes:
            yield (
                ("bijeenkomsten", i, "thema"),
                _unknown_theme(meeting.thema, groep.variant.value, themes),
            )


def _sheet_part_errors(groep: Groep) -> Iterator[tuple[Path, str]]:
    parts = list(Signaleringsplan.model_fields)
    for key, person in groep.personen.items():
        for i, part in enumerate(person.rolkaart_onderdelen or []):
            if part not in parts:
                guess = difflib.get_close_matches(part, parts, n=1, cutoff=0.6)
                tip = f" Bedoelde je '{guess[0]}'?" if guess else ""
                yield (
                    ("personen", key, "rolkaart_onderdelen", i),
                    "dit is geen onderdeel van het signaleringsplan; kies uit: "
                    f"{', '.join(parts)}.{tip}",
                )


def _unknown_person(key: str, known: list[str], client_ok: bool) -> str:
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    tip = f" Bedoelde je '{guess[0]}'?" if guess else ""
    client = " (of `client` voor de cliënt zelf)" if client_ok else ""
    return (
        "deze sleutel staat niet bij `personen`; voeg die persoon toe of gebruik een bestaande "
        f"sleutel{client}.{tip}"
    )


def _unknown_theme(theme: str, variant: str, themes: set[str]) -> str:
    guess = difflib.get_close_matches(theme, sorted(themes), n=1, cutoff=0.6)
    tip = f" Bedoelde je '{guess[0]}'?" if guess else ""
    choices = ", ".join(sorted(themes))
    return f"dit thema hoort niet bij de variant {variant}; kies uit: {choices}.{tip}"


def _consistency_errors(groep: Groep) -> Iterator[tuple[Path, str]]:
    wrong, right = (
        ("zorgverantwoordelijke", "regiebehandelaar")
        if groep.variant.value == "jongeren"
        else ("regiebehandelaar", "zorgverantwoordelijke")
    )
    if getattr(groep.rollen, wrong):
        yield ("rollen", wrong), f"bij de variant {groep.variant.value} heet deze rol '{right}'."
    for i, meeting in enumerate(groep.bijeenkomsten):
        if meeting.eindtijd and meeting.eindtijd <= meeting.begintijd:
            yield ("bijeenkomsten", i, "eindtijd"), "de eindtijd ligt niet na de begintijd."
        if meeting.soort.value == "thema" and not meeting.thema:
            yield ("bijeenkomsten", i, "soort"), "een themabijeenkomst heeft een `thema:` nodig."
        if meeting.datum < groep.startdatum:
            yield ("bijeenkomsten", i, "datum"), "deze bijeenkomst ligt vóór de startdatum."


def goal_count_warnings(data: object, doc: Document, shown: str) -> list[Problem]:
    """The goal-count guidelines on the raw data, for a file whose format has errors too."""
    if not isinstance(data, dict):
        return []
    short, long = (data.get(k) for k in ("kortetermijndoelen", "langetermijndoelen"))
    counts = (
        len(short) if isinstance(short, list) else 0,
        len(long) if isinstance(long, list) else 0,
    )
    return [
        Problem(shown, doc.line_of(w), dotted(w), m, Severity.warning)
        for w, m in _goal_counts(*counts)
    ]


def _goal_counts(short: int, long: int) -> Iterator[tuple[Path, str]]:
    if short > MAX_SHORT_TERM_GOALS:
        most = number_word(MAX_SHORT_TERM_GOALS)
        yield (
            ("kortetermijndoelen", MAX_SHORT_TERM_GOALS),
            (
                f"de methodiek adviseert maximaal {most} kortetermijndoelen; "
                f"er staan er {number_word(short)}. Kies de {most} die nu het belangrijkst zijn."
            ),
        )
    if long > MAX_LONG_TERM_GOALS:
        most = number_word(MAX_LONG_TERM_GOALS)
        yield (
            ("langetermijndoelen", MAX_LONG_TERM_GOALS),
            f"de methodiek adviseert maximaal {most} langetermijndoelen; er staan er {number_word(long)}.",
        )


def _guideline_warnings(groep: Groep) -> Iterator[tuple[Path, str]]:
    yield from _goal_counts(len(groep.kortetermijndoelen), len(groep.langetermijndoelen))
    for i, goal in enumerate(groep.kortetermijndoelen):
        yield from _missing_answers(i, goal)
    yield from _meeting_warnings(groep)


def _missing_answers(i: int, goal: Kortetermijndoel) -> Iterator[tuple[Path, str]]:
    if goal.status.value in ("bereikt", "gestopt"):
        return
    answered = {"wie_gaat_wat_doen"} if goal.taken else set()
    missing = [q for q in FIVE_QUESTIONS if getattr(goal, q) is None and q not in answered]
    if missing:
        titles = ", ".join(f"'{Kortetermijndoel.model_fields[q].title}'" for q in missing)
        yield ("kortetermijndoelen", i), f"nog geen antwoord op {titles}."


def _meeting_warnings(groep: Groep) -> Iterator[tuple[Path, str]]:
    previous: dt.date | None = None
    for i, meeting in sorted(enumerate(groep.bijeenkomsten), key=lambda m: m[1].datum):
        if meeting.eindtijd and _minutes(meeting.begintijd, meeting.eindtijd) > MAX_MEETING_MINUTES:
            minutes = _minutes(meeting.begintijd, meeting.eindtijd)
            yield (
                ("bijeenkomsten", i, "eindtijd"),
                (
                    f"deze bijeenkomst duurt {minutes} minuten; de methodiek adviseert {GUIDELINES['duur']}."
                ),
            )
        if previous and (meeting.datum - previous).days > MAX_DAYS_BETWEEN_MEETINGS:
            days = (meeting.datum - previous).days
            yield (
                ("bijeenkomsten", i, "datum"),
                (
                    f"{days} dagen na de vorige bijeenkomst; de methodiek adviseert {GUIDELINES['tussenpoos']}."
                ),
            )
        previous = meeting.datum


def _minutes(start: str, end: str) -> int:
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return (h2 * 60 + m2) - (h1 * 60 + m1)
