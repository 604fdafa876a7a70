"""What every command shares: the Dutch error type, the config and werkmap options, the project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from resourceboek.groupfile.load import LoadedGroup, find_group_files, group_id, load_group
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.project.destinations import refused_destination, refused_paths
from resourceboek.project.project import Project, load_project
from resourceboek.project.workspace import Werkmap, WorkspaceError, find_workspace, resolve_project
from resourceboek.settings.reading import SettingsError

F = TypeVar("F", bound=Callable[..., Any])

CONFIG_FILE = "mkdocs.yml"
CONFIG_HELP = (
    "Het MkDocs-configuratiebestand van het project (standaard: mkdocs.yml in deze map, "
    "anders dat van het project waaruit resourceboek geïnstalleerd is)."
)


def installed_project_config() -> Path:
    """mkdocs.yml of the checkout this package is installed from (`pip install -e`, `make site`).

    The package lives in `<checkout>/plugins/resourceboek/`, so every command finds its project
    from any folder; from a wheel there is no such file, and `-f` names it.
    """
    import resourceboek

    return Path(resourceboek.__file__).resolve().parent.parent.parent / CONFIG_FILE


def project_config(ctx: click.Context, param: click.Parameter, given: Path | None) -> Path:
    """`-f` if given; else mkdocs.yml in the current folder; else the installed project's."""
    if given is not None:
        return given
    here = Path(CONFIG_FILE)
    if here.is_file():
        return here
    installed = installed_project_config()
    return installed if installed.is_file() else here


config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False),
    callback=project_config,
    help=CONFIG_HELP,
)


def groups_option(help: str = "Map met groepsbestanden.") -> Callable[[F], F]:
    """`--groups DIR`: the folder with group files (overrides the werkmap's)."""
    return click.option(
        "--groups", "groups_dir", type=click.Path(path_type=Path, file_okay=False), help=help
    )


passwords_option = click.option(
    "--passwords", type=click.Path(path_type=Path, dir_okay=False), help="Wachtwoordenbestand."
)


class _FirstNamesOption(click.Option):
    """An option whose older spelling still works but is not shown in `--help`."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return (record[0].replace(", --workspace", ""), record[1]) if record else None


workspace_option = click.option(
    "-w",
    "--werkmap",
    "--workspace",  # the option's first name: old scripts keep working
    "workspace",
    cls=_FirstNamesOption,
    type=click.Path(path_type=Path, file_okay=False),
    help="De werkmap (anders: RESOURCEBOEK_WERKMAP of `werkmap:` in mkdocs.yml).",
)


class BadInput(click.ClickException):
    """A user mistake in a file: printed in Dutch without traceback, exit code 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        click.echo(self.message, err=True)


def open_project(
    config_file: Path, workspace: Path | None = None, **overrides: Path | None
) -> tuple[Project, Werkmap | None]:
    """The project with the werkmap's paths and the command line's; refuses published paths."""
    if not config_file.exists():
        raise BadInput(
            f"{config_file}: bestand niet gevonden. Start in de map van het project, of geef "
            "het mkdocs.yml van het project met -f PAD/mkdocs.yml."
        )
    try:
        project = load_project(config_file)
        werkmap = find_workspace(workspace, project)
    except (WorkspaceError, SettingsError) as exc:
        raise BadInput(str(exc)) from None
    for warning in werkmap.warnings if werkmap else ():  # secrets others can read, as ssh warns
        click.echo(warning, err=True)
    try:
        resolved = resolve_project(project, werkmap, **overrides)
    except SettingsError as exc:  # the werkmap's instellingen.yml
        raise BadInput(str(exc)) from None
    private = {
        "groups_dir": resolved.groups_dir,
        "passwords_file": resolved.passwords_file,
        "werkmap": werkmap.root if werkmap else None,
    }
    refuse_published(resolved, **private)
    if werkmap is not None:
        refuse_destination(resolved, "De werkmap", werkmap.root)
    return resolved, werkmap


def refuse_destination(project: Project, what: str, path: Path) -> None:
    """Stop before a command writes a private file where it can be published or committed."""
    refusal = refused_destination(project, what, path)
    if refusal:
        raise BadInput(refusal)


def refuse_published(project: Project, **paths: Path | None) -> None:
    """Stop when a private path lies where it can be published."""
    problems = refused_paths(project, **paths)
    if problems:
        raise BadInput("\n".join(problems))


def print_folder(project: Project, werkmap: Werkmap | None, given: Path | None) -> Path:
    """Where a printing command writes: `--print-dir`, else the werkmap's `afdruk/`; checked."""
    folder = given or (werkmap.print_dir if werkmap else None)
    if folder is None:
        raise BadInput("Geen printmap: gebruik een werkmap (--workspace MAP) of --print-dir MAP.")
    refuse_destination(project, "De printmap", folder)
    return folder


def group_file(project: Project, gid: str) -> Path:
    """The file of one group; another group's file is not read, so its mistakes do not matter."""
    folder = project.groups_dir
    files = find_group_files([folder]) if folder.is_dir() else []
    found = [path for path in files if group_id(path) == gid]
    if not found:
        raise BadInput(f"Groep '{gid}' niet gevonden in {folder}.")
    return found[0]


def load_one(project: Project, gid: str) -> LoadedGroup:
    """One group, read and checked on its own; its errors stop the command, no other file's."""
    try:
        return load_group(group_file(project, gid))
    except GroupFileError as exc:
        raise BadInput(format_problems(exc.problems)) from None
