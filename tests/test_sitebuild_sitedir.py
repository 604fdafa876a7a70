"""A build into another output folder (--site-dir): it must not make the main site go stale, and it
replaces only a folder an earlier build marked as its own.

The cache lives once per project (state_dir) but describes one output folder. Before the fix, a
build into a temporary folder recorded the new fingerprints, and the next build of `site/` then
carried over its old, outdated parts as "ongewijzigd".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from buildkit import booklet_dir, build, decrypted_pages, make_project, snapshot
from pathkit import EXAMPLES, ROOT
from resourceboek.build.buildreport import BuildFailed
from resourceboek.cli.main import main
from resourceboek.project.destinations import SITE_MARKER


def test_build_into_other_folder_keeps_main_site_fresh(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = build(project)
    elsewhere = project.with_overrides(site_root=tmp_path / "elders")

    path = project.groups_dir / "sam.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Team Sam", "Team Sam B"), "utf-8")
    assert "sam" in build(elsewhere).built

    report = build(project)
    assert "sam" in report.built, report.unchanged
    pages = decrypted_pages(booklet_dir(project, first, "sam"))
    assert "Team Sam B" in pages["index.html"]


def test_a_site_the_build_made_is_marked_and_replaced_again(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"teun": (EXAMPLES / "teun.yml").read_text("utf-8")})
    build(project)
    assert (project.site_root / SITE_MARKER).is_file()
    path = project.groups_dir / "teun.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# gewijzigd\n", encoding="utf-8")
    assert build(project).built == ["teun"]
    assert build(project).built == []  # the marker is not a stale part: nothing to rebuild


def test_a_folder_no_build_made_is_never_replaced(tmp_path: Path) -> None:
    """Regression: `build --site-dir WERKMAP` deleted the werkmap's bouwgegevens/ and groepen/."""
    project = make_project(tmp_path / "project", {})
    werkmap = tmp_path / "werkmap"
    (werkmap / "bouwgegevens").mkdir(parents=True)
    (werkmap / "bouwgegevens" / "tokens.yml").write_text("teun: abc\n", encoding="utf-8")
    before = snapshot(werkmap)
    with pytest.raises(BuildFailed, match="niet door een eerdere build gemaakt"):
        build(project.with_overrides(site_root=werkmap))
    assert snapshot(werkmap) == before
    assert sorted(p.name for p in werkmap.iterdir()) == ["bouwgegevens"]


def test_the_command_refuses_a_foreign_site_dir_in_dutch(tmp_path: Path) -> None:
    foreign = tmp_path / "map"
    foreign.mkdir()
    (foreign / "eigen.txt").write_text("blijft\n", encoding="utf-8")
    args = ["build", "--no-pdf", "--site-dir", str(foreign), "--groups", str(tmp_path / "g")]
    result = CliRunner().invoke(main, [*args, "-f", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "is niet leeg en is niet door een eerdere build gemaakt" in result.output
    assert "Er is niets gewist." in result.output
    assert "Traceback" not in result.output
    assert (foreign / "eigen.txt").read_text(encoding="utf-8") == "blijft\n"
    assert sorted(p.name for p in foreign.iterdir()) == ["eigen.txt"]
