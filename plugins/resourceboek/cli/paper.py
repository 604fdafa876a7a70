"""Commands that print for the people around a client: invitation letters and 'Mijn rol' sheets.

Both write PDFs with health data, so only into a private print folder (the werkmap's `afdruk/`
unless `--print-dir` names another, checked by `destinations.refused_destination`), and name the
files they wrote, never a value from the group file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click
import jinja2
from markupsafe import Markup

from resourceboek.cli.common import (
    BadInput,
    F,
    config_option,
    groups_option,
    load_one,
    open_project,
    print_folder,
    workspace_option,
)
from resourceboek.cli.main import DutchCommand, main
from resourceboek.groupfile import methode
from resourceboek.groupfile.consent import ConsentMissing
from resourceboek.groupfile.load import LoadedGroup
from resourceboek.pages.render import make_environment
from resourceboek.text.dutch import count

print_dir_option = click.option(
    "--print-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Map voor de PDF's om te printen (standaard: afdruk/ in de werkmap; alleen voor jou "
    "leesbaar; nooit waar iets openbaar kan worden).",
)


def per_person_command(command: F) -> F:
    """The arguments and options of a command that prints one PDF per person of a group."""
    for decorate in (
        config_option,
        workspace_option,
        print_dir_option,
        groups_option(),
        click.argument("keys", nargs=-1, metavar="[SLEUTELS]..."),
        click.argument("group_id", metavar="ID"),
    ):
        command = decorate(command)
    return command


def _group_and_folder(
    group_id: str,
    groups_dir: Path | None,
    print_dir: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> tuple[LoadedGroup, Path, jinja2.Environment]:
    project, werkmap = open_project(config_file, workspace, groups_dir=groups_dir)
    folder = print_folder(project, werkmap, print_dir)
    # Only this group's file is read: a mistake in another group does not hold it back.
    loaded = load_one(project, group_id)
    # The organisation's own templates (themes/sjablonen) first, as in the booklets.
    return loaded, folder, make_environment(project.templates_dir)


def _unknown_keys(loaded: LoadedGroup, keys: tuple[str, ...]) -> None:
    unknown = [k for k in keys if k not in loaded.groep.personen]
    if unknown:
        raise BadInput(
            f"{loaded.path}: {count(len(unknown), 'sleutel staat', 'sleutels staan')} niet bij "
            "`personen`; gebruik de sleutels uit het groepsbestand."
        )


def _report(written: list[Path], one: str, many: str, it: str) -> None:
    """The files written and what to do with them; `it` stands for one of them ("hem", "het")."""
    if not written:
        click.echo(f"Geen {many} te maken.")
        return
    for path in written:
        click.echo(f"Gemaakt: {path}")
    them = it if len(written) == 1 else "ze"
    click.echo(
        f"{count(len(written), one, many)} (alleen voor jou leesbaar). "
        f"Print {them} en bewaar {them} niet los."
    )


def _run(write: Callable[[], list[Path]], loaded: LoadedGroup) -> list[Path]:
    try:
        return write()
    except OSError as exc:
        raise BadInput(f"Schrijven mislukt ({exc.strerror}: {exc.filename}).") from None
    except ConsentMissing as exc:
        raise BadInput(_no_consent(loaded, exc.lines)) from None


def _no_consent(loaded: LoadedGroup, lines: list[str]) -> str:
    """Why nothing was printed: each person without consent, and what to add (no values)."""
    return "\n".join(
        [
            f"{loaded.path}: niets geprint; de {_client_word(loaded)} gaf nog geen toestemming "
            "voor wat dit papier laat zien:",
            *(f"  {line}" for line in lines),
            "Leg de toestemming vast bij `toestemming`, of geef alleen de sleutels mee van wie "
            "wel toestemming gaf.",
        ]
    )


def _flyer(
    config_file: Path, workspace: Path | None, groups_dir: Path | None, variant: str
) -> Markup:
    """Bijlage 1 filled in with the organisation: "de bijgevoegde flyer", each letter's page 2."""
    from resourceboek.handbook.flyer import flyer_html
    from resourceboek.handbook.handbook import Organisation

    project, _ = open_project(config_file, workspace, groups_dir=groups_dir)
    org = Organisation(**project.organisation.organisatie.model_dump(exclude_none=True))
    return flyer_html(project.docs_dir, org, variant)


@click.command(cls=DutchCommand)
@per_person_command
def letters(
    group_id: str,
    keys: tuple[str, ...],
    groups_dir: Path | None,
    print_dir: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Maak de uitnodigingsbrieven (bijlage 5) als PDF, één per genodigde.

    Zonder SLEUTELS: voor iedereen bij `uitnodigen` en elke deelnemer zonder gehouden
    verdiepingsgesprek.
    """
    from resourceboek.paper.letters import write_letters

    loaded, folder, env = _group_and_folder(group_id, groups_dir, print_dir, workspace, config_file)
    _unknown_keys(loaded, keys)
    today = dt.date.today()
    only = list(keys) or None
    flyer = _flyer(config_file, workspace, groups_dir, loaded.groep.variant.value)
    _report(
        _run(
            lambda: write_letters(loaded.id, loaded.groep, folder, env, today, only, flyer),
            loaded,
        ),
        "brief",
        "brieven",
        "hem",
    )


@click.command(cls=DutchCommand)
@per_person_command
def rolkaarten(
    group_id: str,
    keys: tuple[str, ...],
    groups_dir: Path | None,
    print_dir: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Maak de bladen 'Mijn rol' als PDF, één per gekozen persoon (`rolkaart: true`)."""
    from resourceboek.paper.rolecards import role_card_holders, write_role_cards

    loaded, folder, env = _group_and_folder(group_id, groups_dir, print_dir, workspace, config_file)
    _unknown_keys(loaded, keys)
    not_chosen = [k for k in keys if k not in role_card_holders(loaded.groep)]
    if not_chosen:
        who = count(len(not_chosen), "persoon", "personen")
        raise BadInput(
            f"{loaded.path}: {who} zonder `rolkaart: true`; de "
            f"{_client_word(loaded)} kiest wie een blad krijgt (`rolkaart: true` bij die persoon)."
        )
    today = dt.date.today()
    only = list(keys) or None
    _report(
        _run(lambda: write_role_cards(loaded.id, loaded.groep, folder, env, today, only), loaded),
        "blad 'Mijn rol'",
        "bladen 'Mijn rol'",
        "het",
    )


def _client_word(loaded: LoadedGroup) -> str:
    return methode.WORDING[loaded.groep.variant.value]["client"]


main.add_command(letters)
main.add_command(rolkaarten)
