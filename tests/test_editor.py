"""`resourceboek edit` without a browser: the form from the model, checks, saving, access."""

from __future__ import annotations

import http.client
import json
import stat
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from click.testing import CliRunner

from resourceboek.cli.main import main, new_group_text
from resourceboek.editor.fields import form_controls
from resourceboek.editor.page import placed, render_page
from resourceboek.editor.server import EditorServer
from resourceboek.editor.session import CHANGED_ON_DISK, Session
from resourceboek.groupfile.problems import Problem, Severity
from resourceboek.groupfile.schema import group_schema
from resourceboek.project.history import versions

SECRET = "geheim-adres-van-de-test"


class FormReader(HTMLParser):
    """The fields a browser would post from the page, and which controls have a label."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.ids: dict[str, str] = {}
        self.labelled: set[str] = set()
        self.pick_groups: set[str] = set()
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "label":
            self.labelled.add(a.get("for", ""))
        if tag == "fieldset" and "keuzes" in a.get("class", ""):
            self.pick_groups.add(a.get("data-veld", ""))
        if tag in {"input", "select", "textarea"} and a.get("id"):
            self.ids[a["id"]] = a.get("name", "")
        if tag == "input" and (a.get("type") != "checkbox" or "checked" in a):
            if a.get("type") != "submit":
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and "selected" in a and self._select:
            self.fields.append((self._select, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None

    def labelled_names(self) -> set[str]:
        """Names of the controls that have a label, and of the lists of choices (a legend)."""
        return {name for id_, name in self.ids.items() if id_ in self.labelled} | self.pick_groups


def read_form(html: str) -> FormReader:
    reader = FormReader()
    reader.feed(html)
    return reader


def changed(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    return [(k, values.get(k, v)) for k, v in fields]


@pytest.fixture
def group_path(tmp_path: Path) -> Path:
    folder = tmp_path / "groepen"
    folder.mkdir()
    path = folder / "anouk.yml"
    path.write_text(new_group_text("anouk", "volwassenen"), encoding="utf-8")
    return path


@pytest.fixture
def session(group_path: Path, tmp_path: Path) -> Session:
    return Session(group_path, tmp_path / "werkmap")


@pytest.fixture
def server(session: Session) -> Iterator[EditorServer]:
    made = EditorServer(session, SECRET, 0, None)
    thread = threading.Thread(target=made.serve_forever, daemon=True)
    thread.start()
    yield made
    made.shutdown()
    made.server_close()


def request(
    server: EditorServer,
    method: str,
    path: str,
    body: list[tuple[str, str]] | None = None,
    host: str | None = None,
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{server.server_port}"}
    data = None
    if body is not None:
        data = urlencode(body).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    return response.status, dict(response.getheaders()), text


def open_form(server: EditorServer) -> list[tuple[str, str]]:
    status, _, html = request(server, "GET", f"/{SECRET}/")
    assert status == 200
    return read_form(html).fields


# --------------------------------------------------------------------------- one source


def _leaves(schema: dict[str, Any], node: dict[str, Any], path: str) -> Iterator[str]:
    """Every field of the schema that holds a value, as the form names it (`*` for entries)."""
    node = next((n for n in node.get("anyOf", [node]) if n.get("type") != "null"), node)
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "properties" in node:
        for key, child in node["properties"].items():
            yield from _leaves(schema, child, f"{path}.{key}" if path else key)
    elif _holds_parts(schema, node, "patternProperties"):
        yield from _leaves(schema, next(iter(node["patternProperties"].values())), f"{path}.*")
    elif _holds_parts(schema, node, "items"):
        yield from _leaves(schema, node["items"], f"{path}[*]")
    else:
        yield path


def _holds_parts(schema: dict[str, Any], node: dict[str, Any], where: str) -> bool:
    """True for a list or mapping of parts with fields of their own (goals, people)."""
    inner = node.get(where, {})
    if where == "patternProperties":
        inner = next(iter(inner.values()), {})
    if "$ref" in inner:
        inner = schema["$defs"][inner["$ref"].rsplit("/", 1)[-1]]
    return "properties" in inner


def _one_of_each(schema: dict[str, Any], node: dict[str, Any]) -> Any:
    """Data with one entry in every list of parts and one person, so every field is drawn."""
    node = next((n for n in node.get("anyOf", [node]) if n.get("type") != "null"), node)
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "properties" in node:
        return {k: _one_of_each(schema, c) for k, c in node["properties"].items()}
    if _holds_parts(schema, node, "patternProperties"):
        return {"iemand": _one_of_each(schema, next(iter(node["patternProperties"].values())))}
    if _holds_parts(schema, node, "items"):
        return [_one_of_each(schema, node["items"])]
    return None


def test_every_field_of_the_model_has_a_labelled_control(session: Session) -> None:
    schema = group_schema()
    data = _one_of_each(schema, schema)
    leaves = {
        leaf.replace(".*", ".iemand").replace("[*]", "[1]") for leaf in _leaves(schema, schema, "")
    }
    outcome = session.open()
    outcome.data = {k: v for k, v in data.items() if v is not None}
    html = render_page(outcome, session.token, "/x/", "anouk")
    labelled = read_form(html).labelled_names()
    assert len(leaves) > 60
    assert sorted(leaves - labelled) == []


def test_people_are_chosen_never_typed(session: Session) -> None:
    html = render_page(session.open(), session.token, "/x/", "anouk")
    reader = read_form(html)
    kinds = {c.name: c.kind for c in _all(form_controls(session.open().data))}
    assert kinds["rollen.regieondersteuner"] == "pick"
    assert kinds["deelnemers"] == kinds["signaleringsplan.contact_bij_crisis"] == "picks"
    assert kinds["themas"] == "picks"
    assert "deelnemers" in reader.pick_groups
    assert ("deelnemers", "zus") in reader.fields  # `new` put her in; the box is ticked


def _all(controls: list[Any]) -> Iterator[Any]:
    for control in controls:
        yield control
        yield from _all(control.children)


# --------------------------------------------------------------------------- checks as you type


def test_a_time_of_25_00_shows_beside_its_field_and_the_file_is_unchanged(
    server: EditorServer, group_path: Path
) -> None:
    before = group_path.read_bytes()
    fields = changed(open_form(server), **{"bijeenkomsten[1].begintijd": "25:00"})
    status, headers, body = request(server, "POST", f"/{SECRET}/controleer", fields)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    problems = json.loads(body)["problemen"]
    beside = [p for p in problems if p["naam"] == "bijeenkomsten[1].begintijd"]
    assert len(beside) == 1
    assert beside[0]["doel"] == "v-bijeenkomsten-1--begintijd"
    assert beside[0]["soort"] == "fout"
    assert "UU:MM" in beside[0]["tekst"]
    assert "25:00" not in beside[0]["tekst"]
    assert group_path.read_bytes() == before
    # Without script the same message comes back on the page, in the list beside the field.
    status, _, html = request(server, "POST", f"/{SECRET}/", [*fields, ("_actie", "")])
    assert 'id="v-bijeenkomsten-1--begintijd-fout"' in html
    after_list = html.split('id="v-bijeenkomsten-1--begintijd-fout"', 1)[1].split("</ul>", 1)[0]
    assert beside[0]["tekst"].replace("`", "&#96;")[:20] in after_list or "UU:MM" in after_list
    assert group_path.read_bytes() == before


def test_a_message_about_the_second_person_is_shown_beside_her_field(session: Session) -> None:
    controls = form_controls(session.open().data)
    problems = [
        Problem("anouk.yml", 3, "personen[2].naam", "vul dit in.", Severity.warning),
        Problem("anouk.yml", 9, "personen.zus.telefoon", "geen nummer.", Severity.error),
    ]
    found = placed(problems, controls)
    assert [p["naam"] for p in found] == ["personen.regie.naam", "personen.zus.telefoon"]
    assert [p["doel"] for p in found] == ["v-personen-regie-naam", "v-personen-zus-telefoon"]


# --------------------------------------------------------------------------- saving


def test_a_save_keeps_comments_order_and_schema_line(
    server: EditorServer, group_path: Path
) -> None:
    before = group_path.read_text(encoding="utf-8")
    fields = changed(open_form(server), client="Anouk", **{"personen.zus.naam": "Mieke"})
    status, _, html = request(server, "POST", f"/{SECRET}/", [*fields, ("_actie", "opslaan")])
    assert status == 200
    assert "Opgeslagen." in html
    after = group_path.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]
    assert after.splitlines()[0].startswith("# yaml-language-server: $schema=")
    comments = [line.split("#", 1)[1] for line in before.splitlines() if "#" in line]
    assert all(comment in after for comment in comments)
    data = yaml.safe_load(after)
    assert data["client"] == "Anouk"
    assert data["personen"]["zus"]["naam"] == "Mieke"
    assert list(data) == list(yaml.safe_load(before))
    assert stat.S_IMODE(group_path.stat().st_mode) == 0o600


def test_each_save_keeps_the_previous_version(
    server: EditorServer, group_path: Path, tmp_path: Path
) -> None:
    first = group_path.read_bytes()
    fields = changed(open_form(server), client="Anouk")
    request(server, "POST", f"/{SECRET}/", [*fields, ("_actie", "opslaan")])
    second = group_path.read_bytes()
    fields = changed(open_form(server), client="Anouk B")
    request(server, "POST", f"/{SECRET}/", [*fields, ("_actie", "opslaan")])
    kept = versions(tmp_path / "werkmap", "anouk")
    assert [path.read_bytes() for path in kept] == [first, second]
    assert kept[0].parent == tmp_path / "werkmap" / "geschiedenis" / "anouk"
    assert {stat.S_IMODE(path.stat().st_mode) for path in kept} == {0o600}
    assert stat.S_IMODE(kept[0].parent.stat().st_mode) == 0o700
    assert yaml.safe_load(group_path.read_bytes())["client"] == "Anouk B"


def test_a_half_finished_plan_is_saved_with_its_problems(
    server: EditorServer, group_path: Path
) -> None:
    fields = changed(open_form(server), client="", **{"bijeenkomsten[1].begintijd": "25:00"})
    status, _, html = request(server, "POST", f"/{SECRET}/", [*fields, ("_actie", "opslaan")])
    assert status == 200
    assert "Opgeslagen." in html
    saved = yaml.safe_load(group_path.read_bytes())
    assert saved["bijeenkomsten"][0]["begintijd"] == "25:00"
    assert 'data-fout-voor="client"><li class="fout">' in html.replace("\n", "")


def test_a_file_changed_on_disk_refuses_the_save_and_keeps_the_typed_work(
    server: EditorServer, group_path: Path, tmp_path: Path
) -> None:
    fields = changed(open_form(server), client="Getypt in het formulier")
    other = group_path.read_text(encoding="utf-8").replace("fase: 1 ", "fase: 2 ")
    group_path.write_text(other, encoding="utf-8")
    status, _, html = request(server, "POST", f"/{SECRET}/", [*fields, ("_actie", "opslaan")])
    assert status == 200
    assert CHANGED_ON_DISK.split(" (")[0] in html
    assert 'value="Getypt in het formulier"' in html
    assert group_path.read_text(encoding="utf-8") == other
    assert versions(tmp_path / "werkmap", "anouk") == []
    # 'Toch opslaan' replaces the file and keeps the other version.
    again = read_form(html).fields
    request(server, "POST", f"/{SECRET}/", [*again, ("_actie", "overschrijven")])
    assert yaml.safe_load(group_path.read_bytes())["client"] == "Getypt in het formulier"
    assert [p.read_text(encoding="utf-8") for p in versions(tmp_path / "werkmap", "anouk")] == [
        other
    ]


# --------------------------------------------------------------------------- access


def test_another_host_or_no_secret_is_refused(server: EditorServer) -> None:
    status, headers, body = request(server, "GET", f"/{SECRET}/", host="example.org")
    assert status == 421
    assert "alleen op deze computer" in body
    assert request(server, "GET", "/")[0] == 403
    assert request(server, "GET", "/fout-geheim/")[0] == 403
    assert request(server, "GET", f"/{SECRET}x/")[0] == 403
    fields = open_form(server)
    no_token = [(k, v) for k, v in fields if k != "_token"]
    assert request(server, "POST", f"/{SECRET}/controleer", no_token)[0] == 403
    wrong = changed(fields, _token="verzonnen")
    assert request(server, "POST", f"/{SECRET}/", [*wrong, ("_actie", "opslaan")])[0] == 403
    assert request(server, "POST", f"/{SECRET}/controleer", fields, host="evil.test")[0] == 421


def test_answers_are_never_cached_nor_sent_on(server: EditorServer) -> None:
    _, headers, html = request(server, "GET", f"/{SECRET}/")
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "<script>" not in html
    assert "http" not in html.split("<body", 1)[0].replace("http-equiv", "")
    status, headers, _ = request(server, "GET", f"/{SECRET}/bestanden/editor.js")
    assert status == 200
    assert headers["Content-Type"] == "text/javascript"
    assert request(server, "GET", f"/{SECRET}/bestanden/../session.py")[0] == 404
    assert request(server, "GET", f"/{SECRET}/boekje/../../etc/passwd")[0] == 404


def test_edit_names_a_missing_group_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "groepen").mkdir()
    result = CliRunner().invoke(main, ["edit", "niemand", "--groups", str(tmp_path / "groepen")])
    assert result.exit_code == 1
    assert "Groep 'niemand' niet gevonden" in result.output
    assert "Traceback" not in result.output
