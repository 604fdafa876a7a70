"""The booklet's browser files as they are shipped: stylesheets and scripts without comments and
spare whitespace (rcssmin, rjsmin). Every client gets a copy of each booklet folder; the readable
sources stay in the package and the handbook."""

from __future__ import annotations

from pathlib import PurePosixPath

import rcssmin
import rjsmin

COMPACTED = frozenset({".css", ".js"})
"""The kinds of file that are shipped compacted."""


def compact(name: str, text: str) -> str:
    """`text` of the file `name` compacted (CSS or JavaScript); any other file unchanged."""
    suffix = PurePosixPath(name).suffix
    if suffix == ".css":
        return str(rcssmin.cssmin(text))
    if suffix == ".js":
        return str(rjsmin.jsmin(text))
    return text
