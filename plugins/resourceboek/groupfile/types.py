"""The value types of the formats people type: texts, times, phone numbers, e-mail addresses, ids.

Shared by the group file (`model.py`) and the settings (`resourceboek.settings`): one pattern each.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""A safe id: lowercase letters, digits and single dashes (group ids, person keys, theme ids)."""

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible marks that change the reading direction: after a right-to-left override in a name,
the fixed text that follows it (letters, cards, booklet pages) would read backwards."""
BIDI_ERROR = "bidi_control"
"""The error type of a text with such a mark (messages.py words it, without the value)."""


def no_bidi_controls(value: str) -> str:
    """The text itself, unless it holds a mark that changes the reading direction."""
    if BIDI_CONTROLS.search(value):
        raise PydanticCustomError(BIDI_ERROR, "text holds a bidirectional control character")
    return value


NO_BIDI = AfterValidator(no_bidi_controls)
"""The last step of every text type of the format (after its own constraints, so that the JSON
Schema still shows those): one place, so no text field is left out."""
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60), NO_BIDI]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), NO_BIDI
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NO_BIDI
]
Time = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$"), NO_BIDI]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()\-]{6,20}$"), NO_BIDI]
# Plain addresses only: no '?', '&', '%' or '=', so a `mailto:` link cannot add recipients
# (`?cc=`), a subject or a body.
EMAIL_PATTERN = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=200), NO_BIDI]
