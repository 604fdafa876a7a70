"""Unit tests of the page encryption (format version 1, as the README documents it); no build."""

from __future__ import annotations

import base64

import pytest
from cryptography.exceptions import InvalidTag

from resourceboek import protect
from resourceboek.render import make_environment

FAST = 1_000  # iterations: the format is the subject here, not the cost of guessing


def test_payload_has_the_documented_fields_and_round_trips() -> None:
    key = protect.derive_key("een goede wachtzin", iterations=FAST)
    payload = protect.encrypt_page("<p>Signaleringsplan</p>", key, iterations=FAST)
    assert set(payload) == {"v", "kdf", "iter", "salt", "iv", "aad", "ct"}
    assert (payload["v"], payload["kdf"], payload["aad"]) == (
        1,
        "PBKDF2-HMAC-SHA256",
        "resourceboek:1",
    )
    assert len(base64.b64decode(str(payload["salt"]))) == protect.SALT_BYTES
    assert len(base64.b64decode(str(payload["iv"]))) == protect.IV_BYTES
    assert protect.decrypt_page(payload, "een goede wachtzin") == "<p>Signaleringsplan</p>"


def test_wrong_password_does_not_decrypt() -> None:
    key = protect.derive_key("een goede wachtzin", iterations=FAST)
    payload = protect.encrypt_page("<p>geheim</p>", key, iterations=FAST)
    with pytest.raises(InvalidTag):
        protect.decrypt_page(payload, "een andere wachtzin")


def test_every_page_gets_its_own_iv_under_one_salt() -> None:
    key = protect.derive_key("een goede wachtzin", iterations=FAST)
    first, second = (protect.encrypt_page("<p>x</p>", key, iterations=FAST) for _ in range(2))
    assert first["salt"] == second["salt"]
    assert first["iv"] != second["iv"]


def test_password_normalised_to_nfc() -> None:
    composed, decomposed = "caf\u00e9 met een wachtzin", "cafe\u0301 met een wachtzin"
    key = protect.derive_key(composed, iterations=FAST)
    payload = protect.encrypt_page("<p>x</p>", key, iterations=FAST)
    assert protect.decrypt_page(payload, decomposed) == "<p>x</p>"


def test_shell_holds_only_the_payload() -> None:
    key = protect.derive_key("een goede wachtzin", iterations=FAST)
    payload = protect.encrypt_page("<h1>Teun</h1>", key, iterations=FAST)
    shell = protect.render_shell(payload, make_environment(), "../")
    assert str(payload["ct"]) in shell
    assert "Teun" not in shell


@pytest.mark.parametrize(
    ("password", "client", "count"),
    [("kort", "Teun", 1), ("teun-en-nog-veel-meer", "Teun", 1), ("paard-fiets-wolk-10", "Teun", 0)],
)
def test_password_problems(password: str, client: str, count: int) -> None:
    assert len(protect.password_problems(password, client)) == count
