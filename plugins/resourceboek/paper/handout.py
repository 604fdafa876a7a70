"""The handout for a client: a sheet with the link (text and QR code) and a separate password slip.

Link and password travel apart: the sheet never holds the password, the slip never the link (nor
the client's name: the coordinator hands it over in person, and a lost slip reveals nothing else).
Both are printed with WeasyPrint into the private print folder (0700, files 0600). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import segno
from markupsafe import Markup

from resourceboek.files.private_io import private_dir, write_private
from resourceboek.groupfile.load import load_group
from resourceboek.groupfile.model import Persoon
from resourceboek.groupfile.problems import GroupFileError
from resourceboek.pages.render import make_environment
from resourceboek.settings.model import Organisatie

SHEET = "uitdeelblad"
SLIP = "wachtwoord"


@dataclass(frozen=True)
class Handout:
    """The two files made for one group."""

    sheet: Path
    slip: Path


def qr_svg(link: str) -> Markup:
    """The link as an inline SVG QR code (error correction M: survives a crease)."""
    svg = segno.make(link, error="m", micro=False).svg_inline(scale=5, title="QR-code van de link")
    return Markup(svg)  # noqa: S704 (segno's own SVG; the link inside is XML-escaped by segno)


@dataclass(frozen=True)
class Contact:
    """Whom the sheet names for help with the link or the password."""

    organisatie: Organisatie
    regieondersteuner: Persoon | None = None
    """The group's regieondersteuner, named only when the organisation gives no phone number."""


def contact(organisatie: Organisatie, group_file: Path) -> Contact:
    """The organisation's details, and the regieondersteuner's name and phone if it has no number.

    The group file is read only then (the sheet is printed to the private print folder, the one
    place a group's values may appear); a file with errors just gives no name: its problems are
    for `resourceboek check`, and this group's handout does not wait for them.
    """
    if organisatie.telefoon:
        return Contact(organisatie)
    try:
        groep = load_group(group_file).groep
    except GroupFileError:
        return Contact(organisatie)
    return Contact(organisatie, groep.personen.get(groep.rollen.regieondersteuner))


def sheet_html(link: str, contact: Contact, templates_dir: Path | None = None) -> str:
    """The handout sheet as HTML: the link as text and QR code, how to open it, whom to call."""
    env = make_environment(templates_dir)
    return env.get_template("uitdeelblad.html.j2").render(
        link=link,
        qr=qr_svg(link),
        organisatie=contact.organisatie,
        regieondersteuner=contact.regieondersteuner,
    )


def slip_html(password: str, templates_dir: Path | None = None) -> str:
    """The password slip as HTML: the password and one neutral line, nothing else."""
    env = make_environment(templates_dir)
    return env.get_template("wachtwoordbriefje.html.j2").render(wachtwoord=password)


def write_handout(print_dir: Path, group_id: str, sheet: str, slip: str) -> Handout:
    """Print both to PDF in the private print folder (folder 0700, files 0600)."""
    from weasyprint import HTML  # heavy import, only for this command

    from resourceboek.paper.pdffetcher import LocalFetcher

    private_dir(print_dir)
    made = Handout(print_dir / f"{group_id}-{SHEET}.pdf", print_dir / f"{group_id}-{SLIP}.pdf")
    for html, target in ((sheet, made.sheet), (slip, made.slip)):
        write_private(target, HTML(string=html, url_fetcher=LocalFetcher()).write_pdf())
    return made
