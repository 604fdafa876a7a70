"""What a build keeps between runs about passwords, so that only a new password costs anything.

Derived keys (`KeyStore`) and which passwords passed the strength check (`AcceptedPasswords`), both
under the state folder's local key (`local_secret`).

The key derivation (PBKDF2, 600 000 rounds) is the one costly step of a booklet that cannot be
skipped: it is done once per password, not once per build. The store is one 0600 file in the state
folder (the werkmap's `bouwgegevens/`), beside the passwords themselves. Each record holds the salt
and the key, encrypted with AES-GCM under the local key (`cache-sleutel`) and bound to the group,
the format's iteration count and (through an HMAC) the password: a changed password simply no
longer opens its record, and the key is derived again. A derived key opens the booklet just as the
password does, so it is exactly as secret as the password already stored in the werkmap.

Without a werkmap (`--groups`/`--passwords` in a script or CI) the state folder is the user's cache
folder, which CI systems often cache and share: there nothing of this module is written. The local
key, the derived keys and the accepted passwords are then kept in memory for that one run
(`keeps_secrets`), and a build derives every key again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from concurrent.futures import Executor
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from resourceboek.files.private_io import (
    create_exclusive,
    private_dir,
    read_text_map,
    write_private,
)
from resourceboek.protection.protect import (
    DUTCH_WEAK,
    ITERATIONS,
    MIN_GUESSES_LOG10,
    MIN_PASSWORD_LENGTH,
    SALT_BYTES,
    BookletKey,
    clean_password,
    password_problems,
)

FILE_NAME = "sleutels.json"
ACCEPTED_FILE_NAME = "wachtwoordcontrole.json"
LOCAL_SECRET_NAME = "cache-sleutel"
PARALLEL_CHECKS = 16
"""From this many new passwords on, the strength checks are spread over the build's processes."""
KEY_BYTES = 32
IV_BYTES = 12
RECORD_VERSION = 1


def cache_root() -> Path:
    """resourceboek's part of the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "resourceboek"


def keeps_secrets(state_dir: Path) -> bool:
    """Whether keys may be written to `state_dir`: anywhere but the cache folder (a werkmap's
    `bouwgegevens/`, or a `state_dir` named in mkdocs.yml)."""
    return not state_dir.resolve().is_relative_to(cache_root().resolve())


class KeyStore:
    """The derived keys of a project's booklets, read at the start of a build, saved at its end."""

    def __init__(self, state_dir: Path, local_secret: bytes) -> None:
        self.path = state_dir / FILE_NAME
        self._secret = local_secret
        self._on_disk = keeps_secrets(state_dir)
        self._records = read_text_map(self.path) if self._on_disk else {}
        self._changed = False

    def lookup(self, group_id: str, password: str) -> BookletKey | None:
        """The key derived before from this very password, or None (new group, new password)."""
        record = self._records.get(group_id)
        if record is None:
            return None
        try:
            raw = base64.b64decode(record, validate=True)
            plain = AESGCM(self._secret).decrypt(
                raw[:IV_BYTES], raw[IV_BYTES:], self._bound_to(group_id, password)
            )
        except (InvalidTag, ValueError):
            return None  # another password, another format or a damaged record: derive again
        if len(plain) != SALT_BYTES + KEY_BYTES:
            return None
        return BookletKey(plain[:SALT_BYTES], plain[SALT_BYTES:])

    def remember(self, group_id: str, password: str, key: BookletKey) -> None:
        """Keep `key` (derived from `password`) for the next build."""
        iv = os.urandom(IV_BYTES)
        sealed = AESGCM(self._secret).encrypt(
            iv, key.salt + key.key, self._bound_to(group_id, password)
        )
        record = base64.b64encode(iv + sealed).decode("ascii")
        if self._records.get(group_id) != record:
            self._records[group_id] = record
            self._changed = True

    def keep_only(self, group_ids: set[str]) -> None:
        """Forget the keys of groups that are gone."""
        for gone in set(self._records) - group_ids:
            del self._records[gone]
            self._changed = True

    def save(self) -> None:
        """Write the store (0600, atomically) if anything changed (never in the cache folder)."""
        if self._changed and self._on_disk:
            data = json.dumps(self._records, indent=1, sort_keys=True).encode("utf-8")
            write_private(self.path, data)
            self._changed = False

    def _bound_to(self, group_id: str, password: str) -> bytes:
        check = _mac(self._secret, clean_password(password))
        return f"resourceboek-sleutel:{RECORD_VERSION}:{ITERATIONS}:{group_id}:{check}".encode()


class AcceptedPasswords:
    """The strength check (zxcvbn, ~0.5 ms a password) done once per password, not once per build.

    Holds an HMAC (under the local key) of each accepted combination of group, client name, password
    and the check's rules; a refused password is never remembered, so it is checked every time.
    """

    def __init__(self, state_dir: Path, local_secret: bytes) -> None:
        self.path = state_dir / ACCEPTED_FILE_NAME
        self._secret = local_secret
        self._on_disk = keeps_secrets(state_dir)
        stored = read_text_map(self.path).get("geaccepteerd", "") if self._on_disk else ""
        self._before = set(stored.split()) if isinstance(stored, str) else set()
        self._now: set[str] = set()
        self._rules = _rules()
        self._checked: dict[str, list[str]] = {}  # mark -> problems, from `check_many`

    def check_many(self, checks: list[tuple[str, str, str]], executor: Executor | None) -> None:
        """Check the new ones of many (group, password, client) at once on `executor`'s processes
        (a first build checks every password); `problems` then gives their verdicts."""
        new = [
            (mark, check) for check in checks if (mark := self._mark(*check)) not in self._before
        ]
        if executor is None or len(new) < PARALLEL_CHECKS:
            return
        passwords = [password for _, (_, password, _) in new]
        clients = [client for _, (_, _, client) in new]
        found = executor.map(password_problems, passwords, clients, chunksize=PARALLEL_CHECKS)
        self._checked.update(zip([mark for mark, _ in new], found, strict=True))

    def problems(self, group_id: str, password: str, client: str) -> list[str]:
        """`protect.password_problems`, skipped for a password accepted before."""
        mark = self._mark(group_id, password, client)
        if mark in self._before:
            self._now.add(mark)
            return []
        found = self._checked.get(mark)
        if found is None:
            found = password_problems(password, client)
        if not found:
            self._now.add(mark)
        return found

    def known(self, group_id: str, password: str, client: str) -> bool:
        """Whether this password was accepted before for this group and client, given only the
        client's mark (`client_mark`): a build that did not read the group file asks this."""
        mark = _mac(self._secret, self._rules, group_id, client, clean_password(password))
        if mark in self._before:
            self._now.add(mark)
        return mark in self._before

    def _mark(self, group_id: str, password: str, client: str) -> str:
        client = client_mark(self._secret, client)
        return _mac(self._secret, self._rules, group_id, client, clean_password(password))

    def save(self) -> None:
        """Keep the marks of this run's accepted passwords (written only when they changed)."""
        if self._now != self._before and self._on_disk:
            data = json.dumps({"geaccepteerd": " ".join(sorted(self._now))}).encode("utf-8")
            write_private(self.path, data)
            self._before = set(self._now)


def local_secret(state_dir: Path) -> bytes:
    """The state folder's own random key (made on first use, 0600): fingerprints and key records.

    In the cache folder a fresh key for this run only; what earlier versions left there is removed.
    """
    if not keeps_secrets(state_dir):
        for name in (LOCAL_SECRET_NAME, FILE_NAME, ACCEPTED_FILE_NAME):
            (state_dir / name).unlink(missing_ok=True)
        return os.urandom(32)
    path = state_dir / LOCAL_SECRET_NAME
    if not path.exists():
        if not state_dir.is_dir():
            private_dir(state_dir)
        create_exclusive(path, os.urandom(32))
    return path.read_bytes()


def client_mark(secret: bytes, client: str) -> str:
    """The client's name as an HMAC under the local key: what a build keeps of it, for
    `AcceptedPasswords.known` (the strength check refuses a password holding the name)."""
    return _mac(secret, "client", client)


def _rules() -> str:
    """What the strength check's verdict depends on besides the password: a change checks again."""
    from importlib.metadata import version

    from resourceboek.protection.secrets_store import DEMO_PASSWORD

    known = ",".join((*DUTCH_WEAK, DEMO_PASSWORD))
    return f"{MIN_PASSWORD_LENGTH}:{MIN_GUESSES_LOG10}:{known}:{version('zxcvbn-rs-py')}"


def _mac(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x00".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()
