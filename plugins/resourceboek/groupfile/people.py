"""How the people of a group are addressed and reached: salutation, "je" or "u", the client's
pronoun, when someone is reachable. Fields of `model.Persoon` and `model.Groep`, declared here to
keep the format's one definition (`model.py`) readable."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import Field


class Aanspreken(str, Enum):
    """How a letter addresses someone."""

    je = "je"
    u = "u"


class Voornaamwoord(str, Enum):
    """How letters speak of the client: "hij", "zij" or "hen" (for "zijn", "haar", "hun")."""

    hij = "hij"
    zij = "zij"
    hen = "hen"


def bereikbaar() -> Any:
    """`personen.<key>.bereikbaar`: shown on the crisis card and on Contacten."""
    return Field(None, description="Wanneer diegene bereikbaar is, bijvoorbeeld 'ma-vr 9-17 uur'.")


def werkdagen() -> Any:
    """`personen.<key>.werkdagen`: the regieondersteuner's, under every letter."""
    return Field(None, description="Werkdagen, bijvoorbeeld 'ma, di en do' (onder de brief).")


def aanhef() -> Any:
    """`personen.<key>.aanhef`: the letter's salutation when the name does not make one."""
    return Field(
        None,
        description="Aanhef in een brief, bijvoorbeeld 'Beste Mieke' of 'Beste meneer Jansen' "
        "(standaard: Beste en de naam).",
    )


def aanspreken() -> Any:
    """`personen.<key>.aanspreken`: je or u in a letter."""
    return Field(Aanspreken.je, description="Hoe een brief diegene aanspreekt: je of u.")


def voornaamwoord() -> Any:
    """`client_voornaamwoord`: the client's pronoun in the letters."""
    return Field(
        None, description="Hoe de brieven over de cliënt praten: hij, zij of hen (zijn, haar, hun)."
    )


def besproken() -> Any:
    """`signaleringsplan.besproken`: the date the plan was last discussed."""
    return Field(
        None, description="Wanneer het plan voor het laatst besproken is, als JJJJ-MM-DD."
    )
