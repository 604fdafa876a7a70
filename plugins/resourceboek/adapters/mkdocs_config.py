"""MkDocs configs made from a dict with MkDocs' own API (no YAML written and parsed back), and the
booklet's base config a worker validates once and copies for every booklet it builds."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import BasePlugin, PluginCollection

from resourceboek.adapters.upstream import share_markdown_extensions


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
            share_markdown_extensions(base)
            self._bases[key] = base
        config = copy.copy(self._bases[key])  # its own settings dict; the rest shared
        config["site_dir"] = os.path.abspath(site_dir)
        collection = PluginCollection()
        for name, plugin in plugins.items():
            collection[name] = plugin
        config["plugins"] = collection
        return config
