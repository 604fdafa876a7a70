"""The benchmark of `resourceboek build` as a small package: synthetic groups (`synthetic`, also a
factory for tests), the measurements in their own processes (`probes`), the plain MkDocs +
Material reference (`reference`) and the report with its targets as data (`report`).
The command is `benchmarks/build.py`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "mkdocs.yml"
SCRIPT = ROOT / "benchmarks" / "build.py"
TODAY = dt.date(2026, 11, 23)
"""Fixed 'today' of every build, so that past/upcoming meetings do not depend on the calendar."""
DEFAULT_SEED = 20261123
GIB = 1024**3
MB = 1_000_000
