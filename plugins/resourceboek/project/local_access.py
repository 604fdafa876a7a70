"""Who may use a server on this computer: the one rule for the preview and the editor.

Two checks before a request is answered:
- the `Host` header must be `127.0.0.1:<port>` or `localhost:<port>`; a web page that points its own
  host name at 127.0.0.1 (DNS rebinding) sends its own name and gets 421;
- the path must start with the secret printed on the terminal (`/<secret>/`, compared in constant
  time); everything else gets 403. Another user on this computer can reach the port, but not guess
  the secret.
"""

from __future__ import annotations

import hmac
import secrets

LOOPBACK = "127.0.0.1"
SECRET_BYTES = 16
WRONG_HOST = (
    "421 Misdirected Request",
    "{what} opent alleen op deze computer, via het adres uit het terminalvenster "
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
"""Headers of every answer: nothing kept in a cache, the secret address never sent on."""


def new_secret() -> str:
    """The random part of a local server's address (128 bits, URL-safe)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def split_secret(path: str) -> tuple[str, str]:
    """`/<secret>/rest` as (`secret`, `rest`)."""
    first, _, rest = path.removeprefix("/").partition("/")
    return first, rest


def refusal(host: str, path: str, secret: str, port: int, what: str) -> tuple[str, str] | None:
    """The status and Dutch text to refuse a request with, or None when it may be answered."""
    if host.lower() not in {f"{LOOPBACK}:{port}", f"localhost:{port}"}:
        status, text = WRONG_HOST
        return status, text.format(what=what, port=port)
    if not hmac.compare_digest(split_secret(path)[0].encode(), secret.encode()):
        return WRONG_SECRET
    return None
