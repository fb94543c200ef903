"""How ``kg serve`` puts its guard (:mod:`kg.store.proxy`) in front of Oxigraph.

Kept apart from :mod:`kg.store.server`, which runs the Oxigraph process:
this module only chooses Oxigraph's internal address and options, and starts
the proxy on the address the user asked for.
"""
from __future__ import annotations

import random
import secrets
import socket
from collections.abc import Mapping
from typing import Any

from ..errors import ServerError
from .guard import DEFAULT_QUERY_TIMEOUT
from .proxy import GuardOptions, Proxy


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (localhost or a loopback address)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

GUARD_OPTIONS = ("timeout", "allow_service", "token")


def _options(guard: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(guard) - set(GUARD_OPTIONS)
    if unknown:
        raise TypeError(f"unknown server option(s): {', '.join(sorted(unknown))}")
    return {"timeout": DEFAULT_QUERY_TIMEOUT, "allow_service": False, "token": None, **guard}


def internal_address() -> tuple[str, int]:
    """A free port on a random 127.x.y.z address (Linux routes all of 127/8 to
    loopback): a web page scanning for the real server cannot guess it. Falls
    back to 127.0.0.1 where only that address exists."""
    for host in (f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(1, 254)}",
                 "127.0.0.1"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.bind((host, 0))
                return host, s.getsockname()[1]
        except OSError:
            continue
    raise ServerError("cannot find a free port on 127.0.0.1 for the Oxigraph server.")


def guard_args(guard: Mapping[str, Any]) -> list[str]:
    """Options of ``oxigraph serve`` that follow from the guard's options."""
    timeout = float(_options(guard)["timeout"])
    if timeout < 0:
        raise ServerError(f"the query timeout must be 0 (no limit) or more seconds, not {timeout:g}.")
    # Oxigraph takes whole seconds; round up so that a limit is never 0 (none).
    return ["--timeout-s", str(max(1, int(-(-timeout // 1))))] if timeout else []


def put_guard(server: Any, host: str, port: int, guard: Mapping[str, Any]) -> None:
    """Start the proxy on ``host:port`` in front of ``server`` (whose address is
    the internal one), and make ``server`` show the public address."""

    options = _options(guard)
    token = options["token"] or (secrets.token_urlsafe(24) if server.writable else None)
    timeout = float(options["timeout"])
    upstream = (server.host, server.port)
    try:
        proxy = Proxy(host, port, GuardOptions(
            upstream, server.writable, token, allow_service=bool(options["allow_service"]),
            loopback_only=is_loopback(host), upstream_timeout=max(600.0, 2 * timeout)))
    except OSError as exc:
        raise ServerError(f"cannot listen on {host}:{port} ({exc.strerror or exc}). "
                          "Another server may use that port: choose another with --port.") from None
    server._cleanup.callback(proxy.stop)
    server.host, server.port, server.token = host, proxy.port, token
