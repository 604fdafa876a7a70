"""The public demo password: one constant, compared as the encryption uses it, rated weak."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from buildkit import TODAY, make_project
from pathkit import CONFIG, ROOT
from resourceboek.build.inputs import prepare_groups
from resourceboek.cli.main import main
from resourceboek.protection import secrets_store
from resourceboek.protection.protect import password_problems
from resourceboek.protection.secrets_store import DEMO_PASSWORD

DEMO_FILE = ROOT / "groups" / ".demo-wachtwoorden.yml"
# The demo password as it may be typed: the encryption opens each of them with the demo password.
AROUND_THE_RULE = [
    f" {DEMO_PASSWORD}",
    f"{DEMO_PASSWORD}  ",
    f"\t{DEMO_PASSWORD}\n",
    f"{DEMO_PASSWORD}\u00a0",
]


def test_the_shipped_demo_file_holds_the_package_constant() -> None:
    data = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    assert set(data.values()) == {DEMO_PASSWORD}


@pytest.mark.parametrize("typed", [DEMO_PASSWORD, *AROUND_THE_RULE])
def test_password_zelf_refuses_the_demo_password_however_typed(tmp_path: Path, typed: str) -> None:
    passwords = tmp_path / "w.yml"
    result = CliRunner().invoke(
        main,
        ["password", "teun", "--zelf", "--passwords", str(passwords), "-f", CONFIG],
        input=f"{typed}\n{typed}\n",
    )
    assert result.exit_code == 1, result.output
    assert "openbare demo-wachtwoord" in result.output
    assert not passwords.exists()


@pytest.mark.parametrize("typed", AROUND_THE_RULE)
def test_build_refuses_the_demo_password_with_spaces_around_it(tmp_path: Path, typed: str) -> None:
    project = make_project(tmp_path)
    project.passwords_file.write_text(
        yaml.safe_dump({"sam": typed, "teun": typed}), encoding="utf-8"
    )
    found = prepare_groups(project, only=None, strict=False, today=TODAY)
    assert found.groups == []
    assert set(found.held) == {"sam", "teun"}
    assert any("openbare demo-wachtwoord" in p.message for p in found.problems)


def test_without_the_demo_file_the_demo_password_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A checkout without groups/.demo-wachtwoorden.yml (or a project of one's own).
    monkeypatch.setattr(secrets_store, "DEMO_PASSWORDS", "bestaat-niet.yml")
    project = make_project(tmp_path)
    project.passwords_file.write_text(f"teun: {DEMO_PASSWORD}\n", encoding="utf-8")
    found = prepare_groups(project, only=None, strict=False, today=TODAY)
    assert "teun" in found.held
    assert any("openbare demo-wachtwoord" in p.message for p in found.problems)


def test_the_strength_check_knows_the_demo_password() -> None:
    assert password_problems(DEMO_PASSWORD, "Iemand Anders")
    assert password_problems(f" {DEMO_PASSWORD} ", "Iemand Anders")
