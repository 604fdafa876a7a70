"""A build into another output folder (--site-dir) must not make the main site go stale.

The cache lives once per project (state_dir) but describes one output folder. Before the fix, a
build into a temporary folder recorded the new fingerprints, and the next build of `site/` then
carried over its old, outdated parts as "ongewijzigd".
"""

from __future__ import annotations

from pathlib import Path

from buildkit import booklet_dir, build, decrypted_pages, make_project


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
