"""What changed, through real builds: a coordinator's werkmap from `init` to the booklet's Start,
and a booklet rebuilt when only the history it compares with changes."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from buildkit import booklet_dir, build, decrypted_pages, make_project
from loadkit import edit
from pathkit import EXAMPLES
from resourceboek.cli.main import main
from resourceboek.project import history

WHAT_CHANGED = "Wat is er veranderd"
ACHIEVED = "Doel bereikt: ik wil gaan sporten."
MINUTES = "Teun fietst nu elke week met Rachid naar de mannengroep."
"""The minutes of the meeting the coordinator adds: a phrase found nowhere else."""
EARLY = "20260101T000000000000.yml"
"""A kept version's name as if the first build ran on 1 January 2026, before every meeting."""


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), prog_name="resourceboek")
    assert result.exit_code == 0, result.output
    return result.output


def start_page(site: Path, werkmap: Path, gid: str) -> str:
    """The decrypted Start page of `gid`'s booklet, opened with its password from the werkmap."""
    tokens = yaml.safe_load((werkmap / "bouwgegevens" / "tokens.yml").read_text("utf-8"))
    password = yaml.safe_load((werkmap / "wachtwoorden.yml").read_text("utf-8"))[gid]
    return decrypted_pages(site / "boekjes" / tokens[gid], password)["index.html"]


def after_a_meeting(text: str, day: dt.date) -> str:
    """What a coordinator writes after a meeting: the meeting with its minutes, a goal achieved."""
    goal = "  - doel: ik wil gaan sporten.\n"
    head, tail = text.split(goal, 1)
    tail = tail.replace("    status: loopt\n", "    status: bereikt\n", 1)
    meeting = (
        f'  - datum: {day.isoformat()}\n    begintijd: "19:00"\n    soort: vervolg\n'
        f"    verslag: {MINUTES}\n"
    )
    return edit(head + goal + tail, "bijeenkomsten:\n", "bijeenkomsten:\n" + meeting)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def plaintext_files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_coordinator_sees_what_changed_after_a_meeting_and_nothing_leaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, werkmap, site = tmp_path / "ergens", tmp_path / "werkmap", tmp_path / "site"
    here.mkdir()
    monkeypatch.chdir(here)
    outputs = [run("init", str(werkmap))]
    monkeypatch.setenv("RESOURCEBOEK_WORKSPACE", str(werkmap))
    group = werkmap / "groepen" / "teun.yml"
    shutil.copy(EXAMPLES / "teun.yml", group)
    outputs.append(run("password", "teun"))
    build_site = ("build", "--no-pdf", "--jobs", "2", "--site-dir", str(site))
    outputs.append(run(*build_site))
    [first] = history.versions(werkmap, "teun")
    assert WHAT_CHANGED not in start_page(site, werkmap, "teun")

    # The first build ran before every meeting: the plan at the last meeting is this very file.
    os.rename(first, first.with_name(EARLY))
    outputs.append(run(*build_site))
    assert WHAT_CHANGED not in start_page(site, werkmap, "teun")

    day = dt.date.today() - dt.timedelta(days=7)
    group.write_text(after_a_meeting(group.read_text("utf-8"), day), encoding="utf-8")
    outputs.append(run(*build_site))
    start = start_page(site, werkmap, "teun")
    section = start.split('<h2 id="wat-is-er-veranderd">', 1)[1].split("<h2", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", section) == [ACHIEVED]

    kept = history.versions(werkmap, "teun")
    assert [path.name for path in kept[:1]] == [EARLY]  # the plan as it was at the meeting
    assert kept[-1].read_bytes() == group.read_bytes()  # and the latest, nothing else
    assert len(kept) == 2
    assert {mode(path) for path in kept} == {0o600}
    assert mode(history.history_dir(werkmap, "teun")) == 0o700

    for output in outputs:
        assert ACHIEVED not in output
        assert MINUTES not in output
    private = (werkmap / "groepen", werkmap / "geschiedenis")
    published = plaintext_files(site)
    state = {
        path: data
        for path, data in plaintext_files(werkmap).items()
        if not any(path.is_relative_to(folder) for folder in private)
    }
    for path, data in (published | state).items():
        assert MINUTES.encode() not in data, path
        assert ACHIEVED.encode() not in data, path


def test_a_booklet_is_rebuilt_when_only_its_history_changes(tmp_path: Path) -> None:
    teun = (EXAMPLES / "teun.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path, {"teun": teun})
    werkmap = tmp_path / "werkmap"
    before = edit(teun, "Ik onderneem weinig op dit gebied.", "Ik fiets nooit.")
    kept = history.keep_version(werkmap, "teun", before.encode("utf-8"))
    os.rename(kept, kept.with_name("20261101T120000000000.yml"))  # before 17 November's meeting
    report = build(project, history_root=werkmap)
    start = decrypted_pages(booklet_dir(project, report, "teun"))["index.html"]
    assert "<li>Doel aangepast: ik wil gaan sporten.</li>" in start

    # The coordinator removes the history: the group file and the meetings stay as they were.
    shutil.rmtree(history.history_dir(werkmap, "teun"))
    report = build(project, history_root=werkmap)
    assert "teun" in report.built
    start = decrypted_pages(booklet_dir(project, report, "teun"))["index.html"]
    assert WHAT_CHANGED not in start


def test_status_reminds_of_the_history_of_a_group_that_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, werkmap = tmp_path / "ergens", tmp_path / "werkmap"
    here.mkdir()
    monkeypatch.chdir(here)
    run("init", str(werkmap))
    monkeypatch.setenv("RESOURCEBOEK_WORKSPACE", str(werkmap))
    groups = werkmap / "groepen"
    for gid in ("teun", "sam"):
        shutil.copy(EXAMPLES / f"{gid}.yml", groups / f"{gid}.yml")
        run("password", gid)
    run("build", "--no-pdf", "--jobs", "2", "--site-dir", str(tmp_path / "site"))
    assert "geschiedenis" not in run("status")

    # Sam's group stopped: the coordinator took the file away. Teun's file only has an error.
    (groups / "sam.yml").unlink()
    teun = groups / "teun.yml"
    teun.write_text(teun.read_text(encoding="utf-8") + "\nfase: [\n", encoding="utf-8")
    output = run("status")
    folder = werkmap / "geschiedenis"
    assert f"In {folder}/sam/ staan nog eerdere versies van een groepsbestand" in output
    assert "Een groep die stopt" in output
    assert "teun/" not in output
    # The build leaves both histories alone: keeping or destroying is the organisation's call.
    result = CliRunner().invoke(main, ["build", "--no-pdf", "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 1  # Teun's file still has its error
    assert history.versions(werkmap, "sam")
    assert history.versions(werkmap, "teun")
