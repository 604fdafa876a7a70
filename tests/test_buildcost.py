"""What makes a large build cheap changes nothing a reader sees.

A worker's caches (Material's environment and file listing, the validated base config, compiled
texts), keys kept between builds, the password check done once, identical assets stored once on
disk, and a no-change rebuild that loads no rendering library.
"""

from __future__ import annotations

import base64
import gc
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import markdown
import pytest
from mkdocs.plugins import PluginCollection

from buildkit import (
    DEMO_PASSWORD,
    EXAMPLES,
    ROOT,
    TODAY,
    booklet_dir,
    build,
    decrypted_pages,
    make_project,
    markdown_page_templates,
    payload_of,
)
from rbbench import DEFAULT_SEED
from rbbench.measures import HEAVY
from rbbench.synthetic import group_yaml, make_group
from resourceboek.adapters import booklet
from resourceboek.adapters.booklet import build_booklet
from resourceboek.adapters.booklet_plugin import BookletPlugin
from resourceboek.adapters.mkdocs_config import validated_config
from resourceboek.adapters.upstream import SHAREABLE_EXTENSIONS
from resourceboek.adapters.worker import MemoryBytecodeCache, Worker
from resourceboek.files.sharedfiles import UNIQUE_SUFFIXES
from resourceboek.groupfile.load import load_group
from resourceboek.pages.rawblocks import RawBlocks
from resourceboek.pages.render import make_environment, render_booklet
from resourceboek.project.destinations import SITE_MARKER
from resourceboek.protection import keystore, lockpage, protect
from resourceboek.protection.keystore import AcceptedPasswords, KeyStore

TESTS = Path(__file__).resolve().parent


class _PlainConfigs:
    """MkDocs as it is used without a worker's caches: validated anew, a fresh environment, and
    every page's Markdown, HTML blocks included, left to Python-Markdown."""

    def config(
        self, config_file: Path, raw: dict[str, Any], site_dir: Path, plugins: dict[str, Any]
    ) -> Any:
        config = validated_config(config_file, {**raw, "site_dir": str(site_dir)})
        collection = PluginCollection()
        for name, plugin in plugins.items():
            collection[name] = BookletPlugin(plugin.job, raw_blocks=False)
        config["plugins"] = collection
        return config


class _PlainWorker(Worker):
    """A worker that keeps nothing between booklets: the reference for the cached one."""

    @property
    def configs(self) -> Any:  # type: ignore[override]
        return _PlainConfigs()

    def templates(self, override_dir: Path) -> jinja2.Environment:
        return make_environment(override_dir)

    def bytecode(self) -> jinja2.BytecodeCache:
        return MemoryBytecodeCache()  # a fresh one per booklet: nothing compiled is reused


def _booklet(
    tmp: Path,
    name: str,
    worker: Worker,
    source: Path = EXAMPLES / "teun.yml",
    markdown_pages: bool = False,
) -> Path:
    """One booklet; `markdown_pages`: every page from an organisation's Markdown template (our
    HTML templates with their headings as Markdown), so Python-Markdown renders every page."""
    project = make_project(tmp / "project")
    if markdown_pages:
        project = project.with_overrides(
            templates_dir=markdown_page_templates(tmp / "markdown-sjablonen")
        )
    dest = tmp / name / "t0ken"
    dest.parent.mkdir(parents=True)
    group = load_group(source)
    build_booklet(project, group, DEMO_PASSWORD, dest, pdf=False, today=TODAY, worker=worker)
    return dest


def _files(folder: Path) -> dict[str, bytes]:
    """Every file but the pages (compared decrypted) and sw.js (it hashes the ciphertexts)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".html" and p.name != "sw.js"
    }


def test_a_warm_worker_builds_the_same_booklet_as_plain_mkdocs(tmp_path: Path) -> None:
    warm = Worker()
    _booklet(tmp_path, "eerst-sam", warm, EXAMPLES / "sam.yml")
    _booklet(tmp_path, "eerst-teun", warm)
    cached = _booklet(tmp_path, "warm", warm)  # the third booklet of this worker: all caches hot
    plain = _booklet(tmp_path, "zonder", _PlainWorker())
    assert decrypted_pages(cached) == decrypted_pages(plain)
    assert sorted(decrypted_pages(cached)) == sorted(p.name for p in plain.glob("*.html"))
    assert _files(cached) == _files(plain)
    for page in plain.glob("*.html"):  # the shells differ only in their ciphertext
        shell = lockpage.PAYLOAD.sub(r"\1\3", page.read_text(encoding="utf-8"))
        assert (
            lockpage.PAYLOAD.sub(r"\1\3", (cached / page.name).read_text(encoding="utf-8")) == shell
        )


def test_shared_markdown_extensions_are_all_there_and_keep_no_page(tmp_path: Path) -> None:
    """Every configured extension is still used (as a shared object or by name, as MkDocs does),
    and a worker that built many booklets keeps none of their Markdown instances alive."""
    gc.collect()  # what earlier tests in this process left alive (a preview's last page) is not ours
    before = {id(obj) for obj in gc.get_objects() if isinstance(obj, markdown.Markdown)}
    worker = Worker()
    for index in range(4):
        _booklet(tmp_path, f"boekje-{index}", worker, EXAMPLES / ("sam.yml", "teun.yml")[index % 2])
    project = make_project(tmp_path / "project")
    raw = validated_config(project.config_file, {**project.raw, **_BOOKLET_MARKDOWN})
    (base,) = worker.configs._bases.values()
    assert len(base.markdown_extensions) == len(raw.markdown_extensions)
    for name, used in zip(raw.markdown_extensions, base.markdown_extensions, strict=True):
        if isinstance(used, str):
            assert used == name
            assert name not in SHAREABLE_EXTENSIONS
        else:
            built = markdown.Markdown().build_extension(name, raw.mdx_configs.get(name, {}))
            assert type(used) is type(built)
            assert used.getConfigs() == built.getConfigs()
    gc.collect()
    alive = [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, markdown.Markdown) and id(obj) not in before
    ]
    assert len(alive) <= 1, "a shared extension keeps the Markdown instances of earlier pages"


_BOOKLET_MARKDOWN = {"markdown_extensions": booklet.BOOKLET_MARKDOWN}


@pytest.mark.parametrize("index", [1, 2, 7])
def test_the_booklets_few_markdown_extensions_change_no_page(
    tmp_path: Path, index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page in an organisation's Markdown template gets plain Markdown with attr_list and toc:
    the same pages as with all of the handbook's extensions (every field filled, both variants)."""
    source = tmp_path / f"groep-{index:04d}.yml"
    source.write_text(group_yaml(make_group(index, DEFAULT_SEED)), encoding="utf-8")
    few = _booklet(tmp_path, "weinig", Worker(), source, markdown_pages=True)
    handbook = make_project(tmp_path / "handboek").raw["markdown_extensions"]
    assert len(handbook) > len(booklet.BOOKLET_MARKDOWN) + 5
    monkeypatch.setattr(booklet, "BOOKLET_MARKDOWN", handbook)
    every = _booklet(tmp_path, "alle", Worker(), source, markdown_pages=True)
    assert decrypted_pages(few) == decrypted_pages(every)


@pytest.mark.parametrize("index", [1, 2, 7])
def test_html_blocks_set_aside_from_markdown_change_no_page(tmp_path: Path, index: int) -> None:
    """Synthetic groups of both variants, every field filled, every page from an organisation's
    Markdown template: the same pages both ways."""
    source = tmp_path / f"groep-{index:04d}.yml"
    source.write_text(group_yaml(make_group(index, DEFAULT_SEED)), encoding="utf-8")
    fast = _booklet(tmp_path, "snel", Worker(), source, markdown_pages=True)
    plain = _booklet(tmp_path, "gewoon", _PlainWorker(), source, markdown_pages=True)
    assert decrypted_pages(fast) == decrypted_pages(plain)


def test_the_booklet_pages_html_blocks_are_set_aside(tmp_path: Path) -> None:
    """In an organisation's Markdown templates (ours with Markdown headings)."""
    templates = markdown_page_templates(tmp_path)
    pages = render_booklet(
        load_group(EXAMPLES / "teun.yml").groep, TODAY, make_environment(templates)
    )
    raw = RawBlocks()
    markdown = {name: raw.set_aside(text) for name, text in pages.items()}
    assert len(raw.blocks) >= 2 * len(pages)  # the forms and the crisis card, on every page
    assert (
        sum(t.count("<") for t in markdown.values()) < sum(t.count("<") for t in pages.values()) / 4
    )
    assert all(any(block in text for text in pages.values()) for block in raw.blocks)


def _salt(folder: Path) -> str:
    return str(payload_of((folder / "index.html").read_text(encoding="utf-8"))["salt"])


def test_a_rebuild_reuses_the_key_and_a_new_password_gets_a_new_one(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = build(project)
    salts = {gid: _salt(booklet_dir(project, first, gid)) for gid in ("sam", "teun")}
    project.templates_dir.mkdir()
    template = ROOT / "plugins" / "resourceboek" / "templates" / "contacten.html.j2"
    own = template.read_text(encoding="utf-8") + "\nEigen tekst.\n"
    (project.templates_dir / "contacten.html.j2").write_text(own, encoding="utf-8")
    again = build(project)
    assert sorted(again.built) == ["handboek", "sam", "teun"]
    # The same salt: the key was not derived again (and a key a phone remembers still fits).
    assert {gid: _salt(booklet_dir(project, again, gid)) for gid in salts} == salts
    new_password = "zeilboot winterjas lepel kaars"
    lines = project.passwords_file.read_text(encoding="utf-8").replace(
        f"teun: {DEMO_PASSWORD}", f"teun: {new_password}"
    )
    project.passwords_file.write_text(lines, encoding="utf-8")
    third = build(project)
    assert third.built == ["teun"]
    folder = booklet_dir(project, third, "teun")
    assert _salt(folder) != salts["teun"]
    assert "Eigen tekst." in decrypted_pages(folder, new_password)["contacten.html"]


def test_the_key_store_is_private_and_holds_no_secret_in_clear(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    build(project)
    store = project.state_dir / keystore.FILE_NAME
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    records = json.loads(store.read_text(encoding="utf-8"))
    assert sorted(records) == ["sam", "teun"]
    secret = keystore.local_secret(project.state_dir)
    key = KeyStore(project.state_dir, secret).lookup("teun", DEMO_PASSWORD)
    assert key is not None
    derived = protect.derive_key(DEMO_PASSWORD, key.salt)
    assert derived.key == key.key
    text = store.read_bytes()
    for secret_form in (DEMO_PASSWORD.encode(), key.key, key.key.hex().encode()):
        assert secret_form not in text
    assert base64.b64encode(key.key) not in text


def test_a_key_record_opens_only_for_its_group_and_password(tmp_path: Path) -> None:
    secret = os.urandom(32)
    store = KeyStore(tmp_path, secret)
    key = protect.derive_key("paars huis fiets", b"s" * 16, 1000)
    store.remember("teun", "paars huis fiets", key)
    store.save()
    again = KeyStore(tmp_path, secret)
    found = again.lookup("teun", " paars  huis fiets ")  # the password as it is used
    assert found is not None
    assert (found.salt, found.key) == (key.salt, key.key)
    assert again.lookup("teun", "paars huis fiets!") is None
    assert again.lookup("sam", "paars huis fiets") is None
    assert KeyStore(tmp_path, os.urandom(32)).lookup("teun", "paars huis fiets") is None
    records = json.loads((tmp_path / keystore.FILE_NAME).read_text(encoding="utf-8"))
    records["sam"] = records["teun"]  # a record moved to another group does not open
    (tmp_path / keystore.FILE_NAME).write_text(json.dumps(records), encoding="utf-8")
    assert KeyStore(tmp_path, secret).lookup("sam", "paars huis fiets") is None


def test_the_password_check_runs_once_per_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []

    def counting(password: str, client: str) -> list[str]:
        checked.append(client)
        return ["te zwak"] if password == "zwak" else []

    monkeypatch.setattr(keystore, "password_problems", counting)
    secret = os.urandom(32)
    first = AcceptedPasswords(tmp_path, secret)
    assert first.problems("teun", "sterk genoeg", "Teun") == []
    assert first.problems("sam", "zwak", "Sam") == ["te zwak"]
    first.save()
    assert stat.S_IMODE((tmp_path / keystore.ACCEPTED_FILE_NAME).stat().st_mode) == 0o600
    assert b"sterk" not in (tmp_path / keystore.ACCEPTED_FILE_NAME).read_bytes()
    again = AcceptedPasswords(tmp_path, secret)
    assert again.problems("teun", "sterk genoeg", "Teun") == []
    assert again.problems("sam", "zwak", "Sam") == ["te zwak"]  # a refusal is never remembered
    assert again.problems("teun", "sterk genoeg", "Teun Bakker") == []  # another client name
    assert checked == ["Teun", "Sam", "Sam", "Teun Bakker"]


def _assets(folder: Path) -> dict[str, os.stat_result]:
    return {
        p.relative_to(folder).as_posix(): p.stat()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in UNIQUE_SUFFIXES and p.name != "sw.js"
    }


def test_identical_assets_are_stored_once_and_each_folder_stays_complete(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    report = build(project)
    sam, teun = (_assets(booklet_dir(project, report, gid)) for gid in ("sam", "teun"))
    assert sam.keys() == teun.keys()
    assert len(sam) > 10
    assert all(sam[name].st_ino == teun[name].st_ino for name in sam)
    # The build's store is not published; only the site's own marker sits beside its parts.
    hidden = [p for p in project.site_root.rglob(".*") if p != project.site_root / SITE_MARKER]
    assert not hidden
    alone = tmp_path / "los" / report.tokens["teun"]
    shutil.copytree(booklet_dir(project, report, "teun"), alone)  # copied on its own: complete
    assert (
        decrypted_pages(alone).keys() == decrypted_pages(booklet_dir(project, report, "sam")).keys()
    )
    assert all((alone / name).stat().st_size == teun[name].st_size for name in teun)
    # One changed group: its new folder shares the assets of the booklet carried over.
    path = project.groups_dir / "teun.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# gewijzigd\n", encoding="utf-8")
    again = build(project)
    assert again.built == ["teun"]
    new_teun = _assets(booklet_dir(project, again, "teun"))
    kept_sam = _assets(booklet_dir(project, again, "sam"))
    assert all(new_teun[name].st_ino == kept_sam[name].st_ino for name in kept_sam)


def test_a_no_change_rebuild_loads_no_rendering_library(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(TESTS)!r})\n"
        "from pathlib import Path\n"
        "from buildkit import build, make_project\n"
        f"report = build(make_project(Path({str(tmp_path)!r})))\n"
        "print(len(report.built), ' '.join(sorted(sys.modules)))\n"
    )
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, capture_output=True, text=True, check=True, timeout=300)
    assert first.stdout.split()[0] == "3"
    second = subprocess.run(run, capture_output=True, text=True, check=True, timeout=120)
    built, *modules = second.stdout.split()
    assert built == "0"
    # The benchmark's list; it holds zxcvbn too: the passwords were accepted in the first build.
    assert [m for m in modules if m in HEAVY or m.startswith(tuple(f"{h}." for h in HEAVY))] == []
