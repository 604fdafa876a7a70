"""Key derivations started at the very beginning of a first build, before the groups are read.

Every new password costs one key derivation (PBKDF2, 600 000 rounds: about 0.06 s of CPU), the
one step of a booklet a build cannot skip. On a first build (or after new code) the worker
processes start on them as soon as the passwords file is read, so the derivations fill the time
in which this process reads and checks the group files; the booklets are then rendered one after
another, each with its key ready. A key is used only for the password it was derived from, and
is kept for the next build only when a booklet was built with it (`KeyStore`, in sitebuild.py):
the key of a group that turns out to be held back goes with the build's memory.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import dataclass, field

from resourceboek.groupfile.load import find_group_files, group_id
from resourceboek.groupfile.problems import GroupFileError
from resourceboek.project.project import Project
from resourceboek.protection.keystore import KeyStore
from resourceboek.protection.protect import BookletKey, derive_key
from resourceboek.protection.secrets_store import load_passwords

CHUNK = 4
"""Derivations per task: few enough to spread evenly over the processes."""


def derive_keys(passwords: list[str]) -> list[BookletKey]:
    """One task on a worker process: a fresh key (and salt) for each password."""
    return [derive_key(password) for password in passwords]


@dataclass
class KeysAhead:
    """The keys being derived, by group: each with the password it is for."""

    pending: dict[str, tuple[str, Future[list[BookletKey]], int]] = field(default_factory=dict)
    store: KeyStore | None = None
    """The keys of earlier builds as read at the start; the build goes on with this store."""

    @classmethod
    def start(cls, pool: Executor, project: Project, keys: KeyStore) -> KeysAhead:
        """Queue a derivation for every group with a file and a password but no key yet.

        A passwords file that cannot be read starts nothing here: the build reports it.
        """
        ahead = cls(store=keys)
        try:
            passwords = load_passwords(project.passwords_file)
        except (GroupFileError, OSError):
            return ahead
        folder = project.groups_dir
        files = (
            {group_id(path) for path in find_group_files([folder])} if folder.is_dir() else set()
        )
        new = [
            (gid, pw)
            for gid, pw in sorted(passwords.items())
            if gid in files and not keys.lookup(gid, pw)
        ]
        for start in range(0, len(new), CHUNK):
            chunk = new[start : start + CHUNK]
            future = pool.submit(derive_keys, [password for _, password in chunk])
            for index, (gid, password) in enumerate(chunk):
                ahead.pending[gid] = (password, future, index)
        return ahead

    def key(self, group_id: str, password: str) -> BookletKey | None:
        """The key derived ahead for this group and this very password (waits for it), or None
        (none was started, the password changed since, or its process failed: derive it then)."""
        entry = self.pending.get(group_id)
        if entry is None or entry[0] != password:
            return None
        future, index = entry[1], entry[2]
        if future.exception() is not None:
            return None
        return future.result()[index]
