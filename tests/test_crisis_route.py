"""The organisation's crisis route (crisisdienst, huisartsenpost, the crisis line) reaches every
place a client looks when it goes wrong: the lock page (public, before 112 and the password field)
and the pocket card beside the booklet; the plan's own contacts never reach the lock page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import buildkit
from pathkit import EXAMPLES, poppler
from resourceboek.adapters.booklet import build_booklet
from resourceboek.groupfile.load import load_group
from resourceboek.pages.render import make_environment
from resourceboek.project.project import Project
from resourceboek.protection import lockpage
from resourceboek.settings.model import OrganisationSettings

ROUTE = {
    "crisisdienst": {
        "naam": "Crisisdienst GGZ Noord",
        "telefoon": "010 123 45 99",
        "uitleg": "dag en nacht",
    },
    "huisartsenpost": {"naam": "Huisartsenpost Noord", "telefoon": "0900 1234567"},
    "crisislijn": {"naam": "Crisislijn Noord", "telefoon": "0800-1234"},
}
PLAN_CONTACTS = [
    "06 11111111",
    "06 55555555",
    "010 7777777",
]  # teun's plan: Mieke, Jetske, huisarts


def lock_page(settings: OrganisationSettings) -> str:
    slot = lockpage.lock_settings(settings)
    return lockpage.render_shell({}, make_environment(), "", settings=slot)


def test_lock_page_shows_the_route_in_order_before_112_and_the_field() -> None:
    shell = lock_page(OrganisationSettings.model_validate(ROUTE))
    order = [
        'href="tel:0101234599"',
        "(dag en nacht)",
        'href="tel:09001234567"',
        'href="tel:08001234"',
        'href="tel:112"',
        'id="rb-wachtwoord"',
    ]
    places = [shell.index(item) for item in order]
    assert places == sorted(places)
    assert "Huisartsenpost Noord: bel" in shell


def test_lock_page_without_a_route_keeps_113_and_112() -> None:
    shell = lock_page(OrganisationSettings())
    assert "Crisisdienst" not in shell
    assert shell.index('href="tel:08000113"') < shell.index('href="tel:112"')


def test_route_names_on_the_lock_page_are_escaped() -> None:
    route = {"crisisdienst": {"naam": "Dienst <b>Noord</b> & Zuid", "telefoon": "010 1234599"}}
    shell = lock_page(OrganisationSettings.model_validate(route))
    assert "Dienst &lt;b&gt;Noord&lt;/b&gt; &amp; Zuid" in shell


@pytest.mark.pdf
def test_a_built_booklet_carries_the_route_on_its_lock_pages_and_its_zakkaart(
    tmp_path: Path,
) -> None:
    base = buildkit.make_project(tmp_path, {"teun": (EXAMPLES / "teun.yml").read_text()})
    project = Project(base.config_file, {**base.raw, "extra": {**base.raw["extra"], **ROUTE}})
    group = load_group(project.groups_dir / "teun.yml")
    dest = tmp_path / "boekjes" / "0123456789abcdef0123456789abcdef"
    build_booklet(project, group, buildkit.DEMO_PASSWORD, dest, pdf=True, today=buildkit.TODAY)
    for page in dest.glob("*.html"):
        shell = page.read_text(encoding="utf-8")
        assert 'href="tel:0101234599"' in shell, page.name
        assert not [number for number in PLAN_CONTACTS if number in shell], page.name
    card = subprocess.run(
        [poppler("pdftotext"), "-upw", buildkit.DEMO_PASSWORD, str(dest / "zakkaart.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for text in ["Crisisdienst GGZ Noord", "010 123 45 99", "Huisartsenpost Noord", "Crisislijn"]:
        assert text in card, text
