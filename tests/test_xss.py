"""No value from a group file ever runs as script or becomes a link, on any page of a booklet.

The fields come from the model (its JSON Schema), not from a hand-made list: every free-text field
gets every payload, e-mail fields get the `javascript:` addresses their pattern allows. One booklet
is built and every page is opened in Chromium through the real unlock page. Then: no payload ran
(no dialog, no `window.__xss`), each value is on a page as literal text, no `javascript:` link.

Fields with a pattern that no payload can pass (keys, times, phone numbers) are checked by the
validator instead: it refuses the payload and does not repeat it in its message.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pikepdf
import pytest
import yaml
from playwright.sync_api import Browser, Dialog

from browserkit import serve
from buildkit import DEMO_PASSWORD, TODAY, make_project
from pathkit import poppler
from resourceboek.adapters.booklet import build_booklet
from resourceboek.groupfile import methode
from resourceboek.groupfile.load import load_group, parse_group
from resourceboek.groupfile.model import Groep
from resourceboek.groupfile.problems import GroupFileError
from resourceboek.pages.render import make_environment
from resourceboek.paper.letters import letter_for, render_letter
from resourceboek.paper.printout import html_pdf
from unlockkit import unlock, wait_open

PAYLOADS = (
    "<img src=x onerror=alert('img')>",
    "<script>window.__xss=1</script>",
    "\"><svg onload=alert('svg')>",
    "[x](javascript:alert('md'))",
    "<javascript:alert('auto')>",
    "x{: onclick=\"alert('attr')\" }",
    "{{ 7*7 }}",
)
COMBINED = " ".join(PAYLOADS)
# Addresses with quotes, colons or brackets are refused by the format (tests/test_load_model.py):
# these are the oddest it accepts.
EMAILS = ("javascript.alert+mail@x.nl", "onmouseover_alert-mail2@x.nl")
PHONE_PAYLOADS = ("javascript:alert(1)", "<img src=x onerror=alert(1)>")
THEME = methode.themas().for_variant("volwassenen")[0].id
PRINT_ONLY = {"personen.*.verdiepingsgesprek.locatie", "personen.*.aanhef"}
"""Fields no booklet page shows: only `resourceboek letters` prints them, so the letter is where
they are checked (`test_print_only_fields_are_text_in_the_letter`)."""
LETTER_TO, LETTER_DAY = "anna", dt.date(2026, 1, 20)
"""A letter to anna before her verdiepingsgesprek (2026-02-02), so it says where the talk is."""

# Everything but the free text: keys, references, dates and choices. The walker adds every text.
BASE = f"""
variant: volwassenen
fase: 2
startdatum: 2026-01-05
personen:
  anna: {{soort: familie, telefoon: "06 12345678", verdiepingsgesprek: {{datum: 2026-02-02}}}}
  bram:
    soort: professional
    telefoon: "+31 (0)10-123 45 67"
    verdiepingsgesprek: {{datum: 2026-02-03}}
rollen: {{regieondersteuner: bram, zorgverantwoordelijke: anna, voorzitter: client}}
deelnemers: [anna, bram]
uitnodigen: [anna]
belangrijke_anderen: [anna]
kortetermijndoelen: [{{status: loopt, taken: [{{wie: [anna, client]}}]}}]
signaleringsplan: {{contact_bij_crisis: [resourcegroep, anna]}}
themas: [{THEME}]
bijeenkomsten:
  - {{datum: 2026-03-02, begintijd: "19:00", eindtijd: "20:00", soort: thema, thema: {THEME}}}
  - {{datum: 2026-12-07, begintijd: "19:00", eindtijd: "20:00", voorzitter: client}}
overdracht: {{soort: afschaling}}
metingen:
  een_gewone_dag: [{{datum: 2026-01-12, notitie: x}}]
  qls_100: [{{datum: 2026-01-12, gebieden: [x]}}]
  themas: [{{datum: 2026-03-02, thema: {THEME}, evaluatie: x}}]
"""


# --------------------------------------------------------------------------- walking the model


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`node` without `$ref` and without the `null` of an optional field."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    return _resolve(schema, options[0]) if len(options) == 1 else node


def _kind(node: dict[str, Any]) -> str | None:
    """'text' for free text, 'email' for an e-mail address, None for anything else."""
    if node.get("type") != "string" or "format" in node or "enum" in node:
        return None
    if "pattern" not in node:
        return "text"
    return "email" if "@" in node["pattern"] else None


class Filler:
    """Puts a payload in every free-text field of a group, walking the model's JSON Schema."""

    def __init__(self) -> None:
        self.schema = Groep.model_json_schema()
        self.values: dict[str, list[str]] = {}  # field path (indexes, keys as `*`) -> values
        self.emails = iter(EMAILS)

    def text(self, where: str) -> str:
        value = f"V{sum(map(len, self.values.values())):02d} {COMBINED}"
        self.values.setdefault(where, []).append(value)
        return value

    def fill(self, data: dict[str, Any], node: dict[str, Any], where: str = "") -> None:
        node = _resolve(self.schema, node)
        for name, prop in node.get("properties", {}).items():
            self._field(data, name, _resolve(self.schema, prop), f"{where}.{name}".lstrip("."))

    def _field(self, data: dict[str, Any], name: str, prop: dict[str, Any], where: str) -> None:
        kind = _kind(prop)
        items = _resolve(self.schema, prop.get("items", {}))
        if kind == "text":
            data[name] = self.text(where)
        elif kind == "email":
            data[name] = next(self.emails)
            self.values.setdefault(where, []).append(data[name])
        elif prop.get("type") == "array" and _kind(items) == "text":
            # The second item spans lines and paragraphs, as a list item may (Markdown would
            # make a link, an abbreviation or a code block of these lines).
            first, second = self.text(f"{where}[*]"), self.text(f"{where}[*]")
            data[name] = [first, "\n\n".join([second, PAYLOADS[3], f"*[V]: {PAYLOADS[0]}"])]
        elif prop.get("type") == "array":
            for item in data.get(name, []):
                self.fill(item, items, f"{where}[*]")
        elif "patternProperties" in prop:
            (values,) = prop["patternProperties"].values()
            for item in data.get(name, {}).values():
                self.fill(item, values, f"{where}.*")
        elif "properties" in prop:
            self.fill(data.setdefault(name, {}), prop, where)


def text_fields(schema: dict[str, Any], node: dict[str, Any], where: str = "") -> set[str]:
    """Every free-text or e-mail field of the format, as a path like `personen.*.naam`."""
    found: set[str] = set()
    node = _resolve(schema, node)
    for name, prop in node.get("properties", {}).items():
        prop, path = _resolve(schema, prop), f"{where}.{name}".lstrip(".")
        items = _resolve(schema, prop.get("items", {}))
        if _kind(prop):
            found.add(path)
        elif _kind(items) == "text":
            found.add(f"{path}[*]")
        elif prop.get("type") == "array":
            found |= text_fields(schema, items, f"{path}[*]")
        elif "patternProperties" in prop:
            (values,) = prop["patternProperties"].values()
            found |= text_fields(schema, values, f"{path}.*")
        elif "properties" in prop:
            found |= text_fields(schema, prop, path)
    return found


def payload_group() -> tuple[str, Filler]:
    """A valid group file whose every free-text field carries the payloads."""
    data = yaml.safe_load(BASE)
    filler = Filler()
    filler.fill(data, filler.schema)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), filler


def test_every_text_field_of_the_model_carries_the_payloads(tmp_path: Path) -> None:
    text, filler = payload_group()
    wanted = text_fields(filler.schema, filler.schema)
    assert {"groepsnaam", "client", "personen.*.naam", "signaleringsplan.signalen[*]"} <= wanted
    assert "bijeenkomsten[*].verslag" in wanted
    assert wanted == set(filler.values), f"fields without a payload: {wanted - set(filler.values)}"
    assert all(len(v) <= 200 for vs in filler.values.values() for v in vs)  # shortest text field
    path = tmp_path / "xss.yml"
    path.write_text(text, encoding="utf-8")
    load_group(path)  # the payload group is valid, so it really gets built


@pytest.mark.parametrize("payload", PHONE_PAYLOADS)
def test_phone_refuses_payloads_without_repeating_them(payload: str) -> None:
    data = yaml.safe_load(BASE)
    data["personen"]["anna"]["telefoon"] = payload
    data.update(client="Anna", groepsnaam="Groep")
    data["personen"]["anna"].update(naam="Anna", relatie="zus")
    data["personen"]["bram"].update(naam="Bram", relatie="regie")
    data["kortetermijndoelen"][0]["doel"] = "Ik wil"
    data["kortetermijndoelen"][0]["taken"][0]["wat"] = "helpt"
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    with pytest.raises(GroupFileError) as caught:
        parse_group(raw, "groups/xss.yml", "xss")
    assert [p.field for p in caught.value.errors] == ["personen.anna.telefoon"]
    assert "telefoonnummer" in str(caught.value)
    assert payload not in str(caught.value)
    assert "alert" not in str(caught.value)


# --------------------------------------------------------------------------- the browser


@dataclass(frozen=True)
class Built:
    """The payload group's booklet (and its print copy) and what went into it."""

    folder: Path
    plain_pdf: Path
    filler: Filler

    @property
    def pages(self) -> list[str]:
        """Every page of the booklet, the start page first."""
        names = sorted(p.name for p in self.folder.glob("*.html"))
        return sorted(names, key=lambda name: name != "index.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The payload group built once as a booklet, with its PDF and the readable print copy."""
    text, filler = payload_group()
    tmp = tmp_path_factory.mktemp("xss")
    project = make_project(tmp, {"xss": text})
    group = load_group(project.groups_dir / "xss.yml")
    dest, prints = tmp / "site" / "xss", tmp / "afdruk"
    build_booklet(project, group, DEMO_PASSWORD, dest, pdf=True, today=TODAY, print_dir=prints)
    return Built(dest, prints / "xss.pdf", filler)


@pytest.fixture(scope="module")
def origin(built: Built) -> Iterator[str]:
    """The booklet served on 127.0.0.1 in its own folder (the token is in each page's AAD)."""
    with serve(built.folder.parent) as port:
        yield f"http://127.0.0.1:{port}/{built.folder.name}"


_JAVASCRIPT_URLS = """() => Array.from(document.querySelectorAll('*')).flatMap(el =>
    Array.from(el.attributes)
        .filter(a => ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name))
        .map(a => a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase())
        .filter(v => v.startsWith('javascript:')))"""
_HANDLERS = """() => Array.from(document.querySelectorAll('*')).flatMap(el =>
    Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"""


@pytest.mark.browser
def test_no_payload_runs_on_any_page(built: Built, origin: str, browser: Browser) -> None:
    assert len(built.pages) >= 6
    dialogs: list[str] = []
    texts: dict[str, str] = {}
    context = browser.new_context()
    try:
        page = context.new_page()

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        for n, name in enumerate(built.pages):
            page.goto(f"{origin}/{name}")
            if n == 0:  # the real unlock page; the other pages open with the kept key
                unlock(page, DEMO_PASSWORD)
            else:
                wait_open(page)
            page.wait_for_timeout(300)  # time for an onerror/onload to fire
            assert page.evaluate("window.__xss") is None, f"{name}: a payload ran"
            assert page.evaluate(_JAVASCRIPT_URLS) == [], f"{name}: a javascript: link"
            assert page.evaluate(_HANDLERS) == [], f"{name}: an element with an on... attribute"
            texts[name] = page.locator("body").inner_text()
    finally:
        context.close()
    assert dialogs == [], "payloads ran"
    everything = "\n".join(texts.values())
    # Each field is on a page as literal text (a planned meeting has no report yet, so a field
    # counts as shown when one of its values is).
    shown = [(f, values) for f, values in built.filler.values.items() if f not in PRINT_ONLY]
    missing = [f for f, values in shown if not any(v in everything for v in values)]
    assert missing == [], "fields not shown as literal text"
    assert [e for e in EMAILS if e not in everything] == []


@pytest.mark.pdf
def test_the_print_copy_shows_payloads_as_text(built: Built) -> None:
    result = subprocess.run(
        [poppler("pdftotext"), str(built.plain_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = " ".join(result.stdout.split())
    # The cover and every page are HTML escaped by our templates: markup in a value is text.
    assert text.count(PAYLOADS[0]) >= len(built.filler.values), "a payload was read as HTML"
    assert all(p in text for p in PAYLOADS)
    with pikepdf.open(built.plain_pdf) as pdf:
        uris = [
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        ]
        assert "/JavaScript" not in str(pdf.Root.get("/Names", {}))
    assert uris, "the PDF should have its mailto:/tel: links"
    assert [u for u in uris if u.replace(" ", "").lower().startswith("javascript:")] == []


@pytest.mark.pdf
def test_print_only_fields_are_text_in_the_letter(tmp_path: Path) -> None:
    """The fields only a letter shows (`PRINT_ONLY`) are literal text in the letter's HTML and
    in its PDF: no element or handler of a payload, each field's value readable as typed."""
    text, filler = payload_group()
    groep = parse_group(text.encode("utf-8"), "groups/xss.yml", "xss").groep
    letter = letter_for(groep, LETTER_TO, LETTER_DAY)
    html = render_letter(letter, groep.variant.value, make_environment(), LETTER_DAY)
    tree = lxml.html.document_fromstring(html)
    assert tree.xpath("//script | //svg | //img | //@*[starts-with(name(), 'on')]") == []
    assert [a for a in tree.xpath("//a/@href") if "javascript" in a.lower()] == []
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(html_pdf(html))
    result = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    printed = " ".join(result.stdout.split())
    for where, source in (("HTML", " ".join(tree.text_content().split())), ("PDF", printed)):
        missing = [f for f in PRINT_ONLY if not any(v in source for v in filler.values[f])]
        assert missing == [], f"{where}: print-only fields not shown as literal text"
