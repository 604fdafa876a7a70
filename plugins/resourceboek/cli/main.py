"""Command line (`resourceboek`): a thin adapter over the core. Exit codes: 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import click

from resourceboek.build.buildreport import ready_text, tally
from resourceboek.cli import build as cli_build
from resourceboek.cli import edit as cli_edit
from resourceboek.cli import nl as cli_nl
from resourceboek.cli import werkmap as cli_werkmap
from resourceboek.cli.common import (
    BadInput,
    config_option,
    groups_option,
    load_one,
    open_project,
    refuse_destination,
    workspace_option,
)
from resourceboek.files.private_io import create_exclusive, private_dir
from resourceboek.groupfile import methode
from resourceboek.groupfile.load import LoadedGroup, display_path, is_slug
from resourceboek.groupfile.model import MEETING_INTERVAL_DAYS
from resourceboek.groupfile.problems import (
    GroupFileError,
    Problem,
    Severity,
    as_errors,
    format_problems,
)
from resourceboek.groupfile.readiness import PLACEHOLDERS
from resourceboek.groupfile.schema import group_schema
from resourceboek.pages.render import make_environment
from resourceboek.project.project import Project
from resourceboek.project.workspace import (
    PACKAGED_SCHEMA,
    SCHEMA_FROM_GROUP_FILE,
    Werkmap,
)
from resourceboek.protection.protect import password_problems
from resourceboek.protection.secrets_store import (
    DEMO_DIR,
    DEMO_PASSWORDS,
    DEMO_REFUSED,
    TOKENS_FILE,
    is_public_password,
    load_passwords,
    passphrase_bits,
    passphrase_for,
    read_mapping,
    store_password,
)
from resourceboek.text.dutch import count


class DutchCommand(click.Command):
    """A command whose usage line is Dutch too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class DutchGroup(click.Group):
    """The command group; Dutch set up when it runs, not when this module is imported."""

    command_class = DutchCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # MkDocs' notice about its version 2 is for MkDocs users, not for ours.
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        with cli_nl.dutch(self):
            return super().main(*args, **kwargs)


@click.group(
    cls=DutchGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)
@click.version_option(
    package_name="resourceboek", message="resourceboek %(version)s", help="Toon de versie en stop."
)
def main() -> None:
    """Handboek en beveiligde boekjes voor resourcegroepen."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[BESTANDEN OF MAPPEN]")
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@workspace_option
@config_option
def check(paths: tuple[Path, ...], strict: bool, workspace: Path | None, config_file: Path) -> None:
    """Controleer groepsbestanden (standaard: de map met groepen)."""
    from resourceboek.groupfile.load import load_all

    found = load_all(_check_targets(paths, workspace, config_file))
    lacking = _lacking(found.groups + found.partial)
    problems = sorted(set(found.problems) | {w for g in found.groups for w in g.warnings})
    problems += [w for ws in lacking.values() for w in ws if w not in problems]
    if strict:  # warnings count as errors
        problems = as_errors(problems)
    if problems:
        click.echo(format_problems(problems), err=True)
    summary = _check_summary(found.groups, problems, lacking)
    if any(p.severity is Severity.error for p in problems):
        raise BadInput(summary)
    click.echo(summary)


def _check_targets(
    paths: tuple[Path, ...], workspace: Path | None, config_file: Path
) -> list[Path]:
    """The files and folders to check; a bare name not found here is looked up in the groups
    folder, so `resourceboek check anouk.yml` (as `new` writes it) works from any folder."""
    if paths and all(p.exists() for p in paths):
        return list(paths)
    groups_dir = open_project(config_file, workspace)[0].groups_dir
    if not paths:
        return [groups_dir]
    targets = [p if p.exists() or p.is_absolute() else groups_dir / p for p in paths]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise BadInput("\n".join(f"{p}: bestand of map niet gevonden." for p in missing))
    return targets


def _lacking(groups: list[LoadedGroup]) -> dict[str, list[Problem]]:
    """What each group (or the valid part of a file with errors) still lacks to be handed out."""
    from resourceboek.groupfile.readiness import readiness

    today = dt.date.today()
    return {display_path(g.path): readiness(g, today) for g in groups}


def _check_summary(
    groups: list[LoadedGroup], problems: list[Problem], lacking: dict[str, list[Problem]]
) -> str:
    """The last line: files, errors and warnings counted, and whether the booklets are ready."""
    broken = {p.path for p in problems if p.severity is Severity.error}
    total = len(broken | {display_path(g.path) for g in groups})
    errors = len([p for p in problems if p.severity is Severity.error])
    files = count(total, "groepsbestand", "groepsbestanden")
    if broken:
        files += " met fouten" if len(broken) == total else f", waarvan {len(broken)} met fouten"
    ready = sum(not lacking.get(path) for path in {display_path(g.path) for g in groups} - broken)
    return f"{files}: {tally(errors, len(problems) - errors)}; {ready_text(ready, total)}."


@main.command()
@click.argument("group_id", metavar="ID")
@click.option(
    "--variant",
    type=click.Choice(methode.VARIANTS),
    default="volwassenen",
    show_default=True,
    help="Voor wie de groep is: bepaalt de woorden (cliënt of jongere) en de thema's.",
)
@groups_option()
@workspace_option
@config_option
def new(
    group_id: str,
    variant: str,
    groups_dir: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Maak een nieuw groepsbestand met uitleg om in te vullen."""
    if not is_slug(group_id):
        raise click.UsageError(
            f"'{group_id}' is geen geldige groeps-id: gebruik kleine letters, cijfers en '-'."
        )
    project, werkmap = open_project(config_file, workspace, groups_dir=groups_dir)
    folder = project.groups_dir
    refuse_destination(project, "De map met groepsbestanden", folder)
    target = folder / f"{group_id}.yml"
    if target.exists():
        raise BadInput(f"{target}: bestaat al; kies een andere id of bewerk dat bestand.")
    if group_id in _ids_with_secrets(project):
        raise BadInput(
            f"Groep '{group_id}' heeft al een token of wachtwoord (van een eerdere groep). "
            "Kies een andere id, zodat een nieuwe groep nooit de link of het wachtwoord van "
            "een andere krijgt."
        )
    if not folder.is_dir():
        private_dir(folder)
    schema = _schema_url(folder, werkmap)
    create_exclusive(target, new_group_text(group_id, variant, schema_url=schema).encode("utf-8"))
    click.echo(f"{target} gemaakt. Vul het in en controleer het met: resourceboek check {target}")


def _ids_with_secrets(project: Project) -> set[str]:
    """Group ids that already have a token or a password."""
    try:
        tokens = read_mapping(project.state_dir / TOKENS_FILE, "Het tokenbestand")
        return set(tokens) | set(load_passwords(project.passwords_file))
    except GroupFileError as exc:
        raise BadInput(format_problems(exc.problems)) from None


def _schema_url(folder: Path, werkmap: Werkmap | None) -> str:
    """The schema a new group file points its editor at, relative to the file's folder."""
    if werkmap is not None and folder.resolve() == werkmap.groups_dir:
        return SCHEMA_FROM_GROUP_FILE
    return os.path.relpath(PACKAGED_SCHEMA, folder.resolve())


def new_group_text(
    group_id: str,
    variant: str,
    today: dt.date | None = None,
    schema_url: str = "../plugins/resourceboek/schema/groep.schema.json",
) -> str:
    """The commented template of a new group file."""
    today = today or dt.date.today()
    env = make_environment()
    return env.get_template("nieuwe-groep.yml.j2").render(
        id=group_id,
        variant=variant,
        w=methode.WORDING[variant],
        today=today.isoformat(),
        first_meeting=(today + dt.timedelta(days=MEETING_INTERVAL_DAYS)).isoformat(),
        clinician=methode.WORDING[variant]["zv"],
        theme_ids=", ".join(t.id for t in methode.themas().for_variant(variant)),
        zrm_domeinen=", ".join(d.id for d in methode.zrm_domains()),
        schema_url=schema_url,
        p=PLACEHOLDERS,
    )


@main.command()
@click.argument("group_id", metavar="ID")
@click.option(
    "--passwords", type=click.Path(path_type=Path, dir_okay=False), help="Wachtwoordenbestand."
)
@click.option(
    "--zelf", is_flag=True, help="Zelf een wachtwoord invoeren in plaats van er een te laten maken."
)
@workspace_option
@config_option
def password(
    group_id: str, passwords: Path | None, zelf: bool, workspace: Path | None, config_file: Path
) -> None:
    """Maak een sterk wachtwoord voor een boekje, bewaar het en toon het één keer."""
    project, _ = open_project(config_file, workspace, passwords_file=passwords)
    _refuse_password_file(project)
    # Only this group's file is read: a mistake in another group's file does not stop this one.
    client = load_one(project, group_id).groep.client
    secret = (
        click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
        if zelf
        else passphrase_for(client)
    )
    problems = (
        [DEMO_REFUSED.format(id=group_id)]
        if is_public_password(project.root / DEMO_DIR, secret)
        else password_problems(secret, client)
    )
    if problems:
        raise BadInput("Wachtwoord geweigerd: " + " ".join(problems))
    store_password(project.passwords_file, group_id, secret)
    click.echo(f"Wachtwoord voor '{group_id}' bewaard in {project.passwords_file}.")
    if not zelf:
        click.echo(f"Het wachtwoord ({int(passphrase_bits())} bits): {secret}")
    click.echo(
        "Geef de link en het wachtwoord via verschillende kanalen (bijvoorbeeld mail en sms)."
    )


def _refuse_password_file(project: Project) -> None:
    """No password is ever written into the demo file or anywhere in the git checkout."""
    target = project.passwords_file
    if target.name == DEMO_PASSWORDS:
        raise BadInput(
            f"{target} is het openbare demobestand van de fictieve voorbeelden; daar komt "
            "nooit een echt wachtwoord in. Maak een werkmap met: resourceboek init MAP, en gebruik "
            "--workspace MAP."
        )
    refuse_destination(project, "Het wachtwoordenbestand", target)


@main.command()
def schema() -> None:
    """Toon het JSON-schema van een groepsbestand (voor editors)."""
    click.echo(json.dumps(group_schema(), indent=2, ensure_ascii=False))


cli_werkmap.register(main)
cli_build.register(main)
cli_edit.register(main)
from resourceboek.cli import paper  # noqa: E402, F401 - registers its printing commands on `main`

if __name__ == "__main__":
    # Run as `python -m resourceboek.cli.main`: the printing commands were registered on the
    # package's own module, which cli_print imported.
    from resourceboek.cli.main import main as registered_main

    registered_main()
