"""Placeholder for the readiness checks (`readiness(group, today)`), which arrive in another branch.

`resourceboek status` calls this; until the real module is merged it reports nothing open. When
merging, keep the other branch's `readiness.py` and drop this file's content.
"""

from __future__ import annotations

import datetime as dt

from .load import LoadedGroup
from .problems import Problem


def readiness(group: LoadedGroup, today: dt.date) -> list[Problem]:
    """What still has to be filled in before the booklet can be handed out (nothing known yet)."""
    return []
