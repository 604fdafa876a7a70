"""Random input (hypothesis): any file gives a LoadedGroup or a GroupFileError, never a traceback."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loadkit import (
    SAM,
    TEUN,
)
from resourceboek.groupfile.load import LoadedGroup, parse_group
from resourceboek.groupfile.model import Bijeenkomst, Groep, Kortetermijndoel, Persoon, Rollen
from resourceboek.groupfile.problems import GroupFileError, Severity

pytestmark = pytest.mark.usefixtures("in_tmp")

# --- property: any input gives a LoadedGroup or a GroupFileError, never a traceback --------------

YAML_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def assert_loads_or_reports(raw: bytes) -> None:
    """The property: a LoadedGroup (only warnings) or a GroupFileError (at least one error)."""
    try:
        result: LoadedGroup | None = parse_group(raw, "groups/x.yml", "x")
    except GroupFileError as exc:
        result, problems = None, exc.problems
    if result is None:
        assert any(p.severity is Severity.error for p in problems)
    else:
        assert isinstance(result, LoadedGroup)
        problems = list(result.warnings)
        assert all(p.severity is Severity.warning for p in problems)
    last_line = len(YAML_LINE_BREAK.split(raw.decode("utf-8", "replace")))
    for problem in problems:
        assert 1 <= problem.line <= last_line, str(problem)
        assert str(problem).startswith(f"groups/x.yml:{problem.line}: ")
        assert "ongeldige waarde (" not in problem.message, f"untranslated: {problem}"


KEYS = sorted(
    {*Groep.model_fields, *Persoon.model_fields, *Rollen.model_fields}
    | {*Kortetermijndoel.model_fields, *Bijeenkomst.model_fields, "mieke"}
)
scalars = (
    st.none()
    | st.integers()
    | st.text(max_size=20)
    | st.sampled_from(["volwassenen", "jongeren", "2024-06-18", "09:30", "client"])
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=25,
)


@PROPERTY
@given(documents, st.booleans(), st.sampled_from([False, True, None]))
def test_property_random_yaml_documents(doc: object, unicode: bool, flow: bool | None) -> None:
    text = yaml.safe_dump(doc, allow_unicode=unicode, default_flow_style=flow)
    assert_loads_or_reports(text.encode("utf-8"))


YAMLISH = st.text(st.sampled_from(list(" \t\n\r:-[]{}'\"#&*!|>%@`,?aé0\x07\x0c\x85\u2028\ufeff")))


@PROPERTY
@given(st.text(max_size=200) | YAMLISH | st.binary(max_size=200))
def test_property_random_text(content: str | bytes) -> None:
    assert_loads_or_reports(content.encode("utf-8") if isinstance(content, str) else content)


@st.composite
def mutated_examples(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from([TEUN, SAM])).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent"]))
        if operation == "delete" and len(lines) > 1:
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        elif operation == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "insert":
            column = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:column] + draw(st.text(min_size=1, max_size=5)) + lines[i][column:]
        elif operation == "indent":
            delta = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            stripped = lines[i].lstrip(" ")
            indent = max(0, len(lines[i]) - len(stripped) + delta)
            lines[i] = " " * indent + stripped
    return "\n".join(lines).encode("utf-8")


@PROPERTY
@given(mutated_examples())
def test_property_mutated_examples(raw: bytes) -> None:
    assert_loads_or_reports(raw)
