"""The client's booklet pages, without a build: crisis card, Start in "je", contacts, minutes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, get_args

import markdown
import pytest
import yaml
from pydantic import ValidationError

from goldenkit import handbook_data_pages
from resourceboek.groupfile import methode, people
from resourceboek.groupfile.methode import VARIANTS
from resourceboek.groupfile.model import Groep, Phone
from resourceboek.pages.crisiskaart import PHONE_PATTERN, crisis_card, tel_href
from resourceboek.pages.render import make_environment, render_booklet
from resourceboek.settings.model import Crisislijn, OrganisationSettings

EXAMPLES = Path(__file__).resolve().parent.parent / "groups"
TODAY = dt.date(2026, 11, 23)


def data(gid: str) -> dict[str, Any]:
    return dict(yaml.safe_load((EXAMPLES / f"{gid}.yml").read_text(encoding="utf-8")))


def group(gid: str, **changes: Any) -> Groep:
    raw = data(gid)
    raw.update(changes)
    return Groep.model_validate(raw)


@pytest.fixture(scope="module")
def env():
    return make_environment(None)


def pages(env, groep: Groep, crisislijn: Crisislijn | None = None) -> dict[str, str]:
    return render_booklet(groep, TODAY, env, crisislijn)


def html_of(page_markdown: str) -> str:
    return markdown.markdown(page_markdown, extensions=["admonition", "attr_list"])


def card_html(page: str) -> str:
    match = re.search(r'<div class="rb-crisis".*?\n</div>', page, re.DOTALL)
    assert match, "no crisis card on the page"
    return match.group(0)


def test_card_follows_the_plan_and_expands_the_resource_group() -> None:
    card = crisis_card(group("teun"), Crisislijn())
    calls = card.calls()
    # resourcegroep (its core members), then Jetske, then mother; then the huisarts.
    assert [c.who for c in calls] == [
        "Mieke, mijn zus",
        "Rachid, vriend",
        "Harry, regieondersteuner",
        "Joost, ervaringsdeskundige",
        "Jetske, psychiater",
        "Mijn moeder",
        "S. Engelshoofd",
    ]
    assert calls[4].href == "tel:0655555555"
    assert card.crisislijn.href == "tel:08000113"


def test_a_person_named_in_the_plan_is_not_repeated_under_the_group() -> None:
    # Sam's plan: resourcegroep, fenna, de-boer, ingrid; fenna and ingrid are core members too.
    whos = [c.who for c in crisis_card(group("sam"), Crisislijn()).calls()]
    assert len(whos) == len(set(whos))
    assert whos.index("Bas, broer") < whos.index("Fenna de Wit, regieondersteuner")


def test_start_opens_with_a_call_button_for_every_crisis_contact(env) -> None:
    start = pages(env, group("teun"))["index.md"]
    card = card_html(start)
    assert start.index('class="rb-crisis"') < start.index('<h2 id="')  # before anything else
    for phone in ("0611111111", "0655555555", "0666666666", "0107777777", "08000113"):
        assert f'href="tel:{phone}"' in card
    assert 'href="tel:112"' in card
    assert "Bij direct levensgevaar" in card
    assert "Bel Jetske, psychiater" in card


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_signaleringsplan_has_the_card_but_the_handbook_example_does_not(env, variant) -> None:
    booklet = pages(env, group("teun"))["signaleringsplan.md"]
    assert card_html(booklet).count('class="rb-bel"') == 8
    example = handbook_data_pages()[f"{variant}/bijlagen/04-voorbeeld.md"]
    # Bijlage 4 lists the crisis contacts as the toolkit does: names, no card and no numbers.
    assert (
        "<ul><li>Resourcegroep</li><li>Psychiater Jetske</li><li>Mijn moeder</li></ul>" in example
    )
    assert "rb-crisis" not in example
    assert "tel:" not in example


def test_a_crisis_contact_without_a_number_says_so(env) -> None:
    raw = data("teun")
    raw["signaleringsplan"]["contact_bij_crisis"] = ["woonbegeleiding", "jetske"]
    card = card_html(pages(env, Groep.model_validate(raw))["index.md"])
    assert "Woonbegeleiding</span>: geen telefoonnummer bekend" in card
    assert "De resourcegroep" not in card


def test_the_crisis_line_is_a_setting_with_a_default(env) -> None:
    settings = OrganisationSettings.model_validate(
        {"crisislijn": {"naam": "Crisisdienst GGZ Voorbeeld", "telefoon": "010 1234567"}}
    )
    card = card_html(pages(env, group("teun"), settings.line)["index.md"])
    assert "Bel Crisisdienst GGZ Voorbeeld" in card
    assert 'href="tel:0101234567"' in card
    assert settings.line.uitleg == ""  # 113's explanation is not carried over to another line
    assert OrganisationSettings().line == Crisislijn()
    assert Crisislijn().telefoon == "0800-0113"


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ({"naam": "X", "telefoon": "javascript:alert(1)"}, "string_pattern_mismatch"),
        ({"nummer": "112", "naam": "X", "telefoon": "112 112"}, "extra_forbidden"),
        ({"telefoon": "0800-0113"}, "missing"),  # a line of our own names itself
        ("113", "model_type"),
    ],
)
def test_a_crisis_line_that_is_not_one_is_refused(bad: object, error: str) -> None:
    with pytest.raises(ValidationError) as caught:
        OrganisationSettings.model_validate({"crisislijn": bad})
    assert [e["type"] for e in caught.value.errors()] == [error]


def test_a_tel_link_uses_the_formats_own_phone_pattern() -> None:
    assert PHONE_PATTERN.pattern == get_args(Phone)[1].pattern


@pytest.mark.parametrize("value", ["javascript:alert(1)", "06 1234 <b>", "", None, "12"])
def test_no_tel_link_from_anything_but_a_phone_number(value: str | None) -> None:
    assert tel_href(value) is None


def test_start_speaks_to_the_client_and_the_phases_moved(env) -> None:
    teun = pages(env, group("teun"))
    start = teun["index.md"]
    assert "Je volgende bijeenkomst" in start
    assert "Je doelen" in start
    assert "Fase 5" not in start
    assert "Evt." not in start
    assert "bijlage" not in start.lower()
    assert 'class="rb-knop rb-agenda"' in start
    assert 'data-datum="2027-02-09"' in start
    assert 'data-begin="19:00"' in start
    assert 'data-waar="buurthuis De Kern, zaal 2"' in start
    for goal in ("ik wil gaan sporten.", "mijn rijbewijs gehaald hebben"):
        assert goal in start
    phase = group("teun").fase
    about = teun["over-de-groep.md"]
    assert f"Hier zijn jullie nu: {methode.fase(phase).naam}" in about
    assert methode.fase(phase).voor_jou in about
    assert "Cliënt bepaalt" not in about  # the toolkit's steps stay in the handbook
    sam = pages(env, group("sam"))["index.md"]
    assert "Jullie volgende afspraak" in sam
    assert "Je volgende bijeenkomst" not in sam


def test_a_person_appears_once_on_contacts_with_all_roles(env) -> None:
    page = html_of(pages(env, group("teun"))["contacten.md"])
    assert page.count("<strong>Harry</strong>") == 1
    assert page.count("<strong>Jetske</strong>") == 1
    assert "<strong>Mieke</strong> · Notulist" in page
    # Harry's relation only repeated his role ("Regieondersteuner / regieondersteuner").
    assert "regieondersteuner, FACT-team Noord" not in page
    assert "FACT-team Noord" in page
    assert '<p class="rb-kaart-relatie">woonbegeleiding' not in page  # the name said it already
    assert "<strong>Jetske</strong> · Zorgverantwoordelijke</p>" in page


def test_minutes_keep_paragraphs_but_not_the_files_line_breaks(env) -> None:
    raw = data("teun")
    raw["bijeenkomsten"][0]["verslag"] = "Eerste regel\nloopt door.\n\nTweede alinea."
    page = pages(env, Groep.model_validate(raw))["bijeenkomsten.md"]
    assert "<p>Eerste regel loopt door.</p><p>Tweede alinea.</p>" in page


@pytest.mark.parametrize("gid", ["teun", "sam"])
def test_themes_tell_the_client_what_the_group_learns(env, gid: str) -> None:
    groep = group(gid)
    page = html_of(pages(env, groep)["themabijeenkomsten.md"])
    for theme in groep.themas:
        text = methode.themas().by_id(theme).client_text(groep.variant.value)
        assert text
        assert f"<p>{text}</p>" in page.replace("&#39;", "'")
    # The toolkit's material stays in the handbook: no jargon, no "standard or on indication".
    for word in ("Standaardthema", "op indicatie", "epidemiologie", "Roos van Leary", "Model van"):
        assert word not in page


def test_links_between_pages_are_markdown_links(env) -> None:
    # MkDocs rewrites `x.md` only in Markdown links; in raw HTML it would stay a broken link.
    for name, page in pages(env, group("teun")).items():
        assert not re.search(r'href="[^"]*\.md[#"]', page), name


def test_start_without_a_next_meeting_or_goals(env) -> None:
    raw = data("sam")
    raw["bijeenkomsten"] = raw["bijeenkomsten"][:1]
    raw["kortetermijndoelen"] = []
    raw["langetermijndoelen"] = []
    start = pages(env, Groep.model_validate(raw))["index.md"]
    assert "Er is nog geen nieuwe afspraak gepland." in start
    assert "Je hebt nog geen doelen opgeschreven." in start
    assert "rb-agenda" not in start


def test_the_route_calls_first_the_plan_then_the_organisation_then_the_line(env) -> None:
    route = OrganisationSettings.model_validate(
        {
            "crisisdienst": {"naam": "Crisisdienst GGZ Noord", "telefoon": "010 1234599"},
            "huisartsenpost": {
                "naam": "Huisartsenpost Noord",
                "telefoon": "0900 1234567",
                "uitleg": "avond, nacht en weekend",
            },
        }
    )
    groep = group("teun")
    card = crisis_card(groep, route.line, route.services)
    whos = [c.who for c in card.route()]
    assert whos[-3:] == ["Crisisdienst GGZ Noord", "Huisartsenpost Noord", "113 Zelfmoordpreventie"]
    assert len(card.first_view()) == 5
    assert card.first_view() + card.further() == card.route()
    page = render_booklet(groep, TODAY, env, route.line, route.services)["index.md"]
    html = card_html(page)
    first, rest = html.split('<details class="rb-bel-meer">')
    assert first.count('class="rb-bel"') == 5  # five call buttons at once; 112 comes after
    assert "Bel eerst de bovenste." in first
    assert rest.index("Crisisdienst GGZ Noord") < rest.index("Huisartsenpost Noord")
    assert rest.index("Huisartsenpost Noord") < rest.index("113") < rest.index("Bel 112")
    assert "avond, nacht en weekend" in rest
    assert '<span class="rb-bereikbaar">ma, di en do 9-17 uur</span>' in first  # Harry


def test_card_and_plan_show_the_date_the_plan_was_discussed(env) -> None:
    raw = data("teun")
    raw["signaleringsplan"]["besproken"] = "2026-03-03"
    booklet = pages(env, Groep.model_validate(raw))
    assert "Besproken op 3 maart 2026." in card_html(booklet["index.md"])
    assert "Besproken op 3 maart 2026." in booklet["signaleringsplan.md"]
    del raw["signaleringsplan"]["besproken"]
    undated = pages(env, Groep.model_validate(raw))
    assert "Besproken op" not in card_html(undated["index.md"])
    assert "nog niet bij wanneer" in undated["signaleringsplan.md"]


@pytest.mark.parametrize(
    ("besproken", "expected"),
    [
        (None, "`besproken` ontbreekt"),
        ("2025-11-01", "meer dan een jaar geleden besproken"),
        ("2026-01-01", None),
    ],
)
def test_readiness_warns_for_an_undated_or_old_plan(besproken: str | None, expected) -> None:
    raw = data("teun")
    raw["signaleringsplan"].pop("besproken", None)
    if besproken:
        raw["signaleringsplan"]["besproken"] = besproken
    found = [m for w, m in people.readiness_warnings(Groep.model_validate(raw), TODAY)]
    plan = [m for m in found if "besproken" in m]
    assert len(plan) == (0 if expected is None else 1)
    if expected:
        assert expected in plan[0]
        assert "2025" not in plan[0]  # never the value


def test_readiness_asks_for_a_salutation_a_name_cannot_give() -> None:
    raw = data("teun")
    del raw["personen"]["moeder"]["aanhef"]
    found = list(people.readiness_warnings(Groep.model_validate(raw), TODAY))
    assert [w for w, _ in found] == [("personen", "moeder", "naam")]
    assert "Mijn moeder" not in found[0][1]
