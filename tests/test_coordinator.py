"""End to end: a coordinator's week in a temporary folder outside a clone of the repository.

init, new (three groups), password, check, build, status, handout; then one broken file. Nothing
may be written into the clone except the git-ignored site/; the werkmap and its files stay private.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from buildkit import snapshot
from pathkit import ROOT, poppler
from resourceboek.cli.main import main

pytestmark = pytest.mark.pdf  # makes PDFs with WeasyPrint
GROUPS = ("groep-a", "groep-b", "groep-c")
VARIANTS = {"groep-b": "jongeren"}
BASE_URL = "https://boekjes.example.org/boekjes/"  # where site/boekjes/ is published
GIT = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.org")


def _clone(dest: Path) -> Path:
    """A git repository with the project's tracked files as they are in the working tree now."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    # The organisation's contact, which the handout names (empty in the shipped mkdocs.yml).
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('telefoon: ""', 'telefoon: "010 123 45 67"', 1)
    config.write_text(text.replace('naam: ""', 'naam: "GGZ Voorbeeld"', 1), encoding="utf-8")
    subprocess.run([*GIT, "init", "-q", str(dest)], check=True)
    subprocess.run([*GIT, "-C", str(dest), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(dest), "commit", "-qm", "kloon"], check=True)
    return dest


def _git_status(clone: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(clone), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _pdf_text(path: Path) -> str:
    proc = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    return " ".join(proc.stdout.split())


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@dataclass
class Week:
    clone: Path
    werkmap: Path
    outputs: dict[str, str]
    passwords: dict[str, str]

    def run(self, *args: str) -> tuple[int, str]:
        config = ["-f", str(self.clone / "mkdocs.yml"), "-w", str(self.werkmap)]
        result = CliRunner().invoke(main, [*args, *config], prog_name="resourceboek")
        return result.exit_code, result.output

    @property
    def site(self) -> Path:
        return self.clone / "site"

    def tokens(self) -> dict[str, str]:
        text = (self.werkmap / "bouwgegevens" / "tokens.yml").read_text(encoding="utf-8")
        return dict(yaml.safe_load(text))


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Week:
    """The coordinator's week up to the handouts; every step's output kept for the tests."""
    poppler("pdftotext")
    clone = _clone(tmp_path_factory.mktemp("kloon"))
    werkmap = tmp_path_factory.mktemp("prive") / "werkmap"
    w = Week(clone, werkmap, {}, {})
    init = ["init", str(werkmap), "-f", str(clone / "mkdocs.yml")]
    result = CliRunner().invoke(main, init, prog_name="resourceboek")
    assert result.exit_code == 0, result.output
    steps: list[tuple[str, ...]] = [
        ("new", gid, "--variant", VARIANTS.get(gid, "volwassenen")) for gid in GROUPS
    ]
    steps += [("password", gid) for gid in GROUPS]
    for step in steps:
        code, output = w.run(*step)
        assert code == 0, f"{step}: {output}"
        w.outputs[" ".join(step[:2])] = output
    settings = werkmap / "instellingen.yml"
    settings.write_text(f"base_url: {BASE_URL}\n", encoding="utf-8")
    w.passwords = dict(yaml.safe_load((werkmap / "wachtwoorden.yml").read_text(encoding="utf-8")))
    later: list[tuple[str, ...]] = [
        ("check",),
        ("build", "--no-pdf", "--jobs", "2"),
        ("status",),
        ("handout", "groep-a"),
    ]
    for step in later:
        code, output = w.run(*step)
        assert code == 0, f"{step}: {output}"
        w.outputs[step[0]] = output
    return w


def test_the_werkmap_and_its_files_are_private(week: Week) -> None:
    assert _mode(week.werkmap) == 0o700
    for sub in ("groepen", "bouwgegevens", "afdruk"):
        assert _mode(week.werkmap / sub) == 0o700
    state = list((week.werkmap / "bouwgegevens").rglob("*"))
    secrets = [week.werkmap / "wachtwoorden.yml", *(p for p in state if p.is_file())]
    secrets += [week.werkmap / "groepen" / f"{gid}.yml" for gid in GROUPS]
    secrets += list((week.werkmap / "afdruk").iterdir())
    assert len(secrets) >= 3 + 3 + 2
    for path in secrets:
        assert _mode(path) == 0o600, path
    for folder in (p for p in state if p.is_dir()):  # the compiled templates
        assert _mode(folder) == 0o700, folder


def test_nothing_is_written_into_the_clone(week: Week) -> None:
    assert _git_status(week.clone) == ""
    assert (week.site / "boekjes").is_dir()  # the build did write, into the ignored site/


def test_every_group_has_a_strong_spoken_password(week: Week) -> None:
    assert set(week.passwords) == set(GROUPS)
    assert len(set(week.passwords.values())) == 3
    for gid in GROUPS:
        assert week.passwords[gid] in week.outputs[f"password {gid}"]
        assert "bits" in week.outputs[f"password {gid}"]


def test_build_output_maps_no_group_to_a_token_off_a_terminal(week: Week) -> None:
    output = week.outputs["build"]
    assert "resourceboek status" in output
    for gid, token in week.tokens().items():
        assert token not in output
        assert f"'{gid}'" not in output
    for password in week.passwords.values():
        assert password not in output


def test_the_booklets_folder_lists_nothing(week: Week) -> None:
    index = (week.site / "boekjes" / "index.html").read_text(encoding="utf-8")
    assert "Open je boekje met de link" in index
    for gid, token in week.tokens().items():
        assert token not in index
        assert gid not in index


def test_status_shows_a_link_per_group(week: Week) -> None:
    lines = week.outputs["status"].splitlines()
    assert lines[0].split()[:3] == ["groep", "variant", "fase"]
    for gid, token in week.tokens().items():
        (line,) = [row for row in lines if row.startswith(gid + " ")]
        assert line.rstrip().endswith(f"{BASE_URL}{token}/")
        assert " ja " in line  # the password is set
    code, output = week.run("status", "--csv")
    assert code == 0
    assert output.splitlines()[0].startswith("groep,variant,fase")
    assert len(output.splitlines()) == 1 + len(GROUPS)


def test_handout_sheet_has_the_link_and_the_slip_the_password(week: Week) -> None:
    prints = week.werkmap / "afdruk"
    link = f"{BASE_URL}{week.tokens()['groep-a']}/"
    password = week.passwords["groep-a"]
    sheet = _pdf_text(prints / "groep-a-uitdeelblad.pdf").replace(" ", "")
    slip = _pdf_text(prints / "groep-a-wachtwoord.pdf")
    assert link in sheet  # pdftotext may break the long link over two lines
    assert password.replace(" ", "") not in sheet
    assert "Openen" in sheet
    assert "010123" in sheet
    assert password in slip
    assert "boekjes" not in slip
    assert week.tokens()["groep-a"] not in slip


def test_one_broken_file_holds_back_only_its_own_booklet(week: Week) -> None:
    tokens = week.tokens()
    before = {gid: snapshot(week.site / "boekjes" / tokens[gid]) for gid in GROUPS}
    groups = week.werkmap / "groepen"
    for gid in ("groep-a", "groep-c"):
        path = groups / f"{gid}.yml"
        text = path.read_text(encoding="utf-8")
        renamed = text.replace("groepsnaam: De groep van", "groepsnaam: Het team van")
        path.write_text(renamed, encoding="utf-8")
    broken = groups / "groep-b.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nfase: [\n", encoding="utf-8")
    code, output = week.run("build", "--no-pdf", "--jobs", "2")
    assert code == 1, output
    assert "groep-b.yml" in output
    assert snapshot(week.site / "boekjes" / tokens["groep-b"]) == before["groep-b"]
    for gid in ("groep-a", "groep-c"):
        assert snapshot(week.site / "boekjes" / tokens[gid]) != before[gid], gid
    assert _git_status(week.clone) == ""
