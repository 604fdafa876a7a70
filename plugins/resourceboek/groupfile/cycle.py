"""The method's work beyond the plan: agreements, consent, measurements and the handover (fase 2-6).

Part of the group file format (`model.py` holds `Groep` and uses these parts): keys are Dutch
because coordinators type them; descriptions are what an editor shows on hover.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from resourceboek.groupfile.types import ShortText, Slug, Text, Time

MAX_QLS_AREAS = 5
"""QLS-100 (bijlage 10b): "maak een lijst van de vijf belangrijkste gebieden"."""
ZRM_LOW, ZRM_HIGH = 1, 5
"""A score of the Zelfredzaamheid-Matrix: 1 (acute problematiek) to 5 (volledig zelfredzaam)."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Verdiepingsgesprek(_Part):
    """The preparatory talk of the regieondersteuner with a nominee (fase 2); for a young person
    also with the family members they did not nominate (a `familie` person outside `deelnemers`)."""

    datum: dt.date = Field(description="Datum, als JJJJ-MM-DD.")
    begintijd: Time | None = Field(None, description="Begintijd, als UU:MM.")
    locatie: ShortText | None = Field(None, description="Waar het gesprek is.")
    gehouden: bool | None = Field(
        None, description="Is het gesprek gehouden? (standaard: ja als de datum voorbij is)"
    )
    teruggekoppeld: dt.date | None = Field(
        None, description="Wanneer de samenvatting aan de cliënt is teruggekoppeld, als JJJJ-MM-DD."
    )

    def held(self, today: dt.date) -> bool:
        """Held: its date has come and the file says so, or (not said) its date has passed."""
        if self.datum is None:  # the salvaged part of a file whose date is wrong
            return bool(self.gehouden)
        if self.gehouden is None:
            return self.datum < today
        return self.gehouden and self.datum <= today


class Afspraken(_Part):
    """The group's agreements of fase 3 and 4."""

    communicatiekanaal: ShortText | None = Field(
        None,
        description="Hoe de groep tussen de bijeenkomsten contact houdt: mail, telefoon, "
        "groepsapp (jongeren: ook via de cloud).",
    )
    vertrouwelijkheid: Text | None = Field(
        None, description="Wat er in de groep blijft en wat niet (afgesproken bij de start)."
    )
    evaluatiedatum: dt.date | None = Field(
        None,
        description="De evaluatieafspraak van cliënt en regieondersteuner na de eerste "
        "bijeenkomst (fase 4), als JJJJ-MM-DD.",
    )


class SoortOverdracht(str, Enum):
    afschaling = "afschaling"
    overdracht = "overdracht"


class Overdracht(_Part):
    """Fase 6: less care, or care handed over to someone else."""

    soort: SoortOverdracht | None = Field(
        None, description="afschaling of overdracht (leeg tot het besloten is)."
    )
    naar: ShortText | None = Field(
        None,
        description="Naar wie de zorg gaat: huisarts, POH-ggz, basis-ggz, sociaal wijkteam.",
    )
    datum: dt.date | None = Field(None, description="Wanneer, als JJJJ-MM-DD.")
    toelichting: Text | None = Field(None, description="Wat er is afgesproken.")


class Richtlijn(str, Enum):
    """A guideline a group may deliberately deviate from, with its reason (`afwijkingen`)."""

    langetermijndoelen = "langetermijndoelen"
    kortetermijndoelen = "kortetermijndoelen"


class Deel(str, Enum):
    """What of the plan the client agreed to share with a person."""

    uitnodiging = "uitnodiging"
    rol = "rol"
    signaleringsplan = "signaleringsplan"


class Toestemming(_Part):
    """What the client agreed to share with one person, and when."""

    datum: dt.date = Field(description="Wanneer de cliënt toestemming gaf, als JJJJ-MM-DD.")
    delen: list[Deel] = Field(
        min_length=1,
        description="Wat deze persoon mag krijgen: uitnodiging (de brief), rol (het blad "
        "'Mijn rol': rollen, taken, volgende bijeenkomst), signaleringsplan (de gekozen delen "
        "op dat blad).",
    )
    ouders: dt.date | None = Field(
        None,
        description="Jongere jonger dan 16: wanneer de ouders toestemming gaven, als JJJJ-MM-DD.",
    )


Score = Annotated[int, Field(ge=ZRM_LOW, le=ZRM_HIGH)]


class GewoneDag(_Part):
    """Bijlage 10a: what an ordinary day looks like, at one date."""

    datum: dt.date = Field(description="Datum, als JJJJ-MM-DD.")
    notitie: Text = Field(description="Wat eruit kwam.")


class QlsMeting(_Part):
    """Bijlage 10b (volwassenen): the QLS-100 areas that do not go well, at one date."""

    datum: dt.date = Field(description="Datum, als JJJJ-MM-DD.")
    gebieden: list[Text] = Field(
        min_length=1,
        max_length=MAX_QLS_AREAS,
        description=f"De hooguit {MAX_QLS_AREAS} belangrijkste gebieden die nu niet goed gaan.",
    )


class ZrmMeting(_Part):
    """Bijlage 10b (jongeren): the Zelfredzaamheid-Matrix scores, at one date."""

    datum: dt.date = Field(description="Datum, als JJJJ-MM-DD.")
    scores: dict[Slug, Score] = Field(
        min_length=1,
        description=f"Score {ZRM_LOW} tot en met {ZRM_HIGH} per domein (sleutels uit bijlage "
        "10b, bijvoorbeeld `sociaal-netwerk`).",
    )


class Themaevaluatie(_Part):
    """Bijlage 8: a theme meeting looked back on at the next meeting."""

    datum: dt.date = Field(description="Datum, als JJJJ-MM-DD.")
    thema: Slug = Field(description="Het thema uit `themas`.")
    evaluatie: Text = Field(description="Wat de groep leerde en hoe jullie het blijven toepassen.")


class Metingen(_Part):
    """Dated results of the goal tools (bijlage 10) and the theme evaluations (bijlage 8)."""

    een_gewone_dag: list[GewoneDag] = Field([], description="Bijlage 10a: Een gewone dag.")
    qls_100: list[QlsMeting] = Field(
        [], title="QLS-100", description="Bijlage 10b, volwassenen: de gekozen gebieden."
    )
    zrm: list[ZrmMeting] = Field(
        [], title="ZRM", description="Bijlage 10b, jongeren: de Zelfredzaamheid-Matrix."
    )
    themas: list[Themaevaluatie] = Field(
        [], title="Thema's", description="Bijlage 8: evaluatie van de themabijeenkomsten."
    )


AFSPRAKEN: Any = Field(
    default_factory=Afspraken, description="Afspraken van de groep (fase 3 en 4)."
)
OVERDRACHT: Any = Field(
    default_factory=Overdracht, description="Fase 6: afschaling of overdracht van de zorg."
)
OPSCHALING: Any = Field(
    [],
    title="Afspraken over opschaling",
    description="Fase 6: wat de groep doet als het weer slechter gaat.",
)
TOESTEMMING: Any = Field(
    {},
    description="Per persoon (sleutel uit `personen`): wat de cliënt met die persoon wil delen. "
    "Zonder toestemming geen brief en geen blad 'Mijn rol'.",
)
JONGER_DAN_16: Any = Field(
    False,
    title="Jonger dan 16",
    description="Jongeren: is de jongere jonger dan 16? Dan geven ook de ouders toestemming.",
)
AFWIJKINGEN: Any = Field(
    {},
    description="Richtlijnen waar de groep bewust van afwijkt, elk met de reden, bijvoorbeeld "
    "`langetermijndoelen: Teun werkt liever aan drie doelen tegelijk.` De controle waarschuwt "
    "daar dan niet meer voor.",
)
METINGEN: Any = Field(
    default_factory=Metingen, description="Uitkomsten van de hulpmiddelen, met datum."
)

DESCRIPTIONS = {
    "Afspraken": "Afspraken van de groep: contact, vertrouwelijkheid en evaluatie.",
    "Overdracht": "Fase 6: afschaling of overdracht van de zorg.",
    "SoortOverdracht": "Afschaling of overdracht.",
    "Deel": "Wat van het plan met deze persoon gedeeld mag worden.",
    "Richtlijn": "Een richtlijn van de methodiek over het aantal doelen.",
    "Toestemming": "Wat de cliënt met deze persoon wil delen, en sinds wanneer.",
    "GewoneDag": "Een gewone dag (bijlage 10a) op één datum.",
    "QlsMeting": "QLS-100 (bijlage 10b) op één datum.",
    "ZrmMeting": "Zelfredzaamheid-Matrix (bijlage 10b) op één datum.",
    "Themaevaluatie": "Terugblik op een themabijeenkomst (bijlage 8).",
    "Metingen": "Uitkomsten van de hulpmiddelen voor doelen en de themabijeenkomsten.",
}
"""The Dutch hover text of each part (schema.py)."""
CHOICES = {
    "SoortOverdracht": {
        "afschaling": "minder zorg, de groep gaat door.",
        "overdracht": "de zorg gaat naar een ander (warme overdracht).",
    },
    "Richtlijn": {
        "langetermijndoelen": "het aantal langetermijndoelen.",
        "kortetermijndoelen": "het aantal kortetermijndoelen die lopen.",
    },
    "Deel": {
        "uitnodiging": "de uitnodigingsbrief (bijlage 5).",
        "rol": "het blad 'Mijn rol': rollen, taken en de volgende bijeenkomst.",
        "signaleringsplan": "de gekozen delen van het signaleringsplan op dat blad.",
    },
}
"""A Dutch line for every choice (schema.py)."""
