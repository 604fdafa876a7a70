"""The coordinator's commands around the werkmap: `init`, `status` and `handout`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from resourceboek.cli.common import (
    BadInput,
    config_option,
    group_file,
    groups_option,
    open_project,
    passwords_option,
    print_folder,
    refuse_destination,
    workspace_option,
)
from resourceboek.groupfile.load import (
    LoadedGroup,
    display_path,
    find_group_files,
    group_id,
    load_group,
)
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.project.project import Project, load_project
from resourceboek.project.workspace import WorkspaceError, base_url, init_workspace
from resourceboek.protection.secrets_store import TOKENS_FILE, load_passwords, read_mapping
from resourceboek.settings.reading import SettingsError
from resourceboek.text.dutch import count


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
        try:
            project = load_project(config_file)
        except SettingsError as exc:
            raise BadInput(str(exc)) from None
        refuse_destination(project, "De werkmap", folder)
    try:
        werkmap = init_workspace(folder)
    except WorkspaceError as exc:
        raise BadInput(str(exc)) from None
    click.echo(f"Werkmap gemaakt: {werkmap.root} (alleen voor jou leesbaar).")
    click.echo(f"Gebruik hem met --workspace {werkmap.root}, of zet één keer:")
    click.echo(f"  export RESOURCEBOEK_WERKMAP={werkmap.root}")
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
    from resourceboek.groupfile.readiness import readiness
    from resourceboek.project import overview

    project, werkmap = open_project(
        config_file, workspace, groups_dir=groups_dir, passwords_file=passwords
    )
    have_password = set(_mapping(load_passwords, project.passwords_file))
    tokens = _tokens(project)
    url, today = base_url(project, werkmap), dt.date.today()
    rows, broken, todo = [], [], []
    for gid, group in _each_group(project):
        link = overview.link_text(url, tokens.get(gid))
        if group is None:
            broken.append(gid)
            rows.append(overview.broken_row(gid, gid in have_password, link))
        else:
            rows.append(overview.status_row(group, today, readiness, gid in have_password, link))
            todo.append(f"  {gid}: {overview.phase_todo(group.groep, today)}")
    click.echo(overview.as_csv(rows) if as_csv else overview.as_table(rows), nl=not as_csv)
    if todo and not as_csv:
        click.echo("\nWat de fase nog vraagt:\n" + "\n".join(todo))
    if broken:
        click.echo(_broken_note(project, broken), err=True)
    # A file with errors still has its group: only a history without any file is reminded of.
    _history_without_group(werkmap.root if werkmap else project.state_dir, {r.group for r in rows})


def _history_without_group(root: Path, ids: set[str]) -> None:
    """Remind of the history of a group whose file is gone (see README: Een groep die stopt)."""
    from resourceboek.project import history, overview

    if orphans := history.without_group(root, ids):
        folder = display_path(root / history.HISTORY)
        click.echo(overview.history_note(folder, orphans), err=True)


def _each_group(project: Project) -> Iterator[tuple[str, LoadedGroup | None]]:
    """Every group in the folder by id, with None for a file with errors (each file on its own)."""
    folder = project.groups_dir
    for path in find_group_files([folder]) if folder.is_dir() else []:
        try:
            yield group_id(path), load_group(path)
        except GroupFileError:
            yield group_id(path), None


def _broken_note(project: Project, broken: list[str]) -> str:
    files = count(len(broken), "groepsbestand heeft", "groepsbestanden hebben")
    return (
        f"{files} fouten ({', '.join(broken)}); die groepen blijven zoals ze waren tot de fouten "
        f"verbeterd zijn. Zie welke met: resourceboek check {display_path(project.groups_dir)}"
    )


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
    from resourceboek.paper import handout as sheets
    from resourceboek.project.overview import booklet_link

    project, werkmap = open_project(config_file, workspace, passwords_file=passwords)
    folder = print_folder(project, werkmap, print_dir)
    path = group_file(project, group_id)  # the group exists; no other file is read
    token = _tokens(project).get(group_id)
    secret = _mapping(load_passwords, project.passwords_file).get(group_id)
    url = base_url(project, werkmap)
    _require(token, secret, url, group_id)
    assert token is not None  # for mypy: _require checked it
    assert secret is not None
    contact = sheets.contact(project.organisation.organisatie, path)
    made = sheets.write_handout(
        folder,
        group_id,
        sheets.sheet_html(booklet_link(url, token), contact, project.templates_dir),
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


def _tokens(project: Project) -> dict[str, str]:
    return _mapping(lambda p: read_mapping(p, "Het tokenbestand"), project.state_dir / TOKENS_FILE)


def _mapping(read: Callable[[Path], dict[str, str]], path: Path) -> dict[str, str]:
    try:
        return read(path)
    except GroupFileError as exc:
        raise BadInput(format_problems(exc.problems)) from None
