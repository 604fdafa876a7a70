"""What one build process keeps between the booklets it builds: one explicit object, no module caches.

A worker builds many booklets; compiling the templates and parsing the print stylesheets once per
process, not once per booklet, is most of the speed of a large build. Nothing compiled is kept on
disk (see `Worker.bytecode`).
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.bccache

from resourceboek.files.sharedfiles import AssetStore
from resourceboek.pages.render import make_environment
from resourceboek.pages.shipped import COMPACTED, compact

if TYPE_CHECKING:
    from resourceboek.adapters.mkdocs_config import BaseConfigs
    from resourceboek.paper.printing import Stylesheets


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates (the booklet theme's and the pages'), in memory for the worker's life."""

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
    _stylesheets: Stylesheets | None = None
    _configs: BaseConfigs | None = None
    _assets: dict[Path, AssetStore] = field(default_factory=dict)
    _compacted: dict[tuple[Path, int], str] = field(default_factory=dict)
    _theme_envs: dict[tuple[str, ...], jinja2.Environment] = field(default_factory=dict)
    _sources: dict[Path, dict[str, Path]] = field(default_factory=dict)

    def theme_environment(self, env: jinja2.Environment) -> jinja2.Environment:
        """One Jinja environment per theme for all the booklets this worker builds.

        MkDocs makes a fresh environment for every build; the theme's templates do not change
        during a run, so the first one is kept (with its templates loaded) and handed back from
        the plugin's `on_env`, as MkDocs allows. Its compiled code stays in memory only.
        """
        folders = tuple(getattr(env.loader, "searchpath", ()))
        if folders not in self._theme_envs:
            env.bytecode_cache = self.theme_bytecode
            self._theme_envs[folders] = env
        return self._theme_envs[folders]

    def compacted(self, source: Path) -> str:
        """A stylesheet or script as booklets ship it, compacted once per version of the file."""
        key = (source, source.stat().st_mtime_ns)
        if key not in self._compacted:
            self._compacted[key] = compact(source.name, source.read_text(encoding="utf-8"))
        return self._compacted[key]

    def shipped_sources(self, folder: Path) -> dict[str, Path]:
        """The stylesheets and scripts in `folder` by their path in it, listed once per process."""
        if folder not in self._sources:
            self._sources[folder] = {
                path.relative_to(folder).as_posix(): path
                for path in sorted(folder.rglob("*"))
                if path.suffix in COMPACTED
            }
        return self._sources[folder]

    def asset_store(self, folder: Path) -> AssetStore:
        """The store of asset files of the build that uses `folder` (each source read once)."""
        if folder not in self._assets:
            self._assets[folder] = AssetStore(folder)
        return self._assets[folder]

    def templates(self, override_dir: Path) -> jinja2.Environment:
        """The booklet templates (an organisation's own first), compiled once per process."""
        if override_dir not in self._templates:
            env = make_environment(override_dir)
            env.bytecode_cache = self.theme_bytecode
            self._templates[override_dir] = env
        return self._templates[override_dir]

    def bytecode(self) -> jinja2.BytecodeCache:
        """Compiled templates (the theme's and the pages'), in this process's memory only.

        Never on disk: Jinja loads compiled templates with marshal, i.e. as code, so a file in the
        werkmap (which a colleague may write) would run on this machine. Compiling them again in
        each new build process costs about 0.13 s (measured: the first booklet of a process).
        """
        return self.theme_bytecode

    @property
    def configs(self) -> BaseConfigs:
        """The booklets' MkDocs configs, validated once (MkDocs loaded late)."""
        if self._configs is None:
            from resourceboek.adapters.mkdocs_config import BaseConfigs

            self._configs = BaseConfigs()
        return self._configs

    @property
    def stylesheets(self) -> Stylesheets:
        """The print stylesheets, parsed once (WeasyPrint is loaded only when printing)."""
        if self._stylesheets is None:
            from resourceboek.paper.printing import Stylesheets

            self._stylesheets = Stylesheets()
        return self._stylesheets


_CURRENT: Worker | None = None


def start_worker() -> None:
    """Set up a build process once (the pool's initializer): quiet MkDocs, one fresh `Worker`."""
    global _CURRENT
    # A site build shows one progress bar, not MkDocs' info lines for every booklet.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    _CURRENT = Worker()


def start_pool_worker() -> None:
    """Set up a process of the build's pool: `start_worker`, and a garbage collector for it.

    What the process inherited from the build process (imported modules, the build's state) is
    moved out of the collector's way, and a booklet makes many short-lived objects, so the
    youngest generation is collected less often: about 1 % of a large build's CPU time.
    """
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    start_worker()


def current_worker() -> Worker:
    """This process's `Worker` (made on first use outside a build pool)."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = Worker()
    return _CURRENT
