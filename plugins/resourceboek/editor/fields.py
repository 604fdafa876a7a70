"""The form drawn from the group file's model: one control per field of its JSON Schema.

The schema (`groupfile/schema.py`, derived from `groupfile/model.py`) gives every field's Dutch
title and help, its type and its choices, so a field added to the model appears in the form without
a second definition. The tables below only say which texts are chosen from a list (people, themes,
parts of the signaleringsplan) instead of typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resourceboek.groupfile import methode
from resourceboek.groupfile.model import CLIENT_REF, CLIENT_ROLES, GROUP_REF, ROLE_TITLES
from resourceboek.groupfile.schema import group_schema

PERSON_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "Groep": {"deelnemers": (), "uitnodigen": (), "belangrijke_anderen": ()},
    "Rollen": {role: (CLIENT_REF,) if role in CLIENT_ROLES else () for role in ROLE_TITLES},
    "Taak": {"wie": (CLIENT_REF,)},
    "Signaleringsplan": {"contact_bij_crisis": (GROUP_REF,)},
    "Bijeenkomst": {"voorzitter": (CLIENT_REF,), "uitgenodigd": ()},
}
"""Fields whose values are keys from `personen`, with the reserved keys they may hold too."""
THEME_FIELDS = {("Groep", "themas"), ("Bijeenkomst", "thema")}
PART_FIELDS = {("Persoon", "rolkaart_onderdelen")}
PEOPLE = "personen"
"""The mapping whose keys the other parts refer to."""
LONG_TEXT = 200
"""A text that may be longer than this gets a text area."""


@dataclass
class Control:
    """One field of the form: what it is, its name in the form, its words and its value."""

    kind: str
    """group, keyed, items, text, longtext, lines, pairs, date, time, number, choice, yesno, pick,
    picks"""
    name: str
    """The field's place as the checks name it: `kortetermijndoelen[1].doel`."""
    label: str
    help: str = ""
    required: bool = False
    value: Any = None
    default: Any = None
    """The model's default: shown when the file has no value, and left out when unchanged."""
    options: list[tuple[str, str]] = field(default_factory=list)
    children: list[Control] = field(default_factory=list)

    @property
    def shown(self) -> Any:
        """The value the control shows: the file's, else the model's default."""
        return self.default if self.value is None else self.value

    @property
    def dom_id(self) -> str:
        """The control's HTML id (letters, digits and dashes only)."""
        return "v-" + "".join(c if c.isalnum() else "-" for c in self.name)


@dataclass
class Context:
    """What the choices are drawn from: the schema, the people and the variant."""

    schema: dict[str, Any]
    data: dict[str, Any]

    @property
    def people(self) -> dict[str, Any]:
        people = self.data.get("personen")
        return people if isinstance(people, dict) else {}

    def person_options(self, extra: tuple[str, ...]) -> list[tuple[str, str]]:
        """The people to choose from: their names, and the reserved keys allowed here."""
        client = str(self.data.get("client") or "") or "de cliënt"
        words = {CLIENT_REF: f"{client} (cliënt)", GROUP_REF: "De hele resourcegroep"}
        chosen = [(key, words[key]) for key in extra]
        return chosen + [(key, _person_label(key, p)) for key, p in self.people.items()]

    def theme_options(self) -> list[tuple[str, str]]:
        """The themes of this group's variant (bijlage 9)."""
        variant = self.data.get("variant")
        if variant not in methode.VARIANTS:
            variant = methode.VARIANTS[0]
        return [(t.id, t.titel) for t in methode.themas().for_variant(variant)]

    def resolve(self, node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """A schema node with its `$ref` followed: (definition name, definition)."""
        ref = node.get("$ref")
        if ref is None:
            return "", node
        name = ref.rsplit("/", 1)[-1]
        return name, self.schema["$defs"][name]


def _person_label(key: str, person: Any) -> str:
    name = person.get("naam") if isinstance(person, dict) else None
    return str(name) if name else f"Nieuwe persoon ({key})"


def form_controls(data: dict[str, Any]) -> list[Control]:
    """The controls of the whole form for the plan `data` (as read from YAML or typed)."""
    schema = group_schema()
    ctx = Context(schema, data)
    return _object_controls(ctx, "Groep", schema, data, "")


def _object_controls(
    ctx: Context, owner: str, definition: dict[str, Any], data: Any, prefix: str
) -> list[Control]:
    values = data if isinstance(data, dict) else {}
    required = set(definition.get("required", ()))
    return [
        _control(ctx, owner, key, node, values.get(key), _join(prefix, key), key in required)
        for key, node in definition.get("properties", {}).items()
    ]


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _control(
    ctx: Context, owner: str, key: str, node: dict[str, Any], value: Any, name: str, req: bool
) -> Control:
    label = node.get("title") or key
    help_text = node.get("description", "")
    options = [n for n in node.get("anyOf", [node]) if n.get("type") != "null"]
    def_name, inner = ctx.resolve(options[0])
    help_text = help_text or inner.get("description", "")
    made = Control("text", name, label, help_text, req, value)
    if not isinstance(node.get("default"), list | dict):
        made.default = node.get("default")
    if "enum" in inner:
        made.kind, made.options = "choice", _enum_options(inner)
    elif inner.get("type") == "object" and "patternProperties" in inner:
        if ctx.resolve(next(iter(inner["patternProperties"].values())))[1].get("properties"):
            made.kind, made.children = "keyed", _keyed(ctx, inner, value, name)
            if name != PEOPLE:  # entries per person (toestemming): the person is chosen
                made.options = ctx.person_options(())
        else:  # free keys with a number or text each (scores per domain)
            made.kind = "pairs"
    elif inner.get("type") == "object" and isinstance(inner.get("additionalProperties"), dict):
        made.kind = "pairs"  # chosen keys with a text each (afwijkingen: a guideline and why)
    elif inner.get("properties"):
        made.kind = "group"
        made.children = _object_controls(ctx, def_name, inner, value, name)
    elif inner.get("type") == "array":
        _array(ctx, made, owner, key, inner)
    else:
        _scalar(ctx, made, owner, key, inner)
    return made


def _enum_options(definition: dict[str, Any]) -> list[tuple[str, str]]:
    words = definition.get("enumDescriptions") or definition["enum"]
    return list(zip(definition["enum"], words, strict=True))


def _keyed(ctx: Context, node: dict[str, Any], value: Any, name: str) -> list[Control]:
    """One fieldset per entry of a mapping with free keys (`personen`)."""
    entries = value if isinstance(value, dict) else {}
    item = next(iter(node["patternProperties"].values()))
    def_name, inner = ctx.resolve(item)
    return [
        Control(
            "group",
            f"{name}.{key}",
            _person_label(key, entry if name == PEOPLE else ctx.people.get(key)),
            children=_object_controls(ctx, def_name, inner, entry, f"{name}.{key}"),
        )
        for key, entry in entries.items()
    ]


def _array(ctx: Context, made: Control, owner: str, key: str, node: dict[str, Any]) -> None:
    def_name, item = ctx.resolve(node.get("items", {}))
    if item.get("properties"):
        entries = made.value if isinstance(made.value, list) else []
        made.kind = "items"
        made.children = [
            Control(
                "group",
                f"{made.name}[{n}]",
                f"{made.label}: {n}",
                children=_object_controls(ctx, def_name, item, entry, f"{made.name}[{n}]"),
            )
            for n, entry in enumerate(entries, start=1)
        ]
    elif "enum" in item:
        made.kind, made.options = "picks", _enum_options(item)
    elif owner in PERSON_FIELDS and key in PERSON_FIELDS[owner]:
        made.kind, made.options = "picks", ctx.person_options(PERSON_FIELDS[owner][key])
    elif (owner, key) in THEME_FIELDS:
        made.kind, made.options = "picks", ctx.theme_options()
    elif (owner, key) in PART_FIELDS:
        made.kind, made.options = "picks", _sheet_parts(ctx)
    else:
        made.kind = "lines"


def _sheet_parts(ctx: Context) -> list[tuple[str, str]]:
    parts = ctx.schema["$defs"]["Signaleringsplan"]["properties"]
    return [(key, node.get("title", key)) for key, node in parts.items()]


def _scalar(ctx: Context, made: Control, owner: str, key: str, node: dict[str, Any]) -> None:
    kind = node.get("type")
    if owner in PERSON_FIELDS and key in PERSON_FIELDS[owner]:
        made.kind, made.options = "pick", ctx.person_options(PERSON_FIELDS[owner][key])
    elif (owner, key) in THEME_FIELDS:
        made.kind, made.options = "pick", ctx.theme_options()
    elif kind == "boolean":
        made.kind = "yesno"
    elif kind == "integer":
        made.kind = "number"
    elif node.get("format") == "date":
        made.kind = "date"
    elif ":" in node.get("pattern", "") and "\\d" in node.get("pattern", ""):
        made.kind = "time"
    elif node.get("maxLength", LONG_TEXT + 1) > LONG_TEXT:
        made.kind = "longtext"
    else:
        made.kind = "text"
