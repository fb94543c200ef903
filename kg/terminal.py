"""Messages safe to print on a terminal: every error and warning kg prints goes through
:func:`printable`."""
from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, and the bidirectional overrides that
# reorder what a terminal shows: a file name or a page's text must not move the
# cursor, clear the screen or start a new, forged line of kg's output.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: object) -> str:
    r"""``text`` with its control characters escaped, safe to print on a terminal.

    Every message kg prints (errors, warnings) goes through it.

    >>> printable("a\x1b[2J\nerror: E999")
    'a\\x1b[2J\\nerror: E999'
    >>> printable("Hà Nội\tok")
    'Hà Nội\tok'
    """
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m.group()) or _escape(m.group()), str(text))


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
