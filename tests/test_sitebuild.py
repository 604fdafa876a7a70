"""Incremental, atomic and stale-removal behaviour of the whole-site build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from buildkit import (
    DEMO_PASSWORD,
    build,
    decrypted_pages,
    snapshot,
)
from pathkit import EXAMPLES
from resourceboek.build import fingerprints, sitebuild, swap
from resourceboek.cli import build as cli_build
from resourceboek.cli import main as cli
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.project.destinations import SITE_MARKER
from resourceboek.project.project import Project


@pytest.fixture
def project(built_project: Project) -> Project:
    """The example groups' project as after its first build (buildkit.built_project)."""
    return built_project


def test_nothing_changed_means_nothing_rebuilt(project) -> None:
    before = snapshot(project.site_root)
    report = build(project)
    assert report.built == []
    assert sorted(report.unchanged) == ["handboek", "sam", "teun"]
    assert snapshot(project.site_root) == before


def test_nothing_changed_leaves_site_folder_itself_alone(project) -> None:
    """No staging copy and no swap: the very same folder (inode) stays, nothing is written."""
    site = project.site_root
    inode, booklets = site.stat().st_ino, (site / "boekjes").stat().st_mtime_ns
    report = build(project)
    assert report.built == []
    assert site.stat().st_ino == inode
    assert (site / "boekjes").stat().st_mtime_ns == booklets
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site.")]


def test_a_deleted_booklet_folder_is_built_again(project) -> None:
    report = build(project)
    shutil.rmtree(project.site_root / "boekjes" / report.tokens["sam"])
    assert build(project).built == ["sam"]
    assert (project.site_root / "boekjes" / report.tokens["sam"] / "index.html").exists()


def test_one_changed_group_rebuilds_only_that_booklet(project) -> None:
    path = project.groups_dir / "sam.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Team Sam", "Team Sam B"), "utf-8")
    report = build(project)
    assert report.built == ["sam"]
    assert sorted(report.unchanged) == ["handboek", "teun"]


def test_changed_template_rebuilds_every_booklet(project) -> None:
    (project.templates_dir).mkdir(parents=True, exist_ok=True)
    original = (Path(sitebuild.__file__).parents[1] / "templates" / "contacten.html.j2").read_text(
        "utf-8"
    )
    (project.templates_dir / "contacten.html.j2").write_text(original + "\nEigen tekst.\n", "utf-8")
    report = build(project)
    assert sorted(report.built) == ["handboek", "sam", "teun"]


def test_upgraded_rendering_library_rebuilds_everything(
    project, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fingerprints.importlib.metadata.version

    def upgraded(name: str) -> str:
        return "99.0" if name == "mkdocs-material" else real(name)

    monkeypatch.setattr(fingerprints.importlib.metadata, "version", upgraded)
    report = build(project)
    assert sorted(report.built) == ["handboek", "sam", "teun"]


def test_only_rebuilds_one_group(project) -> None:
    for gid in ("sam", "teun"):
        path = project.groups_dir / f"{gid}.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# gewijzigd\n", "utf-8")
    report = build(project, only="teun")
    assert report.built == ["teun"]
    assert "sam" in report.unchanged
    # sam was skipped, not forgotten: the next full build makes it.
    assert build(project).built == ["sam"]


def test_removed_group_disappears_from_the_site(project) -> None:
    token = build(project).tokens["sam"]
    assert (project.site_root / "boekjes" / token).is_dir()
    (project.groups_dir / "sam.yml").unlink()
    build(project)
    assert not (project.site_root / "boekjes" / token).exists()
    assert len([p for p in (project.site_root / "boekjes").iterdir() if p.is_dir()]) == 1


def test_token_is_stable_and_says_nothing(project) -> None:
    first = build(project).tokens
    path = project.passwords_file
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            f"sam: {DEMO_PASSWORD}", "sam: een-ander-lang-wachtwoord"
        ),
        "utf-8",
    )
    second = build(project)
    assert second.tokens == first
    assert second.built == ["sam"]  # a changed password re-encrypts
    for token in first.values():
        assert len(token) == 32
        assert int(token, 16) >= 0


def test_strict_bad_group_file_leaves_site_untouched(project) -> None:
    before = snapshot(project.site_root)
    bad = (
        (EXAMPLES / "teun.yml")
        .read_text(encoding="utf-8")
        .replace("signaleringsplan:", "signalering_plan:")
    )
    (project.groups_dir / "teun.yml").write_text(bad, encoding="utf-8")
    with pytest.raises(GroupFileError) as info:
        build(project, strict=True)
    assert "Bedoelde je 'signaleringsplan'?" in str(info.value)
    assert snapshot(project.site_root) == before
    assert not [p for p in project.site_root.parent.iterdir() if p.name.startswith(".site.")]


def test_broken_group_holds_back_only_itself(project, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = build(project).tokens
    teun, sam = (project.site_root / "boekjes" / tokens[g] for g in ("teun", "sam"))
    teun_before, sam_before = snapshot(teun), snapshot(sam)
    bad = (
        (EXAMPLES / "teun.yml")
        .read_text(encoding="utf-8")
        .replace("signaleringsplan:", "signalering_plan:")
    )
    (project.groups_dir / "teun.yml").write_text(bad, encoding="utf-8")
    path = project.groups_dir / "sam.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Team Sam", "Team Sam B"), "utf-8")
    monkeypatch.setattr(cli_build, "open_project", lambda *args, **kwargs: (project, None))
    result = CliRunner().invoke(cli.main, ["build", "--no-pdf", "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert "Bedoelde je 'signaleringsplan'?" in result.output
    assert "Boekjes: 2 in " in result.output  # teun's last good booklet is still published
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("Klaar: 1 gebouwd, 1 ongewijzigd, ")
    assert summary.endswith(
        "; 1 groep tegengehouden (fout in het groepsbestand): teun — het vorige boekje blijft staan."
    )
    assert snapshot(teun) == teun_before  # the last good booklet, byte for byte
    assert snapshot(sam) != sam_before
    assert "Team Sam B" in decrypted_pages(sam)["index.html"]
    assert not [p for p in project.site_root.parent.iterdir() if p.name.startswith(".site.")]
    # Fixed: the next build makes teun's booklet again.
    fixed = (EXAMPLES / "teun.yml").read_text("utf-8") + "\n# hersteld\n"
    (project.groups_dir / "teun.yml").write_text(fixed, "utf-8")
    report = build(project)
    assert report.built == ["teun"]
    assert report.held_back == []


def test_broken_new_group_has_no_booklet_and_no_token(project) -> None:
    (project.groups_dir / "nieuw.yml").write_text("variant: volwassenen\n", encoding="utf-8")
    before = snapshot(project.site_root)
    report = build(project)
    assert report.held_back == [
        sitebuild.HeldBack("nieuw", "fout in het groepsbestand", kept=False)
    ]
    assert report.summary().endswith("(fout in het groepsbestand): nieuw — er is nog geen boekje.")
    assert {p.field for p in report.problems} >= {"client", "personen"}
    assert snapshot(project.site_root) == before
    assert "nieuw" not in (project.state_dir / "tokens.yml").read_text(encoding="utf-8")


def test_failing_booklet_leaves_site_untouched(project) -> None:
    before = snapshot(project.site_root)
    project.templates_dir.mkdir(parents=True, exist_ok=True)
    (project.templates_dir / "contacten.html.j2").write_text("{{ bestaat_niet }}\n", "utf-8")
    with pytest.raises(sitebuild.BuildFailed):
        build(project)
    assert snapshot(project.site_root) == before


def test_the_same_failure_in_many_booklets_is_told_once() -> None:
    report = sitebuild.BuildReport(
        failed=[f"groep{i}: PDF-opmaak klopt niet" for i in range(8)] + ["teun: anders"]
    )
    assert report.failure_text().splitlines() == [
        "  groep0, groep1, groep2, groep3, groep4 en 3 andere: PDF-opmaak klopt niet",
        "  teun: anders",
    ]


@pytest.mark.parametrize("step", ["swap_parts", "swap_whole"])
def test_interrupted_build_leaves_site_untouched(
    project, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    if step == "swap_whole":  # a site without the marker is replaced whole
        (project.site_root / SITE_MARKER).unlink()
    before = snapshot(project.site_root)
    path = project.groups_dir / "sam.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# gewijzigd\n", "utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(swap, step, interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert snapshot(project.site_root) == before
    assert not [p for p in project.site_root.parent.iterdir() if p.name.startswith(".site.")]


def test_missing_or_weak_password_holds_the_group_back(project) -> None:
    before = snapshot(project.site_root)
    project.passwords_file.write_text("teun: kort\n", encoding="utf-8")
    report = build(project)
    assert sorted(report.held_back) == [
        sitebuild.HeldBack(gid, "fout bij het wachtwoord", kept=True) for gid in ("sam", "teun")
    ]
    message = format_problems(report.problems)
    assert "wachtwoord: het wachtwoord is te kort" in message
    assert "geen wachtwoord voor deze groep; maak er een met `resourceboek password sam`" in message
    assert snapshot(project.site_root) == before
    with pytest.raises(GroupFileError):
        build(project, strict=True)


def test_summary_is_dutch() -> None:
    report = sitebuild.BuildReport(built=["a", "b"], warnings=[None] * 1, seconds=40.14)  # type: ignore[list-item]
    assert report.summary() == "Klaar: 2 gebouwd, 0 ongewijzigd, 0 fouten, 1 waarschuwing, 40,1 s."
    report.tokens, report.not_ready = {"a": "t1", "b": "t2"}, ["b"]
    assert report.summary().endswith(", 40,1 s; 1 van de 2 boekjes is klaar om uit te reiken.")
    report.held_back = [
        sitebuild.HeldBack("teun", "fout in het groepsbestand", kept=True),
        sitebuild.HeldBack("sam", "fout bij het wachtwoord"),
    ]
    assert report.summary().endswith(
        "; 2 groepen tegengehouden: teun (fout in het groepsbestand; het vorige boekje blijft "
        "staan) en sam (fout bij het wachtwoord; er is nog geen boekje)."
    )


def test_cache_holds_no_plaintext(project) -> None:
    state = "\n".join(
        p.read_bytes().decode("latin-1") for p in project.state_dir.rglob("*") if p.is_file()
    )
    assert DEMO_PASSWORD not in state
    assert "Mieke" not in state
    assert "Artane" not in state


def test_only_with_an_unknown_group_is_refused(project) -> None:
    with pytest.raises(GroupFileError) as info:
        build(project, only="bestaat-niet")
    assert "groep 'bestaat-niet' bestaat niet" in str(info.value)
