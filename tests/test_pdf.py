"""The PDFs: the handbook and every booklet are Dutch, numbered and complete; a booklet's PDF is
published only encrypted, its readable copy only in the print folder.

One real build with PDFs (WeasyPrint, about a minute) serves the whole module. The groups are the
repository's fictional examples plus two copies of one: one with some signaleringsplan headings left
empty (those are hidden on screen and must be printed, with their writing lines), and the fullest
booklet (every theme of its variant, a handover), whose contents must still fit on one page.
Headings are taken from where the booklet takes them (`methode/boekje.yml`, the booklet's pages),
never typed again here.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
import yaml

from buildkit import DEMO_PASSWORD, build, decrypted_pages, make_project
from pathkit import CONFIG, EXAMPLES, poppler
from resourceboek import PACKAGE_DIR
from resourceboek.adapters.booklet import pdf_setup
from resourceboek.groupfile import methode
from resourceboek.groupfile.load import find_group_files
from resourceboek.pages.render import BOOKLET_PAGES, template_globals
from resourceboek.paper.zakkaart import ZAKKAART_NAME
from resourceboek.project.project import load_project

pytestmark = pytest.mark.pdf

HANDBOOK_PDF = Path("handboek") / "handboek-resourcegroepen.pdf"
PARTLY_EMPTY = "sam-deels-leeg"
FULLEST = "sam-vol"
LEFT_EMPTY = ("verblijfplaats", "opname", "medicatie_helpt", "medicatie_weigeren")
ENGLISH = ("None", "Table of contents", "Contents", "Page ")


def signalering_titles(variant: str) -> list[str]:
    """The booklet's headings of the signaleringsplan, in its order, as `methode/boekje.yml` words them."""
    voice = methode.client_voice()[variant]["signalering"]
    return [voice[key] for key, _ in template_globals(variant)["signalering"]]


def pdf_pages(path: Path, password: str | None = None) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    args = [poppler("pdftotext"), "-enc", "UTF-8"]
    if password is not None:
        args += ["-upw", password]
    proc = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"pdftotext {path}: {proc.stderr}"
    pages = proc.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Text with every run of white space as one space (headings wrap over lines)."""
    return " ".join(text.split())


def outline(path: Path, password: str = "") -> list[tuple[str, int]]:
    """The PDF's bookmarks (WeasyPrint makes one per rendered heading): (title, page index)."""
    found: list[tuple[str, int]] = []
    with pikepdf.open(path, password=password) as pdf:
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

        def walk(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                dest = item.destination
                page = index.get(dest[0].objgen, -1) if isinstance(dest, pikepdf.Array) else -1
                found.append((flat(str(item.title)), page))
                walk(item.children)

        with pdf.open_outline() as tree:
            walk(tree.root)
    return found


class _H1Text(HTMLParser):
    """The text of a page's <h1>, without Material's permalink (¶) and the variant label."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._depth = 0
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "h1":
            self._in_h1 = True
        elif self._in_h1 and tag in ("a", "span") and (self._depth or _skipped(classes)):
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        elif tag in ("a", "span") and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h1 and not self._depth:
            self.parts.append(data)


def _skipped(classes: str) -> bool:
    """The permalink, and the variant label (the PDF has a part per variant)."""
    return "headerlink" in classes or "rb-variantlabel" in classes


def h1_of(page: Path) -> str:
    parser = _H1Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return flat("".join(parser.parts))


@dataclass
class Built:
    site: Path
    prints: Path
    tokens: dict[str, str]
    variants: dict[str, str]

    def booklet(self, gid: str) -> Path:
        return self.site / "boekjes" / self.tokens[gid] / "boekje.pdf"


def _partly_empty_group() -> str:
    data = yaml.safe_load((EXAMPLES / "sam.yml").read_text(encoding="utf-8"))
    data["groepsnaam"] = "Team Sam (deels leeg)"
    for key in LEFT_EMPTY:
        data["signaleringsplan"].pop(key, None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _fullest_group() -> str:
    """Sam's group with every theme of its variant and a handover: the longest contents."""
    data = yaml.safe_load((EXAMPLES / "sam.yml").read_text(encoding="utf-8"))
    data["groepsnaam"] = "Team Sam (vol)"
    data["themas"] = [theme.id for theme in methode.themas().for_variant(data["variant"])]
    data["overdracht"] = {"soort": "overdracht", "naar": "de huisarts"}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    poppler("pdftotext")  # before the minute of building: skip (or fail under CI) at once
    tmp = tmp_path_factory.mktemp("pdf")
    groups = {p.stem: p.read_text(encoding="utf-8") for p in find_group_files([EXAMPLES])}
    groups[PARTLY_EMPTY] = _partly_empty_group()
    groups[FULLEST] = _fullest_group()
    project = make_project(tmp, groups)
    prints = tmp / "afdrukken"
    report = build(project, pdf=True, print_dir=prints)
    assert not report.failed, report.failed
    print(report.summary())
    variants = {gid: yaml.safe_load(text)["variant"] for gid, text in groups.items()}
    return Built(project.site_root, prints, report.tokens, variants)


@pytest.fixture(scope="module")
def handbook_pages(built: Built) -> list[str]:
    return pdf_pages(built.site / HANDBOOK_PDF)


def _numbered(pages: list[str], first: int = 1) -> None:
    """Every page from number `first` on says "pagina N van M"."""
    total = len(pages)
    assert total > 2
    for number, text in enumerate(pages[first - 1 :], start=first):
        assert f"pagina {number} van {total}" in text, f"page {number} has no 'pagina {number} van'"


def _dutch(text: str) -> None:
    for word in ENGLISH:
        assert not re.search(rf"\b{re.escape(word)}", text), f"English in the PDF: {word!r}"


# The handbook -----------------------------------------------------------------------------------


def test_handbook_has_dutch_contents_and_page_numbers(handbook_pages: list[str]) -> None:
    text = "\n".join(handbook_pages)
    assert "Inhoud" in handbook_pages[1]
    assert "pagina 1 van" in text
    _numbered(handbook_pages)
    _dutch(text)


def test_handbook_has_every_bijlage(built: Built, handbook_pages: list[str]) -> None:
    pages = sorted((built.site / "handboek").glob("*/bijlagen/*.html"))
    titles = sorted({h1_of(page) for page in pages})
    assert len(titles) >= 10, titles
    marks = outline(built.site / HANDBOOK_PDF)
    rendered = {title for title, _ in marks}
    first = min(page for _, page in marks)  # the first page after the cover and the contents
    body = flat("\n".join(handbook_pages[first:]))
    for title in titles:
        assert title in body, f"{title!r} not in the handbook PDF"
        assert title in rendered, f"{title!r} is not a heading of the handbook PDF"


def test_handbook_is_complete_to_the_last_page(built: Built, handbook_pages: list[str]) -> None:
    # WeasyPrint silently drops everything after a box it cannot split over pages: the last part
    # of the navigation must still be in the PDF, on one of its last pages.
    marks = outline(built.site / HANDBOOK_PDF)
    assert marks, "no bookmarks"
    last_title, last_page = marks[-1]
    assert last_page >= len(handbook_pages) - 3, (last_title, last_page, len(handbook_pages))
    assert all(page >= 0 for _, page in marks)


# The booklets -----------------------------------------------------------------------------------


def test_booklet_pdfs_cannot_be_read_without_password(built: Built) -> None:
    for gid in built.tokens:
        proc = subprocess.run(
            [poppler("pdftotext"), str(built.booklet(gid)), "-"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode != 0 or not proc.stdout.strip(), gid


@pytest.mark.parametrize("gid", ["sam", "teun", PARTLY_EMPTY])
def test_booklet_pdf_is_dutch_numbered_and_has_the_whole_signaleringsplan(
    built: Built, gid: str
) -> None:
    pdf = built.booklet(gid)
    pages = pdf_pages(pdf, DEMO_PASSWORD)
    text = "\n".join(pages)
    assert "Vertrouwelijk" in pages[0]
    assert "Afgedrukt op 23 november 2026" in flat(pages[0])
    assert "Inhoud" in pages[1]
    assert "pagina" not in pages[0]  # a booklet's cover is a cover, without a page number
    _numbered(pages, first=2)
    _dutch(text)

    marks = outline(pdf, DEMO_PASSWORD)
    titles = [title for title, _ in marks]
    start = titles.index("Signaleringsplan")
    body = flat("\n".join(pages[marks[start][1] :]))
    for title in signalering_titles(built.variants[gid]):
        # A bookmark exists only for a heading that was laid out: an empty heading's block
        # (hidden on screen) must be printed, not just listed in the contents.
        assert title in titles[start:], f"{gid}: {title!r} is not printed"
        assert title in body, f"{gid}: {title!r} not in the text"


def test_signaleringsplan_starts_on_a_new_page(built: Built) -> None:
    for gid in built.tokens:
        marks = outline(built.booklet(gid), DEMO_PASSWORD)
        titles = [title for title, _ in marks]
        start = titles.index("Signaleringsplan")
        page = marks[start][1]
        assert all(p < page for _, p in marks[:start]), f"{gid}: shares a page with the plan"


def test_plain_copy_only_in_print_dir_and_nothing_readable_on_the_site(built: Built) -> None:
    handbook = built.site / HANDBOOK_PDF
    on_site = sorted(built.site.rglob("*.pdf"))
    assert handbook in on_site  # the handbook is public: no client data
    booklets = sorted(p for p in on_site if p != handbook and p.name != ZAKKAART_NAME)
    assert booklets == sorted(built.booklet(gid) for gid in built.tokens)
    for booklet in booklets:
        with pytest.raises(pikepdf.PasswordError):
            pikepdf.open(booklet)
    for gid in built.tokens:
        plain = built.prints / f"{gid}.pdf"
        with pikepdf.open(plain) as copy:  # readable without a password: for the printer
            assert not copy.is_encrypted
        assert not any(p.name == plain.name for p in on_site)
        assert all(p.read_bytes() != plain.read_bytes() for p in on_site)
        assert not built.prints.resolve().is_relative_to(built.site.resolve())


def _contents(page: str) -> list[tuple[str, int]]:
    """The entries of the contents page: ("Signaleringsplan", 6), with their dot leaders removed."""
    entries = []
    for line in page.splitlines():
        match = re.match(r"\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            entries.append((flat(match.group(1)), int(match.group(2))))
    return entries


@pytest.mark.parametrize("gid", ["sam", "teun"])
def test_booklet_contents_give_the_right_page_numbers(built: Built, gid: str) -> None:
    proc = subprocess.run(
        [
            poppler("pdftotext"),
            "-layout",
            "-enc",
            "UTF-8",
            "-upw",
            DEMO_PASSWORD,
            str(built.booklet(gid)),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    pages = proc.stdout.split("\f")
    entries = _contents(pages[1])
    titles = [title for title, _ in entries]
    for page_title in (page.title for page in BOOKLET_PAGES):
        assert page_title in titles, f"{gid}: {page_title} not in the contents"
    for title, number in entries:
        assert 2 < number <= len(pages), (gid, title, number)
        assert title in flat(pages[number - 1]), f"{gid}: {title!r} is not on page {number}"
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers), f"{gid}: the contents are not in page order"


def test_booklet_links_stay_inside_the_pdf(built: Built) -> None:
    """ "In dit boekje" links to the other pages: in the PDF they jump to a page, not to a file."""
    for gid in built.tokens:
        with pikepdf.open(built.booklet(gid), password=DEMO_PASSWORD) as pdf:
            internal, external = 0, []
            for page in pdf.pages:
                for annot in page.obj.get("/Annots", []):
                    if annot.get("/Subtype") != "/Link":
                        continue
                    action = annot.get("/A")
                    if action is not None and action.get("/S") == "/URI":
                        external.append(str(action.URI))
                    else:
                        internal += 1
        assert internal >= 5, f"{gid}: {internal} links inside the PDF"
        assert all(uri.startswith(("tel:", "mailto:")) for uri in external), (gid, external)


def test_booklet_pages_link_to_their_pdf(built: Built) -> None:
    for gid, token in built.tokens.items():
        folder = built.site / "boekjes" / token
        for name, html in decrypted_pages(folder).items():
            assert 'href="boekje.pdf"' in html, f"{gid}/{name}: no link to the PDF"
            assert "Boekje als PDF" in html


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_booklet_pdf_draws_the_sociogram_with_names_only(built: Built, gid: str) -> None:
    text = flat("\n".join(pdf_pages(built.prints / f"{gid}.pdf")))
    voice = methode.client_voice()[built.variants[gid]]
    # From the network's introduction to the form title under the next heading (long-term goals).
    start = text.index(flat(voice["netwerk"]))
    drawing = text[start : text.index(flat(voice["vorm_lang"]), start)]
    data = yaml.safe_load((EXAMPLES / f"{gid}.yml").read_text(encoding="utf-8"))
    for person in data["personen"].values():
        if len(person["naam"]) <= 14:  # longer names are wrapped or shortened
            assert person["naam"] in drawing, person["naam"]
        assert str(person.get("telefoon", "@")) not in drawing
        assert str(person.get("email", "@")) not in drawing
    assert "lid van de resourcegroep (deelnemer)" in drawing


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_network_heading_stays_with_its_drawing(built: Built, gid: str) -> None:
    """The heading and its introduction once stayed alone at the bottom of a page."""
    intro = flat(methode.client_voice()[built.variants[gid]]["netwerk"])
    pages = [flat(page) for page in pdf_pages(built.prints / f"{gid}.pdf")]
    page = next(page for page in pages if intro in page)
    assert "lid van de resourcegroep (deelnemer)" in page.split(intro, 1)[1]


def test_booklet_pdf_has_a_print_stylesheet_of_its_own() -> None:
    """No screen stylesheet (the handbook's, the booklet theme's) is laid out for the PDF: the
    PDF's look may not change when the screen's does, and WeasyPrint spent its time on them."""
    project = load_project(Path(CONFIG))
    setup = pdf_setup(project, dt.date(2026, 11, 23))
    assert setup.stylesheets == [project.booklet_pdf_theme_dir / "styles.scss"]
    screen = (project.docs_dir, project.booklet_theme_dir, PACKAGE_DIR / "assets")
    for sheet in setup.stylesheets:
        assert not any(sheet.is_relative_to(folder) for folder in screen), sheet
        assert "@import url" not in sheet.read_text(encoding="utf-8")


_CALL = re.compile(
    r'<span class="rb-bel-wie">([^<]*)</span> <span class="rb-bel-nr">([^<]*)</span>'
)


@pytest.mark.parametrize("gid", ["sam", "teun"])
def test_the_crisis_card_is_printed_with_every_call_and_number(built: Built, gid: str) -> None:
    """Every call of the crisis card, as the booklet's Start page shows it, is one printed line:
    who to call, then the number."""
    start = decrypted_pages(built.booklet(gid).parent)["index.html"]
    calls = [(unescape(who), unescape(nr)) for who, nr in _CALL.findall(start)]
    assert len(calls) >= 3, calls
    page = next(p for p in _layout_pages(built.prints / f"{gid}.pdf") if "Als het niet" in p)
    lines = [flat(line) for line in page.splitlines()]
    for who, number in calls:
        assert any(line.startswith(who) and line.endswith(number) for line in lines), who


# The pocket card (zakkaart) -----------------------------------------------------------------------


def test_pocket_card_encrypted_beside_the_booklet_and_plain_only_in_print_dir(built: Built) -> None:
    for gid in ("sam", "teun"):
        card = built.booklet(gid).with_name(ZAKKAART_NAME)
        with pytest.raises(pikepdf.PasswordError):
            pikepdf.open(card)
        text = flat("\n".join(pdf_pages(card, DEMO_PASSWORD)))
        assert "Bel als het niet goed gaat" in text
        assert "112" in text
        plain = built.prints / f"{gid}-zakkaart.pdf"
        assert plain.stat().st_mode & 0o777 == 0o600
        assert flat("\n".join(pdf_pages(plain))) == text
        page = decrypted_pages(card.parent)["index.html"]
        assert f'href="{ZAKKAART_NAME}"' in page
        assert ">Zakkaart</a>" in page


# Paper glitches and sizes -------------------------------------------------------------------------


def _layout_pages(path: Path) -> list[str]:
    proc = subprocess.run(
        [poppler("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.split("\f")


@pytest.mark.parametrize("gid", ["sam", "teun", PARTLY_EMPTY, FULLEST])
def test_booklet_contents_fit_on_one_page(built: Built, gid: str) -> None:
    """The contents once spilled a line or two onto a page of their own, as the booklet grew."""
    pages = _layout_pages(built.prints / f"{gid}.pdf")
    assert "Inhoud" in pages[1]
    assert "Over de groep" in [title for title, _ in _contents(pages[1])]
    assert _contents(pages[2]) == []
    assert "Als het niet goed gaat" in pages[2]  # the next page is the Start page


@pytest.mark.parametrize("gid", ["sam", "teun"])
def test_the_emergency_line_stays_on_one_line(built: Built, gid: str) -> None:
    lines = [
        flat(line) for line in "\n".join(_layout_pages(built.prints / f"{gid}.pdf")).split("\n")
    ]
    assert "Bij direct levensgevaar: Bel 112" in lines


def test_published_pdfs_are_padded_to_a_size_bucket(built: Built) -> None:
    from resourceboek.protection.protect import padded_size

    for gid in built.tokens:
        published = (built.booklet(gid), built.booklet(gid).with_name(ZAKKAART_NAME))
        printed = (built.prints / f"{gid}.pdf", built.prints / f"{gid}-zakkaart.pdf")
        for pdf, plain in zip(published, printed, strict=True):
            size = pdf.stat().st_size
            assert size == padded_size(size), (gid, pdf.name, size)
            assert size > plain.stat().st_size
            with pikepdf.open(pdf, password=DEMO_PASSWORD) as opened:
                assert opened.is_encrypted
                assert opened.check_pdf_syntax() == []
