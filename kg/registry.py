"""Registries of plugins by name, with aliases (in the manner of rdflib).

>>> fmt = Registry("format")
>>> @fmt.register("turtle", aliases=("ttl",))
... def write_turtle(): return "ttl!"
>>> fmt.get("ttl")()
'ttl!'
>>> fmt.names()
['turtle']
"""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

from .errors import UnknownPluginError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        self._aliases: dict[str, str] = {}

    def register(self, name: str, *, aliases: tuple[str, ...] = ()) -> Callable[[T], T]:
        def decorator(obj: T) -> T:
            self.add(name, obj, aliases=aliases)
            return obj
        return decorator

    def add(self, name: str, obj: T, *, aliases: tuple[str, ...] = ()) -> None:
        self._items[name] = obj
        for alias in (name, *aliases):
            self._aliases[alias.lower()] = name

    def get(self, name: str) -> T:
        key = self._aliases.get(name.lower())
        if key is None:
            known = ", ".join(sorted(self._aliases))
            raise UnknownPluginError(f"unknown {self.kind} {name!r}; known: {known}")
        return self._items[key]

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._aliases
