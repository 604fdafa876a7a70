"""The JSON Schema of a group file, derived from the model (shipped for editors)."""

from __future__ import annotations

from typing import Any

from .model import Groep

SCHEMA_ID = "https://resourceboek.invalid/groep.schema.json"


def group_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `groups/<id>.yml`."""
    schema = Groep.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Groepsbestand resourcegroep",
    }
