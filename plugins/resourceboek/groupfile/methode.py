"""The method's own data (phases, themes of bijlage 9, agenda of bijlage 7) and variant wording.

One source for the handbook and the booklets: both read these files through this module.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from resourceboek.groupfile.model import Variant

VARIANTS: tuple[str, ...] = tuple(v.value for v in Variant)

WORDING: dict[str, dict[str, str]] = {
    "volwassenen": {
        "client": "cliënt",
        "Client": "Cliënt",
        "clienten": "cliënten",
        "Clienten": "Cliënten",
        "zv": "zorgverantwoordelijke",
        "Zv": "Zorgverantwoordelijke",
        "zvn": "zorgverantwoordelijken",
        "variant_naam": "Volwassenen",
    },
    "jongeren": {
        "client": "jongere",
        "Client": "Jongere",
        "clienten": "jongeren",
        "Clienten": "Jongeren",
        "zv": "regiebehandelaar",
        "Zv": "Regiebehandelaar",
        "zvn": "regiebehandelaars",
        "variant_naam": "Jongeren",
    },
}
"""Words that differ between the adult and the youth toolkit (`{{ w.client }}` in content)."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stap(_Data):
    tekst: str
    toelichting: str | None = None
    substappen: list[str] = []
    varianten: list[Variant] = list(Variant)


class Fase(_Data):
    nummer: int
    naam: str
    periode: str | None = None
    voor_jou: str = ""
    """What happens in this phase, told to the client (B1, "je"); the booklet shows this."""
    inleiding: str | None = None
    overzicht: list[str] = []
    stappen: list[Stap]

    def steps_for(self, variant: str) -> list[Stap]:
        """The steps of this phase that belong to `variant`."""
        return [s for s in self.stappen if variant in {v.value for v in s.varianten}]


class Thema(_Data):
    id: str
    titel: str
    standaard: dict[Variant, bool] = {}
    materiaal: str | dict[Variant, str]
    voor_jou: str | dict[Variant, str] = ""
    """What the group learns, told to the client (B1, "je"); the toolkit's `materiaal` stays for
    the handbook."""

    def client_text(self, variant: str) -> str:
        """The booklet's text of this theme for `variant`."""
        if isinstance(self.voor_jou, str):
            return self.voor_jou
        return self.voor_jou.get(Variant(variant), "")

    def material_for(self, variant: str) -> str | None:
        """Markdown material of this theme for `variant`, or None if not part of it."""
        text = (
            self.materiaal
            if isinstance(self.materiaal, str)
            else self.materiaal.get(Variant(variant))
        )
        # A blank line first: a template's `{% endif %}` eats the newline before the material, and
        # a Markdown list right after a paragraph line would run into that paragraph.
        return None if text is None else "\n" + text


class Themas(_Data):
    inleiding: str
    themas: list[Thema]

    def for_variant(self, variant: str) -> list[Thema]:
        """Themes that exist in `variant`, in the order of bijlage 9."""
        return [t for t in self.themas if t.material_for(variant) is not None]

    def by_id(self, theme_id: str) -> Thema:
        return next(t for t in self.themas if t.id == theme_id)


class AgendaOnderdeel(_Data):
    tekst: str
    bijeenkomst: str  # beide | start | vervolg


class Agenda(_Data):
    onderdelen: list[AgendaOnderdeel]
    opmerkingen: list[str] = []
    boekje: dict[str, list[str]] = {}
    """The agenda as the booklet tells it (B1, "je"), per kind of meeting: start, vervolg and
    thema (a theme meeting has invitees: no signaleringsplan, no minutes of earlier meetings)."""

    def client_items(self, kind: str) -> list[str]:
        """The booklet's agenda for a `start`, `vervolg` or `thema` meeting."""
        return self.boekje.get(kind, self.boekje["vervolg"])

    def items_for(self, kind: str) -> list[str]:
        """Agenda items for a `start` or `vervolg` meeting (a theme meeting follows `vervolg`)."""
        kind = "start" if kind == "start" else "vervolg"
        return [o.tekst for o in self.onderdelen if o.bijeenkomst in ("beide", kind)]


def _read(name: str) -> Any:
    text = (
        resources.files("resourceboek")
        .joinpath("methode")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


@cache
def fasen() -> tuple[Fase, ...]:
    """The six phases, in order."""
    return tuple(Fase.model_validate(f) for f in _read("fasen.yml")["fasen"])


@cache
def themas() -> Themas:
    """The themes of bijlage 9."""
    return Themas.model_validate(_read("themas.yml"))


@cache
def agenda() -> Agenda:
    """The example agenda of bijlage 7."""
    return Agenda.model_validate(_read("agenda.yml"))


@cache
def client_voice() -> dict[str, dict[str, Any]]:
    """What the booklet says to the client or young person themselves ("je"), per variant."""
    data = _read("boekje.yml")
    return {variant: {**data["samen"], **data[variant]} for variant in VARIANTS}


def fase(number: int) -> Fase:
    """Phase `number` (1-6)."""
    return fasen()[number - 1]


class Domein(_Data):
    id: str
    naam: str


@cache
def zrm_domains() -> tuple[Domein, ...]:
    """The domains of the Zelfredzaamheid-Matrix Jongeren (bijlage 10b, the legible part)."""
    return tuple(Domein.model_validate(d) for d in _read("metingen.yml")["zrm"])


@cache
def role_texts() -> dict[str, str]:
    """What each role in the group means, in plain words (the booklet's "Wie doet wat")."""
    return {role: str(text) for role, text in _read("rollen.yml").items()}
