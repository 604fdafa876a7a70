"""A first build derives the keys while it reads the groups, and uses each only for its password.

`build/keysahead.py` starts the key derivations on the worker processes as soon as the passwords
file is read. A key is handed out only for the very password it was derived from, a key the
store already holds is not derived again, and a key derived for a group that is then held back
is never kept.
"""

from __future__ import annotations

import base64
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from buildkit import (
    DEMO_PASSWORD,
    booklet_dir,
    build,
    decrypted_pages,
    make_project,
    payload_of,
)
from resourceboek.build import keysahead
from resourceboek.build.keysahead import KeysAhead
from resourceboek.protection import keystore, protect
from resourceboek.protection.keystore import KeyStore


def _store(tmp: Path) -> KeyStore:
    (tmp / "state").mkdir(exist_ok=True)
    return KeyStore(tmp / "state", os.urandom(32))


def test_a_key_is_derived_ahead_for_each_group_and_only_for_its_password(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with ThreadPoolExecutor(2) as pool:
        ahead = KeysAhead.start(pool, project, _store(tmp_path))
        assert sorted(ahead.pending) == ["sam", "teun"]
        key = ahead.key("teun", DEMO_PASSWORD)
        assert key is not None
        assert protect.derive_key(DEMO_PASSWORD, key.salt).key == key.key
        assert ahead.key("teun", DEMO_PASSWORD + "x") is None  # the password changed since
        assert ahead.key("niemand", DEMO_PASSWORD) is None
        other = ahead.key("sam", DEMO_PASSWORD)
        assert other is not None
        assert other.salt != key.salt  # a fresh salt per booklet


def test_a_key_the_store_holds_is_not_derived_again(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    store = _store(tmp_path)
    store.remember("sam", DEMO_PASSWORD, protect.derive_key(DEMO_PASSWORD, iterations=1000))
    with ThreadPoolExecutor(1) as pool:
        assert sorted(KeysAhead.start(pool, project, store).pending) == ["teun"]


def test_a_password_without_a_group_file_is_not_derived(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    lines = project.passwords_file.read_text(encoding="utf-8")
    project.passwords_file.write_text(lines + f"oud: {DEMO_PASSWORD}\n", encoding="utf-8")
    with ThreadPoolExecutor(1) as pool:
        assert sorted(KeysAhead.start(pool, project, _store(tmp_path)).pending) == ["sam", "teun"]


def test_an_unreadable_passwords_file_starts_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.passwords_file.write_text("sam: [\n", encoding="utf-8")
    with ThreadPoolExecutor(1) as pool:
        assert KeysAhead.start(pool, project, _store(tmp_path)).pending == {}


def test_a_failed_derivation_leaves_it_to_the_booklet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(password: str) -> protect.BookletKey:
        raise MemoryError("stuk")

    monkeypatch.setattr(keysahead, "derive_key", broken)
    project = make_project(tmp_path)
    with ThreadPoolExecutor(1) as pool:
        assert KeysAhead.start(pool, project, _store(tmp_path)).key("sam", DEMO_PASSWORD) is None


def test_a_first_build_keeps_only_the_keys_of_the_booklets_it_built(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    lines = project.passwords_file.read_text(encoding="utf-8")
    project.passwords_file.write_text(
        lines.replace(f"teun: {DEMO_PASSWORD}", "teun: kort"), "utf-8"
    )
    report = build(project)  # two worker processes: the keys are derived ahead
    assert sorted(report.built) == ["handboek", "sam"]
    assert [h.id for h in report.held_back] == ["teun"]
    records = json.loads((project.state_dir / keystore.FILE_NAME).read_text(encoding="utf-8"))
    assert sorted(records) == ["sam"]
    secret = keystore.local_secret(project.state_dir)
    kept = KeyStore(project.state_dir, secret).lookup("sam", DEMO_PASSWORD)
    assert kept is not None
    folder = booklet_dir(project, report, "sam")
    assert "Als het niet goed gaat" in decrypted_pages(folder)["index.html"]
    salt = payload_of((folder / "index.html").read_text(encoding="utf-8"))["salt"]
    assert salt == base64.b64encode(kept.salt).decode()  # the booklet was built with that key
