"""A real build of the example groups: each booklet's pages, navigation and separation."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from buildkit import booklet_dir, build, decrypted_pages, make_project
from resourceboek.pages.render import template_globals

EXAMPLES = Path(__file__).resolve().parent.parent / "groups"
PAGES = [
    "bijeenkomsten.html",
    "contacten.html",
    "index.html",
    "over-de-groep.html",
    "resourcegroepplan.html",
    "signaleringsplan.html",
    "themabijeenkomsten.html",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("booklets"))
    report = build(project)
    pages = {gid: decrypted_pages(booklet_dir(project, report, gid)) for gid in report.tokens}
    return project, report, pages


def example(gid: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{gid}.yml").read_text(encoding="utf-8"))


def text_of(page: str) -> str:
    """Visible text of the article, whitespace folded."""
    body = page.split("<article", 1)[1].split("</article>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def nav_pages(page: str) -> list[str]:
    """Pages linked from the booklet's menu, in order."""
    nav = page.split('class="rb-menu"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'href="([a-z-]+\.html)"', nav)
    return list(dict.fromkeys(links))


def test_each_booklet_has_its_pages_and_only_them(built) -> None:
    project, report, pages = built
    assert sorted(report.tokens) == ["sam", "teun"]
    for gid, booklet in pages.items():
        assert sorted(booklet) == PAGES
        assert nav_pages(booklet["contacten.html"]) == [
            "index.html",
            "resourcegroepplan.html",
            "signaleringsplan.html",
            "contacten.html",
            "themabijeenkomsten.html",
            "bijeenkomsten.html",
            "over-de-groep.html",
        ]
        assert not (booklet_dir(project, report, gid) / "sitemap.xml").exists()
        assert not list(booklet_dir(project, report, gid).rglob("search_index.json"))
        # Built without PDFs: no link to a PDF that is not there.
        assert not (booklet_dir(project, report, gid) / "boekje.pdf").exists()
        assert all("boekje.pdf" not in page for page in booklet.values())


def test_teun_signaleringsplan_has_every_heading_in_the_forms_order(built) -> None:
    _, _, pages = built
    text = text_of(pages["teun"]["signaleringsplan.html"])
    plan = example("teun")["signaleringsplan"]
    positions = []
    names = template_globals("volwassenen")
    for key, _ in names["signalering"]:
        title = names["stem"]["signalering"][key]  # the client's own heading, in the form's order
        assert title in text, title
        positions.append(text.index(title))
        for item in plan[key]:
            if key == "contact_bij_crisis":
                continue
            assert item in text[text.index(title) :], item
    assert positions == sorted(positions)
    for name in ("De resourcegroep", "Jetske (psychiater)", "Mijn moeder"):
        assert name in text


def test_teun_resourcegroepplan_has_every_goal_and_answer(built) -> None:
    _, _, pages = built
    text = text_of(pages["teun"]["resourcegroepplan.html"])
    teun = example("teun")
    for goal in teun["langetermijndoelen"]:
        assert goal in text
    for goal in teun["kortetermijndoelen"]:
        for key, value in goal.items():
            if key == "taken":
                assert all(task["wat"] in text for task in value), value
            elif key != "status":
                assert " ".join(value.split()) in text, (key, value)
    for label in (
        "Regieondersteuner Harry",
        "Zorgverantwoordelijke Jetske (psychiater)",
        "Ervaringsdeskundige Joost",
        "de groep van Teun",
    ):
        assert label in text


def test_contacts_have_tap_to_call_and_crisis_contacts_first(built) -> None:
    _, _, pages = built
    page = pages["teun"]["contacten.html"]
    for person in example("teun")["personen"].values():
        if "telefoon" in person:
            assert f'href="tel:{person["telefoon"].replace(" ", "")}"' in page
        if "email" in person:
            assert f'href="mailto:{person["email"]}"' in page
    text = text_of(page)
    assert text.index("Bij een crisis") < text.index("Je resourcegroep")


def test_next_meeting_and_minutes_newest_first(built) -> None:
    _, _, pages = built
    start = text_of(pages["sam"]["index.html"])
    assert "maandag 18 januari 2027, 16:00" in start
    assert "Hier zijn jullie nu" in text_of(pages["sam"]["over-de-groep.html"])
    meetings = text_of(pages["sam"]["bijeenkomsten.html"])
    assert "Wat jullie gaan doen" in meetings
    assert meetings.index("maandag 26 oktober 2026") < meetings.index("maandag 3 augustus 2026")
    assert "Je opent de bijeenkomst." in meetings
    assert "Opening" not in meetings
    assert "NB" not in meetings


def test_wording_follows_the_variant(built) -> None:
    _, _, pages = built
    sam = text_of(pages["sam"]["resourcegroepplan.html"])
    teun = text_of(pages["teun"]["resourcegroepplan.html"])
    assert "Regiebehandelaar" in sam
    assert "Zorgverantwoordelijke" not in sam
    assert "Zorgverantwoordelijke" in teun
    assert "Regiebehandelaar" not in teun


def test_themes_of_bijlage_9_told_to_the_young_person(built) -> None:
    _, _, pages = built
    text = text_of(pages["sam"]["themabijeenkomsten.html"])
    for title in ("Herstel van ontwikkeling", "Psycho-educatie", "Risicovol gedrag"):
        assert title in text
    assert "Jullie praten over wat herstel voor jou betekent." in text
    # A parents' approach is never a label on the young person; the toolkit's list stays in the
    # handbook.
    for word in ("Model van Law", "Verbindend gezag", "geweldloos verzet", "epidemiologie"):
        assert word not in text


def test_no_value_of_one_group_in_the_other(built) -> None:
    _, _, pages = built
    values = {gid: _distinct_values(example(gid)) for gid in ("teun", "sam")}
    for gid, other in (("teun", "sam"), ("sam", "teun")):
        everything = "\n".join(pages[gid].values())
        leaked = [v for v in values[other] - values[gid] if v in everything]
        assert leaked == []


def test_handbook_index_and_sitemap_know_no_group(built) -> None:
    project, _, _ = built
    handbook = project.site_root / "handboek"
    index = (handbook / "search" / "search_index.json").read_text(encoding="utf-8")
    sitemap = (handbook / "sitemap.xml").read_text(encoding="utf-8")
    assert "boekjes" not in sitemap
    for value in _distinct_values(example("sam")):
        assert value not in index, value
        assert value not in sitemap, value
    for gid in ("teun", "sam"):
        for person in example(gid)["personen"].values():
            for field in ("telefoon", "email"):
                if field in person:
                    assert person[field] not in index


def _distinct_values(data: object) -> set[str]:
    """Longer free-text values of a group file (short words like 'vriend' are everywhere)."""
    found: set[str] = set()
    if isinstance(data, dict):
        for value in data.values():
            found |= _distinct_values(value)
    elif isinstance(data, list):
        for value in data:
            found |= _distinct_values(value)
    elif isinstance(data, str) and len(data) >= 12 and " " in data:
        found.add(data.strip().split("\n")[0])
    return found


def test_values_are_text_not_markup(tmp_path: Path) -> None:
    teun = (EXAMPLES / "teun.yml").read_text(encoding="utf-8")
    teun = teun.replace(
        "doel: ik wil gaan sporten.",
        "doel: \"<script>alert('x')</script> **vet** [klik](javascript:alert(1))\"",
    )
    project = make_project(tmp_path, {"teun": teun})
    report = build(project)
    page = decrypted_pages(booklet_dir(project, report, "teun"))["resourcegroepplan.html"]
    assert "<script>alert" not in page
    assert (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; **vet** [klik](javascript:alert(1))"
        in page
    )
    assert 'href="javascript' not in page
    assert "<strong>vet</strong>" not in page


OWN_LOOK = """{% extends "base.html" %}
{% block footer %}{{ super() }}<p class="org-voet">Een boekje van GGZ Voorbeeld</p>{% endblock %}
"""


def test_an_organisation_overrides_the_booklet_themes_blocks(tmp_path: Path) -> None:
    """themes/boekje/main.html (`booklet_theme_dir`) extends the booklet theme's base.html."""
    own = tmp_path / "eigen-boekje"
    own.mkdir()
    (own / "main.html").write_text(OWN_LOOK, encoding="utf-8")
    teun = (EXAMPLES / "teun.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path, {"teun": teun}).with_options(booklet_theme_dir=str(own))
    report = build(project)
    pages = decrypted_pages(booklet_dir(project, report, "teun"))
    for name, page in pages.items():
        assert '<p class="org-voet">Een boekje van GGZ Voorbeeld</p>' in page, name
        assert 'class="rb-vorige-volgende"' in page, name  # {{ super() }}: the theme's own footer
        assert 'id="rb-vergrendel"' in page, name


def test_a_booklet_carries_nothing_of_material(built) -> None:
    """The booklet's own theme: no file, class or script of Material for MkDocs in a booklet."""
    project, report, pages = built
    for gid, booklet in pages.items():
        folder = booklet_dir(project, report, gid)
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert not [f for f in files if f.startswith("assets/")], files
        assert sum((folder / f).stat().st_size for f in files if not f.endswith(".pdf")) < 100_000
        for name, page in booklet.items():
            assert "md-header" not in page, name
            assert "__md_" not in page, name
            assert "mkdocs-material" not in page.lower(), name
