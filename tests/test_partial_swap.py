"""A rebuild puts only the changed parts in place: each booklet folder is replaced whole by renames,
the other booklets, the handbook and `site/` itself stay the very same folders (build/swap.py).

A first build, a folder without the build's marker or with something else in it, and a build in
which every part is new still replace the whole site. A failing part changes nothing in `site/`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from buildkit import build, decrypted_pages, make_project, snapshot
from pathkit import EXAMPLES
from resourceboek.build import sitebuild, swap
from resourceboek.build.buildreport import BuildFailed, BuildReport
from resourceboek.project.destinations import SITE_MARKER
from resourceboek.project.project import Project


@pytest.fixture
def project(built_project: Project) -> Project:
    """The example groups' project as after its first build (buildkit.built_project)."""
    return built_project


@pytest.fixture
def swaps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the swaps a build made (`swap_parts` or `swap_whole`), in order."""
    made: list[str] = []

    def counted(name: str, real: Callable[..., None]) -> Callable[..., None]:
        def swapped(*args: Any) -> None:
            made.append(name)
            real(*args)

        return swapped

    for name in ("swap_parts", "swap_whole"):
        monkeypatch.setattr(swap, name, counted(name, getattr(swap, name)))
    return made


def listing(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry below `folder` (itself included) with its inode, and a file's bytes."""
    entries = [folder, *sorted(folder.rglob("*"))]
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.read_bytes() if p.is_file() else None)
        for p in entries
    }


def change(project: Project, gid: str, text: str = "\n# gewijzigd\n") -> None:
    path = project.groups_dir / f"{gid}.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def tokens(project: Project) -> dict[str, str]:
    return build(project).tokens  # nothing changed: site/ is not touched


def leftovers(project: Project) -> list[str]:
    site = project.site_root
    beside = [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")]
    inside = [p.name for p in site.rglob(".*") if p.name != SITE_MARKER]
    return beside + inside


def test_one_changed_group_replaces_only_its_booklet_folder(project, swaps) -> None:
    token = tokens(project)
    site, booklets = project.site_root, project.site_root / "boekjes"
    teun, sam = booklets / token["teun"], booklets / token["sam"]
    kept = {
        p: p.stat().st_ino for p in (site, booklets, teun, teun / "index.html", site / "handboek")
    }
    old_sam = (sam.stat().st_ino, (sam / "index.html").stat().st_ino)
    path = project.groups_dir / "sam.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Team Sam", "Team Sam B"), "utf-8")
    report = build(project)
    assert report.built == ["sam"]
    assert swaps == ["swap_parts"]
    assert {p: p.stat().st_ino for p in kept} == kept  # the very same folders and files
    assert (sam.stat().st_ino, (sam / "index.html").stat().st_ino) != old_sam
    assert "Team Sam B" in decrypted_pages(sam)["index.html"]
    # The new booklet's theme files are the kept booklet's files (hard links), not copies.
    shared = [p for p in sam.rglob("*.css") if (teun / p.relative_to(sam)).is_file()]
    assert shared
    assert all(p.stat().st_ino == (teun / p.relative_to(sam)).stat().st_ino for p in shared)
    assert sorted(p.name for p in site.iterdir()) == [SITE_MARKER, "boekjes", "handboek"]
    assert leftovers(project) == []


def test_a_failing_part_leaves_site_exactly_as_it_was(
    project, swaps, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resourceboek.adapters import booklet

    real = booklet.build_booklet

    def failing(project: Project, group: Any, *args: Any, **kwargs: Any) -> object:
        if group.id == "sam":
            raise RuntimeError("opmaak mislukt")
        return real(project, group, *args, **kwargs)

    monkeypatch.setattr(booklet, "build_booklet", failing)
    change(project, "sam")
    change(project, "teun")
    before = listing(project.site_root)
    with pytest.raises(BuildFailed, match="sam: opmaak mislukt"):
        build(project, jobs=1)  # both parts in this process, where the failure is planted
    assert listing(project.site_root) == before
    assert swaps == []
    assert leftovers(project) == []


def test_a_removed_group_folder_disappears_and_leftovers_go(project, swaps) -> None:
    token = tokens(project)
    booklets = project.site_root / "boekjes"
    teun = listing(booklets / token["teun"])
    (booklets / f".{token['sam']}.oud-1").mkdir()  # left by a build that was killed
    (project.groups_dir / "sam.yml").unlink()
    report = build(project)
    assert report.built == []
    assert swaps == ["swap_parts"]
    assert sorted(p.name for p in booklets.iterdir()) == sorted(["index.html", token["teun"]])
    assert listing(booklets / token["teun"]) == teun
    assert leftovers(project) == []


def test_a_held_back_group_keeps_its_last_good_booklet(project, swaps) -> None:
    token = tokens(project)
    teun = project.site_root / "boekjes" / token["teun"]
    before = listing(teun)
    bad = (
        (EXAMPLES / "teun.yml").read_text("utf-8").replace("signaleringsplan:", "signalering_plan:")
    )
    (project.groups_dir / "teun.yml").write_text(bad, encoding="utf-8")
    change(project, "sam")
    report = build(project)
    assert report.built == ["sam"]
    assert [(h.id, h.kept) for h in report.held_back] == [("teun", True)]
    assert swaps == ["swap_parts"]
    assert listing(teun) == before


def test_a_first_build_and_a_foreign_or_incomplete_site_are_swapped_whole(
    tmp_path: Path, swaps
) -> None:
    project = make_project(tmp_path, {"teun": (EXAMPLES / "teun.yml").read_text("utf-8")})
    project.site_root.mkdir()  # an empty folder is no site yet
    build(project)
    assert swaps == ["swap_whole"]
    # A site with something of its own beside the parts is replaced whole, and so cleaned.
    (project.site_root / "eigen.txt").write_text("weg\n", encoding="utf-8")
    change(project, "teun")
    assert build(project).built == ["teun"]
    assert swaps == ["swap_whole"] * 2
    assert not (project.site_root / "eigen.txt").exists()
    # A site without the marker (an older build's) is replaced whole and marked.
    (project.site_root / SITE_MARKER).unlink()
    change(project, "teun")
    build(project)
    assert swaps == ["swap_whole"] * 3
    assert (project.site_root / SITE_MARKER).is_file()


def test_every_part_new_is_swapped_whole(project, swaps, monkeypatch: pytest.MonkeyPatch) -> None:
    real = sitebuild.code_fingerprint
    monkeypatch.setattr(sitebuild, "code_fingerprint", lambda p: real(p) + "|nieuw")
    report: BuildReport = build(project)
    assert sorted(report.built) == ["handboek", "sam", "teun"]
    assert swaps == ["swap_whole"]


def test_a_part_that_cannot_be_put_in_goes_back(tmp_path: Path) -> None:
    """The old folder is renamed aside, the new one in; if that fails, the old one comes back."""
    site, staging = tmp_path / "site", tmp_path / "nieuw"
    (site / "boekjes" / "a").mkdir(parents=True)
    (site / "boekjes" / "a" / "index.html").write_text("oud\n", encoding="utf-8")
    (site / SITE_MARKER).write_text("x\n", encoding="utf-8")
    staging.mkdir()  # the new part is missing: its rename fails
    before = snapshot(site)
    part = Path("boekjes") / "a"
    with pytest.raises(FileNotFoundError):
        swap.swap_parts(staging, site, {part}, [part])
    assert snapshot(site) == before
    assert sorted(p.name for p in (site / "boekjes").iterdir()) == ["a"]
