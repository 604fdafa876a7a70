"""The valid part of a group file whose format has errors, so that references and guidelines are
checked in the same run as the format.

Each field is validated on its own; a field that fails is taken apart (a block field by field, a
list item by item) and whatever still fails becomes None. The result is a `Groep` built without
validation: every field is present, but any of them may be None, and so may list items and
people. Only the checks read it, and they skip what is None; it is never rendered.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from resourceboek.groupfile.model import Groep


def salvage(data: dict[str, Any]) -> Groep:
    """The fields of `data` that are valid on their own, in an unvalidated `Groep`."""
    result = _salvage_model(Groep, data)
    assert isinstance(result, Groep)
    return result


def _salvage_model(model: type[BaseModel], data: object) -> BaseModel | None:
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            values[name] = _salvage(info.rebuild_annotation(), data[name])
        elif info.is_required():
            values[name] = None
    return model.model_construct(**values)


def _salvage(annotation: Any, value: object) -> Any:
    try:
        return _adapter(annotation).validate_python(value)
    except ValidationError:
        pass
    if typing.get_origin(annotation) is typing.Annotated:  # a list or dict with a length cap
        annotation = typing.get_args(annotation)[0]
    inner = _model_in(annotation)
    if inner is not None:
        return _salvage_model(inner, value)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and isinstance(value, list):
        return [_salvage(args[0], item) for item in value]
    if origin is dict and isinstance(value, dict):
        return {key: _salvage(args[1], item) for key, item in value.items()}
    return None


@functools.cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model of a field typed `Model` or `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        found = [a for a in typing.get_args(annotation) if _model_in(a) is not None]
        return _model_in(found[0]) if found else None
    return None
