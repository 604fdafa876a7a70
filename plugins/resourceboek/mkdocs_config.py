"""A MkDocs config made from a dict with MkDocs' own API: no YAML written and parsed back."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError


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
