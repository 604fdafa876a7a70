"""A booklet page that its template writes as HTML is the page Markdown would have made.

Our page templates write HTML, with headings from `pages/headings.py`, and no Markdown runs over
them (`WrittenPage`). Their headings are what Markdown made of them: our templates turned back
into an organisation's Markdown templates (`buildkit.markdown_page_templates`: the headings as
Markdown, the rest the same HTML) give the same booklet, element by element, on every page of the
examples and of synthetic groups of both variants, a group with hostile text in every field
included. (The rest of each template was Markdown's own output before, lists and links; that
the pages stayed the same was checked once against the Markdown templates, for 123 groups.) An
organisation's own templates, HTML or Markdown, are used.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml

from buildkit import (
    EXAMPLES,
    PACKAGE_TEMPLATES,
    TODAY,
    make_project,
    markdown_page_templates,
    same_html,
)
from rbbench import DEFAULT_SEED
from rbbench.synthetic import group_yaml, make_group
from resourceboek.adapters.booklet import BOOKLET_MARKDOWN, build_booklet
from resourceboek.adapters.worker import Worker
from resourceboek.groupfile.load import load_group
from resourceboek.pages.headings import PageHeadings
from resourceboek.pages.render import BOOKLET_PAGES, make_environment, render_pages


def _hostile(tmp: Path) -> Path:
    """The XSS test's group: a payload in every free-text field of the model."""
    import test_xss

    filler = test_xss.Filler()
    data = yaml.safe_load(test_xss.BASE)
    filler.fill(data, filler.schema)
    path = tmp / "vijandig.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _synthetic(tmp: Path, index: int) -> Path:
    path = tmp / f"groep-{index:04d}.yml"
    path.write_text(group_yaml(make_group(index, DEFAULT_SEED)), encoding="utf-8")
    return path


def _pages(tmp: Path, source: Path, templates: Path | None) -> dict[str, str]:
    """The booklet of `source`, unencrypted (as `serve --group` makes it): {page: HTML}."""
    project = make_project(tmp / "project").with_overrides(templates_dir=templates)
    dest = tmp / ("markdown" if templates else "html") / "t0ken"
    group = load_group(source)
    build_booklet(project, group, "", dest, pdf=False, today=TODAY, worker=Worker(), encrypt=False)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(dest.glob("*.html"))}


SOURCES = ["sam", "teun", "groep-1", "groep-2", "groep-7", "groep-12", "vijandig"]


@pytest.mark.parametrize("name", SOURCES)
def test_a_page_written_as_html_is_the_page_markdown_made(tmp_path: Path, name: str) -> None:
    if name in ("sam", "teun"):
        source = EXAMPLES / f"{name}.yml"
    elif name == "vijandig":
        source = _hostile(tmp_path)
    else:
        source = _synthetic(tmp_path, int(name.split("-")[1]))
    templates = markdown_page_templates(tmp_path / "sjablonen")
    env = make_environment(templates)
    assert all(p.markdown for p in render_pages(load_group(source).groep, TODAY, env).values())
    written = _pages(tmp_path, source, None)
    through_markdown = _pages(tmp_path, source, templates)
    assert (
        sorted(written)
        == sorted(through_markdown)
        == sorted(page.file.replace(".md", ".html") for page in BOOKLET_PAGES)
    )
    for page, html in written.items():
        assert not same_html(through_markdown[page], html), "\n".join(
            [page, *same_html(through_markdown[page], html)[:40]]
        )


def test_the_comparison_sees_a_difference() -> None:
    page = "<html><body><h2 id='a'>Doel<a href='#a'>¶</a></h2><p>x</p></body></html>"
    assert not same_html(page, page.replace("<p>x</p>", "\n\n<p>x</p>\n"))
    assert same_html(page, page.replace("id='a'", "id='b'"))
    assert same_html(page, page.replace("<p>x</p>", "<p><span>x</span></p>"))


HEADINGS = [
    (1, "Start"),
    (2, "Je doelen"),
    (2, "Je doelen"),  # a second one gets "_1", as in Markdown
    (3, "dinsdag 17 november 2026, 19:00"),
    (2, "Hier zijn jullie nu: Heroriëntatie"),
    (2, "Werk & school <thuis>"),
    (3, '\'s Avonds "rustig"'),
    (2, "Doel 1"),
    (4, "Wie doet wat?"),
]


def test_headings_get_the_ids_and_permalinks_markdown_gives_them() -> None:
    headings = PageHeadings()
    ours = [headings(level, text) for level, text in HEADINGS]
    # The old route: the escaped text as a Markdown heading, through the booklet's Markdown.
    source = "\n\n".join(
        "#" * level + " " + str(h.title)
        for (level, _), h in zip(HEADINGS, headings.found, strict=True)
    )
    names = [e if isinstance(e, str) else next(iter(e)) for e in BOOKLET_MARKDOWN]
    configs = {k: v for e in BOOKLET_MARKDOWN if isinstance(e, dict) for k, v in e.items()}
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    theirs = md.convert(source).split("\n")
    assert [str(h) for h in ours] == theirs
    assert headings.nested() == _as_mkdocs_reads_them(md.toc_tokens)  # type: ignore[attr-defined]


def _as_mkdocs_reads_them(tokens: list[dict[str, object]]) -> list[dict[str, object]]:
    """The keys of a `toc` token MkDocs reads for a page's table of contents."""
    return [
        {
            "level": t["level"],
            "id": t["id"],
            "name": t["name"],
            "children": _as_mkdocs_reads_them(t["children"]),  # type: ignore[arg-type]
        }
        for t in tokens
    ]


def test_a_heading_class_is_the_one_attr_list_gives() -> None:
    ours = PageHeadings()("1", "Start", "rb-titel-verborgen")  # type: ignore[arg-type]
    md = markdown.Markdown(
        extensions=["attr_list", "toc"],
        extension_configs={"toc": {"permalink": True, "permalink_title": "Link naar dit kopje"}},
    )
    assert str(ours) == md.convert("# Start { .rb-titel-verborgen }")


def test_an_organisations_html_template_is_used_and_needs_no_markdown(tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    own = (PACKAGE_TEMPLATES / "contacten.html.j2").read_text(encoding="utf-8")
    own += '\n{{ kop(2, "Eigen kop") }}\n\n<p class="eigen">Eigen tekst van de organisatie.</p>\n'
    (templates / "contacten.html.j2").write_text(own, encoding="utf-8")
    pages = render_pages(
        load_group(EXAMPLES / "teun.yml").groep, TODAY, make_environment(templates)
    )
    assert not any(page.markdown for page in pages.values())
    contacten = pages["contacten.md"]
    assert contacten.headings.found[-1].id == "eigen-kop"
    built = _pages(tmp_path, EXAMPLES / "teun.yml", templates)["contacten.html"]
    assert '<p class="eigen">Eigen tekst van de organisatie.</p>' in built
    assert 'id="eigen-kop"' in built


def test_an_organisations_markdown_template_goes_through_markdown(tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    (templates / "contacten.md.j2").write_text(
        "# Contacten\n\nBel ons *gerust*. Lees ook "
        '<a href="resourcegroepplan.html">je plan</a>.\n\n'
        "## Bereikbaar { .eigen }\n\n- {{ groep.groepsnaam }}\n",
        encoding="utf-8",
    )
    built = _pages(tmp_path, EXAMPLES / "teun.yml", templates)
    contacten = built["contacten.html"]
    assert "Bel ons <em>gerust</em>" in contacten
    assert '<a href="resourcegroepplan.html">je plan</a>' in contacten
    assert '<h2 class="eigen" id="bereikbaar">Bereikbaar<a class="headerlink"' in contacten
    # The other pages are still ours, written as HTML.
    ours = _pages(tmp_path / "b", EXAMPLES / "teun.yml", None)
    assert same_html(built["index.html"], ours["index.html"]) == []


LINKS = (
    "[klik](javascript:alert(1))",
    "![beeld](https://voorbeeld.invalid/pixel.png)",
    "[ref][1]\n\n[1]: javascript:alert(2)",
    "<https://voorbeeld.invalid>",
)


@pytest.mark.parametrize("value", LINKS)
def test_a_value_in_an_organisations_markdown_is_never_a_link(tmp_path: Path, value: str) -> None:
    """A group value where Markdown reads it: text, no link or image, whatever it holds."""
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    (templates / "contacten.md.j2").write_text(
        "# Contacten\n\nUit het plan: {{ groep.signaleringsplan.signalen[0] }}\n\n"
        "## {{ groep.groepsnaam }}\n",
        encoding="utf-8",
    )
    data = yaml.safe_load((EXAMPLES / "teun.yml").read_text(encoding="utf-8"))
    data["groepsnaam"] = value.splitlines()[0]
    data["signaleringsplan"]["signalen"][0] = value
    source = tmp_path / "teun.yml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = _pages(tmp_path, source, templates)["contacten.html"]
    article = lxml.html.fromstring(page).xpath("//article")[0]
    assert article.xpath(".//img") == []
    targets = [a.get("href") for a in article.xpath(".//a")]
    assert all(href.startswith("#") for href in targets), targets  # only heading permalinks
    assert "javascript:" not in " ".join(article.xpath(".//@*"))
    assert value.splitlines()[0] in article.text_content()
