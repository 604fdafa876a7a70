"""Putting a new build in place: the whole site at once, or only the parts that changed.

A part is the handbook's folder or one booklet's folder. When `site/` is a complete site of ours
(it holds the build marker and nothing but the handbook and the booklets), only the changed parts
are built in the staging folder beside it; when every part succeeded, each new part replaces its
old folder by two renames (the old one aside, the new one in), the old one is removed, and so are
the folders of groups that are gone. A first build, a site that is incomplete or holds something
else, or a build in which every part is new, is built whole in the staging folder, which replaces
`site/` by two renames. Either way nothing in `site/` changes before every part succeeded, and a
booklet folder is always whole: a reader sees the old booklet or the new one, never a mix.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from resourceboek.files.sharedfiles import STORE_NAME, link_identical
from resourceboek.project.destinations import SITE_MARKER, SITE_MARKER_TEXT

HANDBOOK = "handboek"
BOOKLETS = "boekjes"
BOOKLETS_INDEX = "index.html"
# A neutral page in boekjes/, so that a server with directory listings does not list every token.
BOOKLETS_INDEX_HTML = (
    '<!doctype html>\n<html lang="nl">\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
    '<meta name="robots" content="noindex, nofollow">\n<title>Boekjes</title>\n'
    "<p>Open je boekje met de link die je hebt gekregen.</p>\n</html>\n"
)


def parts_can_be_swapped(site: Path) -> bool:
    """Whether `site` may be updated part by part: a real folder of ours (with the marker) that
    holds nothing but the handbook, the booklets' folder and the marker."""
    if site.is_symlink() or not (site / SITE_MARKER).is_file():
        return False
    booklets = site / BOOKLETS
    if booklets.is_symlink() or (booklets.exists() and not booklets.is_dir()):
        return False
    return {entry.name for entry in site.iterdir()} <= {HANDBOOK, BOOKLETS, SITE_MARKER}


def carry_over(site: Path, staging: Path, kept: Iterable[Path]) -> None:
    """Copy the unchanged parts into the staging folder with hard links (no bytes copied)."""
    for part in kept:
        shutil.copytree(site / part, staging / part, copy_function=os.link)


def share_identical(staging: Path, built: list[Path], reference: Path | None) -> None:
    """Store the new booklets' asset files once: linked to the files of `reference`, a booklet
    that stays (the booklets kept already share theirs, so one of them stands for all)."""
    shutil.rmtree(staging / STORE_NAME, ignore_errors=True)  # the booklets keep their links
    if reference is None:  # the new booklets all link to the store's files already
        return
    link_identical([staging / part for part in built if (staging / part).is_dir()], reference)


def swap_whole(staging: Path, site: Path, parts: set[Path]) -> None:
    """Replace `site` by the staging folder in two renames (the old one stays until the new is in)."""
    _write_fixed_files(staging, parts)
    new = site.with_name(f".{site.name}.klaar-{os.getpid()}")
    staging.rename(new)
    if site.exists():
        old = site.with_name(f".{site.name}.oud-{os.getpid()}")
        site.rename(old)
        new.rename(site)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(site)
    staging.mkdir()  # so that the caller's cleanup finds what it expects


def swap_parts(staging: Path, site: Path, parts: set[Path], built: list[Path]) -> None:
    """Put each built part in place of its old folder, remove the folders no part holds any more,
    then the booklets' index page and the marker. `parts`: every part the new site holds."""
    aside: list[Path] = []
    try:
        for part in built:
            aside += _replace(staging / part, site / part)
        aside += _stale(site, parts)
    finally:  # also after an interruption: what was put aside goes (its part is in place)
        for old in aside:
            shutil.rmtree(old, ignore_errors=True)
    booklets = any(part.parent == Path(BOOKLETS) for part in parts)
    if not booklets:
        shutil.rmtree(site / BOOKLETS, ignore_errors=True)
    _write_fixed_files(site, parts)


def _replace(new: Path, dest: Path) -> list[Path]:
    """`new` in place of `dest` by two renames; returns the old folder, put aside, if any."""
    dest.parent.mkdir(exist_ok=True)
    if not dest.exists():
        new.rename(dest)
        return []
    old = _aside(dest)
    dest.rename(old)
    try:
        new.rename(dest)
    except BaseException:
        old.rename(dest)  # the old part back: the site stays as it was for this part
        raise
    return [old]


def _stale(site: Path, parts: set[Path]) -> list[Path]:
    """Put aside every entry of the booklets' folder that no part holds (a group gone, a folder
    left by an interrupted build); the index page is written again afterwards."""
    folder = site / BOOKLETS
    if not folder.is_dir():
        return []
    wanted = {part.name for part in parts if part.parent == Path(BOOKLETS)} | {BOOKLETS_INDEX}
    aside = []
    for entry in folder.iterdir():
        if entry.name not in wanted:
            old = _aside(entry)
            entry.rename(old)
            aside.append(old)
    return aside


def _aside(path: Path) -> Path:
    """A name beside `path` for its old version (never the name of a part: it starts with a dot)."""
    return path.with_name(f".{path.name}.oud-{os.getpid()}")


def _write_fixed_files(site: Path, parts: set[Path]) -> None:
    """The neutral `boekjes/index.html` (only when there are booklets) and the build's marker;
    each written only when it is missing or different, through a temporary name."""
    if any(part.parent == Path(BOOKLETS) for part in parts):
        (site / BOOKLETS).mkdir(exist_ok=True)
        _write_if_changed(site / BOOKLETS / BOOKLETS_INDEX, BOOKLETS_INDEX_HTML)
    _write_if_changed(site / SITE_MARKER, SITE_MARKER_TEXT)


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
