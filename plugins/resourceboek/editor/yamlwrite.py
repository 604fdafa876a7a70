"""The plan written back into its file with a round-trip YAML library (ruamel.yaml).

Only what the form shows is changed: comments, key order, the schema line at the top and keys the
form does not know (a typo the checks point out) stay as they were. A key the form left empty is
removed; a new key goes where the model puts it among its neighbours.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from resourceboek.editor.answers import parse_name
from resourceboek.editor.fields import Control, form_controls

LONG_ITEM = 40
"""A list with an entry longer than this is written one entry per line."""


def round_trip() -> YAML:
    """ruamel.yaml set up like the files `resourceboek new` writes."""
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 100
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def load_document(raw: bytes) -> CommentedMap:
    """The file as an editable document (an empty one for an empty file)."""
    doc = round_trip().load(raw.decode("utf-8")) if raw.strip() else None
    return doc if isinstance(doc, CommentedMap) else CommentedMap()


def updated_text(raw: bytes, data: dict[str, Any]) -> bytes:
    """The file's text with the form's `data` put in, everything else kept."""
    doc = load_document(raw)
    _merge_mapping(doc, form_controls(data), data)
    out = io.StringIO()
    round_trip().dump(doc, out)
    return out.getvalue().encode("utf-8")


def _key(control: Control) -> str:
    return str(parse_name(control.name)[-1])


def _merge_mapping(doc: CommentedMap, controls: list[Control], data: dict[str, Any]) -> None:
    order = [_key(c) for c in controls]
    for control in controls:
        key = _key(control)
        if key not in data:
            if key in doc and not _empty(doc[key], control):
                _delete(doc, key)
            continue
        new = data[key]
        if key in doc:
            doc[key] = _merged(doc[key], control, new)
        elif new not in ([], {}, control.default):  # a default is not written out
            doc.insert(_position(doc, order, key), key, _fresh(control, new))


def _delete(doc: CommentedMap, key: str) -> None:
    """Remove `key`; the comment lines after it stay, on the key before it."""
    comment = doc.ca.items.pop(key, None)
    keys = list(doc)
    before = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
    del doc[key]
    if comment and before is not None and before not in doc.ca.items:
        doc.ca.items[before] = comment


def _empty(value: Any, control: Control) -> bool:
    """An empty or default value written by `new` as a place to fill in: it stays."""
    return value in ([], {}, None) or value == control.default


def _position(doc: CommentedMap, order: list[str], key: str) -> int:
    """Where a new key goes: after the last key the model puts before it."""
    before = set(order[: order.index(key)])
    places = [n for n, existing in enumerate(doc) if existing in before]
    return places[-1] + 1 if places else len(doc)


def _merged(old: Any, control: Control, new: Any) -> Any:
    if old == new:
        return old  # unchanged: its quotes and layout too
    if control.kind == "group" and isinstance(old, CommentedMap) and isinstance(new, dict):
        _merge_mapping(old, control.children, new)
        return old
    if control.kind == "keyed" and isinstance(old, CommentedMap) and isinstance(new, dict):
        _merge_keyed(old, control, new)
        return old
    if control.kind == "items" and isinstance(old, CommentedSeq) and isinstance(new, list):
        _merge_items(old, control, new)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        _replace_items(old, [_scalar(v) for v in new])
        if old.fa.flow_style() and any(isinstance(v, str) and len(v) > LONG_ITEM for v in new):
            old.fa.set_block_style()
        return old
    return _fresh(control, new)


def _replace_items(seq: CommentedSeq, values: list[Any]) -> None:
    """New entries in the same list; the comment lines after its last entry stay after it."""
    tail = seq.ca.items.pop(len(seq) - 1, None) if len(seq) else None
    seq[:] = values
    if tail and len(seq):
        seq.ca.items[len(seq) - 1] = tail


def _merge_keyed(old: CommentedMap, control: Control, new: dict[str, Any]) -> None:
    for key in [k for k in old if k not in new]:
        del old[key]
    for child in control.children:
        key = _key(child)
        if key in old:
            old[key] = _merged(old[key], child, new[key])
        else:
            old[key] = _fresh(child, new[key])


def _merge_items(old: CommentedSeq, control: Control, new: list[Any]) -> None:
    del old[len(new) :]
    for n, (child, value) in enumerate(zip(control.children, new, strict=True)):
        if n < len(old) and isinstance(old[n], CommentedMap):
            _merge_mapping(old[n], child.children, value)
        else:
            fresh = _fresh(child, value)
            old.append(fresh) if n >= len(old) else old.__setitem__(n, fresh)


def _fresh(control: Control, value: Any) -> Any:
    """A value that was not in the file, in the model's order."""
    if control.kind == "pairs" and isinstance(value, dict):
        return CommentedMap(value)
    if isinstance(value, dict):
        made = CommentedMap()
        if control.kind == "keyed":
            _merge_keyed(made, control, value)
        else:
            _merge_mapping(made, control.children, value)
        return made
    if isinstance(value, list):
        if control.kind == "items":
            seq = CommentedSeq()
            _merge_items(seq, control, value)
            return seq
        seq = CommentedSeq(_scalar(v) for v in value)
        _style(seq)
        return seq
    return _scalar(value)


def _style(seq: CommentedSeq) -> None:
    """Keys stay on one line (`[zus, regie]`); longer texts go one per line."""
    if any(isinstance(v, str) and len(v) > LONG_ITEM for v in seq):
        seq.fa.set_block_style()
    else:
        seq.fa.set_flow_style()


def _scalar(value: Any) -> Any:
    """A text that YAML would read as something else ("19:00", "0612345678") gets quotes."""
    if not isinstance(value, str) or isinstance(value, dt.date):
        return value
    if "\n" in value:
        return LiteralScalarString(value + "\n")
    try:
        same = yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else DoubleQuotedScalarString(value)
