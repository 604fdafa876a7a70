"""A coordinator's first week, outside the clone, following only the README.

The current folder is a temporary one (no mkdocs.yml there: the commands find the project they were
installed from), the werkmap comes from `resourceboek init` and RESOURCEBOEK_WORKSPACE, three groups
from `new`, and one of them gets a YAML error. That file is that group's problem alone: `status`
lists all three and marks it, `password`, `build --only`, `handout` and `letters` work for a sound
group. The QR code on the handout opens the booklet from a local web server serving `site/boekjes/`
at `base_url`.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
import zxingcpp
from click.testing import CliRunner
from PIL import Image

from pathkit import poppler
from resourceboek.cli.main import main
from resourceboek.groupfile import consent
from resourceboek.groupfile.load import load_group

pytestmark = pytest.mark.pdf

GROUPS = ("groep-a", "groep-b", "groep-c")
SOUND, BROKEN = "groep-a", "groep-c"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="resourceboek")
    return result.exit_code, result.output


@pytest.fixture
def booklets_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving `site/boekjes/` (the address and the site folder)."""
    site = tmp_path / "site"
    (site / "boekjes").mkdir(parents=True)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(site / "boekjes")
    )
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Week:
    werkmap: Path
    site: Path
    base_url: str
    outputs: dict[str, str]


@pytest.fixture
def week(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, booklets_server: tuple[str, Path]
) -> Week:
    """Init, three new groups, one broken, a password for the sound one; run from tmp_path."""
    base_url, site = booklets_server
    shutil.rmtree(site)  # the build makes it; the server serves whatever is there by then
    here = tmp_path / "ergens"
    here.mkdir()
    monkeypatch.chdir(here)
    werkmap = tmp_path / "werkmap"
    code, output = run("init", str(werkmap))
    assert code == 0, output
    monkeypatch.setenv("RESOURCEBOEK_WORKSPACE", str(werkmap))
    settings = werkmap / "instellingen.yml"
    text = settings.read_text(encoding="utf-8")
    assert 'base_url: ""' in text
    settings.write_text(text.replace('base_url: ""', f'base_url: "{base_url}"'), "utf-8")
    outputs = {}
    for gid in GROUPS:
        code, outputs[f"new {gid}"] = run("new", gid)
        assert code == 0, outputs[f"new {gid}"]
    broken = werkmap / "groepen" / f"{BROKEN}.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nfase: [\n", encoding="utf-8")
    return Week(werkmap, site, base_url, outputs)


def _decode_qr(pdf: Path, tmp: Path) -> str:
    subprocess.run(
        [
            poppler("pdftoppm"),
            "-r",
            "150",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp / "blad"),
        ],
        check=True,
    )
    [page] = sorted(tmp.glob("blad*.png"))
    [code] = zxingcpp.read_barcodes(Image.open(page))
    return str(code.text)


def test_a_broken_file_is_its_groups_problem_alone_and_the_qr_code_opens_the_booklet(
    week: Week, tmp_path: Path
) -> None:
    code, output = run("status")
    assert code == 0, output
    rows = {line.split()[0]: line for line in output.splitlines()[1:] if line.startswith("groep-")}
    assert sorted(rows) == list(GROUPS)
    assert "nee (fout in het bestand)" in rows[BROKEN]
    assert "fout" not in rows[SOUND]
    assert f"resourceboek check {week.werkmap / 'groepen'}" in output

    code, output = run("password", SOUND)
    assert code == 0, output
    password = yaml.safe_load((week.werkmap / "wachtwoorden.yml").read_text("utf-8"))[SOUND]

    code, output = run("build", "--no-pdf", "--only", SOUND, "--site-dir", str(week.site))
    assert code == 0, output
    assert f"{BROKEN}.yml" not in output
    tokens = yaml.safe_load((week.werkmap / "bouwgegevens" / "tokens.yml").read_text("utf-8"))

    code, output = run("handout", SOUND)
    assert code == 0, output
    sheet = week.werkmap / "afdruk" / f"{SOUND}-uitdeelblad.pdf"
    link = _decode_qr(sheet, tmp_path)
    assert link == f"{week.base_url}{tokens[SOUND]}/"
    with urllib.request.urlopen(link, timeout=10) as response:  # noqa: S310 (our local server)
        assert response.status == 200
        page = response.read().decode("utf-8")
    assert 'id="rb-versleuteld"' in page
    assert password not in page

    # No letter leaves before the client agreed; then the coordinator records it and prints.
    code, output = run("letters", SOUND)
    assert code == 1, output
    assert "toestemming" in output
    assert not list((week.werkmap / "afdruk").glob(f"uitnodiging-{SOUND}-*.pdf"))
    _record_consent(week.werkmap / "groepen" / f"{SOUND}.yml")
    code, output = run("letters", SOUND)
    assert code == 0, output
    assert f"Gemaakt: {week.werkmap / 'afdruk'}" in output
    assert list((week.werkmap / "afdruk").glob(f"uitnodiging-{SOUND}-*.pdf"))


def _record_consent(path: Path) -> None:
    """What the coordinator writes after asking the client: every letter's reader may get one."""
    groep = load_group(path).groep
    readers = consent.letter_recipients(groep, dt.date.today())
    assert readers
    block = "".join(
        f"  {key}:\n    datum: {dt.date.today().isoformat()}\n    delen: [uitnodiging]\n"
        for key in readers
    )
    text = path.read_text(encoding="utf-8")
    assert "\ntoestemming: {}\n" in text
    path.write_text(text.replace("\ntoestemming: {}\n", f"\ntoestemming:\n{block}"), "utf-8")


def test_the_check_tips_work_exactly_as_printed(week: Week) -> None:
    # From `new`'s message: the full path.
    tip = week.outputs[f"new {SOUND}"].split("controleer het met: ", 1)[1].strip()
    assert tip.startswith("resourceboek check ")
    code, output = run(*tip.split()[1:])
    assert code == 0, output
    # From the file itself: the bare file name, from any folder.
    text = (week.werkmap / "groepen" / f"{SOUND}.yml").read_text(encoding="utf-8")
    assert f"resourceboek check {SOUND}.yml" in text
    code, output = run("check", f"{SOUND}.yml")
    assert code == 0, output
    assert output.strip().endswith("het boekje is nog niet klaar om uit te reiken.")
    # The broken one: Dutch, without PyYAML's English.
    code, output = run("check", f"{BROKEN}.yml")
    assert code == 1
    assert "geen geldige YAML: het bestand houdt op terwijl een [ of { nog open staat" in output
    assert "expected" not in output
    assert "YAML zegt" not in output
