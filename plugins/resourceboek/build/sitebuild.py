"""The whole site: handbook plus every booklet, built beside the old site and put in at the end.

Incremental: each part has a fingerprint of its inputs (an HMAC under a local secret, so the cache
holds no plaintext and cannot be used to test password guesses); an unchanged part is not rendered
again. Atomic: nothing touches `site/` until every part succeeded; then each changed part replaces
its old folder by renames, or, for a first build or a site that is not complete, the whole new site
replaces `site/` (build/swap.py). A booklet folder is always whole: the old one or the new one.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from resourceboek.adapters.worker import start_pool_worker, start_worker
from resourceboek.build import planhistory, swap
from resourceboek.build.buildreport import BuildFailed, BuildOptions, BuildReport, HeldBack
from resourceboek.build.filecache import FileCache
from resourceboek.build.fingerprints import (
    booklet_key,
    code_fingerprint,
    mac,
    read_cache,
    tree_digest,
    write_cache,
)
from resourceboek.build.inputs import BuildGroup, known_tokens, prepare_groups
from resourceboek.build.keysahead import KeysAhead
from resourceboek.build.planhistory import PlanHistory
from resourceboek.build.swap import BOOKLETS, BOOKLETS_INDEX, HANDBOOK
from resourceboek.files.sharedfiles import STORE_NAME
from resourceboek.project.destinations import SITE_MARKER, refused_site_dir
from resourceboek.project.project import Project
from resourceboek.protection.keystore import AcceptedPasswords, KeyStore, local_secret
from resourceboek.protection.protect import BookletKey
from resourceboek.protection.secrets_store import TOKENS_FILE, tokens_for

WARM_UP = ""
"""Not a part: the templates compiled while the groups are read (its outcome is not reported)."""
CODE = "code"
"""The cache's fingerprint of the code, templates and settings: new code rebuilds every part."""


Progress = Callable[[str, int, int], None]


def build_site(
    project: Project, opts: BuildOptions, progress: Progress | None = None
) -> BuildReport:
    """Build the changed parts into a staging folder, then put them in place (build/swap.py).

    A group held back by its errors keeps its last good booklet (carried over unchanged).
    """
    start = time.monotonic()
    foreign = refused_site_dir(project.site_root, {HANDBOOK, BOOKLETS, STORE_NAME})
    if foreign:  # before anything is read or written
        raise BuildFailed(foreign)
    secret = local_secret(project.state_dir)
    cache = read_cache(project.state_dir)
    # The cache is kept once per project but describes one output folder: a build into another
    # folder (--site-dir) must not make the next build of this one carry over its stale parts.
    code = code_fingerprint(project) + "|" + str(project.site_root.resolve())
    workers = _Workers(opts.jobs, project.site_root)
    ahead = KeysAhead()
    try:
        # A first build or new code rebuilds every part. The handbook needs no group file: it is
        # built while the groups are read and checked (which takes a while on a first build).
        # Not under --strict, where one problem in a group file stops everything at once.
        early = (
            opts.only is None
            and not opts.strict
            and opts.jobs > 1
            and cache.get(CODE) != mac(secret, code)
        )
        if early:
            workers.submit(HANDBOOK, 2, _handbook_job(project, workers.staging(), opts))
            # The other worker compiles the booklet templates meanwhile (see booklet.warm_up).
            from resourceboek.adapters.booklet import warm_up

            workers.submit(WARM_UP, 2, partial(warm_up, project, opts.pdf))
            # Then the key derivations, while the groups are read (build/keysahead.py).
            pool = workers.started()
            if pool is not None:
                ahead = KeysAhead.start(pool, project, KeyStore(project.state_dir, secret))
        report, new_cache = _build_groups(
            project, opts, secret, cache, code, workers, progress, ahead
        )
    finally:
        workers.close()
    new_cache[CODE] = mac(secret, code)
    write_cache(project.state_dir, new_cache)
    report.seconds = time.monotonic() - start
    return report


def _build_groups(
    project: Project,
    opts: BuildOptions,
    secret: bytes,
    cache: dict[str, str],
    code: str,
    workers: _Workers,
    progress: Progress | None,
    ahead: KeysAhead,
) -> tuple[BuildReport, dict[str, str]]:
    """Read the groups, decide what to build, build it and swap the new site in."""
    accepted = AcceptedPasswords(project.state_dir, secret)
    files = FileCache(project.state_dir, secret, code, opts.today)
    inputs = prepare_groups(
        project,
        only=opts.only,
        strict=opts.strict,
        today=opts.today,
        accepted=accepted,
        checker=workers.started(),
        files=files,
    )
    accepted.save()
    groups = inputs.groups
    report = BuildReport(
        warnings=inputs.warnings, problems=inputs.problems, not_ready=inputs.not_ready
    )
    tokens_file = project.state_dir / TOKENS_FILE
    report.tokens = tokens_for(tokens_file, [g.id for g in groups])
    run = _SiteBuild(project, opts, {g.id: g for g in groups}, inputs.passwords, report, workers)
    run.ahead = ahead
    if opts.history_root is not None:  # what changed since the last meeting (cached per file)
        run.history = planhistory.cached_changes(opts.history_root, groups, opts.today, files)
    files.save()
    run.held = {gid: inputs.held[gid] for gid in sorted(inputs.held)}
    run.held_tokens = known_tokens(tokens_file, run.held) if run.held else {}
    new_cache = run.plan(secret, cache, code)
    if run.todo or not run.site_is_complete():
        run.keys = ahead.store or KeyStore(project.state_dir, secret)  # read once per build
        staging = workers.staging()
        # Part by part into a sound site of ours that keeps something; else the whole site.
        by_part = bool(run.keep) and swap.parts_can_be_swapped(project.site_root)
        if not by_part:
            swap.carry_over(project.site_root, staging, run.keep)
        run.build(staging, progress)
        run.keys.keep_only(set(run.groups) | set(run.held))
        run.keys.save()  # the keys are good even if another part failed
        if report.failed:
            raise BuildFailed(report.failure_text())
        run.put_in_place(staging, by_part)
    # else: every part is current and nothing is stale: site/ is not touched at all.
    return report, new_cache


class _Workers:
    """The processes that build the parts: started by the first part, never for a no-change build.

    One part (or --jobs 1) is built in this process. Also owns the staging folder of the new site.
    """

    def __init__(self, jobs: int, site: Path) -> None:
        self.jobs = max(1, jobs)
        self.site = site
        self.futures: dict[Future[object], str] = {}
        self._pool: Executor | None = None
        self._staging: Path | None = None

    def staging(self) -> Path:
        """The folder the new site is built in, beside `site/` (made on first use)."""
        if self._staging is None:
            prefix = f".{self.site.name}.nieuw-"
            self._staging = Path(tempfile.mkdtemp(prefix=prefix, dir=self.site.parent))
        return self._staging

    def started(self) -> Executor | None:
        """The worker processes, if they are already running (for other work in parallel)."""
        return self._pool if isinstance(self._pool, ProcessPoolExecutor) else None

    def submit(self, name: str, parts: int, job: Callable[[], object]) -> None:
        """Build part `name` by calling `job`; `parts`: how many parts this build has at least."""
        if self._pool is None:
            jobs = min(self.jobs, parts)
            self._pool = (
                _InProcess()
                if jobs <= 1
                else ProcessPoolExecutor(jobs, initializer=start_pool_worker)
            )
        self.futures[self._pool.submit(job)] = name

    def close(self) -> None:
        """Stop the processes (a part still running is finished first) and remove the staging."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)


def _handbook_job(project: Project, staging: Path, opts: BuildOptions) -> Callable[[], object]:
    # MkDocs, Material and WeasyPrint are imported only when something is built (before the
    # worker processes start, so that they inherit them).
    from resourceboek.adapters.handbook_build import build_handbook

    return partial(build_handbook, project, staging / HANDBOOK, pdf=opts.pdf)


@dataclass
class _SiteBuild:
    """One run: decides what to rebuild, carries the rest over, builds the rest in parallel."""

    project: Project
    opts: BuildOptions
    groups: dict[str, BuildGroup]
    passwords: dict[str, str]
    report: BuildReport
    workers: _Workers
    todo: list[str] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)  # group id -> reason it is held back
    held_tokens: dict[str, str] = field(default_factory=dict)  # of held-back groups built before
    keep: list[Path] = field(default_factory=list)  # parts of site/ (relative) to carry over
    parts: set[Path] = field(default_factory=set)  # every part the new site/ holds (relative)
    keys: KeyStore | None = None  # the derived keys of earlier builds (see keystore.py)
    history: dict[str, PlanHistory] = field(default_factory=dict)  # since the last meeting
    ahead: KeysAhead = field(default_factory=KeysAhead)  # keys derived while the groups were read

    def plan(self, secret: bytes, cache: dict[str, str], code: str) -> dict[str, str]:
        """Decide what to rebuild and what to carry over; return the new cache (fingerprints)."""
        project, opts = self.project, self.opts
        new_cache = {HANDBOOK: mac(secret, code, tree_digest(project.docs_dir), str(opts.pdf))}
        handbook_changed = opts.only is None and cache.get(HANDBOOK) != new_cache[HANDBOOK]
        handbook_changed |= HANDBOOK in self.workers.futures.values()  # started early
        self._keep_or_build(HANDBOOK, project.site_root / HANDBOOK, handbook_changed)
        for gid, group in self.groups.items():
            token, name = self.report.tokens[gid], f"boekje:{gid}"
            compared = self.history.get(gid, PlanHistory()).compared
            content = group.facts.content
            key = booklet_key(secret, content, self.passwords[gid], token, opts, compared)
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
        return (_names(site) or set()) - {SITE_MARKER} == top and (
            not booklets or _names(site / BOOKLETS) == listed
        )

    def build(self, staging: Path, progress: Progress | None) -> None:
        """Build what `plan` left to do, `opts.jobs` at a time; a failure does not stop the rest."""
        started = set(self.workers.futures.values())
        for name in self.todo:
            if name not in started:
                self._submit(staging, name)
        futures = {f: name for f, name in self.workers.futures.items() if name != WARM_UP}
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

    def put_in_place(self, staging: Path, by_part: bool) -> None:
        """Link the new booklets' identical files to a booklet that stays, then put the new parts
        in place of the old ones (`by_part`), or the whole staging site in place of `site/`."""
        site, booklets = self.project.site_root, Path(BOOKLETS)
        built = [
            Path(HANDBOOK) if name == HANDBOOK else booklets / self.report.tokens[name]
            for name in self.todo
        ]
        kept = [part for part in self.keep if part.parent == booklets]
        reference = (site if by_part else staging) / kept[0] if kept else None
        swap.share_identical(staging, [p for p in built if p.parent == booklets], reference)
        if by_part:
            swap.swap_parts(staging, site, self.parts, built)
        else:
            swap.swap_whole(staging, site, self.parts)

    def _submit(self, staging: Path, name: str) -> None:
        parts = len(self.todo)
        if name == HANDBOOK:
            self.workers.submit(name, parts, _handbook_job(self.project, staging, self.opts))
            return
        from resourceboek.adapters.booklet import build_booklet  # see _handbook_job

        opts, password = self.opts, self.passwords[name]
        dest = staging / BOOKLETS / self.report.tokens[name]
        key = self.keys.lookup(name, password) if self.keys else None
        booklet = partial(
            build_booklet,
            self.project,
            self.groups[name].model(),
            password,
            dest,
            pdf=opts.pdf,
            today=opts.today,
            print_dir=opts.print_dir,
            key=key or self.ahead.key(name, password),
            assets_dir=staging / STORE_NAME,
            changes=self.history.get(name, PlanHistory()).changes,
        )
        self.workers.submit(name, parts, booklet)


class _InProcess(Executor):
    """One part (or --jobs 1): built in this process, without starting worker processes."""

    def __init__(self) -> None:
        start_worker()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # reported per part by the caller, as from a worker
            future.set_exception(exc)
        return future


def _names(folder: Path) -> set[str] | None:
    return {entry.name for entry in folder.iterdir()} if folder.is_dir() else None
