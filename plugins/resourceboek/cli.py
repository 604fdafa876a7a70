"""Command line (`resourceboek`): a thin adapter over the core. Exit codes: 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import cli_nl, methode
from .load import is_slug, load_groups
from .problems import GroupFileError, Severity, as_errors, format_problems
from .project import Project, load_project
from .protect import password_problems
from .readiness import PLACEHOLDERS
from .render import make_environment
from .schema import group_schema
from .secrets_store import generate_passphrase, load_passwords, passphrase_bits, store_password

DEMO_PASSWORDS = ".demo-wachtwoorden.yml"
CONFIG_HELP = "Het MkDocs-configuratiebestand van het project."

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default="mkdocs.yml",
    show_default=True,
    help=CONFIG_HELP,
)


class BadInput(click.ClickException):
    """A user mistake in a file: printed in Dutch without traceback, exit code 1."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        click.echo(self.message, err=True)


def _project(config_file: Path, **overrides: Path | None) -> Project:
    if not config_file.exists():
        raise BadInput(f"{config_file}: bestand niet gevonden; start in de map van het project.")
    return load_project(config_file).with_overrides(**overrides)


class DutchCommand(click.Command):
    """A command whose usage line is Dutch too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class DutchGroup(click.Group):
    """The command group; Dutch set up when it runs, not when this module is imported."""

    command_class = DutchCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        cli_nl.install(self)
        # MkDocs' notice about its version 2 is for MkDocs users, not for ours.
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
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
@config_option
def check(paths: tuple[Path, ...], strict: bool, config_file: Path) -> None:
    """Controleer groepsbestanden (standaard: de map met groepen)."""
    from .dutch import count
    from .load import display_path, load_each
    from .readiness import with_readiness

    targets = list(paths) or [_project(config_file).groups_dir]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise BadInput("\n".join(f"{p}: bestand of map niet gevonden." for p in missing))
    groups, problems = load_each(targets)
    problems += [w for g in groups for w in with_readiness(g, dt.date.today())]
    if strict:  # warnings count as errors
        problems = as_errors(problems)
    if problems:
        click.echo(format_problems(problems), err=True)
    broken = {p.path for p in problems if p.severity is Severity.error}
    good = sum(display_path(g.path) not in broken for g in groups)
    summary = count(good, "groepsbestand", "groepsbestanden") + " in orde"
    if broken:
        files = count(len(broken), "groepsbestand", "groepsbestanden")
        raise BadInput(f"{files} met fouten, {summary}.")
    click.echo(f"{summary}.")


@main.command()
@click.argument("group_id", metavar="ID")
@click.option(
    "--variant",
    type=click.Choice(methode.VARIANTS),
    default="volwassenen",
    show_default=True,
    help="Voor wie de groep is: bepaalt de woorden (cliënt of jongere) en de thema's.",
)
@click.option(
    "--groups",
    "groups_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Map met groepsbestanden.",
)
@config_option
def new(group_id: str, variant: str, groups_dir: Path | None, config_file: Path) -> None:
    """Maak een nieuw groepsbestand met uitleg om in te vullen."""
    if not is_slug(group_id):
        raise click.UsageError(
            f"'{group_id}' is geen geldige groeps-id: gebruik kleine letters, cijfers en '-'."
        )
    folder = groups_dir or _project(config_file).groups_dir
    target = folder / f"{group_id}.yml"
    if target.exists():
        raise BadInput(f"{target}: bestaat al; kies een andere id of bewerk dat bestand.")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(new_group_text(group_id, variant), encoding="utf-8")
    click.echo(f"{target} gemaakt. Vul het in en controleer het met: resourceboek check {target}")


def new_group_text(group_id: str, variant: str, today: dt.date | None = None) -> str:
    """The commented template of a new group file."""
    today = today or dt.date.today()
    env = make_environment()
    return env.get_template("nieuwe-groep.yml.j2").render(
        id=group_id,
        variant=variant,
        w=methode.WORDING[variant],
        today=today.isoformat(),
        first_meeting=(today + dt.timedelta(days=91)).isoformat(),
        clinician="regiebehandelaar" if variant == "jongeren" else "zorgverantwoordelijke",
        theme_ids=", ".join(t.id for t in methode.themas().for_variant(variant)),
        schema_url="../plugins/resourceboek/schema/groep.schema.json",
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
@config_option
def password(group_id: str, passwords: Path | None, zelf: bool, config_file: Path) -> None:
    """Maak een sterk wachtwoord voor een boekje, bewaar het en toon het één keer."""
    project = _project(config_file, passwords_file=passwords)
    groups = {g.id: g for g in _load_or_fail([project.groups_dir])}
    if group_id not in groups:
        raise BadInput(f"Groep '{group_id}' niet gevonden in {project.groups_dir}.")
    secret = (
        click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
        if zelf
        else generate_passphrase()
    )
    problems = password_problems(secret, groups[group_id].groep.client)
    if problems:
        raise BadInput("Wachtwoord geweigerd: " + " ".join(problems))
    store_password(project.passwords_file, group_id, secret)
    click.echo(f"Wachtwoord voor '{group_id}' bewaard in {project.passwords_file}.")
    if not zelf:
        click.echo(f"Het wachtwoord ({passphrase_bits():.0f} bits): {secret}")
    click.echo(
        "Geef de link en het wachtwoord via verschillende kanalen (bijvoorbeeld mail en sms)."
    )


def _load_or_fail(paths: list[Path]) -> list:  # type: ignore[type-arg]
    try:
        return load_groups(paths)
    except GroupFileError as exc:
        raise BadInput(format_problems(exc.problems)) from None


@main.command()
@click.option(
    "--groups",
    "groups_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Map met groepsbestanden.",
)
@click.option(
    "--passwords", type=click.Path(path_type=Path, dir_okay=False), help="Wachtwoordenbestand."
)
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Uitvoermap (standaard: site).",
)
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@click.option(
    "--only", "only", metavar="ID", help="Alleen het boekje van deze groep opnieuw maken."
)
@click.option("--no-pdf", is_flag=True, help="Geen PDF's maken.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default=True,
    help="Aantal boekjes tegelijk.",
)
@click.option(
    "--print-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Schrijf ook onbeveiligde PDF's om te printen in deze map (nooit onder site/).",
)
@config_option
def build(
    groups_dir: Path | None,
    passwords: Path | None,
    site_dir: Path | None,
    strict: bool,
    only: str | None,
    no_pdf: bool,
    jobs: int,
    print_dir: Path | None,
    config_file: Path,
) -> None:
    """Bouw het handboek en alle boekjes."""
    from .sitebuild import BuildFailed, BuildOptions, build_site

    project = _project(
        config_file, groups_dir=groups_dir, passwords_file=passwords, site_root=site_dir
    )
    if print_dir is not None and _inside(print_dir, project.site_root):
        raise click.UsageError(
            "--print-dir mag niet in de uitvoermap liggen: daar komt alles openbaar te staan."
        )
    opts = BuildOptions(
        pdf=project.pdf and not no_pdf, jobs=jobs, only=only, strict=strict, print_dir=print_dir
    )
    try:
        with _progress_bar() as progress:
            report = build_site(project, opts, progress)
    except GroupFileError as exc:
        raise BadInput(
            format_problems(exc.problems)
            + "\nEr is niets gepubliceerd; de vorige site is ongewijzigd."
        ) from None
    except BuildFailed as exc:
        raise BadInput(
            f"Bouwen mislukt:\n{exc}\nEr is niets gepubliceerd; de vorige site is ongewijzigd."
        ) from None
    except KeyboardInterrupt:
        raise BadInput("Afgebroken. De vorige site is ongewijzigd.") from None
    except OSError as exc:  # a full disk, no write permission
        raise BadInput(
            f"Schrijven mislukt ({exc.strerror}: {exc.filename}). De vorige site is ongewijzigd."
        ) from None
    if report.problems or report.warnings:
        click.echo(format_problems(report.problems + report.warnings), err=True)
    _print_locations(project, report.tokens)
    click.echo(report.summary())
    if report.held_back:  # every other part is published; the input still needs fixing
        raise click.exceptions.Exit(1)


@contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar with counts and time left on a terminal; nothing in logs (CI)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("Bouwen"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("nog"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("bouwen", total=None)
        yield lambda name, done, total: bar.update(task, completed=done, total=total)


def _print_locations(project: Project, tokens: dict[str, str]) -> None:
    root = project.site_root
    click.echo(f"Handboek: {root / 'handboek' / 'index.html'}")
    passwords = (
        load_passwords(project.passwords_file)
        if project.passwords_file.name == DEMO_PASSWORDS
        else {}
    )
    for gid, token in sorted(tokens.items()):
        click.echo(f"Boekje '{gid}': {root / 'boekjes' / token / 'index.html'}")
    if passwords:
        shown = sorted(set(passwords.values()))
        click.echo(
            "LET OP: demo-wachtwoord van de fictieve voorbeelden, alleen voor demonstratie: "
            + ", ".join(shown),
            err=True,
        )


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@main.command()
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="ADRES:POORT",
    help="Adres van de voorbeeldserver.",
)
@click.option(
    "--group",
    "group_id",
    metavar="ID",
    help="Toon het boekje van deze groep, onversleuteld en alleen op deze computer (127.0.0.1); "
    "het wordt opnieuw gemaakt als je het groepsbestand opslaat.",
)
@click.option(
    "--groups",
    "groups_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Map met groepsbestanden (bij --group).",
)
@config_option
def serve(dev_addr: str, group_id: str | None, groups_dir: Path | None, config_file: Path) -> None:
    """Bekijk het handboek (of met --group één boekje) live terwijl je het bewerkt."""
    project = _project(config_file, groups_dir=groups_dir)
    if group_id is not None:
        from .preview import PreviewRefused, loopback_port, serve_group

        try:
            port = loopback_port(dev_addr)
        except PreviewRefused as exc:
            raise click.BadParameter(str(exc), param_hint="'--dev-addr'") from None
        try:
            serve_group(project, group_id, port, click.echo)
        except PreviewRefused as exc:
            raise BadInput(f"Voorbeeld: {exc}") from None
        return
    from mkdocs.commands.serve import serve as mkdocs_serve

    click.echo(f"Handboek live op http://{dev_addr}/ (stoppen: Ctrl+C).")
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr)


@main.command()
def schema() -> None:
    """Toon het JSON-schema van een groepsbestand (voor editors)."""
    click.echo(json.dumps(group_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
