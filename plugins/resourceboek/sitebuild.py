"""The whole site: handbook plus every booklet, built beside the old site and swapped in at the end.

Incremental: each part has a fingerprint of its inputs (an HMAC under a local secret, so the cache
holds no plaintext and cannot be used to test password guesses); an unchanged part is carried over
from the previous site with hard links, without rendering. Atomic: nothing touches `site/` until
every part succeeded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import importlib.metadata
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, dutch
from .inputs import known_tokens, prepare_groups
from .keystore import AcceptedPasswords, KeyStore, local_secret
from .load import LoadedGroup
from .private_io import write_private
from .problems import Problem
from .project import Project
from .protect import BookletKey
from .secrets_store import tokens_for
from .sharedfiles import link_identical
from .worker import start_worker

HANDBOOK = "handboek"
BOOKLETS = "boekjes"
BOOKLETS_INDEX = "index.html"
# A neutral page in boekjes/, so that a server with directory listings does not list every token.
BOOKLETS_INDEX_HTML = (
    '<!doctype html>\n<html lang="nl">\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
    '<meta name="robots" content="noindex, nofollow">\n<title>Boekjes</title>\n'
    "<p>Open je boekje met de link die je hebt gekregen.</p>\n</html>\n"
)
PACKAGE_DIR = Path(__file__).parent
# The libraries whose output ends up in a booklet or the handbook: an upgrade rebuilds everything.
RENDERING_LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-to-pdf", "weasyprint", "markdown")


@dataclass(frozen=True, order=True)
class HeldBack:
    """A group whose booklet was not built because its input has errors."""

    id: str
    reason: str
    """Dutch, e.g. "fout in het groepsbestand"."""
    kept: bool = False
    """Its previous booklet stays published unchanged."""

    @property
    def outcome(self) -> str:
        return "het vorige boekje blijft staan" if self.kept else "er is nog geen boekje"

    def __str__(self) -> str:
        return f"{self.id} ({self.reason}; {self.outcome})"


@dataclass
class BuildReport:
    """What a build did, for the one-line summary."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    held_back: list[HeldBack] = field(default_factory=list)
    """Groups with errors: not built, their last good booklet carried over (exit code 1)."""
    problems: list[Problem] = field(default_factory=list)
    """The errors that held those groups back."""

    def summary(self) -> str:
        """One Dutch line: counts, time and, if any, the groups held back."""
        parts = [f"{len(self.built)} gebouwd", f"{len(self.unchanged)} ongewijzigd"]
        if self.failed:
            parts.append(f"{len(self.failed)} mislukt")
        if self.warnings:
            parts.append(dutch.count(len(self.warnings), "waarschuwing", "waarschuwingen"))
        text = f"Klaar: {', '.join(parts)}, {dutch.seconds(self.seconds)}"
        return f"{text}{self._held_back_text()}."

    def _held_back_text(self) -> str:
        held = self.held_back
        if not held:
            return ""
        head = f"; {dutch.count(len(held), 'groep', 'groepen')} tegengehouden"
        if len(held) == 1:
            return f"{head} ({held[0].reason}): {held[0].id} — {held[0].outcome}"
        return f"{head}: {dutch.names([str(h) for h in held], limit=10)}"

    def failure_text(self) -> str:
        """The failed parts grouped by reason: one broken stylesheet is one line, not 200."""
        by_reason: dict[str, list[str]] = {}
        for entry in self.failed:
            name, _, reason = entry.partition(": ")
            by_reason.setdefault(reason, []).append(name)
        lines = []
        for reason, names in by_reason.items():
            shown = ", ".join(names[:5])
            if len(names) > 5:
                shown += f" en {len(names) - 5} andere"
            lines.append(f"  {shown}: {reason}")
        return "\n".join(lines)


@dataclass(frozen=True)
class BuildOptions:
    """Choices from the command line."""

    pdf: bool = True
    jobs: int = os.cpu_count() or 1
    only: str | None = None
    strict: bool = False
    print_dir: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)


class BuildFailed(Exception):
    """A part failed to build; the old site was left as it was."""


Progress = Callable[[str, int, int], None]


def build_site(
    project: Project, opts: BuildOptions, progress: Progress | None = None
) -> BuildReport:
    """Build the handbook and all booklets into a staging folder, then swap it in.

    A group held back by its errors keeps its last good booklet (carried over unchanged).
    """
    start = time.monotonic()
    secret = local_secret(project.state_dir)
    accepted = AcceptedPasswords(project.state_dir, secret)
    inputs = prepare_groups(
        project, only=opts.only, strict=opts.strict, today=opts.today, accepted=accepted
    )
    accepted.save()
    groups = inputs.groups
    report = BuildReport(warnings=inputs.warnings, problems=inputs.problems)
    tokens_file = project.state_dir / "tokens.yml"
    report.tokens = tokens_for(tokens_file, [g.id for g in groups])
    site = project.site_root
    run = _SiteBuild(project, opts, {g.id: g for g in groups}, inputs.passwords, report)
    run.held = {gid: inputs.held[gid] for gid in sorted(inputs.held)}
    run.held_tokens = known_tokens(tokens_file, run.held) if run.held else {}
    new_cache = run.plan(secret, _read_cache(project.state_dir))
    if run.todo or not run.site_is_complete():
        run.keys = KeyStore(project.state_dir, secret)
        staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.nieuw-", dir=site.parent))
        try:
            run.carry_over(staging)
            run.build(staging, progress)
            run.keys.keep_only(set(run.groups) | set(run.held))
            run.keys.save()  # the keys are good even if another part failed
            run.write_booklets_index(staging)
            run.share_identical_files(staging)
            if report.failed:
                raise BuildFailed(report.failure_text())
            _swap(staging, site)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    # else: every part is current and nothing is stale: site/ is not touched at all.
    _write_cache(project.state_dir, new_cache)
    report.seconds = time.monotonic() - start
    return report


@dataclass
class _SiteBuild:
    """One run: decides what to rebuild, carries the rest over, builds the rest in parallel."""

    project: Project
    opts: BuildOptions
    groups: dict[str, LoadedGroup]
    passwords: dict[str, str]
    report: BuildReport
    todo: list[str] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)  # group id -> reason it is held back
    held_tokens: dict[str, str] = field(default_factory=dict)  # of held-back groups built before
    keep: list[Path] = field(default_factory=list)  # parts of site/ (relative) to carry over
    parts: set[Path] = field(default_factory=set)  # every part the new site/ holds (relative)
    keys: KeyStore | None = None  # the derived keys of earlier builds (see keystore.py)

    def plan(self, secret: bytes, cache: dict[str, str]) -> dict[str, str]:
        """Decide what to rebuild and what to carry over; return the new cache (fingerprints)."""
        project, opts = self.project, self.opts
        # The cache is kept once per project but describes one output folder: a build into another
        # folder (--site-dir) must not make the next build of this one carry over its stale parts.
        code = _code_fingerprint(project) + "|" + str(project.site_root.resolve())
        new_cache = {HANDBOOK: _mac(secret, code, _tree_digest(project.docs_dir), str(opts.pdf))}
        handbook_changed = opts.only is None and cache.get(HANDBOOK) != new_cache[HANDBOOK]
        self._keep_or_build(HANDBOOK, project.site_root / HANDBOOK, handbook_changed)
        for gid, group in self.groups.items():
            token, name = self.report.tokens[gid], f"boekje:{gid}"
            key = _booklet_key(secret, code, group, self.passwords[gid], token, opts)
            skipped = opts.only is not None and opts.only != gid
            # A group left out by --only keeps its old cache entry, so the next full build makes it.
            new_cache[name] = cache.get(name, "") if skipped else key
            changed = not skipped and cache.get(name) != key
            self._keep_or_build(gid, project.site_root / BOOKLETS / token, changed)
        for gid, reason in self.held.items():
            self._hold_back(gid, reason, cache, new_cache)
        return new_cache

    def _hold_back(
        self, gid: str, reason: str, cache: dict[str, str], new_cache: dict[str, str]
    ) -> None:
        """Carry a held-back group's last good booklet over as it is, and report it."""
        token = self.held_tokens.get(gid)
        part = Path(BOOKLETS) / token if token else None
        if part is None or not (self.project.site_root / part).is_dir():
            self.report.held_back.append(HeldBack(gid, reason, kept=False))
            return
        self.parts.add(part)
        self.keep.append(part)
        # The cache still describes the booklet that stays; a fixed file is compared against it.
        new_cache[f"boekje:{gid}"] = cache.get(f"boekje:{gid}", "")
        self.report.held_back.append(HeldBack(gid, reason, kept=True))

    def _keep_or_build(self, name: str, old: Path, changed: bool) -> None:
        part = old.relative_to(self.project.site_root)
        self.parts.add(part)
        if old.is_dir() and not changed:
            self.keep.append(part)
            self.report.unchanged.append(name)
        else:
            self.todo.append(name)

    def site_is_complete(self) -> bool:
        """site/ holds exactly the planned parts: none missing, no stale booklet to remove."""
        site = self.project.site_root
        top = {part.parts[0] for part in self.parts}
        booklets = {part.name for part in self.parts if part.parent == Path(BOOKLETS)}
        listed = booklets | {BOOKLETS_INDEX}
        return _names(site) == top and (not booklets or _names(site / BOOKLETS) == listed)

    def write_booklets_index(self, staging: Path) -> None:
        """The neutral `boekjes/index.html` (only when there are booklets)."""
        if any(part.parent == Path(BOOKLETS) for part in self.parts):
            (staging / BOOKLETS).mkdir(exist_ok=True)
            (staging / BOOKLETS / BOOKLETS_INDEX).write_text(BOOKLETS_INDEX_HTML, encoding="utf-8")

    def carry_over(self, staging: Path) -> None:
        """Copy the unchanged parts into the staging folder with hard links (no bytes copied)."""
        for part in self.keep:
            shutil.copytree(self.project.site_root / part, staging / part, copy_function=os.link)

    def build(self, staging: Path, progress: Progress | None) -> None:
        """Build what `plan` left to do, `opts.jobs` at a time; a failure does not stop the rest."""
        with ProcessPoolExecutor(max(1, self.opts.jobs), initializer=start_worker) as pool:
            futures = {self._submit(pool, staging, name): name for name in self.todo}
            for done, future in enumerate(as_completed(futures), start=1):
                name = futures[future]
                try:
                    key = future.result()
                except Exception as exc:  # one failed part must not hide the others
                    self.report.failed.append(f"{name}: {exc}")
                else:
                    self.report.built.append(name)
                    if isinstance(key, BookletKey) and self.keys is not None:
                        self.keys.remember(name, self.passwords[name], key)
                if progress:
                    progress(name, done, len(futures))

    def share_identical_files(self, staging: Path) -> None:
        """Store the booklets' identical asset files once (hard links); carried-over ones first."""
        booklets = staging / BOOKLETS
        kept = [staging / part for part in self.keep if part.parent == Path(BOOKLETS)]
        built = [booklets / self.report.tokens[name] for name in self.todo if name != HANDBOOK]
        link_identical(kept + [folder for folder in built if folder.is_dir()])

    def _submit(self, pool: ProcessPoolExecutor, staging: Path, name: str) -> Future[object]:
        # MkDocs, Material and WeasyPrint are imported only when something is built.
        from .booklet import build_booklet
        from .handbook_build import build_handbook

        opts = self.opts
        if name == HANDBOOK:
            return pool.submit(build_handbook, self.project, staging / HANDBOOK, pdf=opts.pdf)
        dest = staging / BOOKLETS / self.report.tokens[name]
        password = self.passwords[name]
        return pool.submit(
            build_booklet,
            self.project,
            self.groups[name],
            password,
            dest,
            pdf=opts.pdf,
            today=opts.today,
            print_dir=opts.print_dir,
            key=self.keys.lookup(name, password) if self.keys else None,
        )


def _booklet_key(
    secret: bytes, code: str, group: LoadedGroup, password: str, token: str, opts: BuildOptions
) -> str:
    """Everything a booklet depends on; the number of past meetings moves "next meeting" on."""
    past = sum(m.datum < opts.today for m in group.groep.bijeenkomsten)
    return _mac(secret, code, group.digest, password, token, str(opts.pdf), str(past))


def _names(folder: Path) -> set[str] | None:
    return {entry.name for entry in folder.iterdir()} if folder.is_dir() else None


def _swap(staging_site: Path, site: Path) -> None:
    """Replace `site` by the new build in two renames (the old one is kept until the new is in)."""
    new = site.with_name(f".{site.name}.klaar-{os.getpid()}")
    staging_site.rename(new)
    if site.exists():
        old = site.with_name(f".{site.name}.oud-{os.getpid()}")
        site.rename(old)
        new.rename(site)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(site)
    staging_site.mkdir()  # so that the caller's cleanup finds what it expects


def _code_fingerprint(project: Project) -> str:
    parts = [__version__, _tree_digest(PACKAGE_DIR)]
    parts += [f"{name}={importlib.metadata.version(name)}" for name in RENDERING_LIBRARIES]
    parts += [_tree_digest(folder) for folder in project.theme_dirs]
    parts.append(hashlib.sha256(_read_or_empty(project.handbook_css)).hexdigest())
    parts.append(hashlib.sha256(project.config_file.read_bytes()).hexdigest())
    return "|".join(parts)


def _read_or_empty(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _mac(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x00".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


def _read_cache(state_dir: Path) -> dict[str, str]:
    try:
        return dict(json.loads((state_dir / "cache.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _write_cache(state_dir: Path, cache: dict[str, str]) -> None:
    data = json.dumps(cache, indent=1, sort_keys=True).encode("utf-8")
    write_private(state_dir / "cache.json", data)
