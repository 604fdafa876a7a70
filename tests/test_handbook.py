"""The methods handbook: a strict build with every phase and bijlage of both variants, clean text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from pathkit import ROOT
from resourceboek.adapters.handbook_build import build_handbook
from resourceboek.project.project import load_project

# The toolkit's sections (numbers and titles), derived from its text: see the file's header.
SECTIONS = Path(__file__).resolve().parent / "data" / "toolkit-secties.yml"
# Left behind by the PDF extraction: bookmarks, bullet glyphs, long dotted fill-in runs.
ARTEFACTS = [
    "[bookmark",
    "\u2026\u2026\u2026",
    "\u2756",
    "\u2022",
    "\uf0b7",
    "\uf0a7",
    "\uf0d8",
    " o ",
]


def expected_sections() -> tuple[set[str], set[str]]:
    """Bijlage numbers and phase numbers of both books together (from tests/data)."""
    data = yaml.safe_load(SECTIONS.read_text(encoding="utf-8"))
    entries = data["volwassenen"] + data["jongeren"]
    bijlagen = {e["bijlage"] for e in entries if "bijlage" in e} | set(data["genoemd_in_fase_2"])
    return bijlagen, {e["fase"] for e in entries if "fase" in e}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("handboek") / "handboek"
    build_handbook(load_project(ROOT / "mkdocs.yml"), dest, pdf=False)  # strict: fails on warnings
    return dest


def titles(site: Path, variant: str) -> dict[str, str]:
    """{h1 text: page path} of one variant."""
    found = {}
    for page in (site / variant).rglob("*.html"):
        match = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        if match:
            found[_text(match.group(1))] = str(page.relative_to(site))
    return found


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("¶", "").split())


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_every_bijlage_and_phase_has_a_page(site: Path, variant: str) -> None:
    bijlagen, fasen = expected_sections()
    assert len(bijlagen) >= 13
    assert fasen == {"1", "2", "3", "4", "5", "6"}
    heads = titles(site, variant)
    for number in sorted(bijlagen):
        assert any(re.match(rf"Bijlage {number}\b", h) for h in heads), (
            variant,
            number,
            sorted(heads),
        )
    for number in sorted(fasen):
        assert any(h.startswith(f"Fase {number} ") for h in heads), (variant, number)


def test_no_extraction_artefacts(site: Path) -> None:
    problems = []
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        if "<article" not in content:
            continue
        text = _text(content.split("<article", 1)[1].split("</article>", 1)[0])
        problems += [(str(page.relative_to(site)), a) for a in ARTEFACTS if a in text]
    assert problems == []


def test_variant_wording(site: Path) -> None:
    adults = (site / "volwassenen" / "fasen" / "fase-1.html").read_text(encoding="utf-8")
    youth = (site / "jongeren" / "fasen" / "fase-1.html").read_text(encoding="utf-8")
    assert "Jongere benaderen en motiveren" in youth
    assert "Jongere benaderen en motiveren" not in adults
    assert (site / "volwassenen/bijlagen/10b-qls-100.html").exists()
    assert not (site / "jongeren/bijlagen/10b-qls-100.html").exists()
    assert (site / "jongeren/bijlagen/10b-zrm-jongeren.html").exists()


def test_every_page_credits_the_source_books(site: Path) -> None:
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        assert "Leeman" in page.read_text(encoding="utf-8"), page


def test_no_third_party_urls_in_pages(site: Path) -> None:
    external = re.compile(r'(?:src|href)="(https?:)?//(?!127\.0\.0\.1)[^"]+"')
    allowed_links = ("zelfredzaamheidmatrix.nl", "resourcegroepen.nl")
    for page in site.rglob("*.html"):
        for match in external.finditer(page.read_text(encoding="utf-8")):
            url = match.group(0)
            # Plain links a reader may click are fine; nothing may be loaded from elsewhere.
            assert url.startswith("href="), (page, url)
            assert any(a in url for a in allowed_links), (page, url)


def test_bijlage_3_and_4_come_from_the_booklet_templates(site: Path) -> None:
    blank = (site / "volwassenen/bijlagen/03-resourcegroepplan.html").read_text("utf-8")
    filled = (site / "jongeren/bijlagen/04-voorbeeld.html").read_text("utf-8")
    assert blank.count('class="rb-invul"') > 20
    assert "Artane bij bewegingsdrang" in filled
    assert "18-06-2024, 09:30 uur" in filled  # the toolkit's own date line
