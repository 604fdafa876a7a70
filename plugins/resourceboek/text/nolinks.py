"""Markdown that makes no link or image: for an organisation's own Markdown booklet template.

Loaded by Python-Markdown by its module name (`BOOKLET_MARKDOWN` in adapters/booklet.py), so a
build that renders nothing never imports it.
"""

from __future__ import annotations

from markdown import Extension, Markdown

LINK_PATTERNS = (
    "link",
    "image_link",
    "reference",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "autolink",
    "automail",
)
"""Python-Markdown's inline patterns that make a link or an image."""


class NoLinks(Extension):
    """No link, image or reference definition from Markdown syntax.

    An organisation's Markdown template may put a group value where Markdown reads it
    (`Groep: {{ groep.groepsnaam }}`), where `[klik](javascript:alert(1))` would be a live link.
    Without these patterns (and without reference definitions) it stays the text it is; the
    template's own links are written as HTML.
    """

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        for name in LINK_PATTERNS:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        if "reference" in md.parser.blockprocessors:
            md.parser.blockprocessors.deregister("reference")


def makeExtension(**kwargs: object) -> NoLinks:  # noqa: N802 (Python-Markdown's hook)
    """Python-Markdown's way to load the extension by its module name."""
    return NoLinks(**kwargs)
