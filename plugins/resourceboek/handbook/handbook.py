"""The handbook's pages: every toolkit page rendered once per variant, plus pages drawn from data.

Sources under `content/toolkit/` are Jinja templates with variant markers (`{{ w.client }}`,
`{% if jongeren %}`); each becomes `volwassenen/<path>` and `jongeren/<path>`. No MkDocs here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markdown.extensions.toc import slugify
from markupsafe import Markup

from resourceboek.groupfile import methode
from resourceboek.groupfile.load import LoadedGroup
from resourceboek.groupfile.methode import VARIANTS
from resourceboek.groupfile.model import CLIENT_REF, GROUP_REF, Groep, Soort
from resourceboek.pages import render
from resourceboek.paper import letters
from resourceboek.text.markdown_text import markdown_literal

TOOLKIT = "toolkit"
EXAMPLE_TODAY = dt.date(2020, 6, 1)
"""The filled-in example is shown as of its own time, so its meetings never go stale."""


@dataclass(frozen=True)
class Organisation:
    """The organisation that publishes the handbook (`extra.organisatie` in mkdocs.yml).

    What is not set is printed as a field to write in (the toolkit's folder is filled in by hand).
    """

    naam: str = ""
    team: str = ""
    email: str = ""
    telefoon: str = ""

    def in_markdown(self) -> Organisation:
        """The same details as literal text for a Markdown page (no markup, no links)."""
        return Organisation(**{key: markdown_literal(value) for key, value in asdict(self).items()})


FORMS = ("plan", "signalering", "contacten")
"""The parts of bijlage 3 and 4, each drawn by `templates/handboek/formulier-<part>.md.j2`."""


@dataclass(frozen=True)
class FormLabels:
    """Where the two toolkits' forms differ in wording; `{n}` is the number of a goal."""

    volgende_bijeenkomst_leeg: str
    volgende_bijeenkomst: str
    ervaringsdeskundige_leeg: bool
    langetermijndoel_leeg: str
    langetermijndoelen: str
    kortetermijndoel_leeg: str
    kortetermijndoel: str
    signaleringsplan_van: bool
    crisis_contacten: tuple[str, ...]


_BLANK_LONG = "Persoonlijk langetermijnhersteldoel: over een tijdje wil ik"
_FILLED_SHORT = "{n}. Dit wil ik de volgende bijeenkomst bereikt hebben"
_BLANK_SHORT = "Korte termijn hersteldoel {n}: dit wil ik de volgende bijeenkomst bereikt hebben"
FORM_LABELS = {
    "volwassenen": FormLabels(
        volgende_bijeenkomst_leeg="",
        volgende_bijeenkomst="",
        ervaringsdeskundige_leeg=True,
        langetermijndoel_leeg=_BLANK_LONG,
        langetermijndoelen="Persoonlijke langetermijnhersteldoelen. Over een tijdje wil ik:",
        kortetermijndoel_leeg=_BLANK_SHORT,
        kortetermijndoel="Kortetermijnhersteldoel " + _FILLED_SHORT,
        signaleringsplan_van=False,
        crisis_contacten=("Resourcegroep", "Dossierhouder/hoofdbehandelaar", "Overige:"),
    ),
    "jongeren": FormLabels(
        volgende_bijeenkomst_leeg="Datum eerstvolgende bijeenkomst",
        # The toolkit's example says which meeting comes next; the example data holds only that one.
        volgende_bijeenkomst="Datum eerstvolgende (de 3e) bijeenkomst",
        ervaringsdeskundige_leeg=False,
        langetermijndoel_leeg=_BLANK_LONG,
        langetermijndoelen="Persoonlijke langetermijndoelen. Over een tijdje wil ik:",
        kortetermijndoel_leeg=_BLANK_SHORT,
        kortetermijndoel="Kortetermijndoel " + _FILLED_SHORT,
        signaleringsplan_van=True,
        crisis_contacten=("Resourcegroep", "Regieondersteuner / regiebehandelaar", "Overigen:"),
    ),
}
"""Each variant's forms in bijlage 3 (`_leeg`) and 4 use that toolkit's own labels."""


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
    texts = render.VariantTexts()  # each source page compiled once for both variants
    org = org.in_markdown()  # settings people type: text in the page, never markup or a link
    for variant in VARIANTS:
        helpers = _content_helpers(variant, env)
        for source in sources:
            if variant in source.variants():
                text = texts.render(source.body, variant, org=org, **helpers)
                pages[f"{variant}/{source.path}"] = _with_meta(source.meta, text)
        pages.update(_data_pages(variant, env, examples.get(variant)))
    return {path: label_variant(text, path.split("/")[0]) for path, text in pages.items()}


def label_variant(page: str, variant: str) -> str:
    """Name the page's toolkit in its h1 and front matter, keeping the plain title for the nav."""
    # Material's search shows the h1 as a result's title; the browser tab shows `variant` (see
    # themes/handboek/main.html). The heading keeps the id it had without the label.
    meta, body = split_front_matter(page)
    lines = body.split("\n")
    index = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if index is None:
        return page
    title, attrs = _split_attrs(lines[index][2:].strip())
    name = methode.WORDING[variant]["variant_naam"]
    if name.lower() not in title.lower():
        label = f'<span class="rb-variantlabel"><span class="rb-scheiding">·</span> {name}</span>'
        anchor = attrs or "{ #" + slugify(title, "-") + " }"
        lines[index] = f"# {title} {label} {anchor}"
    meta = {**meta, "title": str(title), "variant": name}
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n" + "\n".join(lines)


def _split_attrs(heading: str) -> tuple[str, str]:
    """A heading's text and its attribute list (`Titel { #id }` -> `Titel`, `{ #id }`)."""
    match = re.fullmatch(r"(.*?)\s*(\{[^{}]*\})", heading)
    return (match.group(1), match.group(2)) if match else (heading, "")


def _with_meta(meta: dict[str, Any], body: str) -> str:
    keep = {k: v for k, v in meta.items() if k != "varianten"}
    if not keep:
        return body
    return f"---\n{yaml.safe_dump(keep, allow_unicode=True)}---\n{body}"


def _content_helpers(variant: str, env: jinja2.Environment) -> dict[str, Any]:
    def agenda(kind: str = "vervolg") -> str:
        # Without a kind: the toolkit's one agenda for start and vervolg, with its NB notes.
        items = render.variant_items(methode.agenda().items_for(kind), variant)
        notes = (
            render.variant_items(methode.agenda().opmerkingen, variant) if kind == "vervolg" else []
        )
        lines = [f"1. {item}" for item in items]
        if notes:  # one box for all notes: on paper a second box alone would start a new page
            lines.append('\n!!! note "NB"\n' + "\n\n".join(f"    {n}" for n in notes))
        return "\n".join(lines)

    def booklet_agenda(kind: str) -> str:
        """The agenda as the booklet tells it to the client (methode/agenda.yml `boekje`)."""
        items = render.variant_items(methode.agenda().client_items(kind), variant)
        return "\n".join(f"1. {item}" for item in items)

    return {
        "boekje_agenda": booklet_agenda,
        "invulregels": lambda n=3: "\n" + str(render.fill_in_lines(n)) + "\n",
        "invulveld": Markup('<span class="rb-invulveld" aria-hidden="true"></span>'),
        "agenda": agenda,
        "themas": lambda: env.get_template("handboek/themas.md.j2").render(
            render.template_globals(variant)
        ),
        "uitnodigingsbrief": lambda: "\n" + letters.blank_letter(variant, env) + "\n",
        "collegabrief": lambda: "\n" + letters.blank_colleague_letter(variant, env) + "\n",
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
    """Bijlage 3 (blank) or 4 (the toolkit's example), drawn by the handbook's own templates."""
    groep = example.groep if example else None
    names = render.template_globals(variant)
    context = render.BookletContext(groep, EXAMPLE_TODAY) if groep else None
    values = {
        "b": context,
        "groep": groep,
        "blank": groep is None,
        "f": FORM_LABELS[variant],
        "t": ToolkitNames(groep) if groep else None,
    }
    parts = [
        env.get_template(f"handboek/formulier-{name}.md.j2").render(names, **values)
        for name in FORMS
    ]
    page = "handboek/bijlage-4.md.j2" if example else "handboek/bijlage-3.md.j2"
    body = "\n".join(parts)
    return env.get_template(page).render(names, formulieren=Markup(body))


@dataclass(frozen=True)
class ToolkitNames:
    """How the toolkit's example (bijlage 4) writes a person at each place of its form.

    The booklet writes everyone alike ("Mieke (mijn zus)"). The toolkit's example puts a relative's or
    friend's relation first ("mijn zus Mieke, vriend Rachid"), invites a professional by function or
    by name and organisation ("Psychiater", "Niels van KR8-training"), calls one in a crisis by
    function and name ("Psychiater Jetske"), and beside a phone number writes only the name, with a
    relative's relation ("Mijn zus Mieke", "Rachid").
    """

    groep: Groep

    def sentence(self, keys: list[str]) -> str:
        """`mijn zus Mieke, vriend Rachid, Harry (regieondersteuner) en Joost (…)`."""
        names = [self.in_sentence(key) for key in keys]
        return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)

    def in_sentence(self, key: str) -> str:
        """`mijn zus Mieke`, `vriend Rachid`; anyone else with their function after the name."""
        if key == CLIENT_REF:
            return self.groep.client
        person = self.groep.personen[key]
        if person.relatie.lower() in person.naam.lower():
            return person.naam
        if self._kin(key):
            return f"{person.relatie} {person.naam}"
        return f"{person.naam} ({person.relatie})"

    def invited(self, key: str) -> str:
        """`Mijn moeder`, `Niels van KR8-training`, `Psychiater`."""
        person = self.groep.personen[key]
        if self._kin(key):
            return _first_upper(self.in_sentence(key))
        if person.organisatie:
            return f"{person.naam} van {person.organisatie}"
        return _first_upper(person.relatie)

    def in_crisis(self, key: str) -> str:
        """`Resourcegroep`, `Psychiater Jetske`, `Mijn moeder`."""
        if key == GROUP_REF:
            return "Resourcegroep"
        person = self.groep.personen.get(key)
        if person is None or self._kin(key) or person.relatie.lower() in person.naam.lower():
            return _first_upper(self.in_sentence(key))
        return f"{_first_upper(person.relatie)} {person.naam}"

    def in_contacts(self, key: str) -> str:
        """`Mijn zus Mieke`, `Rachid`: a relative with their relation, anyone else by name."""
        if key != CLIENT_REF and self.groep.personen[key].soort == Soort.familie:
            return _first_upper(self.in_sentence(key))
        return self.groep.person_name(key)

    def _kin(self, key: str) -> bool:
        return key != CLIENT_REF and self.groep.personen[key].soort in _KIN


_KIN = (Soort.familie, Soort.naaste)


def _first_upper(text: str) -> str:
    """`mijn zus Mieke` -> `Mijn zus Mieke` (the rest as written: names keep their capitals)."""
    return text[:1].upper() + text[1:]
