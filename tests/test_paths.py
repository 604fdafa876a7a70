"""Every path comes from the project's settings: `docs_dir`, the theme's `custom_dir`, the options.

Regression: with `docs_dir: docs2`, an edit to `docs2/index.md` made the next build call the
handbook "ongewijzigd" (the cache looked at a fixed `content/` folder) and publish nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from buildkit import DEMO_PASSWORD, booklet_dir, build, copy_project
from pathkit import EXAMPLES, ROOT
from resourceboek.cli.main import main
from resourceboek.project.project import Project, load_project

RENAMED = {
    "docs_dir: content": "docs_dir: docs2",
    "custom_dir: themes/handboek": "custom_dir: ontwerp/scherm",
    "custom_template_path: themes/pdf": "custom_template_path: ontwerp/papier",
    "  - resourceboek:\n": (
        "  - resourceboek:\n"
        "      booklet_theme_dir: ontwerp/boekje\n"
        "      booklet_pdf_theme_dir: ontwerp/boekje-papier\n"
        "      templates_dir: ontwerp/sjablonen\n"
    ),
}
THEMES = {"handboek": "scherm", "pdf": "papier", "boekje": "boekje", "pdf-boekje": "boekje-papier"}


def renamed_project(tmp: Path) -> Project:
    """A copy of the repository's project with `docs_dir` and every theme folder renamed."""
    shutil.copytree(ROOT / "content", tmp / "docs2")
    for old, new in THEMES.items():
        shutil.copytree(ROOT / "themes" / old, tmp / "ontwerp" / new)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        assert old in config, old
        config = config.replace(old, new)
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp / "groups").mkdir()
    shutil.copy(EXAMPLES / "teun.yml", tmp / "groups" / "teun.yml")
    (tmp / "wachtwoorden.yml").write_text(f"teun: {DEMO_PASSWORD}\n", encoding="utf-8")
    return load_project(tmp / "mkdocs.yml").with_overrides(
        groups_dir=tmp / "groups",
        passwords_file=tmp / "wachtwoorden.yml",
        site_root=tmp / "site",
        state_dir=tmp / "state",
    )


def test_paths_follow_the_settings(tmp_path: Path) -> None:
    project = renamed_project(tmp_path)
    assert project.docs_dir == tmp_path / "docs2"
    assert project.handbook_css == tmp_path / "docs2" / "stylesheets" / "resourceboek.css"
    assert project.booklet_theme_dir == tmp_path / "ontwerp" / "boekje"
    assert project.booklet_pdf_theme_dir == tmp_path / "ontwerp" / "boekje-papier"
    assert set(project.theme_dirs) >= {tmp_path / "ontwerp" / name for name in THEMES.values()}


def test_renamed_docs_dir_and_themes_are_built_and_watched(tmp_path: Path) -> None:
    project = renamed_project(tmp_path)
    css = project.docs_dir / "stylesheets" / "resourceboek.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "\n.eigen-docs2 { color: red; }\n", encoding="utf-8"
    )
    first = build(project)
    assert sorted(first.built) == ["handboek", "teun"]
    shared_css = booklet_dir(project, first, "teun") / "rb" / "resourceboek.css"
    assert ".eigen-docs2{color:red}" in shared_css.read_text(encoding="utf-8")  # compacted

    index = project.docs_dir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nNieuwe alinea.\n", encoding="utf-8")
    second = build(project)
    assert second.built == ["handboek"], second.unchanged
    page = (project.site_root / "handboek" / "index.html").read_text(encoding="utf-8")
    assert "Nieuwe alinea." in page

    theme = tmp_path / "ontwerp" / "boekje" / "main.html"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n{# gewijzigd #}\n", encoding="utf-8")
    assert sorted(build(project).built) == ["handboek", "teun"]


# --- one rule for every file a command writes (destinations.py) ----------------------------------

REFUSED_PLACES = {
    "content/afdruk": "openbaar",
    "themes/afdruk": "openbaar",
    "site/afdruk": "openbaar",
    ".git/afdruk": "git-map",
    "afdruk": "git-map",  # the repository's root
}
WRITERS = {
    "letters": ["letters", "sam", "--print-dir"],
    "rolkaarten": ["rolkaarten", "teun", "--print-dir"],
    "handout": ["handout", "teun", "--print-dir"],
    "build": ["build", "--no-pdf", "--print-dir"],
    "new": ["new", "groep-x", "--groups"],
    "init": ["init"],
}


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project in its own git repository (nothing is committed)."""
    root = copy_project(tmp_path_factory.mktemp("kloon"))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@pytest.mark.parametrize("place", sorted(REFUSED_PLACES))
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_no_command_writes_where_it_is_published_or_committed(
    checkout: Path, command: str, place: str
) -> None:
    target = checkout / place
    args = [*WRITERS[command], str(target), "-f", str(checkout / "mkdocs.yml")]
    result = CliRunner().invoke(main, args, prog_name="resourceboek")
    assert result.exit_code == 1, result.output
    assert f"{target} ligt in" in result.output
    assert REFUSED_PLACES[place] in result.output
    assert "Traceback" not in result.output
    assert not target.exists()
