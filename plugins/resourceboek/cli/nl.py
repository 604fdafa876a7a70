"""Dutch for the texts click prints itself (usage, help, errors, prompts), through gettext.

click asks `gettext.gettext`/`ngettext` for each of its texts: the module-level functions, so the
current text domain, bound to a folder with `bindtextdomain`. `gettext.translation(...).install()`
does not reach them (it sets `builtins._`, which click's own `_` hides), and the module-level
functions choose the language from the environment only (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
`LANG`; none set or `C` means English). So while a command runs, `dutch()` makes our catalogue
(`locale/nl/LC_MESSAGES/click.po`, compiled to `click.mo`) the text domain and sets `LANGUAGE=nl`;
both are put back afterwards. Checked with click 8.5.1.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from resourceboek import PACKAGE_DIR

LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "click"
"""The catalogue's name: `locale/nl/LC_MESSAGES/click.mo`."""


@contextmanager
def dutch(root: click.Command | None = None) -> Iterator[None]:
    """click speaks Dutch in this block (and the paths of `root` are named in Dutch)."""
    saved_domain, saved_language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "nl"  # the product is Dutch only, whatever the user's locale
    try:
        if root is not None:
            _name_paths(root)
        yield
    finally:
        gettext.textdomain(saved_domain)
        _restore_language(saved_language)


def _restore_language(saved: str | None) -> None:
    if saved is None:
        os.environ.pop("LANGUAGE", None)
    else:
        os.environ["LANGUAGE"] = saved


def _name_paths(command: click.Command) -> None:
    """A `click.Path` names itself ("file", "directory") through gettext when the option is
    defined, at import, before `dutch()` runs: look those names up again."""
    for param in command.params:
        if isinstance(param.type, click.Path):
            param.type.name = gettext.gettext(param.type.name)
    for sub in getattr(command, "commands", {}).values():
        _name_paths(sub)


class WholeNumber(click.ParamType):
    """A whole number from `low` to `high`: `GETAL` in the help, refused in Dutch.

    Instead of `click.IntRange`, whose range (`1<=x<=64`) no catalogue can translate."""

    name = "getal"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def describe(self) -> str:
        """The allowed numbers, for the option's help: `1 t/m 64`."""
        return f"{self.low} t/m {self.high}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        number: int = click.INT.convert(value, param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"{number} kan niet; kies {self.describe()}.", param, ctx)
        return number
