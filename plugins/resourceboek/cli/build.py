"""The commands that make and show the site: `build` (with its progress and links) and `serve`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from resourceboek.cli.common import (
    BadInput,
    config_option,
    groups_option,
    open_project,
    passwords_option,
    refuse_destination,
    workspace_option,
)
from resourceboek.cli.nl import WholeNumber
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.project.overview import booklet_link
from resourceboek.project.project import Project
from resourceboek.project.workspace import Werkmap, base_url
from resourceboek.protection.secrets_store import DEMO_DIR, demo_passwords, load_passwords

if TYPE_CHECKING:
    from resourceboek.build.sitebuild import BuildOptions, BuildReport

JOBS = WholeNumber(1, 64)
"""How many booklets are built at the same time (`--jobs`)."""


def register(main: click.Group) -> None:
    """Add `build` and `serve` to the command line."""
    for command in (build, serve):
        main.add_command(command)


@click.command(options_metavar="[OPTIES]")
@groups_option()
@passwords_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Uitvoermap (standaard: site). Een map die niet leeg is, wordt alleen vervangen als een "
    "eerdere build hem maakte.",
)
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@click.option(
    "--only", "only", metavar="ID", help="Alleen het boekje van deze groep opnieuw maken."
)
@click.option("--no-pdf", is_flag=True, help="Geen PDF's maken.")
@click.option(
    "--jobs",
    type=JOBS,
    default=os.cpu_count() or 1,
    show_default=True,
    help=f"Aantal boekjes tegelijk ({JOBS.describe()}).",
)
@click.option(
    "--print-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Schrijf ook onbeveiligde PDF's om te printen in deze map (nooit waar iets openbaar "
    "kan worden, en niet in de git-map van het project).",
)
@click.option(
    "--toon-links",
    is_flag=True,
    help="Toon per groep de link van het boekje, ook als de uitvoer niet naar een terminal gaat.",
)
@workspace_option
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
    toon_links: bool,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Bouw het handboek en alle boekjes."""
    from resourceboek.build.sitebuild import BuildOptions

    project, werkmap = open_project(
        config_file, workspace, groups_dir=groups_dir, passwords_file=passwords, site_root=site_dir
    )
    if print_dir is not None:
        refuse_destination(project, "De printmap", print_dir)
    opts = BuildOptions(
        pdf=project.pdf and not no_pdf,
        jobs=jobs,
        only=only,
        strict=strict,
        print_dir=print_dir,
        history_root=werkmap.root if werkmap else None,
    )
    report = _build_or_explain(project, opts)
    if report.problems or report.warnings:
        click.echo(format_problems(report.problems + report.warnings), err=True)
    _print_locations(project, werkmap, report.tokens, toon_links or sys.stdout.isatty())
    click.echo(report.summary())
    if report.held_for_errors:  # every other part is published; the input still needs fixing
        raise click.exceptions.Exit(1)


def _build_or_explain(project: Project, opts: BuildOptions) -> BuildReport:
    """Build the site with a progress bar; a failure becomes one Dutch message, no traceback."""
    from resourceboek.build.sitebuild import BuildFailed, build_site

    try:
        with _progress_bar() as progress:
            return build_site(project, opts, progress)
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


def _print_locations(
    project: Project, werkmap: Werkmap | None, tokens: dict[str, str], per_group: bool
) -> None:
    """Where the results are; a group's token only on a terminal or when asked (not in CI logs)."""
    root = project.site_root
    click.echo(f"Handboek: {root / 'handboek' / 'index.html'}")
    url = base_url(project, werkmap)
    if per_group:
        for gid, token in sorted(tokens.items()):
            where = booklet_link(url, token) if url else root / "boekjes" / token / "index.html"
            click.echo(f"Boekje '{gid}': {where}")
    elif tokens:
        folder = root / "boekjes"  # a group held back keeps its last good booklet there too
        count = sum(1 for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else len(tokens)
        click.echo(
            f"Boekjes: {count} in {folder}. "
            "De link per groep: resourceboek status (of build --toon-links)."
        )
    # Only the public demo password, and only when demo examples were built with it (the build
    # refuses it for every other group).
    public = set(demo_passwords(project.root / DEMO_DIR).values())
    used = load_passwords(project.passwords_file)
    shown = sorted({used[g] for g in tokens if used.get(g) in public})
    if shown:
        click.echo(
            "LET OP: demo-wachtwoord van de fictieve voorbeelden, alleen voor demonstratie: "
            + ", ".join(shown),
            err=True,
        )


@click.command(options_metavar="[OPTIES]")
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
@groups_option("Map met groepsbestanden (bij --group).")
@workspace_option
@config_option
def serve(
    dev_addr: str,
    group_id: str | None,
    groups_dir: Path | None,
    workspace: Path | None,
    config_file: Path,
) -> None:
    """Bekijk het handboek (of met --group één boekje) live terwijl je het bewerkt."""
    project, _ = open_project(config_file, workspace, groups_dir=groups_dir)
    if group_id is not None:
        from resourceboek.adapters.preview import PreviewRefused, loopback_port, serve_group

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
