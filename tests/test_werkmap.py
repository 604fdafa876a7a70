"""The werkmap, the demo password rule, refused paths, exclusive secret files and `status`."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from buildkit import TODAY, make_project
from resourceboek.build.inputs import prepare_groups
from resourceboek.cli.main import main
from resourceboek.groupfile.load import load_group
from resourceboek.project import overview
from resourceboek.project.project import load_project
from resourceboek.project.workspace import (
    WORKSPACE_ENV,
    WorkspaceError,
    find_workspace,
    init_workspace,
)
from resourceboek.protection.secrets_store import store_password, tokens_for

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "mkdocs.yml")
DEMO_FILE = ROOT / "groups" / ".demo-wachtwoorden.yml"
PUBLIC_DEMO = "demo-boekje-voorbeeld"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args], prog_name="resourceboek", input=stdin)
    return result.exit_code, result.output


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- the werkmap


def test_init_makes_a_private_werkmap(tmp_path: Path) -> None:
    folder = tmp_path / "werkmap"
    code, output = run("init", str(folder), "-f", CONFIG)
    assert code == 0, output
    assert mode(folder) == 0o700
    for sub in ("groepen", "bouwgegevens", "afdruk"):
        assert mode(folder / sub) == 0o700
    for name in ("wachtwoorden.yml", "instellingen.yml", "LEESMIJ.txt"):
        assert mode(folder / name) == 0o600
    readme = (folder / "LEESMIJ.txt").read_text(encoding="utf-8").lower()
    assert "back-up" in readme
    assert "nieuwe link" in readme
    assert (folder / "groep.schema.json").is_file()
    code, output = run("init", str(folder), "-f", CONFIG)
    assert code == 1
    assert "niet leeg" in output


def test_the_werkmap_is_found_in_order_flag_environment_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (init_workspace(tmp_path / n).root for n in ("een", "twee", "drie"))
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: x\nplugins:\n  - resourceboek:\n      werkmap: {third}\n", encoding="utf-8"
    )
    project = load_project(config)
    monkeypatch.setenv(WORKSPACE_ENV, str(second))
    assert find_workspace(first, project).root == first  # type: ignore[union-attr]
    assert find_workspace(None, project).root == second  # type: ignore[union-attr]
    monkeypatch.delenv(WORKSPACE_ENV)
    assert find_workspace(None, project).root == third  # type: ignore[union-attr]
    with pytest.raises(WorkspaceError, match="geen werkmap"):
        find_workspace(tmp_path / "leeg", project)


def test_new_in_the_werkmap_is_private_and_points_at_its_schema(tmp_path: Path) -> None:
    werkmap = init_workspace(tmp_path / "w")
    code, output = run("new", "groep-a", "-w", str(werkmap.root), "-f", CONFIG)
    assert code == 0, output
    made = werkmap.groups_dir / "groep-a.yml"
    assert mode(made) == 0o600
    assert made.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../groep.schema.json"
    )
    assert (made.parent / "../groep.schema.json").resolve().is_file()
    assert load_group(made).id == "groep-a"


@pytest.mark.parametrize("secret", ["token", "password"])
def test_new_refuses_an_id_that_has_a_token_or_password(tmp_path: Path, secret: str) -> None:
    werkmap = init_workspace(tmp_path / "w")
    if secret == "token":
        tokens_for(werkmap.state_dir / "tokens.yml", ["oud"])
    else:
        store_password(werkmap.passwords_file, "oud", "een-lang-oud-wachtwoord")
    code, output = run("new", "oud", "-w", str(werkmap.root), "-f", CONFIG)
    assert code == 1
    assert "al een token of wachtwoord" in output
    assert not (werkmap.groups_dir / "oud.yml").exists()


# --------------------------------------------------------------------------- demo password


def test_password_without_werkmap_never_writes_the_demo_file() -> None:
    before = DEMO_FILE.read_bytes()
    code, output = run("password", "teun", "-f", CONFIG)
    assert code == 1
    assert "demobestand" in output
    assert "resourceboek init" in output
    assert DEMO_FILE.read_bytes() == before


def test_new_without_werkmap_does_not_write_into_the_checkout() -> None:
    code, output = run("new", "groep-x", "-f", CONFIG)
    assert code == 1
    assert "git-map" in output
    assert not (ROOT / "groups" / "groep-x.yml").exists()


def test_password_is_never_written_into_the_checkout() -> None:
    target = ROOT / "groups" / "wachtwoorden.yml"
    code, output = run("password", "teun", "--passwords", str(target), "-f", CONFIG)
    assert code == 1
    assert "git-map" in output
    assert not target.exists()


def test_the_demo_password_is_refused_for_a_real_group(tmp_path: Path) -> None:
    passwords = tmp_path / "w.yml"
    code, output = run(
        "password", "teun", "--zelf", "--passwords", str(passwords), "-f", CONFIG,
        stdin=f"{PUBLIC_DEMO}\n{PUBLIC_DEMO}\n",
    )  # fmt: skip
    assert code == 1
    assert "demo-wachtwoord" in output
    assert not passwords.exists()


def test_build_refuses_the_demo_password_outside_the_examples(tmp_path: Path) -> None:
    # The examples copied elsewhere, still with the public demo password: the reported bug.
    project = make_project(tmp_path, None).with_overrides(passwords_file=DEMO_FILE)
    found = prepare_groups(project, only=None, strict=False, today=TODAY)
    assert found.groups == []
    assert set(found.held) == {"sam", "teun"}
    messages = [p.message for p in found.problems]
    assert len(messages) == 2
    assert all("openbare demo-wachtwoord" in m for m in messages)
    assert all(PUBLIC_DEMO not in m for m in messages)


def test_the_demo_password_still_opens_the_shipped_examples(tmp_path: Path) -> None:
    project = make_project(tmp_path, {}).with_overrides(
        groups_dir=ROOT / "groups", passwords_file=DEMO_FILE
    )
    found = prepare_groups(project, only=None, strict=False, today=TODAY)
    assert {g.id for g in found.groups} == {"sam", "teun"}
    assert found.held == {}
    assert set(found.passwords.values()) == {PUBLIC_DEMO}
    assert not [p for p in found.problems if p.field == "wachtwoord"]


# --------------------------------------------------------------------------- refused paths


@pytest.mark.parametrize(
    ("option", "where"),
    [
        ("--groups", "content/groepen"),
        ("--passwords", "content/wachtwoorden.yml"),
        ("--print-dir", "content/afdruk"),
        ("--print-dir", "themes/boekje/afdruk"),
        ("--groups", "site/groepen"),
    ],
)
def test_build_refuses_private_paths_that_can_be_published(option: str, where: str) -> None:
    code, output = run("build", "--no-pdf", option, str(ROOT / where), "-f", CONFIG)
    assert code in (1, 2)
    assert "openbaar" in output
    assert not (ROOT / where).exists()


def test_a_print_dir_in_the_werkmap_is_private(tmp_path: Path) -> None:
    from resourceboek.files.private_io import private_dir, write_private

    folder = private_dir(tmp_path / "afdruk")
    write_private(folder / "x.pdf", b"%PDF")
    assert mode(folder) == 0o700
    assert mode(folder / "x.pdf") == 0o600


# --------------------------------------------------------------------------- exclusive files


def test_a_planted_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "elders.txt"
    victim.write_text("onaangeroerd", encoding="utf-8")
    target = tmp_path / "wachtwoorden.yml"
    # The old predictable temporary name, and the first name the new code tries.
    for name in ("wachtwoorden.yml.tmp", f".wachtwoorden.yml.{os.getpid()}-0.tmp"):
        (tmp_path / name).symlink_to(victim)
    store_password(target, "groep-a", "een-lang-geheim-wachtwoord")
    assert victim.read_text(encoding="utf-8") == "onaangeroerd"
    assert not target.is_symlink()
    assert mode(target) == 0o600
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == {
        "groep-a": "een-lang-geheim-wachtwoord"
    }


# --------------------------------------------------------------------------- status


def test_status_row_counts_weeks_and_finds_the_next_meeting() -> None:
    group = load_group(ROOT / "groups" / "teun.yml")
    dates = sorted(m.datum for m in group.groep.bijeenkomsten)
    today = dates[0] + dt.timedelta(days=15)
    row = overview.status_row(group, today, lambda g, d: [], True, "https://x/boekjes/t/")
    assert row.weeks_since_last == 2
    assert row.next_meeting == min(d for d in dates if d >= today)
    cells = row.cells(spreadsheet=True)
    assert cells[:3] == ("teun", "volwassenen", str(group.groep.fase))
    assert cells[5:] == ("ja", "ja", "https://x/boekjes/t/")
    csv_text = overview.as_csv([row])
    assert csv_text.splitlines()[0].startswith("groep,variant,fase,volgende bijeenkomst")


def test_link_text_says_what_is_missing() -> None:
    assert overview.link_text("https://b.example/", None) == "nog niet gebouwd"
    assert "base_url" in overview.link_text("", "abc")
    # base_url is where site/boekjes/ is published: the token follows it directly.
    assert overview.link_text("https://b.example/", "abc") == "https://b.example/abc/"
