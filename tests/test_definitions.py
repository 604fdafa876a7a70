"""One definition of the format and the method's guidelines: everything else agrees with the model."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from resourceboek.cli.main import new_group_text
from resourceboek.groupfile import model
from resourceboek.groupfile.messages import _bounds
from resourceboek.groupfile.model import (
    GUIDELINES,
    ROLE_TITLES,
    STATUS_LABELS,
    Bijeenkomst,
    Groep,
    Kortetermijndoel,
    Persoon,
    Rollen,
    Signaleringsplan,
    Status,
)
from resourceboek.groupfile.schema import group_schema

README = Path(__file__).resolve().parent.parent / "GROEPSBESTAND.md"  # the field reference


def field_table() -> dict[str, str]:
    """The field reference's table (GROEPSBESTAND.md): {each key in the first column: its row}."""
    text = README.read_text(encoding="utf-8")
    section = text.split("# Het groepsbestand", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            first, rest = line[2:].split(" | ", 1)
            for key in re.findall(r"`([a-z0-9_]+)`", first):
                rows[key] = rest
    return rows


def test_readme_table_names_every_field_of_the_model() -> None:
    rows = field_table()
    assert set(rows) == set(Groep.model_fields)
    nested: dict[str, type[BaseModel]] = {
        "personen": Persoon,
        "rollen": Rollen,
        "kortetermijndoelen": Kortetermijndoel,
        "signaleringsplan": Signaleringsplan,
        "bijeenkomsten": Bijeenkomst,
    }
    for key, part in nested.items():
        named = set(re.findall(r"`([a-z_]+)`", rows[key]))
        assert set(part.model_fields) - {"doel"} <= named, (key, set(part.model_fields) - named)


def test_readme_table_states_the_guidelines_of_the_model() -> None:
    rows = field_table()
    assert GUIDELINES["langetermijndoelen"] in rows["langetermijndoelen"]
    assert GUIDELINES["kortetermijndoelen"] in rows["kortetermijndoelen"]
    assert f"({model.FIRST_PHASE}-{model.LAST_PHASE})" in README.read_text(encoding="utf-8")


def test_labels_cover_exactly_the_model() -> None:
    assert set(ROLE_TITLES) == set(Rollen.model_fields)
    assert set(STATUS_LABELS) == set(Status)
    assert set(Rollen.model_fields) >= model.CLIENT_ROLES


def test_schema_descriptions_and_new_template_use_the_guidelines() -> None:
    props = group_schema()["properties"]
    assert GUIDELINES["kortetermijndoelen"] in props["kortetermijndoelen"]["description"]
    assert GUIDELINES["langetermijndoelen"] in props["langetermijndoelen"]["description"]
    assert props["fase"]["minimum"] == model.FIRST_PHASE
    assert props["fase"]["maximum"] == model.LAST_PHASE
    template = new_group_text("groep-a", "volwassenen")
    for words in GUIDELINES.values():
        if words != GUIDELINES["fasen"]:
            assert words in template, words


def test_range_message_takes_its_bounds_from_the_model() -> None:
    assert _bounds(("fase",)) == (model.FIRST_PHASE, model.LAST_PHASE)


def test_plugin_options_are_the_settings() -> None:
    """mkdocs.yml's options (config.py) and the command line's (settings.py) are one list."""
    from resourceboek.adapters.config import ResourceboekConfig
    from resourceboek.settings.model import DEFAULTS

    config = ResourceboekConfig()
    config.load_dict({})
    errors, warnings = config.validate()
    assert (errors, warnings) == ([], [])
    assert dict(config) == DEFAULTS
