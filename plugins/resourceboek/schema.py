"""The JSON Schema of a group file, derived from the model (shipped for editors).

The models' docstrings are for programmers; what an editor shows on hover is Dutch and comes from
the tables below (a test makes sure every block and every choice has one).
"""

from __future__ import annotations

from typing import Any

from . import methode
from . import model as model_module
from .model import Groep

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
}
TITLES = {"SoortBijeenkomst": "Soort bijeenkomst", "Groep": "Groepsbestand resourcegroep"}
CHOICES = {
    "Variant": {
        "volwassenen": "Volwassenen: cliënt en zorgverantwoordelijke.",
        "jongeren": "Jongeren: jongere en regiebehandelaar.",
    },
    "Soort": {
        "familie": "Familie: ouder, broer, zus, partner, kind.",
        "naaste": "Naaste: vriend, buur, collega of een andere bekende.",
        "professional": "Professional: hulpverlener, begeleider, huisarts.",
    },
    "SoortBijeenkomst": {
        "start": "Startbijeenkomst (bijlage 7).",
        "vervolg": "Vervolgbijeenkomst.",
        "thema": "Themabijeenkomst (bijlage 9); zet er ook `thema:` bij.",
    },
    "Status": {
        "nieuw": "Nieuw: net gekozen.",
        "loopt": "Loopt: er wordt aan gewerkt.",
        "bereikt": "Bereikt: het doel is gehaald.",
        "bijgesteld": "Bijgesteld: het doel is aangepast.",
        "gestopt": "Gestopt: er wordt niet meer aan gewerkt.",
    },
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
    model = getattr(model_module, name, None)
    for field, info in getattr(model, "model_fields", {}).items():
        if info.title is None:  # pydantic's own title capitalises every word ("Helpt Niet")
            definition["properties"][field]["title"] = field.replace("_", " ").capitalize()
    definition["description"] = DESCRIPTIONS[name]
    if name in CHOICES:
        labels = [CHOICES[name][value] for value in definition["enum"]]
        definition["enumDescriptions"] = labels
        definition["markdownEnumDescriptions"] = labels
