"""What changed since the previous meeting: the pure diff, the booklet's Start, the werkmap history."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

import yaml

from loadkit import SAM, TEUN, edit
from resourceboek.build.planhistory import PlanHistory, changes_for
from resourceboek.groupfile.changes import plan_changes
from resourceboek.groupfile.load import load_group
from resourceboek.groupfile.model import Groep
from resourceboek.pages.render import make_environment, render_booklet
from resourceboek.project import history

TODAY = dt.date(2026, 12, 7)


def groep(text: str) -> Groep:
    return Groep.model_validate(yaml.safe_load(text))


def test_an_unchanged_plan_shows_nothing() -> None:
    assert plan_changes(groep(TEUN), groep(TEUN)) == []
    start = render_booklet(groep(TEUN), TODAY, make_environment())["index.md"]
    assert "Wat is er veranderd" not in start


def test_a_changed_goal_appears_in_what_changed_on_start() -> None:
    after = edit(TEUN, "Ik onderneem weinig op dit gebied.", "Ik fiets nu één keer per week.")
    after = edit(after, "    - Ik word stil en trek mij terug\n", "")
    changes = plan_changes(groep(TEUN), groep(after))
    assert changes == [
        "Doel aangepast: ik wil gaan sporten.",
        "De signalen dat het niet goed gaat zijn veranderd.",
    ]
    start = render_booklet(groep(after), TODAY, make_environment(), changes=tuple(changes))
    assert 'id="wat-is-er-veranderd"' in start["index.md"]
    assert "<li>Doel aangepast: ik wil gaan sporten.</li>" in start["index.md"]


def test_goals_added_achieved_and_medication() -> None:
    after = edit(SAM, "    status: nieuw\n", "    status: bereikt\n")
    after = edit(after, "- Melatonine om in slaap te komen", "- Melatonine, halve dosis")
    after = edit(after, "  - op mezelf wonen", "  - een rijbewijs halen\n  - op mezelf wonen")
    assert plan_changes(groep(SAM), groep(after)) == [
        "Doel bereikt: ik wil een bijbaantje vinden.",
        "Nieuw doel voor later: een rijbewijs halen",
        "De medicatie die je helpt bij een crisis is veranderd.",
    ]


def test_values_on_start_are_escaped() -> None:
    start = render_booklet(
        groep(TEUN), TODAY, make_environment(), changes=("Nieuw doel: <script>x</script>",)
    )["index.md"]
    assert "<script>x" not in start
    assert "&lt;script&gt;x" in start


def _write(folder: Path, text: str) -> Path:
    path = folder / "teun.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_build_keeps_a_private_copy_only_when_the_file_changed(tmp_path: Path) -> None:
    werkmap, groups = tmp_path / "werkmap", tmp_path / "groepen"
    groups.mkdir()
    group = load_group(_write(groups, TEUN))
    assert changes_for(None, [group], TODAY) == {}  # without a werkmap nothing is kept
    assert changes_for(werkmap, [group], TODAY) == {"teun": PlanHistory()}
    changes_for(werkmap, [group], TODAY)  # the same file again: no second copy
    [kept] = history.versions(werkmap, "teun")
    assert kept.read_text(encoding="utf-8") == TEUN
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def test_what_changed_since_the_plan_at_the_previous_meeting(tmp_path: Path) -> None:
    werkmap = tmp_path / "werkmap"
    folder = history.history_dir(werkmap, "teun")
    before_meeting = history.keep_version(werkmap, "teun", TEUN.encode("utf-8"))
    os.rename(before_meeting, folder / "20261101T120000000000.yml")  # kept before 17 November
    groups = tmp_path / "groepen"
    groups.mkdir()
    after = edit(TEUN, "Ik onderneem weinig op dit gebied.", "Ik fiets nu één keer per week.")
    [(gid, found)] = changes_for(werkmap, [load_group(_write(groups, after))], TODAY).items()
    assert gid == "teun"
    assert found.changes == ("Doel aangepast: ik wil gaan sporten.",)
    assert found.compared == hashlib.sha256(TEUN.encode("utf-8")).hexdigest()
    assert len(history.versions(werkmap, "teun")) == 2


def test_only_the_version_at_each_meeting_and_the_latest_are_kept(tmp_path: Path) -> None:
    werkmap = tmp_path / "werkmap"
    folder = history.history_dir(werkmap, "teun")
    names = ["20260801T1", "20260820T1", "20261001T1", "20261110T1", "20261201T1"]
    for i, name in enumerate(names):
        path = history.keep_version(werkmap, "teun", f"v{i}".encode())
        os.rename(path, folder / f"{name.replace('T1', 'T120000000000')}.yml")
    meetings = [dt.date(2026, 9, 1), dt.date(2026, 11, 17)]
    removed = history.prune(werkmap, "teun", meetings)
    assert [p.name[:8] for p in removed] == ["20260801", "20261001"]
    assert [p.name[:8] for p in history.versions(werkmap, "teun")] == [
        "20260820",  # current when the meeting of 1 September began
        "20261110",  # ... of 17 November
        "20261201",  # the latest
    ]
