"""Synthetic, realistic group files (seeded, so the same every time): the benchmark's input and a
factory for tests (`make_group`, `group_yaml`)."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from . import TODAY
from .words import (
    CITY_CODES,
    CLIENTS,
    CLOSE,
    DAYS,
    FAMILY,
    FIRST_NAMES,
    LOCATIONS,
    LONG_GOALS,
    ORGANISATIONS,
    OTHER_PROS,
    REPORTS,
    SENTENCES,
    SHORT_GOALS,
    SIGNALS,
    START_TIMES,
    SURNAMES,
)


class _NoAliasDumper(yaml.SafeDumper):
    """The group reader refuses anchors and aliases, so never write any."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = "".join(ch if ch.isalnum() else " " for ch in ascii_text).split()
    return "-".join(parts) or "persoon"


def _sentences(
    rng: random.Random, low: int, high: int, names: list[str], bank: list[str], **extra: str
) -> str:
    picked = rng.sample(bank, rng.randint(low, high))
    return " ".join(
        s.format(
            n1=rng.choice(names),
            n2=rng.choice(names),
            dag=rng.choice(DAYS),
            tijd=rng.choice(["9", "10", "11", "14", "16"]),
            **extra,
        )
        for s in picked
    )


def _phone(rng: random.Random, mobile: bool) -> str:
    if mobile:
        return f"06 {rng.randint(10_000_000, 99_999_999)}"
    code = rng.choice(CITY_CODES)
    return f"{code} {rng.randint(10 ** (9 - len(code)), 10 ** (10 - len(code)) - 1)}"


class _People:
    """The `personen` of one group as they are added, with unique keys and first names."""

    def __init__(self, rng: random.Random, client: str) -> None:
        self.rng = rng
        self.personen: dict[str, dict[str, str]] = {}
        self.used_first: set[str] = {client}

    def _name(self, soort: str) -> str:
        rng = self.rng
        first = rng.choice([n for n in FIRST_NAMES if n not in self.used_first])
        self.used_first.add(first)
        if soort != "professional" or rng.random() < 0.6:
            return first
        return f"{first} {rng.choice(SURNAMES)}"

    def _key(self, naam: str, soort: str) -> str:
        key = _slug(naam.split()[0] if soort != "professional" else naam)
        base, i = key, 2
        while key in self.personen or key in ("client", "resourcegroep"):
            key, i = f"{base}-{i}", i + 1
        return key

    def add(self, relatie: str, soort: str, naam: str | None = None, org: bool = False) -> str:
        """Add a person; return their key."""
        rng = self.rng
        naam = naam if naam is not None else self._name(soort)
        key = self._key(naam, soort)
        person: dict[str, str] = {"naam": naam, "relatie": relatie, "soort": soort}
        if rng.random() < 0.9:
            person["telefoon"] = _phone(rng, mobile=soort != "professional" or rng.random() < 0.4)
        if rng.random() < 0.7:
            person["email"] = f"{key.replace('-', '.')}@example.org"
        if org:
            person["organisatie"] = rng.choice(ORGANISATIONS)
        self.personen[key] = person
        return key


def _roles(people: _People, variant: str, total: int) -> dict[str, str]:
    """The professionals the roles need, as people, and the roles they hold."""
    rng = people.rng
    regie = people.add("regieondersteuner", "professional", org=True)
    clinician = people.add(
        "psychiater",
        "professional",
        naam=f"dr. {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(SURNAMES)}",
        org=True,
    )
    rollen: dict[str, str] = {"regieondersteuner": regie}
    rollen["zorgverantwoordelijke" if variant == "volwassenen" else "regiebehandelaar"] = clinician
    if len(people.personen) < total and rng.random() < 0.7:
        rollen["ervaringsdeskundige"] = people.add("ervaringsdeskundige", "professional")
    if len(people.personen) < total and rng.random() < 0.6:
        practice = rng.choice(["De Linde", "Het Anker", "Oost", "De Brink"])
        rollen["huisarts"] = people.add(
            "huisarts", "professional", naam=f"Huisartsenpraktijk {practice}"
        )
    return rollen


def _family(people: _People, total: int) -> list[str]:
    """Family and friends (and a few other professionals) up to `total` people."""
    rng, family = people.rng, []
    while len(people.personen) < total:
        roll = rng.random()
        if roll < 0.45:
            family.append(people.add(rng.choice(FAMILY), "familie"))
        elif roll < 0.8:
            family.append(people.add(rng.choice(CLOSE), "naaste"))
        else:
            people.add(rng.choice(OTHER_PROS), "professional", org=rng.random() < 0.5)
    return family


def _circles(
    rng: random.Random, keys: list[str], rollen: dict[str, str], family: list[str], clinician: str
) -> tuple[list[str], list[str], list[str]]:
    """Deelnemers, uitnodigen and belangrijke_anderen."""
    regie = rollen["regieondersteuner"]
    others = [k for k in keys if k not in (clinician, rollen.get("huisarts"))]
    deelnemers = [regie] + rng.sample(
        [k for k in others if k != regie], min(len(others) - 1, rng.randint(2, 5))
    )
    rest = [k for k in keys if k not in deelnemers]
    uitnodigen = rng.sample(rest, min(len(rest), rng.randint(0, 4)))
    candidates = [k for k in family if k not in deelnemers]
    belangrijk = rng.sample(candidates, min(len(candidates), rng.randint(0, 2)))
    return deelnemers, uitnodigen, belangrijk


def _short_goals(rng: random.Random, names: list[str]) -> list[dict[str, str]]:
    def answer() -> str:
        return _sentences(rng, 1, 4, names, SENTENCES)

    return [
        {
            "doel": goal,
            "hoe_is_het_nu": answer(),
            "wat_gaat_goed": answer(),
            "wat_is_nodig": answer(),
            "wie_gaat_wat_doen": answer(),
            "hoe_is_te_zien": answer(),
            "status": rng.choice(["nieuw", "loopt", "loopt", "bereikt", "bijgesteld"]),
        }
        for goal in rng.sample(SHORT_GOALS, rng.randint(1, 3))
    ]


def _signaleringsplan(rng: random.Random, keys: list[str]) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = {}
    for field_name, bank in SIGNALS.items():
        plan[field_name] = rng.sample(bank, rng.randint(1, min(5, len(bank))))
        if field_name == "signalen":
            crisis = ["resourcegroep"] + rng.sample(keys, rng.randint(0, min(4, len(keys))))
            plan["contact_bij_crisis"] = crisis
    return plan


def _meeting_dates(rng: random.Random) -> tuple[dt.date, list[dt.date]]:
    """The start date and 1-6 meetings about three months apart (84-98 days: within the method's
    guideline), ending around today: the past ones get a report, a planned one does not yet."""
    count = rng.randint(1, 6)
    gaps = [rng.randint(84, 98) for _ in range(count - 1)]
    last = TODAY + dt.timedelta(days=rng.randint(-60, 50))
    first = last - dt.timedelta(days=sum(gaps))
    startdatum = first - dt.timedelta(days=rng.randint(14, 60))
    dates = [first]
    for gap in gaps:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    return startdatum, dates


def _meeting(rng: random.Random, i: int, datum: dt.date, context: dict[str, Any]) -> dict[str, Any]:
    """One meeting; `context` holds the group's names, client, themes and invitees."""
    names, client = context["names"], context["client"]
    begin = rng.choice(START_TIMES)
    hour, minute = map(int, begin.split(":"))
    end_minutes = hour * 60 + minute + rng.choice([45, 60, 60])
    meeting: dict[str, Any] = {
        "datum": datum,
        "begintijd": begin,
        "eindtijd": f"{end_minutes // 60:02d}:{end_minutes % 60:02d}",
        "locatie": rng.choice(LOCATIONS).format(
            n1=rng.choice(names), client=client, org=rng.choice(ORGANISATIONS)
        ),
    }
    if i == 0:
        meeting["soort"] = "start"
    elif rng.random() < 0.35:
        meeting["soort"], meeting["thema"] = "thema", rng.choice(context["themas"])
    else:
        meeting["soort"] = "vervolg"
    meeting["voorzitter"] = "client"
    invitees = context["uitnodigen"]
    if invitees and rng.random() < 0.5:
        meeting["uitgenodigd"] = rng.sample(invitees, rng.randint(1, min(2, len(invitees))))
    if datum < TODAY:
        meeting["verslag"] = _sentences(rng, 2, 5, names, REPORTS, client=client)
    return meeting


def make_group(index: int, seed: int) -> dict[str, Any]:
    """One realistic group as plain data (the content of a group file); group `index` is stable."""
    from resourceboek.groupfile import (
        methode,  # only here: the benchmark snapshots the package first
    )

    rng = random.Random(f"{seed}-{index}")
    variant = "volwassenen" if index % 2 == 0 else "jongeren"
    client = rng.choice(CLIENTS)
    people = _People(rng, client)
    total = rng.randint(4, 12)
    rollen = _roles(people, variant, total)
    family = _family(people, total)
    keys = list(people.personen)
    clinician = rollen.get("zorgverantwoordelijke") or rollen["regiebehandelaar"]
    rollen["voorzitter"] = "client"
    if family:
        rollen["procesbewaker"] = rng.choice(family)
        rollen["notulist"] = rng.choice(family)
    deelnemers, uitnodigen, belangrijk = _circles(rng, keys, rollen, family, clinician)
    names = [people.personen[k]["naam"] for k in deelnemers] or [client]
    goals = _short_goals(rng, names)
    plan = _signaleringsplan(rng, keys)
    theme_ids = [t.id for t in methode.themas().for_variant(variant)]
    themas = rng.sample(theme_ids, rng.randint(1, 3))
    startdatum, dates = _meeting_dates(rng)
    context = {"names": names, "client": client, "themas": themas, "uitnodigen": uitnodigen}
    meetings = [_meeting(rng, i, datum, context) for i, datum in enumerate(dates)]
    if meetings and clinician not in deelnemers:  # the method: the clinician is at the start
        meetings[0]["uitgenodigd"] = list(
            dict.fromkeys([*meetings[0].get("uitgenodigd", []), clinician])
        )
    groepsnaam = rng.choice([f"de groep van {client}", f"Team {client}", f"Resourcegroep {client}"])
    return {
        "variant": variant,
        "client": client,
        "groepsnaam": groepsnaam,
        "fase": rng.randint(2, 6),
        "startdatum": startdatum,
        "personen": people.personen,
        "rollen": rollen,
        "deelnemers": deelnemers,
        "uitnodigen": uitnodigen,
        "belangrijke_anderen": belangrijk,
        "langetermijndoelen": rng.sample(LONG_GOALS, rng.randint(0, 2)),
        "kortetermijndoelen": goals,
        "signaleringsplan": plan,
        "themas": themas,
        "bijeenkomsten": meetings,
    }


def group_yaml(groep: dict[str, Any]) -> str:
    body = yaml.dump(groep, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)
    return (
        "# yaml-language-server: $schema=../plugins/resourceboek/schema/groep.schema.json\n"
        "# Synthetische groep voor benchmarks/build.py (verzonnen gegevens).\n\n" + body
    )


def passphrase(rng: random.Random, client: str, taken: set[str]) -> str:
    """A passphrase like `resourceboek password` makes, but seeded (reproducible)."""
    from resourceboek.protection.protect import password_problems
    from resourceboek.protection.secrets_store import passphrase_words, word_list

    words = word_list()
    while True:
        candidate = "-".join(rng.choice(words) for _ in range(passphrase_words()))
        if candidate not in taken and not password_problems(candidate, client):
            taken.add(candidate)
            return candidate


def generate(folder: Path, n: int, seed: int) -> dict[str, Any]:
    """N group files and a passwords file in `folder`; validated with the project's own loader."""
    from resourceboek.groupfile.load import load_groups
    from resourceboek.groupfile.problems import GroupFileError, format_problems

    groups_dir = folder / "groups"
    groups_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-passwords")
    taken: set[str] = set()
    passwords: dict[str, str] = {}
    sizes = []
    for i in range(n):
        gid = f"groep-{i + 1:04d}"
        groep = make_group(i, seed)
        text = group_yaml(groep)
        (groups_dir / f"{gid}.yml").write_text(text, encoding="utf-8")
        passwords[gid] = passphrase(rng, groep["client"], taken)
        sizes.append(len(text.encode("utf-8")))
    pw_file = folder / "wachtwoorden.yml"
    fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        yaml.safe_dump(passwords, out, allow_unicode=True)
    try:
        loaded = load_groups([groups_dir])
    except GroupFileError as exc:
        raise SystemExit(
            f"Generated groups do not load:\n{format_problems(exc.problems)}"
        ) from None
    from resourceboek.pages.render import make_environment, render_booklet

    for group in loaded[:2]:  # fail early if the templates and the code do not fit together
        render_booklet(group.groep, TODAY, make_environment())
    warnings = [w for g in loaded for w in g.warnings]
    if warnings:
        print(
            f"  note: {len(warnings)} guideline warning(s) in generated groups:\n"
            + format_problems(warnings[:5]),
            file=sys.stderr,
        )
    return {
        "groups_dir": str(groups_dir),
        "passwords": str(pw_file),
        "ids": [g.id for g in loaded],
        "warnings": len(warnings),
        "yaml_bytes_median": statistics.median(sizes) if sizes else 0,
        "variants": {
            v: sum(g.groep.variant.value == v for g in loaded) for v in ("volwassenen", "jongeren")
        },
    }


def changed_text(path: Path, stamp: str) -> str:
    """The group file with one realistic edit: a sentence added to the first goal's progress."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    goal = data["kortetermijndoelen"][0]
    goal["wat_gaat_goed"] = f"{goal['wat_gaat_goed']} Nieuw sinds de laatste bijeenkomst ({stamp})."
    return group_yaml(data)
