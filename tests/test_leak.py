"""Nothing from a group file may appear in clear anywhere under site/ (HTML, JS, JSON, XML, PDF text).

Every free-text value of every example gets a unique marker and the clients get unique names; then
every file under site/ is searched. The same scan run on a build with encryption switched off must
find the markers, which proves the scan can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from buildkit import EXAMPLES, build, make_project, TODAY
from resourceboek import protect
from resourceboek.booklet import build_booklet
from resourceboek.load import find_group_files, load_group

# Values that are references, choices or validated formats (not free text).
NOT_TEXT = {
    "variant", "soort", "status", "datum", "begintijd", "eindtijd", "fase", "startdatum", "thema",
    "deelnemers", "uitnodigen", "belangrijke_anderen", "contact_bij_crisis", "themas",
    "uitgenodigd", "voorzitter", "rollen", "telefoon", "email",
    "nabijheid", "rolkaart_onderdelen", "wie",
}


def mark(data: object, counter: list[int], key: str = "") -> object:
    """A copy of `data` with a unique marker appended to every free-text value."""
    if key in NOT_TEXT:
        return data
    if isinstance(data, dict):
        return {k: mark(v, counter, k) for k, v in data.items()}
    if isinstance(data, list):
        return [mark(v, counter, key) for v in data]
    if isinstance(data, str):
        counter[0] += 1
        return f"{data} LEKTEST{counter[0]:04d}X"
    return data


def marked_groups() -> tuple[dict[str, str], list[str]]:
    counter = [0]
    groups, needles = {}, []
    for n, path in enumerate(find_group_files([EXAMPLES])):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = mark(data, counter)
        data["client"] = f"Zwanhilde{n}qx"  # a name that occurs nowhere else
        needles.append(data["client"])
        for person in data["personen"].values():
            needles += [person[f] for f in ("telefoon", "email") if f in person]
        groups[path.stem] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    needles += [f"LEKTEST{i:04d}X" for i in range(1, counter[0] + 1)]
    return groups, needles


def readable_text(path: Path) -> str:
    """What someone without the password can read from a published file."""
    if path.suffix == ".pdf":
        result = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=False
        )
        return result.stdout  # an encrypted PDF gives no text at all
    return path.read_bytes().decode("utf-8", errors="replace")


def hits(folder: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            text = readable_text(path)
            found += [(str(path.relative_to(folder)), n) for n in needles if n in text]
    return found


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory):
    if shutil.which("pdftotext") is None and not os.environ.get("CI"):
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    groups, needles = marked_groups()
    project = make_project(tmp_path_factory.mktemp("leak"), groups)
    return project, needles


@pytest.mark.pdf
def test_no_value_leaks_into_the_published_site(marked) -> None:
    project, needles = marked
    report = build(project, pdf=True)
    assert sorted(report.built) == ["handboek", "sam", "teun"]
    assert list(project.site_root.rglob("boekje.pdf")), "the booklets should have PDFs"
    assert len(needles) > 100
    assert hits(project.site_root, needles) == []
    # File names carry nothing either.
    names = " ".join(p.name for p in project.site_root.rglob("*"))
    assert not [n for n in needles if n in names]


def test_the_scan_finds_values_when_encryption_is_off(marked, tmp_path: Path, monkeypatch) -> None:
    project, needles = marked
    group = load_group(project.groups_dir / "teun.yml")

    def no_encryption(html: str, key: object, iterations: int = 0) -> dict[str, object]:
        return {"v": 0, "ct": html}

    monkeypatch.setattr(protect, "encrypt_page", no_encryption)
    dest = tmp_path / "open"
    build_booklet(project, group, "demo-boekje-voorbeeld", dest, pdf=False, today=TODAY)
    found = hits(dest, needles)
    assert len({n for _, n in found}) > 30
