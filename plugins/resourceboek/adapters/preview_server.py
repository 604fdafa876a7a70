"""The preview's web server: MkDocs' LiveReloadServer that answers only its owner.

Host and secret are checked first, by the rule shared with the editor
(`project/local_access.py`).

Leans on MkDocs' internals (checked against MkDocs 1.6.1, `mkdocs/livereload/__init__.py`):
`serve_request` is the WSGI app, and `_inject_js_into_html` writes the reload script, whose polling
address `/livereload/` is moved under the secret here. tests/test_preview_access.py breaks on a change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.livereload import LiveReloadServer

from resourceboek.project.local_access import (  # noqa: F401 - new_secret re-exported
    SAFE_HEADERS,
    new_secret,
    refusal,
    split_secret,
)

POLL_PATH = "/livereload/"

StartResponse = Callable[..., Any]


class PrivatePreviewServer(LiveReloadServer):
    """A LiveReloadServer on 127.0.0.1 under `/<secret>/`, refusing other hosts and paths."""

    def __init__(self, secret: str, on_ready: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(mount_path=f"/{secret}/", **kwargs)
        self.secret = secret
        self.on_ready = on_ready

    def server_activate(self) -> None:
        """Listen, then say so: the address printed is one that answers."""
        super().server_activate()
        self.on_ready()

    def serve_request(
        self, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        """The WSGI app: Host and secret first, then MkDocs' own handling."""
        path = environ.get("PATH_INFO", "")
        host = environ.get("HTTP_HOST", "")
        refused = refusal(host, path, self.secret, self.server_port, "Dit voorbeeld")
        if refused:
            return _refuse(start_response, *refused)
        rest = split_secret(path)[1]
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
