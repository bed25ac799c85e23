"""Shared machinery for records: frozen dataclasses that round-trip through JSON.

Every record produced by a stage carries where it came from: ``article_id``,
``start``/``end`` character offsets into the stored article text, the
``source`` (rule or component, with a version) and a ``confidence``.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a record class (None for any other class), read once per class."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_dict(record: Any) -> Any:
    """Turn a record (or list/tuple/dict of records) into plain JSON values."""
    cls = type(record)
    if cls in _PLAIN:  # most values: answered before any other test
        return record
    names = _field_names(cls)
    if names is not None:
        return {n: to_dict(getattr(record, n)) for n in names}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    return record


def _coerce(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        return _coerce(non_none[0], value) if len(non_none) == 1 else value
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return from_dict(tp, value)
    if origin is tuple and isinstance(value, (list, tuple)):
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(args[0], v) for v in value)
        if args and len(args) == len(value):
            return tuple(_coerce(a, v) for a, v in zip(args, value))
        return tuple(value)
    if origin is list and isinstance(value, (list, tuple)):
        return [_coerce(args[0], v) for v in value] if args else list(value)
    if origin is dict and isinstance(value, dict):
        return {k: _coerce(args[1], v) for k, v in value.items()} if args else dict(value)
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A record class's resolved field types (resolved once per class: resolving them
    for every record was most of the cost of decoding analyses)."""
    return typing.get_type_hints(cls)


def from_dict(cls: type[T], data: dict) -> T:
    """Build a record of type ``cls`` from the output of :func:`to_dict`.

    Unknown keys are ignored (newer writers, older readers); missing keys take
    the field's default.
    """
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints.get(f.name, Any), data[f.name])
    return cls(**kwargs)
