"""Settings files -> models: mkdocs.yml's plugin options and `extra`, the werkmap's instellingen.yml.

Every problem is reported at once, in Dutch, as `file:line: field: message`, through the same
translator as the group files (`messages.py`); the line comes from `yamlread.py`. No MkDocs here:
the MkDocs adapter turns a `SettingsError` into a `PluginError`, the command line into exit 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from resourceboek.groupfile.load import display_path
from resourceboek.groupfile.messages import translate
from resourceboek.groupfile.problems import Problem
from resourceboek.groupfile.yamlread import Document, read_yaml
from resourceboek.settings.model import OrganisationSettings, Settings, WerkmapSettings

PLUGIN_NAME = "resourceboek"
"""The plugin's name in mkdocs.yml (its entry point)."""
ORGANISATION_KEYS = ("organisatie", "crisislijn", "crisisdienst", "huisartsenpost")
"""The blocks of mkdocs.yml's `extra` that are ours; the other keys belong to the theme."""
M = TypeVar("M", bound=BaseModel)
Where = tuple[str | int, ...]


class SettingsError(Exception):
    """Settings that cannot be used; one Dutch line per problem, never a value from a group file."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SettingsSource:
    """A settings file as the user wrote it: its name for messages, its data and every key's line.

    `problems` are what kept it from being read (an unreadable file, broken YAML); `doc` is then
    empty, and messages about its values say line 1.
    """

    def __init__(self, path: Path) -> None:
        self.shown = display_path(path)
        self.doc, self.problems = _read(path, self.shown)

    def check(self, model: type[M], data: Any, where: Where, label: str) -> M:
        """`data` (the block at `where` in this file) as `model`; raises SettingsError."""
        try:
            return model.model_validate({} if data is None else data)
        except ValidationError as exc:
            block = Document(data, _lines_below(self.doc, where))
            problems = translate(exc, block, self.shown, root=model)
            raise SettingsError(_prefixed(problems, label)) from None


def _read(path: Path, shown: str) -> tuple[Document, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Document({}), [
            Problem(shown, 1, "", f"kan het bestand niet lezen ({exc.strerror}).")
        ]
    if all(_nothing_set(line) for line in raw.splitlines()):
        return Document({}), []
    doc, problems = read_yaml(raw, shown)
    return doc or Document({}), problems


def _nothing_set(line: bytes) -> bool:
    """A blank line or a comment: a settings file of only these sets nothing."""
    return not line.strip() or line.lstrip().startswith(b"#")


def _lines_below(doc: Document, where: Where) -> dict[Where, int]:
    """The lines of the block at `where`, keyed from that block."""
    return {
        path[len(where) :]: line for path, line in doc.lines.items() if path[: len(where)] == where
    }


def _prefixed(problems: list[Problem], label: str) -> list[Problem]:
    """Fields named from the file's top (`extra.organisatie.adres`), not from the block."""
    if not label:
        return problems
    return [replace(p, field=f"{label}.{p.field}" if p.field else label) for p in problems]


def plugin_options(raw: Mapping[str, Any]) -> tuple[Where, Any]:
    """Where the plugin's options are in mkdocs.yml (a list or a mapping of plugins), and them."""
    plugins = raw.get("plugins") or []
    if isinstance(plugins, Mapping):
        return ("plugins", PLUGIN_NAME), plugins.get(PLUGIN_NAME)
    for index, entry in enumerate(plugins if isinstance(plugins, list) else []):
        if isinstance(entry, Mapping) and PLUGIN_NAME in entry:
            return ("plugins", index, PLUGIN_NAME), entry[PLUGIN_NAME]
    return ("plugins",), None


def check_options(config_file: Path, options: Any) -> Settings:
    """The plugin's options in mkdocs.yml as `Settings`; raises SettingsError."""
    source = SettingsSource(config_file)
    where, _ = plugin_options(source.doc.data if isinstance(source.doc.data, Mapping) else {})
    return source.check(Settings, options, where, f"plugins.{PLUGIN_NAME}")


def check_extra(config_file: Path, extra: Any) -> OrganisationSettings:
    """The organisation's blocks of mkdocs.yml's `extra`; raises SettingsError."""
    blocks = organisation_blocks(extra)
    return SettingsSource(config_file).check(OrganisationSettings, blocks, ("extra",), "extra")


def organisation_blocks(extra: Any) -> dict[str, Any]:
    """The organisation's blocks of mkdocs.yml's `extra` (the theme reads the other keys)."""
    extra = extra if isinstance(extra, Mapping) else {}
    return {k: extra[k] for k in ORGANISATION_KEYS if k in extra}


def check_config(
    config_file: Path, raw: Mapping[str, Any]
) -> tuple[Settings, OrganisationSettings]:
    """Both of mkdocs.yml's settings at once, every problem of both reported together."""
    problems: list[Problem] = []
    settings, organisation = Settings(), OrganisationSettings()
    try:
        settings = check_options(config_file, plugin_options(raw)[1])
    except SettingsError as exc:
        problems += exc.problems
    try:
        organisation = check_extra(config_file, raw.get("extra"))
    except SettingsError as exc:
        problems += exc.problems
    if problems:
        raise SettingsError(problems)
    return settings, organisation


def read_werkmap_settings(path: Path) -> WerkmapSettings:
    """The werkmap's instellingen.yml as `WerkmapSettings` (empty: none set); raises SettingsError."""
    source = SettingsSource(path)
    if source.problems:
        raise SettingsError(source.problems)
    if not isinstance(source.doc.data, dict):
        problem = Problem(source.shown, 1, "", "verwacht regels 'sleutel: waarde'.")
        raise SettingsError([problem])
    return source.check(WerkmapSettings, source.doc.data, (), "")
