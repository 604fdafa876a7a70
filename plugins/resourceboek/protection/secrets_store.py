"""Passwords (one per group, in a git-ignored YAML file) and booklet tokens (random folder names).

Neither ever goes into a group file or into `site/`.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import yaml

from resourceboek.files.private_io import private_dir, write_private
from resourceboek.groupfile.load import display_path
from resourceboek.groupfile.problems import GroupFileError, Problem
from resourceboek.groupfile.yamlread import read_yaml

MIN_PASSPHRASE_BITS = 64
TOKEN_BYTES = 16  # 128 bits
TOKENS_FILE = "tokens.yml"
"""Each booklet's token (its secret folder name), in the state folder (`bouwgegevens/`)."""
DEMO_DIR = "groups"
"""The repository's folder of fictional example groups (relative to the project)."""
DEMO_PASSWORDS = ".demo-wachtwoorden.yml"
"""The file naming the fictional examples and their password, in the repository's `groups/`."""
DEMO_PASSWORD = "demo-boekje-voorbeeld"
"""The public password of the fictional examples: refused for every other group, rated weak."""
DEMO_REFUSED = (
    "dit is het openbare demo-wachtwoord van de fictieve voorbeelden; het beschermt alleen die "
    "voorbeelden. Maak een eigen wachtwoord met `resourceboek password {id}`."
)


@cache
def word_list() -> tuple[str, ...]:
    """The curated list of common, neutral Dutch words for passphrases (see its header)."""
    text = resources.files("resourceboek").joinpath("woorden").joinpath("nl.txt").read_text("utf-8")
    return tuple(w for w in text.split("\n") if w and not w.startswith("#"))


def passphrase_words() -> int:
    """How many words a passphrase needs for at least MIN_PASSPHRASE_BITS bits."""
    return math.ceil(MIN_PASSPHRASE_BITS / math.log2(len(word_list())))


def generate_passphrase(words: int | None = None) -> str:
    """Random words joined by dashes, e.g. `appel-zomer-kompas-tulpen-radio-avond`."""
    choices = word_list()
    return "-".join(secrets.choice(choices) for _ in range(words or passphrase_words()))


def passphrase_for(client: str) -> str:
    """A generated passphrase the strength check accepts (e.g. no client's name inside a word)."""
    from resourceboek.protection.protect import password_problems

    while True:  # a refusal is rare (a name inside a word), so this ends after a try or two
        phrase = generate_passphrase()
        if not password_problems(phrase, client):
            return phrase


def passphrase_bits(words: int | None = None) -> float:
    """Entropy of a generated passphrase in bits (each word drawn uniformly at random)."""
    return (words or passphrase_words()) * math.log2(len(word_list()))


def read_mapping(path: Path, what: str) -> dict[str, str]:
    """A YAML mapping `<group id>: <text>`; problems reported like a group file's."""
    if not path.exists():
        return {}
    shown = display_path(path)
    raw = path.read_bytes()
    if not any(line.strip() and not line.lstrip().startswith(b"#") for line in raw.splitlines()):
        return {}  # a fresh file holding only its explanation
    doc, problems = read_yaml(raw, shown)
    if doc is None or problems:
        raise GroupFileError(problems)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict) or not all(isinstance(v, str) for v in doc.data.values()):
        msg = f"{what} moet een lijst zijn van regels `groeps-id: waarde`."
        raise GroupFileError([Problem(shown, 1, "", msg)])
    return dict(doc.data)


def write_mapping(path: Path, mapping: dict[str, str], header: str) -> None:
    """Write a mapping readable only by its owner (0600), atomically, via an exclusive temp file."""
    if not path.parent.is_dir():
        private_dir(path.parent)
    body = yaml.safe_dump(dict(sorted(mapping.items())), allow_unicode=True)
    write_private(path, (header + body).encode("utf-8"))


def load_passwords(path: Path) -> dict[str, str]:
    """The passwords file: `<group id>: <password>`."""
    return read_mapping(path, "Het wachtwoordenbestand")


def store_password(path: Path, group_id: str, password: str) -> None:
    """Add or replace the password of one group."""
    passwords = load_passwords(path)
    passwords[group_id] = password
    header = (
        "# Wachtwoorden van de boekjes: <groeps-id>: <wachtwoord>.\n"
        "# Bewaar dit bestand buiten de repository en deel het met niemand.\n"
    )
    write_mapping(path, passwords, header)


def tokens_for(path: Path, group_ids: list[str]) -> dict[str, str]:
    """The stable random token of each group; new groups get a fresh one, which is saved."""
    tokens = read_mapping(path, "Het tokenbestand")
    missing = [g for g in group_ids if g not in tokens]
    for gid in missing:
        tokens[gid] = secrets.token_hex(TOKEN_BYTES)
    if missing:
        header = (
            "# Map van elk boekje onder site/boekjes/ (willekeurig; zegt niets over de cliënt).\n"
        )
        write_mapping(path, tokens, header)
    return {g: tokens[g] for g in group_ids}


def demo_passwords(examples_dir: Path) -> dict[str, str]:
    """The public demo passwords of the repository's fictional examples (`groups/`)."""
    return load_passwords(examples_dir / DEMO_PASSWORDS)


def is_public_password(examples_dir: Path, password: str | None) -> bool:
    """Whether `password`, cleaned as the encryption cleans it, is a public demo password."""
    return password is not None and _cleaned(password) in _public_passwords(examples_dir)


def _public_passwords(examples_dir: Path) -> set[str]:
    return {DEMO_PASSWORD, *map(_cleaned, demo_passwords(examples_dir).values())}


def _cleaned(password: str) -> str:
    from resourceboek.protection.protect import clean_password

    return clean_password(password)


def is_demo_group(examples_dir: Path, group_id: str, path: Path) -> bool:
    """A shipped fictional example: named in the demo file and read from the examples folder."""
    folder = examples_dir.resolve()
    return path.resolve().parent == folder and group_id in demo_passwords(examples_dir)


class NamedGroup(Protocol):
    """A group by its id and file: a loaded group, or what a build knows of an unchanged file."""

    @property
    def id(self) -> str: ...

    @property
    def path(self) -> Path: ...


def is_shipped_demo(examples_dir: Path, group: NamedGroup, password: str | None) -> bool:
    """A shipped example with its public password: the one use of it the build allows."""
    return is_public_password(examples_dir, password) and is_demo_group(
        examples_dir, group.id, group.path
    )


def demo_password_problems(
    examples_dir: Path, groups: Sequence[NamedGroup], passwords: dict[str, str]
) -> list[Problem]:
    """The public demo password is refused for every group that is not a shipped example."""
    public = _public_passwords(examples_dir)  # the demo file read once, not once per group
    used = {g.id: passwords.get(g.id) for g in groups}
    return [
        Problem(str(g.path), 1, "wachtwoord", DEMO_REFUSED.format(id=g.id))
        for g in groups
        if (password := used[g.id]) is not None
        and _cleaned(password) in public
        and not is_demo_group(examples_dir, g.id, g.path)
    ]
