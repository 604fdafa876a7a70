"""The passphrase word list: common, neutral, easy to spell Dutch words, and enough of them."""

from __future__ import annotations

import math
import re
from importlib import resources

from pathkit import ROOT
from resourceboek.groupfile.model import NUMBER_WORDS
from resourceboek.protection.protect import password_problems
from resourceboek.protection.secrets_store import (
    MIN_PASSPHRASE_BITS,
    generate_passphrase,
    passphrase_bits,
    passphrase_for,
    passphrase_words,
    word_list,
)

# Words that were in the earlier list and must never come back (archaic, odd, rude, grim, English).
NEVER = {
    "molasse",
    "sadisme",
    "gezeik",
    "orgasme",
    "autobom",
    "ebola",
    "kernbom",
    "klote",
    "debiel",
}
NEVER |= {"wurgen", "doodde", "sterven", "billen", "madonna", "world", "people", "aagje", "slibde"}
NEVER |= {"pijpen"}


def test_the_words_are_plain_lowercase_and_unique() -> None:
    words = word_list()
    assert len(set(words)) == len(words)
    for word in words:
        assert re.fullmatch(r"[a-z]{4,8}", word), word
        assert not re.search(r"[cqxy]|ph|th|dt$", word), word
    assert not NEVER & set(words)


def test_the_entropy_is_at_least_64_bits_and_stated_correctly() -> None:
    n, k = len(word_list()), passphrase_words()
    assert passphrase_bits() == k * math.log2(n)
    assert passphrase_bits() >= MIN_PASSPHRASE_BITS
    assert (k - 1) * math.log2(n) < MIN_PASSPHRASE_BITS  # no more words than needed
    # The list's header states its own numbers: they must stay true.
    text = resources.files("resourceboek").joinpath("woorden/nl.txt").read_text("utf-8")
    stated = f"{k} woorden uit {n} = {passphrase_bits():.1f}".replace(".", ",")
    assert stated in text
    assert text.startswith(f"# {n} ")


def test_generated_passphrases_pass_the_strength_check() -> None:
    for _ in range(200):
        phrase = generate_passphrase()
        assert len(phrase.split("-")) == passphrase_words()
        assert password_problems(phrase, "Bo") == [], phrase


def test_a_passphrase_for_a_client_never_holds_their_name() -> None:
    # "Teun" hides in "steun"/"steunen": such a draw is replaced by another one.
    for _ in range(200):
        phrase = passphrase_for("Teun de Vries")
        assert password_problems(phrase, "Teun de Vries") == [], phrase


# Words that name a means, place or act of self-harm or death, with their obvious inflections and
# compounds. A client in a crisis reads and types the passphrase: `trein-spoor-springen-...` hurts.
SELF_HARM_WORDS = """
    springen spring springt sprong sprongen sprongetje vallen valt viel vielen val afdalen omlaag
    gooien gooit toren torens dak daken daktuin hoogte hoogtes steil steile rand randje afgrond
    ravijn klif kloof flat balkon ladder duiken duik brug bruggen bruggetje viaduct rivier rivieren
    kanaal kanalen gracht grachten diep diepe dieper diepte stroom stromen stuwdam water drijven
    verdrinken zinken golf golven spoor sporen rails trein treinen tram trams perron station
    overgang metro hangen hang hing touw touwen touwtje koord koordje strop sjaal sjaals riem
    ketting slinger balk wurgen stikken mes messen mesje scheermes lemmet snijden snee sneetje
    krabben kras krassen beitel bijl zaag zagen puntig scherp scherpe spits steek steken steekje
    snoeien breken verband wond wonden bloed bloeden pijn pijnlijk pil pillen tablet tabletten
    medicijn middel middelen gif gifje vergif helium gas benzine brand branden brander vuur vurig
    gloeien vlam vlammen aansteker lucifer wapen wapens pistool geweer kogel kogels patroon trekker
    schot schieten verkeer snelweg remweg handrem wegdek kruispunt graf graven kist doodskist urn
    begrafenis crematie kerkhof kuil kuilen monument memorie engel engelen hemel paradijs einde
    eind eindigen slotdag slotzin stoppen opgeven verlaten afscheid dood doden sterven lijk lijken
    donker donkere duister nacht zwaar zware neerslag leegte levend levende levens adem druipen
"""
SELF_HARM = set(SELF_HARM_WORDS.split())


def test_no_passphrase_word_names_self_harm_or_death() -> None:
    assert not SELF_HARM & set(word_list())


def test_every_text_states_the_same_count_of_words() -> None:
    n, k = len(word_list()), passphrase_words()
    bits = f"{passphrase_bits():.1f}".replace(".", ",")
    # The README summarises; SECURITY.md has the arithmetic.
    readme = " ".join(
        " ".join((ROOT / name).read_text(encoding="utf-8").split())
        for name in ("README.md", "SECURITY.md")
    )
    assert f"{NUMBER_WORDS[k]} woorden uit {n}" in readme
    assert f"{k} × log2({n}) = {bits} bits" in readme
    assert "vijf woorden" not in readme
    refusal = " ".join(password_problems("wachtwoord1234", "Bo"))
    assert f"wachtzin van {NUMBER_WORDS[k]} woorden" in refusal
