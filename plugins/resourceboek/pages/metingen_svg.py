"""The measurement picture: how the goal tools' results (bijlage 10b) changed since the start.

Youth: the Zelfredzaamheid-Matrix, one row per domain with a dot per date on a scale of 1 to 5.
Adults: the QLS-100 areas chosen, one row per area with a dot under each date it was chosen.
Inline SVG like the sociogram, readable at 360 px; every text escaped; a table beside it says the
same in words (the text alternative). Domain names come from the method's data, not the file.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from resourceboek.groupfile import methode
from resourceboek.groupfile.cycle import ZRM_HIGH, ZRM_LOW, QlsMeting, ZrmMeting
from resourceboek.groupfile.model import Groep
from resourceboek.pages.sociogram_svg import svg_html
from resourceboek.text.dates import dutch_date

WIDTH, LEFT, RIGHT = 340, 16, 324
ROW, FONT = 46, 13
SHADES = ("#b2dfdb", "#80cbc4", "#26a69a", "#00796b", "#004d40")
"""Earlier dates light, the latest dark (teal, as the sociogram's members)."""
TEXT, LINE = "#212121", "#9e9e9e"


def _shade(i: int, count: int) -> str:
    """The colour of the i-th of `count` dates: the last one always the darkest."""
    last = len(SHADES) - 1
    return SHADES[last if count < 2 else round(i * last / (count - 1))]


def _x(score: int) -> float:
    step = (RIGHT - LEFT) / (ZRM_HIGH - ZRM_LOW)
    return LEFT + (score - ZRM_LOW) * step


def _svg(title: str, height: int, body: Markup) -> Markup:
    return svg_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="rb-metingen-svg" role="img"'
        ' viewBox="0 0 {} {}" width="100%" aria-label="{}">'
        '<g font-family="Liberation Sans, Arial, Helvetica, sans-serif" font-size="{}"'
        ' fill="{}">{}</g></svg>',
        WIDTH, height, title, FONT, TEXT, body,
    )  # fmt: skip


def _legend(dates: list[dt.date], y: float) -> Markup:
    return Markup("").join(
        svg_html(
            '<circle cx="{}" cy="{:.1f}" r="6" fill="{}" stroke="#004d40"/>'
            '<text x="{}" y="{:.1f}">{}</text>',
            LEFT + 6,
            y + i * 20,
            _shade(i, len(dates)),
            LEFT + 18,
            y + i * 20 + 4.5,
            dutch_date(d),
        )  # fmt: skip
        for i, d in enumerate(dates)
    )


def _zrm_row(name: str, scores: list[int | None], y: float) -> Markup:
    ticks = Markup("").join(
        svg_html(
            '<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}"/>'
            '<text x="{0:.1f}" y="{4:.1f}" text-anchor="middle" font-size="11">{5}</text>',
            _x(s),
            y + 20,
            y + 30,
            LINE,
            y + 42,
            s,
        )  # fmt: skip
        for s in range(ZRM_LOW, ZRM_HIGH + 1)
    )
    dots = Markup("").join(
        svg_html(
            '<circle cx="{:.1f}" cy="{:.1f}" r="6" fill="{}" stroke="#004d40"/>',
            _x(s),
            y + 25 + (i - (len(scores) - 1) / 2) * 5,
            _shade(i, len(scores)),
        )  # fmt: skip
        for i, s in enumerate(scores)
        if s is not None
    )
    return svg_html(
        '<text x="{}" y="{:.1f}" font-weight="bold">{}</text>'
        '<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}"/>{}{}',
        LEFT - 8, y + 12, name, LEFT, y + 25, RIGHT, y + 25, LINE, ticks, dots,
    )  # fmt: skip


def zrm_rows(metingen: list[ZrmMeting]) -> list[tuple[str, list[int | None]]]:
    """Each domain scored at least once, with its score at every date (None: not scored)."""
    ordered = sorted(metingen, key=lambda m: m.datum)
    rows = []
    for domain in methode.zrm_domains():
        scores = [m.scores.get(domain.id) for m in ordered]
        if any(s is not None for s in scores):
            rows.append((domain.naam, scores))
    return rows


def zrm_svg(metingen: list[ZrmMeting]) -> Markup:
    """The ZRM scores per domain over time (1 at the left, 5 at the right)."""
    dates = sorted(m.datum for m in metingen)
    rows = zrm_rows(metingen)
    body = Markup("").join(_zrm_row(name, s, 8 + i * ROW) for i, (name, s) in enumerate(rows))
    top = 8 + len(rows) * ROW + 10
    title = "Zelfredzaamheid per domein, van 1 (veel zorgen) tot 5 (gaat zelf goed)"
    return _svg(title, int(top + len(dates) * 20), body + _legend(dates, top))


def qls_rows(metingen: list[QlsMeting]) -> list[tuple[str, list[bool]]]:
    """Each area chosen at least once, and at which dates (in the order first chosen)."""
    ordered = sorted(metingen, key=lambda m: m.datum)
    areas = list(dict.fromkeys(a for m in ordered for a in m.gebieden))
    return [(area, [area in m.gebieden for m in ordered]) for area in areas]


def qls_svg(metingen: list[QlsMeting]) -> Markup:
    """The QLS-100 areas chosen at each date: a dot where an area did not go well."""
    dates = sorted(m.datum for m in metingen)
    step = min(60, (RIGHT - 200) / max(len(dates), 1))
    cells = Markup("")
    for i, (area, chosen) in enumerate(qls_rows(metingen)):
        y = 14 + i * 26
        cells += svg_html('<text x="{}" y="{:.1f}">{}</text>', LEFT - 8, y + 4.5, area[:28])
        for j, on in enumerate(chosen):
            fill = _shade(j, len(dates)) if on else "#fff"
            cells += svg_html(
                '<circle cx="{:.1f}" cy="{:.1f}" r="7" fill="{}" stroke="{}"/>',
                220 + j * step, y, fill, LINE,
            )  # fmt: skip
    top = 14 + len(qls_rows(metingen)) * 26
    title = "Gebieden die niet goed gingen, per datum (een punt: gekozen)"
    return _svg(title, int(top + len(dates) * 20), cells + _legend(dates, top))


def metingen_svg(groep: Groep) -> Markup:
    """The measurement picture of a group, or nothing when it has no measurements."""
    if groep.metingen.zrm:
        return zrm_svg(groep.metingen.zrm)
    if groep.metingen.qls_100:
        return qls_svg(groep.metingen.qls_100)
    return Markup("")
