"""Invitation letters (bijlage 5): who gets one, the handbook's own text filled in, private PDFs."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathkit import CONFIG, ROOT, pdf_text
from resourceboek.cli.main import main
from resourceboek.groupfile.load import load_groups
from resourceboek.groupfile.model import Groep
from resourceboek.groupfile.people import derived_salutation
from resourceboek.handbook.handbook import Organisation, read_sources, render_handbook
from resourceboek.pages.render import make_environment
from resourceboek.paper.letters import (
    blank_letter,
    letter_file,
    letter_for,
    recipients,
    render_letter,
    write_letters,
)
from resourceboek.paper.rolecards import render_role_card, role_card_for

pytestmark = pytest.mark.pdf  # makes PDFs with WeasyPrint
TODAY = dt.date(2026, 11, 23)


def example(gid: str) -> Groep:
    return load_groups([ROOT / "groups" / f"{gid}.yml"])[0].groep


def blank_sentences(variant: str) -> list[str]:
    """Bijlage 5's paragraphs as the handbook shows them, as plain text."""
    body = blank_letter(variant, make_environment())
    paragraphs = re.findall(r"<p>(.*?)</p>", body, flags=re.S)
    return [" ".join(html.unescape(p).split()) for p in paragraphs]


def test_by_default_only_family_and_friends_get_the_letter() -> None:
    teun, sam = example("teun"), example("sam")
    # Teun's psychiatrist, woonbegeleiding and trainer are invited, but get no letter unasked.
    assert recipients(teun, TODAY) == ["moeder"]
    assert recipients(sam, TODAY) == []  # coach and regiebehandelaar: professionals; mentor: school
    # A nominee whose talk is still to come (or not planned) gets one; the sender never does.
    early = dt.date(2026, 6, 23)
    assert recipients(teun, early) == ["moeder", "rachid"]
    for groep in (teun, sam):
        kinds = {groep.personen[k].soort.value for k in recipients(groep, early)}
        assert kinds <= {"familie", "naaste"}


NAMED = {"teun": ["moeder", "jetske", "niels"], "sam": ["coach", "mentor", "de-boer"]}
"""Family by default, and the professionals and school a coordinator names on purpose."""


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_letters_can_be_posted_as_printed(tmp_path: Path, gid: str) -> None:
    groep = example(gid)
    folder = tmp_path / "afdrukken"
    written = write_letters(gid, groep, folder, make_environment(), TODAY, only=NAMED[gid])
    assert [p.name for p in written] == [letter_file(gid, k) for k in NAMED[gid]]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    sender = groep.personen[groep.rollen.regieondersteuner]
    for key, path in zip(NAMED[gid], written, strict=True):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = " ".join(pdf_text(path).split())
        assert "Beste Mijn" not in text
        assert "Beste Meneer" not in text
        for mixed in ("U/Jij", "u/jou", "zijn/haar", "hij/zij", "……", "/je", "/u"):
            assert mixed not in text, (key, mixed)
        assert not re.search(r"[a-z,] Meneer", text)  # "Meneer" only at a sentence's start
        colleague = groep.personen[key].soort.value == "professional"
        assert ("oog en oor" in text or "Hulpverleners zien dat" in text) != colleague
        assert "23 november 2026" in text
        assert f"{sender.naam} regieondersteuner, {sender.organisatie}" in text
        assert f"Werkdagen: {sender.werkdagen}" in text
        assert f"Telefoon: {sender.telefoon}" in text
    assert not list(folder.glob(".*"))  # no temporary files left


def test_salutation_and_je_or_u_per_person(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "groups" / "sam.yml").read_text(encoding="utf-8"))
    data["personen"]["mentor"]["aanspreken"] = "u"
    groep = Groep.model_validate(data)
    env = make_environment()
    mentor = pdf_text(write_letters("sam", groep, tmp_path, env, TODAY, only=["mentor"])[0])
    assert "Beste meneer Jansen," in mentor
    assert "U krijgt deze brief" in mentor
    assert " je " not in mentor
    coach = pdf_text(write_letters("sam", groep, tmp_path, env, TODAY, only=["coach"])[0])
    assert "Beste Lotte," in coach
    assert "Sam heeft je gekozen" in coach
    assert derived_salutation("Opa Henk", "opa") == "Beste opa Henk"
    assert derived_salutation("Mijn moeder", "moeder") is None  # readiness warns (test_readiness)
    assert derived_salutation("Woonbegeleiding", "woonbegeleiding") is None


def test_a_planned_talk_is_in_the_letter_with_dutch_dates(tmp_path: Path) -> None:
    groep = example("sam")
    [path] = write_letters("sam", groep, tmp_path, make_environment(), TODAY, only=["coach"])
    text = pdf_text(path)
    assert "Datum: dinsdag 8 december 2026" in text
    assert "Tijd: 15:30 uur" in text
    assert "Waar: Jeugd-ggz Oost, kamer 1.12" in text
    [later] = write_letters(
        "sam", groep, tmp_path, make_environment(), dt.date(2027, 1, 4), only=["coach"]
    )
    assert "december" not in pdf_text(later)  # a talk in the past is not proposed again


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_the_handbook_shows_the_same_letter_blank(variant: str) -> None:
    pages = render_handbook(read_sources(ROOT / "content"), Organisation(), make_environment(), {})
    page = pages[f"{variant}/bijlagen/05-uitnodigingsbrief.md"]
    assert blank_letter(variant, make_environment()) in page
    assert "<p>Beste ……,</p>" in page
    assert "[naam/functie regieondersteuner]" in page
    assert ("gevraagd of u/je wilt" in page) == (variant == "jongeren")


def test_cli_names_files_never_values(tmp_path: Path) -> None:
    folder = tmp_path / "print"
    result = CliRunner().invoke(
        main,
        ["letters", "sam", "coach", "--print-dir", str(folder), "-f", CONFIG],
        prog_name="resourceboek",
    )
    assert result.exit_code == 0, result.output
    assert f"Gemaakt: {folder / letter_file('sam', 'coach')}" in result.output
    for value in ("Lotte", "Sam ", "Fenna", "088", "@"):
        assert value not in result.output


def test_cli_refuses_a_print_dir_inside_the_site_and_unknown_keys(tmp_path: Path) -> None:
    runner = CliRunner()
    inside = runner.invoke(
        main, ["letters", "sam", "--print-dir", str(ROOT / "site" / "x"), "-f", CONFIG]
    )
    assert inside.exit_code == 1
    assert "ligt in de uitvoermap" in inside.output
    unknown = runner.invoke(
        main, ["letters", "sam", "lotte", "--print-dir", str(tmp_path), "-f", CONFIG]
    )
    assert unknown.exit_code == 1
    assert "1 sleutel staat niet bij `personen`" in unknown.output
    assert "lotte" not in unknown.output.split(":", 1)[1]
    assert not list(tmp_path.iterdir())


def test_an_existing_print_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "afdrukken"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    write_letters("sam", example("sam"), folder, make_environment(), TODAY, only=["mentor"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_organisations_own_letters_are_used_by_handbook_and_letters(tmp_path: Path) -> None:
    own = tmp_path / "sjablonen"
    own.mkdir()
    (own / "brief-uitnodiging.html.j2").write_text(
        "<p>Beste ……, eigen tekst.</p>", encoding="utf-8"
    )
    (own / "brief-naaste.html.j2").write_text(
        "<p>{{ brief.aanhef }}, eigen brief.</p>", encoding="utf-8"
    )
    env = make_environment(own)
    assert blank_letter("volwassenen", env) == "<p>Beste ……, eigen tekst.</p>"
    [path] = write_letters("sam", example("sam"), tmp_path / "p", env, TODAY, only=["mentor"])
    assert "Beste meneer Jansen, eigen brief." in pdf_text(path)


def test_cli_reads_only_the_groups_own_file(tmp_path: Path) -> None:
    """A mistake in another group's file does not hold back this group's letters."""
    groups = tmp_path / "groepen"
    groups.mkdir()
    shutil.copy(ROOT / "groups" / "sam.yml", groups / "sam.yml")
    (groups / "kapot.yml").write_text("variant: [\n", encoding="utf-8")
    args = ["sam", "mentor", "--groups", str(groups), "--print-dir", str(tmp_path / "p")]
    result = CliRunner().invoke(main, ["letters", *args, "-f", CONFIG])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p" / letter_file("sam", "mentor")).exists()


def test_values_in_letters_and_sheets_are_text_never_markup(tmp_path: Path) -> None:
    """Names, places and tasks with markup in them are printed as the text that was typed."""
    payload = "<script>x()</script><b>{{ 7*7 }}"
    data = yaml.safe_load((ROOT / "groups" / "sam.yml").read_text(encoding="utf-8"))
    data["client"] = f"Sam {payload}"
    data["personen"]["coach"]["naam"] = f"Lotte {payload}"
    data["personen"]["coach"]["verdiepingsgesprek"]["locatie"] = f"Kamer {payload}"
    data["personen"]["fenna"]["organisatie"] = f"Ggz {payload}"
    data["kortetermijndoelen"][1]["taken"][1]["wat"] = f"oefent {payload}"
    groep = Groep.model_validate(data)
    env = make_environment()
    pages = [
        render_letter(letter_for(groep, "coach", TODAY), "jongeren", env, TODAY),
        render_role_card(role_card_for(groep, "noor", TODAY), groep, env, TODAY),
    ]
    for page in pages:
        assert "<script>" not in page
        assert "<b>" not in page
        assert "&lt;script&gt;x()&lt;/script&gt;&lt;b&gt;{{ 7*7 }}" in page
    [path] = write_letters("sam", groep, tmp_path, env, TODAY, only=["coach"])
    text = pdf_text(path)
    assert f"Beste Lotte {payload}," in text
    assert f"Waar: Kamer {payload}" in text


@pytest.mark.parametrize(
    ("written", "summary"),
    [
        (0, "Geen brieven te maken."),
        (1, "1 brief (alleen voor jou leesbaar). Print hem en bewaar hem niet los."),
        (2, "2 brieven (alleen voor jou leesbaar). Print ze en bewaar ze niet los."),
    ],
)
def test_report_counts_in_dutch(
    written: int, summary: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from resourceboek.cli.paper import _report

    _report([tmp_path / f"{n}.pdf" for n in range(written)], "brief", "brieven", "hem")
    assert capsys.readouterr().out.splitlines()[-1] == summary
