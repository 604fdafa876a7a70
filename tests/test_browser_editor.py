"""`resourceboek edit` in Chromium: a coordinator fills in a new plan without typing YAML."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, ViewportSize, expect

import browserkit as kit
from resourceboek.adapters.preview import Preview
from resourceboek.cli.common import open_project
from resourceboek.cli.main import main
from resourceboek.editor.server import EditorServer
from resourceboek.editor.session import Session
from resourceboek.project.history import versions
from resourceboek.project.local_access import new_secret

pytestmark = pytest.mark.browser

chromium = kit.chromium
playwright = kit.playwright
browser = kit.browser
axe = kit.axe
screenshots = kit.screenshots

ROOT = Path(__file__).resolve().parent.parent
TABLET: ViewportSize = {"width": 768, "height": 1024}
LAPTOP: ViewportSize = {"width": 1280, "height": 900}


@dataclass
class Editor:
    server: EditorServer
    path: Path
    werkmap: Path


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    """A new group from `resourceboek new`, open in the editor with its live booklet."""
    groups = tmp_path / "groepen"
    config = str(ROOT / "mkdocs.yml")
    result = CliRunner().invoke(main, ["new", "anouk", "--groups", str(groups), "-f", config])
    assert result.exit_code == 0, result.output
    path = groups / "anouk.yml"
    project, _ = open_project(ROOT / "mkdocs.yml", None, groups_dir=groups)
    preview = Preview(project, path, tmp_path / "voorbeeld" / "boekje", lambda *a, **k: None)
    preview.build()
    session = Session(path, tmp_path / "werkmap", on_saved=preview.build)
    server = EditorServer(session, new_secret(), 0, preview.root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Editor(server, path, tmp_path / "werkmap")
    server.shutdown()
    server.server_close()


def _open(browser: Browser, editor: Editor, viewport: ViewportSize) -> Page:
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    foreign: list[str] = []
    context.on("request", lambda r: None if _local(r.url) else foreign.append(r.url))
    page = context.new_page()
    page.goto(editor.server.url)
    page.foreign = foreign  # type: ignore[attr-defined]
    return page


def _local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))


def _press(page: Page, name: str) -> None:
    """Press a button by keyboard (focus, then Enter), as someone without a mouse does."""
    button = page.get_by_role("button", name=name, exact=True).first
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _label(page: Page, field: str) -> str:
    return page.locator(f"label[for='v-{re.sub(r'[^A-Za-z0-9]', '-', field)}']").inner_text()


def test_a_coordinator_fills_in_a_new_plan_without_yaml(
    browser: Browser, editor: Editor, screenshots: Path
) -> None:
    page = _open(browser, editor, LAPTOP)
    new_text = editor.path.read_text(encoding="utf-8")
    page.get_by_label("Cliënt", exact=False).first.fill("Anouk")
    page.get_by_label("Groepsnaam").fill("De groep van Anouk")
    for _ in range(3):
        _press(page, "Persoon toevoegen")
    people = {  # the three examples of `new`, filled in, and the three people added
        "zus": ("Mieke", "zus", "familie", "06 11111111"),
        "regie": ("Joost", "regieondersteuner", "professional", "06 22222222"),
        "behandelaar": ("Dr. Bakker", "psychiater", "professional", "030 1234567"),
        "persoon-1": ("Sanne", "vriendin", "naaste", "06 33333333"),
        "persoon-2": ("Ahmed", "buurman", "naaste", "06 44444444"),
        "persoon-3": ("Dokter Visser", "huisarts", "professional", "030 7654321"),
    }
    for key, (name, relation, kind, phone) in people.items():
        page.locator(f"#v-personen-{key}-naam").fill(name)
        page.locator(f"#v-personen-{key}-relatie").fill(relation)
        page.locator(f"#v-personen-{key}-soort").select_option(kind)
        page.locator(f"#v-personen-{key}-telefoon").fill(phone)
    page.locator("#v-personen-zus-email").fill("")
    page.locator("#v-personen-regie-organisatie").fill("Team Noord")
    # The names typed a moment ago are what the lists of people offer.
    page.locator("#v-rollen-regieondersteuner").select_option(label="Joost")
    page.locator("#v-rollen-zorgverantwoordelijke").select_option(label="Dr. Bakker")
    page.locator("#v-rollen-huisarts").select_option(label="Dokter Visser")
    for name in ("Sanne", "Ahmed"):
        page.get_by_role("group", name="Deelnemers").get_by_label(name).check()
    page.locator("#v-langetermijndoelen").fill("Over een jaar wil ik weer werken.")
    goal = {
        "doel": "Ik wil weer elke dag een uur wandelen.",
        "hoe_is_het_nu": "Ik kom nauwelijks buiten.",
        "wat_gaat_goed": "Met Mieke lukt het soms.",
        "wat_is_nodig": "Iemand die meegaat.",
        "wie_gaat_wat_doen": "Mieke loopt op dinsdag mee.",
        "hoe_is_te_zien": "Ik wandel vier keer per week.",
    }
    for field, text in goal.items():
        page.locator(f"#v-kortetermijndoelen-1--{field.replace('_', '-')}").fill(text)
    page.locator("#v-kortetermijndoelen-1--status").select_option("loopt")
    plan = page.get_by_role("group", name="Signaleringsplan", exact=True)
    plan.locator("#v-signaleringsplan-signalen").fill("Ik slaap slecht.\nIk zeg afspraken af.")
    page.locator("#v-signaleringsplan-contact-bij-crisis").get_by_label("Mieke").check()
    plan.locator("#v-signaleringsplan-helpt").fill("Een wandeling met Mieke.")
    gone = page.locator("label:has-text('Onbekend:')").evaluate_all("ls => ls.map(l => l.htmlFor)")
    for box in gone:  # people who left the plan are still ticked where they were chosen
        page.locator(f"[id='{box}']").uncheck()
    if page.locator("#v-signaleringsplan-besproken").count():
        page.locator("#v-signaleringsplan-besproken").fill(dt.date.today().isoformat())
    page.locator("#v-bijeenkomsten-1--locatie").fill("Wijkcentrum De Linde")
    page.locator("#v-bijeenkomsten-1--datum").fill(
        (dt.date.today() + dt.timedelta(days=60)).isoformat()
    )
    if page.locator("#v-toestemming-nieuw").count():  # who gets a letter: their consent
        for key, name in (("zus", "Mieke"), ("persoon-1", "Sanne"), ("persoon-2", "Ahmed")):
            page.locator("#v-toestemming-nieuw").select_option(label=name)
            _press(page, "Toestemming toevoegen")
            page.locator(f"#v-toestemming-{key}-datum").fill(dt.date.today().isoformat())
            delen = page.locator(f"#v-toestemming-{key}-delen")
            delen.get_by_label("Uitnodiging", exact=False).check()
    expect(page.locator("#samenvatting-telling")).to_have_text(
        "Niets meer: dit plan is klaar om als boekje uit te reiken."
    )
    kit.shoot(page, screenshots, "editor-1280-ingevuld")
    _press(page, "Opslaan")
    expect(page.locator("#melding")).to_contain_text("Opgeslagen.")
    booklet = page.frame_locator("iframe")
    expect(booklet.get_by_text("De groep van Anouk").first).to_be_visible()  # refreshed on save
    page.locator("h1").scroll_into_view_if_needed()
    kit.shoot(page, screenshots, "editor-1280-opgeslagen")
    summary = page.locator("#samenvatting").inner_text()

    result = CliRunner().invoke(main, ["check", str(editor.path)])
    assert result.exit_code == 0, result.output + summary
    assert "0 fouten, 0 waarschuwingen; het boekje is klaar" in result.output, result.output
    saved = editor.path.read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in new_text.splitlines() if "#" in line]
    assert [c for c in comments if c not in saved] == []
    assert len(versions(editor.werkmap, "anouk")) == 1
    assert page.foreign == []  # type: ignore[attr-defined]


def test_a_wrong_time_is_named_beside_its_field_while_typing(
    browser: Browser, editor: Editor
) -> None:
    before = editor.path.read_bytes()
    page = _open(browser, editor, TABLET)
    field = page.locator("#v-bijeenkomsten-1--begintijd")
    field.fill("25:00")
    field.press("Tab")
    beside = page.locator("#v-bijeenkomsten-1--begintijd-fout")
    expect(beside).to_contain_text("UU:MM")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert editor.path.read_bytes() == before


@pytest.mark.parametrize("viewport", [TABLET, LAPTOP], ids=["768px", "1280px"])
def test_the_editor_has_no_serious_accessibility_finding(
    browser: Browser, editor: Editor, axe: Axe, viewport: ViewportSize, screenshots: Path
) -> None:
    page = _open(browser, editor, viewport)
    page.frame_locator("iframe").locator("body").wait_for()
    kit.shoot(page, screenshots, f"editor-{viewport['width']}")
    reports = kit.blocking_violations(axe, page, f"editor {viewport['width']} px")
    assert not reports, "\n\n".join(reports)
    assert kit.scroll_width(page) <= viewport["width"]
    assert page.foreign == []  # type: ignore[attr-defined]
