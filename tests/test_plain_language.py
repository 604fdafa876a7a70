"""Every fixed text a client or supporter reads, in plain Dutch (B1): the booklet of a group whose
free-text fields are empty, the zakkaart, a 'Mijn rol' sheet, the handout and the letters.

The measure is Flesch-Douma reading ease (textstat, Dutch): at least 60 per page, and at most 12
words per sentence on average. A heading, a list item or a label is a unit of its own (a sentence).
No method jargon either: the toolkit's words stay in the handbook. The figures are in CONTRIBUTING.md.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import textstat

from resourceboek.groupfile.model import Groep
from resourceboek.pages.render import make_environment, render_booklet
from resourceboek.paper import handout, letters, rolecards, zakkaart
from resourceboek.settings.model import EigenCrisislijn, Organisatie

MIN_READING_EASE = 60.0
MAX_WORDS_PER_SENTENCE = 12.0
TODAY = dt.date(2026, 1, 2)
JARGON = (
    "cliënt",
    "NB",
    "bijlage",
    "Standaardthema",
    "op indicatie",
    "epidemiologie",
    "farmaco",
    "verbindend gezag",
    "geweldloos verzet",
    "Model van Law",
    "Roos van Leary",
    "lotgenotenvereniging",
    "suïcidaliteit",
    "psycho-educatie:",
    "procesbewaker",
    "notulist",
    "u/jij",
    "zijn/haar",
    "hij/zij",
)
"""Method jargon and form remnants that may not appear in a text for the client or a supporter."""

BLOCK = re.compile(r"</?(p|li|h[1-6]|dt|dd|div|ul|ol|dl|tr|td|br|section|table|summary)\b[^>]*>")


def visible_text(page: str) -> str:
    """The text a reader sees, each block (heading, item, label) ended as a sentence."""
    page = re.sub(r"<(style|title|svg)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", BLOCK.sub("\n", page)))
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"\{[^}]*\}|\*\*", "", re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines if line)


def empty_group(variant: str) -> Groep:
    """A group with names and roles but no free text: only the fixed texts are measured."""
    return Groep.model_validate(
        {
            "variant": variant,
            "client": "Sam",
            "groepsnaam": "de groep",
            "fase": 3,
            "startdatum": "2026-01-01",
            "personen": {
                "harry": {"naam": "Harry", "relatie": "regieondersteuner", "soort": "professional"},
                "mieke": {"naam": "Mieke", "relatie": "zus", "soort": "familie"},
            },
            "rollen": {"regieondersteuner": "harry"},
            "deelnemers": ["harry", "mieke"],
            "themas": ["psycho-educatie", "communicatie", "omgaan-met-stress"],
            "bijeenkomsten": [{"datum": "2030-01-01", "begintijd": "19:00", "soort": "vervolg"}],
        }
    )


def client_pages() -> dict[str, str]:
    """Every client-facing page, by a readable name."""
    env = make_environment()
    pages: dict[str, str] = {}
    service = EigenCrisislijn(naam="Crisisdienst", telefoon="010 1234567", uitleg="dag en nacht")
    for variant in ("volwassenen", "jongeren"):
        groep = empty_group(variant)
        booklet = render_booklet(groep, TODAY, env, services=(service,), zakkaart=True)
        pages |= {f"boekje {variant} {name}": page for name, page in booklet.items()}
        panels = zakkaart.panels(groep, service)
        pages[f"zakkaart {variant}"] = env.get_template(zakkaart.TEMPLATE).render(
            client="Sam", panels=panels, emergency="112", more=zakkaart.MORE
        )
        sheet = rolecards.role_card_for(groep, "mieke", TODAY)
        pages[f"mijn rol {variant}"] = rolecards.render_role_card(sheet, groep, env, TODAY)
        for key in ("mieke", "harry"):
            letter = letters.letter_for(groep, key, TODAY)
            pages[f"brief {variant} {key}"] = letters.render_letter(letter, variant, env, TODAY)
    contact = handout.Contact(Organisatie(naam="GGZ Voorbeeld", telefoon="010 1234567"))
    pages["uitdeelblad"] = handout.sheet_html("https://example.org/boekjes/abc/", contact)
    return pages


PAGES = client_pages()


def measure(page: str) -> tuple[float, float]:
    """Flesch-Douma reading ease and words per sentence of a page's visible text."""
    textstat.set_lang("nl")
    text = visible_text(page)
    return textstat.flesch_reading_ease(text), textstat.words_per_sentence(text)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_client_text_is_plain_dutch(name: str) -> None:
    ease, words = measure(PAGES[name])
    assert ease >= MIN_READING_EASE, f"{name}: Flesch-Douma {ease:.1f}"
    assert words <= MAX_WORDS_PER_SENTENCE, f"{name}: {words:.1f} woorden per zin"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_method_jargon_for_the_client(name: str) -> None:
    text = visible_text(PAGES[name])
    for word in JARGON:
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I), (name, word)


def test_the_measure_tells_plain_from_toolkit_dutch() -> None:
    """The test can fail: the toolkit's own theme text scores far below the line."""
    toolkit = (
        "<p>Verbeteren van kennis van de leden van de resourcegroep. Onderdelen (o.a.): "
        "epidemiologie, (farmaco)therapie, bijwerkingen, middelenmisbruik, seksualiteit en "
        "intimiteit, signaleringsplan (vroege signalen en preventie), suïcidaliteit, "
        "lotgenotenverenigingen.</p>"
    )
    assert measure(toolkit)[0] < MIN_READING_EASE


def figures() -> str:
    """The README's table: reading ease and words per sentence per page."""
    rows = [f"| {name} | {measure(p)[0]:.0f} | {measure(p)[1]:.1f} |" for name, p in PAGES.items()]
    return "\n".join(["| tekst | Flesch-Douma | woorden per zin |", "| --- | --- | --- |", *rows])


if __name__ == "__main__":
    print(figures())
