"""`resourceboek edit ID`: fill in a group's plan in a form on this computer, beside its booklet."""

from __future__ import annotations

from pathlib import Path

import click

from resourceboek.cli.common import (
    BadInput,
    config_option,
    group_file,
    groups_option,
    open_project,
    refuse_destination,
    workspace_option,
)
from resourceboek.cli.nl import WholeNumber
from resourceboek.project.history import HISTORY

PORT = WholeNumber(0, 65535)


def register(main: click.Group) -> None:
    """Add `edit` to the command line."""
    main.add_command(edit)


@click.command(options_metavar="[OPTIES]")
@click.argument("group_id", metavar="ID")
@click.option(
    "--port",
    type=PORT,
    default=0,
    help="Poort op 127.0.0.1 (standaard: een vrije poort).",
)
@groups_option()
@workspace_option
@config_option
def edit(
    group_id: str, port: int, groups_dir: Path | None, workspace: Path | None, config_file: Path
) -> None:
    """Vul het plan van een groep in met een formulier, naast het boekje (alleen op deze computer)."""
    from resourceboek.editor.run import EditorRefused, serve_editor
    from resourceboek.editor.session import EditRefused

    project, werkmap = open_project(config_file, workspace, groups_dir=groups_dir)
    path = group_file(project, group_id)
    history_root = werkmap.root if werkmap else project.state_dir
    refuse_destination(project, "De geschiedenis van groepsbestanden", history_root / HISTORY)
    try:
        serve_editor(project, path, history_root, port, click.echo)
    except (EditorRefused, EditRefused) as exc:
        raise BadInput(str(exc)) from None
