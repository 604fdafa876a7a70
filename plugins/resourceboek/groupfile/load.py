"""Group file -> model: read, validate against the format and the method, collect every problem."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from resourceboek.groupfile import checks, messages, partial
from resourceboek.groupfile.model import Groep, is_slug
from resourceboek.groupfile.problems import GroupFileError, Problem, Severity
from resourceboek.groupfile.yamlread import read_yaml

GROUP_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class LoadedGroup:
    """A valid group with its id, source file and the warnings it raised."""

    id: str
    path: Path
    groep: Groep
    warnings: tuple[Problem, ...]
    digest: str
    """SHA-256 of the file's bytes, so a build can tell it changed without reading it again."""
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict, repr=False)
    """The line of every key and value, for messages about a valid group (readiness)."""


def group_id(path: Path) -> str:
    """The group id is the file name without extension."""
    return path.stem


def display_path(path: Path) -> str:
    """A path as short as possible for messages (relative to the working directory if inside it)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find_group_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their group files (sorted); files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Hidden files (editor back-ups, the demo passwords) are not group files.
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in GROUP_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


def load_group(path: Path, *, guidelines: bool = True) -> LoadedGroup:
    """Read and validate one group file; raise GroupFileError listing every error found."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GroupFileError(
            [Problem(shown, 1, "", f"kan het bestand niet lezen ({exc.strerror}).")]
        ) from None
    return parse_group(raw, shown, group_id(path), path=path, guidelines=guidelines)


def parse_group(
    raw: bytes, shown: str, gid: str, *, path: Path | None = None, guidelines: bool = True
) -> LoadedGroup:
    """Validate the bytes of a group file named `shown`; the core of `load_group`."""
    problems: list[Problem] = []
    if not is_slug(gid):
        msg = (
            "de bestandsnaam is geen geldige groeps-id: gebruik kleine letters, cijfers en '-', "
            "bijvoorbeeld 'groep-t-2024'. Gebruik nooit de volledige naam van de cliënt."
        )
        problems.append(Problem(shown, 1, "", msg))
    doc, read_problems = read_yaml(raw, shown)
    problems += read_problems
    groep = checked = None
    if doc is not None and not read_problems:
        if not isinstance(doc.data, dict):
            problems.append(
                Problem(shown, 1, "", "het bestand moet beginnen met velden als `variant:`.")
            )
        else:
            try:
                groep = Groep.model_validate(doc.data)
            except ValidationError as exc:
                problems += messages.translate(exc, doc, shown)
                # References and guidelines in the same run, on the part that is valid.
                checked = partial.salvage(doc.data)
            else:
                checked = groep
            problems += checks.check_group(checked, doc, shown, guidelines=guidelines)
    lines = doc.lines if doc else {}
    errors = [p for p in problems if p.severity is Severity.error]
    if errors or groep is None:
        where = path or Path(shown)
        part = None if checked is None else LoadedGroup(gid, where, checked, (), "", lines)
        raise GroupFileError(problems, partial=part)
    digest = hashlib.sha256(raw).hexdigest()
    return LoadedGroup(gid, path or Path(shown), groep, tuple(problems), digest, lines)


@dataclass
class Loaded:
    """Every group file read: the valid groups, the problems of all files, and the valid part of
    each file with errors (for readiness, which is reported whatever else is wrong)."""

    groups: list[LoadedGroup] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    partial: list[LoadedGroup] = field(default_factory=list)


def load_all(paths: Iterable[Path], *, guidelines: bool = True) -> Loaded:
    """Load every group file on its own; one file's errors never stop another's."""
    found = Loaded()
    files = find_group_files(paths)
    found.problems = duplicate_ids(files)
    for path in files:
        try:
            found.groups.append(load_group(path, guidelines=guidelines))
        except GroupFileError as exc:
            found.problems += exc.problems
            if exc.partial is not None:
                found.partial.append(exc.partial)
    return found


def load_each(
    paths: Iterable[Path], *, guidelines: bool = True
) -> tuple[list[LoadedGroup], list[Problem]]:
    """Load every group file; return the valid groups and the problems of all the files."""
    found = load_all(paths, guidelines=guidelines)
    return found.groups, found.problems


def load_groups(paths: Iterable[Path], *, guidelines: bool = True) -> list[LoadedGroup]:
    """Load every group file; raise one GroupFileError with the problems of all files at once."""
    loaded, problems = load_each(paths, guidelines=guidelines)
    if problems:
        raise GroupFileError(problems + [w for group in loaded for w in group.warnings])
    return loaded


def duplicate_ids(files: Iterable[Path]) -> list[Problem]:
    """An error for every file whose group id another file has too (`x.yml` and `x.yaml`)."""
    first: dict[str, Path] = {}
    problems = []
    for path in files:
        gid = group_id(path)
        if gid in first and first[gid].resolve() != path.resolve():
            msg = (
                f"dezelfde groeps-id als {display_path(first[gid])}: elke groep heeft één "
                "bestand. Voeg ze samen of geef één van beide een andere naam."
            )
            problems.append(Problem(display_path(path), 1, "", msg))
        first.setdefault(gid, path)
    return problems
