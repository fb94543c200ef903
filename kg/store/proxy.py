"""The guard in front of ``kg serve``: the only door to the Oxigraph server.

Oxigraph answers anyone who reaches its port, and a web page can reach a
server on 127.0.0.1: a form posted from any page (even a ``file://`` one)
ran ``update=DROP ALL``; a ``GET /query?query=... SERVICE <http://...>``
made the server fetch any URL. So ``kg serve`` runs Oxigraph on a random
loopback address and port, and puts this small proxy on the address the user
asked for. For each request it checks, before anything reaches Oxigraph:

* the ``Host`` header, when it listens on loopback: a page of another site
  that re-points its own name to 127.0.0.1 (DNS rebinding) is refused;
* ``SERVICE`` in any SPARQL text of the request (URL parameters, form fields,
  body), unless federation was allowed (see :mod:`kg.store.guard`);
* on a writable server, every request but a read (``GET``, ``HEAD``,
  ``POST /query``) needs ``Authorization: Bearer TOKEN`` and no foreign
  ``Origin``. A page cannot send that header to another origin without a
  CORS preflight, which the proxy never grants.

Graph Store bodies (``/store``) are streamed through unread; SPARQL bodies
are read whole (at most :data:`MAX_SPARQL_BYTES`) to be checked.
"""
from __future__ import annotations

import hmac
import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .guard import uses_service

MAX_SPARQL_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 16
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host", "authorization", "content-length", "server", "date",
               "expect"}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class GuardOptions:
    """What the proxy lets through."""

    upstream: tuple[str, int]            # Oxigraph's internal address
    writable: bool
    token: str | None                    # needed for writes when writable
    allow_service: bool = False
    loopback_only: bool = True           # check the Host header (DNS rebinding)
    upstream_timeout: float = 600.0


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    timeout = 120                        # seconds a client may stay silent (no thread held forever)
    options: GuardOptions                # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:   # noqa: A002 - quiet, like Oxigraph's log
        pass

    def _handle(self) -> None:
        try:
            body = self._check()
        except Refused as exc:
            self._refuse(exc.status, str(exc))
            return
        self._forward(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    def do_OPTIONS(self) -> None:
        # A CORS preflight: never granted, so no page of another origin may
        # send a write, a token or a non-form content type.
        self._refuse(405, "kg serve does not answer cross-origin (CORS) requests.")

    # ------------------------------------------------------------------ checks

    def _check(self) -> bytes | None:
        """The request's SPARQL body (None when streamed); :class:`Refused` when it may not pass."""
        self._check_host()
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise Refused(411, "send a Content-Length (chunked requests are not accepted).")
        if self.options.writable and not self._is_read():
            self._check_writer()
        path = urlsplit(self.path)
        texts = [v for values in parse_qs(path.query, errors="replace").values() for v in values]
        body = None
        if path.path.rstrip("/") != "/store":
            body = self._read_body()
            text = body.decode("utf-8", "replace")
            texts += [text, *(v for values in parse_qs(text, errors="replace").values() for v in values)]
        if not self.options.allow_service and any(uses_service(t) for t in texts):
            raise Refused(403, "E070: the query uses SERVICE, which makes the server fetch other URLs; "
                               "kg serve refuses it unless started with --allow-service.")
        return body

    def _check_host(self) -> None:
        if not self.options.loopback_only:
            return
        host = self.headers.get("Host", "")
        try:
            name = urlsplit(f"//{host}").hostname or ""
        except ValueError:               # not a host at all, e.g. "[::1"
            name = ""
        if name not in _LOOPBACK_NAMES | {self.server.server_address[0]}:
            raise Refused(403, f"the Host {host!r} is not this machine's; kg serve listens on loopback "
                               "and answers only requests addressed to it (localhost, 127.0.0.1).")

    def _is_read(self) -> bool:
        if self.command in ("GET", "HEAD"):
            return True
        return self.command == "POST" and urlsplit(self.path).path.rstrip("/") == "/query"

    def _check_writer(self) -> None:
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{self.headers.get('Host', '')}":
            raise Refused(403, f"a write from the web page at {origin!r} is refused.")
        sent = self.headers.get("Authorization", "")
        token = self.options.token
        if token is None or not sent.startswith("Bearer ") or not hmac.compare_digest(
                sent[7:].strip().encode(), token.encode()):
            raise Refused(401, "writes need the token kg serve printed at start: send the header "
                               "'Authorization: Bearer TOKEN' (kg load reads it from KG_ENDPOINT_TOKEN).")

    def _read_body(self) -> bytes:
        length = self._length()
        if length > MAX_SPARQL_BYTES:
            raise Refused(413, f"a SPARQL request is limited to {MAX_SPARQL_BYTES // 2**20} MB.")
        return self.rfile.read(length) if length else b""

    def _length(self) -> int:
        try:
            return max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            raise Refused(400, "bad Content-Length.") from None

    # ------------------------------------------------------------------ answers

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status == 401:
            self.send_header("WWW-Authenticate", 'Bearer realm="kg serve"')
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.close_connection = True

    def _forward(self, body: bytes | None) -> None:
        host, port = self.options.upstream
        conn = http.client.HTTPConnection(host, port, timeout=self.options.upstream_timeout)
        try:
            conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", f"{host}:{port}")
            for name, value in self.headers.items():
                if name.lower() not in _HOP_BY_HOP:
                    conn.putheader(name, value)
            length = len(body) if body is not None else self._length()
            conn.putheader("Content-Length", str(length))
            conn.endheaders()
            if body is not None:
                conn.send(body)
            else:
                self._stream_body(conn, length)
            answer = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            self._refuse(502, f"the Oxigraph server did not answer: {exc}")
            return
        try:
            self._send_answer(answer)
        except OSError:
            pass                     # the client left; nothing to tell it
        finally:
            conn.close()

    def _stream_body(self, conn: http.client.HTTPConnection, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(_CHUNK, length))
            if not chunk:
                break
            conn.send(chunk)
            length -= len(chunk)

    def _send_answer(self, answer: http.client.HTTPResponse) -> None:
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        while self.command != "HEAD" and (chunk := answer.read(_CHUNK)):
            self.wfile.write(chunk)
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass                             # a client that hung up: no traceback on kg serve's terminal


class Proxy:
    """The guard listening on ``host:port`` (0: a free port) in a thread of this process."""

    def __init__(self, host: str, port: int, options: GuardOptions) -> None:
        handler = type("GuardHandler", (_Handler,), {"options": options})
        server_class = type("GuardServer", (_Server,),
                            {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
        self.httpd = server_class((host, port), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="kg-serve-guard", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5.0)
