"""The booklet templates' own HTML blocks kept out of Python-Markdown's way, then put back.

A booklet page is Markdown from our templates with large blocks of finished HTML (the crisis card,
the forms, the sociogram). Python-Markdown passes such a block through unchanged, but parses it
twice with Python's HTML parser to find where it ends (md_in_html and MkDocs' raw-HTML check): a
third of a booklet's Markdown time. Here each simple block is swapped for a placeholder paragraph
before Markdown and put back in the HTML after it, with the same result (tests/test_buildcost.py
compares every page both ways).

A simple block: a run of non-empty lines that starts at the beginning of a line with a block-level
tag, ends with that tag's closing tag, is followed by an empty line, opens and closes that tag
equally often, and has no `markdown` attribute anywhere (md_in_html would render Markdown inside
it). Anything else is left to Markdown.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

BLOCK = re.compile(r"(?m)^(<(div|p|ul|ol|dl|table|section|figure|nav|aside)\b.*(?:\n.+)*)\n(?=\n)")
"""A run of non-empty lines starting with a block-level tag, followed by an empty line."""
MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\s*=")
PLACEHOLDER = re.compile(r"<p>(RBBLOK[0-9a-f]{16}x)(\d+)</p>(\n?)")
"""A placeholder paragraph as Markdown leaves it (`RawBlocks.tag`, then the block's number)."""


@dataclass
class RawBlocks:
    """The blocks set aside from one booklet's pages, behind placeholders no page text can guess."""

    tag: str = field(default_factory=lambda: f"RBBLOK{secrets.token_hex(8)}x")
    blocks: list[str] = field(default_factory=list)

    def set_aside(self, markdown: str) -> str:
        """`markdown` with each simple HTML block replaced by a placeholder paragraph.

        With an empty `tag` (the reference in the tests) everything is left to Markdown.
        """
        if not self.tag:
            return markdown

        def aside(match: re.Match[str]) -> str:
            block, tag = match.group(1, 2)
            opened = len(re.findall(rf"<{tag}\b", block))
            simple = block.endswith(f"</{tag}>") and opened == block.count(f"</{tag}>")
            if not simple or MARKDOWN_ATTRIBUTE.search(block):
                return match.group(0)  # Markdown decides where such a block ends
            self.blocks.append(block)
            return f"{self.tag}{len(self.blocks) - 1}\n"

        return BLOCK.sub(aside, markdown)

    def put_back(self, html: str) -> str:
        """The page's HTML with the blocks where Markdown would have put them."""
        if not self.blocks:
            return html

        # Markdown leaves an empty line after a raw block, except at the very end of the page.
        def back(match: re.Match[str]) -> str:
            if match[1] != self.tag:  # another booklet's tag cannot occur; leave it as it is
                return match[0]
            return self.blocks[int(match[2])] + 2 * match[3]

        return PLACEHOLDER.sub(back, html)
