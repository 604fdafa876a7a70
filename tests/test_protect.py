"""The encryption format (version 3), password rules and the lock page, without a browser."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import time
import zlib
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

import buildkit
from pathkit import CONFIG, EXAMPLES
from resourceboek.adapters.booklet import build_booklet
from resourceboek.groupfile.load import load_group
from resourceboek.pages.render import make_environment
from resourceboek.protection import lockpage, protect
from resourceboek.protection.secrets_store import generate_passphrase
from resourceboek.settings.model import OrganisationSettings

# A fast key for the tests: the format does not depend on the number of rounds.
FAST = 1000
TOKEN = "0123456789abcdef0123456789abcdef"
COUNTER = 1_790_000_000  # a build counter: the build's time in seconds
PAGE = "<!doctype html><html><head><script>var a = 1;</script></head><body>Inhoud</body></html>"


def _key(password: str = "lange geheime wachtzin", token: str = TOKEN) -> protect.BookletKey:
    key = protect.derive_key(password, b"s" * 16, FAST, token=token)
    return dataclasses.replace(key, counter=COUNTER)


def test_independent_decryption_from_the_readme() -> None:
    """Decrypted with the recipe documented in SECURITY.md only, not with protect.py."""
    key = _key()
    payload = protect.encrypt_page(PAGE, key, "contacten.html", FAST)
    assert set(payload) == {"v", "n", "kdf", "iter", "salt", "iv", "ct"}
    assert payload["v"] == 4
    assert payload["n"] == COUNTER
    assert payload["kdf"] == "PBKDF2-HMAC-SHA256"
    kdf = PBKDF2HMAC(
        algorithm=protect.hashes.SHA256(),
        length=32,
        salt=base64.b64decode(str(payload["salt"])),
        iterations=int(str(payload["iter"])),
    )
    raw = kdf.derive(b"lange geheime wachtzin")
    aad = f"resourceboek:4:{TOKEN}:{COUNTER}:contacten.html".encode()
    plain = AESGCM(raw).decrypt(
        base64.b64decode(str(payload["iv"])), base64.b64decode(str(payload["ct"])), aad
    )
    size = int.from_bytes(plain[:4], "big")  # the packed page's length, then the page (zlib)
    assert zlib.decompress(plain[4 : 4 + size]) == PAGE.encode()
    assert plain[4 + size :].strip(b"\0") == b""  # the padding: zero bytes only
    assert len(plain) == protect.PAD_MIN


def test_a_page_is_bound_to_its_booklet_and_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(protect, "ITERATIONS", FAST)  # the fast test key is not refused
    _open = protect.decrypt_page
    payload = protect.encrypt_page(PAGE, _key(), "index.html", FAST)
    password = "lange geheime wachtzin"
    assert _open(payload, password, TOKEN, "index.html") == PAGE
    with pytest.raises(InvalidTag):
        _open(payload, password, "f" * 32, "index.html")  # moved to another booklet
    with pytest.raises(InvalidTag):
        _open(payload, password, TOKEN, "contacten.html")  # moved inside the booklet
    with pytest.raises(InvalidTag):
        _open(payload, password + "x", TOKEN, "index.html")
    with pytest.raises(InvalidTag):  # an older page cannot claim to be newer, nor the other way
        _open({**payload, "n": COUNTER + 1}, password, TOKEN, "index.html")


@pytest.mark.parametrize("counter", [None, -1, "1790000000", 1.5, True, 2**53])
def test_a_page_without_a_whole_build_counter_is_refused(counter: object) -> None:
    payload = {**protect.encrypt_page(PAGE, _key(), "index.html", FAST), "n": counter}
    payload["iter"] = protect.ITERATIONS
    with pytest.raises(protect.FormatError, match="bouwteller"):
        protect.decrypt_page(payload, "lange geheime wachtzin", TOKEN, "index.html")


@pytest.mark.parametrize(("field", "value"), [("v", 1), ("v", 3), ("v", 5), ("iter", 100_000)])
def test_other_versions_and_fewer_rounds_are_refused(field: str, value: int) -> None:
    payload = {**protect.encrypt_page(PAGE, _key(), "index.html", FAST), field: value}
    if field == "v":
        payload["iter"] = protect.ITERATIONS
    with pytest.raises(protect.FormatError):
        protect.decrypt_page(payload, "lange geheime wachtzin", TOKEN, "index.html")


def test_every_page_gets_its_own_iv_under_one_salt() -> None:
    key = _key()
    first, second = (protect.encrypt_page("<p>x</p>", key, "index.html", FAST) for _ in range(2))
    assert first["salt"] == second["salt"]
    assert first["iv"] != second["iv"]


@pytest.mark.parametrize(
    ("password", "client", "count"),
    [("kort", "Teun", 1), ("teun-en-nog-veel-meer", "Teun", 1), ("paard-fiets-wolk-10", "Teun", 0)],
)
def test_password_problems(password: str, client: str, count: int) -> None:
    assert len(protect.password_problems(password, client)) == count


def test_page_sizes_fall_into_buckets() -> None:
    key = _key()
    short = protect.encrypt_page(PAGE, key, "index.html", FAST)
    longer = protect.encrypt_page(PAGE + "x" * 9000, key, "index.html", FAST)
    assert len(str(short["ct"])) == len(str(longer["ct"]))
    sizes = [protect.padded_size(n) for n in (1, 4_096, 4_097, 6_145, 8_193, 12_289, 16_385)]
    assert sizes == [4_096, 4_096, 6_144, 8_192, 12_288, 16_384, 24_576]
    for n in (1, 20_000, 70_000, 1_000_000):
        size = protect.padded_size(n)
        assert n <= size <= max(protect.PAD_MIN, n * 3 // 2)


def test_spaces_are_forgiven_the_same_way_everywhere() -> None:
    assert protect.clean_password("  paars  huis\u00a0 fiets \t") == "paars huis fiets"
    assert protect.clean_password("e\u0301") == "\u00e9"  # NFC
    a = protect.derive_key(" paars  huis ", b"s" * 16, FAST)
    assert a.key == protect.derive_key("paars huis", b"s" * 16, FAST).key


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "123456789012",
        "wachtwoord1234",
        "Welkom2024!!",
        "qwertyuiopas",
        "abcdefghijkl",
        "   aaaaaaaaaaaaaaa   ",
    ],
)
def test_weak_passwords_are_refused(password: str) -> None:
    problems = protect.password_problems(password, "Teun de Vries")
    assert problems, f"{password!r} was accepted"
    assert password.strip() not in " ".join(problems)  # the message never repeats it
    assert "te makkelijk te raden" in " ".join(problems)


def test_strong_passwords_pass() -> None:
    client = "Qxo Zyw"  # a name no word of the list contains (that rule is tested below)
    for _ in range(200):
        passphrase = generate_passphrase()
        assert protect.password_problems(passphrase, client) == [], passphrase
    own = "mijn kat slaapt graag op de verwarming"
    assert protect.password_problems(own, client) == []


def test_short_or_named_passwords_are_refused() -> None:
    assert "te kort" in protect.password_problems("kort", "Teun")[0]
    assert "naam" in protect.password_problems("teunsboekjevanditjaar", "Teun de Vries")[0]


def test_key_repr_hides_the_key() -> None:
    assert _key().key.hex() not in repr(_key())


# --------------------------------------------------------------------------- lock page


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _script_src(policy: str) -> list[str]:
    found = re.search(r"script-src ([^;]*);", policy)
    assert found
    return found[1].split()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
"""An inline script a browser would run (not a script file, not the payload's JSON block)."""


def test_the_policy_runs_only_the_booklets_own_script_files() -> None:
    """No hash and no 'unsafe-inline': an inline script that reached a page never runs."""
    html = "<script>window.__rbInjected = true</script><p>Inhoud</p>"
    assert _script_src(lockpage.content_security_policy()) == ["'self'"]
    # Written into the shell's attribute unescaped (a constant): nothing in it may need escaping.
    assert not set('"<>&') & set(lockpage.content_security_policy())
    shell = lockpage.render_shell({}, make_environment(), "")
    assert _script_src(shell.replace("&#39;", "'")) == ["'self'"]
    assert _sha("window.__rbInjected = true") not in shell
    assert INLINE_SCRIPT.search(html)
    assert not INLINE_SCRIPT.search(shell)


def test_shell_shows_help_and_nothing_of_the_page() -> None:
    secret = "<p>Inhoud met Teun de Vries, 06 12345678</p>"
    payload = protect.encrypt_page(PAGE + secret, _key(), "index.html", FAST)
    who = "je regieondersteuner (Team & Co, GGZ <Noord>)"
    settings = lockpage.LockSettings(wie=who, telefoon="050 123 4567")
    shell = lockpage.render_shell(payload, make_environment(), "", settings)
    assert shell.index('href="tel:112"') < shell.index('id="rb-wachtwoord"')  # help first
    assert "Teun" not in shell
    assert "12345678" not in shell
    assert 'href="tel:112"' in shell
    assert 'href="tel:08000113"' in shell
    assert "113 Zelfmoordpreventie" in shell
    assert "Team &amp; Co, GGZ &lt;Noord&gt;" in shell  # escaped, like every value
    assert 'href="tel:0501234567"' in shell
    assert "unsafe-inline" not in shell.split("script-src", 1)[1].split(";", 1)[0]
    assert lockpage.payload_of(shell) == payload


def test_lock_settings_defaults_and_own_crisis_line() -> None:
    default = lockpage.lock_settings(OrganisationSettings())
    assert default.wie == "je regieondersteuner"
    assert default.crisis_telefoon == "0800-0113"
    own = lockpage.lock_settings(
        OrganisationSettings.model_validate(
            {"crisislijn": {"naam": "Crisisdienst GGZ Noord", "telefoon": "0900-1234"}}
        )
    )
    assert (own.crisis_naam, own.crisis_link, own.crisis_uitleg) == (
        "Crisisdienst GGZ Noord",
        "tel:09001234",
        "",
    )


def test_service_worker_lists_the_booklet_files(tmp_path: Path) -> None:
    (tmp_path / "rb").mkdir()
    for name in ("index.html", "rb/ontgrendel.js", "boekje.pdf", "x.js.map"):
        (tmp_path / name).write_text("versleuteld", encoding="utf-8")
    lockpage.write_service_worker(tmp_path)
    script = (tmp_path / "sw.js").read_text(encoding="utf-8")
    listed = re.search(r"var FILES ?= ?(\[.*?\]);", script, re.DOTALL)  # shipped compacted
    assert listed
    files = json.loads(listed[1])
    assert files == ["boekje.pdf", "index.html", "rb/ontgrendel.js"]
    first = re.search(r'var VERSION ?= ?"(\w+)"', script)
    (tmp_path / "index.html").write_text("nieuw", encoding="utf-8")
    lockpage.write_service_worker(tmp_path)
    again = re.search(r'var VERSION ?= ?"(\w+)"', (tmp_path / "sw.js").read_text(encoding="utf-8"))
    assert first
    assert again
    assert first[1] != again[1]  # a new build replaces the old cache


@pytest.fixture(scope="module")
def built_booklet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """teun's booklet built once (no PDF) with the build's time before and after."""
    tmp = tmp_path_factory.mktemp("boekje")
    project = buildkit.make_project(tmp, {"teun": (EXAMPLES / "teun.yml").read_text()})
    group = load_group(project.groups_dir / "teun.yml")
    before = int(time.time())
    dest = tmp / "boekjes" / TOKEN
    build_booklet(project, group, buildkit.DEMO_PASSWORD, dest, pdf=False, today=buildkit.TODAY)
    return dest, before, int(time.time())


def test_no_booklet_page_has_an_inline_script(
    built_booklet: tuple[Path, int, int],
) -> None:
    """The booklet theme writes no inline script, so the policy needs no exception for one."""
    folder = built_booklet[0]
    for name, html in buildkit.decrypted_pages(folder).items():
        shell = (folder / name).read_text(encoding="utf-8").replace("&#39;", "'")
        assert not INLINE_SCRIPT.search(html), name
        assert "<script src=" in html, name  # the booklet's own files: keys, lock, agenda
        assert _script_src(shell) == ["'self'"], name


def test_the_build_counter_is_the_build_time(built_booklet: tuple[Path, int, int]) -> None:
    folder, before, after = built_booklet
    pages = [
        buildkit.payload_of(page.read_text(encoding="utf-8")) for page in folder.glob("*.html")
    ]
    counters = {payload["n"] for payload in pages}
    assert len(counters) == 1  # one counter per build of a booklet, on every page
    counter = counters.pop()
    assert isinstance(counter, int)
    assert before <= counter <= after


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", "123456789012", "Welkom2024!!"])
def test_password_zelf_refuses_weak_passwords(tmp_path: Path, weak: str) -> None:
    from click.testing import CliRunner

    from resourceboek.cli.main import main

    stored = tmp_path / "w.yml"
    result = CliRunner().invoke(
        main,
        ["password", "teun", "--zelf", "--passwords", str(stored), "-f", CONFIG],
        input=f"{weak}\n{weak}\n",
    )
    assert result.exit_code == 1, result.output
    assert "Wachtwoord geweigerd: het wachtwoord is te makkelijk te raden" in result.output
    assert weak not in result.output  # never repeated
    assert not stored.exists()


def test_random_characters_are_told_how_many_they_need() -> None:
    # zxcvbn counts about 10 guesses for a character it finds in no pattern, so 14 random
    # characters fall just under 10^14 guesses: the message says how long such a password must be.
    [problem] = protect.password_problems("D31KJac2YUEwGO", "Teun de Vries")
    assert f"Gebruik je losse tekens? Neem er dan minstens {protect.MIN_RANDOM_LENGTH}." in problem
    assert protect.password_problems("D31KJac2YUEwGOq7", "Teun de Vries") == []
    # A sentence of own words gets the usual advice only.
    [problem] = protect.password_problems("de zon schijnt", "Teun de Vries")
    assert "losse tekens" not in problem
