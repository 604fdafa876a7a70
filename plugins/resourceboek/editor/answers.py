"""The form's answers turned back into the plan's data, by the same walk as the form (fields.py).

A posted form is a mapping from a control's name (`kortetermijndoelen[1].doel`) to its values. Two
hidden fields per repeated part say what the form holds: `_sleutels.personen` (the people's keys)
and `_aantal.<name>` (how many goals, tasks or meetings). What is left empty is left out, except a
required text: kept empty, so the checks name it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from resourceboek.editor.fields import Control, form_controls

Form = Mapping[str, list[str]]
KEYS = "_sleutels."
COUNT = "_aantal."
NEW = "_nieuw."
NEW_PERSON = "persoon"
MAX_ENTRIES = 200
"""No list in a plan is longer (the model allows 100 people); a larger count is ignored."""
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class _Missing:
    """A field left empty: no key in the file."""


MISSING = _Missing()


def read_answers(form: Form) -> dict[str, Any]:
    """The plan's data as the form holds it (first the people, then everything that may name them)."""
    shape = _shape(form)
    return {
        c.name: v
        for c in form_controls(shape)
        if not isinstance(v := _value(c, form, shape), _Missing)
    }


def _shape(form: Form) -> dict[str, Any]:
    """The repeated parts of the form, enough to draw it again: people and counts."""
    shape = _counted(form)
    for name, keys in form.items():
        if name.startswith(KEYS):
            with contextlib.suppress(IndexError, TypeError):
                set_at(shape, name.removeprefix(KEYS), {key: {} for key in keys})
    return shape


def _counted(form: Form) -> dict[str, Any]:
    shape: dict[str, Any] = {}
    counts = sorted((n.removeprefix(COUNT), v[-1]) for n, v in form.items() if n.startswith(COUNT))
    for name, count in sorted(counts, key=lambda c: len(c[0])):  # outer lists first
        if count.isdigit() and int(count) <= MAX_ENTRIES:
            try:
                set_at(shape, name, [{} for _ in range(int(count))])
            except (IndexError, TypeError):
                continue  # a count inside an entry that is not there
    return shape


def _value(control: Control, form: Form, shape: dict[str, Any]) -> Any:
    if control.kind in {"group", "keyed", "items"}:
        return _container(control, form, shape)
    values = form.get(control.name, [])
    if control.kind == "picks":
        return [v for v in values if v]
    if control.kind == "pairs":
        return _pairs(values[-1] if values else "")
    if control.kind == "lines":
        text = values[-1] if values else ""
        return [line.strip() for line in text.splitlines() if line.strip()]
    text = values[-1].strip() if values else ""
    if control.kind == "yesno":
        return True if text == "ja" else MISSING
    if not text:
        return "" if control.required else MISSING
    return _typed(control.kind, text)


def _pairs(text: str) -> dict[str, Any]:
    """`sleutel: waarde` per line (scores per domain); a number becomes a number."""
    pairs: dict[str, Any] = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip():
            pairs[key.strip()] = _typed("number", value.strip())
    return pairs


def _typed(kind: str, text: str) -> Any:
    """A typed text as the YAML value the file would hold; a wrong one stays text for the checks."""
    if kind == "number" and text.isdigit():
        return int(text)
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _container(control: Control, form: Form, shape: dict[str, Any]) -> Any:
    if control.kind in {"items", "keyed"}:  # an entry left empty is still there
        entries = [_container(child, form, shape) for child in control.children]
        entries = [{} if isinstance(e, _Missing) else e for e in entries]
        if control.kind == "items":
            return entries
        return {_key(child): e for child, e in zip(control.children, entries, strict=True)}
    values, filled = {}, False
    for child in control.children:
        value = _value(child, form, shape)
        if not isinstance(value, _Missing):
            values[_key(child)] = value
            filled = filled or value not in ("", [], {}, child.default)
    # An optional part (a talk not planned yet) with nothing typed in it stays out of the file.
    return values if filled or control.required else MISSING


def _key(control: Control) -> str:
    return str(parse_name(control.name)[-1])


def parse_name(name: str) -> list[str | int]:
    """`kortetermijndoelen[1].taken[2]` as `['kortetermijndoelen', 0, 'taken', 1]`."""
    return [key if key else int(index) - 1 for key, index in _PART.findall(name)]


def set_at(data: dict[str, Any], name: str, value: Any) -> None:
    """Put `value` at the place `name` in nested data, making mappings on the way."""
    *parents, last = parse_name(name)
    where: Any = data
    for part in parents:
        where = where[part] if isinstance(part, int) else where.setdefault(part, {})
    where[last] = value


def get_at(data: Any, name: str) -> Any:
    """The value at the place `name`, or None."""
    for part in parse_name(name):
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def apply_action(data: dict[str, Any], action: str, form: Form | None = None) -> None:
    """`toevoegen:<name>` adds an empty entry; `verwijderen:<name>` removes one. An entry per
    person (toestemming) is added for the person chosen beside the button (`_nieuw.<name>`)."""
    verb, _, name = action.partition(":")
    chosen = ((form or {}).get(f"{NEW}{name}") or [""])[-1]
    if verb == "toevoegen":
        target = get_at(data, name)
        if isinstance(target, dict):
            target[chosen or _free_key(target)] = {}
        elif isinstance(target, list):
            target.append({})
        elif target is None:
            keyed = name == "personen" or chosen
            set_at(data, name, {chosen or _free_key({}): {}} if keyed else [{}])
    elif verb == "verwijderen":
        *parent, last = parse_name(name)
        holder = get_at(data, _name_of(parent))
        if isinstance(holder, dict | list):
            with contextlib.suppress(KeyError, IndexError, TypeError):
                del holder[last]  # type: ignore[index, arg-type]


def _free_key(people: Mapping[str, Any]) -> str:
    n = 1
    while f"{NEW_PERSON}-{n}" in people:
        n += 1
    return f"{NEW_PERSON}-{n}"


def _name_of(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
