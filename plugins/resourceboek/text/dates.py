"""Dates in Dutch, as a client reads them: "dinsdag 18 juni 2024, 09:30"."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(day: dt.date, *, weekday: bool = True) -> str:
    """`dinsdag 18 juni 2024` (or `18 juni 2024` without the weekday)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def dutch_datetime(day: dt.date, time: str | None) -> str:
    """`dinsdag 18 juni 2024, 09:30`."""
    return f"{dutch_date(day)}, {time}" if time else dutch_date(day)
