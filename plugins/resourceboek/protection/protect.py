"""Encryption of finished booklet pages and PDFs; no MkDocs here.

Format (version 4), documented in SECURITY.md so that anyone can write a decrypter:
key = PBKDF2-HMAC-SHA256(password, salt (16 random bytes per booklet), 600 000, 32 bytes), where the
password is taken as typed, NFC, with whitespace at the ends removed and runs of whitespace as one
space, as UTF-8. Each page: AES-256-GCM(key, iv = 12 random bytes, plaintext = the length of the
packed page as 4 bytes (big-endian), then the whole page HTML as UTF-8 packed with zlib (RFC 1950,
what a browser's DecompressionStream("deflate") reads), then zero bytes up to a size bucket,
associated data = "resourceboek:4:<token>:<counter>:<path>"), where <token> is the booklet's
folder, <counter> the build counter (the build's time in seconds, also in the payload as `n`, so that a browser can refuse
a page older than one it saw before decrypting) and <path> the page's path inside it. Token and path
are not in the payload: a decrypter takes them from where the page is. Published as base64 in a JSON
block of a neutral shell page.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import unicodedata
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

if TYPE_CHECKING:
    import pikepdf

VERSION = 4
MAX_COUNTER = 2**53 - 1  # the largest integer a browser reads exactly from JSON
ITERATIONS = 600_000
SALT_BYTES = 16
IV_BYTES = 12
MIN_PASSWORD_LENGTH = 12
MIN_GUESSES_LOG10 = 14  # zxcvbn's estimate; chosen for the PDF (SECURITY.md)
MIN_RANDOM_LENGTH = 16
"""From this length zxcvbn accepts a string of random characters (it counts 10 guesses a character
it cannot place in a pattern); the message names it to a shorter one that is refused."""
PAD_MIN = 4 * 1024  # the smallest size bucket of a page's (packed) plaintext
PAD_BYTE = b"\0"
LENGTH_BYTES = 4
WHITESPACE = re.compile("[ \t\n\r\u00a0]+")
# Dutch words that make a password guessable but that zxcvbn's (English) lists do not know.
DUTCH_WEAK = ("wachtwoord", "welkom", "geheim", "boekje", "resourcegroep", "herstel", "ggz")


class FormatError(ValueError):
    """A payload this version does not open (another version, fewer iterations, no counter)."""


@dataclass(frozen=True)
class BookletKey:
    """The key of one booklet: derived once per build, never written anywhere."""

    salt: bytes
    key: bytes = b""
    token: str = ""
    counter: int = 0
    """The build counter bound into every page (see the module docstring); set per build."""

    def __repr__(self) -> str:
        where = f"token={self.token}, counter={self.counter}"
        return f"BookletKey(salt={self.salt.hex()}, {where}, key=<verborgen>)"


def clean_password(password: str) -> str:
    """The password as used: NFC, no whitespace at the ends, runs of whitespace as one space."""
    return WHITESPACE.sub(" ", unicodedata.normalize("NFC", password)).strip(" ")


def derive_key(
    password: str, salt: bytes | None = None, iterations: int = ITERATIONS, token: str = ""
) -> BookletKey:
    """Derive the AES key of a booklet from its password (fresh random salt unless given)."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return BookletKey(salt, kdf.derive(clean_password(password).encode("utf-8")), token)


def associated_data(token: str, path: str, counter: int) -> bytes:
    """What binds a page to its booklet, its build, its place in it and the format version."""
    return f"resourceboek:{VERSION}:{token}:{counter}:{path}".encode()


def padded_size(size: int, smallest: int = PAD_MIN) -> int:
    """The size bucket of a plaintext: 4 KiB, 6, 8, 12, 16, 24 ... (2^k or 1.5·2^k, from
    `smallest`, a power of two)."""
    bucket = smallest
    while bucket < size:
        bucket = bucket * 3 // 2 if bucket & (bucket - 1) == 0 else bucket * 4 // 3
    return bucket


def pad(data: bytes) -> bytes:
    """`data` behind its length, followed by zero bytes up to its size bucket."""
    framed = len(data).to_bytes(LENGTH_BYTES, "big") + data
    return framed + PAD_BYTE * (padded_size(len(framed)) - len(framed))


def unpad(plain: bytes) -> bytes:
    """What `pad` framed (FormatError when the length does not fit)."""
    size = int.from_bytes(plain[:LENGTH_BYTES], "big")
    if size > len(plain) - LENGTH_BYTES:
        raise FormatError("de pagina is beschadigd")
    return plain[LENGTH_BYTES : LENGTH_BYTES + size]


def pack_page(html: str) -> bytes:
    """A page's HTML packed for encryption: zlib, then padded (`pad`)."""
    return pad(zlib.compress(html.encode("utf-8"), 9))


def encrypt_page(
    html: str, key: BookletKey, path: str, iterations: int = ITERATIONS
) -> dict[str, object]:
    """Encrypt one whole page at `path` in its booklet; the result is the payload of the shell."""
    iv = os.urandom(IV_BYTES)
    plain = pack_page(html)
    aad = associated_data(key.token, path, key.counter)
    ciphertext = AESGCM(key.key).encrypt(iv, plain, aad)
    return {
        "v": VERSION,
        "n": key.counter,
        "kdf": "PBKDF2-HMAC-SHA256",
        "iter": iterations,
        "salt": _b64(key.salt),
        "iv": _b64(iv),
        "ct": _b64(ciphertext),
    }


def decrypt_page(payload: dict[str, object], password: str, token: str, path: str) -> str:
    """Reference decrypter of the page at `path` in booklet `token` (tests and checks)."""
    iterations = int(str(payload.get("iter")))
    if payload.get("v") != VERSION or iterations < ITERATIONS:
        raise FormatError(f"versie {payload.get('v')} met {iterations} rondes wordt niet geopend")
    counter = build_counter(payload)
    key = derive_key(password, base64.b64decode(str(payload["salt"])), iterations)
    plain = AESGCM(key.key).decrypt(
        base64.b64decode(str(payload["iv"])),
        base64.b64decode(str(payload["ct"])),
        associated_data(token, path, counter),
    )
    return zlib.decompress(unpad(plain)).decode("utf-8")


def build_counter(payload: dict[str, object]) -> int:
    """The payload's build counter `n`; FormatError unless a whole number 0 ... 2^53 - 1."""
    counter = payload.get("n")
    if type(counter) is not int or not 0 <= counter <= MAX_COUNTER:
        raise FormatError("de pagina heeft geen geldige bouwteller")
    return counter


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """The PDF encrypted with AES-256 (PDF 2.0 security handler, R6) under the booklet password."""
    import pikepdf  # heavy import, only needed when PDFs are made

    with pikepdf.open(BytesIO(pdf)) as doc:
        return save_encrypted(doc, password)


def save_encrypted(doc: pikepdf.Pdf, password: str) -> bytes:
    """An open PDF saved encrypted as `encrypt_pdf` does (the document stays open and unchanged)."""
    import pikepdf  # heavy import, only needed when PDFs are made

    out = BytesIO()
    encryption = pikepdf.Encryption(
        user=clean_password(password),
        owner=secrets.token_urlsafe(32),
        R=6,
        aes=True,
        metadata=True,
    )
    doc.save(out, encryption=encryption)
    return out.getvalue()


def password_problems(password: str, client: str) -> list[str]:
    """Why a password is refused (empty list when it is acceptable)."""
    password = clean_password(password)
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
    elif not problems and _too_guessable(password, names):
        short = len(password) < MIN_RANDOM_LENGTH and " " not in password
        length = f"Gebruik je losse tekens? Neem er dan minstens {MIN_RANDOM_LENGTH}. "
        problems.append(
            "het wachtwoord is te makkelijk te raden (herhalingen, reeksen, bekende woorden of "
            f"jaartallen). {length if short else ''}Gebruik `resourceboek password <id>` voor een "
            "sterke wachtzin van zes woorden, of kies een langere zin van eigen, losse woorden."
        )
    return problems


def _too_guessable(password: str, names: list[str]) -> bool:
    from zxcvbn_rs_py import zxcvbn  # only needed when a password is checked

    from resourceboek.protection.secrets_store import (
        DEMO_PASSWORD,  # public: known to every attacker
    )

    result = zxcvbn(password, user_inputs=[*names, *DUTCH_WEAK, DEMO_PASSWORD])
    return bool(int(result.score) < 3 or result.guesses_log10 < MIN_GUESSES_LOG10)
