"""Benchmark of the whole-site build (`resourceboek build`) against its floor, the key derivations.

Run from a fresh clone, after the virtual environment exists (`make install`), with ONE command:

    make bench

(the defaults: --sizes 200,400 --runs 3 --pdf-size 50 --pdf-runs 3; about 25 minutes on 2 cores)

(`make bench` creates the virtual environment first, then runs `benchmarks/build.py`.)

Quick check on a small machine:

    .venv/bin/python benchmarks/build.py --sizes 20,40 --runs 1 --pdf-size 10 --pdf-runs 1

Rebuilds of a large site only (no other measure), as a coordinator runs them:

    .venv/bin/python benchmarks/build.py --rebuild-size 1000 --runs 5

makes one first build of 1000 groups without PDFs, then --runs pairs of `resourceboek build` in a
fresh process: one group changed, then nothing changed (medians; rbbench/rebuild.py). With
--profile also a cProfile of one more pair, written to the temporary folder (use --keep); with
--history every build keeps and compares the plan's history, as with a coordinator's werkmap.

Add --max-minutes M to start no new measurement after M minutes (the table shows what completed),
--reference for the plain MkDocs + Material comparison (slow), --profile for a cProfile of one
booklet build and one reference build.

What it does, everything in a temporary folder (removed at the end unless --keep):

1. Generates N synthetic, realistic group files (seeded, so the same every time; the variants
   alternate) plus a passwords file, and checks that they load without errors or warnings.
2. Per run, in a fresh process with a fresh site and state folder (medians over --runs runs;
   first the floor and first build of every run at every N, then each run's rebuilds in a second
   process on the site it built, so that no first build follows the removals a rebuild makes;
   nothing is deleted until the end, see `rbbench.probes.set_aside`):
   - the floor: N key derivations (`protect.derive_key`, PBKDF2 600 000 rounds, one per booklet)
     on a process pool of --jobs processes, wall time including the pool's start-up, measured
     right before the build it is paired with; each ratio is step / its own floor, per run;
   - `full`: the first build without PDFs (handbook + N booklets), fresh site and state folder;
   - `noop`: a rebuild with nothing changed, in the same (warm) process;
   - `one`: a rebuild after one group file changed, HTML only;
   - `template`: a rebuild after the organisation put its own copy of a booklet template
     (start.html.j2, one sentence added) into its templates folder; state kept, so every booklet
     and the handbook are rebuilt (checked, and the sentence is looked up in a decrypted page),
     paired with a floor measured just before it;
   - `booklets`: all N booklets again with the handbook carried over;
   - `cold`: a rebuild with nothing changed through `resourceboek build` in a fresh Python
     process (as a user runs it): wall time of the process and which heavy libraries it imported.
   The handbook alone is timed as a build with 0 groups. Disk: the site's size like `du` (every
   inode once, so hard-linked files count once) at N and at 0 groups gives its growth per
   booklet; each booklet folder's apparent size is what a copy of it alone takes. Peak memory is
   the max RSS of the measuring process and of its largest child (a pool worker), taken before
   the `cold` step.
3. PDFs, for --pdf-size groups (0 skips it), --pdf-runs times: an HTML-only full build and its
   `booklets` step, then the same with PDFs, with the rebuilds. The PDF cost per booklet is
   (CPU with PDFs − CPU HTML only) / N of the `booklets` step (the handbook's own PDF, a large
   fixed cost, left out), compared with the baseline recorded in rbbench/targets.py; the same
   difference of the full builds (handbook PDF included) is shown beside it.
4. With --reference: the same booklet pages as ordinary Markdown files, one plain MkDocs + Material
   project per group (same theme settings, plugin `search` on, the handbook's markdown_extensions),
   built one after another in ONE Python process with `mkdocs.commands.build.build`.
5. Prints the floor, the ratios, a Markdown table (rows = measures, columns = N, last the target)
   and each target (rbbench/targets.py) with whether it is met.

Each measurement runs in a child process of this script (`--probe`, internal), so that memory
figures and timings of one measurement do not leak into the next. The project as it is when the
benchmark starts (mkdocs.yml, content/, themes/ and the package plugins/resourceboek/) is copied
into the temporary folder and used from there (the copy of the package comes first on PYTHONPATH),
so that editing the working tree while the benchmark runs cannot change the code or invalidate the
build cache half-way; the report flags a "nothing changed" rebuild that built anything, and a
template change that did not rebuild everything or did not show. Besides wall-clock time each step
records CPU time (the process plus its workers), which a busy machine distorts much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rbbench import DEFAULT_SEED
from rbbench.measures import combine_pdf_runs, machine, new_file_cost
from rbbench.probes import (
    STEPS as SITE_STEPS,
)
from rbbench.probes import (
    probe_site,
    quiet_logging,
    run_probe,
    site_spec,
    snapshot_project,
    times_text,
)
from rbbench.rebuild import probe_rebuild, rebuild_report
from rbbench.reference import prepare_reference, probe_reference, profile_one
from rbbench.report import Results, report
from rbbench.synthetic import generate


def probe_main(spec_file: Path) -> None:
    quiet_logging()
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    import resourceboek

    if "config" in spec and not Path(resourceboek.__file__).is_relative_to(
        Path(spec["config"]).parent
    ):
        raise SystemExit(f"probe imported {resourceboek.__file__}, not the snapshot")
    probes = {"reference": probe_reference, "rebuild": probe_rebuild}
    result = probes.get(spec["kind"], probe_site)(spec)
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")


def parse_args() -> argparse.Namespace:
    """The command's options."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    add = parser.add_argument
    add("--sizes", default="200,400", help="numbers of groups, comma-separated")
    add("--runs", type=int, default=3, help="runs per measure (median reported)")
    add("--pdf-size", type=int, default=50, help="groups for the build with PDFs (0 = skip)")
    add("--pdf-runs", type=int, default=3, help="runs of the build with PDFs (median reported)")
    add(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes of our build (default: all CPUs, as the CLI)",
    )
    add("--seed", type=int, default=DEFAULT_SEED)
    add(
        "--reference",
        action="store_true",
        help="also build the same pages as plain MkDocs + Material projects (slow)",
    )
    add("--profile", action="store_true", help="also cProfile one booklet and one reference build")
    add("--profile-only", action="store_true", help="only the cProfile of both")
    add(
        "--max-minutes",
        type=float,
        default=0,
        help="start no new measurement after this many minutes (0 = no limit); "
        "the table then shows what was completed",
    )
    add(
        "--rebuild-size",
        type=int,
        default=0,
        help="only the fresh-process rebuilds (one changed, none changed) at this N",
    )
    add(
        "--history",
        action="store_true",
        help="with --rebuild-size: every build keeps and compares the plan's history (a werkmap)",
    )
    add("--keep", action="store_true", help="keep the temporary folder")
    add("--probe", help=argparse.SUPPRESS)
    return parser.parse_args()


@dataclass
class Bench:
    """One benchmark run: its options, its temporary folder and the project snapshot in it."""

    args: argparse.Namespace
    work: Path
    config: Path
    began: float = field(default_factory=time.perf_counter)
    gens: dict[int, dict[str, Any]] = field(default_factory=dict)

    def over_budget(self) -> bool:
        limit = self.args.max_minutes
        return limit > 0 and time.perf_counter() - self.began > 60 * limit

    def probe(
        self, name: str, gen: dict[str, Any], steps: list[str], pdf: bool, reuse: bool = False
    ) -> dict[str, Any]:
        """One probe in the folder `name`, kept until the end (see `rbbench.probes.set_aside`);
        `reuse`: that folder holds the site and state of an earlier probe's full build."""
        spec = site_spec(self.work / name, self.config, self.args.jobs, gen, steps, pdf)
        spec.update(keep=True, reuse=reuse)
        return run_probe(spec, self.work)

    def generated(self, n: int) -> dict[str, Any]:
        if n not in self.gens:
            self.gens[n] = generate(self.work / f"n{n}", n, self.args.seed)
        return self.gens[n]


def measure_handbook(bench: Bench, runs: int) -> list[dict[str, Any]]:
    """The handbook alone: a build with 0 groups."""
    empty = bench.work / "empty"
    (empty / "groups").mkdir(parents=True)
    gen = {"groups_dir": str(empty / "groups"), "passwords": str(empty / "none.yml"), "ids": []}
    hb_runs = [bench.probe(f"hb-{r}", gen, [], False) for r in range(runs)]
    shown = ", ".join(f"{r['times']['full']:.2f} s" for r in hb_runs)
    print(f"handbook alone: {shown}", file=sys.stderr)
    return hb_runs


def first_builds(bench: Bench, n: int, runs: int) -> dict[str, Any] | None:
    """Ours for N groups: the floor and the first build of each run (each site kept for
    `rebuilds`), and with --reference the plain MkDocs + Material builds, alternating so that
    machine load hits both alike."""
    gen = bench.generated(n)
    print(
        f"[N={n}] generated {n} groups ({gen['variants']}), {gen['warnings']} warnings",
        file=sys.stderr,
    )
    reference = bench.args.reference
    configs = prepare_reference(bench.config, bench.work / f"n{n}-ref", gen) if reference else []
    site_runs, ref_runs = [], []
    for r in range(runs):
        if bench.over_budget():
            break
        site_runs.append(bench.probe(f"n{n}-run{r}", gen, [], False))
        print(f"[N={n}] run {r + 1}/{runs}: {times_text(site_runs[-1])}", file=sys.stderr)
        if reference:  # no budget check here: a run of ours is always paired with a reference run
            ref_runs.append(run_probe({"kind": "reference", "configs": configs}, bench.work))
            total = ref_runs[-1]["total"]
            print(f"[N={n}] reference run {r + 1}/{runs}: {total:.2f} s", file=sys.stderr)
    return {"site": site_runs, "ref": ref_runs} if site_runs else None


def rebuilds(bench: Bench, n: int, measured: dict[str, Any]) -> None:
    """The rebuilds of each run's site (`SITE_STEPS`), added to that run's figures."""
    gen = bench.generated(n)
    for r, first in enumerate(measured["site"]):  # no budget check: a run's figures are whole
        more = bench.probe(f"n{n}-run{r}", gen, list(SITE_STEPS), False, reuse=True)
        for key in ("times", "cpu", "built", "floor"):
            first[key].update(more[key])
        first["load"] += more["load"]
        first["rss"] = {k: max(first["rss"][k], more["rss"][k]) for k in first["rss"]}
        for key in ("template_applied", "cold_heavy"):
            if key in more:
                first[key] = more[key]
        print(f"[N={n}] run {r + 1} rebuilds: {times_text(more)}", file=sys.stderr)


def measure_pdf(bench: Bench, info: dict[str, str]) -> dict[str, Any] | None:
    """The build with PDFs, --pdf-runs times (median), each run right after an HTML-only full
    build of the same groups: their CPU difference is what the PDFs cost."""
    args = bench.args
    if args.pdf_size <= 0:
        return None
    if bench.over_budget():
        print("[PDF] skipped: --max-minutes reached", file=sys.stderr)
        info["skipped"] = f"PDF build skipped (--max-minutes {args.max_minutes:g} reached)"
        return None
    n = args.pdf_size
    gen = bench.generated(n)
    pdf_runs: list[dict[str, Any]] = []
    html_runs: list[dict[str, Any]] = []
    for r in range(args.pdf_runs):
        if r and bench.over_budget():
            break
        html_runs.append(bench.probe(f"pdf-{n}-{r}-html", gen, ["booklets"], False))
        print(
            f"[PDF N={n}] run {r + 1}/{args.pdf_runs}: HTML only {times_text(html_runs[-1])}; "
            "full build with PDFs (slow) ...",
            file=sys.stderr,
        )
        pdf_runs.append(bench.probe(f"pdf-{n}-{r}", gen, ["noop", "one", "booklets", "cold"], True))
        print(f"[PDF N={n}] {times_text(pdf_runs[-1])}", file=sys.stderr)
    return {**combine_pdf_runs(pdf_runs), "n": n, "html": html_runs}


def measure_rebuilds(bench: Bench, n: int, info: dict[str, str]) -> None:
    """`--rebuild-size N`: one first build, then --runs pairs of fresh-process rebuilds."""
    gen = bench.generated(n)
    print(f"[N={n}] generated; first build (N key derivations) ...", file=sys.stderr)
    spec = {
        "kind": "rebuild",
        "root": str(bench.work / f"rebuild-{n}"),
        "config": str(bench.config),
        "jobs": bench.args.jobs,
        "groups_dir": gen["groups_dir"],
        "passwords": gen["passwords"],
        "change": gen["ids"][n // 2],
        "runs": max(1, bench.args.runs),
        "profile": str(bench.work / "profile") if bench.args.profile else None,
        "history": bench.args.history,
    }
    print(rebuild_report(n, run_probe(spec, bench.work), info))
    if bench.args.profile:
        print(f"cProfile: {bench.work}/profile-one.txt, profile-noop.txt", file=sys.stderr)


def run_benchmark(bench: Bench, info: dict[str, str]) -> None:
    """Every measurement, then the report."""
    args, load_start = bench.args, os.getloadavg()
    runs = max(1, args.runs)
    info["new_file"] = f"{new_file_cost(bench.work / 'nieuwe-bestanden'):.0f}"
    hb_runs = measure_handbook(bench, runs)
    results: dict[int, dict[str, Any]] = {}
    # Every first build before any rebuild: a rebuild removes files (an old site, old booklets),
    # and those removals would make the next first build's new files dearer on some disks
    # (see `rbbench.probes.set_aside`). Nothing is deleted until the end.
    for n in sorted({int(s) for s in args.sizes.split(",") if s.strip()}):
        measured = first_builds(bench, n, runs)
        if measured is not None:
            results[n] = measured
    for n, measured in results.items():
        rebuilds(bench, n, measured)
    pdf = measure_pdf(bench, info)
    if not results:
        raise SystemExit("no size completed within --max-minutes")
    info["load"] = f"load average {load_start[0]:.1f} at start, {os.getloadavg()[0]:.1f} at the end"
    info["requested"] = args.sizes
    total = time.perf_counter() - bench.began
    report(Results(args, info, sorted(results), runs, hb_runs, results, bench.gens, pdf, total))


def main() -> None:
    args = parse_args()
    if args.probe:
        probe_main(Path(args.probe))
        return
    quiet_logging()
    work = Path(tempfile.mkdtemp(prefix="resourceboek-bench-"))
    info = machine()
    print(f"Temporary folder: {work}", file=sys.stderr)
    try:
        bench = Bench(args, work, snapshot_project(work / "project"))
        if args.rebuild_size:
            measure_rebuilds(bench, args.rebuild_size, info)
        elif args.profile_only:
            print(f"Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}.")
        else:
            run_benchmark(bench, info)
        if (args.profile and not args.rebuild_size) or args.profile_only:
            profile_one(bench.config, work, args.seed, 10)
    finally:
        if args.keep:
            print(f"Kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
