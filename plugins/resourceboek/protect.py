"""Encryption of finished booklet pages and PDFs; no MkDocs here.

Format (version 1), documented in the README so that anyone can write a decrypter:
key = PBKDF2-HMAC-SHA256(password as UTF-8 NFC, salt (16 random bytes per booklet), 600 000, 32 bytes);
each page: AES-256-GCM(key, iv = 12 random bytes, plaintext = whole page HTML as UTF-8,
associated data = b"resourceboek:1"); published as base64 in a JSON block of a neutral shell page.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from io import BytesIO

import jinja2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from markupsafe import Markup

VERSION = 1
ITERATIONS = 600_000
SALT_BYTES = 16
IV_BYTES = 12
AAD = b"resourceboek:1"
MIN_PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class BookletKey:
    """The key of one booklet: derived once per build, never written anywhere."""

    salt: bytes
    key: bytes = b""

    def __repr__(self) -> str:
        return f"BookletKey(salt={self.salt.hex()}, key=<verborgen>)"


def derive_key(
    password: str, salt: bytes | None = None, iterations: int = ITERATIONS
) -> BookletKey:
    """Derive the AES key of a booklet from its password (fresh random salt unless given)."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return BookletKey(salt, kdf.derive(_normalise(password)))


def _normalise(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


def encrypt_page(html: str, key: BookletKey, iterations: int = ITERATIONS) -> dict[str, object]:
    """Encrypt one whole page; the result is the JSON payload embedded in the shell."""
    iv = os.urandom(IV_BYTES)
    ciphertext = AESGCM(key.key).encrypt(iv, html.encode("utf-8"), AAD)
    return {
        "v": VERSION,
        "kdf": "PBKDF2-HMAC-SHA256",
        "iter": iterations,
        "salt": _b64(key.salt),
        "iv": _b64(iv),
        "aad": AAD.decode("ascii"),
        "ct": _b64(ciphertext),
    }


def decrypt_page(payload: dict[str, object], password: str) -> str:
    """Reference decrypter (used by the tests and by `resourceboek` itself for checks)."""
    salt = base64.b64decode(str(payload["salt"]))
    key = derive_key(password, salt, int(str(payload["iter"])))
    plain = AESGCM(key.key).decrypt(
        base64.b64decode(str(payload["iv"])), base64.b64decode(str(payload["ct"])), AAD
    )
    return plain.decode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_shell(payload: dict[str, object], env: jinja2.Environment, base: str) -> str:
    """The neutral page published instead of the real one: no title, no value, only ciphertext."""
    # Base64 and fixed ASCII only, so it cannot close the <script> element it sits in.
    data = Markup(json.dumps(payload, separators=(",", ":")))
    return env.get_template("beveiligd.html.j2").render(versleuteld=data, base=base)


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """The PDF encrypted with AES-256 (PDF 2.0 security handler, R6) under the booklet password."""
    import pikepdf  # heavy import, only needed when PDFs are made

    out = BytesIO()
    with pikepdf.open(BytesIO(pdf)) as doc:
        encryption = pikepdf.Encryption(
            user=password, owner=secrets.token_urlsafe(32), R=6, aes=True, metadata=True
        )
        doc.save(out, encryption=encryption)
    return out.getvalue()


def password_problems(password: str, client: str) -> list[str]:
    """Why a password is refused (empty list when it is acceptable)."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            f"het wachtwoord is te kort ({len(password)} tekens; minimaal {MIN_PASSWORD_LENGTH}). "
            "Gebruik `resourceboek password <id>` voor een sterke wachtzin."
        )
    names = [part for part in client.lower().split() if len(part) >= 3]
    if any(name in password.lower() for name in names):
        problems.append(
            "het wachtwoord bevat de naam van de cliënt; kies een wachtwoord zonder naam."
        )
    return problems
