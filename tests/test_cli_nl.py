"""Everything click prints is Dutch: help of every command, prompts and usage errors.

click's texts come from our gettext catalogue (locale/nl/LC_MESSAGES/click.po), whatever the
user's locale; click itself is not changed."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from click.testing import CliRunner

from pathkit import CONFIG
from resourceboek.cli import nl as cli_nl
from resourceboek.cli.main import main
from resourceboek.groupfile import cycle, model, people
from resourceboek.groupfile.schema import group_schema

CATALOGUE = cli_nl.LOCALE_DIR / "nl" / "LC_MESSAGES" / cli_nl.DOMAIN
ENGLISH = re.compile(
    r"Usage|Options|Commands|Arguments|Show this|\[OPTIONS\]|default:|\bTEXT\b|INTEGER|RANGE|"
    r"\bPATH\b|\bFILE\b|DIRECTORY|BOOLEAN|FLOAT|Error|Invalid|Missing|No such|is not|Try |"
    r"Repeat|confirmation|do not match|Aborted|required|Choose|Did you mean|unexpected|"
    r"<=x|x<=|env var|\bFile\b|Directory|\bOption\b|\bvalue|does not|requires"
)
ENGLISH_LOCALES = [
    {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None},
    {"LANGUAGE": None, "LC_ALL": "C", "LANG": "C"},
    {"LANGUAGE": "en_GB:en", "LANG": "en_US.UTF-8"},
]


def run(
    *args: str, stdin: str | None = None, env: dict[str, str | None] | None = None
) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, prog_name="resourceboek", env=env)
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
        ["new", "groep-x", "--groups", __file__],
        ["build", "--grops", "x"],
        ["check", "--strict=ja"],
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
    # The format's types live in model.py and the modules beside it (people, cycle).
    modules = (model, people, cycle)
    blocks = {
        name: next(getattr(m, name) for m in modules if hasattr(m, name))
        for name in schema["$defs"]
    }
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


@pytest.mark.parametrize("env", ENGLISH_LOCALES)
def test_dutch_whatever_the_locale(env: dict[str, str | None]) -> None:
    code, output = run("new", env=env)
    assert code == 2
    assert "Fout: Ontbrekend argument 'ID'." in output
    assert english(output) == []


def test_the_installed_command_is_dutch_in_an_english_locale() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANGUAGE", "LC_"))}
    script = Path(sys.executable).with_name("resourceboek")
    result = subprocess.run(
        [str(script), "build", "--jobs", "0"],
        env={**env, "LANG": "en_US.UTF-8"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Fout: Ongeldige waarde voor '--jobs': 0 kan niet; kies 1 t/m 64." in result.stderr
    assert english(result.stderr) == []


def test_the_locale_is_put_back_after_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "fy")
    domain = gettext.textdomain()
    run("--help")
    assert gettext.textdomain() == domain
    assert os.environ["LANGUAGE"] == "fy"
    assert gettext.gettext("Usage:") == "Usage:"


def test_click_itself_is_left_as_it_is() -> None:
    run("build", "--help")
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
        module = getattr(click, name)
        assert module._ is gettext.gettext, name
    assert click.types.IntParamType.name == "integer"
    assert click.IntRange(1, 3)._describe_range() == "1<=x<=3"


def _click_messages() -> set[str]:
    """Every text click marks for translation (the singular of a plural pair)."""
    keywords = {"_": None, "ngettext": (1, 2)}
    found = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for _, message, _, _ in extract_from_file("python", str(source), keywords=keywords):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each message of click.po: its msgid (and plural), its translation (and plural)."""
    with CATALOGUE.with_suffix(".po").open(encoding="utf-8") as po:
        return [(_forms(m.id), _forms(m.string)) for m in read_po(po) if m.id]


def _forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def test_catalogue_translates_every_click_message() -> None:
    translated = {ids[0]: strings for ids, strings in _catalogue()}
    missing = sorted(_click_messages() - translated.keys())
    assert missing == [], "new in click: translate in click.po, then `make catalogue`"
    assert all(strings and all(strings) for strings in translated.values())


def test_compiled_catalogue_matches_its_source() -> None:
    with CATALOGUE.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for ids, strings in _catalogue():
        if len(ids) == 1:
            found: tuple[str, ...] = (compiled.gettext(ids[0]),)
        else:
            found = (compiled.ngettext(ids[0], ids[1], 1), compiled.ngettext(ids[0], ids[1], 2))
        assert found == strings, "click.mo is not click.po compiled: run `make catalogue`"
