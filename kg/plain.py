"""Plain data for the build cache: typed JSON in, checked values out, sealed with a checksum.

The build cache is a file anyone with write access to the output folder can
edit, so kg never stores code-bearing formats there (pickle runs code while
loading). A value goes in as JSON and comes back only through a
:class:`Codec` made from its type: every value is checked against the type it
should have (``list[Assertion]``, ``tuple[str, int]``...), lists become the
tuples, sets and dataclasses the type names, and anything else raises
:class:`PlainDataError`. :func:`seal` and :func:`unseal` add and check a
SHA-256 checksum that binds the bytes to their cache key, so an edited or
moved entry is noticed before it is decoded.

Supported types: ``str``, ``int``, ``float`` (an ``int`` is accepted), ``bool``,
``None``, ``Any`` (any JSON value), ``list[X]``, ``tuple[X, ...]``,
``tuple[X, Y]``, ``set[X]``, ``frozenset[X]``, ``dict[str, X]``, unions
(``X | None``) and dataclasses whose fields are of these types.

>>> from kg.model import Quantity
>>> codec = Codec(list[tuple[Quantity, set[str]]])
>>> data = codec.dumps([(Quantity(2.0, "dose", "2 liều"), {"b", "a"})])
>>> data
b'[[[2.0,"dose","2 li\\xe1\\xbb\\x81u","value"],["a","b"]]]'
>>> codec.loads(data) == [(Quantity(2.0, "dose", "2 liều"), {"a", "b"})]
True
>>> codec.loads(b'[[[2.0, "dose", 7, "value"], []]]')
Traceback (most recent call last):
...
kg.plain.PlainDataError: expected str, got int
>>> unseal("k", seal("k", b"data")), unseal("other key", seal("k", b"data"))
(b'data', None)
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from functools import lru_cache
from typing import Any, Callable

Convert = Callable[[Any], Any]
DIGEST_SIZE = 32


class PlainDataError(ValueError):
    """A stored value does not have the type it should have."""


# ------------------------------------------------------------------ checks
def _fail(expected: str, value: Any) -> PlainDataError:
    return PlainDataError(f"expected {expected}, got {type(value).__name__}")


def _scalar(kind: type) -> Convert:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise _fail(kind.__name__, value)
        return value
    return check


def _float(value: Any) -> Any:
    if type(value) not in (float, int):
        raise _fail("float", value)
    return value


def _none(value: Any) -> Any:
    if value is not None:
        raise _fail("None", value)
    return value


def _list_of(item: Convert, make: Callable[[Any], Any], name: str) -> Convert:
    def check(value: Any) -> Any:
        if type(value) is not list:
            raise _fail(name, value)
        return make([item(v) for v in value])
    return check


def _fixed_tuple(items: list[Convert]) -> Convert:
    def check(value: Any) -> Any:
        if type(value) is not list or len(value) != len(items):
            raise _fail(f"tuple of {len(items)}", value)
        return tuple([c(v) for c, v in zip(items, value)])
    return check


def _dict_of(item: Convert) -> Convert:
    def check(value: Any) -> Any:
        if type(value) is not dict:
            raise _fail("dict", value)
        return {k: item(v) for k, v in value.items()}     # JSON object keys are always str
    return check


def _union(options: list[Convert]) -> Convert:
    def check(value: Any) -> Any:
        for option in options:
            try:
                return option(value)
            except PlainDataError:
                continue
        raise _fail("one of a union", value)
    return check


def _dataclass(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    items = [_decoder(hints[n]) for n in names]

    def check(value: Any) -> Any:
        if type(value) is not list or len(value) != len(items):
            raise _fail(f"{cls.__name__} record", value)
        return cls(*[c(v) for c, v in zip(items, value)])
    return check


@lru_cache(maxsize=None)
def _decoder(tp: Any) -> Convert:
    """The function that checks a decoded JSON value against ``tp`` and builds the typed value."""
    if tp is Any:
        return lambda value: value
    if tp in (str, int, bool):
        return _scalar(tp)
    if tp is float:
        return _float
    if tp is None or tp is type(None):
        return _none
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _union([_decoder(a) for a in args])
    if origin is list:
        return _list_of(_decoder(args[0]), lambda v: v, "list")
    if origin in (set, frozenset):
        return _list_of(_decoder(args[0]), origin, origin.__name__)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _list_of(_decoder(args[0]), tuple, "tuple")
    if origin is tuple:
        return _fixed_tuple([_decoder(a) for a in args])
    if origin is dict and args[0] is str:
        return _dict_of(_decoder(args[1]))
    raise TypeError(f"kg.plain cannot store values of type {tp!r}")


# ---------------------------------------------------------------- encoding
def _needs_encoding(tp: Any) -> bool:
    """Whether json.dumps alone would not do (dataclasses and sets inside)."""
    if dataclasses.is_dataclass(tp) or typing.get_origin(tp) in (set, frozenset):
        return True
    return any(_needs_encoding(a) for a in typing.get_args(tp) if a is not Ellipsis)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_INIT_FIELDS: dict[type, tuple[str, ...] | None] = {}      # class -> its init fields (None: not a dataclass)


def _init_fields(cls: type) -> tuple[str, ...] | None:
    try:
        return _INIT_FIELDS[cls]
    except KeyError:
        names = _INIT_FIELDS[cls] = (tuple(f.name for f in dataclasses.fields(cls) if f.init)
                                     if dataclasses.is_dataclass(cls) else None)
        return names


def to_plain(value: Any) -> Any:
    """``value`` as JSON-able data: dataclasses as lists of their fields, sets sorted."""
    cls = type(value)
    if cls in _SCALARS:
        return value                    # most values: decided by one look-up
    names = _init_fields(cls)
    if names is not None:
        return [to_plain(getattr(value, name)) for name in names]
    if isinstance(value, (set, frozenset)):
        return sorted(to_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


class Codec:
    """JSON bytes of values of one type, and the checked way back."""

    def __init__(self, tp: Any) -> None:
        self.tp = tp
        self._decode = _decoder(tp)
        self._encode: Convert = to_plain if _needs_encoding(tp) else (lambda value: value)

    def dumps(self, value: Any) -> bytes:
        """UTF-8 JSON; raises TypeError or ValueError for what JSON cannot hold."""
        text = json.dumps(self._encode(value), ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8", "surrogatepass")       # lone surrogates of odd file names survive

    def loads(self, data: bytes) -> Any:
        """The value; raises PlainDataError (or a JSON, Unicode or recursion error) when damaged."""
        return self._decode(json.loads(data.decode("utf-8", "surrogatepass")))


@lru_cache(maxsize=None)
def codec(tp: Any) -> Codec:
    """The :class:`Codec` of ``tp``, made once."""
    return Codec(tp)


# ----------------------------------------------------------------- sealing
def _digest(label: str, payload: bytes) -> bytes:
    h = hashlib.sha256(label.encode("utf-8", "surrogatepass") + b"\0")
    h.update(payload)
    return h.digest()


def seal(label: str, payload: bytes) -> bytes:
    """``payload`` with a checksum of it and of ``label`` (e.g. the table and key it is stored under)."""
    return _digest(label, payload) + payload


def unseal(label: str, blob: bytes) -> bytes | None:
    """The payload of a sealed blob, or None when the checksum does not match."""
    payload = bytes(blob[DIGEST_SIZE:])
    if len(blob) < DIGEST_SIZE or _digest(label, payload) != bytes(blob[:DIGEST_SIZE]):
        return None
    return payload


__all__ = ["Codec", "PlainDataError", "codec", "seal", "to_plain", "unseal"]
