"""Tagged, accessible PDFs (handbook and booklet) and what the handbook PDF must look like on paper:
bijlage 9's lists as lists, the folder on landscape sheets, no lone note box. The booklet gives the
client a short text per chosen theme instead of the toolkit's lists, and prints its own lists as lists.

One real build with PDFs (the handbook and one booklet) serves the module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from buildkit import build, make_project
from pathkit import EXAMPLES
from resourceboek.groupfile import methode
from resourceboek.paper.printing import TaggedPdfWriter
from test_pdf import flat, outline, pdf_pages

pytestmark = pytest.mark.pdf

HANDBOOK_PDF = Path("handboek") / "handboek-resourcegroepen.pdf"
THEME_LIST_ITEMS = (
    "• Verkennen van definities van herstel",
    "• Verbeteren van kennis van de leden van de resourcegroep",
    "• Zelfbeschadiging",
)
"""Items of the toolkit's theme material (bijlage 9): in the handbook, not in a booklet."""


@dataclass(frozen=True)
class Printed:
    handbook: Path
    booklet: Path  # the readable copy from --print-dir


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    tmp = tmp_path_factory.mktemp("pdf-tags")
    project = make_project(tmp, {"sam": (EXAMPLES / "sam.yml").read_text(encoding="utf-8")})
    build(project, pdf=True, print_dir=tmp / "print")
    return Printed(project.site_root / HANDBOOK_PDF, tmp / "print" / "sam.pdf")


@pytest.mark.parametrize("which", ["handbook", "booklet"])
def test_pdf_is_tagged_dutch_titled_and_bookmarked(printed: Printed, which: str) -> None:
    path = getattr(printed, which)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "nl"
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.Title) == (
            "Handboek resourcegroepen" if which == "handbook" else "Team Sam"
        )
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
    assert len(outline(path)) > 5


def test_handbook_bookmarks_lead_to_every_variants_bijlage_3(printed: Printed) -> None:
    titles = [title for title, _ in outline(printed.handbook)]
    assert titles.count("Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan)") == 2
    assert "Volwassenen" in titles
    assert "Jongeren" in titles
    contents = flat("".join(pdf_pages(printed.handbook)[1:4]))
    assert "Fase 1 – Voorbereiding Volwassenen" not in contents  # the part says the variant
    assert "Fase 1 – Voorbereiding" in contents


@pytest.mark.parametrize("item", THEME_LIST_ITEMS)
def test_bijlage_9_lists_are_printed_as_lists(printed: Printed, item: str) -> None:
    text = "\n".join(pdf_pages(printed.handbook))
    assert item in text
    assert "Standaardthema. -" not in flat(text)


def test_booklet_prints_each_chosen_themes_text_for_the_client(printed: Printed) -> None:
    sam = yaml.safe_load((EXAMPLES / "sam.yml").read_text(encoding="utf-8"))
    text = flat("\n".join(pdf_pages(printed.booklet)))
    assert sam["themas"]
    for theme_id in sam["themas"]:
        client_text = methode.themas().by_id(theme_id).client_text(sam["variant"])
        assert client_text, theme_id
        assert flat(client_text) in text, f"{theme_id}: the client's text is not printed"
    for item in THEME_LIST_ITEMS:  # the toolkit's material stays in the handbook
        assert flat(item) not in text


def test_booklet_prints_its_lists_as_lists(printed: Printed) -> None:
    sam = yaml.safe_load((EXAMPLES / "sam.yml").read_text(encoding="utf-8"))
    text = flat("\n".join(pdf_pages(printed.booklet)))
    items = [*sam["langetermijndoelen"], *sam["signaleringsplan"]["signalen"]]
    for item in items:
        assert flat(f"• {item}") in text, f"not printed as a list item: {item!r}"
    assert "Standaardthema. -" not in text


def test_folder_is_landscape_in_the_handbook_pdf(printed: Printed) -> None:
    reader = PdfReader(str(printed.handbook))
    texts = pdf_pages(printed.handbook)
    folder = [i for i, text in enumerate(texts) if "Bij wie kan ik terecht voor vragen?" in text]
    assert len(folder) == 2  # one per variant
    for start in folder:
        for sheet in reader.pages[start : start + 2]:  # an A5 folder: two A4 landscape pages
            assert float(sheet.mediabox.width) > float(sheet.mediabox.height)
    portrait = [p for p in reader.pages if float(p.mediabox.width) < float(p.mediabox.height)]
    assert len(portrait) > len(reader.pages) - 5


def test_no_page_holds_only_a_note_box(printed: Printed) -> None:
    for number, text in enumerate(pdf_pages(printed.handbook), start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        body = lines[2:-1]  # without the running header (part, page) and the page number
        assert not (body and body[0].strip() == "NB"), f"page {number}: {flat(text)[:120]}"


def test_tagged_writer_sets_language_and_title() -> None:
    """The PDF plugin's page has no `lang` and the home page's title: both are set."""
    writer = TaggedPdfWriter("nl", "Handboek <resourcegroepen>")
    html = writer.prepare("<html><head><title>Start</title></head><body></body></html>")
    assert html.startswith('<html lang="nl"><head><title>Handboek &lt;resourcegroepen&gt;</title>')
    assert "Start" not in html
    assert writer.prepare('<html lang="en"><head></head></html>').startswith('<html lang="en">')
