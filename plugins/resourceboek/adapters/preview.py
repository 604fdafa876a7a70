"""`resourceboek serve --group ID`: one group's booklet, unencrypted, on this computer only.

The coordinator fills in the plan with the client beside them and sees the booklet change on every
save. The pages are readable, so they are built in a private temporary folder outside the checkout
(removed on exit, and by the next preview after a hard kill) and served on 127.0.0.1 only, under a
secret address (see preview_server.py): never to another computer, another user or another site.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from resourceboek.groupfile.load import GROUP_SUFFIXES, LoadedGroup, load_group
from resourceboek.groupfile.problems import GroupFileError, format_problems
from resourceboek.groupfile.readiness import with_readiness
from resourceboek.project.project import Project

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8000
TEMP_PREFIX = "resourceboek-voorbeeld-"
"""The temporary folders are named `<prefix><pid>-<random>`: the process that owns each one."""
Say = Callable[..., None]
"""Prints a line, like `click.echo` (`err=True` for problems)."""


class PreviewRefused(ValueError):
    """The preview cannot start as asked (Dutch message)."""


def loopback_port(dev_addr: str) -> int:
    """The port of `dev_addr`, which must be on 127.0.0.1; refuse any other address."""
    host, _, port = dev_addr.rpartition(":")
    if host != LOOPBACK:
        raise PreviewRefused(
            f"het voorbeeld van een boekje is onversleuteld en draait alleen op {LOOPBACK} "
            f"(deze computer); gebruik bijvoorbeeld --dev-addr {LOOPBACK}:{DEFAULT_PORT}."
        )
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise PreviewRefused(f"geen geldige poort; gebruik bijvoorbeeld {LOOPBACK}:{DEFAULT_PORT}.")
    return int(port)


def group_file(folder: Path, group_id: str) -> Path:
    """The group file of `group_id` in `folder`."""
    for suffix in GROUP_SUFFIXES:
        path = folder / f"{group_id}{suffix}"
        if path.is_file():
            return path
    raise PreviewRefused(f"groep '{group_id}' niet gevonden in {folder}.")


@dataclass
class Preview:
    """Builds the preview of one group into `root`; a file with errors keeps the last good one."""

    project: Project
    path: Path
    root: Path
    say: Say
    today: Callable[[], dt.date] = dt.date.today
    builds: int = field(default=0, init=False)

    def build(self) -> None:
        """Build the booklet again from the saved file (called on start and on every save)."""
        try:
            group = load_group(self.path)
        except GroupFileError as exc:
            self.say(
                f"{format_problems(exc.problems)}\nHet vorige voorbeeld blijft staan.", err=True
            )
            return
        warnings = with_readiness(group, self.today())
        if warnings:  # what still needs filling in shows while you fill it in
            self.say(format_problems(warnings), err=True)
        self.builds += 1
        fresh = self.root.with_name(f"bouw-{self.builds}")
        try:
            _build_plain(self.project, group, fresh, self.today())
        except Exception as exc:  # a broken template must not stop the server
            shutil.rmtree(fresh, ignore_errors=True)
            self.say(f"Het voorbeeld kon niet worden gemaakt ({type(exc).__name__}).", err=True)
            return
        _replace(self.root, fresh)
        self.say("Voorbeeld bijgewerkt.")


def _build_plain(project: Project, group: LoadedGroup, dest: Path, today: dt.date) -> None:
    from resourceboek.adapters.booklet import (
        build_booklet,  # MkDocs and Material: only when a preview is made
    )

    build_booklet(project, group, "", dest, pdf=False, today=today, encrypt=False)


def _replace(root: Path, fresh: Path) -> None:
    old = root.with_name("oud")
    if root.exists():
        root.rename(old)
    fresh.rename(root)
    shutil.rmtree(old, ignore_errors=True)


def private_folder(project: Project) -> Path:
    """A new folder only this user can read, outside the checkout."""
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    if folder.resolve().is_relative_to(project.root.resolve()):
        shutil.rmtree(folder)
        raise PreviewRefused(
            "de tijdelijke map ligt in het project; zet TMPDIR op een map buiten het project."
        )
    return folder


def remove_leftovers(temp_dir: Path) -> None:
    """Remove this user's preview folders whose process is gone (killed before it cleaned up)."""
    for folder in temp_dir.glob(f"{TEMP_PREFIX}*"):
        info = folder.lstat()
        if folder.is_symlink() or not folder.is_dir() or info.st_uid != os.geteuid():
            continue
        pid = folder.name.removeprefix(TEMP_PREFIX).partition("-")[0]
        if not pid.isdigit() or not _alive(int(pid)):  # no pid: an older version's folder
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: the folder is ours, so leave it to be safe
    return True


def _stop_on_signals() -> None:
    """Closing the terminal or `kill` stops like Ctrl+C, so the readable pages are removed."""
    if threading.current_thread() is not threading.main_thread():
        return
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _interrupt)


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _say_ready(say: Say, url: str) -> None:
    """The one place the secret is shown: the preview answers only on this address."""
    say(f"Voorbeeld van het boekje op {url} (alleen op deze computer).")
    say("Het boekje wordt opnieuw gemaakt als je het groepsbestand opslaat. Stoppen: Ctrl+C.")


def serve_group(project: Project, group_id: str, port: int, say: Say) -> None:
    """Serve the live preview of one group on 127.0.0.1 until Ctrl+C."""
    from resourceboek.adapters.preview_server import PrivatePreviewServer, new_secret

    path = group_file(project.groups_dir, group_id)
    remove_leftovers(Path(tempfile.gettempdir()))
    folder = private_folder(project)
    _stop_on_signals()
    try:
        preview = Preview(project, path, folder / "boekje", say)
        preview.build()
        (folder / "boekje").mkdir(exist_ok=True)  # even a first file with errors gets a page
        secret = new_secret()
        url = f"http://{LOOPBACK}:{port}/{secret}/"
        server = PrivatePreviewServer(
            secret,
            lambda: _say_ready(say, url),
            builder=preview.build,
            host=LOOPBACK,
            port=port,
            root=str(folder / "boekje"),
        )
        # The folder, not the file: editors save by writing a new file and renaming it.
        server.watch(str(path.parent), recursive=False)
        try:
            server.serve()
        except KeyboardInterrupt:
            say("Gestopt.")
        except OSError as exc:  # the port is taken
            raise PreviewRefused(
                f"kan niet starten op {LOOPBACK}:{port} ({exc.strerror})."
            ) from None
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
