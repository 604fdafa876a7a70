"""Safe YAML reading that keeps a line number for every value and reports problems in Dutch.

Every scalar stays the text the user typed (phone numbers keep their leading zero, `nee` stays a word,
`9:30` is not turned into a number by YAML 1.1); the typed model parses dates and numbers afterwards.
Anchors and aliases are refused outright, which makes "billion laughs" files fail at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_BYTES = 1_000_000
Path = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data read from a YAML file, with the line of every key and value."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            raise _AliasError(event.start_mark.line + 1)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def read_yaml(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse `raw`; return the document (None if unreadable) and the problems found."""
    problems = _check_bytes(raw, path)
    if problems:
        return None, problems
    text = raw.decode("utf-8")
    problems = _check_text(text, path)
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except _AliasError as exc:
        msg = "ankers en verwijzingen (& en *) zijn niet toegestaan; schrijf de waarde voluit."
        return None, [Problem(path, exc.line, "", msg)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, path)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Problem(path, 1, "", f"geen geldige YAML ({exc}).")]
    if node is None:
        return None, [Problem(path, 1, "", "het bestand is leeg; begin met `variant:`.")]
    doc = Document(None)
    doc.data = _to_data(node, (), doc, path, problems)
    return doc, problems


def _check_bytes(raw: bytes, path: str) -> list[Problem]:
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        return [Problem(path, 1, "", f"het bestand is te groot ({size}; hooguit 1 MB).")]
    if not raw.strip():
        return [Problem(path, 1, "", "het bestand is leeg; begin met `variant:`.")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = "het bestand is niet opgeslagen als UTF-8; sla het op als UTF-8 en probeer opnieuw."
        return [Problem(path, line, "", msg)]
    return []


def _check_text(text: str, path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            msg = "tab gebruikt om in te springen; gebruik spaties (twee per niveau)."
            problems.append(Problem(path, number, "", msg))
    return problems


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = (exc.problem or "").strip()
    hints = {
        "mapping values are not allowed here": "onverwachte ':'; zet tekst met een dubbele punt "
        "tussen aanhalingstekens of controleer het inspringen",
        "could not find expected ':'": "verwachtte een ':' na de sleutel; controleer het inspringen",
        "found character '\\t' that cannot start any token": "tab gevonden; gebruik spaties",
    }
    hint = hints.get(what, "controleer het inspringen en de aanhalingstekens")
    return Problem(path, line, "", f"geen geldige YAML: {hint} (YAML zegt: {what or exc}).")


def _to_data(node: Node, where: Path, doc: Document, path: str, problems: list[Problem]) -> Any:
    doc.lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        return _mapping(node, where, doc, path, problems)
    if isinstance(node, SequenceNode):
        return [_to_data(item, (*where, i), doc, path, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag == "tag:yaml.org,2002:null" and node.style is None:
        return None
    return node.value


def _mapping(
    node: MappingNode, where: Path, doc: Document, path: str, problems: list[Problem]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(path, line, dotted(where), "een sleutel moet een woord zijn."))
            continue
        key = key_node.value
        if key in result:
            first = doc.lines[(*where, key)]
            msg = f"sleutel '{key}' staat er twee keer (eerder op regel {first}); voeg ze samen."
            problems.append(Problem(path, line, dotted((*where, key)), msg))
            continue
        doc.lines[(*where, key)] = line
        result[key] = _to_data(value_node, (*where, key), doc, path, problems)
    return result


def dotted(where: Path) -> str:
    """`('kortetermijndoelen', 3, 'doel')` as `kortetermijndoelen[4].doel` (counting from 1)."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
