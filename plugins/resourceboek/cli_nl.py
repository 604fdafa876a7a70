"""Dutch for the texts click itself prints (usage, help, errors), so `--help` is Dutch throughout.

click looks its texts up through `gettext` bound as `_`/`ngettext` in each of its modules; those two
names are replaced by a lookup in the table below (English stays for any text not listed).
"""

from __future__ import annotations

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

DUTCH = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing command.": "Geef een opdracht.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} kan niet; toegestaan: {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "default: {default}": "standaard: {default}",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee keer ingevoerde tekst is niet "
    "gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    "Do you want to continue?": "Wil je doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder het te vragen.",
    "Aborted!": "Afgebroken.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Did you mean {possibility}?": "Bedoelde je {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde je een van: {possibilities}?)",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "{value!r} is not one of {choices}.": "{value!r} kan niet; kies uit {choices}.",
    "{value!r} is not {choice}.": "{value!r} kan niet; kies {choice}.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Missing {param_type}": "Ontbreekt: {param_type}",
    "Option {name!r} does not take a value.": "Optie {name!r} heeft geen waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} heeft {nargs} waarden nodig.",
    "Takes {nargs} values but 1 was given.": "Heeft {nargs} waarden nodig, maar kreeg er 1.",
    "Takes {nargs} values but {len} were given.": "Heeft {nargs} waarden nodig, maar kreeg "
    "er {len}.",
    "Invalid start character for option ({option})": "Ongeldig eerste teken voor een optie "
    "({option})",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: "
    "{message}",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja of nee. "
    "Mogelijk: {states}",
    "{value!r} does not match the format {format}.": "{value!r} past niet bij de vorm {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} past niet bij de vormen "
    "{formats}.",
    "Value must be an iterable.": "De waarde moet een lijst zijn.",
    "env var: {var}": "omgevingsvariabele: {var}",
    "deprecated": "verouderd",
    "(dynamic)": "(wisselend)",
    "Positional arguments": "Argumenten",
    "unknown error": "onbekende fout",
}

TYPE_NAMES = {
    click.types.StringParamType: "tekst",
    click.types.IntParamType: "getal",
    click.types.IntRange: "getal",
    click.types.FloatParamType: "kommagetal",
    click.types.FloatRange: "kommagetal",
    click.types.BoolParamType: "ja/nee",
    click.types.DateTime: "datum",
    click.types.File: "bestand",
    click.types.UUIDParameterType: "uuid",
}
"""Dutch names of click's value types, shown as the metavar in `--help` (TEXT, INTEGER RANGE)."""


def _describe_range(self: click.types._NumberRangeBase) -> str:  # type: ignore[type-arg]
    """`1 t/m 64`, `minimaal 1`, `hooguit 64` instead of `1<=x<=64`."""
    low = None if self.min is None else f"{'meer dan' if self.min_open else 'minimaal'} {self.min}"
    high = (
        None if self.max is None else f"{'minder dan' if self.max_open else 'hooguit'} {self.max}"
    )
    if low and high and not (self.min_open or self.max_open):
        return f"{self.min} t/m {self.max}"
    return ", ".join(part for part in (low, high) if part)


def _gettext(message: str) -> str:
    return DUTCH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install(root: click.Command | None = None) -> None:
    """Make click speak Dutch in this process (and in the options `root` already defined)."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    for kind, name in TYPE_NAMES.items():
        kind.name = name
    click.types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]
    if root is not None:
        _name_paths(root)


def _name_paths(command: click.Command) -> None:
    """A `click.Path` names itself ("file", "directory") when the option is defined, before
    `install` can run; name the ones already made in Dutch."""
    for param in command.params:
        if isinstance(param.type, click.Path):
            param.type.name = _gettext(param.type.name)
    for sub in getattr(command, "commands", {}).values():
        _name_paths(sub)
