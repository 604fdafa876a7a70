"""The coordinator's commands around the werkmap: `init`, `status` and `handout`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from .cli_common import (
    BadInput,
    config_option,
    groups_option,
    open_project,
    passwords_option,
    refuse_checkout,
    refuse_published,
    workspace_option,
)
from .load import LoadedGroup, load_groups
from .problems import GroupFileError, format_problems
from .project import Project, load_project
from .secrets_store import load_passwords, read_mapping
from .workspace import WorkspaceError, base_url, init_workspace

TOKENS = "tokens.yml"


def register(main: click.Group) -> None:
    """Add the werkmap commands to the command line."""
    for command in (init, status, handout):
        main.add_command(command)


@click.command(options_metavar="[OPTIES]")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), metavar="MAP")
@config_option
def init(folder: Path, config_file: Path) -> None:
    """Maak een werkmap: één afgeschermde map voor alles wat vertrouwelijk is."""
    if config_file.exists():
        project = load_project(config_file)
        refuse_published(project, werkmap=folder)
        refuse_checkout(project, "De werkmap", folder)
    try:
        werkmap = init_workspace(folder)
    except WorkspaceError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"Werkmap gemaakt: {werkmap.root} (alleen voor jou leesbaar).")
    click.echo(f"Gebruik hem met --workspace {werkmap.root}, of zet één keer:")
    click.echo(f"  export RESOURCEBOEK_WORKSPACE={werkmap.root}")
    click.echo(f"Lees {werkmap.root / 'LEESMIJ.txt'}: maak elke week een back-up van deze map.")


@click.command(options_metavar="[OPTIES]")
@click.option("--csv", "as_csv", is_flag=True, help="Als CSV, om in een spreadsheet te openen.")
@groups_option()
@passwords_option
@workspace_option
@config_option
def status(
    as_csv: bool,
    groups_dir: Path | None,
    passwords: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Overzicht van alle groepen: fase, bijeenkomsten, gereed, wachtwoord en link."""
    from . import overview
    from .readiness import readiness

    project, werkmap = open_project(
        config_file, workspace, groups_dir=groups_dir, passwords_file=passwords
    )
    groups = _groups(project)
    have_password = set(_mapping(load_passwords, project.passwords_file))
    tokens = _tokens(project)
    url, today = base_url(project, werkmap), dt.date.today()
    rows = [
        overview.status_row(
            g, today, readiness, g.id in have_password, overview.link_text(url, tokens.get(g.id))
        )
        for g in groups
    ]
    click.echo(overview.as_csv(rows) if as_csv else overview.as_table(rows), nl=not as_csv)


@click.command(options_metavar="[OPTIES]")
@click.argument("group_id", metavar="ID")
@click.option(
    "--print-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Printmap (standaard: afdruk/ in de werkmap).",
)
@passwords_option
@workspace_option
@config_option
def handout(
    group_id: str,
    print_dir: Path | None,
    passwords: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Maak een uitdeelblad (link en QR-code) en, apart, een wachtwoordbriefje voor de cliënt."""
    from . import handout as sheets
    from .overview import booklet_link

    project, werkmap = open_project(config_file, workspace, passwords_file=passwords)
    folder = print_dir or (werkmap.print_dir if werkmap else None)
    if folder is None:
        raise BadInput("Geen printmap: gebruik een werkmap (--workspace) of --print-dir MAP.")
    refuse_published(project, print_dir=folder)
    refuse_checkout(project, "De printmap", folder)
    if group_id not in {g.id for g in _groups(project)}:
        raise BadInput(f"Groep '{group_id}' niet gevonden in {project.groups_dir}.")
    token = _tokens(project).get(group_id)
    secret = _mapping(load_passwords, project.passwords_file).get(group_id)
    url = base_url(project, werkmap)
    _require(token, secret, url, group_id)
    assert token is not None  # for mypy: _require checked it
    assert secret is not None
    organisatie = dict((project.raw.get("extra") or {}).get("organisatie") or {})
    made = sheets.write_handout(
        folder,
        group_id,
        sheets.sheet_html(booklet_link(url, token), organisatie, project.templates_dir),
        sheets.slip_html(secret, project.templates_dir),
    )
    click.echo(f"Uitdeelblad met link en QR-code: {made.sheet}")
    click.echo(f"Wachtwoordbriefje: {made.slip}")
    click.echo("Geef ze apart: het blad bijvoorbeeld per post of mail, het briefje persoonlijk.")


def _require(token: str | None, secret: str | None, url: str, group_id: str) -> None:
    missing = []
    if not url:
        missing.append(
            "er is geen base_url: zet het adres van de boekjes in instellingen.yml van je werkmap "
            "(base_url: https://...)"
        )
    if secret is None:
        missing.append(f"er is geen wachtwoord: maak er een met resourceboek password {group_id}")
    if token is None:
        missing.append("het boekje is nog niet gebouwd: doe eerst resourceboek build")
    if missing:
        raise BadInput(f"Geen uitdeelblad voor '{group_id}': " + "; ".join(missing) + ".")


def _groups(project: Project) -> list[LoadedGroup]:
    try:
        return load_groups([project.groups_dir]) if project.groups_dir.is_dir() else []
    except GroupFileError as exc:
        raise BadInput(format_problems(exc.problems)) from None


def _tokens(project: Project) -> dict[str, str]:
    return _mapping(lambda p: read_mapping(p, "Het tokenbestand"), project.state_dir / TOKENS)


def _mapping(read: Callable[[Path], dict[str, str]], path: Path) -> dict[str, str]:
    try:
        return read(path)
    except GroupFileError as exc:
        raise BadInput(format_problems(exc.problems)) from None
