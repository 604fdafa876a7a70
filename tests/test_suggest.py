"""Did-you-mean suggests only a valid name, and only when one stands out."""

from __future__ import annotations

import pytest

from resourceboek.text.suggest import did_you_mean, tip

THEMES = ["communicatie", "omgaan-met-stress", "psycho-educatie", "gezondheid-en-leefstijl"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("stress", "omgaan-met-stress"),
        ("psycho-edukatie", "psycho-educatie"),
        ("Communicatie", "communicatie"),
        ("omgaan_met_stress", "omgaan-met-stress"),
        ("leefstijl", "gezondheid-en-leefstijl"),
        ("gezondheid", "gezondheid-en-leefstijl"),
        ("xyz", None),
        ("", None),
    ],
)
def test_did_you_mean(typed: str, meant: str | None) -> None:
    assert did_you_mean(typed, THEMES) == meant


def test_no_guess_when_two_names_fit_equally() -> None:
    assert did_you_mean("begeleiding", ["woonbegeleiding", "werkbegeleiding"]) is None


def test_tip_never_repeats_what_was_typed() -> None:
    assert tip("stress", THEMES) == " Bedoelde je 'omgaan-met-stress'?"
    assert tip("onzin", THEMES) == ""
