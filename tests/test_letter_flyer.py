"""'De bijgevoegde flyer': every posted letter has the information folder (bijlage 1), filled in with
the organisation, as its second page; the handbook's notes to the coordinator stay out of it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pathkit import CONFIG, ROOT, poppler
from resourceboek.cli.main import main
from resourceboek.groupfile.load import load_groups
from resourceboek.handbook.flyer import flyer_html
from resourceboek.handbook.handbook import Organisation
from resourceboek.pages.render import make_environment
from resourceboek.paper.letters import write_letters

CONTENT = ROOT / "content"
TODAY = dt.date(2026, 11, 23)
ORG = Organisation(naam="GGZ Voorbeeld", team="Team Noord", telefoon="050 123 45 67")


def page_text(path: Path, page: int) -> str:
    proc = subprocess.run(
        [poppler("pdftotext"), "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(proc.stdout.split())


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_the_folder_is_filled_in_and_speaks_to_its_reader(variant: str) -> None:
    html = flyer_html(CONTENT, ORG, variant)
    assert "Bij wie kan ik terecht voor vragen?" in html
    assert "<dd>GGZ Voorbeeld</dd>" in html
    assert "<dd>050 123 45 67</dd>" in html
    assert 'class="rb-invulveld"' in html  # no e-mail address set: a line to write on
    for note in ("Bijlage 1", "A4 liggend", "Toelichting van dit handboek", "{{", "{%"):
        assert note not in html, note
    assert ("mentor" in html) == (variant == "jongeren")


def test_the_organisations_details_are_text_in_the_folder() -> None:
    html = flyer_html(CONTENT, Organisation(naam="GGZ <b>Noord</b> & Zuid"), "volwassenen")
    assert "GGZ &lt;b&gt;Noord&lt;/b&gt; &amp; Zuid" in html
    assert "<b>Noord</b>" not in html


@pytest.mark.pdf
def test_each_letter_has_the_folder_as_its_second_page(tmp_path: Path) -> None:
    groep = load_groups([ROOT / "groups" / "sam.yml"])[0].groep
    flyer = flyer_html(CONTENT, ORG, groep.variant.value)
    env = make_environment()
    [path] = write_letters("sam", groep, tmp_path, env, TODAY, only=["mentor"], flyer=flyer)
    assert len(PdfReader(path).pages) == 2
    assert "Bij deze brief zit een folder." in page_text(path, 1)
    second = page_text(path, 2)
    assert "Bij wie kan ik terecht voor vragen?" in second
    assert "GGZ Voorbeeld" in second
    assert "Waarom meedoen?" in second  # the whole folder on the one page


@pytest.mark.pdf
def test_the_letters_command_adds_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "print"
    result = CliRunner().invoke(
        main, ["letters", "sam", "mentor", "--print-dir", str(folder), "-f", str(CONFIG)]
    )
    assert result.exit_code == 0, result.output
    [path] = folder.glob("*.pdf")
    assert "Bij wie kan ik terecht voor vragen?" in page_text(path, 2)
