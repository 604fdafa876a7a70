"""The preview's web server: MkDocs' LiveReloadServer that answers only its owner.

Two checks before MkDocs sees a request:
- the `Host` header must be `127.0.0.1:<port>` or `localhost:<port>`; a web page that points its own
  host name at 127.0.0.1 (DNS rebinding) sends its own name and gets 421;
- the path must start with the secret printed on the terminal (`/<secret>/`, compared in constant
  time); everything else gets 403. Another user on this computer can reach the port, but not guess
  the secret.

Leans on MkDocs' internals (checked against MkDocs 1.6.1, `mkdocs/livereload/__init__.py`):
`serve_request` is the WSGI app, and `_inject_js_into_html` writes the reload script, whose polling
address `/livereload/` is moved under the secret here. tests/test_preview_access.py breaks on a change.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.livereload import LiveReloadServer

SECRET_BYTES = 16
POLL_PATH = "/livereload/"
WRONG_HOST = (
    "421 Misdirected Request",
    "Dit voorbeeld opent alleen op deze computer, via het adres uit het terminalvenster "
    "(http://127.0.0.1:{port}/...).",
)
WRONG_SECRET = (
    "403 Forbidden",
    "Dit adres klopt niet. Open het volledige adres uit het terminalvenster, met de geheime code.",
)
SAFE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
]

StartResponse = Callable[..., Any]


def new_secret() -> str:
    """The random part of the preview's address (128 bits, URL-safe)."""
    return secrets.token_urlsafe(SECRET_BYTES)


class PrivatePreviewServer(LiveReloadServer):
    """A LiveReloadServer on 127.0.0.1 under `/<secret>/`, refusing other hosts and paths."""

    def __init__(self, secret: str, on_ready: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(mount_path=f"/{secret}/", **kwargs)
        self.secret = secret
        self.on_ready = on_ready
        port = kwargs["port"]
        self.allowed_hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    def server_activate(self) -> None:
        """Listen, then say so: the address printed is one that answers."""
        super().server_activate()
        self.on_ready()

    def serve_request(
        self, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        """The WSGI app: Host and secret first, then MkDocs' own handling."""
        if environ.get("HTTP_HOST", "").lower() not in self.allowed_hosts:
            status, text = WRONG_HOST
            return _refuse(start_response, status, text.format(port=self.server_port))
        path = environ.get("PATH_INFO", "")
        first, _, rest = path.removeprefix("/").partition("/")
        if not hmac.compare_digest(first.encode(), self.secret.encode()):
            return _refuse(start_response, *WRONG_SECRET)
        if f"/{rest}".startswith(POLL_PATH):
            environ = {**environ, "PATH_INFO": f"/{rest}"}  # MkDocs polls outside the mount
        return super().serve_request(environ, _with_headers(start_response))

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """MkDocs' reload script, polling under the secret like every other request."""
        html = bytes(super()._inject_js_into_html(content, epoch))
        at = html.rfind(f'"{POLL_PATH}'.encode())  # the script is the page's last one
        if at < 0:
            return html
        return html[: at + 1] + f"/{self.secret}".encode() + html[at + 1 :]


def _with_headers(start_response: StartResponse) -> StartResponse:
    def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
        return start_response(status, [*headers, *SAFE_HEADERS], *args)

    return start


def _refuse(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = f"{text}\n".encode()
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    start_response(status, headers + SAFE_HEADERS)
    return [body]
