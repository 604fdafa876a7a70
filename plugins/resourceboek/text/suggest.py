"""Did-you-mean: the valid name a user most likely meant (only ever a valid name)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

CUTOFF = 0.6
"""difflib's usual cut-off for "close enough"."""
MIN_PART = 4
"""A typed fragment this long may stand for the one valid name that contains it."""


def did_you_mean(wrong: str, valid: Iterable[str]) -> str | None:
    """The one valid name closest to `wrong` (a typo, other case, a word of it), or None."""
    options = sorted(set(valid))
    typed = wrong.strip().lower()
    bare = _bare(typed)
    same = [o for o in options if _bare(o) == bare]
    if same:
        return same[0]
    close = _closest(typed, options)
    if close:
        return close
    words = [o for o in options if typed and typed in re.split(r"[-_]", o)]
    if len(words) == 1:
        return words[0]
    inside = [o for o in options if len(bare) >= MIN_PART and bare in _bare(o)]
    return inside[0] if len(inside) == 1 else None


def tip(wrong: str, valid: Iterable[str]) -> str:
    """` Bedoelde je 'x'?` or nothing."""
    guess = did_you_mean(wrong, valid)
    return f" Bedoelde je '{guess}'?" if guess else ""


def _closest(typed: str, options: list[str]) -> str | None:
    """The one option most like `typed` (difflib's ratio of at least 0.6); None on a tie."""
    scored = sorted(((_ratio(typed, o), o) for o in options), reverse=True)
    scored = [(r, o) for r, o in scored if r >= CUTOFF]
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _bare(name: str) -> str:
    return re.sub(r"[-_\s]", "", name.lower())
