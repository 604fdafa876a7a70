"""The sociogram's drawing (sociogram.py) written as inline SVG with its legend.

Only names are written, each escaped; never a phone number, e-mail address or relation.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from resourceboek.groupfile.model import Groep
from resourceboek.pages.sociogram import (
    CLIENT_RADIUS,
    DOT_RADIUS,
    FONT_SIZE,
    LEGEND,
    LINE_HEIGHT,
    RING_RADII,
    Box,
    Drawing,
    Marker,
    layout,
    polar,
    wrap_name,
)


def svg_html(template: str, *args: object) -> Markup:
    """`Markup(template).format(*args)` without string.Formatter's slow path: every argument that
    is not a number is escaped (a Markup argument stays as it is), numbers take format specs."""
    safe = (a if isinstance(a, (int, float)) else escape(a) for a in args)
    return Markup(template.format(*safe))


COLOURS = {"line": "#9e9e9e", "text": "#212121", "member": "#00695c", "important": "#a04800"}


def _marker_svg(marker: str, x: float, y: float) -> Markup:
    r = DOT_RADIUS
    if marker == Marker.member:
        return svg_html(
            '<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}"/>', x, y, r, COLOURS["member"]
        )
    if marker == Marker.invitee:
        return svg_html(
            '<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="#fff" stroke="{}" stroke-width="2"'
            ' stroke-dasharray="3 2"/>',
            x,
            y,
            r - 1,
            COLOURS["member"],
        )
    if marker == Marker.important:
        points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
        return svg_html('<polygon points="{}" fill="{}"/>', points, COLOURS["important"])
    return svg_html(
        '<circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="#fff" stroke="{}" stroke-width="2"/>',
        x,
        y,
        r - 2,
        COLOURS["line"],
    )


def _text_svg(lines: tuple[str, ...], box: Box, anchor_end: bool, bold: bool) -> Markup:
    """Text lines in their box, on a white ground so ring lines never run through a name."""
    x = box.x + box.w if anchor_end else box.x
    spans = Markup("").join(
        svg_html(
            '<tspan x="{:.1f}" y="{:.1f}">{}</tspan>',
            x,
            box.y + i * LINE_HEIGHT + FONT_SIZE * 0.92,
            line,
        )
        for i, line in enumerate(lines)
    )
    ground = svg_html(
        '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#fff" fill-opacity="0.85"'
        ' stroke="none"/>',
        box.x - 1,
        box.y,
        box.w + 2,
        box.h,
    )
    return svg_html(
        '{}<text text-anchor="{}"{}>{}</text>',
        ground,
        "end" if anchor_end else "start",
        Markup(' font-weight="bold"') if bold else "",
        spans,
    )


def _frame_svg(drawing: Drawing) -> Markup:
    rings = Markup("").join(
        svg_html('<circle cx="0" cy="0" r="{:.0f}"/>', r)
        for r in (CLIENT_RADIUS, *RING_RADII.values())
    )
    outer = max(RING_RADII.values())
    spokes = Markup("").join(
        svg_html(
            '<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>',
            *polar(CLIENT_RADIUS, s.start),
            *polar(outer, s.start),
        )
        for s in drawing.sectors
    )
    return svg_html(
        '<g fill="none" stroke="{}" stroke-width="1.5">{}{}</g>', COLOURS["line"], rings, spokes
    )


def render_svg(drawing: Drawing) -> Markup:
    """The drawing as inline SVG; every name escaped, only names."""
    v = drawing.view
    titles = Markup("").join(
        _text_svg((s.title,), box, anchor_end=False, bold=True) for s, box in drawing.titles
    )
    people = Markup("").join(
        svg_html(
            "<g>{}{}</g>",
            _marker_svg(n.marker, n.x, n.y),
            _text_svg(n.lines, n.label, n.anchor_left, n.marker == Marker.member),
        )
        for n in drawing.nodes
    )
    return svg_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="rb-sociogram-svg" role="img"'
        ' viewBox="{:.1f} {:.1f} {:.1f} {:.1f}" width="100%" aria-labelledby="rb-sociogram-titel"'
        ' aria-describedby="rb-sociogram-uitleg">'
        '<title id="rb-sociogram-titel">Sociogram van {}</title>'
        '<desc id="rb-sociogram-uitleg">{}</desc>{}'
        '<g font-family="Liberation Sans, Arial, Helvetica, sans-serif" font-size="{}" fill="{}">'
        "{}{}{}</g></svg>",
        v.x, v.y, v.w, v.h, drawing.client, describe(drawing), _frame_svg(drawing), FONT_SIZE,
        COLOURS["text"],
        titles, people, _client_svg(drawing.client),
    )  # fmt: skip


def describe(drawing: Drawing) -> str:
    """The drawing in words, for a screen reader: per sector each name, ring and marker."""
    marks = {marker: word for marker, _, word in LEGEND}
    parts = []
    for sector in drawing.sectors:
        people = [
            f"{n.name} ({n.ring.value}, {marks[n.marker]})"
            for n in drawing.nodes
            if n.sector == sector.key
        ]
        parts.append(f"{sector.title}: {'; '.join(people) if people else 'niemand'}.")
    return " ".join(parts)


def _client_svg(client: str) -> Markup:
    lines = wrap_name(client, 10)
    top = -len(lines) * LINE_HEIGHT / 2
    spans = Markup("").join(
        svg_html(
            '<tspan x="0" y="{:.1f}">{}</tspan>', top + i * LINE_HEIGHT + FONT_SIZE * 0.92, line
        )
        for i, line in enumerate(lines)
    )
    return svg_html('<text text-anchor="middle" font-weight="bold">{}</text>', spans)


def legend_html(drawing: Drawing) -> Markup:
    """The markers used in the drawing, explained in words."""
    used = {n.marker for n in drawing.nodes}
    items = Markup("").join(
        svg_html(
            '<li><svg viewBox="-8 -8 16 16" width="16" height="16" aria-hidden="true">{}</svg>'
            " {}</li>",
            _marker_svg(marker, 0, 0),
            text,
        )
        for marker, text, _ in LEGEND
        if marker in used
    )
    rings = "Binnenste ring: dichtbij; middelste ring: midden; buitenste ring: verder weg."
    return svg_html(
        '<ul class="rb-legenda">{}</ul><p class="rb-legenda-ringen">{}</p>', items, rings
    )


def sociogram_html(groep: Groep) -> Markup:
    """The sociogram of a group as a figure with its legend, for a booklet page."""
    drawing = layout(groep)
    return svg_html(
        '<figure class="rb-sociogram">{}<figcaption>{}</figcaption></figure>',
        render_svg(drawing),
        legend_html(drawing),
    )
