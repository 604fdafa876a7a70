"""The sociogram (bijlage 2) drawn from a group: the client in the middle, people around them.

Sectors follow the toolkit's drawing (familie, naasten, professionals, and school/werk when it
fits); rings say how close someone is (`nabijheid`). Only names are drawn, never contact details.
Labels are placed by our own small search: each person gets the free spot nearest to their ideal
place, so no two labels (or a label and a dot) overlap; the picture grows if a sector is full.
This module lays the drawing out; sociogram_svg.py writes it as SVG.
"""

from __future__ import annotations

import functools
import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from resourceboek.groupfile.model import Groep, Nabijheid, Soort

FONT_SIZE = 14.0
LINE_HEIGHT = FONT_SIZE * 1.2
DOT_RADIUS = 6.0
CLIENT_RADIUS = 30.0
RING_RADII = {Nabijheid.dichtbij: 72.0, Nabijheid.midden: 126.0, Nabijheid.verder: 180.0}
"""Outer radius of each ring; a ring's band reaches inward to the previous one."""
HALF_WIDTH = 205.0
"""Labels stay within this distance left and right of the middle, so that the drawing is about
30 letters wide and its names stay readable on a phone (360 px)."""
MAX_LINE = 14
GAP = 3.0
MARGIN = 8.0


class Marker:
    """How a person is marked: their place in the group (one source for drawing and legend)."""

    member = "deelnemer"
    invitee = "uitnodigen"
    important = "belangrijk"
    other = "anders"


LEGEND: tuple[tuple[str, str, str], ...] = (
    (Marker.member, "lid van de resourcegroep (deelnemer)", "deelnemer"),
    (Marker.invitee, "uitnodigen per bijeenkomst", "uitnodigen"),
    (Marker.important, "belangrijke ander", "belangrijke ander"),
    (Marker.other, "staat in het plan, geen lid", "geen lid"),
)
"""Each marker with its legend text and the short word a screen reader hears."""


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in drawing units."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """True when the boxes (grown by `gap`) share any area."""
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        right = max(self.x + self.w, other.x + other.w)
        bottom = max(self.y + self.h, other.y + other.h)
        return Box(x, y, right - x, bottom - y)


@dataclass(frozen=True)
class Sector:
    """A slice of the drawing: its title and the angles (degrees, clockwise from east)."""

    key: str
    title: str
    start: float
    end: float

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class Node:
    """A person as drawn: dot, marker and label lines."""

    key: str
    name: str
    lines: tuple[str, ...]
    marker: str
    sector: str
    ring: Nabijheid
    x: float
    y: float
    label: Box
    anchor_left: bool


@dataclass(frozen=True)
class Drawing:
    """A laid-out sociogram, ready to be written as SVG."""

    client: str
    sectors: tuple[Sector, ...]
    titles: tuple[tuple[Sector, Box], ...]
    nodes: tuple[Node, ...]
    view: Box

    def label_boxes(self) -> list[Box]:
        """Every text box: the client's, the sector titles, the people's labels."""
        return [
            client_box(self.client),
            *(b for _, b in self.titles),
            *(n.label for n in self.nodes),
        ]


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """A generous estimate of the width of `text` in a sans-serif font."""
    narrow, wide = set("iljtfr.,;:'!| ()-"), set("mwMW@")
    units = sum(
        0.3 if c in narrow else 0.9 if c in wide else 0.72 if c.isupper() else 0.58 for c in text
    )
    return units * size * (1.08 if bold else 1.0)


def wrap_name(name: str, limit: int = MAX_LINE) -> tuple[str, ...]:
    """A name on at most two lines of about `limit` characters; longer names end in '…'."""
    words, lines, current = name.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return tuple(_cut(line, limit + 2) for line in lines)


def _cut(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def sectors_for(groep: Groep) -> tuple[Sector, ...]:
    """The toolkit's three sectors, and a fourth for school and work when it fits the group."""
    jongeren = groep.variant.value == "jongeren"
    naasten = "Naasten, vrienden en partner" if jongeren else "Naasten"
    has_work = any(p.soort in (Soort.school, Soort.werk) for p in groep.personen.values())
    if not (jongeren or has_work):
        return (
            Sector("familie", "Familie", -90, 30),
            Sector("naaste", naasten, 30, 150),
            Sector("professional", "Professionals", 150, 270),
        )
    work = "School en werk" if jongeren else "Werk"
    return (
        Sector("familie", "Familie", -90, 0),
        Sector("naaste", naasten, 0, 90),
        Sector("school", work, 90, 180),
        Sector("professional", "Professionals", 180, 270),
    )


def _sector_key(soort: Soort) -> str:
    return "school" if soort in (Soort.school, Soort.werk) else soort.value


def marker_of(groep: Groep, key: str) -> str:
    """A person's marker: member first, then invitee, then belangrijke ander."""
    if key in groep.deelnemers:
        return Marker.member
    if key in groep.uitnodigen:
        return Marker.invitee
    if key in groep.belangrijke_anderen:
        return Marker.important
    return Marker.other


def client_box(client: str) -> Box:
    """The client's name in the middle: at least the inner circle."""
    lines = wrap_name(client, 10)
    width = max(2 * CLIENT_RADIUS, max(text_width(line, bold=True) for line in lines))
    height = max(2 * CLIENT_RADIUS, len(lines) * LINE_HEIGHT)
    return Box(-width / 2, -height / 2, width, height)


def _title_box(sector: Sector, radius: float) -> Box:
    """A sector's title in the corner of the drawing its sector points to (or above/below it)."""
    cos, sin = math.cos(math.radians(sector.middle)), math.sin(math.radians(sector.middle))
    width, height = text_width(sector.title, bold=True), LINE_HEIGHT
    if abs(cos) < 0.3:  # straight up or down
        y = -radius - height - 4 if sin < 0 else radius + 4
        return Box(-width / 2, y, width, height)
    x = HALF_WIDTH - width if cos > 0 else -HALF_WIDTH
    y = -radius - height / 2 if sin < 0 else radius - height / 2
    return Box(x, y, width, height)


def _label_size(lines: tuple[str, ...], bold: bool) -> tuple[float, float]:
    return max(text_width(line, bold=bold) for line in lines), len(lines) * LINE_HEIGHT


def _label_at(x: float, y: float, size: tuple[float, float], left: bool) -> Box:
    width, height = size
    lx = x - DOT_RADIUS - GAP - width if left else x + DOT_RADIUS + GAP
    return Box(lx, y - height / 2, width, height)


class Occupied:
    """The boxes drawn so far, in a coarse grid: a new box is checked against its neighbours."""

    CELL = 40.0

    def __init__(self, boxes: list[Box]) -> None:
        self.boxes: list[Box] = []
        self._grid: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        x0, x1 = (
            math.floor((box.x - GAP) / self.CELL),
            math.floor((box.x + box.w + GAP) / self.CELL),
        )
        y0, y1 = (
            math.floor((box.y - GAP) / self.CELL),
            math.floor((box.y + box.h + GAP) / self.CELL),
        )
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                yield cx, cy

    def add(self, box: Box) -> None:
        """Mark `box` as drawn."""
        self.boxes.append(box)
        for cell in self._cells(box):
            self._grid.setdefault(cell, []).append(box)

    def hits(self, box: Box) -> bool:
        """True when `box` comes within GAP of a box drawn before."""
        return any(
            box.overlaps(other, GAP)
            for cell in self._cells(box)
            for other in self._grid.get(cell, ())
        )


def _dot_box(x: float, y: float) -> Box:
    return Box(x - DOT_RADIUS, y - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS)


def _candidates(
    sector: Sector, inner: float, outer: float, ideal: float
) -> Iterator[tuple[float, float, bool]]:
    """Spots in a sector's band, nearest to the ideal angle and the band's middle first; the label
    on the outer side first, then on the inner side."""
    grid = _grid(sector.start, sector.end, inner, outer)
    for spot in _order(sector.start, sector.end, inner, outer, ideal):
        _, _, x, y = grid[spot // 2]
        outside = spot % 2 == 0
        yield x, y, (x < -1) == outside


# Pure geometry, the same for many groups (the ideal angle depends only on how many people share
# a sector's ring): a worker building many booklets works each out once.
@functools.lru_cache(maxsize=32)
def _grid(
    start: float, end: float, inner: float, outer: float
) -> tuple[tuple[float, float, float, float], ...]:
    """The spots (angle, radius, x, y) in a band of a sector, 3 degrees and 5 units apart."""
    spots = []
    angle = start + 5
    while angle <= end - 5:
        radius = inner + DOT_RADIUS + 2
        while radius <= outer - DOT_RADIUS - 2:
            spots.append((angle, radius, *polar(radius, angle)))
            radius += 5
        angle += 3
    return tuple(spots)


@functools.lru_cache(maxsize=512)
def _order(start: float, end: float, inner: float, outer: float, ideal: float) -> array[int]:
    """The band's spots by cost: 2 * index for the label on the outer side, + 1 on the inner."""
    middle = (inner + outer) / 2
    costs = []
    for i, (angle, radius, x, y) in enumerate(_grid(start, end, inner, outer)):
        cost = abs(angle - ideal) * 2.0 + abs(radius - middle)
        costs += [(cost, x, y, x < -1, 2 * i), (cost + 80, x, y, x >= -1, 2 * i + 1)]
    return array("I", (spot for *_, spot in sorted(costs)))


def _bands() -> dict[Nabijheid, tuple[float, float]]:
    inner = CLIENT_RADIUS + 4
    bands = {}
    for ring, outer in RING_RADII.items():
        bands[ring] = (inner, outer)
        inner = outer
    return bands


def _place(
    sector: Sector, ring: Nabijheid, ideal: float, size: tuple[float, float], taken: Occupied
) -> tuple[float, float, Box, bool]:
    """The free spot nearest to a person's ideal place; further out when the ring is full."""
    inner, outer = _bands()[ring]
    while True:
        # Far out, a full sector may use more width rather than nothing: the search always ends.
        bound = HALF_WIDTH if outer < 4 * max(RING_RADII.values()) else math.inf
        for x, y, left in _candidates(sector, inner, outer, ideal):
            label = _label_at(x, y, size, left)
            inside = label.x >= -bound and label.x + label.w <= bound
            if inside and not taken.hits(label) and not taken.hits(_dot_box(x, y)):
                return x, y, label, left
        inner, outer = outer, outer + 50


def layout(groep: Groep) -> Drawing:
    """Place everyone in `personen` in their sector and ring, labels free of overlap."""
    sectors = sectors_for(groep)
    outer = max(RING_RADII.values())
    titles = tuple((s, _title_box(s, outer)) for s in sectors)
    taken = Occupied([client_box(groep.client), *(box for _, box in titles)])
    nodes = []
    for sector in sectors:
        for ring in Nabijheid:
            keys = [
                k
                for k, p in groep.personen.items()
                if _sector_key(p.soort) == sector.key and (p.nabijheid or Nabijheid.midden) == ring
            ]
            for i, key in enumerate(keys):
                share = (sector.end - sector.start) / len(keys)
                ideal = sector.start + share * (i + 0.5)
                name = groep.personen[key].naam
                lines = wrap_name(name)
                marker = marker_of(groep, key)
                size = _label_size(lines, marker == Marker.member)
                x, y, label, left = _place(sector, ring, ideal, size, taken)
                taken.add(label)
                taken.add(_dot_box(x, y))
                nodes.append(Node(key, name, lines, marker, sector.key, ring, x, y, label, left))
    view = Box(-HALF_WIDTH, -outer, 2 * HALF_WIDTH, 2 * outer)
    for box in taken.boxes:
        view = view.union(box)
    view = Box(view.x - MARGIN, view.y - MARGIN, view.w + 2 * MARGIN, view.h + 2 * MARGIN)
    return Drawing(groep.client, sectors, titles, tuple(nodes), view)


def polar(radius: float, degrees: float) -> tuple[float, float]:
    """A point at `radius` and `degrees` (clockwise from east) from the middle."""
    return radius * math.cos(math.radians(degrees)), radius * math.sin(math.radians(degrees))
