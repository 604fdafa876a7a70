"""The neutral lock page of a protected booklet and its offline copy; no MkDocs here.

The lock page shows only what is public: the organisation's help lines (`settings/model.py`:
`extra.organisatie`, `extra.crisisdienst`, `extra.huisartsenpost` and `extra.crisislijn` in
mkdocs.yml, or the werkmap's instellingen.yml), never anything of the client (not even the plan's
own crisis contacts: they are inside the encrypted page).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from resourceboek import PACKAGE_DIR
from resourceboek.files.sharedfiles import UNIQUE_SUFFIXES
from resourceboek.pages.shipped import compact
from resourceboek.settings.model import Crisislijn, OrganisationSettings

SHELL_TEMPLATE = "beveiligd.html.j2"
"""The neutral page published instead of each booklet page."""

NOBODY = "je regieondersteuner"
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
CRISIS_113 = Crisislijn()
"""The crisis line when the organisation set none of its own."""
SERVICE_WORKER = "sw.js"
PAYLOAD = re.compile(
    r'(<script id="rb-versleuteld" type="application/json">)(.*?)(</script>)', re.S
)
"""Where a lock page holds its encrypted page (templates/beveiligd.html.j2): one definition for
every reader, the tests and the benchmark."""


def payload_of(shell: str) -> dict[str, object] | None:
    """The encrypted payload a lock page holds (its JSON), or None when it holds none."""
    found = PAYLOAD.search(shell)
    return dict(json.loads(found[2])) if found else None


_SW_TEMPLATE = PACKAGE_DIR / "assets" / "sw.js"


@dataclass(frozen=True)
class HelpLine:
    """One of the organisation's crisis services on the lock page (public, never the plan's)."""

    naam: str
    telefoon: str
    uitleg: str = ""

    @property
    def link(self) -> str:
        return _tel(self.telefoon)


@dataclass(frozen=True)
class LockSettings:
    """What the lock page says besides the form: whom to ask and where to find help."""

    wie: str = NOBODY
    telefoon: str = ""
    crisis_naam: str = CRISIS_113.naam
    crisis_telefoon: str = CRISIS_113.telefoon
    crisis_uitleg: str = CRISIS_113.uitleg
    route: tuple[HelpLine, ...] = ()
    """The organisation's crisis route (crisisdienst, huisartsenpost), before the line and 112."""

    @property
    def telefoon_link(self) -> str:
        return _tel(self.telefoon)

    @property
    def crisis_link(self) -> str:
        return _tel(self.crisis_telefoon)


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def lock_settings(settings: OrganisationSettings) -> LockSettings:
    """The lock page's texts from the organisation's settings (checked; never group data)."""
    org, crisis = settings.organisatie, settings.line
    who = [name for name in (org.team, org.naam) if name]
    return LockSettings(
        wie=f"{NOBODY} ({', '.join(who)})" if who else NOBODY,
        telefoon=org.telefoon or "",
        crisis_naam=crisis.naam,
        crisis_telefoon=crisis.telefoon,
        crisis_uitleg=crisis.uitleg,
        route=tuple(HelpLine(s.naam, s.telefoon, s.uitleg) for s in settings.services),
    )


def content_security_policy() -> str:
    """The policy of a shell; it stays in force for the page decrypted into it.

    Scripts only from the booklet's own files: the booklet theme writes no inline script, so one
    that reached a page any other way (an organisation's template, a value) never runs.
    """
    return POLICY


def render_shell(
    payload: dict[str, object],
    env: jinja2.Environment,
    base: str,
    settings: LockSettings | None = None,
) -> str:
    """The neutral page published instead of the real one: no title, no value, only ciphertext."""
    # Base64 and fixed ASCII only, so it cannot close the <script> element it sits in.
    data = Markup(json.dumps(payload, separators=(",", ":")))
    return env.get_template(SHELL_TEMPLATE).render(
        versleuteld=data,
        base=base,
        csp=Markup(content_security_policy()),  # our constant: no quote or bracket to escape
        slot=settings or LockSettings(),
    )


def write_service_worker(folder: Path) -> None:
    """`sw.js` for a built booklet folder: caches the files in it (all public or encrypted)."""
    sizes = dict(sorted(_files_and_sizes(folder)))
    files = list(sizes)
    # The version changes with every build of the booklet: its pages are encrypted afresh each
    # time (new IVs). So the encrypted files' bytes, and the names and sizes of the others (the
    # theme's, shared by all booklets), are enough; those are not read again.
    digest = hashlib.sha256()
    for name, size in sizes.items():
        unique = posixpath.splitext(name)[1] in UNIQUE_SUFFIXES
        content = (folder / name).read_bytes() if unique else b""
        digest.update(f"{name}\0{size}\0".encode() + content)
    script = compact(SERVICE_WORKER, _SW_TEMPLATE.read_text(encoding="utf-8"))
    script = script.replace("__VERSION__", json.dumps(digest.hexdigest()[:16]))
    script = script.replace("__FILES__", json.dumps(files, separators=(",", ":")))
    (folder / SERVICE_WORKER).write_text(script, encoding="utf-8")


def _files_and_sizes(folder: Path, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(path relative to `folder`, size) of every file below it but sw.js and source maps."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir():
                yield from _files_and_sizes(Path(entry.path), name + "/")
            elif entry.is_file() and entry.name != SERVICE_WORKER and not name.endswith(".map"):
                yield name, entry.stat().st_size
