"""Nothing from a group file may appear in clear anywhere under site/ (HTML, JS, JSON, XML, PDF text).

Every free-text value of every example gets a unique marker and the clients get unique names; then
every file under site/ is searched. The same scan run on a build with encryption switched off must
find the markers, which proves the scan can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from click.testing import CliRunner

from buildkit import DEMO_PASSWORD as DEMO
from buildkit import EXAMPLES, ROOT, TODAY, build, make_project
from resourceboek.adapters.booklet import build_booklet
from resourceboek.cli import build as cli_build
from resourceboek.cli import main as cli
from resourceboek.cli.main import main
from resourceboek.groupfile.load import find_group_files, load_group
from resourceboek.groupfile.yamlread import dotted, is_identifier
from resourceboek.project.project import Project
from resourceboek.protection import protect

# Values that are references, choices or validated formats (not free text).
NOT_TEXT = {
    "variant",
    "soort",
    "status",
    "datum",
    "begintijd",
    "eindtijd",
    "fase",
    "startdatum",
    "thema",
    "deelnemers",
    "uitnodigen",
    "belangrijke_anderen",
    "contact_bij_crisis",
    "themas",
    "uitgenodigd",
    "voorzitter",
    "rollen",
    "telefoon",
    "email",
    "nabijheid",
    "rolkaart_onderdelen",
    "wie",
    "delen",
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
        data = cast(dict[str, Any], mark(yaml.safe_load(path.read_text(encoding="utf-8")), counter))
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


# --------------------------------------------------------------------------- messages
# `check` and `build` on broken files: every value carries a marker (`zq..`), and no marker may
# appear in what they print. Person keys are plain identifiers (`anna`), which messages may name;
# a key that is not an identifier (`Anna zq30 de Vries`) is data and must not be named either.

VALID = """\
variant: volwassenen
client: Anna zq01
groepsnaam: Groep zq02
fase: 2
startdatum: 2026-01-05
personen:
  anna: {naam: Anna zq03, relatie: zus zq04, soort: familie}
  bram: {naam: Bram zq05, relatie: regie zq06, soort: professional}
rollen: {regieondersteuner: bram}
deelnemers: [anna, bram]
"""
BROKEN = {
    # Format errors: choices, patterns, types, dates, numbers and keys, all with markers.
    "formaat": """\
variant: volwasenen-zq10
client: [Anna zq11]
groepsnaam: Groep zq12
fase: zes zq13
startdatum: 18-06-2024 zq14
personen:
  anna:
    naam: Anna zq15
    relatie: zus zq16
    soort: familie zq17
    telefoon: bel zq18 na zessen
    email: anna zq19 at thuis
  Anna zq30 de Vries: {naam: Anna zq31, relatie: zus zq32, soort: familie}
rollen: {regieondersteuner: Bram zq20}
deelnemers: [anna, Lithium zq21]
wil stoppen met lithium zq22: ja zq23
kortetermijndoelen:
  - {doel: Ik wil zq24, status: klaar zq25}
bijeenkomsten:
  - {datum: 2026-13-01 zq26, begintijd: half acht zq27, soort: feest zq28}
""",
    # A valid format with references to people and themes that do not exist.
    "verwijzing": VALID.replace(
        "rollen: {regieondersteuner: bram}", "rollen: {regieondersteuner: zq40}"
    ).replace("deelnemers: [anna, bram]", "deelnemers: [anna, zq41-lithium]")
    + "themas: [zq42-thema]\nsignaleringsplan: {contact_bij_crisis: [zq43]}\n"
    + "bijeenkomsten:\n  - {datum: 2026-02-01, begintijd: '19:00', soort: thema, thema: zq44}\n",
    # Keys typed twice, one of them not an identifier.
    "dubbel": VALID + "Wil stoppen zq50: ja zq51\nWil stoppen zq50: nee zq52\nclient: Bea zq53\n",
    # YAML syntax errors on lines with values.
    "syntax": VALID.replace("client: Anna zq01", "client: Anna zq60: de man zq61"),
    "aanhaling": VALID.replace("groepsnaam: Groep zq02", 'groepsnaam: "Groep zq62'),
    "tag": VALID.replace("client: Anna zq01", "client: !zq63! Anna zq64"),
    "escape": VALID.replace("client: Anna zq01", 'client: "Anna \\q zq65"'),
    "lijst": VALID.replace("deelnemers: [anna, bram]", "deelnemers: [anna, zq66: bram"),
}
MARKER = re.compile(r"zq\d", re.IGNORECASE)


def _broken_groups(folder: Path) -> Path:
    folder.mkdir()
    for gid, text in BROKEN.items():
        (folder / f"{gid}.yml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def _state_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build writes its cache and tokens under tmp_path, never into the checkout."""
    real = cli.open_project

    def project(
        config_file: Path, *args: object, **overrides: Path | None
    ) -> tuple[Project, object]:
        found, werkmap = real(config_file, *args, **overrides)  # type: ignore[arg-type]
        return found.with_overrides(state_dir=tmp_path / "state"), werkmap

    for module in (cli, cli_build):  # `check` and `build`
        monkeypatch.setattr(module, "open_project", project)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "-f", str(ROOT / "mkdocs.yml")])
    return result.exit_code, result.output


def _check_and_build(groups: Path, ids: Iterable[str], site: Path) -> list[tuple[str, ...]]:
    """The arguments of `check` and of a `build` without PDFs, each group with a password."""
    passwords = groups.parent / "wachtwoorden.yml"
    passwords.write_text("".join(f"{g}: {DEMO}\n" for g in ids), encoding="utf-8")
    build = ("build", "--groups", str(groups), "--passwords", str(passwords))
    return [("check", str(groups)), (*build, "--site-dir", str(site), "--no-pdf")]


@pytest.mark.usefixtures("_state_in_tmp")
def test_check_and_build_never_print_a_value(tmp_path: Path) -> None:
    groups = _broken_groups(tmp_path / "groepen")
    site = tmp_path / "site"
    for args in _check_and_build(groups, BROKEN, site):
        code, output = _cli(*args)
        assert code == 1, output
        # Every file is reported (so the scan below reads real messages) ...
        assert all(f"{gid}.yml:" in output for gid in BROKEN), output
        assert len(output.splitlines()) > 25, output
        # ... and none of them repeats a value.
        assert MARKER.findall(output) == [], output
    # Every group is held back: none of them is published (the handbook is).
    assert not list((site / "boekjes").glob("*/*"))


def test_the_message_scan_finds_a_repeated_value(tmp_path: Path) -> None:
    """The scan can fail: names of fields that are identifiers, like `anna`, are shown."""
    groups = tmp_path / "groepen"
    groups.mkdir()
    text = VALID.replace("anna: {", "zq99: {telefoon: bellen, ")
    (groups / "g.yml").write_text(text, encoding="utf-8")
    code, output = _cli("check", str(groups))
    assert code == 1
    assert "personen.zq99.telefoon: geen geldig telefoonnummer" in output
    assert MARKER.findall(output) == ["zq9"], output


@pytest.mark.usefixtures("_state_in_tmp")
def test_two_files_with_the_same_id_are_an_error(tmp_path: Path) -> None:
    groups = tmp_path / "groepen"
    groups.mkdir()
    text = VALID.replace("zq", "")
    (groups / "x.yml").write_text(text, encoding="utf-8")
    (groups / "x.yaml").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    for args in _check_and_build(groups, ["x"], site):
        code, output = _cli(*args)
        assert code == 1, output
        assert "x.yml: dezelfde groeps-id als " not in output
        assert re.search(r"x\.yml:1: dezelfde groeps-id als \S*x\.yaml", output) or re.search(
            r"x\.yaml:1: dezelfde groeps-id als \S*x\.yml", output
        ), output
    # The group is held back; nothing of it is published (the handbook is).
    assert not list((site / "boekjes").glob("*/*"))


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("mieke", True),
        ("signalering_plan", True),
        ("groep-t-2024", True),
        ("Mieke", False),
        ("wil stoppen met lithium", False),
        ("06-12345678", False),  # a phone number or a date typed as a key
        ("2024-06-18", False),
        ("x" * 41, False),
        ("[key]", False),
    ],
)
def test_the_rule_for_keys_in_messages(key: str, shown: bool) -> None:
    assert is_identifier(key) is shown
    assert (key in dotted(("personen", key, "naam"))) is shown
