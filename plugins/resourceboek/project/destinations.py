"""Where a command may put a private file: one rule for every file a command writes.

Group files, passwords, the werkmap, print folders and everything in them hold health data or
secrets. They may never lie where a build publishes (the handbook's pages, the output folder, a theme
folder: MkDocs publishes every file it finds there) nor in the project's git checkout (one `git add`
away from a public repository). Every command that writes such a file asks `refused_destination`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from resourceboek.project.project import Project

PATH_LABELS = {
    "groups_dir": "De map met groepsbestanden",
    "passwords_file": "Het wachtwoordenbestand",
    "print_dir": "De printmap",
    "werkmap": "De werkmap",
}
"""How a message names each private path the commands take."""


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies in it (links resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def git_checkout(project: Project) -> Path | None:
    """The git work tree the project lives in (the folder holding `.git`), if any."""
    for folder in (project.root, *project.root.parents):
        if (folder / ".git").exists():
            return folder
    return None


def published_folders(project: Project) -> list[tuple[str, Path]]:
    """Folders whose contents can end up published: docs_dir, the site folder, the theme folders."""
    themes = [project.root / "themes", *project.theme_dirs]
    return [
        ("de map met handboekpagina's (docs_dir)", project.docs_dir),
        ("de uitvoermap", project.site_root),
        *(("een themamap", folder) for folder in themes),
    ]


def refused_published(project: Project, what: str, path: Path) -> str | None:
    """Why `path` may hold nothing private: it lies where a build publishes (None when it may)."""
    for where, folder in published_folders(project):
        if inside(path, folder):
            return (
                f"{what} {path} ligt in {where} ({folder}): alles daarin kan openbaar worden. "
                "Kies een map daarbuiten, bijvoorbeeld in je werkmap."
            )
    return None


def refused_destination(project: Project, what: str, path: Path) -> str | None:
    """The one rule for a file a command writes: not published, not in a theme, not in the git
    checkout. Returns why `path` is refused (Dutch, `what` names it), or None when it may."""
    published = refused_published(project, what, path)
    if published:
        return published
    checkout = git_checkout(project)
    if checkout is None or not inside(path, checkout):
        return None
    return (
        f"{what} {path} ligt in de git-map van het project ({checkout}); daar schrijft "
        "resourceboek nooit iets vertrouwelijks. Maak een werkmap buiten de repository met: "
        "resourceboek init MAP, en gebruik --workspace MAP."
    )


def refused_paths(project: Project, **paths: Path | None) -> list[str]:
    """Why private paths (named as in `PATH_LABELS`) are refused: they lie where a build publishes.

    For paths a command reads as well as writes (a groups folder of the demo lies in the checkout
    and is only read); a command that writes into one asks `refused_destination` too.
    """
    found = (refused_published(project, PATH_LABELS[name], p) for name, p in paths.items() if p)
    return [reason for reason in found if reason]


SITE_MARKER = ".resourceboek-site"
"""Written into every site a build makes: only a folder holding it is replaced by the next build."""
SITE_MARKER_TEXT = (
    "Gemaakt door resourceboek build; de volgende build werkt deze map bij of vervangt hem.\n"
)


def refused_site_dir(site: Path, parts: Iterable[str]) -> str | None:
    """Why a build may not replace `site` (None when it may): it is not empty and no earlier
    build marked it as its own, e.g. a werkmap's folder given to `--site-dir` by mistake.

    A folder holding nothing but a site's `parts` was made by a build before sites were marked.
    """
    if not site.exists():
        return None
    names = {entry.name for entry in site.iterdir()} if site.is_dir() else {""}
    if SITE_MARKER in names or names <= set(parts):
        return None
    return (
        f"De uitvoermap {site} is niet leeg en is niet door een eerdere build gemaakt: een build "
        "vervangt de hele map. Er is niets gewist. Kies een lege of nieuwe map bij --site-dir."
    )
