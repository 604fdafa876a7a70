"""The JSON Schema of a group file, derived from the model (shipped for editors).

The models' docstrings are for programmers; what an editor shows on hover is Dutch and comes from
the tables below (a test makes sure every block and every choice has one).
"""

from __future__ import annotations

from typing import Any

from resourceboek.groupfile import cycle, methode, people
from resourceboek.groupfile import model as model_module
from resourceboek.groupfile.model import STATUS_LABELS, Groep, Status

SCHEMA_ID = "https://resourceboek.invalid/groep.schema.json"

DESCRIPTIONS = {
    "Groep": "Eén resourcegroep: de hele inhoud van het groepsbestand.",
    "Bijeenkomst": "Een bijeenkomst van de resourcegroep, geweest of gepland.",
    "Kortetermijndoel": "Een kortetermijndoel met de vijf vragen van het formulier.",
    "Persoon": "Iemand die in het plan voorkomt; andere onderdelen verwijzen naar zijn sleutel.",
    "Rollen": "Rollen in de groep; elke waarde is een sleutel uit `personen` (of `client`).",
    "Signaleringsplan": "Het signaleringsplan: signalen, wat helpt en wie je belt bij een crisis.",
    "Variant": "Voor volwassenen of voor jongeren.",
    "Soort": "Wat voor iemand dit is voor de cliënt.",
    "SoortBijeenkomst": "Wat voor bijeenkomst dit is.",
    "Status": "Hoe het met dit doel staat.",
    "Nabijheid": "Hoe dichtbij iemand staat: de ring in het sociogram.",
    "Taak": "Een taak bij een kortetermijndoel: wie doet wat.",
    "Verdiepingsgesprek": "Het verdiepingsgesprek van de regieondersteuner met deze persoon.",
    **cycle.DESCRIPTIONS,
    **people.DESCRIPTIONS,
}
TITLES = {"SoortBijeenkomst": "Soort bijeenkomst", "Groep": "Groepsbestand resourcegroep"}
CHOICES = {
    "Variant": {
        "volwassenen": "cliënt en zorgverantwoordelijke.",
        "jongeren": "jongere en regiebehandelaar.",
    },
    "Soort": {
        "familie": "ouder, broer, zus, partner, kind.",
        "naaste": "vriend, buur, collega of een andere bekende.",
        "professional": "hulpverlener, begeleider, huisarts.",
        "school": "mentor, leraar of medeleerling (sociogram: school en werk).",
        "werk": "collega of leidinggevende (sociogram: school en werk).",
    },
    "Nabijheid": {
        "dichtbij": "de binnenste ring van het sociogram.",
        "midden": "de middelste ring (standaard).",
        "verder": "de buitenste ring.",
    },
    "SoortBijeenkomst": {
        "start": "de eerste bijeenkomst (bijlage 7).",
        "vervolg": "een gewone bijeenkomst.",
        "thema": "een themabijeenkomst (bijlage 9); zet er ook `thema:` bij.",
        "overdracht": "fase 6: de overdrachtsbijeenkomst (warme overdracht).",
    },
    "Status": {
        "nieuw": "net gekozen.",
        "loopt": "er wordt aan gewerkt.",
        "bereikt": "het doel is gehaald.",
        "bijgesteld": "het doel is aangepast.",
        "gestopt": "er wordt niet meer aan gewerkt.",
    },
    **cycle.CHOICES,
    **people.CHOICES,
}
"""A Dutch line for every choice, shown by editors (`enumDescriptions`, VS Code's extension)."""


def group_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `groups/<id>.yml`."""
    schema = Groep.model_json_schema()
    for name, definition in schema["$defs"].items():
        _dutch(name, definition)
    _dutch("Groep", schema)
    phases = ", ".join(f"{f.nummer} {f.naam}" for f in methode.fasen())
    schema["properties"]["fase"]["description"] = f"Fase van de methodiek: {phases}."
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def _dutch(name: str, definition: dict[str, Any]) -> None:
    definition["title"] = TITLES.get(name, definition.get("title", name))
    model = getattr(model_module, name, None) or getattr(cycle, name, None)
    for field, info in getattr(model, "model_fields", {}).items():
        if info.title is None:  # pydantic's own title capitalises every word ("Helpt Niet")
            definition["properties"][field]["title"] = field.replace("_", " ").capitalize()
    definition["description"] = DESCRIPTIONS[name]
    if name in CHOICES:
        labels = [f"{_label(name, value)}: {CHOICES[name][value]}" for value in definition["enum"]]
        definition["enumDescriptions"] = labels
        definition["markdownEnumDescriptions"] = labels


def _label(name: str, value: str) -> str:
    """A choice's name as the booklet shows it (one source: the model and the method)."""
    if name == "Status":
        return STATUS_LABELS[Status(value)]
    if name == "Variant":
        return methode.WORDING[value]["variant_naam"]
    return value.capitalize()
