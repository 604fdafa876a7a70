"""Benchmark of the whole-site build (`resourceboek build`) against plain MkDocs + Material.

Run from a fresh clone, after the virtual environment exists (`make install`), with ONE command:

    make bench

(the defaults: --sizes 50,200,400 --runs 3 --pdf-size 200 --pdf-runs 3; about 45 minutes on 2 cores)

(`make bench` creates the virtual environment first, then runs `benchmarks/build.py`.)

Quick check on a small machine:

    .venv/bin/python benchmarks/build.py --sizes 20,50 --runs 1 --pdf-size 20 --pdf-runs 1

Add --max-minutes M to start no new measurement after M minutes (the table shows what completed),
--profile for a cProfile of one booklet build and one reference build.

What it does, everything in a temporary folder (removed at the end unless --keep):

1. Generates N synthetic, realistic group files (seeded, so the same every time; the variants
   alternate) plus a passwords file, and checks that they load without errors or warnings.
2. Times, as medians over --runs runs, each run in a fresh process with a fresh site/state folder:
   the full build without PDFs (handbook + N booklets), a rebuild with nothing changed, a rebuild
   after one group file changed, and a rebuild of all N booklets with the handbook carried over
   (booklets only). The handbook alone is timed as a build with 0 groups. For --pdf-size groups
   (0 skips it), --pdf-runs times (median): the full build with PDFs, a rebuild with nothing
   changed and a rebuild after one changed group including its PDF. Peak memory is the max RSS of the measuring process and of its largest child (the pool's
   worker processes). Booklet folder sizes are measured with and without the PDF.
3. The reference: the same booklet pages as ordinary Markdown files, one plain MkDocs + Material
   project per group (same theme settings, plugin `search` on, the handbook's markdown_extensions),
   built one after another in ONE Python process with `mkdocs.commands.build.build`.
4. Prints a Markdown table with the targets and whether each is met.

Each measurement runs in a child process of this script (`--probe`, internal), so that memory
figures and timings of one measurement do not leak into the next. The project as it is when the
benchmark starts (mkdocs.yml, content/, themes/ and the package plugins/resourceboek/) is copied
into the temporary folder and used from there (the copy of the package comes first on PYTHONPATH),
so that editing the working tree while the benchmark runs cannot change the code or invalidate the
build cache half-way; the report still flags a "nothing changed" rebuild that built anything.
Besides wall-clock time each step records CPU time (the process plus its workers), which a busy
machine distorts much less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
TODAY = dt.date(2026, 11, 23)
"""Fixed 'today' of every build, so that past/upcoming meetings do not depend on the calendar."""
DEFAULT_SEED = 20261123
GIB = 1024**3
MB = 1_000_000

# --------------------------------------------------------------------------------------------
# Quiet logging
# --------------------------------------------------------------------------------------------


def quiet_logging() -> None:
    """Only errors: MkDocs' INFO lines and WeasyPrint's CSS notes would drown the table."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    for name in ("weasyprint", "fontTools", "PIL", "mkdocs_to_pdf", "pikepdf"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # booklet.py sets the "mkdocs" logger back to WARNING inside each worker; a root handler that
    # only lets errors through keeps those warnings off the terminal (and stops Python's
    # last-resort handler from printing them).
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.ERROR)
    logging.getLogger().addHandler(handler)


# --------------------------------------------------------------------------------------------
# Synthetic groups
# --------------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Mieke",
    "Rachid",
    "Harry",
    "Joost",
    "Jetske",
    "Ingrid",
    "Bas",
    "Noor",
    "Fenna",
    "Yusuf",
    "Lotte",
    "Henk",
    "Anouk",
    "Sanne",
    "Daan",
    "Fatima",
    "Mohamed",
    "Mehmet",
    "Eline",
    "Bram",
    "Joris",
    "Iris",
    "Ruben",
    "Priya",
    "Kees",
    "Ans",
    "Wim",
    "Gerda",
    "Ria",
    "Sevda",
    "Thijs",
    "Maaike",
    "Jeroen",
    "Hanneke",
    "Karim",
    "Esra",
    "Niels",
    "Marloes",
    "Dewi",
    "Stijn",
    "Zoë",
    "Floor",
    "Gijs",
    "Naima",
    "Pim",
    "Roos",
    "Sem",
    "Tessa",
    "Vincent",
    "Wouter",
    "Yara",
    "Lars",
    "Ilse",
    "Koen",
    "Mila",
    "Ömer",
    "Sophie",
    "Tim",
    "Esther",
    "Hatice",
    "Luuk",
    "Aukje",
]
SURNAMES = [
    "de Boer",
    "Jansen",
    "de Vries",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kramer",
    "van der Linden",
    "Verhoeven",
    "Postma",
]
CLIENTS = [
    "Teun",
    "Sam",
    "Jesse",
    "Robin",
    "Lieke",
    "Kevin",
    "Demi",
    "Jamal",
    "Merel",
    "Sander",
    "Nadia",
    "Tobias",
    "Saskia",
    "Milan",
    "Ayoub",
    "Femke",
    "Rik",
    "Chantal",
    "Dylan",
    "Lisa",
    "Bilal",
    "Kim",
    "Oscar",
    "Nina",
    "Mustafa",
    "Els",
    "Ricardo",
    "Amber",
    "Hugo",
    "Laura",
]
FAMILY = [
    "moeder",
    "vader",
    "zus",
    "broer",
    "tante",
    "oom",
    "opa",
    "oma",
    "nicht",
    "neef",
    "stiefvader",
    "schoonzus",
]
CLOSE = [
    "vriend",
    "vriendin",
    "beste vriend",
    "buurman",
    "buurvrouw",
    "collega",
    "teamgenoot bij het voetbal",
    "vrijwilliger bij de kerk",
    "maatje van het buddyproject",
]
OTHER_PROS = [
    "woonbegeleider",
    "jobcoach",
    "mentor op school",
    "maatschappelijk werker",
    "wijkverpleegkundige",
    "trainer bij de sportschool",
    "schuldhulpverlener",
    "begeleider dagbesteding",
]
ORGANISATIONS = [
    "FACT-team Noord",
    "Jeugd-ggz Oost",
    "GGZ Voorbeeld",
    "Wijkteam Centrum",
    "Stichting Beschermd Wonen",
    "Leerwerkbedrijf De Brug",
    "FACT-team Zuid",
]
CITY_CODES = ["010", "020", "030", "0318", "050", "073", "088"]

SENTENCES = [
    "Ik merk dat het me meer energie kost dan ik had gedacht.",
    "{n1} helpt me om een vaste dagindeling te maken.",
    "Op maandag en donderdag lukt het meestal goed.",
    "Als ik te veel tegelijk wil, raak ik het overzicht kwijt.",
    "We spreken af dat {n1} elke {dag} even belt.",
    "Ik wil dit graag zelf blijven doen, met een beetje steun.",
    "Het helpt als iemand met me meedenkt zonder het over te nemen.",
    "{n1} en {n2} wisselen elkaar af.",
    "Ik schrijf op een briefje wat ik die week wil doen.",
    "De afgelopen weken ging het wisselend.",
    "Soms zie ik er erg tegenop, maar achteraf ben ik blij dat ik het gedaan heb.",
    "Ik vraag {n1} om me eraan te herinneren.",
    "We kijken over zes weken samen of het werkt.",
    "Ik heb daar al een keer over gesproken met {n1}.",
    "Het geeft rust als de afspraken op papier staan.",
    "Ik wil niet dat anderen het voor mij regelen.",
    "Met kleine stapjes lukt het beter dan met grote plannen.",
    "{n1} kent de weg bij de gemeente en gaat mee naar het gesprek.",
    "In het weekend is er minder structuur en dat merk ik.",
    "Ik ben trots op wat al gelukt is.",
    "Rond {tijd} uur ben ik het meest helder.",
    "Geld en post blijven lastig; daar wil ik hulp bij.",
    "We zoeken samen uit welke mogelijkheden er in de buurt zijn.",
    "Ik houd een schriftje bij zodat ik kan terugzien hoe het gaat.",
    "Als het niet lukt, is dat geen ramp: dan proberen we iets anders.",
    "{n1} merkt het vaak eerder dan ik als het minder gaat.",
    "Ik heb een lijstje gemaakt met dingen die me ontspannen.",
    "We bespreken dit de volgende bijeenkomst opnieuw.",
    "Ik ga elke {dag} met {n1} boodschappen doen.",
    "Het lukt beter sinds ik 's avonds op tijd naar bed ga.",
    "{n2} gaat de eerste keer mee, daarna probeer ik het alleen.",
    "Ik wil eerst rustig kennismaken voordat ik ergens aan begin.",
    "De wachtlijst is lang, dus we zoeken ook naar iets tijdelijks.",
    "Ik vind het fijn als {n1} een berichtje stuurt in plaats van belt.",
    "Eén keer per week is genoeg; vaker wordt te veel.",
    "Ik merk dat bewegen me helpt om helder te blijven.",
]
SHORT_GOALS = [
    "ik wil ondersteuning bij de huishouding.",
    "ik wil weer elke dag naar school.",
    "ik wil een bijbaantje vinden.",
    "ik wil beter slapen.",
    "ik wil gaan sporten.",
    "ik wil mijn post en rekeningen bijhouden.",
    "ik wil twee dagdelen vrijwilligerswerk doen.",
    "ik wil vaker afspreken met vrienden.",
    "ik wil leren koken voor mezelf.",
    "ik wil mijn medicatie zelf op tijd innemen.",
    "ik wil een cursus volgen.",
    "ik wil minder blowen.",
    "ik wil mijn rijlessen weer oppakken.",
    "ik wil een vaste dagstructuur hebben.",
    "ik wil mijn schulden op een rij krijgen.",
    "ik wil weer contact met mijn vader.",
    "ik wil op tijd opstaan.",
    "ik wil een hobby oppakken (tekenen).",
    "ik wil zelfstandig met de bus reizen.",
]
LONG_GOALS = [
    "op mezelf wonen, in een studio in de stad",
    "mijn mbo-diploma halen",
    "betaald werk hebben, minstens drie dagen per week",
    "mijn rijbewijs gehaald hebben",
    "een relatie hebben",
    "een hobby ontwikkeld hebben (schilderen)",
    "schuldenvrij zijn",
    "weer goed contact hebben met mijn familie",
    "een opleiding in de zorg volgen",
    "lid zijn van een sportvereniging",
    "zonder ambulante begeleiding kunnen wonen",
    "mijn eigen huisdier kunnen verzorgen",
]
SIGNALS = {
    "signalen": [
        "Ik word stil en trek mij terug",
        "Ik slaap slecht of juist heel veel",
        "Ik reageer niet meer op berichten",
        "Ik ga minder eten",
        "Ik raak snel geïrriteerd",
        "Meer last van stemmen",
        "Ik blijf de hele dag op mijn kamer",
        "Ik zeg afspraken af",
        "Ik ga 's nachts gamen",
        "Ik verwaarloos mijn huis",
    ],
    "helpt": [
        "Liggen op bed (niet slapen)",
        "Muziek luisteren",
        "Wandelen in het park",
        "Samen een stuk lopen met de hond",
        "Een kop thee met iemand die ik vertrouw",
        "Tekenen",
        "Een vaste structuur voor de dag",
        "Even naar buiten, de frisse lucht in",
    ],
    "overnemen": [
        "Boodschappen doen",
        "Afspraken afzeggen als ik dat zelf niet kan",
        "De post openen en bewaren",
        "De kat eten geven",
        "Mijn werk laten weten dat ik ziek ben",
        "Koken, een paar dagen",
        "Niets, en vooral niets achter mijn rug om doen",
    ],
    "helpt_niet": [
        "Boos worden of preken",
        "Steeds vragen hoe het gaat",
        "Mij aansporen iets te gaan doen",
        "Drukke verjaardagen",
        "Mijn telefoon afpakken zonder uitleg",
        "Blijven zitten in een rumoerige omgeving",
        "Over mij praten waar ik bij ben",
    ],
    "beter_zien": [
        "Ik kom weer beneden eten",
        "Ik maak weer grapjes",
        "Ik maak uit mezelf een praatje",
        "Ik houd mijn afspraken weer",
        "Ik ruim mijn kamer op",
        "Ik ga weer naar mijn werk",
        "Ik bel zelf weer mensen op",
    ],
    "verblijfplaats": [
        "Bij mijn moeder thuis",
        "Bij mijn zus",
        "Bij opa en oma",
        "Bij een vriend",
        "In een logeerhuis",
        "Bij mijn tante in het dorp",
    ],
    "opname": [
        "Niet",
        "Liever niet; als het moet in de eigen regio",
        "In de kliniek waar ik eerder was",
        "Op een afdeling waar bezoek welkom is",
        "Het liefst een korte opname",
    ],
    "medicatie_helpt": [
        "Artane bij bewegingsdrang",
        "Melatonine om in slaap te komen",
        "Oxazepam, alleen bij veel onrust",
        "Mijn gewone medicatie op tijd",
        "Een lage dosis quetiapine voor de nacht",
    ],
    "medicatie_weigeren": [
        "Haldol, daar reageer ik niet goed op",
        "Geen middelen waar ik suf van word",
        "Geen depot zonder overleg",
        "Lorazepam",
        "Niets zonder dat mijn psychiater is gebeld",
    ],
    "andere_behandelingen": [
        "Muziek luisteren",
        "Naar familie toe",
        "Wandelen en/of fietsen",
        "Schilderen",
        "Hardlopen",
        "Praten met de ervaringsdeskundige",
        "Yoga",
        "Tuinieren",
    ],
}
REPORTS = [
    "De groep heeft de doelen van {client} doorgenomen.",
    "{n1} vertelde hoe het de afgelopen maanden ging.",
    "Afspraak: {n1} zoekt uit welke mogelijkheden er zijn.",
    "Het signaleringsplan is aangevuld.",
    "Iedereen heeft zich voorgesteld en we hebben afspraken gemaakt over vertrouwelijkheid.",
    "{client} is tevreden over de voortgang van het eerste doel.",
    "{n2} gaat mee naar het volgende gesprek.",
    "Het tweede doel is bijgesteld: het was te groot.",
    "{client} koos zelf wie de volgende keer uitgenodigd wordt.",
    "We hebben geoefend met het geven van feedback.",
    "De regieondersteuner legde uit hoe de fasen van de methodiek verlopen.",
    "Volgende keer komt {n1} er ook bij.",
]
LOCATIONS = [
    "bij {n1} thuis",
    "bij {client} thuis",
    "buurthuis De Kern, zaal 2",
    "{org}, kamer 1.12",
    "bibliotheek, zaaltje achter",
    "wijkcentrum De Horst",
]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
START_TIMES = ["10:00", "13:30", "14:30", "16:00", "19:00", "19:30"]


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


def make_group(index: int, seed: int) -> dict[str, Any]:
    """One realistic group as plain data (the content of a group file); group `index` is stable."""
    rng = random.Random(f"{seed}-{index}")
    variant = "volwassenen" if index % 2 == 0 else "jongeren"
    client = rng.choice(CLIENTS)
    personen: dict[str, dict[str, str]] = {}
    used_first: set[str] = {client}

    def add(relatie: str, soort: str, naam: str | None = None, org: bool = False) -> str:
        if naam is None:
            first = rng.choice([n for n in FIRST_NAMES if n not in used_first])
            used_first.add(first)
            naam = (
                first
                if soort != "professional" or rng.random() < 0.6
                else (f"{first} {rng.choice(SURNAMES)}")
            )
        key = _slug(naam.split()[0] if soort != "professional" else naam)
        base, i = key, 2
        while key in personen or key in ("client", "resourcegroep"):
            key, i = f"{base}-{i}", i + 1
        person: dict[str, str] = {"naam": naam, "relatie": relatie, "soort": soort}
        if rng.random() < 0.9:
            person["telefoon"] = _phone(rng, mobile=soort != "professional" or rng.random() < 0.4)
        if rng.random() < 0.7:
            person["email"] = f"{key.replace('-', '.')}@example.org"
        if org:
            person["organisatie"] = rng.choice(ORGANISATIONS)
        personen[key] = person
        return key

    # The professionals the roles need, then family and friends up to 4-12 people.
    total = rng.randint(4, 12)
    regie = add("regieondersteuner", "professional", org=True)
    clinician = add(
        "psychiater",
        "professional",
        naam=f"dr. {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(SURNAMES)}",
        org=True,
    )
    rollen: dict[str, str] = {"regieondersteuner": regie}
    rollen["zorgverantwoordelijke" if variant == "volwassenen" else "regiebehandelaar"] = clinician
    if len(personen) < total and rng.random() < 0.7:
        rollen["ervaringsdeskundige"] = add("ervaringsdeskundige", "professional")
    if len(personen) < total and rng.random() < 0.6:
        rollen["huisarts"] = add(
            "huisarts",
            "professional",
            naam=f"Huisartsenpraktijk {rng.choice(['De Linde', 'Het Anker', 'Oost', 'De Brink'])}",
        )
    family: list[str] = []
    while len(personen) < total:
        roll = rng.random()
        if roll < 0.45:
            family.append(add(rng.choice(FAMILY), "familie"))
        elif roll < 0.8:
            family.append(add(rng.choice(CLOSE), "naaste"))
        else:
            add(rng.choice(OTHER_PROS), "professional", org=rng.random() < 0.5)
    keys = list(personen)
    others = [k for k in keys if k not in (clinician, rollen.get("huisarts"))]
    rollen["voorzitter"] = "client"
    if family:
        rollen["procesbewaker"] = rng.choice(family)
        rollen["notulist"] = rng.choice(family)
    deelnemers = [regie] + rng.sample(
        [k for k in others if k != regie], min(len(others) - 1, rng.randint(2, 5))
    )
    rest = [k for k in keys if k not in deelnemers]
    uitnodigen = rng.sample(rest, min(len(rest), rng.randint(0, 4)))
    belangrijk = rng.sample(
        [k for k in family if k not in deelnemers],
        min(len([k for k in family if k not in deelnemers]), rng.randint(0, 2)),
    )
    names = [personen[k]["naam"] for k in deelnemers] or [client]

    def answer() -> str:
        return _sentences(rng, 1, 4, names, SENTENCES)

    kortetermijndoelen = [
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
    signaleringsplan: dict[str, list[str]] = {}
    for field_name, bank in SIGNALS.items():
        signaleringsplan[field_name] = rng.sample(bank, rng.randint(1, min(5, len(bank))))
        if field_name == "signalen":
            crisis = ["resourcegroep"] + rng.sample(keys, rng.randint(0, min(4, len(keys))))
            signaleringsplan["contact_bij_crisis"] = crisis

    from resourceboek import methode  # noqa: PLC0415 - only needed here

    theme_ids = [t.id for t in methode.themas().for_variant(variant)]
    themas = rng.sample(theme_ids, rng.randint(1, 3))

    # 1-6 meetings about three months apart (84-98 days: within the method's guideline), ending
    # around today: the past ones have a report, a planned one does not yet.
    count = rng.randint(1, 6)
    gaps = [rng.randint(84, 98) for _ in range(count - 1)]
    last = TODAY + dt.timedelta(days=rng.randint(-60, 50))
    first = last - dt.timedelta(days=sum(gaps))
    startdatum = first - dt.timedelta(days=rng.randint(14, 60))
    dates = [first]
    for gap in gaps:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    bijeenkomsten = []
    for i, datum in enumerate(dates):
        begin = rng.choice(START_TIMES)
        hour, minute = map(int, begin.split(":"))
        length = rng.choice([45, 60, 60])
        end_minutes = hour * 60 + minute + length
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
            meeting["soort"] = "thema"
            meeting["thema"] = rng.choice(themas)
        else:
            meeting["soort"] = "vervolg"
        meeting["voorzitter"] = "client"
        if uitnodigen and rng.random() < 0.5:
            meeting["uitgenodigd"] = rng.sample(uitnodigen, rng.randint(1, min(2, len(uitnodigen))))
        if datum < TODAY:
            meeting["verslag"] = _sentences(rng, 2, 5, names, REPORTS, client=client)
        bijeenkomsten.append(meeting)

    groep: dict[str, Any] = {
        "variant": variant,
        "client": client,
        "groepsnaam": rng.choice(
            [f"de groep van {client}", f"Team {client}", f"Resourcegroep {client}"]
        ),
        "fase": rng.randint(2, 6),
        "startdatum": startdatum,
        "personen": personen,
        "rollen": rollen,
        "deelnemers": deelnemers,
        "uitnodigen": uitnodigen,
        "belangrijke_anderen": belangrijk,
        "langetermijndoelen": rng.sample(LONG_GOALS, rng.randint(0, 2)),
        "kortetermijndoelen": kortetermijndoelen,
        "signaleringsplan": signaleringsplan,
        "themas": themas,
        "bijeenkomsten": bijeenkomsten,
    }
    return groep


def group_yaml(groep: dict[str, Any]) -> str:
    body = yaml.dump(groep, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)
    return (
        "# yaml-language-server: $schema=../plugins/resourceboek/schema/groep.schema.json\n"
        "# Synthetische groep voor benchmarks/build.py (verzonnen gegevens).\n\n" + body
    )


def passphrase(rng: random.Random, client: str, taken: set[str]) -> str:
    """A 5-word passphrase like `resourceboek password` makes, but seeded (reproducible)."""
    from resourceboek.protect import password_problems
    from resourceboek.secrets_store import PASSPHRASE_WORDS, word_list

    words = word_list()
    while True:
        candidate = "-".join(rng.choice(words) for _ in range(PASSPHRASE_WORDS))
        if candidate not in taken and not password_problems(candidate, client):
            taken.add(candidate)
            return candidate


def generate(folder: Path, n: int, seed: int) -> dict[str, Any]:
    """N group files and a passwords file in `folder`; validated with the project's own loader."""
    from resourceboek.load import load_groups
    from resourceboek.problems import GroupFileError, format_problems

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
    from resourceboek.render import make_environment, render_booklet

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


# --------------------------------------------------------------------------------------------
# Probes: one measurement in its own process
# --------------------------------------------------------------------------------------------


def snapshot_project(dest: Path) -> Path:
    """Copy the build inputs and the package as they are now; return the copied mkdocs.yml.

    The copy of plugins/ goes first on sys.path here and on PYTHONPATH in the probes, ahead of the
    editable install's path entry.
    """
    dest.mkdir(parents=True)
    shutil.copy2(CONFIG, dest / CONFIG.name)
    for folder in ("content", "themes", "plugins/resourceboek"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    plugins = str(dest / "plugins")
    if "resourceboek" in sys.modules:
        raise RuntimeError("resourceboek was imported before the snapshot")
    sys.path.insert(0, plugins)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [plugins] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    return dest / CONFIG.name


def site_spec(
    root: Path, config: Path, jobs: int, gen: dict[str, Any], steps: list[str], pdf: bool
) -> dict[str, Any]:
    """What `probe_site` measures: a fresh site in `root` from the generated groups `gen`."""
    ids = gen["ids"]
    return {
        "kind": "site",
        "root": str(root),
        "pdf": pdf,
        "config": str(config),
        "jobs": jobs,
        "groups_dir": gen["groups_dir"],
        "passwords": gen["passwords"],
        "ids": ids,
        "change": ids[len(ids) // 2] if ids else None,  # the group changed for the "one" step
        "steps": steps,
    }


def times_text(probe: dict[str, Any]) -> str:
    return ", ".join(f"{step} {seconds:.2f} s" for step, seconds in probe["times"].items())


def run_probe(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    spec_file = Path(tempfile.mkstemp(prefix="probe-", suffix=".json", dir=work)[1])
    out_file = spec_file.with_suffix(".out.json")
    spec["out"] = str(out_file)
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--probe", str(spec_file)],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0 or not out_file.exists():
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"probe {spec['kind']} failed (exit {proc.returncode})")
    noise = proc.stderr.strip().splitlines()
    if noise:  # e.g. the PDF plugin's own "No anchor ..." notes, printed outside logging
        sys.stderr.write(
            f"  (the probe printed {len(noise)} line(s) on stderr, first: {noise[0][:120]})\n"
        )
    return dict(json.loads(out_file.read_text(encoding="utf-8")))


def _rusage() -> dict[str, int]:
    # Linux: ru_maxrss in KiB. RUSAGE_CHILDREN is the largest single (waited-for) descendant,
    # here the largest pool worker; the pool has `jobs` of them alive at the same time.
    return {
        "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "child_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def _cpu() -> float:
    """User + system CPU seconds of this process and of its finished children (the workers)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _project(config: Path, root: Path, groups_dir: Path, passwords: Path):
    from resourceboek.project import load_project

    root.mkdir(parents=True, exist_ok=True)
    return load_project(config).with_overrides(
        groups_dir=groups_dir,
        passwords_file=passwords,
        site_root=root / "site",
        state_dir=root / "state",
        templates_dir=root / "sjablonen",  # absent: the packaged templates, as in the tests
    )


def _warm_imports() -> None:
    """Import what the workers need before the pool forks, as the reference has it imported too."""
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    import resourceboek.booklet  # noqa: F401
    import resourceboek.handbook_build  # noqa: F401


def probe_site(spec: dict[str, Any]) -> dict[str, Any]:
    """A fresh site: full build, then the requested rebuilds. Times are of build_site only."""
    from resourceboek.sitebuild import BOOKLETS, BuildOptions, build_site

    _warm_imports()
    pdf = bool(spec["pdf"])
    opts = BuildOptions(pdf=pdf, jobs=int(spec["jobs"]), today=TODAY)
    project = _project(
        Path(spec["config"]), Path(spec["root"]), Path(spec["groups_dir"]), Path(spec["passwords"])
    )
    result: dict[str, Any] = {"times": {}, "cpu": {}, "built": {}, "load": [os.getloadavg()[0]]}

    def timed(step: str) -> Any:
        cpu = _cpu()
        start = time.perf_counter()
        report = build_site(project, opts)
        result["times"][step] = time.perf_counter() - start
        result["cpu"][step] = _cpu() - cpu
        result["built"][step] = sorted(report.built)
        if report.failed:
            raise SystemExit(f"{step}: build failed: {report.failed}")
        return report

    report = timed("full")
    boekjes = project.site_root / BOOKLETS
    folders = [boekjes / report.tokens[g] for g in spec["ids"]]
    result["folder_bytes"] = [_folder_bytes(f) for f in folders]
    result["pdf_bytes"] = [
        (f / "boekje.pdf").stat().st_size for f in folders if (f / "boekje.pdf").exists()
    ]
    result["rss_after_full"] = _rusage()
    if "noop" in spec["steps"]:
        timed("noop")
    if "one" in spec["steps"] and spec["ids"]:
        path = Path(spec["groups_dir"]) / f"{spec['change']}.yml"
        original = path.read_text(encoding="utf-8")
        path.write_text(changed_text(path, spec["root"]), encoding="utf-8")
        try:
            timed("one")
        finally:
            path.write_text(original, encoding="utf-8")
    if "booklets" in spec["steps"] and spec["ids"]:
        # All booklets again while the handbook is carried over: the booklet share of a full build.
        shutil.rmtree(boekjes)
        timed("booklets")
    result["rss"] = _rusage()
    result["load"].append(os.getloadavg()[0])
    shutil.rmtree(spec["root"], ignore_errors=True)
    return result


def reference_config(project: Any, group: Any, docs: Path, site: Path) -> dict[str, Any]:
    """A plain MkDocs + Material project for one group, with the booklet's theme settings."""
    from resourceboek.booklet import booklet_config_dict

    booklet = booklet_config_dict(project, group, site, False, TODAY)
    theme = {k: v for k, v in booklet["theme"].items() if k != "custom_dir"}
    search: dict[str, Any] = next(
        (p for p in project.raw.get("plugins", []) if isinstance(p, dict) and "search" in p),
        {"search": {}},
    )
    return {
        "site_name": booklet["site_name"],
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": booklet["use_directory_urls"],
        "theme": theme,  # material, language nl, font false, palette from mkdocs.yml
        "nav": booklet["nav"],
        "extra_css": ["stylesheets/resourceboek.css"],
        "markdown_extensions": project.raw.get("markdown_extensions", []),
        "plugins": [search],  # search ON (with the handbook's `lang: nl`)
    }


def prepare_reference(config: Path, folder: Path, gen: dict[str, Any]) -> list[str]:
    """Write each group's pages as ordinary Markdown plus a mkdocs.yml; return the config paths."""
    from resourceboek.load import load_groups
    from resourceboek.render import make_environment, render_booklet

    project = _project(config, folder / "unused", Path(gen["groups_dir"]), Path(gen["passwords"]))
    env = make_environment()
    css = project.handbook_css
    configs = []
    for group in load_groups([Path(gen["groups_dir"])]):
        base = folder / group.id
        docs = base / "docs"
        (docs / "stylesheets").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(css, docs / "stylesheets" / "resourceboek.css")
        for name, markdown in render_booklet(group.groep, TODAY, env).items():
            (docs / name).write_text(markdown, encoding="utf-8")
        reference = reference_config(project, group, docs, base / "site")
        (base / "mkdocs.yml").write_text(yaml.safe_dump(reference, allow_unicode=True), "utf-8")
        configs.append(str(base / "mkdocs.yml"))
    return configs


def probe_reference(spec: dict[str, Any]) -> dict[str, Any]:
    """Build every reference project one after another in this one process."""
    import material  # noqa: F401
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for config_file in spec["configs"]:
        shutil.rmtree(Path(config_file).parent / "site", ignore_errors=True)
    times = []
    load = [os.getloadavg()[0]]
    cpu = _cpu()
    start = time.perf_counter()
    for config_file in spec["configs"]:
        t0 = time.perf_counter()
        build(load_config(config_file=config_file))
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    cpu = _cpu() - cpu
    load.append(os.getloadavg()[0])
    sizes = [_folder_bytes(Path(c).parent / "site") for c in spec["configs"]]
    return {
        "total": total,
        "cpu": cpu,
        "times": times,
        "folder_bytes": sizes,
        "rss": _rusage(),
        "load": load,
    }


def probe_main(spec_file: Path) -> None:
    quiet_logging()
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    import resourceboek

    if "config" in spec and not Path(resourceboek.__file__).is_relative_to(
        Path(spec["config"]).parent
    ):
        raise SystemExit(f"probe imported {resourceboek.__file__}, not the snapshot")
    result = probe_reference(spec) if spec["kind"] == "reference" else probe_site(spec)
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Profile (optional)
# --------------------------------------------------------------------------------------------


def profile_one(config: Path, work: Path, seed: int, top: int) -> None:
    """cProfile of one booklet build and of one reference build, same group, in this process."""
    import cProfile
    import io
    import pstats

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from resourceboek.booklet import build_booklet
    from resourceboek.load import load_groups

    _warm_imports()
    gen = generate(work / "profile", 2, seed)
    group = load_groups([Path(gen["groups_dir"])])[0]
    password = yaml.safe_load(Path(gen["passwords"]).read_text(encoding="utf-8"))[group.id]
    project = _project(config, work / "profile", Path(gen["groups_dir"]), Path(gen["passwords"]))
    configs = prepare_reference(config, work / "profile-ref", gen)
    # one untimed build of each first, so that both profiles see warm caches
    build_booklet(project, group, password, work / "profile" / "warm", pdf=False, today=TODAY)
    build(load_config(config_file=configs[0]))
    for label, call in (
        (
            "resourceboek booklet (build_booklet, no PDF)",
            lambda: build_booklet(
                project, group, password, work / "profile" / "out", pdf=False, today=TODAY
            ),
        ),
        (
            "reference (plain MkDocs + Material, search on)",
            lambda: build(load_config(config_file=configs[0])),
        ),
    ):
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        call()
        prof.disable()
        took = time.perf_counter() - start
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
        print(f"\n### cProfile: {label} — {took:.3f} s wall (profiled)\n\n```")
        lines = buf.getvalue().splitlines()
        start_at = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        print("\n".join(lines[start_at:]).rstrip())
        print("```")


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
    except OSError:
        pass
    from importlib.metadata import version

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": str(usable),
        "cpu": model,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "mem": mem,
        "versions": ", ".join(
            f"{p} {version(p)}"
            for p in ("mkdocs", "mkdocs-material", "mkdocs-to-pdf", "weasyprint")
        ),
    }


def combine_pdf_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several PDF probes as one: median times, the largest memory, each run kept for the list."""
    combined = dict(runs[0])
    for key in ("times", "cpu"):
        combined[key] = {step: med([r[key][step] for r in runs]) for step in runs[0][key]}
    combined["rss"] = max((r["rss"] for r in runs), key=lambda rss: rss["child_kib"])
    combined["folder_bytes"] = [b for r in runs for b in r["folder_bytes"]]
    combined["pdf_bytes"] = [b for r in runs for b in r["pdf_bytes"]]
    combined["built"] = runs[-1]["built"]
    combined["runs"] = runs
    return combined


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_s(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def fmt_mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def verdict(ok: bool | None) -> str:
    return {True: "**met**", False: "**MISSED**", None: "n/a"}[ok]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,400", help="numbers of groups, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median reported)")
    parser.add_argument(
        "--pdf-size",
        type=int,
        default=200,
        help="groups for the build with PDFs (0 = skip; it is slow)",
    )
    parser.add_argument(
        "--pdf-runs", type=int, default=3, help="runs of the build with PDFs (median reported)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes of our build (default: all CPUs, as the CLI)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also cProfile one booklet build and one reference build",
    )
    parser.add_argument(
        "--profile-only",
        action="store_true",
        help="only the cProfile of one booklet build and one reference build",
    )
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=0,
        help="start no new measurement after this many minutes (0 = no limit); "
        "the table then shows what was completed",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe_main(Path(args.probe))
        return

    quiet_logging()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    runs = max(1, args.runs)
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="resourceboek-bench-"))
    info = machine()
    print(f"Temporary folder: {work}", file=sys.stderr)
    load_start = os.getloadavg()

    def over_budget() -> bool:
        return args.max_minutes > 0 and time.perf_counter() - began > 60 * args.max_minutes

    try:
        config = snapshot_project(work / "project")
        if args.profile_only:
            print(
                f"Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}; "
                f"load average {load_start[0]:.1f}."
            )
            profile_one(config, work, args.seed, 10)
            return
        # Handbook alone: a build with 0 groups.
        empty = work / "empty"
        (empty / "groups").mkdir(parents=True)
        hb_runs = []
        for r in range(runs):
            empty_gen = {"groups_dir": str(empty / "groups"), "passwords": str(empty / "none.yml")}
            res = run_probe(
                site_spec(work / f"hb-{r}", config, args.jobs, {**empty_gen, "ids": []}, [], False),
                work,
            )
            hb_runs.append(res)
        print(
            "handbook alone: " + ", ".join(f"{r['times']['full']:.2f} s" for r in hb_runs),
            file=sys.stderr,
        )

        results: dict[int, dict[str, Any]] = {}
        gens: dict[int, dict[str, Any]] = {}
        for n in sizes:
            gen = gens[n] = generate(work / f"n{n}", n, args.seed)
            print(
                f"[N={n}] generated {n} groups ({gen['variants']}), {gen['warnings']} warnings",
                file=sys.stderr,
            )
            configs = prepare_reference(config, work / f"n{n}-ref", gen)
            site_runs, ref_runs = [], []
            # Ours and the reference alternate, so that a change in machine load hits both alike.
            for r in range(runs):
                if over_budget():
                    break
                res = run_probe(
                    site_spec(
                        work / f"n{n}-run{r}",
                        config,
                        args.jobs,
                        gen,
                        ["noop", "one", "booklets"],
                        False,
                    ),
                    work,
                )
                site_runs.append(res)
                print(f"[N={n}] run {r + 1}/{runs}: {times_text(res)}", file=sys.stderr)
                # no budget check here: a run of ours is always paired with a reference run
                ref = run_probe({"kind": "reference", "configs": configs}, work)
                ref_runs.append(ref)
                print(
                    f"[N={n}] reference run {r + 1}/{runs}: {ref['total']:.2f} s", file=sys.stderr
                )
            shutil.rmtree(work / f"n{n}-ref", ignore_errors=True)
            if site_runs and ref_runs:
                results[n] = {"site": site_runs, "ref": ref_runs}

        pdf: dict[str, Any] | None = None
        if args.pdf_size > 0 and over_budget():
            print("[PDF] skipped: --max-minutes reached", file=sys.stderr)
            info["skipped"] = f"PDF build skipped (--max-minutes {args.max_minutes:g} reached)"
        elif args.pdf_size > 0:
            n = args.pdf_size
            gen = gens.get(n) or generate(work / f"n{n}", n, args.seed)
            gens.setdefault(n, gen)
            pdf_runs: list[dict[str, Any]] = []
            for r in range(args.pdf_runs):
                if r and over_budget():
                    break
                print(
                    f"[PDF N={n}] run {r + 1}/{args.pdf_runs}: full build with PDFs (slow) ...",
                    file=sys.stderr,
                )
                probe = run_probe(
                    site_spec(work / f"pdf-{n}-{r}", config, args.jobs, gen, ["noop", "one"], True),
                    work,
                )
                pdf_runs.append(probe)
                print(f"[PDF N={n}] {times_text(probe)}", file=sys.stderr)
            pdf = combine_pdf_runs(pdf_runs)
            pdf["n"] = n

        if not results:
            raise SystemExit("no size completed within --max-minutes")
        sizes = sorted(results)
        info["load"] = (
            f"load average {load_start[0]:.1f} at start, {os.getloadavg()[0]:.1f} at the end"
        )
        info["requested"] = args.sizes
        report(args, info, sizes, runs, hb_runs, results, gens, pdf, time.perf_counter() - began)
        if args.profile:
            profile_one(config, work, args.seed, 10)
    finally:
        if args.keep:
            print(f"Kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(
    args: argparse.Namespace,
    info: dict[str, str],
    sizes: list[int],
    runs: int,
    hb_runs: list[dict[str, Any]],
    results: dict[int, dict[str, Any]],
    gens: dict[int, dict[str, Any]],
    pdf: dict[str, Any] | None,
    total: float,
) -> None:
    jobs = args.jobs
    hb = med([r["times"]["full"] for r in hb_runs])
    hb_cpu = med([r["cpu"]["full"] for r in hb_runs])

    def site_med(n: int, step: str, what: str = "times") -> float:
        return med([r[what][step] for r in results[n]["site"] if step in r[what]])

    def ref_med(n: int, what: str = "total") -> float:
        return med([r[what] for r in results[n]["ref"]])

    def peak(rows: list[dict[str, Any]]) -> tuple[int, int]:
        return max(r["rss"]["self_kib"] for r in rows), max(r["rss"]["child_kib"] for r in rows)

    rows: list[tuple[str, list[str], str]] = []

    def row(label: str, values: list[str], target: str = "") -> None:
        rows.append((label, values, target))

    full = {n: site_med(n, "full") for n in sizes}
    booklets = {n: site_med(n, "booklets") for n in sizes}
    ref = {n: ref_med(n) for n in sizes}
    full_cpu = {n: site_med(n, "full", "cpu") for n in sizes}
    booklets_cpu = {n: site_med(n, "booklets", "cpu") for n in sizes}
    ref_cpu = {n: ref_med(n, "cpu") for n in sizes}
    row("Full build, HTML only: handbook + N booklets (s)", [fmt_s(full[n]) for n in sizes])
    row("… handbook alone (a build with 0 groups) (s)", [fmt_s(hb) for _ in sizes])
    row("All N booklets, handbook carried over (s)", [fmt_s(booklets[n]) for n in sizes])
    row("Reference: N plain MkDocs+Material builds, 1 process (s)", [fmt_s(ref[n]) for n in sizes])
    row(
        "**Ratio full build / reference (wall)**",
        [f"**{full[n] / ref[n]:.2f}**" for n in sizes],
        "≤ 0.75 at N=200",
    )
    row("Ratio booklets only / reference (wall)", [f"{booklets[n] / ref[n]:.2f}" for n in sizes])
    row(
        "CPU time: full build / booklets only / reference (s)",
        [f"{fmt_s(full_cpu[n])} / {fmt_s(booklets_cpu[n])} / {fmt_s(ref_cpu[n])}" for n in sizes],
    )
    row(
        "Ratio full build / reference (CPU time)",
        [f"{full_cpu[n] / ref_cpu[n]:.2f}" for n in sizes],
    )
    row("Rebuild, nothing changed (s)", [fmt_s(site_med(n, "noop")) for n in sizes], "≤ 2 s")
    row("Rebuild, one group changed, HTML only (s)", [fmt_s(site_med(n, "one")) for n in sizes])
    row("Time per booklet: full build / N (ms)", [f"{1000 * full[n] / n:.0f}" for n in sizes])
    row(
        "Time per booklet: booklets only / N (ms)", [f"{1000 * booklets[n] / n:.0f}" for n in sizes]
    )
    row("Time per booklet: reference / N (ms)", [f"{1000 * ref[n] / n:.0f}" for n in sizes])
    row(
        "CPU per booklet: booklets only / reference (ms)",
        [f"{1000 * booklets_cpu[n] / n:.0f} / {1000 * ref_cpu[n] / n:.0f}" for n in sizes],
    )
    mem = {n: peak(results[n]["site"]) for n in sizes}
    est = {n: mem[n][0] + jobs * mem[n][1] for n in sizes}
    row("Peak RSS, build process (MiB)", [fmt_mib(mem[n][0]) for n in sizes])
    row("Peak RSS, largest worker (MiB)", [fmt_mib(mem[n][1]) for n in sizes])
    row(
        f"Peak RSS, process + {jobs} × largest worker (upper bound, MiB)",
        [fmt_mib(est[n]) for n in sizes],
        "< 1 GiB; ≤ 1.3× from N=200 to 400",
    )
    ref_mem = {n: max(r["rss"]["self_kib"] for r in results[n]["ref"]) for n in sizes}
    row("Peak RSS, reference process (MiB)", [fmt_mib(ref_mem[n]) for n in sizes])
    html_sizes = {n: results[n]["site"][0]["folder_bytes"] for n in sizes}
    row(
        "Booklet folder, HTML only: median / max (bytes)",
        [f"{med(html_sizes[n]):,.0f} / {max(html_sizes[n]):,}" for n in sizes],
    )
    ref_sizes = {n: results[n]["ref"][0]["folder_bytes"] for n in sizes}
    row("Reference site folder: median (bytes)", [f"{med(ref_sizes[n]):,.0f}" for n in sizes])
    row(
        "Runs completed (ours / reference)",
        [f"{len(results[n]['site'])} / {len(results[n]['ref'])}" for n in sizes],
    )
    row(
        "Group file: median size (bytes); guideline warnings",
        [f"{gens[n]['yaml_bytes_median']:,.0f}; {gens[n]['warnings']}" for n in sizes],
    )

    print(f"\n## resourceboek build benchmark — {runs} run(s) per measure, median\n")
    print(
        f"Machine: nproc {info['nproc']}, CPU {info['cpu']}, {info['mem']}, Python "
        f"{info['python']}, {info['os']}; {info['versions']}. Our build uses {jobs} worker "
        f"process(es); the reference uses one process. {info.get('load', '')}.\n"
    )
    header = "| Measure | " + " | ".join(f"N={n}" for n in sizes) + " | Target |"
    print(header)
    print("|" + "---|" * (len(sizes) + 2))
    for label, values, target in rows:
        print(f"| {label} | " + " | ".join(values) + f" | {target} |")

    pdf_est = None
    if pdf is not None:
        n = pdf["n"]
        folders = pdf["folder_bytes"]
        pdfs = pdf["pdf_bytes"]
        same = len(pdfs) == len(folders)
        without = [f - p for f, p in zip(folders, pdfs, strict=True)] if same else []
        pdf_est = pdf["rss"]["self_kib"] + jobs * pdf["rss"]["child_kib"]
        count = len(pdf["runs"])
        print(f"\n### With PDFs, N={n} ({count} run{'s, median' if count > 1 else ''})\n")
        print("| Measure | Value | Target |")
        print("|---|---|---|")
        print(
            f"| Full build with PDFs: handbook (+ its PDF) + {n} booklets (s) | "
            f"{fmt_s(pdf['times']['full'])} (CPU {fmt_s(pdf['cpu']['full'])}) | "
            "< 4 min at N=200 |"
        )
        if n != 200:
            print(
                "| … same × 200/N (rough estimate; scales the handbook too, so high for "
                "small N) (s) | "
                f"{fmt_s(pdf['times']['full'] * 200 / n)} | < 240 s |"
            )
        print(f"| Time per booklet with PDF: full / N (s) | {pdf['times']['full'] / n:.2f} | |")
        print(f"| Rebuild, nothing changed (s) | {fmt_s(pdf['times'].get('noop'))} | ≤ 2 s |")
        print(
            f"| Rebuild, one group changed, incl. its PDF (s) | "
            f"{fmt_s(pdf['times'].get('one'))} | ≤ 5 s |"
        )
        print(
            f"| Peak RSS: process / largest worker / process + {jobs} × worker (MiB) | "
            f"{fmt_mib(pdf['rss']['self_kib'])} / {fmt_mib(pdf['rss']['child_kib'])} / "
            f"{fmt_mib(pdf_est)} | < 1 GiB |"
        )
        print(
            f"| Booklet folder incl. PDF: median / max (bytes) | "
            f"{med(folders):,.0f} / {max(folders):,} | < 2 MB |"
        )
        if without:
            print(
                f"| Booklet folder without its PDF: median / max (bytes) | "
                f"{med(without):,.0f} / {max(without):,} | |"
            )
            print(f"| PDF alone: median / max (bytes) | {med(pdfs):,.0f} / {max(pdfs):,} | |")

    # Growth
    print("\n### Growth\n")
    per = ", ".join(
        f"N={n}: {1000 * full[n] / n:.0f} ms (booklets only {1000 * booklets[n] / n:.0f}"
        f" ms, reference {1000 * ref[n] / n:.0f} ms)"
        for n in sizes
    )
    print(f"Wall time per booklet — {per}.")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        change = (booklets[b] / b) / (booklets[a] / a) - 1
        cpu_change = (booklets_cpu[b] / b) / (booklets_cpu[a] / a) - 1
        print(
            f"From N={a} to N={b} the booklets-only time per booklet changed by {change:+.0%} "
            f"(CPU time per booklet {cpu_change:+.0%}; 0 % = linear growth). The full build per "
            f"booklet falls with N because the handbook ({fmt_s(hb)} s, CPU {fmt_s(hb_cpu)} s) "
            "is a fixed cost."
        )

    # Sanity: a rebuild that built more than expected means the cache was invalidated under us.
    flags = []
    for n in sizes:
        for i, r in enumerate(results[n]["site"]):
            if r["built"].get("noop"):
                flags.append(
                    f"N={n} run {i + 1}: the no-change rebuild built "
                    f"{len(r['built']['noop'])} part(s) (project code edited meanwhile?)"
                )
            if len(r["built"].get("one", [])) != 1:
                flags.append(
                    f"N={n} run {i + 1}: the one-change rebuild built "
                    f"{len(r['built'].get('one', []))} parts, expected 1"
                )
    if pdf is not None and (pdf["built"].get("noop") or len(pdf["built"].get("one", [])) != 1):
        flags.append(f"PDF: rebuilds built {pdf['built'].get('noop')} / {pdf['built'].get('one')}")
    if flags:
        print("\n**Warning — measurements disturbed:**\n")
        for flag in flags:
            print(f"- {flag}")

    # Targets
    print("\n### Targets\n")
    at = 200 if 200 in sizes else sizes[-1]
    tag = "" if at == 200 else f" (N=200 not measured; shown for N={at})"
    ratio = full[at] / ref[at]
    print(
        f"- HTML-only full build ≤ 0.75 × reference at N=200: {ratio:.2f} × "
        f"({fmt_s(full[at])} s vs {fmt_s(ref[at])} s){tag} — {verdict(ratio <= 0.75)}; "
        f"booklets only {booklets[at] / ref[at]:.2f} ×; by CPU time "
        f"{full_cpu[at] / ref_cpu[at]:.2f} ×."
    )
    noop = site_med(at, "noop")
    others = ", ".join(f"N={n}: {fmt_s(site_med(n, 'noop'))} s" for n in sizes if n != at)
    print(
        f"- No-change rebuild ≤ 2 s at N=200: {fmt_s(noop)} s{tag} — {verdict(noop <= 2)}"
        + (f" ({others})." if others else ".")
    )
    if pdf is not None:
        one = pdf["times"].get("one")
        print(
            f"- One changed group ≤ 5 s including its PDF: {fmt_s(one)} s at N={pdf['n']} — "
            f"{verdict(one is not None and one <= 5)}."
        )
        t = pdf["times"]["full"]
        if pdf["n"] == 200:
            print(f"- Full build with PDFs < 4 min at N=200: {fmt_s(t)} s — {verdict(t < 240)}.")
        else:
            scaled = t * 200 / pdf["n"]
            print(
                f"- Full build with PDFs < 4 min at N=200: measured {fmt_s(t)} s at N={pdf['n']}; "
                f"rough estimate ×200/N (also scales the handbook) {fmt_s(scaled)} s — "
                f"{verdict(scaled < 240)} "
                "(estimate, not measured)."
            )
        size = max(pdf["folder_bytes"])
        print(
            f"- Booklet folder incl. PDF < 2 MB: largest {size:,} bytes — {verdict(size < 2 * MB)}."
        )
    else:
        why = info.get("skipped") or "--pdf-size 0"
        print(
            "- PDF targets (one changed group ≤ 5 s incl. PDF; full build with PDFs < 4 min; "
            f"folder incl. PDF < 2 MB): n/a ({why})."
        )
    worst = max(list(est.values()) + ([pdf_est] if pdf_est is not None else []))
    print(
        f"- Peak memory < 1 GiB: worst upper bound {fmt_mib(worst)} MiB "
        f"(process + {jobs} × largest worker) — {verdict(worst < GIB / 1024)}."
    )
    if 200 in sizes and 400 in sizes:
        growth = est[400] / est[200]
        print(f"- Peak memory ≤ 1.3× from N=200 to 400: {growth:.2f} × — {verdict(growth <= 1.3)}.")
    elif len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        growth = est[b] / est[a]
        print(
            f"- Peak memory ≤ 1.3× from N=200 to 400: n/a (not both measured); from N={a} to "
            f"N={b}: {growth:.2f} ×."
        )
    else:
        print("- Peak memory ≤ 1.3× from N=200 to 400: n/a (one size only).")

    # Raw numbers
    print("\n<details><summary>Raw runs: wall s (CPU s) [load average before→after]</summary>\n")

    def raw(r: dict[str, Any], step: str) -> str:
        return f"{r['times'][step]:.2f} ({r['cpu'][step]:.1f})"

    print("- handbook alone: " + ", ".join(raw(r, "full") for r in hb_runs))
    for n in sizes:
        for step in ("full", "noop", "one", "booklets"):
            print(
                f"- N={n} {step}: "
                + ", ".join(
                    raw(r, step) + f" [{r['load'][0]:.1f}→{r['load'][-1]:.1f}]" * (step == "full")
                    for r in results[n]["site"]
                )
            )
        print(
            f"- N={n} reference: "
            + ", ".join(
                f"{r['total']:.2f} ({r['cpu']:.1f}) [{r['load'][0]:.1f}→{r['load'][-1]:.1f}]"
                for r in results[n]["ref"]
            )
        )
    if pdf is not None:
        for run in pdf["runs"]:
            print(
                f"- PDF N={pdf['n']}: "
                + ", ".join(f"{k} {raw(run, k)}" for k in run["times"])
                + f" [{run['load'][0]:.1f}→{run['load'][-1]:.1f}]"
            )
    print("\n</details>")
    if info.get("skipped"):
        print(f"\nNote: {info['skipped']}.")
    dropped = sorted({int(x) for x in args.sizes.split(",") if x.strip()} - set(sizes))
    if dropped:
        print(f"\nNote: N={', '.join(map(str, dropped))} not measured (--max-minutes reached).")
    if args.max_minutes and any(len(results[n]["site"]) < runs for n in sizes):
        print(
            f"\nNote: --max-minutes {args.max_minutes:g} cut some sizes short; "
            "see 'Runs completed'."
        )
    print(
        f"\nBenchmark wall time {total / 60:.1f} min. "
        "Command: .venv/bin/python benchmarks/build.py "
        f"--sizes {info.get('requested', ','.join(map(str, sizes)))} --runs {runs} "
        f"--pdf-size {args.pdf_size}"
        + f" --pdf-runs {args.pdf_runs}"
        + (f" --jobs {jobs}" if jobs != (os.cpu_count() or 1) else "")
        + (f" --seed {args.seed}" if args.seed != DEFAULT_SEED else "")
        + (f" --max-minutes {args.max_minutes:g}" if args.max_minutes else "")
    )


if __name__ == "__main__":
    main()
