"""A rebuild costs what changed: an unchanged group file is known by its fingerprint, not parsed.

The build keeps each file's problems and readiness with its fingerprint (`build/filecache.py`);
the report must read exactly the same whether a file was parsed or came from the cache.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from buildkit import DEMO_PASSWORD, TODAY, booklet_dir, build, decrypted_pages, make_project
from loadkit import SAM, TEUN, edit
from resourceboek.build import inputs, sitebuild
from resourceboek.build.filecache import FILE_NAME, FileCache
from resourceboek.build.inputs import Inputs, prepare_groups
from resourceboek.cli.main import new_group_text
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.project import history
from resourceboek.project.project import Project
from resourceboek.protection.keystore import AcceptedPasswords, local_secret
from test_leak import marked_groups

BROKEN = edit(SAM, "signaleringsplan:", "signalering_plan:")
UNREADY = new_group_text("nieuw", "volwassenen", today=dt.date(2026, 11, 1))
GROUPS = {"teun": TEUN, "sam": SAM, "kapot": BROKEN, "nieuw": UNREADY}
"""A file with a guideline warning, a clean one, one with errors (held back) and one not ready."""


class Spy:
    """Counts the group files parsed (`parse_group`) and loaded later (`load_group`)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: list[str] = []
        for name in ("parse_group", "load_group"):
            monkeypatch.setattr(inputs, name, self._counting(getattr(inputs, name)))

    def _counting(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            first = args[0]
            self.parsed.append(first.stem if isinstance(first, Path) else str(args[2]))
            return real(*args, **kwargs)

        return counted


def prepare(project: Project, code: str = "code", today: dt.date = TODAY, **kw: Any) -> Inputs:
    """What a build does before it plans: the groups read through the cache and checked."""
    secret = local_secret(project.state_dir)
    accepted = AcceptedPasswords(project.state_dir, secret)
    files = FileCache(project.state_dir, secret, code, today)
    found = prepare_groups(project, only=None, today=today, accepted=accepted, files=files, **kw)
    accepted.save()
    files.save()
    return found


def report_of(found: Inputs) -> tuple[str, list[str], dict[str, str]]:
    return format_problems(found.problems + found.warnings), found.not_ready, found.held


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)  # messages name the files relative to here
    return make_project(tmp_path, GROUPS)


def test_an_unchanged_file_is_not_parsed_and_reported_the_same(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = prepare(project, strict=False)
    spy = Spy(monkeypatch)
    again = prepare(project, strict=False)
    assert spy.parsed == []
    assert report_of(again) == report_of(first)
    text, not_ready, held = report_of(again)
    assert "langetermijndoelen[3]: de methodiek adviseert maximaal twee" in text  # teun
    assert "Bedoelde je 'signaleringsplan'?" in text  # kapot, held back
    assert not_ready == ["nieuw"]
    assert held == {"kapot": inputs.GROUP_FILE_ERROR}
    assert sorted(g.id for g in again.groups) == ["nieuw", "sam", "teun"]


def test_strict_stops_on_a_cached_file_as_on_a_parsed_one(project: Project) -> None:
    with pytest.raises(GroupFileError) as parsed:
        prepare(project, strict=True)
    prepare(project, strict=False)  # the cache now knows every file
    with pytest.raises(GroupFileError) as cached:
        prepare(project, strict=True)
    assert format_problems(cached.value.problems) == format_problems(parsed.value.problems)


def test_a_one_byte_change_is_parsed(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    prepare(project, strict=False)
    path = project.groups_dir / "sam.yml"
    path.write_bytes(path.read_bytes() + b"\n")
    spy = Spy(monkeypatch)
    prepare(project, strict=False)
    assert spy.parsed == ["sam"]


@pytest.mark.parametrize(
    "change", [{"code": "nieuwe code"}, {"today": TODAY + dt.timedelta(days=1)}]
)
def test_new_code_or_a_new_day_parses_every_file(
    project: Project, monkeypatch: pytest.MonkeyPatch, change: dict[str, Any]
) -> None:
    prepare(project, strict=False)
    spy = Spy(monkeypatch)
    prepare(project, strict=False, **change)
    assert sorted(spy.parsed) == sorted(GROUPS)


def test_a_new_password_of_an_unchanged_file_is_checked(project: Project) -> None:
    prepare(project, strict=False)
    project.passwords_file.write_text(f"teun: {DEMO_PASSWORD}\nsam: teun\n", encoding="utf-8")
    found = prepare(project, strict=False)
    assert found.held["sam"] == inputs.PASSWORD_ERROR
    assert found.held["nieuw"] == inputs.PASSWORD_ERROR  # no password at all
    assert [g.id for g in found.groups] == ["teun"]


def test_the_cache_holds_no_value_of_a_group_file(tmp_path: Path) -> None:
    groups, needles = marked_groups()
    groups["kapot"] = edit(groups["sam"], "signaleringsplan:", "signalering_plan:")
    project = make_project(tmp_path, groups)
    prepare(project, strict=False)
    cache = project.state_dir / FILE_NAME
    text = cache.read_text(encoding="utf-8")
    assert len(needles) > 100
    assert [n for n in needles if n in text] == []
    assert "signalering" not in text  # the fields are sealed too
    assert "kortetermijndoelen" not in text
    assert cache.stat().st_mode & 0o777 == 0o600


def test_a_damaged_cache_is_parsed_again(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    first = prepare(project, strict=False)
    cache = project.state_dir / FILE_NAME
    cache.write_text(cache.read_text(encoding="utf-8").replace('"', "'", 3), encoding="utf-8")
    spy = Spy(monkeypatch)
    assert report_of(prepare(project, strict=False)) == report_of(first)
    assert sorted(spy.parsed) == sorted(GROUPS)


def test_a_build_reports_the_same_cached_and_parsed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(project)
    spy = Spy(monkeypatch)
    again = build(project)
    assert spy.parsed == []
    assert again.built == []
    first.seconds = again.seconds = 0.0
    # "Klaar: 4 gebouwd, 0 ongewijzigd, " then the same errors, warnings and readiness
    assert again.summary().split(", ", 2)[2] == first.summary().split(", ", 2)[2]
    assert "1 fout, " in again.summary()
    assert "2 van de 4 boekjes zijn klaar om uit te reiken" in again.summary()
    assert again.summary().endswith(
        "; 1 groep tegengehouden (fout in het groepsbestand): kapot — er is nog geen boekje."
    )
    shown = format_problems(first.problems + first.warnings)
    assert format_problems(again.problems + again.warnings) == shown
    # One group changed: only its file is read, and only its booklet built.
    path = project.groups_dir / "sam.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# bijgewerkt\n", encoding="utf-8")
    assert build(project).built == ["sam"]
    assert spy.parsed == ["sam"]


def test_new_code_parses_every_file_in_a_build(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project)
    real = sitebuild.code_fingerprint
    monkeypatch.setattr(sitebuild, "code_fingerprint", lambda p: real(p) + "|nieuw")
    spy = Spy(monkeypatch)
    report = build(project)
    assert sorted(set(spy.parsed)) == sorted(GROUPS)
    assert sorted(report.built) == ["handboek", "nieuw", "sam", "teun"]
    assert os.listdir(project.state_dir)  # the state folder was written


def test_with_a_werkmap_an_unchanged_file_and_history_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What changed since the last meeting is kept with the file's facts, under a fingerprint of
    the group's history folder: only a changed file or a changed history folder is read again."""
    project = make_project(tmp_path, {"teun": TEUN, "sam": SAM})
    werkmap = tmp_path / "werkmap"
    earlier = edit(TEUN, "Ik onderneem weinig op dit gebied.", "Ik fiets nooit.")
    kept = history.keep_version(werkmap, "teun", earlier.encode("utf-8"))
    os.rename(kept, kept.with_name("20261101T120000000000.yml"))  # before 17 November's meeting
    first = build(project, history_root=werkmap)
    changed = "<li>Doel aangepast: ik wil gaan sporten.</li>"
    assert changed in decrypted_pages(booklet_dir(project, first, "teun"))["index.html"]
    spy = Spy(monkeypatch)
    assert build(project, history_root=werkmap).built == []
    assert spy.parsed == []
    text = (project.state_dir / FILE_NAME).read_text(encoding="utf-8")
    assert "sporten" not in text  # the changes are sealed with the facts
    # The coordinator removes teun's history: only teun is read again, and its booklet rebuilt.
    shutil.rmtree(history.history_dir(werkmap, "teun"))
    report = build(project, history_root=werkmap)
    assert spy.parsed == ["teun"]
    assert report.built == ["teun"]
    assert changed not in decrypted_pages(booklet_dir(project, report, "teun"))["index.html"]
    assert build(project, history_root=werkmap).built == []
    assert spy.parsed == ["teun"]
