"""What one build process keeps between the booklets it builds: one explicit object, no module caches.

A worker builds many booklets; compiling the templates and parsing the print stylesheets once per
process, not once per booklet, is most of the speed of a large build.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.bccache

from .private_io import private_dir
from .render import make_environment
from .sharedfiles import AssetStore

if TYPE_CHECKING:
    from .mkdocs_config import BaseConfigs
    from .printing import Stylesheets


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled Material templates, kept in memory for the life of the worker."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Worker:
    """The compiled templates and parsed stylesheets of one build process."""

    theme_bytecode: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    _templates: dict[Path, jinja2.Environment] = field(default_factory=dict)
    _bytecode: dict[Path, jinja2.BytecodeCache] = field(default_factory=dict)
    _stylesheets: Stylesheets | None = None
    _configs: BaseConfigs | None = None
    _assets: dict[Path, AssetStore] = field(default_factory=dict)

    def asset_store(self, folder: Path) -> AssetStore:
        """The store of asset files of the build that uses `folder` (each source read once)."""
        if folder not in self._assets:
            self._assets[folder] = AssetStore(folder)
        return self._assets[folder]

    def templates(self, override_dir: Path, code_dir: Path | None = None) -> jinja2.Environment:
        """The booklet templates (an organisation's own first), compiled once.

        With `code_dir`, compiled templates are also kept on disk for the next build's processes.
        """
        if override_dir not in self._templates:
            env = make_environment(override_dir)
            if code_dir is not None:
                env.bytecode_cache = self.bytecode(code_dir)
            self._templates[override_dir] = env
        return self._templates[override_dir]

    def bytecode(self, code_dir: Path | None) -> jinja2.BytecodeCache:
        """Compiled templates kept in `code_dir` between builds (in memory only without one).

        Jinja checks each file against its template's source, so an edited template is compiled
        again; the folder holds only compiled templates, never a value from a group file.
        """
        if code_dir is None:
            return self.theme_bytecode
        if code_dir not in self._bytecode:
            private_dir(code_dir)
            self._bytecode[code_dir] = jinja2.FileSystemBytecodeCache(str(code_dir))
        return self._bytecode[code_dir]

    @property
    def configs(self) -> BaseConfigs:
        """The booklets' MkDocs configs and Material's environment, made once (MkDocs loaded late)."""
        if self._configs is None:
            from .mkdocs_config import BaseConfigs

            self._configs = BaseConfigs()
        return self._configs

    @property
    def stylesheets(self) -> Stylesheets:
        """The print stylesheets, parsed once (WeasyPrint is loaded only when printing)."""
        if self._stylesheets is None:
            from .printing import Stylesheets

            self._stylesheets = Stylesheets()
        return self._stylesheets


_CURRENT: Worker | None = None


def start_worker() -> None:
    """Set up a build process once (the pool's initializer): quiet MkDocs, one fresh `Worker`."""
    global _CURRENT
    # A site build shows one progress bar, not MkDocs' info lines for every booklet.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    _CURRENT = Worker()


def current_worker() -> Worker:
    """This process's `Worker` (made on first use outside a build pool)."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = Worker()
    return _CURRENT
