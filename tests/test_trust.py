"""Whom the werkmap trusts: refused when others can change it, a warning when others can read a
secret, and nothing in it (or in the cache folder) ever loaded as code or holding a key."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from buildkit import DEMO_PASSWORD, TODAY, build, make_project
from pathkit import CONFIG, EXAMPLES
from resourceboek.adapters import booklet
from resourceboek.adapters.booklet import build_booklet
from resourceboek.adapters.worker import Worker
from resourceboek.cli.main import main
from resourceboek.groupfile.load import load_group
from resourceboek.pages.render import BOOKLET_PAGES, make_environment
from resourceboek.project.workspace import demo_state_dir, init_workspace
from resourceboek.protection import keystore, lockpage

NOBODY = 65534  # another user and a group this process is not in (we run as root here)
SECRET_TEXT = "lantaarn-proef-boekje-zeventig"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args], prog_name="resourceboek")
    return result.exit_code, result.output


def status(werkmap: Path) -> tuple[int, str]:
    return run("status", "-w", str(werkmap), "-f", CONFIG)


# --------------------------------------------------------------------------- init


def test_init_refuses_an_open_empty_folder_of_another_user(tmp_path: Path) -> None:
    folder = tmp_path / "van-een-ander"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    os.chown(folder, NOBODY, NOBODY)
    code, output = run("init", str(folder), "-f", CONFIG)
    assert code == 1
    assert "niet van jou" in output
    assert "alleen voor jou" not in output
    assert list(folder.iterdir()) == []


def test_init_refuses_a_folder_under_a_parent_anyone_can_write(tmp_path: Path) -> None:
    parent = tmp_path / "open"
    parent.mkdir()
    parent.chmod(0o777)  # no sticky bit: anyone may rename the werkmap away and put another
    code, output = run("init", str(parent / "werkmap"), "-f", CONFIG)
    assert code == 1
    assert "iedereen kan in deze map schrijven" in output
    assert not (parent / "werkmap").exists()


def test_init_closes_an_open_empty_folder_of_ones_own(tmp_path: Path) -> None:
    folder = tmp_path / "eigen"
    folder.mkdir()
    folder.chmod(0o777)
    code, output = run("init", str(folder), "-f", CONFIG)
    assert code == 0, output
    assert folder.stat().st_mode & 0o777 == 0o700


# --------------------------------------------------------------------------- every command


def _chmod(relative: str, mode: int) -> Callable[[Path], None]:
    return lambda root: (root / relative).chmod(mode)


def _chown(relative: str, uid: int, gid: int, mode: int) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        os.chown(root / relative, uid, gid)
        (root / relative).chmod(mode)

    return change


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (_chmod(".", 0o777), "iedereen op deze computer kan hierin schrijven"),
        (_chmod("bouwgegevens", 0o703), "iedereen op deze computer kan hierin schrijven"),
        (_chmod("instellingen.yml", 0o666), "iedereen op deze computer kan hierin schrijven"),
        (_chown(".", NOBODY, NOBODY, 0o700), "is niet van jou"),
        (_chown("bouwgegevens", NOBODY, NOBODY, 0o700), "is niet van jou"),
        (_chown(".", 0, NOBODY, 0o770), "jij zit niet in die groep"),
    ],
    ids=[
        "werkmap-777",
        "bouwgegevens-o+w",
        "instellingen-666",
        "werkmap-ander",
        "bouw-ander",
        "groep",
    ],
)
def test_a_werkmap_others_can_change_is_refused(
    tmp_path: Path, change: Callable[[Path], None], said: str
) -> None:
    root = init_workspace(tmp_path / "w").root
    change(root)
    code, output = status(root)
    assert code == 1
    assert said in output
    assert "wordt niet gebruikt" in output


def test_a_team_werkmap_shared_through_ones_own_group_is_used(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "w").root
    os.chown(root, os.geteuid(), os.getegid())
    for path in (root, root / "groepen", root / "bouwgegevens"):
        path.chmod(0o770)
    (root / "wachtwoorden.yml").chmod(0o640)  # the team may read it: no warning either
    code, output = status(root)
    assert code == 0, output
    assert "LET OP" not in output


@pytest.mark.parametrize("secret", ["wachtwoorden.yml", "bouwgegevens/tokens.yml"])
def test_a_secret_others_can_read_draws_a_warning(tmp_path: Path, secret: str) -> None:
    root = init_workspace(tmp_path / "w").root
    path = root / secret
    path.write_text(f"teun: {SECRET_TEXT}\n", encoding="utf-8")
    path.chmod(0o644)
    code, output = status(root)
    assert code == 0, output
    assert f"LET OP: {path} is leesbaar voor anderen" in output
    assert f"chmod 600 {path}" in output
    assert SECRET_TEXT not in output
    path.chmod(0o600)
    assert "LET OP" not in status(root)[1]


# --------------------------------------------------------------------------- no code from disk


class _Planted:
    """A pickle that makes a folder when it is loaded: proof that a file was run as code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def _plant_compiled_templates(project_state: Path, project: object, marker: Path) -> Path:
    """Files named as Jinja's file cache names the booklet's compiled templates, each a pickle
    that runs code: what a colleague who can write the werkmap could leave there."""
    folder = project_state / "sjablooncode"
    folder.mkdir(parents=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    ours = make_environment(project.templates_dir)  # type: ignore[attr-defined]
    ours.bytecode_cache = cache
    for name in [p.template for p in BOOKLET_PAGES] + [lockpage.SHELL_TEMPLATE]:
        ours.get_template(name)
    dest = project_state / "x"
    raw = booklet.booklet_config_dict(project, dest, False)  # type: ignore[arg-type]
    theme = Worker().configs.config(project.config_file, raw, dest, {}).theme.get_env()  # type: ignore[attr-defined]
    theme.bytecode_cache = cache
    for name in theme.list_templates(filter_func=lambda n: n.endswith(".html")):
        try:
            theme.get_template(name)
        except jinja2.TemplateError:
            continue  # a partial that only compiles inside its page
    bomb = jinja2.bccache.bc_magic + pickle.dumps(_Planted(marker))
    for path in folder.iterdir():
        path.write_bytes(bomb)
    return folder


def test_a_planted_compiled_template_is_never_loaded(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {})
    marker = tmp_path / "uitgevoerd"
    planted = _plant_compiled_templates(project.state_dir, project, marker)
    assert len(list(planted.iterdir())) >= 10  # the pages, the lock page and the theme
    group = load_group(EXAMPLES / "teun.yml")
    dest = tmp_path / "boekje" / "t0ken"
    dest.parent.mkdir()
    build_booklet(project, group, DEMO_PASSWORD, dest, pdf=False, today=TODAY, worker=Worker())
    assert (dest / "index.html").is_file()
    assert not marker.exists()


# --------------------------------------------------------------------------- no werkmap


KEY_FILES = (keystore.FILE_NAME, keystore.LOCAL_SECRET_NAME, keystore.ACCEPTED_FILE_NAME)


def test_without_a_werkmap_no_key_is_kept_on_disk(tmp_path: Path) -> None:
    named = make_project(tmp_path)  # --groups and --passwords, no werkmap: the state goes to
    project = named.with_overrides(state_dir=demo_state_dir(named))  # the cache folder
    assert project.state_dir.is_relative_to(keystore.cache_root())
    project.state_dir.mkdir(parents=True)
    (project.state_dir / keystore.LOCAL_SECRET_NAME).write_bytes(os.urandom(32))  # an old one
    first = build(project)
    again = build(project)
    assert first.tokens == again.tokens  # the links stay (tokens.yml is kept)
    left = {p.name for p in project.state_dir.iterdir()}
    assert not left & set(KEY_FILES), left
    assert (project.state_dir / "tokens.yml").is_file()


def test_a_named_state_folder_keeps_the_keys(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    build(project)
    assert {p.name for p in project.state_dir.iterdir()} >= set(KEY_FILES)
