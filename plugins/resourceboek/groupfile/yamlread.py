"""Safe YAML reading that keeps a line number for every value and reports problems in Dutch.

Every scalar stays the text the user typed (phone numbers keep their leading zero, `nee` stays a word,
`9:30` is not turned into a number by YAML 1.1); the typed model parses dates and numbers afterwards.
Anchors and aliases are refused outright, which makes "billion laughs" files fail at once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from resourceboek.groupfile.problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 50
"""Nesting limit: a real group file needs 5 levels; deeper input would exhaust Python's stack."""
_TOO_DEEP = f"te veel niveaus in elkaar (hooguit {MAX_DEPTH}); controleer inspringen en haakjes."
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break, so every message uses the same line numbers."""
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
    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            raise _AliasError(event.start_mark.line + 1)
        if self.depth >= MAX_DEPTH:
            raise _DepthError(event.start_mark.line + 1)
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _DepthError(Exception):
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
        node = _compose_with_libyaml(text)
        if node is _CAREFUL:
            node = yaml.compose(text, Loader=_NoAliasLoader)
    except _DepthError as exc:
        return None, [Problem(path, exc.line, "", _TOO_DEEP)]
    except _AliasError as exc:
        msg = "ankers en verwijzingen (& en *) zijn niet toegestaan; schrijf de waarde voluit."
        return None, [Problem(path, exc.line, "", msg)]
    except yaml.reader.ReaderError as exc:
        line = len(LINE_BREAK.findall(text, 0, exc.position)) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        msg = f"onzichtbaar stuurteken (U+{char:04X}); verwijder het of typ de regel opnieuw."
        return None, [Problem(path, line, "", msg)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, path)]
    except yaml.YAMLError:  # pragma: no cover - PyYAML raises marked errors for text input
        return None, [Problem(path, 1, "", "geen geldige YAML.")]
    if node is None:
        return None, [Problem(path, 1, "", "het bestand is leeg; begin met `variant:`.")]
    doc = Document(None)
    try:
        doc.data = _to_data(node, (), doc, path, problems)
    except _DepthError as exc:  # from libyaml's nodes (`_compose_with_libyaml`)
        return None, [Problem(path, exc.line, "", _TOO_DEEP)]
    return doc, problems


_CAREFUL: Any = object()
_FAST_LOADER: Any = getattr(yaml, "CBaseLoader", None)
"""libyaml's parser and composer without YAML's implicit types (every scalar is text); None where
PyYAML was installed without libyaml."""


def _compose_with_libyaml(text: str) -> Any:
    """libyaml (C) for a file without anchors or aliases, several times faster; `_CAREFUL` sends
    anything else (a `&` or `*` anywhere, any error) to the pure-Python loader, which refuses
    anchors and words the problem. Nesting is checked while the nodes become data (`_to_data`);
    libyaml itself stops at 1000 levels."""
    if _FAST_LOADER is None or "&" in text or "*" in text:
        return _CAREFUL
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return _CAREFUL


def _check_bytes(raw: bytes, path: str) -> list[Problem]:
    if len(raw) > MAX_BYTES:
        size = f"{math.ceil(len(raw) / 100_000) / 10:.1f} MB".replace(".", ",")  # never "1,0 MB"
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
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            msg = "tab gebruikt om in te springen; gebruik spaties (twee per niveau)."
            problems.append(Problem(path, number, "", msg))
    return problems


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str) -> Problem:
    """PyYAML's syntax error as a Dutch problem at the line to fix (see `messages.yaml_hint`)."""
    from resourceboek.groupfile.messages import (  # messages reads this module's Document
        YAML_CONTEXTS,
        yaml_hint,
    )

    mark = exc.problem_mark or exc.context_mark
    if exc.context in YAML_CONTEXTS and exc.context_mark:
        mark = exc.context_mark
    line = mark.line + 1 if mark else 1
    return Problem(path, line, "", f"geen geldige YAML: {yaml_hint(exc.problem, exc.context)}.")


def _to_data(node: Node, where: Path, doc: Document, path: str, problems: list[Problem]) -> Any:
    if len(where) >= MAX_DEPTH:
        raise _DepthError(node.start_mark.line + 1)
    doc.lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        return _mapping(node, where, doc, path, problems)
    if isinstance(node, SequenceNode):
        return [
            _to_data(item, (*where, i), doc, path, problems) for i, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    return node.value  # also `~`, `null` and an empty value: text, as typed


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
            name = f"sleutel '{key}'" if is_identifier(key) else "deze sleutel"
            msg = f"{name} staat er twee keer (eerder op regel {first}); voeg ze samen."
            problems.append(Problem(path, line, dotted((*where, key)), msg))
            continue
        if len(where) + 1 >= MAX_DEPTH:  # a key is as deep as its value (as `_NoAliasLoader`)
            raise _DepthError(line)
        doc.lines[(*where, key)] = line
        result[key] = _to_data(value_node, (*where, key), doc, path, problems)
    return result


IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*")
MAX_IDENTIFIER = 40
HIDDEN_KEY = "…"
"""Stands in a field path for a key that may be data; the line number still points at it."""


def is_identifier(key: object) -> bool:
    """True for a key that names something rather than holds data.

    The rule for messages: a value from a group file is never repeated. Keys are shown only when
    they look like identifiers (field names, and the short keys a coordinator gives people, such as
    'mieke' or 'zus'): they are needed to find and fix a reference. Anything else typed as a key
    (spaces, capitals, punctuation, a leading digit as in a phone number or date, long) may be a
    value typed in the wrong place, so it is hidden.
    """
    text = str(key)
    return len(text) <= MAX_IDENTIFIER and IDENTIFIER.fullmatch(text) is not None


def dotted(where: Path) -> str:
    """`('kortetermijndoelen', 3, 'doel')` as `kortetermijndoelen[4].doel` (counting from 1)."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = str(part) if is_identifier(part) else HIDDEN_KEY
            out += f".{name}" if out else name
    return out
