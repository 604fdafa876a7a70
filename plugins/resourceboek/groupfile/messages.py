"""Turn the validator's English errors into plain Dutch that says how to fix the file.

A message names file, line, field, what is wrong and how to fix it, never the value: a phone number
or "wil stoppen met lithium" typed in the wrong field must not end up in a CI log. Suggestions only
name what the format or the method defines (field names, choices); see `yamlread.is_identifier`
for the keys that are shown.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from resourceboek.groupfile.model import BIDI_ERROR, Groep
from resourceboek.groupfile.problems import Problem
from resourceboek.groupfile.yamlread import Document, dotted, is_identifier
from resourceboek.text import suggest

PATTERN_HINTS = {
    "[a-z0-9]": "geen geldige sleutel: gebruik kleine letters, cijfers en '-' "
    "(bijvoorbeeld 'mieke')",
    "[01]": "geen geldige tijd: schrijf als UU:MM, bijvoorbeeld 09:30",
    "+?[0-9": "geen geldig telefoonnummer: gebruik cijfers, spaties, '-' of '+' "
    "(bijvoorbeeld 06 12345678)",
    "@": "geen geldig e-mailadres (bijvoorbeeld naam@example.nl)",
    "[a-z_]": "geen onderdeel van het signaleringsplan (bijvoorbeeld helpt_niet)",
    "https?://": "geen geldig adres: begin met https:// en eindig met '/' "
    "(bijvoorbeeld https://boekjes.example.org/)",
}

BLOCK = "moet een blok met velden zijn (ingesprongen regels met 'sleutel: waarde')."
NOT_A_DATE = "geen geldige datum: schrijf als JJJJ-MM-DD, bijvoorbeeld 2024-06-18."

TYPE_MESSAGES = {
    "missing": "dit verplichte veld ontbreekt.",
    "string_type": "moet tekst zijn.",
    "list_type": "moet een lijst zijn: zet elk onderdeel op een eigen regel die begint met '- '.",
    "dict_type": BLOCK,
    "model_type": BLOCK,
    "model_attributes_type": BLOCK,
    "int_parsing": "moet een geheel getal zijn.",
    "int_type": "moet een geheel getal zijn.",
    "bool_parsing": "moet true of false zijn.",
    "bool_type": "moet true of false zijn.",
    "date_from_datetime_parsing": NOT_A_DATE,
    "date_from_datetime_inexact": "geen geldige datum: schrijf als JJJJ-MM-DD, zonder tijd.",
    "date_parsing": NOT_A_DATE,
    "date_type": NOT_A_DATE,
    "string_too_short": "mag niet leeg zijn; laat het veld weg als er (nog) niets is.",
    "too_short": "mag niet leeg zijn; noem er minstens één.",
    BIDI_ERROR: "bevat een onzichtbaar teken dat de leesrichting omdraait (dat komt soms mee bij "
    "kopiëren en plakken). Typ de tekst hier opnieuw in.",
}


def translate(
    exc: ValidationError, doc: Document, shown: str, root: type[BaseModel] = Groep
) -> list[Problem]:
    """One Dutch Problem per validation error, with the line where the user can fix it.

    `root`: the model `doc` was validated against (a group file, or a block of settings).
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # Pydantic's marker for "the key itself is wrong"; a user may type a key '[key]' too.
        if loc[-1:] == ("[key]",) and error["type"] != "extra_forbidden":
            loc = loc[:-1]
        line = doc.line_of(loc)
        problems.append(Problem(shown, line, dotted(loc), _message(error, loc, root)))
    return problems


def _bounds(loc: tuple[str | int, ...], root: type[BaseModel] = Groep) -> tuple[object, object]:
    """The lowest and highest value the model allows for the field at `loc` (its ge and le)."""
    field = root.model_fields.get(str(loc[-1])) if len(loc) == 1 else None
    limits = {
        name: getattr(m, name)
        for m in (field.metadata if field else [])
        for name in ("ge", "le")
        if hasattr(m, name)
    }
    return limits.get("ge", "?"), limits.get("le", "?")


def _message(error: Any, loc: tuple[str | int, ...], root: type[BaseModel]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(loc, root)
    if kind == "enum":
        return _enum(error, ctx)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint = next((h for key, h in PATTERN_HINTS.items() if key in pattern), "ongeldige waarde")
        return f"{hint}."
    if kind == "too_long":
        return (
            f"te veel: hooguit {ctx.get('max_length')}. Zo groot is geen resourcegroep; kijk of er "
            "iets dubbel of per ongeluk in staat."
        )
    if kind == "string_too_long":
        return f"is te lang (hooguit {ctx.get('max_length')} tekens); maak het korter."
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(loc, root)
        return f"moet tussen {low} en {high} liggen."
    if kind in TYPE_MESSAGES:
        return TYPE_MESSAGES[kind]
    return _other(error)


def _other(error: Any) -> str:
    """Pydantic's own text for a rare error, unless it quotes the value."""
    given = error.get("input")
    text = str(error["msg"])
    if isinstance(given, str | int | float) and str(given) and str(given) in text:
        return "ongeldige waarde; controleer wat hier hoort."
    return f"ongeldige waarde ({text})."


def _enum(error: Any, ctx: dict[str, Any]) -> str:
    options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
    options = [o for o in options if o]
    given = str(error["input"])
    return (
        f"deze waarde kan hier niet; kies uit: {', '.join(options)}.{suggest.tip(given, options)}"
    )


def _unknown_key(loc: tuple[str | int, ...], root: type[BaseModel]) -> str:
    key = str(loc[-1])
    allowed = sorted(_model_at(loc[:-1], root).model_fields)
    guess = suggest.did_you_mean(key, allowed)
    tip = f"Bedoelde je '{guess}'?" if guess else f"Toegestaan: {', '.join(allowed)}."
    return f"onbekend veld '{key}'. {tip}" if is_identifier(key) else f"onbekend veld. {tip}"


def _model_at(loc: tuple[str | int, ...], root: type[BaseModel] = Groep) -> type[BaseModel]:
    """The model class that describes the mapping at `loc` (skipping list indexes and dict keys)."""
    model: type[BaseModel] = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            continue
        inner = _model_in(field.annotation)
        if inner is not None:
            model = inner
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# --- YAML syntax ---------------------------------------------------------------------------------

QUOTE_IT = "zet de hele waarde tussen aanhalingstekens"
YAML_CONTEXTS = {
    "while scanning a simple key": "",
    "while scanning a quoted scalar": "een aanhalingsteken (' of \") wordt niet gesloten",
    "while parsing a flow sequence": "een lijst tussen [ ] is niet goed gesloten; "
    "controleer haakjes en komma's",
    "while parsing a flow mapping": "een blok tussen { } is niet goed gesloten; "
    "controleer haakjes en komma's",
}
"""PyYAML's contexts whose cause is where the construct began (`context_mark`), not where YAML
noticed it; a non-empty text says what is wrong there."""

YAML_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (
            r"mapping values are not allowed here",
            "onverwachte ':'; zet tekst met een dubbele punt tussen aanhalingstekens of "
            "controleer het inspringen",
        ),
        (
            r"could not find expected ':'",
            "verwachtte een ':' na de sleutel; controleer het inspringen",
        ),
        (r"found character '\\t' that cannot start any token", "tab gevonden; gebruik spaties"),
        (
            r"found character .* that cannot start any token",
            f"een waarde begint met een teken dat dat niet mag (zoals @ of `); {QUOTE_IT}",
        ),
        (
            r"expected <block end>, but found '<scalar>'",
            "na een waarde tussen aanhalingstekens staat nog tekst, of het inspringen klopt niet; "
            f"{QUOTE_IT}",
        ),
        (
            r"expected <block end>, but found '(-|<block sequence start>)'",
            "een '- ' springt anders in dan de regels erboven: een lijst staat ingesprongen onder "
            "zijn sleutel, elk onderdeel op een eigen regel",
        ),
        (
            r"expected <block end>, but found",
            "het inspringen klopt niet: deze regel springt anders in dan de regels van hetzelfde "
            "blok erboven; zet hem recht onder de andere velden van dat blok",
        ),
        (
            r"sequence entries are not allowed here",
            "een '- ' staat hier verkeerd: een lijst begint op een nieuwe regel onder de sleutel, "
            "ingesprongen",
        ),
        (r"mapping keys are not allowed here", f"een '?' staat hier verkeerd; {QUOTE_IT}"),
        (
            r"expected ',' or '\]', but got",
            "een lijst tussen [ ] is niet goed gesloten; controleer haakjes en komma's",
        ),
        (
            r"expected ',' or '}', but got",
            "een blok tussen { } is niet goed gesloten; controleer haakjes en komma's",
        ),
        (
            r"invalid indentation or unclosed",
            "het inspringen klopt niet, of een [ of { wordt niet gesloten",
        ),
        (
            r"found unexpected end of stream",
            "het bestand houdt midden in een waarde op; sluit elk aanhalingsteken en haakje",
        ),
        (
            r"found unknown escape character|expected escape sequence",
            "een \\ tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens (')",
        ),
        (
            r"expected a comment or a line break, but found",
            f"na de waarde staat nog iets op dezelfde regel; {QUOTE_IT}",
        ),
        (
            r"single document|another document|document separator|<document start>",
            "een regel met alleen '---' of '...' hoort niet in een groepsbestand; haal hem weg",
        ),
        (
            r"indentation indicator|chomping",
            f"na | of > mag alleen een cijfer (1 tot 9), + of - staan; {QUOTE_IT}",
        ),
        (
            r"tag|directive|YAML document|expected '!'|expected URI|expected a digit|"
            r"expected alphabetic or numeric|expected ' ', but found|expected '>'",
            f"een waarde of regel begint met !, %, & of *; {QUOTE_IT}",
        ),
        (
            r"but found '<stream end>'",
            "het bestand houdt op terwijl een [ of { nog open staat; sluit hem met ] of }",
        ),
        (r"expected the node content", f"hier hoort een waarde; {QUOTE_IT}"),
    )
)
"""PyYAML's problem texts in Dutch. The texts quote the file (`but found 'x'`), so only the table's
own words are ever shown; a problem not in the table gets `YAML_DEFAULT`."""

YAML_DEFAULT = "controleer het inspringen en de aanhalingstekens"


def yaml_hint(problem: str | None, context: str | None) -> str:
    """What PyYAML's syntax error means, in Dutch, without a character of the file."""
    started = YAML_CONTEXTS.get(context or "")
    if started:
        return started
    text = (problem or "").strip()
    found = (dutch for pattern, dutch in YAML_PROBLEMS if pattern.search(text))
    return next(found, YAML_DEFAULT)
