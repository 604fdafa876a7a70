"""Every setting a user types, as typed models: one definition for MkDocs and the command line.

The plugin's options in mkdocs.yml (`Settings`), the organisation's public details (`extra.organisatie`
and `extra.crisislijn` in mkdocs.yml, or the same blocks in the werkmap's `instellingen.yml`) and the
werkmap's own settings. Unknown keys are errors; phone numbers and e-mail addresses share the group
format's types (`model.py`). Reading them from a file, with line numbers: `settings_file.py`.
Plain Python (no MkDocs import), so the command line can read a project without loading MkDocs.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from resourceboek.groupfile.model import Email, Phone, ShortText

BASE_URL_PATTERN = r"^https?://[^\s/?#]+(/[^\s?#]*)?/$"
"""An http(s) address that ends in `/` (the booklets' links are made by adding to it)."""


def _blank_is_unset(value: Any) -> Any:
    """`naam: ""` (as mkdocs.yml ships it) means: not set."""
    return None if isinstance(value, str) and not value.strip() else value


def _empty_block(value: Any) -> Any:
    """A block whose lines are all commented out (`organisatie:`) is an empty block."""
    return {} if value is None else value


Unset = BeforeValidator(_blank_is_unset)
BaseUrl = Annotated[str, StringConstraints(pattern=BASE_URL_PATTERN)]


class SettingsModel(BaseModel):
    """A block of settings: unknown keys are errors; a number typed for a text stays text."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        use_attribute_docstrings=True,
    )


class Settings(SettingsModel):
    """The `resourceboek` plugin's options in mkdocs.yml, with their defaults."""

    groups_dir: str = "groups"
    """Folder with the group files (keep real ones outside the repository)."""
    passwords_file: str = "wachtwoorden.yml"
    """YAML file `<group id>: <password>`; never commit a real one."""
    site_root: str = "site"
    """Where `resourceboek build` writes `handboek/` and `boekjes/<token>/`."""
    state_dir: str = ".resourceboek"
    """Tokens and the build cache (no plaintext of a group file or password)."""
    templates_dir: str = "themes/sjablonen"
    """An organisation's own versions of the booklet templates (found before the defaults)."""
    booklet_theme_dir: str = "themes/boekje"
    """Material overrides for booklet pages (custom_dir of a booklet build)."""
    booklet_pdf_theme_dir: str = "themes/pdf-boekje"
    """The booklet PDF's cover (`cover.html`) and print stylesheet (`styles.scss`)."""
    examples_dir: str = "voorbeelden"
    """The fictional example groups shown in bijlage 4 (one per variant), inside `docs_dir`."""
    pdf: bool = True
    """Make the PDFs (handbook and booklets)."""
    werkmap: str = ""
    """The coordinator's private folder (`resourceboek init`); the command line finds it here."""
    base_url: Annotated[BaseUrl | None, Unset] = None
    """Where the booklets are published (ends in `/`): the links in `status` and `handout`."""


DEFAULTS: dict[str, Any] = {name: f.default for name, f in Settings.model_fields.items()}
"""The options' defaults by name."""


class Organisatie(SettingsModel):
    """The organisation that publishes the handbook and the booklets; each detail may be left out."""

    naam: Annotated[ShortText | None, Unset] = None
    """The organisation's name, e.g. GGZ Voorbeeld."""
    team: Annotated[ShortText | None, Unset] = None
    """The team (or the regieondersteuner) clients can turn to."""
    email: Annotated[Email | None, Unset] = None
    """The team's e-mail address."""
    telefoon: Annotated[Phone | None, Unset] = None
    """The team's phone number."""

    def over(self, base: Organisatie) -> Organisatie:
        """These details, and `base`'s where these leave one out."""
        return base.model_copy(update=self.model_dump(exclude_none=True))


class Crisislijn(SettingsModel):
    """The crisis line on every booklet and pocket card; `Crisislijn()` is 113's."""

    naam: ShortText = "113 Zelfmoordpreventie"
    telefoon: Phone = "0800-0113"
    uitleg: str = "gratis, dag en nacht"


class EigenCrisislijn(Crisislijn):
    """An organisation's own crisis line as typed: name and number; no explanation unless given."""

    naam: ShortText
    """The line's name, e.g. Crisisdienst GGZ Voorbeeld."""
    telefoon: Phone
    """Its number; only a valid number becomes a call button."""
    uitleg: str = ""
    """A few words after the number, e.g. "dag en nacht"."""


class OrganisationSettings(SettingsModel):
    """The organisation's public details: on the lock page, the handout, the folder and the cards."""

    organisatie: Annotated[Organisatie, BeforeValidator(_empty_block)] = Field(
        default_factory=Organisatie
    )
    crisislijn: EigenCrisislijn | None = None
    crisisdienst: EigenCrisislijn | None = None
    """The organisation's crisis service (e.g. via the huisartsenpost after office hours): on the
    crisis card after the plan's own contacts, before the crisis line and 112."""
    huisartsenpost: EigenCrisislijn | None = None
    """The huisartsenpost of the region: evenings, nights and weekends."""

    @property
    def line(self) -> Crisislijn:
        """The crisis line to show: the organisation's own, or 113's."""
        return self.crisislijn or Crisislijn()

    @property
    def services(self) -> tuple[Crisislijn, ...]:
        """The organisation's crisis route before the crisis line: crisisdienst, huisartsenpost."""
        return tuple(s for s in (self.crisisdienst, self.huisartsenpost) if s is not None)

    def over(self, base: OrganisationSettings) -> OrganisationSettings:
        """These details over `base`'s: field by field for the organisation, whole for a line."""
        return OrganisationSettings(
            organisatie=self.organisatie.over(base.organisatie),
            crisislijn=self.crisislijn or base.crisislijn,
            crisisdienst=self.crisisdienst or base.crisisdienst,
            huisartsenpost=self.huisartsenpost or base.huisartsenpost,
        )


class WerkmapSettings(OrganisationSettings):
    """The werkmap's `instellingen.yml`: the booklets' address, and the organisation's details
    (these win over mkdocs.yml's, so a coordinator never edits the tracked mkdocs.yml)."""

    base_url: Annotated[BaseUrl | None, Unset] = None
    """Where the booklets are published (ends in `/`); wins over mkdocs.yml's."""
