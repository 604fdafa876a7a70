"""What a build knows of each group file it read before, so that an unchanged file is not parsed.

A file is known by an HMAC (under the local secret) of the code, its group id, the SHA-256 of its
bytes and the day (readiness and the meetings already held depend on it). What a build needs of an
unchanged file is kept with it: whether it is valid, its problems and readiness (line, field and a
Dutch message, which never repeat a value of the file) and two HMACs (the booklet's content and the
client's name for the password check). Field names can hold the file's own keys (a person's key is
often a first name), so each entry is sealed with AES-GCM under a key derived from the local
secret and bound to its HMAC; the file (`groepsbestanden.json`) is 0600 in the state folder, and
never written in the user's cache folder (see keystore.py). A new day, new code or a changed file
parses the file again and replaces its entry; the entries of files gone are dropped. With a
werkmap, what "wat is er veranderd" found for a file is kept the same way, sealed (the changes are
the plan's own words), under the file and a fingerprint of its history folder (build/planhistory.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from resourceboek.build.fingerprints import mac
from resourceboek.files.private_io import read_text_map, write_private
from resourceboek.groupfile import readiness
from resourceboek.groupfile.load import LoadedGroup, display_path
from resourceboek.groupfile.problems import Problem, Severity
from resourceboek.protection.keystore import client_mark, keeps_secrets

FILE_NAME = "groepsbestanden.json"
RECORD_VERSION = 1
IV_BYTES = 12


@dataclass(frozen=True)
class FileFacts:
    """What a build needs of a group file besides its model; nothing in it is a value of the file."""

    id: str
    path: Path
    digest: str
    valid: bool
    problems: tuple[Problem, ...]
    """A valid file's warnings; every problem of a file with errors."""
    lacking: tuple[Problem, ...] = ()
    """Readiness: what a valid file still lacks before its booklet is handed out."""
    content: str = ""
    """HMAC of the code, the file and the meetings already held: the booklet's part of the file."""
    client: str = ""
    """HMAC of the client's name (`keystore.client_mark`), for the password check."""


class FileCache:
    """The facts of the group files of the last build, read at its start and saved at its end."""

    def __init__(self, state_dir: Path, secret: bytes, code: str, today: dt.date) -> None:
        self.path = state_dir / FILE_NAME
        self._secret, self._code, self._today = secret, code, today
        self._seal = AESGCM(hmac.new(secret, b"groepsbestanden", hashlib.sha256).digest())
        self._on_disk = keeps_secrets(state_dir)  # never in the user's cache folder
        self._before = read_text_map(self.path) if self._on_disk else {}
        self._now: dict[str, str] = {}

    def lookup(self, path: Path, gid: str, digest: str) -> FileFacts | None:
        """The facts of this very file as a build saw it before today, or None (parse it)."""
        key = self._key(gid, digest)
        data = self._open(key)
        if data is None:
            return None
        try:
            # Resolving the path costs more than the rest: only for a file with messages.
            shown = display_path(path) if data["problems"] or data["lacking"] else ""
            facts = FileFacts(
                gid,
                path,
                digest,
                bool(data["valid"]),
                tuple(_problem(shown, p) for p in data["problems"]),
                tuple(_problem(shown, p) for p in data["lacking"]),
                str(data["content"]),
                str(data["client"]),
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # another format or a damaged record: parse the file again
        self._now[key] = self._before[key]
        return facts

    def facts_of(self, group: LoadedGroup) -> FileFacts:
        """The facts of a group file this build parsed and found valid."""
        past = sum(m.datum < self._today for m in group.groep.bijeenkomsten)
        lacking = tuple(readiness.readiness(group, self._today))
        content = mac(self._secret, self._code, group.digest, str(past))
        client = client_mark(self._secret, group.groep.client)
        return FileFacts(
            group.id, group.path, group.digest, True, group.warnings, lacking, content, client
        )

    def remember(self, facts: FileFacts) -> None:
        """Keep the facts of a file parsed in this build (not if a message names another file)."""
        shown = display_path(facts.path)
        if any(p.path != shown for p in facts.problems + facts.lacking):
            return
        data = {
            "valid": facts.valid,
            "problems": [_record(p) for p in facts.problems],
            "lacking": [_record(p) for p in facts.lacking],
            "content": facts.content,
            "client": facts.client,
        }
        self._keep(self._key(facts.id, facts.digest), data)

    def history(self, gid: str, digest: str, listing: str) -> tuple[tuple[str, ...], str] | None:
        """What "wat is er veranderd" found today for this very file and this very history
        folder (`listing`: its place and each kept version's name, size and time), or None."""
        key = self._history_key(gid, digest, listing)
        data = self._open(key)
        if data is None:
            return None
        try:
            found = (tuple(str(c) for c in data["changes"]), str(data["compared"]))
        except (KeyError, TypeError):
            return None
        self._now[key] = self._before[key]
        return found

    def remember_history(
        self, gid: str, digest: str, listing: str, changes: tuple[str, ...], compared: str
    ) -> None:
        """Keep what "wat is er veranderd" found (the changes are the plan's words: sealed)."""
        data = {"changes": list(changes), "compared": compared}
        self._keep(self._history_key(gid, digest, listing), data)

    def save(self) -> None:
        """Keep the facts of the files this build saw (0600), written only when they changed."""
        if self._on_disk and self._now != self._before:
            data = json.dumps(self._now, indent=0, sort_keys=True).encode("utf-8")
            write_private(self.path, data)
            self._before = dict(self._now)

    def _key(self, gid: str, digest: str) -> str:
        day = self._today.isoformat()
        return mac(self._secret, f"groepsbestand:{RECORD_VERSION}", self._code, gid, digest, day)

    def _history_key(self, gid: str, digest: str, listing: str) -> str:
        day = self._today.isoformat()
        kind = f"geschiedenis:{RECORD_VERSION}"
        return mac(self._secret, kind, self._code, gid, digest, day, listing)

    def _open(self, key: str) -> dict[str, Any] | None:
        """The record under `key` of the last build, unsealed (None if absent or damaged)."""
        record = self._before.get(key)
        if record is None:
            return None
        try:
            raw = base64.b64decode(record, validate=True)
            data = json.loads(self._seal.decrypt(raw[:IV_BYTES], raw[IV_BYTES:], key.encode()))
        except (InvalidTag, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _keep(self, key: str, data: dict[str, Any]) -> None:
        """Seal `data` under a fresh IV, bound to its key, for this build's file."""
        iv = os.urandom(IV_BYTES)
        sealed = self._seal.encrypt(iv, json.dumps(data).encode("utf-8"), key.encode())
        self._now[key] = base64.b64encode(iv + sealed).decode("ascii")


def _record(problem: Problem) -> list[object]:
    return [problem.line, problem.field, problem.message, problem.severity.value]


def _problem(shown: str, record: list[object]) -> Problem:
    line, field, message, severity = record
    return Problem(shown, int(str(line)), str(field), str(message), Severity(severity))
