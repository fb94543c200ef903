"""Readable placeholders in ``--help``: ``kg build [OPTIONS] INPUTS...`` and
``-o, --out PATH`` rather than typer's ``{inputs}...`` and ``<list[Path]>``.

Typer (0.2x) derives the placeholder from the Python annotation; this keeps
click's classic upper-case words instead, for every command at once, so that
no command has to spell out a metavar per option.
"""
from __future__ import annotations

from typing import Any

_WORDS = {"path": "PATH", "str": "TEXT", "int": "INTEGER", "float": "NUMBER", "bool": "BOOLEAN",
          "int range": "INTEGER", "float range": "NUMBER", "datetime": "DATE"}


def _word(label: str) -> str:
    """``<list[Path]>`` → ``PATH``; ``<int range>`` → ``INTEGER``; choices stay ``a|b``."""
    label = label.strip("<>")
    while label.startswith("list[") and label.endswith("]"):
        label = label[5:-1]
    return _WORDS.get(label.lower(), label if "|" in label else label.upper())


def install() -> None:
    """Patch typer's parameter classes once (no-op on a typer without them)."""
    try:
        from typer.core import TyperArgument, _TyperParameter
    except ImportError:        # another typer: its own placeholders then
        return
    if getattr(_TyperParameter, "_kg_words", False):
        return
    original = _TyperParameter.display_type

    def display_type(self: Any, ctx: Any) -> str:
        return _word(original(self, ctx))

    def usage_name(self: Any) -> str:
        name = self.metavar or (self.name or "").upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    _TyperParameter.display_type = display_type          # type: ignore[method-assign]
    if hasattr(TyperArgument, "_usage_display_name"):
        TyperArgument._usage_display_name = usage_name    # type: ignore[method-assign]
    # An argument's name already says what it is: no type after it in the list.
    TyperArgument.display_type_rich = lambda self, ctx: None   # type: ignore[method-assign]
    if hasattr(TyperArgument, "display_name_raw"):
        TyperArgument.display_name_raw = property(         # type: ignore[method-assign]
            lambda self: self.metavar or (self.name or "").upper())
    _TyperParameter._kg_words = True                    # type: ignore[attr-defined]
