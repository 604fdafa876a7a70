"""The group file format: the one definition from which validation, the JSON Schema and docs derive.

Keys are Dutch because coordinators type them; they mirror the resourcegroepplan form (bijlage 3).
Titles in ``json_schema_extra``/``title`` are the form's own wording, reused by the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from resourceboek.groupfile import cycle, people
from resourceboek.groupfile.cycle import Verdiepingsgesprek
from resourceboek.groupfile.types import (  # noqa: F401 - the format's types, re-exported
    BIDI_CONTROLS,
    BIDI_ERROR,
    EMAIL_PATTERN,
    NO_BIDI,
    SLUG_PATTERN,
    Email,
    Phone,
    ShortText,
    Slug,
    Text,
    Time,
    no_bidi_controls,
)

CLIENT_REF = "client"
"""Reserved person reference: the client (or young person) themselves."""
GROUP_REF = "resourcegroep"
"""Reserved crisis-contact reference: the whole resource group."""

# The method's guidelines (toolkit, fase 3 to 5): the one place the numbers live. The checks, the
# messages, the schema's descriptions, the `new` template and the README's table use these.
FIRST_PHASE, LAST_PHASE = 1, 6
MAX_SHORT_TERM_GOALS = 3
"""Short-term goals: "hooguit drie" per meeting."""
MAX_LONG_TERM_GOALS = 2
"""Long-term goals: "hooguit twee"."""
MAX_MEETING_MINUTES = 60
"""A meeting lasts at most an hour."""
MEETING_INTERVAL_DAYS = 91
"""The group meets about every three months..."""
MEETING_INTERVAL_SLACK_DAYS = 14
"""... and a gap of up to two weeks more is still "about"."""
MAX_PEOPLE = 100
"""At most this many `personen`, and people in any list of keys. A resource group is small (a
network of 60 is already large); the sociogram's label search grows faster than the number of
people, so a file with thousands would take minutes per booklet."""
NUMBER_WORDS = {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven"}
NUMBER_WORDS |= {8: "acht", 9: "negen", 10: "tien"}


def number_word(n: int) -> str:
    """A small number as a Dutch word ("drie"), a larger one in digits."""
    return NUMBER_WORDS.get(n, str(n))


def duration_text(minutes: int) -> str:
    """A meeting's length in words ("een uur", "90 minuten")."""
    return "een uur" if minutes == 60 else f"{minutes} minuten"


GUIDELINES = {
    "kortetermijndoelen": f"hooguit {number_word(MAX_SHORT_TERM_GOALS)} die lopen",
    "langetermijndoelen": f"hooguit {number_word(MAX_LONG_TERM_GOALS)}",
    "duur": f"hooguit {duration_text(MAX_MEETING_MINUTES)}",
    "tussenpoos": "ongeveer eens per drie maanden",
    "fasen": f"{FIRST_PHASE} t/m {LAST_PHASE}",
    "regieondersteuner": "bij elke bijeenkomst",
    "zorgverantwoordelijke": "minstens eens per jaar bij een bijeenkomst",
    "regiebehandelaar": "bij de startbijeenkomst (jongeren)",
}
"""The guidelines as words, for descriptions, messages and the `new` template."""

ROLE_TITLES = {
    "regieondersteuner": "Regieondersteuner",
    "zorgverantwoordelijke": "Zorgverantwoordelijke",
    "regiebehandelaar": "Regiebehandelaar",
    "ervaringsdeskundige": "Ervaringsdeskundige",
    "huisarts": "Huisarts",
    "voorzitter": "Voorzitter",
    "procesbewaker": "Procesbewaker",
    "notulist": "Notulist",
}
"""The roles of a group (the keys of `rollen`) and their titles on the form."""
CLIENT_ROLES = frozenset({"voorzitter", "procesbewaker", "notulist"})
"""Roles the client may take on themselves (`client` as the value)."""


def or_list(words: list[str]) -> str:
    """Words as a Dutch choice: "a, b of c"."""
    return ", ".join(words[:-1]) + f" of {words[-1]}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Variant(str, Enum):
    volwassenen = "volwassenen"
    jongeren = "jongeren"


class Soort(str, Enum):
    familie = "familie"
    naaste = "naaste"
    professional = "professional"
    school = "school"
    werk = "werk"


class Nabijheid(str, Enum):
    """How close a person stands to the client: the ring they are drawn in on the sociogram."""

    dichtbij = "dichtbij"
    midden = "midden"
    verder = "verder"


class Status(str, Enum):
    nieuw = "nieuw"
    loopt = "loopt"
    bereikt = "bereikt"
    bijgesteld = "bijgesteld"
    gestopt = "gestopt"


STATUS_LABELS = {
    Status.nieuw: "Nieuw",
    Status.loopt: "Loopt",
    Status.bereikt: "Bereikt",
    Status.bijgesteld: "Bijgesteld",
    Status.gestopt: "Gestopt",
}
"""The label of each status of a short-term goal in the booklet."""


class SoortBijeenkomst(str, Enum):
    start = "start"
    vervolg = "vervolg"
    thema = "thema"
    overdracht = "overdracht"


SIGNALERING_PART = r"^[a-z_]+$"
"""A field name of `Signaleringsplan` (`helpt_niet`); checks.py tells which names exist."""
DEFAULT_SHEET_PARTS: tuple[str, ...] = ("contact_bij_crisis", "helpt", "helpt_niet", "overnemen")
"""The signaleringsplan parts on a 'Mijn rol' sheet unless the client chooses others."""


class Persoon(Strict):
    """Someone who appears in the plan; other sections refer to them by their key."""

    naam: ShortText = Field(description="Naam zoals die in het boekje staat, bijvoorbeeld 'Mieke'.")
    relatie: ShortText = Field(
        description="Relatie tot de cliënt of functie, bijvoorbeeld 'zus' of 'psychiater'."
    )
    soort: Soort = Field(
        description="familie, naaste (vriend, buur), professional, school of werk (collega)."
    )
    telefoon: Phone | None = Field(None, description="Telefoonnummer, bijvoorbeeld '06 12345678'.")
    email: Email | None = Field(None, title="E-mail", description="E-mailadres.")
    organisatie: ShortText | None = Field(None, description="Organisatie (voor professionals).")
    bereikbaar: ShortText | None = people.bereikbaar()
    werkdagen: ShortText | None = people.werkdagen()
    aanhef: ShortText | None = people.aanhef()
    aanspreken: people.Aanspreken = people.aanspreken()
    nabijheid: Nabijheid | None = Field(
        None,
        description="Sociogram: dichtbij, midden of verder van de cliënt (standaard midden).",
    )
    verdiepingsgesprek: Verdiepingsgesprek | None = Field(
        None,
        description=(
            "Het verdiepingsgesprek met deze persoon (fase 2), gepland of geweest; een deelnemer "
            "krijgt een uitnodigingsbrief tot het geweest is."
        ),
    )
    rolkaart: bool = Field(
        False,
        description="Een eigen blad 'Mijn rol' voor deze persoon? De cliënt kiest (standaard nee).",
    )
    rolkaart_onderdelen: (
        list[Annotated[str, StringConstraints(pattern=SIGNALERING_PART), NO_BIDI]] | None
    ) = Field(
        None,
        description=(
            "Welke delen van het signaleringsplan op dat blad staan (standaard: "
            + ", ".join(DEFAULT_SHEET_PARTS)
            + ")."
        ),
    )

    @property
    def sheet_parts(self) -> tuple[str, ...]:
        """The signaleringsplan parts on this person's 'Mijn rol' sheet."""
        if self.rolkaart_onderdelen is None:
            return DEFAULT_SHEET_PARTS
        return tuple(self.rolkaart_onderdelen)


class Rollen(Strict):
    """Roles in the group; each value is a key from `personen` (or `client`)."""

    regieondersteuner: Slug = Field(description="Sleutel van de regieondersteuner.")
    zorgverantwoordelijke: Slug | None = Field(
        None, description="Volwassenen: sleutel van de zorgverantwoordelijke."
    )
    regiebehandelaar: Slug | None = Field(
        None, description="Jongeren: sleutel van de regiebehandelaar."
    )
    ervaringsdeskundige: Slug | None = Field(
        None, description="Sleutel van de ervaringsdeskundige."
    )
    huisarts: Slug | None = Field(None, description="Sleutel van de huisarts.")
    voorzitter: Slug | None = Field(None, description="Formele voorzitter (mag `client` zijn).")
    procesbewaker: Slug | None = Field(
        None, description="Informele voorzitter die de tijd bewaakt (mag `client` zijn)."
    )
    notulist: Slug | None = Field(None, description="Wie het verslag maakt (mag `client` zijn).")


class Taak(Strict):
    """A task in a short-term goal, naming who does it by key."""

    wie: list[Slug] = Field(
        min_length=1,
        max_length=MAX_PEOPLE,
        description="Sleutels uit `personen` (of `client`) van wie dit doet.",
    )
    wat: Text = Field(description="Wat diegene doet, bijvoorbeeld 'haalt me op voor het sporten'.")


class Kortetermijndoel(Strict):
    """A short-term recovery goal with the five questions of the form."""

    doel: Text = Field(description="Ik wil …")
    hoe_is_het_nu: Text | None = Field(None, title="Hoe is het nu")
    wat_gaat_goed: Text | None = Field(None, title="Wat gaat goed")
    wat_is_nodig: Text | None = Field(None, title="Wat is nodig")
    wie_gaat_wat_doen: Text | None = Field(
        None, title="Wie gaat wat doen om me hierin te ondersteunen"
    )
    hoe_is_te_zien: Text | None = Field(
        None, title="Hoe is te zien als het doel bereikt is/er stappen gezet worden"
    )
    taken: list[Taak] = Field(
        [],
        title="Taken",
        description="Wie gaat wat doen, per persoon (naast of in plaats van `wie_gaat_wat_doen`).",
    )
    status: Status = Field(Status.loopt, description=or_list([s.value for s in Status]) + ".")


FIVE_QUESTIONS: tuple[str, ...] = (
    "hoe_is_het_nu",
    "wat_gaat_goed",
    "wat_is_nodig",
    "wie_gaat_wat_doen",
    "hoe_is_te_zien",
)

TextList = list[Text]


class Signaleringsplan(Strict):
    """The early-warning and crisis plan; field order is the form's order."""

    besproken: dt.date | None = people.besproken()
    signalen: TextList = Field([], title="Signalen dat het niet goed met mij gaat")
    contact_bij_crisis: list[Slug] = Field(
        [],
        max_length=MAX_PEOPLE,
        title="Personen met wie er contact opgenomen moet worden als er sprake is van een crisis",
        description="Sleutels uit `personen`, of `resourcegroep` voor de hele groep.",
    )
    helpt: TextList = Field([], title="Dingen die me helpen")
    overnemen: TextList = Field([], title="Dingen die anderen over moeten nemen")
    helpt_niet: TextList = Field([], title="Dingen die niet helpen")
    beter_zien: TextList = Field(
        [],
        title="Hoe kan men zien dat het weer beter gaat en het signaleringsplan niet meer nodig is",
    )
    verblijfplaats: TextList = Field(
        [], title="Waar ik het liefste wil zijn als ik niet thuis kan of wil zijn"
    )
    opname: TextList = Field([], title="Waar ik het liefste opgenomen wil worden")
    medicatie_helpt: TextList = Field(
        [], title="Medicatie die mij helpt als er sprake is van een crisis"
    )
    medicatie_weigeren: TextList = Field(
        [], title="Medicatie die ik absoluut niet wil hebben als er een crisis is"
    )
    andere_behandelingen: TextList = Field(
        [], title="Andere behandelingen of activiteiten die mij helpen om me beter te voelen"
    )


PLAN_PARTS: tuple[str, ...] = tuple(n for n in Signaleringsplan.model_fields if n != "besproken")
"""The parts of the signaleringsplan (its lists), in the form's order."""


class Bijeenkomst(Strict):
    """A past or planned meeting."""

    datum: dt.date = Field(description="Datum, als JJJJ-MM-DD.")
    begintijd: Time = Field(description="Begintijd, als UU:MM.")
    eindtijd: Time | None = Field(
        None, description=f"Eindtijd, als UU:MM (richtlijn: {GUIDELINES['duur']})."
    )
    locatie: ShortText | None = Field(None, description="Waar de bijeenkomst is.")
    soort: SoortBijeenkomst = Field(
        SoortBijeenkomst.vervolg, description="start, vervolg of thema (bijlage 7 en 9)."
    )
    thema: Slug | None = Field(
        None, description="Bij een themabijeenkomst: het thema uit `themas`."
    )
    voorzitter: Slug | None = Field(
        None, description="Sleutel van de voorzitter (mag `client` zijn)."
    )
    uitgenodigd: list[Slug] = Field(
        [],
        max_length=MAX_PEOPLE,
        description="Wie uitgenodigd is naast de deelnemers (sleutels uit `personen`).",
    )
    verslag: Text | None = Field(None, description="Verslag (notulen) na afloop.")


class Groep(Strict):
    """One resource group: the whole content of `groups/<id>.yml`."""

    variant: Variant = Field(description="volwassenen of jongeren.")
    client: ShortText = Field(
        title="Cliënt", description="Naam van de cliënt of jongere zoals in het boekje."
    )
    groepsnaam: ShortText = Field(description="Naam van de resourcegroep.")
    fase: int = Field(
        ge=FIRST_PHASE,
        le=LAST_PHASE,
        description=f"Fase van de methodiek waarin de groep is ({GUIDELINES['fasen']}).",
    )
    startdatum: dt.date = Field(description="Datum waarop het traject begon, als JJJJ-MM-DD.")
    personen: dict[Slug, Persoon] = Field(
        max_length=MAX_PEOPLE,
        description=f"Iedereen die in het plan voorkomt, één keer (hooguit {MAX_PEOPLE}).",
    )
    rollen: Rollen
    deelnemers: list[Slug] = Field(
        max_length=MAX_PEOPLE, description="De vaste kern van de groep (sleutels uit `personen`)."
    )
    uitnodigen: list[Slug] = Field(
        [], max_length=MAX_PEOPLE, description="Mogelijke deelnemers per bijeenkomst."
    )
    belangrijke_anderen: list[Slug] = Field(
        [], max_length=MAX_PEOPLE, description="Belangrijke anderen (contactgegevens)."
    )
    langetermijndoelen: TextList = Field(
        [],
        description=f"Over een tijdje wil ik … (richtlijn: {GUIDELINES['langetermijndoelen']}).",
    )
    kortetermijndoelen: list[Kortetermijndoel] = Field(
        [],
        description="Dit wil ik de volgende bijeenkomst bereikt hebben "
        f"(richtlijn: {GUIDELINES['kortetermijndoelen']}).",
    )
    signaleringsplan: Signaleringsplan = Field(default_factory=Signaleringsplan)
    themas: list[Slug] = Field([], description="Gekozen themabijeenkomsten uit bijlage 9.")
    bijeenkomsten: list[Bijeenkomst] = Field(
        [], description=f"Geweest en gepland (richtlijn: {GUIDELINES['tussenpoos']})."
    )
    afspraken: cycle.Afspraken = cycle.AFSPRAKEN
    toestemming: dict[Slug, cycle.Toestemming] = cycle.TOESTEMMING
    jonger_dan_16: bool = cycle.JONGER_DAN_16
    metingen: cycle.Metingen = cycle.METINGEN
    overdracht: cycle.Overdracht = cycle.OVERDRACHT
    afspraken_opschaling: TextList = cycle.OPSCHALING
    afwijkingen: dict[cycle.Richtlijn, ShortText] = cycle.AFWIJKINGEN

    def person_name(self, key: str) -> str:
        """The display name of a person key (the client for `client`)."""
        if key == CLIENT_REF:
            return self.client
        return self.personen[key].naam

    @property
    def clinician_key(self) -> str | None:
        return self.rollen.regiebehandelaar or self.rollen.zorgverantwoordelijke


def is_slug(value: str) -> bool:
    """True when `value` is a safe id: lowercase letters, digits and single dashes."""
    return re.fullmatch(SLUG_PATTERN, value) is not None
