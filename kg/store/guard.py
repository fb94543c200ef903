"""What kg lets a SPARQL request do: no ``SERVICE`` unless asked, and a time limit.

``SERVICE <url>`` makes the engine fetch ``url`` itself (federated query):
any reader of a server, or anyone who can make a browser send a GET to it,
could make it request internal addresses and show the answers. kg refuses
such queries and updates by default, on the embedded store and in front of
``kg serve``; ``--allow-service`` lets them through.

A query is read the way the SPARQL parser reads it: ``\\uXXXX`` escapes are
decoded first (SPARQL 1.1, section 19.2), then the word ``SERVICE`` is looked
for outside comments, strings and IRIs. A prefixed name such as
``ex:service`` is not the keyword.

>>> uses_service("SELECT * WHERE { SERVICE <http://ex/> { ?s ?p ?o } }")
True
>>> uses_service("SELECT * WHERE { \\\\u0053ERVICE <http://ex/> { ?s ?p ?o } }")
True
>>> uses_service('SELECT ?service WHERE { ?service ex:service "SERVICE <x>" } # SERVICE')
False
"""
from __future__ import annotations

import re

from ..errors import ServiceRefusedError
from .params import tokens

DEFAULT_QUERY_TIMEOUT = 30.0      # seconds; 0 means no limit
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescape(text: str) -> str:
    """The query after SPARQL's codepoint escapes are replaced (as its parser does first)."""
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()
    return _ESCAPE.sub(char, text)


def uses_service(text: str) -> bool:
    """True when the query or update has a ``SERVICE`` clause."""
    plain = unescape(text)
    for offset, token in tokens(plain):
        if token.upper() != "SERVICE":
            continue
        before = plain[offset - 1] if offset else " "
        end = offset + len(token)
        after = plain[end] if end < len(plain) else " "
        if not _name_char(before) and not _name_char(after):
            return True
    return False


def _name_char(char: str) -> bool:
    """A character that would make the word part of a longer name (``ex:service``, ``SERVICE_2``)."""
    return char.isalnum() or char in "_-.:"


def refuse_service(text: str, origin: str = "the query") -> None:
    """E070 when ``text`` uses ``SERVICE``."""
    if uses_service(text):
        raise ServiceRefusedError(origin)
