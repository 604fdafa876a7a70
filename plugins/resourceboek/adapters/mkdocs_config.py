"""MkDocs configs made from a dict with MkDocs' own API (no YAML written and parsed back), and the
booklet's base config a worker validates once and copies for every booklet it builds."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import BasePlugin, PluginCollection
from mkdocs.theme import Theme

from resourceboek.adapters.booklet_plugin import left_out


def validated_config(config_file: Path, raw: dict[str, Any]) -> MkDocsConfig:
    """`raw` validated as if it were in `config_file` (relative paths resolve next to it)."""
    config = MkDocsConfig(config_file_path=str(config_file))
    # MkDocs' validation takes `markdown_extensions` entries apart in place: a second booklet
    # built in the same process from the same project (the live preview) would find them empty.
    config.load_dict(copy.deepcopy(raw))
    errors, warnings = config.validate()
    problems = errors + (warnings if config.strict else [])
    if problems:
        shown = "; ".join(f"{name}: {message}" for name, message in problems)
        raise ConfigurationError(f"{config_file}: de instellingen kloppen niet ({shown}).")
    return config


class ThemeListingLoader(jinja2.FileSystemLoader):
    """Material's templates, with the listing of its files made once and without dot folders.

    MkDocs lists every file of the theme for each build to find the static files it copies, then
    drops every name with a part starting with a dot (its filter has '.*' and '*/.*'). Material's
    14,000 icons live in `.icons/`: they are still loaded by name, just never walked. `omit`
    leaves out the files a build drops anyway (a booklet's search files, see `left_out`), so
    MkDocs does not make and drop them again for every booklet.
    """

    def __init__(self, searchpath: list[str], omit: Callable[[str], bool] | None = None) -> None:
        super().__init__(searchpath)
        self.omit = omit  # the files the builds leave out anyway
        self._listing: list[str] | None = None

    def list_templates(self) -> list[str]:
        if self._listing is None:
            found: set[str] = set()
            for root in self.searchpath:
                for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                    subfolders[:] = [d for d in subfolders if not d.startswith(".")]
                    rel = Path(folder).relative_to(root)
                    found.update(
                        (rel / name).as_posix() for name in names if not name.startswith(".")
                    )
            omit = self.omit or (lambda name: False)
            self._listing = sorted(name for name in found if not omit(name))
        return list(self._listing)


def _share_environment(theme: Theme, omit: Callable[[str], bool]) -> None:
    """Make `theme.get_env()` return one environment for every build that uses this theme.

    MkDocs makes a fresh environment per build (and compiles every template again); the theme's
    files do not change during a build run, so one environment per worker is enough.
    """
    env = theme.get_env()
    env.loader = ThemeListingLoader(list(theme.dirs), omit)
    theme.get_env = lambda: env  # type: ignore[method-assign] # one environment per worker


SHAREABLE_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "def_list", "fenced_code", "md_in_html", "tables", "toc",
        "pymdownx.details", "pymdownx.tabbed", "pymdownx.tasklist",
    }
)  # fmt: skip
"""Markdown extensions that keep nothing from one Markdown instance to the next, so one object can
serve every page (checked by tests/test_buildcost.py). Not pymdownx.superfences: it keeps a
reference to every Markdown instance it is registered with. Any other extension is made per page."""


def _share_markdown_extensions(config: MkDocsConfig) -> None:
    """Give every page of every build with `config` one object of each shareable extension.

    MkDocs makes a Markdown instance per page from the extensions' names, which imports and sets
    up each extension again; given an object, Markdown only registers it. Each Markdown instance
    resets its extensions' state when it starts, so sharing them changes nothing in the output.
    """
    maker = markdown.Markdown()
    extensions: list[str | markdown.Extension] = []
    configs: dict[str, Any] = {}
    for ext in config.markdown_extensions:
        if (
            isinstance(ext, str)
            and ext.removeprefix("markdown.extensions.") in SHAREABLE_EXTENSIONS
        ):
            extensions.append(maker.build_extension(ext, config.mdx_configs.get(ext, {})))
        else:  # made per page, as MkDocs does
            extensions.append(ext)
            if isinstance(ext, str) and ext in config.mdx_configs:
                configs[ext] = config.mdx_configs[ext]
    config.markdown_extensions = extensions
    config.mdx_configs = configs


class BaseConfigs:
    """Booklet configs validated once per worker: each build gets a copy with its own folder."""

    def __init__(self) -> None:
        self._bases: dict[str, MkDocsConfig] = {}

    def config(
        self,
        config_file: Path,
        raw: dict[str, Any],
        site_dir: Path,
        plugins: Mapping[str, BasePlugin],  # type: ignore[type-arg]
    ) -> MkDocsConfig:
        """`raw` (whose `site_dir` is ignored) validated, with `site_dir` and `plugins` set."""
        shape = {**raw, "site_dir": ""}
        key = json.dumps([str(config_file), shape], sort_keys=True, default=str)
        if key not in self._bases:
            base = validated_config(config_file, shape | {"site_dir": str(site_dir)})
            _share_environment(base.theme, left_out)
            _share_markdown_extensions(base)
            self._bases[key] = base
        config = copy.copy(self._bases[key])  # its own settings dict; theme and the rest shared
        config["site_dir"] = os.path.abspath(site_dir)
        collection = PluginCollection()
        for name, plugin in plugins.items():
            collection[name] = plugin
        config["plugins"] = collection
        return config
