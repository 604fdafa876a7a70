"""Model -> booklet pages through Jinja templates; pure functions, no MkDocs.

A page template writes HTML (`templates/*.html.j2`, headings through `pages/headings.py`); an
organisation's own Markdown template of a page (`<page>.md.j2` in its templates folder) is used
instead when it has one, and goes through Markdown in the booklet build. Group values are data,
never markup: escaped by autoescape, so neither HTML nor Markdown in a value is interpreted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup, escape

from resourceboek.groupfile import methode
from resourceboek.groupfile.model import (
    CLIENT_REF,
    GROUP_REF,
    GUIDELINES,
    ROLE_TITLES,
    STATUS_LABELS,
    Bijeenkomst,
    Groep,
    Kortetermijndoel,
    Signaleringsplan,
)
from resourceboek.pages import method_parts
from resourceboek.pages.crisiskaart import CrisisCard, Crisislijn, crisis_card
from resourceboek.pages.headings import PageHeadings
from resourceboek.pages.sociogram_svg import sociogram_html
from resourceboek.text.dates import dutch_date, dutch_datetime


class BookletPage(NamedTuple):
    """A page of the booklet: its output file, the template that draws it, its title in the menu."""

    file: str
    template: str
    title: str

    @property
    def markdown_template(self) -> str:
        """The name of an organisation's own Markdown template of this page (`start.md.j2`)."""
        return self.template.removesuffix(".html.j2") + ".md.j2"


BOOKLET_PAGES: tuple[BookletPage, ...] = (
    BookletPage("index.md", "start.html.j2", "Start"),
    BookletPage("resourcegroepplan.md", "resourcegroepplan.html.j2", "Resourcegroepplan"),
    BookletPage("signaleringsplan.md", "signaleringsplan.html.j2", "Signaleringsplan"),
    BookletPage("contacten.md", "contacten.html.j2", "Contacten"),
    BookletPage("themabijeenkomsten.md", "themabijeenkomsten.html.j2", "Themabijeenkomsten"),
    BookletPage("bijeenkomsten.md", "bijeenkomsten.html.j2", "Bijeenkomsten"),
    BookletPage("over-de-groep.md", "over-de-groep.html.j2", "Over de groep"),
)
"""The booklet's pages in navigation order: the one list of them."""


class RenderedPage(NamedTuple):
    """A booklet page as its template wrote it."""

    text: str
    markdown: bool
    """True for an organisation's Markdown template: `text` is Markdown, else finished HTML."""
    headings: PageHeadings
    """The headings an HTML template made (none for Markdown: Markdown finds its own)."""


MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def make_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Jinja environment: an organisation's templates first, then the packaged defaults."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None and override_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(override_dir))
    loaders.append(jinja2.PackageLoader("resourceboek", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(tekst=text_html, alineas=paragraphs_html, datum=dutch_date, plat=plain_text)
    env.globals.update(invulregels=fill_in_lines, datumtijd=dutch_datetime, richtlijnen=GUIDELINES)
    texts = VariantTexts()  # compiled once for the life of this environment (a worker's)

    @jinja2.pass_context
    def variant_text(context: jinja2.runtime.Context, text: str) -> Markup:
        return texts.render(text, context["variant"])

    @jinja2.pass_context
    def items(context: jinja2.runtime.Context, entries: list[str]) -> list[Markup]:
        return texts.items(entries, context["variant"])

    env.globals.update(variant_text=variant_text, variant_items=items)
    return env


def text_html(value: str | None) -> Markup:
    """Escape a value and keep its paragraphs and line breaks."""
    if not value:
        return Markup("")
    paragraphs = [p for p in re.split(r"\n\s*\n", str(value).strip()) if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in p.splitlines()))
        for p in paragraphs
    )


def paragraphs_html(value: str | None) -> Markup:
    """Escape a value, keep its paragraphs; single line breaks are the file's, not the writer's."""
    if not value:
        return Markup("")
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return Markup("").join(
        Markup("<p>{}</p>").format(" ".join(p.split())) for p in paragraphs if p.strip()
    )


def plain_text(markdown: str) -> Markup:
    """The method's Markdown with links reduced to their text (a booklet links nowhere else)."""
    return Markup(MARKDOWN_LINK.sub(r"\1", str(markdown)))


def fill_in_lines(count: int = 3) -> Markup:
    """Ruled lines to write on when printed."""
    return Markup('<div class="rb-invul" aria-hidden="true">{}</div>').format(
        Markup("").join(Markup('<span class="rb-regel"></span>') for _ in range(count))
    )


@dataclass(frozen=True)
class ContactEntry:
    """A person on Contacten: shown once, with every role they have in the group."""

    key: str
    roles: tuple[str, ...]
    relatie: str | None  # left out when it only repeats a role ("regieondersteuner")


@dataclass(frozen=True)
class ContactSection:
    key: str  # the booklet's heading is `stem.contacten[key]`
    entries: list[ContactEntry]


@dataclass(frozen=True)
class BookletContext:
    """Everything a booklet template may use, derived from one group."""

    groep: Groep
    today: dt.date
    crisislijn: Crisislijn = Crisislijn()
    services: tuple[Crisislijn, ...] = ()

    @property
    def crisis(self) -> CrisisCard:
        """Who to call when it goes wrong ("Als het niet goed gaat")."""
        return crisis_card(self.groep, self.crisislijn, self.services)

    @property
    def w(self) -> dict[str, str]:
        return methode.WORDING[self.groep.variant.value]

    @property
    def upcoming(self) -> list[Bijeenkomst]:
        return sorted((m for m in self.groep.bijeenkomsten if m.datum >= self.today), key=_when)

    @property
    def past(self) -> list[Bijeenkomst]:
        past = [m for m in self.groep.bijeenkomsten if m.datum < self.today]
        return sorted(past, key=_when, reverse=True)

    @property
    def next_meeting(self) -> Bijeenkomst | None:
        return self.upcoming[0] if self.upcoming else None

    def invited(self, meeting: Bijeenkomst) -> list[str]:
        """Person keys invited to `meeting`: the core group plus the extra invitees."""
        extra = [k for k in meeting.uitgenodigd if k not in self.groep.deelnemers]
        return [*self.groep.deelnemers, *extra]

    def crisis_contacts(self) -> list[str]:
        return [k for k in self.groep.signaleringsplan.contact_bij_crisis if k != GROUP_REF]

    def labels(self, keys: list[str]) -> list[str]:
        return [self.label(k) for k in keys]

    def roles_of(self, key: str) -> tuple[str, ...]:
        """Every role title a person has in the group (`Regieondersteuner`, `Notulist`)."""
        held = self.groep.rollen.model_dump().items()
        return tuple(ROLE_TITLES[role] for role, holder in held if holder == key)

    def contact_entry(self, key: str) -> ContactEntry:
        """A person as listed on Contacten; their relation only when it adds something."""
        roles = self.roles_of(key)
        person = self.groep.personen[key]
        relatie = person.relatie.lower()
        repeats = relatie in person.naam.lower() or relatie in {r.lower() for r in roles}
        return ContactEntry(key, roles, None if repeats else person.relatie)

    def contact_sections(self) -> list[ContactSection]:
        """Contacts grouped as on the form, crisis first; each person once, in their first group."""
        rollen = self.groep.rollen
        professionals = [
            rollen.regieondersteuner,
            self.groep.clinician_key,
            rollen.ervaringsdeskundige,
            rollen.huisarts,
        ]
        sections = [
            ("crisis", self.crisis_contacts()),
            ("deelnemers", self.groep.deelnemers),
            ("anderen", self.groep.belangrijke_anderen),
            ("hulpverleners", [k for k in professionals if k]),
            ("uitnodigen", self.groep.uitnodigen),
        ]
        seen: set[str] = {CLIENT_REF}
        result = []
        for key, keys in sections:
            fresh = [k for k in dict.fromkeys(keys) if k not in seen]
            seen.update(fresh)
            if fresh:
                result.append(ContactSection(key, [self.contact_entry(k) for k in fresh]))
        return result

    def chosen_themes(self) -> list[methode.Thema]:
        return [methode.themas().by_id(t) for t in self.groep.themas]

    def meetings_on(self, theme_id: str) -> list[Bijeenkomst]:
        return sorted((m for m in self.groep.bijeenkomsten if m.thema == theme_id), key=_when)

    def role_label(self, key: str, role: str) -> str:
        """A person shown under a role: no "(regieondersteuner)" after a regieondersteuner."""
        if key != CLIENT_REF and self.groep.personen[key].relatie.lower() == role.lower():
            return self.name(key)
        return self.label(key)

    def name(self, key: str) -> str:
        return self.groep.person_name(key)

    def label(self, key: str) -> str:
        """`Mieke (mijn zus)`; the client is just their name."""
        if key == CLIENT_REF:
            return self.groep.client
        person = self.groep.personen[key]
        if person.relatie.lower() in person.naam.lower():
            return person.naam
        return f"{person.naam} ({person.relatie})"


def _when(meeting: Bijeenkomst) -> tuple[dt.date, str]:
    return meeting.datum, meeting.begintijd


def template_globals(variant: str) -> dict[str, Any]:
    """Names every template sees: wording, the method's data and form labels."""
    return {
        "w": methode.WORDING[variant],
        "stem": methode.client_voice()[variant],
        "variant": variant,
        "jongeren": variant == "jongeren",
        "fasen": methode.fasen(),
        "themas": methode.themas(),
        "agenda": methode.agenda(),
        "vragen": _field_titles(Kortetermijndoel, skip=("doel", "status", "taken")),
        "signalering": _field_titles(Signaleringsplan, skip=("besproken",)),
        "status_labels": STATUS_LABELS,
    }


def _field_titles(model: type[Any], skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(name, f.title) for name, f in model.model_fields.items() if name not in skip]


class VariantTexts:
    """The method's own Markdown (trusted) with its variant markers filled in, each text compiled once.

    Not autoescaped: the method's texts are trusted Markdown, never a value from a group file.
    """

    def __init__(self) -> None:
        self._env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        self._compiled: dict[str, jinja2.Template] = {}

    def render(self, text: str, variant: str, **names: Any) -> Markup:
        if "{" not in text:  # no variant marker (most texts): nothing for Jinja to do
            return Markup(text)
        template = self._compiled.get(text)
        if template is None:
            template = self._compiled[text] = self._env.from_string(text)
        wording = {
            "w": methode.WORDING[variant],
            "variant": variant,
            "jongeren": variant == "jongeren",
        }
        return Markup(template.render(wording, **names))

    def items(self, items: list[str], variant: str) -> list[Markup]:
        """Rendered list items, leaving out those that belong to the other variant."""
        rendered = (self.render(item, variant) for item in items)
        return [item for item in rendered if item.strip()]


def variant_items(items: list[str], variant: str) -> list[Markup]:
    """The method's list items for `variant` (compiled for this call only)."""
    return VariantTexts().items(items, variant)


def render_booklet(
    groep: Groep, today: dt.date, env: jinja2.Environment, *args: Any, **kwargs: Any
) -> dict[str, str]:
    """All pages of a group's booklet as {file name: HTML, or Markdown from an organisation's
    own Markdown template}: `render_pages` (the same arguments) without the headings."""
    pages = render_pages(groep, today, env, *args, **kwargs)
    return {name: page.text for name, page in pages.items()}


def render_pages(
    groep: Groep,
    today: dt.date,
    env: jinja2.Environment,
    crisislijn: Crisislijn | None = None,
    services: tuple[Crisislijn, ...] = (),
    zakkaart: bool = False,
    changes: tuple[str, ...] = (),
) -> dict[str, RenderedPage]:
    """All pages of a group's booklet by file name, each with its headings.

    `services`: the organisation's crisis route before the line; `zakkaart`: the booklet offers the
    pocket card (only when PDFs are built), so Start explains how to print and fold it.
    """
    context = BookletContext(groep, today, crisislijn or Crisislijn(), services)
    names = {**template_globals(groep.variant.value), "sociogram": sociogram_html(groep)}
    names |= method_parts.booklet_names(groep)  # the method's work (issue 27)
    names["veranderd"] = changes  # groupfile/changes.py: since the previous meeting
    pages = {}
    for page in BOOKLET_PAGES:
        template, markdown = _page_template(env, page)
        headings = PageHeadings()
        text = template.render(names, b=context, groep=groep, zakkaart=zakkaart, kop=headings)
        pages[page.file] = RenderedPage(text, markdown, headings)
    return pages


def _page_template(env: jinja2.Environment, page: BookletPage) -> tuple[jinja2.Template, bool]:
    """The organisation's own Markdown template of `page` if it has one, else the HTML one."""
    try:
        return env.get_template(page.markdown_template), True
    except jinja2.TemplateNotFound:
        return env.get_template(page.template), False
