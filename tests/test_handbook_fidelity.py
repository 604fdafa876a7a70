"""The handbook against the toolkits: each variant's own form labels, bijlage 9's lists, pages that
name their toolkit, the organisation's details or lines to write on, links that work from disk."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
import yaml

from resourceboek.adapters.handbook_build import build_handbook
from resourceboek.groupfile.load import load_groups
from resourceboek.handbook import handbook
from resourceboek.pages import render
from resourceboek.project.project import load_project

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN_EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "admonition"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Every variant page of the handbook as Markdown (no MkDocs build)."""
    content = ROOT / "content"
    examples = {
        e.groep.variant.value: e for e in load_groups([content / "voorbeelden"], guidelines=False)
    }
    return handbook.render_handbook(
        handbook.read_sources(content), handbook.Organisation(), render.make_environment(), examples
    )


def text_of(page: str) -> str:
    """The visible text of a page's Markdown, white space collapsed."""
    html = markdown.markdown(handbook.split_front_matter(page)[1], extensions=MARKDOWN_EXTENSIONS)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


FORM_LABELS = {
    # page: (must be there, must not be there), from each toolkit's own bijlage 3 and 4
    "volwassenen/bijlagen/03-resourcegroepplan.md": (
        [
            "Resourcegroepplan van",
            "Zorgverantwoordelijke",
            "Ervaringsdeskundige",
            "Persoonlijk langetermijnhersteldoel: over een tijdje wil ik",
            "Korte termijn hersteldoel 1: dit wil ik de volgende bijeenkomst bereikt hebben",
            "Korte termijn hersteldoel 3",
            "Resourcegroep Dossierhouder/hoofdbehandelaar Overige:",
            "Contactgegevens (naam, telefoonnr, emailadres)",
        ],
        [
            "Kortetermijndoel",
            "Signaleringsplan van",
            "Overigen:",
            "Regieondersteuner /",
            "Regiebehandelaar",
        ],
    ),
    "jongeren/bijlagen/03-resourcegroepplan.md": (
        [
            "Datum eerstvolgende bijeenkomst",
            "Regiebehandelaar",
            "Korte termijn hersteldoel 2: dit wil ik de volgende bijeenkomst bereikt hebben",
            "Signaleringsplan van:",
            "Resourcegroep Regieondersteuner / regiebehandelaar Overigen:",
        ],
        [
            "Kortetermijndoel",
            "Dossierhouder",
            "Overige:",
            "Zorgverantwoordelijke",
            "Ervaringsdeskundige",
        ],
    ),
    "volwassenen/bijlagen/04-voorbeeld.md": (
        [
            "Persoonlijke langetermijnhersteldoelen. Over een tijdje wil ik:",
            "Kortetermijnhersteldoel 1. Dit wil ik de volgende bijeenkomst bereikt hebben",
            "Kortetermijnhersteldoel 2.",
            "Zorgverantwoordelijke Jetske (psychiater)",
            "Mijn moeder: 06 …",
            "Huisarts S. Engelshoofd",
        ],
        ["Signaleringsplan van", "Kortetermijndoel ", "Datum eerstvolgende", "Mieke (mijn zus)"],
    ),
    "jongeren/bijlagen/04-voorbeeld.md": (
        [
            "Locatie kantoor FACT-team",
            "Persoonlijke langetermijndoelen. Over een tijdje wil ik:",
            "Kortetermijndoel 1. Dit wil ik de volgende bijeenkomst bereikt hebben",
            "Signaleringsplan van Teun",
        ],
        [
            "langetermijnhersteldoelen",
            "Kortetermijnhersteldoel",
            "Zorgverantwoordelijke",
            "Mieke (mijn zus)",
        ],
    ),
}
NOT_IN_EXAMPLE = ["Status:", "Loopt", "Lees dit als het niet goed gaat", "Geen telefoonnummer"]


@pytest.mark.parametrize("path", sorted(FORM_LABELS))
def test_each_variant_form_has_its_toolkits_labels(pages: dict[str, str], path: str) -> None:
    present, absent = FORM_LABELS[path]
    text = text_of(pages[path])
    assert [label for label in present if label not in text] == []
    assert [label for label in absent if label in text] == []


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_the_example_is_the_toolkits_not_a_booklet(pages: dict[str, str], variant: str) -> None:
    text = text_of(pages[f"{variant}/bijlagen/04-voorbeeld.md"])
    assert [phrase for phrase in NOT_IN_EXAMPLE if phrase in text] == []
    assert (
        text.split("Contactgegevens")[-1].count("06 …") == 6
    )  # three participants, one other, regieondersteuner, clinician
    for heading in ("Bij een crisis", "Professionals", "Mogelijke deelnemers per bijeenkomst "):
        assert f"## {heading}" not in pages[f"{variant}/bijlagen/04-voorbeeld.md"]


@pytest.mark.parametrize(
    ("variant", "item"),
    [
        ("volwassenen", "Verbeteren van kennis van de leden van de resourcegroep."),
        ("jongeren", "Verkennen van definities van herstel"),
        ("jongeren", "Verbindend gezag en geweldloos verzet"),
    ],
)
def test_bijlage_9_themes_are_lists(pages: dict[str, str], variant: str, item: str) -> None:
    page = handbook.split_front_matter(pages[f"{variant}/bijlagen/09-themabijeenkomsten.md"])[1]
    html = markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS)
    assert f"<li>{item}</li>" in html
    assert "Standaardthema.</em>\n-" not in html


def test_every_page_names_its_toolkit(pages: dict[str, str]) -> None:
    for path, page in pages.items():
        meta, body = handbook.split_front_matter(page)
        name = "Jongeren" if path.startswith("jongeren/") else "Volwassenen"
        h1 = next(line for line in body.splitlines() if line.startswith("# "))
        assert meta["variant"] == name, path
        assert name.lower() in h1.lower(), (path, h1)
        assert meta["title"], path
        assert "rb-variantlabel" not in meta["title"], path
        assert "{" not in meta["title"], path  # an attribute list stays on the heading


def test_youth_landing_page_is_not_headed_gebruik(pages: dict[str, str]) -> None:
    assert (
        handbook.split_front_matter(pages["jongeren/index.md"])[0]["title"]
        == "Toolkit voor jongeren"
    )


def test_folder_without_organisation_has_fields_to_write_in(pages: dict[str, str]) -> None:
    folder = pages["volwassenen/bijlagen/01-informatiefolder.md"]
    assert folder.count('class="rb-invulveld"') == 4
    assert "GGZ Voorbeeld" not in folder
    assert "example.org" not in folder


def test_folder_with_organisation_shows_it() -> None:
    sources = [s for s in handbook.read_sources(ROOT / "content") if "informatiefolder" in s.path]
    org = handbook.Organisation("GGZ Test", "Team Noord", "rg@ggz-test.nl", "010 999 99 99")
    pages = handbook.render_handbook(sources, org, render.make_environment(), {})
    folder = pages["jongeren/bijlagen/01-informatiefolder.md"]
    shown = markdown.markdown(folder, extensions=["attr_list", "def_list", "md_in_html"])
    for value in ("GGZ Test", "Team Noord", "rg@ggz-test.nl", "010 999 99 99"):
        assert value in shown  # literal text in the page (escaped for Markdown in its source)
    assert "rb-invulveld" not in folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("handboek") / "handboek"
    build_handbook(load_project(ROOT / "mkdocs.yml"), dest, pdf=False)
    return dest


def test_every_internal_link_opens_a_file_from_disk(site: Path) -> None:
    """From a folder (file://) a link to a directory shows a listing: every link is a file."""
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served by a web server only, with absolute links
            continue
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            url = urlsplit(href)
            if url.scheme or href.startswith(("#", "//")):
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if not target.is_file():
                broken.append((str(page.relative_to(site)), href))
    assert broken == []
    assert len(list(site.rglob("*.html"))) > 40


def test_search_index_titles_name_the_toolkit(site: Path) -> None:
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = [d["title"] for d in docs if d["location"].endswith("03-resourcegroepplan.html")]
    assert sorted(titles) == [
        "Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan) · Jongeren",
        "Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan) · Volwassenen",
    ]
    tab = (site / "jongeren/bijlagen/03-resourcegroepplan.html").read_text(encoding="utf-8")
    assert "<title>Bijlage 3 – Resourcegroepplan (inclusief signaleringsplan) · Jongeren -" in tab


def test_bijlage_3_prints_only_the_form(pages: dict[str, str]) -> None:
    """The sentence for readers of the site (print it, see bijlage 4) is not printed on the form."""
    for variant in ("volwassenen", "jongeren"):
        body = handbook.split_front_matter(pages[f"{variant}/bijlagen/03-resourcegroepplan.md"])[1]
        html = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
        intro = html.split("<p", 2)[1]
        assert "om te printen" in intro
        assert 'class="rb-alleen-scherm"' in intro


def test_booklet_tells_a_theme_to_the_client_not_the_toolkits_material() -> None:
    """Bijlage 9's material stays in the handbook; the booklet gives each chosen theme its client
    text (methode/themas.yml `voor_jou`, issue 23: nothing for the professional in the booklet)."""
    import datetime as dt

    from resourceboek.groupfile import methode
    from resourceboek.groupfile.load import load_group

    groep = load_group(ROOT / "groups" / "sam.yml").groep
    booklet = render.render_booklet(groep, dt.date(2026, 1, 1), render.make_environment())
    html = markdown.markdown(booklet["themabijeenkomsten.md"], extensions=MARKDOWN_EXTENSIONS)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    voor_jou = methode.themas().by_id("herstel-van-ontwikkeling").client_text("jongeren")
    assert " ".join(str(render.variant_items([voor_jou], "jongeren")[0]).split()) in text
    assert "Verkennen van definities van herstel" not in text


TOOLKIT_AGENDA = yaml.safe_load(
    (ROOT / "tests" / "data" / "toolkit-bijlage-7.yml").read_text("utf-8")
)
OWN_TEXT = "Toelichting van dit handboek: dit is een eigen tekst, niet uit de toolkit."


def first_list(page: str) -> list[str]:
    """The items of the first list of a page's Markdown, white space folded."""
    html = markdown.markdown(handbook.split_front_matter(page)[1], extensions=MARKDOWN_EXTENSIONS)
    first = re.search(r"<ol>(.*?)</ol>", html, re.S)
    assert first, "no list on the page"
    items = re.findall(r"<li>(.*?)</li>", first[1], re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_bijlage_7_is_the_toolkits_one_agenda(pages: dict[str, str], variant: str) -> None:
    page = pages[f"{variant}/bijlagen/07-voorbeeldagenda.md"]
    assert first_list(page) == TOOLKIT_AGENDA[variant]


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_bijlage_7_marks_the_booklets_agendas_as_its_own(
    pages: dict[str, str], variant: str
) -> None:
    text = text_of(pages[f"{variant}/bijlagen/07-voorbeeldagenda.md"])
    own = text.index(OWN_TEXT)
    assert own > text.index(TOOLKIT_AGENDA[variant][-1])  # after the toolkit's agenda
    theme = text.index("Themabijeenkomst", own)
    assert "Jullie praten over het thema van vandaag." in text[theme:]
    assert "signaleringsplan" not in text[theme:].lower()  # invitees are there


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_bijlage_5_marks_the_colleague_letter_as_its_own(
    pages: dict[str, str], variant: str
) -> None:
    text = text_of(pages[f"{variant}/bijlagen/05-uitnodigingsbrief.md"])
    colleague = text.index("Brief aan een collega")
    assert text.index("U/Jij ontvangt deze brief") < colleague  # the toolkit's letter first
    after = text[colleague:]
    assert "een eigen tekst van dit handboek, niet uit de toolkit" in after
    assert "heeft je gekozen voor de resourcegroep" in after
    assert "informatiefolder" in text  # the letter's second page, as resourceboek prints it


TOOLKIT_EXAMPLE = yaml.safe_load(
    (ROOT / "tests" / "data" / "toolkit-bijlage-4.yml").read_text("utf-8")
)


def fold(html: str) -> str:
    """The visible text of an HTML fragment, white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def form_entries(page: str) -> tuple[list[str], dict[str, list[str]]]:
    """A form's labels with their values: "label: value" lines, and {label: items} for lists."""
    html = markdown.markdown(handbook.split_front_matter(page)[1], extensions=MARKDOWN_EXTENSIONS)
    parts = re.split(r"<(?:dt|h3)[^>]*>(.*?)</(?:dt|h3)>", html, flags=re.S)
    lines, lists = [], {}
    for label, content in zip(parts[1::2], parts[2::2], strict=True):
        value = re.split(r"</dd>|</div>", content)[0]
        items = [fold(item) for item in re.findall(r"<li>(.*?)</li>", value, re.S)]
        if items:
            lists[fold(label).rstrip(":")] = items
        else:
            lines.append(f"{fold(label).rstrip(':')}: {fold(value)}")
    return lines, lists


@pytest.mark.parametrize("variant", ["volwassenen", "jongeren"])
def test_bijlage_4_names_people_as_the_toolkits_example(
    pages: dict[str, str], variant: str
) -> None:
    """Issue 23 item 4: "mijn zus Mieke", "Psychiater Jetske", "Regieondersteuner: Harry 06 …"."""
    lines, lists = form_entries(pages[f"{variant}/bijlagen/04-voorbeeld.md"])
    toolkit = TOOLKIT_EXAMPLE[variant]
    assert [r["tekst"] for r in toolkit["regels"] if r["tekst"] not in lines] == []
    for entry in toolkit["lijsten"]:
        assert lists.get(entry["kop"]) == entry["items"], entry["kop"]
