"""Helpers for tests that build a real site into a temporary folder."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from pathkit import EXAMPLES, ROOT
from resourceboek.build.sitebuild import BuildOptions, BuildReport, build_site
from resourceboek.groupfile.load import find_group_files
from resourceboek.pages.render import BOOKLET_PAGES
from resourceboek.project.project import Project, load_project
from resourceboek.protection import lockpage
from resourceboek.protection.protect import decrypt_page

DEMO_PASSWORD = "lantaarn-proef-boekje-zeventig"  # not the public demo password: refused here
TODAY = dt.date(2026, 11, 23)
PACKAGE_TEMPLATES = ROOT / "plugins" / "resourceboek" / "templates"


def make_project(tmp: Path, groups: dict[str, str] | None = None) -> Project:
    """A project using the repository's content and themes, with its own groups/site/state in `tmp`."""
    groups_dir = tmp / "groups"
    groups_dir.mkdir(parents=True, exist_ok=True)
    if groups is None:
        groups = {p.stem: p.read_text(encoding="utf-8") for p in find_group_files([EXAMPLES])}
    for gid, text in groups.items():
        (groups_dir / f"{gid}.yml").write_text(text, encoding="utf-8")
    passwords = tmp / "wachtwoorden.yml"
    passwords.write_text(
        "".join(f"{gid}: {DEMO_PASSWORD}\n" for gid in sorted(groups)), encoding="utf-8"
    )
    return load_project(ROOT / "mkdocs.yml").with_overrides(
        groups_dir=groups_dir,
        passwords_file=passwords,
        site_root=tmp / "site",
        state_dir=tmp / "state",
        templates_dir=tmp / "sjablonen",
    )


def copy_project(tmp: Path) -> Path:
    """The repository's project (config, content, themes, example groups) copied into `tmp`, so a
    command run there writes its state (tokens, cache key) under `tmp`, never into the checkout."""
    project = load_project(ROOT / "mkdocs.yml")
    shutil.copy(project.config_file, tmp / project.config_file.name)
    for folder in (project.docs_dir, ROOT / "themes", EXAMPLES):
        shutil.copytree(folder, tmp / folder.relative_to(ROOT))
    return tmp


def build(project: Project, **options: object) -> BuildReport:
    """Build without PDFs unless asked, as of a fixed day."""
    opts = {"pdf": False, "jobs": 2, "today": TODAY, **options}
    return build_site(project, BuildOptions(**opts))  # type: ignore[arg-type]


def booklet_dir(project: Project, report: BuildReport, gid: str) -> Path:
    return project.site_root / "boekjes" / report.tokens[gid]


def payload_of(shell: str) -> dict[str, object]:
    payload = lockpage.payload_of(shell)
    assert payload, "no encrypted payload in the shell"
    return payload


def decrypted_pages(folder: Path, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """Every page of a booklet folder, decrypted: {file name: HTML}."""
    return {
        page.name: decrypt_page(
            payload_of(page.read_text(encoding="utf-8")), password, folder.name, page.name
        )
        for page in sorted(folder.glob("*.html"))
    }


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, to prove a site was left untouched."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One real build for the module: (the project's folder, an untouched copy of it)."""
    work = tmp_path_factory.mktemp("gebouwd-project")
    build(make_project(work))
    keep = tmp_path_factory.mktemp("gebouwd") / "kopie"
    shutil.copytree(work, keep, symlinks=True)
    return work, keep


@pytest.fixture
def built_project(built_once: tuple[Path, Path]) -> Project:
    """The built project as it was after the first build (each test changes it freely).

    Restored at the same path: the cache describes one output folder, so a copy elsewhere
    would be rebuilt from scratch.
    """
    work, keep = built_once
    shutil.rmtree(work)
    shutil.copytree(keep, work, symlinks=True)
    return make_project(work)


KOP = re.compile(r"^\{\{ kop\((\d), (.+?)(?:, '([\w-]+)')?\) \}\}$", re.M)
"""A heading line of our HTML page templates: `{{ kop(2, stem.doelen) }}`."""


def markdown_page_templates(folder: Path) -> Path:
    """Our HTML page templates as an organisation's Markdown templates (`<page>.md.j2`) in
    `folder`: each heading written as Markdown (`## {{ stem.doelen }}`, a class as `{ .x }`),
    everything else the same HTML. Returns `folder` (an organisation's templates folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in BOOKLET_PAGES:
        html = (PACKAGE_TEMPLATES / page.template).read_text(encoding="utf-8")

        def heading(match: re.Match[str]) -> str:
            level, expression, cls = match.groups()
            return (
                "#" * int(level) + " {{ " + expression + " }}" + (f" {{ .{cls} }}" if cls else "")
            )

        markdown = KOP.sub(heading, html)
        assert "kop(" not in markdown, page.template
        (folder / page.markdown_template).write_text(markdown, encoding="utf-8")
    return folder


def same_html(a: str, b: str) -> list[str]:
    """Where two HTML pages differ element by element (tags, attributes, text; white space
    between elements folded): the lines of a unified diff, empty when they are the same page."""

    def canonical(html: str) -> list[str]:
        out: list[str] = []

        def walk(element: lxml.html.HtmlElement, depth: int) -> None:
            if not isinstance(element.tag, str):  # a comment
                return
            attributes = " ".join(f'{k}="{v}"' for k, v in sorted(element.attrib.items()))
            out.append(f"{'  ' * depth}<{element.tag} {attributes}>")
            if " ".join((element.text or "").split()):
                out.append(f"{'  ' * depth} {' '.join(element.text.split())}")  # type: ignore[union-attr]
            for child in element:
                walk(child, depth + 1)
                if " ".join((child.tail or "").split()):
                    out.append(f"{'  ' * depth} {' '.join(child.tail.split())}")  # type: ignore[union-attr]

        walk(lxml.html.fromstring(html), 0)
        return out

    return list(difflib.unified_diff(canonical(a), canonical(b), lineterm="", n=1))
