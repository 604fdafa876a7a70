"""Text typed by people, made literal before it goes into Markdown.

HTML-escaping is not enough in Markdown: `[klik](javascript:alert(1))` is text to an HTML escaper and
a live link to Python-Markdown. Every character Python-Markdown lets a backslash escape gets one
(its ESCAPED_CHARS): brackets and parentheses included, so no link or image can be made.
"""

from __future__ import annotations

import re

from markupsafe import escape

_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def markdown_literal(value: str) -> str:
    """`value` as literal text in Markdown: HTML escaped, every Markdown character backslashed."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", str(escape(value)))
