"""The command line: exit codes, Dutch messages, the `new` template, passwords and the schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from loadkit import TEUN
from resourceboek.cli.main import main, new_group_text
from resourceboek.groupfile.load import load_group, parse_group
from resourceboek.groupfile.model import Groep, Signaleringsplan
from resourceboek.groupfile.schema import group_schema
from resourceboek.protection.secrets_store import (
    generate_passphrase,
    passphrase_bits,
    passphrase_words,
)

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "mkdocs.yml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args], prog_name="resourceboek")
    return result.exit_code, result.output


def test_check_passes_on_the_examples() -> None:
    code, output = run("check", str(ROOT / "groups"), "-f", CONFIG)
    assert code == 0
    last = output.strip().splitlines()[-1]
    assert (
        last
        == "2 groepsbestanden: 0 fouten, 0 waarschuwingen; alle 2 boekjes zijn klaar om uit te reiken."
    )


def _teun_without_his_deviation(folder: Path) -> Path:
    """Teun's file without `afwijkingen`: his three long-term goals then draw the guideline."""
    path = folder / "teun.yml"
    path.write_text(TEUN, encoding="utf-8")
    return path


def test_check_strict_fails_on_a_warning(tmp_path: Path) -> None:
    code, output = run(
        "check", "--strict", str(_teun_without_his_deviation(tmp_path)), "-f", CONFIG
    )
    assert code == 1
    assert "maximaal twee langetermijndoelen" in output


def test_a_deviation_written_down_with_its_reason_is_no_warning() -> None:
    code, output = run("check", "--strict", str(ROOT / "groups" / "teun.yml"), "-f", CONFIG)
    assert code == 0, output
    assert "langetermijndoelen" not in output


def test_check_reports_bad_file_with_exit_code_1(tmp_path: Path) -> None:
    bad = tmp_path / "groep-x.yml"
    bad.write_text("variant: volwassenen\nclient: [\n", encoding="utf-8")
    code, output = run("check", str(bad), "-f", CONFIG)
    assert code == 1
    assert f"{bad}:" in output
    assert "geen geldige YAML" in output
    assert "Traceback" not in output


def test_check_reports_every_kind_of_problem_of_every_file_in_one_run(tmp_path: Path) -> None:
    teun = (ROOT / "groups" / "teun.yml").read_text(encoding="utf-8")
    bad = teun.replace("startdatum: 2026-06-01", "startdatum: 1 juni")  # format
    bad = bad.replace("  notulist: mieke", "  notulist: miek")  # reference
    bad = bad.replace('eindtijd: "20:00"', 'eindtijd: "21:30"', 1)  # guideline
    (tmp_path / "groep-a.yml").write_text(bad, encoding="utf-8")
    (tmp_path / "groep-b.yml").write_text(new_group_text("groep-b", "jongeren"), encoding="utf-8")
    code, output = run("check", str(tmp_path), "-f", CONFIG)
    assert code == 1
    assert "groep-a.yml:11: startdatum: geen geldige datum" in output
    assert "rollen.notulist: deze sleutel staat niet bij `personen`" in output
    assert "bijeenkomsten[1].eindtijd: deze bijeenkomst duurt 150 minuten" in output
    assert "groep-b.yml:9: client: staat nog op het invulvoorbeeld" in output  # readiness
    last = output.strip().splitlines()[-1]
    assert last.startswith("2 groepsbestanden, waarvan 1 met fouten: 2 fouten, ")
    assert last.endswith(" waarschuwingen; nog geen van de 2 boekjes is klaar om uit te reiken.")


def test_usage_error_has_exit_code_2() -> None:
    code, _ = run("build", "--jobs", "nul")
    assert code == 2


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_new_template_is_valid_and_covers_every_field(variant: str) -> None:
    text = new_group_text("groep-a", variant)
    group = parse_group(text.encode("utf-8"), "groups/groep-a.yml", "groep-a")
    assert group.groep.variant.value == variant
    data = yaml.safe_load(text)
    assert set(data) == set(Groep.model_fields)
    assert set(data["signaleringsplan"]) == set(Signaleringsplan.model_fields)


def test_new_writes_a_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    code, output = run(
        "new", "groep-b", "--variant", "jongeren", "--groups", str(tmp_path), "-f", CONFIG
    )
    assert code == 0, output
    assert load_group(tmp_path / "groep-b.yml").groep.variant.value == "jongeren"
    code, output = run("new", "groep-b", "--groups", str(tmp_path), "-f", CONFIG)
    assert code == 1
    assert "bestaat al" in output
    code, _ = run("new", "Groep B", "--groups", str(tmp_path), "-f", CONFIG)
    assert code == 2


def test_password_command_stores_a_strong_passphrase(tmp_path: Path) -> None:
    passwords = tmp_path / "wachtwoorden.yml"
    code, output = run("password", "teun", "--passwords", str(passwords), "-f", CONFIG)
    assert code == 0, output
    stored = yaml.safe_load(passwords.read_text(encoding="utf-8"))["teun"]
    assert stored in output
    assert len(stored.split("-")) == passphrase_words()
    assert passwords.stat().st_mode & 0o077 == 0
    assert passphrase_bits() >= 64
    assert generate_passphrase() != generate_passphrase()


def test_password_refuses_the_clients_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["password", "teun", "--zelf", "--passwords", str(tmp_path / "w.yml"), "-f", CONFIG],
        input="teun-is-geweldig-2024\nteun-is-geweldig-2024\n",
    )
    assert result.exit_code == 1
    assert "naam van de cliënt" in result.output


def test_shipped_schema_matches_the_model() -> None:
    shipped = json.loads(
        (ROOT / "plugins/resourceboek/schema/groep.schema.json").read_text("utf-8")
    )
    assert shipped == group_schema(), (
        "run: resourceboek schema > plugins/resourceboek/schema/groep.schema.json"
    )


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["new"], ["password"], ["serve"]])
def test_help_is_dutch(command: list[str]) -> None:
    code, output = run(*command, "--help")
    assert code == 0
    assert output.startswith("Gebruik: resourceboek")
    for english in ("Usage", "Options", "Show this message", "[OPTIONS]", "default:"):
        assert english not in output


def test_check_strict_counts_warnings_as_errors(tmp_path: Path) -> None:
    code, output = run(
        "check", "--strict", str(_teun_without_his_deviation(tmp_path)), "-f", CONFIG
    )
    assert code == 1
    assert output.startswith("1 fout:\n")
    assert output.strip().splitlines()[-1] == (
        "1 groepsbestand met fouten: 1 fout, 0 waarschuwingen; "
        "het boekje is nog niet klaar om uit te reiken."
    )


def test_check_of_untouched_new_files_says_the_booklets_are_not_ready(tmp_path: Path) -> None:
    for gid in ("groep-a", "groep-b", "groep-c"):
        code, output = run("new", gid, "--groups", str(tmp_path), "-f", CONFIG)
        assert code == 0, output
    code, output = run("check", str(tmp_path), "-f", CONFIG)
    assert code == 0
    warnings = int(output.split(" waarschuwingen:", 1)[0])
    assert warnings > 3 * 10
    assert output.strip().splitlines()[-1] == (
        f"3 groepsbestanden: 0 fouten, {warnings} waarschuwingen; "
        "nog geen van de 3 boekjes is klaar om uit te reiken."
    )


def test_readiness_is_reported_while_the_file_has_errors_elsewhere(tmp_path: Path) -> None:
    text = new_group_text("groep-a", "volwassenen", today=dt.date(2020, 1, 6))
    assert "fase: 1 " in text
    (tmp_path / "groep-a.yml").write_text(text.replace("fase: 1 ", "fase: 9 "), encoding="utf-8")
    code, output = run("check", str(tmp_path), "-f", CONFIG)
    assert code == 1
    assert "fase: moet tussen 1 en 6 liggen." in output
    # The only meeting (91 days after 2020-01-06) is long past: readiness says so all the same.
    assert "de laatste bijeenkomst is al geweest" in output
    assert "staat nog op het invulvoorbeeld" in output


def test_check_finds_a_bare_file_name_in_the_werkmap_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    werkmap = tmp_path / "werkmap"
    assert run("init", str(werkmap), "-f", CONFIG)[0] == 0
    code, output = run("new", "anouk", "-w", str(werkmap), "-f", CONFIG)
    assert code == 0, output
    assert "resourceboek check anouk.yml" in (werkmap / "groepen" / "anouk.yml").read_text("utf-8")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("RESOURCEBOEK_WORKSPACE", str(werkmap))
    code, output = run("check", "anouk.yml")  # exactly as the file says, no -f: found all the same
    assert code == 0, output
    assert output.strip().endswith("het boekje is nog niet klaar om uit te reiken.")
    code, output = run("check", "bestaat-niet.yml")
    assert code == 1
    assert "bestaat-niet.yml: bestand of map niet gevonden." in output
