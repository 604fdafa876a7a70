"""The handbook's pages: every toolkit page rendered once per variant, plus pages drawn from data.

Sources under `content/toolkit/` are Jinja templates with variant markers (`{{ w.client }}`,
`{% if jongeren %}`); each becomes `volwassenen/<path>` and `jongeren/<path>`. No MkDocs here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import letters, methode, render
from .load import LoadedGroup
from .methode import VARIANTS

TOOLKIT = "toolkit"
EXAMPLE_TODAY = dt.date(2020, 6, 1)
"""The filled-in example is shown as of its own time, so its meetings never go stale."""


@dataclass(frozen=True)
class Organisation:
    """The organisation that publishes the handbook (from `extra.organisatie` in mkdocs.yml)."""

    naam: str = "Onze organisatie"
    team: str = "het team"
    email: str = "info@example.org"
    telefoon: str = "000 000 00 00"


@dataclass(frozen=True)
class SourcePage:
    """One toolkit page: its path below `toolkit/`, front matter and template text."""

    path: str
    meta: dict[str, Any]
    body: str

    def variants(self) -> list[str]:
        return list(self.meta.get("varianten", VARIANTS))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Separate YAML front matter (between `---` lines) from the body."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]
    return {}, text


def read_sources(content_dir: Path) -> list[SourcePage]:
    """Every toolkit source page, sorted by path."""
    root = content_dir / TOOLKIT
    pages = []
    for src in sorted(root.rglob("*.md")):
        meta, body = split_front_matter(src.read_text(encoding="utf-8"))
        pages.append(SourcePage(src.relative_to(root).as_posix(), meta, body))
    return pages


def render_handbook(
    sources: list[SourcePage],
    org: Organisation,
    env: jinja2.Environment,
    examples: dict[str, LoadedGroup],
) -> dict[str, str]:
    """All variant pages of the handbook as {path: Markdown}; `examples` by variant (bijlage 4)."""
    pages: dict[str, str] = {}
    for variant in VARIANTS:
        helpers = _content_helpers(variant, env)
        for source in sources:
            if variant in source.variants():
                text = render.render_variant_text(source.body, variant, org=org, **helpers)
                pages[f"{variant}/{source.path}"] = _with_meta(source.meta, text)
        pages.update(_data_pages(variant, env, examples.get(variant)))
    return pages


def _with_meta(meta: dict[str, Any], body: str) -> str:
    keep = {k: v for k, v in meta.items() if k != "varianten"}
    if not keep:
        return body
    return f"---\n{yaml.safe_dump(keep, allow_unicode=True)}---\n{body}"


def _content_helpers(variant: str, env: jinja2.Environment) -> dict[str, Any]:
    def agenda(kind: str) -> str:
        items = render.variant_items(methode.agenda().items_for(kind), variant)
        notes = (
            render.variant_items(methode.agenda().opmerkingen, variant) if kind == "vervolg" else []
        )
        lines = [f"1. {item}" for item in items] + [f'\n!!! note "NB"\n    {n}' for n in notes]
        return "\n".join(lines)

    return {
        "invulregels": lambda n=3: "\n" + str(render.fill_in_lines(n)) + "\n",
        "agenda": agenda,
        "themas": lambda: env.get_template("handboek/themas.md.j2").render(
            render.template_globals(variant)
        ),
        "uitnodigingsbrief": lambda: "\n" + letters.blank_letter(variant, env) + "\n",
    }


def _data_pages(
    variant: str, env: jinja2.Environment, example: LoadedGroup | None
) -> Iterator[tuple[str, str]]:
    names = render.template_globals(variant)
    yield f"{variant}/fasen/index.md", env.get_template("handboek/fasen.md.j2").render(names)
    for fase in methode.fasen():
        yield (
            f"{variant}/fasen/fase-{fase.nummer}.md",
            env.get_template("handboek/fase.md.j2").render(names, fase=fase),
        )
    yield f"{variant}/bijlagen/03-resourcegroepplan.md", _form_page(variant, env, None)
    if example is not None:
        yield f"{variant}/bijlagen/04-voorbeeld.md", _form_page(variant, env, example)
    yield (
        f"{variant}/bijlagen/09-themabijeenkomsten.md",
        env.get_template("handboek/themabijeenkomsten.md.j2").render(names),
    )


def _form_page(variant: str, env: jinja2.Environment, example: LoadedGroup | None) -> str:
    """Bijlage 3 (blank) or 4 (filled in): the booklet's own form templates, in one page."""
    groep = example.groep if example else None
    parts = [
        render.render_form(name, env, variant, groep, EXAMPLE_TODAY)
        for name in ("resourcegroepplan.md.j2", "signaleringsplan.md.j2", "contacten.md.j2")
    ]
    page = "handboek/bijlage-4.md.j2" if example else "handboek/bijlage-3.md.j2"
    body = "\n".join(_demote(p) for p in parts)
    return env.get_template(page).render(render.template_globals(variant), formulieren=Markup(body))


def _demote(markdown: str) -> str:
    """Form page titles become sections of the bijlage page (`# X` -> `## X`, `## Y` -> `### Y`)."""
    lines = []
    for line in markdown.splitlines():
        lines.append("#" + line if line.startswith("#") else line)
    return "\n".join(lines)
