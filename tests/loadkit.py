"""Helpers for the load tests: the two examples as text, editing them, loading the result.

Files are written into the working directory (the tests use the `in_tmp` fixture of conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pathkit import EXAMPLES
from resourceboek.groupfile.load import LoadedGroup, load_group
from resourceboek.groupfile.problems import GroupFileError, Problem

# Teun without the deviation he chose (`afwijkingen`), so that the goal guideline is tested on him.
TEUN = (EXAMPLES / "teun.yml").read_text(encoding="utf-8").split("\nafwijkingen:", 1)[0] + "\n"
SAM = (EXAMPLES / "sam.yml").read_text(encoding="utf-8")
NAME = "groep-x.yml"
"""Files are written into the working directory (tmp_path), so messages show just this name."""


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first occurs in `text`."""
    assert needle in text, f"{needle!r} not in text"
    return text.count("\n", 0, text.index(needle)) + 1


def edit(text: str, old: str, new: str) -> str:
    """Replace the first `old` (which must be there) by `new`."""
    assert old in text, f"{old!r} not in text"
    return text.replace(old, new, 1)


def edit_line(text: str, pattern: str, new: str) -> str:
    """Replace the first whole line matching the regex `pattern` by `new`."""
    result, count = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"no line matches {pattern!r}"
    return result


def write(content: str | bytes, name: str = NAME) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load(content: str | bytes, name: str = NAME) -> LoadedGroup:
    return load_group(write(content, name))


def errors_of(content: str | bytes, name: str = NAME) -> list[str]:
    """The errors of a file that must fail to load, as the user sees them."""
    with pytest.raises(GroupFileError) as info:
        load(content, name)
    return [str(p) for p in info.value.errors]


def warnings_of(content: str, name: str = NAME) -> list[Problem]:
    """The warnings of a file that must load."""
    return list(load(content, name).warnings)


TEUN_LONG_TERM_WARNING = (
    "langetermijndoelen[3]: de methodiek adviseert maximaal twee langetermijndoelen; "
    "er staan er drie."
)


def teun_warning(path: str, text: str = TEUN) -> str:
    third = yaml.safe_load(text)["langetermijndoelen"][2]
    return f"{path}:{line_of(text, f'- {third}')}: {TEUN_LONG_TERM_WARNING}"
