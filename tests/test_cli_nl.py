"""Everything click prints is Dutch: help of every command, prompts and usage errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from resourceboek import model
from resourceboek.cli import main
from resourceboek.schema import group_schema

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "mkdocs.yml")
ENGLISH = re.compile(
    r"Usage|Options|Commands|Arguments|Show this|\[OPTIONS\]|default:|\bTEXT\b|INTEGER|RANGE|"
    r"\bPATH\b|\bFILE\b|DIRECTORY|BOOLEAN|FLOAT|Error|Invalid|Missing|No such|is not|Try |"
    r"Repeat|confirmation|do not match|Aborted|required|Choose|Did you mean|unexpected|"
    r"<=x|x<=|env var"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, prog_name="resourceboek")
    return result.exit_code, result.output


def english(text: str) -> list[str]:
    return ENGLISH.findall(text)


@pytest.mark.parametrize("command", [None, *sorted(main.commands)])
def test_help_of_every_command_is_dutch(command: str | None) -> None:
    code, output = run(*([command] if command else []), "--help")
    assert code == 0
    assert output.startswith("Gebruik: resourceboek")
    assert english(output) == []


def test_every_option_has_help() -> None:
    for name, command in main.commands.items():
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), f"{name} {param.name}"


@pytest.mark.parametrize(
    "args",
    [
        ["bestaat-niet"],
        ["check", "--bestaat-niet"],
        ["build", "--jobs", "nul"],
        ["build", "--jobs", "99"],
        ["build", "--only"],
        ["new"],
        ["new", "groep-x", "--variant", "kinderen"],
        ["new", "a", "b"],
        ["password", "teun", "--passwords", "/"],
    ],
)
def test_usage_errors_are_dutch(args: list[str]) -> None:
    code, output = run(*args)
    assert code == 2
    assert "Fout: " in output
    assert english(output) == []


def test_password_prompt_is_dutch(tmp_path: Path) -> None:
    args = ["password", "teun", "--zelf", "--passwords", str(tmp_path / "w.yml"), "-f", CONFIG]
    code, output = run(*args, stdin="een-lang-wachtwoord-1\niets-anders-dan-dat-2\n")
    assert "Wachtwoord: " in output
    assert "Herhaal ter bevestiging: " in output
    assert "Fout: de twee keer ingevoerde tekst is niet gelijk." in output
    assert english(output) == []
    assert code == 1  # no input left: aborted, in Dutch
    assert output.rstrip().endswith("Afgebroken.")


def test_range_and_types_are_described_in_dutch() -> None:
    _, output = run("build", "--help")
    assert "--jobs GETAL" in output
    assert "1 t/m 64" in output


def test_schema_hovers_are_dutch() -> None:
    schema = group_schema()
    blocks = {name: getattr(model, name) for name in schema["$defs"]}
    for name, definition in schema["$defs"].items():
        assert definition["description"] != (blocks[name].__doc__ or "").strip(), name
        if "enum" in definition:
            labels = definition["enumDescriptions"]
            assert len(labels) == len(definition["enum"])
            assert all(label.endswith(".") for label in labels)
    assert schema["description"] != model.Groep.__doc__
    assert english(" ".join(_texts(schema))) == []


def _texts(node: object) -> list[str]:
    """Every title and description in a schema (what an editor shows)."""
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    if not isinstance(node, dict):
        return []
    found = [str(v) for k, v in node.items() if k in ("title", "description")]
    found += [str(v) for v in node.get("enumDescriptions", [])]
    return found + [t for k, v in node.items() for t in _texts(v) if k != "enumDescriptions"]
