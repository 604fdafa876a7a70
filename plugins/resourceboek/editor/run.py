"""`resourceboek edit ID`: the editor started beside the live booklet, until Ctrl+C."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from resourceboek.adapters.preview import Preview, Say, private_folder, remove_leftovers
from resourceboek.editor.server import EditorServer
from resourceboek.editor.session import Session
from resourceboek.project.local_access import LOOPBACK, new_secret
from resourceboek.project.project import Project


class EditorRefused(ValueError):
    """The editor cannot start as asked (Dutch message)."""


def _quiet(say: Say) -> Say:
    """Only the preview's own lines: the problems are in the form, beside their fields."""

    def echo(text: str, **kwargs: Any) -> None:
        if not kwargs.get("err"):
            say(text)

    return echo


def serve_editor(project: Project, path: Path, history_root: Path, port: int, say: Say) -> None:
    """Serve the form for `path` on 127.0.0.1 with the booklet beside it, until Ctrl+C."""
    remove_leftovers(Path(tempfile.gettempdir()))
    folder = private_folder(project)
    try:
        booklet = folder / "boekje"
        preview = Preview(project, path, booklet, _quiet(say))
        session = Session(path, history_root, on_saved=preview.build)
        session.open()  # a file that is no form stops here, before anything listens
        preview.build()
        try:
            server = EditorServer(session, new_secret(), port, booklet)
        except OSError as exc:  # the port is taken
            raise EditorRefused(
                f"kan niet starten op {LOOPBACK}:{port} ({exc.strerror})."
            ) from None
        say(f"Het formulier staat op {server.url} (alleen op deze computer).")
        say("Open dit adres in je browser. Stoppen: Ctrl+C.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            say("Gestopt.")
        finally:
            server.server_close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
