"""Settings as models: every block refuses unknown keys and bad numbers with one Dutch line (file,
line, key) under `mkdocs build` and `resourceboek` alike; the werkmap's organisation details win."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import buildkit
from pathkit import ROOT
from resourceboek.cli.main import main
from resourceboek.paper import handout
from resourceboek.project.project import load_project
from resourceboek.project.workspace import (
    SETTINGS,
    TEMPLATES,
    Werkmap,
    init_workspace,
    resolve_project,
)
from resourceboek.protection import lockpage
from resourceboek.settings.model import Organisatie, WerkmapSettings
from resourceboek.settings.reading import SettingsError, read_werkmap_settings

TEUN = ROOT / "groups" / "teun.yml"
MKDOCS = Path(sys.executable).parent / "mkdocs"

PLUGIN = "      groeps_dir: elders\n"
ORGANISATIE = "  organisatie:\n    naam: GGZ Test\n    adres: Dorpsstraat 1\n"
CRISISLIJN = "  crisislijn:\n    naam: Crisisdienst\n    telefoon: 010 123 45 99\n    nummer: 2\n"
BAD_PHONE = "  organisatie:\n    telefoon: bel de receptie\n"
CASES = {
    "plugin": (PLUGIN, "", "groeps_dir", "plugins.resourceboek.groeps_dir: onbekend veld"),
    "organisatie": ("", ORGANISATIE, "adres", "extra.organisatie.adres: onbekend veld 'adres'"),
    "crisislijn": ("", CRISISLIJN, "nummer", "extra.crisislijn.nummer: onbekend veld 'nummer'"),
    "telefoon": ("", BAD_PHONE, "telefoon: bel", "extra.organisatie.telefoon: geen geldig tel"),
}


def write_config(folder: Path, plugin: str = "", extra: str = "") -> Path:
    """A small mkdocs.yml using the repository's pages; the site would go to `folder`."""
    text = (
        f"site_name: Test\ndocs_dir: {ROOT / 'content'}\nsite_dir: {folder / 'site'}\n"
        "theme:\n  name: material\n  language: nl\n"
        f"plugins:\n  - resourceboek:\n      pdf: false\n{plugin}"
        f"extra:\n  generator: false\n{extra}"
    )
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line.strip())


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="resourceboek")
    return result.exit_code, result.output


def assert_one_line(output: str, expected: str) -> None:
    """The problem is one Dutch line that says where; no traceback, no English."""
    found = [line for line in output.splitlines() if expected in line]
    assert len(found) == 1, output
    assert "Traceback" not in output
    assert "Error" not in output.replace("Error:", "")  # click's own prefix under MkDocs only
    assert "Unrecognised" not in output


@pytest.mark.parametrize("case", CASES)
def test_a_wrong_setting_in_mkdocs_yml_under_mkdocs_build(tmp_path: Path, case: str) -> None:
    plugin, extra, key, message = CASES[case]
    config = write_config(tmp_path, plugin, extra)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [str(MKDOCS), "build", "-q", "-f", "mkdocs.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1
    assert_one_line(proc.stderr, f"mkdocs.yml:{line_of(config, key)}: {message}")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["build", "status"])
@pytest.mark.parametrize("case", CASES)
def test_a_wrong_setting_in_mkdocs_yml_under_resourceboek(
    tmp_path: Path, in_tmp: None, case: str, command: str
) -> None:
    plugin, extra, key, message = CASES[case]
    config = write_config(tmp_path, plugin, extra)
    code, output = run(command, "-f", "mkdocs.yml")
    assert code == 1
    assert_one_line(output, f"mkdocs.yml:{line_of(config, key)}: {message}")
    assert output.count("\n") == 1  # nothing else was said, nothing was built
    assert not (tmp_path / "site").exists()


WERKMAP_CASES = {
    "onbekend": ("base_url: https://boekjes.example.org/\nadress: x\n", 2, "adress: onbekend"),
    "organisatie": ("organisatie:\n  adres: x\n", 2, "organisatie.adres: onbekend veld 'adres'"),
    "crisislijn": ("crisislijn:\n  telefoon: 113\n", 1, "crisislijn.naam: dit verplichte veld"),
    "telefoon": (
        "organisatie:\n  telefoon: '06-1234-ABCD'\n",
        2,
        "organisatie.telefoon: geen geldig",
    ),
    "base_url": ("base_url: https://boekjes.example.org\n", 1, "base_url: geen geldig adres"),
    "ftp": ("base_url: ftp://boekjes.example.org/\n", 1, "base_url: geen geldig adres"),
}


@pytest.fixture
def werkmap(tmp_path: Path) -> Werkmap:
    return init_workspace(tmp_path / "werkmap")


@pytest.mark.parametrize("command", ["build", "status"])
@pytest.mark.parametrize("case", WERKMAP_CASES)
def test_a_wrong_setting_in_instellingen_yml(
    tmp_path: Path, in_tmp: None, werkmap: Werkmap, case: str, command: str
) -> None:
    text, line, message = WERKMAP_CASES[case]
    (werkmap.root / SETTINGS).write_text(text, encoding="utf-8")
    write_config(tmp_path)
    code, output = run(command, "-w", "werkmap", "-f", "mkdocs.yml")
    assert code == 1
    assert_one_line(output, f"werkmap/instellingen.yml:{line}: {message}")
    assert "ABCD" not in output  # never the value


def test_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    config = write_config(tmp_path, PLUGIN + "      pdf2: ja\n", ORGANISATIE + "    fax: 1\n")
    with pytest.raises(SettingsError) as caught:
        load_project(config)
    fields = [p.field for p in caught.value.problems]
    assert fields == [
        "plugins.resourceboek.groeps_dir",
        "plugins.resourceboek.pdf2",
        "extra.organisatie.adres",
        "extra.organisatie.fax",
    ]
    assert "Bedoelde je 'groups_dir'?" in str(caught.value)


def uncommented(template: str, block: str) -> str:
    """The template with one commented example block switched on, as the comment tells."""
    lines, inside = [], False
    for line in template.splitlines():
        inside = line == f"# {block}:" or (inside and line.startswith("#   "))
        lines.append(line[2:] if inside else line)
    return "\n".join(lines) + "\n"


def test_the_werkmap_template_sets_nothing_and_its_examples_are_valid(tmp_path: Path) -> None:
    template = (TEMPLATES / SETTINGS).read_text(encoding="utf-8")
    assert read_werkmap_settings(TEMPLATES / SETTINGS) == WerkmapSettings()
    examples = tmp_path / SETTINGS
    examples.write_text(uncommented(template, "organisatie"), encoding="utf-8")
    settings = read_werkmap_settings(examples)
    assert settings.organisatie.naam == "GGZ Voorbeeld"
    assert settings.organisatie.email == "resourcegroepen@ggz-voorbeeld.nl"
    examples.write_text(uncommented(template, "crisislijn"), encoding="utf-8")
    assert read_werkmap_settings(examples).line.naam == "Crisisdienst GGZ Voorbeeld"


def test_the_werkmaps_details_win_over_mkdocs_yml(tmp_path: Path, werkmap: Werkmap) -> None:
    extra = "  organisatie:\n    naam: GGZ Uit Mkdocs\n    team: Team Zuid\n    telefoon: ''\n"
    config = write_config(tmp_path, "      base_url: https://oud.example.org/\n", extra)
    (werkmap.root / SETTINGS).write_text(
        "base_url: https://boekjes.example.org/\n"
        "organisatie:\n  naam: GGZ Uit Werkmap\n  telefoon: 050 123 45 67\n"
        "crisislijn:\n  naam: Crisisdienst Noord\n  telefoon: 050 999 99 99\n",
        encoding="utf-8",
    )
    project = resolve_project(load_project(config), werkmap)
    org = project.organisation.organisatie
    assert (org.naam, org.team, org.telefoon) == ("GGZ Uit Werkmap", "Team Zuid", "050 123 45 67")
    assert project.settings.base_url == "https://boekjes.example.org/"
    lock = lockpage.lock_settings(project.organisation)
    assert lock.wie == "je regieondersteuner (Team Zuid, GGZ Uit Werkmap)"
    assert (lock.crisis_naam, lock.crisis_link) == ("Crisisdienst Noord", "tel:0509999999")
    # The handbook (its folder, its PDF cover) is built from `extra`: it gets them too.
    assert project.raw["extra"]["organisatie"]["naam"] == "GGZ Uit Werkmap"
    assert project.raw["extra"]["generator"] is False


def test_without_a_werkmap_mkdocs_yml_and_113_count(tmp_path: Path) -> None:
    project = load_project(write_config(tmp_path, "", "  organisatie:\n    naam: ''\n"))
    lock = lockpage.lock_settings(project.organisation)
    assert (lock.wie, lock.telefoon) == ("je regieondersteuner", "")
    assert (lock.crisis_naam, lock.crisis_telefoon) == ("113 Zelfmoordpreventie", "0800-0113")
    assert project.settings.base_url is None


def test_the_handout_names_the_regieondersteuner_when_the_organisation_has_no_number() -> None:
    link = "https://boekjes.example.org/boekjes/abc/"
    fallback = handout.contact(Organisatie(naam="GGZ Test"), TEUN)
    sheet = handout.sheet_html(link, fallback)
    assert "Harry" in sheet
    assert "06 33333333" in sheet
    assert "GGZ Test" in sheet
    own = handout.contact(Organisatie(naam="GGZ Test", telefoon="010 123 45 67"), TEUN)
    sheet = handout.sheet_html(link, own)
    assert "Harry" not in sheet
    assert "010 123 45 67" in sheet


def test_a_broken_group_file_gives_the_handout_no_name(tmp_path: Path) -> None:
    broken = tmp_path / "teun.yml"
    broken.write_text(TEUN.read_text(encoding="utf-8") + "\nfase: [\n", encoding="utf-8")
    assert handout.contact(Organisatie(), broken) == handout.Contact(Organisatie())
    sheet = handout.sheet_html("https://boekjes.example.org/x/", handout.Contact(Organisatie()))
    assert "Neem contact op met je regieondersteuner." in sheet


@pytest.mark.pdf
def test_the_handout_command_prints_the_regieondersteuners_number(
    tmp_path: Path, in_tmp: None, werkmap: Werkmap
) -> None:
    write_config(tmp_path)
    shutil.copy(TEUN, werkmap.groups_dir / "teun.yml")
    (werkmap.root / SETTINGS).write_text("base_url: https://boekjes.example.org/\n")
    werkmap.passwords_file.write_text("teun: lantaarn-proef-boekje-zeventig-vier-mos\n")
    (werkmap.state_dir / "tokens.yml").write_text("teun: 0123456789abcdef0123456789abcdef\n")
    code, output = run("handout", "teun", "-w", "werkmap", "-f", "mkdocs.yml")
    assert code == 0, output
    text = PdfReader(werkmap.print_dir / "teun-uitdeelblad.pdf").pages[0].extract_text()
    assert "Harry" in text
    assert "06 33333333" in text


def test_a_booklet_shows_the_werkmaps_help_lines(tmp_path: Path) -> None:
    """The booklet job carries the settings: the lock page and the crisis card inside show them."""
    settings = WerkmapSettings.model_validate(
        {
            "organisatie": {"team": "Team Noord", "telefoon": "050 123 45 67"},
            "crisislijn": {"naam": "Crisisdienst Noord", "telefoon": "050 999 99 99"},
        }
    )
    project = buildkit.make_project(tmp_path, {"teun": TEUN.read_text(encoding="utf-8")})
    project = project.with_werkmap_settings(settings)
    report = buildkit.build(project)
    folder = buildkit.booklet_dir(project, report, "teun")
    shell = (folder / "index.html").read_text(encoding="utf-8")
    assert "je regieondersteuner (Team Noord)" in shell
    assert 'href="tel:0509999999"' in shell
    assert "113 Zelfmoordpreventie" not in shell
    page = buildkit.decrypted_pages(folder)["index.html"]
    assert "Crisisdienst Noord" in page
