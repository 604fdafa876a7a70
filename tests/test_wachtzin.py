"""The passphrase word list: common, neutral, easy to spell Dutch words, and enough of them."""

from __future__ import annotations

import math
import re
from importlib import resources

from resourceboek.protect import password_problems
from resourceboek.secrets_store import (
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
