"""The editor's page: the form (templates/editor/) with each problem beside the field it concerns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resourceboek.editor.fields import Control, form_controls
from resourceboek.editor.session import Outcome
from resourceboek.groupfile.problems import Problem, Severity
from resourceboek.pages.render import make_environment
from resourceboek.text.dutch import count

KINDS = {Severity.error: "fout", Severity.warning: "nog-doen"}
"""A problem's class on the page: an error stops the booklet; a warning is still to do."""


def all_controls(controls: list[Control]) -> Iterator[Control]:
    """Every control of the form, the groups around fields included."""
    for control in controls:
        yield control
        yield from all_controls(control.children)


def target_of(field: str, names: dict[str, str]) -> str:
    """The control a problem is shown beside: its field, or the nearest part that holds it."""
    while field and field not in names:
        cut = max(field.rfind("."), field.rfind("["))
        field = field[:cut] if cut > 0 else ""
    return field


def _by_key(field: str, by_position: dict[str, str]) -> str:
    head = field.split(".", 1)[0].split("]", 1)[0] + "]" if "[" in field else ""
    return by_position[head] + field[len(head) :] if head in by_position else field


def placed(problems: list[Problem], controls: list[Control]) -> list[dict[str, Any]]:
    """Each problem with the control it belongs to (name and HTML id) and its class."""
    names = {c.name: c.dom_id for c in all_controls(controls)}
    by_position = {  # `personen[2].naam` in a message is the second person's `naam`
        f"{c.name}[{n}]": child.name
        for c in all_controls(controls)
        if c.kind == "keyed"
        for n, child in enumerate(c.children, start=1)
    }
    out = []
    for problem in problems:
        name = target_of(_by_key(problem.field, by_position), names)
        out.append(
            {
                "veld": problem.field or "bestand",
                "naam": name,
                "doel": names.get(name, "formulier"),
                "regel": problem.line,
                "tekst": problem.message,
                "soort": KINDS[problem.severity],
            }
        )
    return out


def tally(problems: list[Problem]) -> str:
    """The summary's first line, in words."""
    errors = sum(p.severity is Severity.error for p in problems)
    todo = len(problems) - errors
    if not problems:
        return "Niets meer: dit plan is klaar om als boekje uit te reiken."
    if not errors:
        return f"Geen fouten; nog {count(todo, 'punt', 'punten')} te doen voor het boekje klaar is."
    return (
        f"{count(errors, 'fout', 'fouten')}: zolang die er zijn, wordt het boekje niet bijgewerkt. "
        f"Daarna nog {count(todo, 'punt', 'punten')} te doen."
    )


def render_page(outcome: Outcome, token: str, base: str, group: str) -> str:
    """The whole editor page for `outcome`."""
    controls = form_controls(outcome.data)
    listed = placed(outcome.problems, controls)
    beside: dict[str, list[dict[str, Any]]] = {}
    for item in listed:
        beside.setdefault(item["naam"], []).append(item)
    template = make_environment().get_template("editor/bewerken.html.j2")
    return template.render(
        basis=base,
        groep=group,
        token=token,
        digest=outcome.digest,
        melding=outcome.notice,
        conflict=outcome.conflict,
        velden_lijst=controls,
        problemen=beside,
        lijst=listed,
        telling=tally(outcome.problems),
    )
