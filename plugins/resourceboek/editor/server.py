"""The editor's web server (the standard library's ThreadingHTTPServer) on 127.0.0.1 only.

Every request passes the shared check first (`project/local_access.py`: `Host` and the secret in
the address); every post carries the session's token. Answers are never cached, never name the
address they came from, and the form's page runs only the package's own script (no inline script,
nothing from outside this computer). The booklet beside the form is the `serve --group` rendering,
built into a private temporary folder and served under `/<secret>/boekje/`.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from resourceboek.editor.answers import read_answers
from resourceboek.editor.fields import form_controls
from resourceboek.editor.page import placed, render_page, tally
from resourceboek.editor.session import Session
from resourceboek.project.local_access import LOOPBACK, SAFE_HEADERS, refusal, split_secret

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "editor"
STATIC = {"editor.js": "text/javascript", "editor.css": "text/css"}
MAX_POST = 2_000_000
"""A plan's form is a few kilobytes; a larger post is refused."""
FORM_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
BOOKLET_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'"
)
"""The booklet's theme has inline scripts; it may only be shown inside the editor's own page."""
NO_BOOKLET = "Er is nog geen voorbeeld: sla het plan op zonder fouten, dan verschijnt het hier."


class EditorServer(ThreadingHTTPServer):
    """The editor of one session under `/<secret>/`; `booklet` is the preview's folder or None."""

    daemon_threads = True

    def __init__(self, session: Session, secret: str, port: int, booklet: Path | None) -> None:
        super().__init__((LOOPBACK, port), EditorHandler)
        self.session = session
        self.secret = secret
        self.booklet = booklet

    @property
    def url(self) -> str:
        """The address to open (the one place the secret is shown)."""
        return f"http://{LOOPBACK}:{self.server_port}/{self.secret}/"


class EditorHandler(BaseHTTPRequestHandler):
    """Routes: the form (GET and POST `/`), `controleer`, `bestanden/*` and `boekje/*`."""

    server: EditorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        """Quiet: an address holds the secret, and the terminal is for the coordinator."""

    def _route(self) -> str | None:
        """The path after the secret, or None once the request has been refused."""
        path = unquote(urlsplit(self.path).path)
        host = self.headers.get("Host", "")
        refused = refusal(host, path, self.server.secret, self.server.server_port, "Dit formulier")
        if refused:
            self._send(refused[0], refused[1].encode() + b"\n", "text/plain; charset=utf-8")
            return None
        return split_secret(path)[1]

    def do_GET(self) -> None:
        """The form as the file is now, the editor's own files, or the booklet."""
        self._guarded(self._get)

    def do_POST(self) -> None:
        """A change of the form (check, add, remove) or a save; only with the session's token."""
        self._guarded(self._post)

    def _guarded(self, answer: Callable[[], None]) -> None:
        """A fault in our code answers in Dutch and keeps the server (and the typed work) going."""
        try:
            answer()
        except Exception as exc:  # never a traceback with a plan's data on the terminal
            text = f"Er ging iets mis in het formulier ({type(exc).__name__}). Er is niets "
            text += "opgeslagen. Ga terug in je browser; je ingevulde werk staat daar nog.\n"
            self._send("500 Internal Server Error", text.encode(), "text/plain; charset=utf-8")

    def _get(self) -> None:
        route = self._route()
        if route is None:
            return
        if route == "":
            session = self.server.session
            page = render_page(session.open(), session.token, self._base(), session.group_id)
            self._send("200 OK", page.encode(), "text/html; charset=utf-8")
        elif route.startswith("bestanden/") and route.removeprefix("bestanden/") in STATIC:
            name = route.removeprefix("bestanden/")
            self._send("200 OK", (ASSETS / name).read_bytes(), STATIC[name])
        elif route == "boekje" or route.startswith("boekje/"):
            self._booklet(route.removeprefix("boekje").removeprefix("/"))
        else:
            self._send("404 Not Found", b"Niet gevonden.\n", "text/plain; charset=utf-8")

    def _post(self) -> None:
        route = self._route()
        if route is None:
            return
        form = self._form()
        session = self.server.session
        if form is None or not session.token_ok(form):
            text = "Dit formulier is verlopen. Open het adres uit het terminalvenster opnieuw.\n"
            self._send("403 Forbidden", text.encode(), "text/plain; charset=utf-8")
        elif route == "controleer":
            problems = session.check(form)
            found = placed(problems, form_controls(read_answers(form)))
            body = json.dumps({"telling": tally(problems), "problemen": found}).encode()
            self._send("200 OK", body, "application/json")
        elif route == "":
            page = render_page(session.act(form), session.token, self._base(), session.group_id)
            self._send("200 OK", page.encode(), "text/html; charset=utf-8")
        else:
            self._send("404 Not Found", b"Niet gevonden.\n", "text/plain; charset=utf-8")

    def _base(self) -> str:
        return f"/{self.server.secret}/"

    def _form(self) -> dict[str, list[str]] | None:
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_POST:
            return None
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        return parse_qs(body, keep_blank_values=True)

    def _booklet(self, rest: str) -> None:
        root = self.server.booklet
        target = _inside(root, rest) if root else None
        if target is not None and target.is_dir():
            target = target / "index.html"
        if target is None or not target.is_file():
            body = NO_BOOKLET.encode()
            self._send("404 Not Found", body, "text/plain; charset=utf-8", BOOKLET_CSP)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send("200 OK", target.read_bytes(), kind, BOOKLET_CSP)

    def _send(self, status: str, body: bytes, kind: str, csp: str = FORM_CSP) -> None:
        code, _, reason = status.partition(" ")
        self.send_response(int(code), reason)
        headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
        frame = "SAMEORIGIN" if csp == BOOKLET_CSP else "DENY"
        headers += [*SAFE_HEADERS, ("Content-Security-Policy", csp), ("X-Frame-Options", frame)]
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _inside(root: Path, rest: str) -> Path | None:
    """`rest` under `root`, or None when it would lead outside (`..`, a link)."""
    target = (root / rest).resolve()
    return target if target.is_relative_to(root.resolve()) else None
