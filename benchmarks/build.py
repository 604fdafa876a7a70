"""Benchmark of the whole-site build (`resourceboek build`) against plain MkDocs + Material.

Run from a fresh clone, after the virtual environment exists (`make install`), with ONE command:

    make bench

(the defaults: --sizes 50,200,400 --runs 3 --pdf-size 200 --pdf-runs 3; about 45 minutes on 2 cores)

(`make bench` creates the virtual environment first, then runs `benchmarks/build.py`.)

Quick check on a small machine:

    .venv/bin/python benchmarks/build.py --sizes 20,50 --runs 1 --pdf-size 20 --pdf-runs 1

Add --max-minutes M to start no new measurement after M minutes (the table shows what completed),
--profile for a cProfile of one booklet build and one reference build.

What it does, everything in a temporary folder (removed at the end unless --keep):

1. Generates N synthetic, realistic group files (seeded, so the same every time; the variants
   alternate) plus a passwords file, and checks that they load without errors or warnings.
2. Times, as medians over --runs runs, each run in a fresh process with a fresh site/state folder:
   the full build without PDFs (handbook + N booklets), a rebuild with nothing changed, a rebuild
   after one group file changed, and a rebuild of all N booklets with the handbook carried over
   (booklets only). The handbook alone is timed as a build with 0 groups. For --pdf-size groups
   (0 skips it), --pdf-runs times (median): the full build with PDFs, a rebuild with nothing
   changed and a rebuild after one changed group including its PDF. Peak memory is the max RSS of the measuring process and of its largest child (the pool's
   worker processes). Booklet folder sizes are measured with and without the PDF.
3. The reference: the same booklet pages as ordinary Markdown files, one plain MkDocs + Material
   project per group (same theme settings, plugin `search` on, the handbook's markdown_extensions),
   built one after another in ONE Python process with `mkdocs.commands.build.build`.
4. Prints a Markdown table with the targets and whether each is met.

Each measurement runs in a child process of this script (`--probe`, internal), so that memory
figures and timings of one measurement do not leak into the next. The project as it is when the
benchmark starts (mkdocs.yml, content/, themes/ and the package plugins/resourceboek/) is copied
into the temporary folder and used from there (the copy of the package comes first on PYTHONPATH),
so that editing the working tree while the benchmark runs cannot change the code or invalidate the
build cache half-way; the report still flags a "nothing changed" rebuild that built anything.
Besides wall-clock time each step records CPU time (the process plus its workers), which a busy
machine distorts much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rbbench import DEFAULT_SEED
from rbbench.probes import (
    probe_site,
    quiet_logging,
    run_probe,
    site_spec,
    snapshot_project,
    times_text,
)
from rbbench.reference import prepare_reference, probe_reference, profile_one
from rbbench.report import combine_pdf_runs, machine, report
from rbbench.synthetic import generate


def probe_main(spec_file: Path) -> None:
    quiet_logging()
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    import resourceboek

    if "config" in spec and not Path(resourceboek.__file__).is_relative_to(
        Path(spec["config"]).parent
    ):
        raise SystemExit(f"probe imported {resourceboek.__file__}, not the snapshot")
    result = probe_reference(spec) if spec["kind"] == "reference" else probe_site(spec)
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,400", help="numbers of groups, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median reported)")
    parser.add_argument(
        "--pdf-size",
        type=int,
        default=200,
        help="groups for the build with PDFs (0 = skip; it is slow)",
    )
    parser.add_argument(
        "--pdf-runs", type=int, default=3, help="runs of the build with PDFs (median reported)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes of our build (default: all CPUs, as the CLI)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also cProfile one booklet build and one reference build",
    )
    parser.add_argument(
        "--profile-only",
        action="store_true",
        help="only the cProfile of one booklet build and one reference build",
    )
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=0,
        help="start no new measurement after this many minutes (0 = no limit); "
        "the table then shows what was completed",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe_main(Path(args.probe))
        return

    quiet_logging()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    runs = max(1, args.runs)
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="resourceboek-bench-"))
    info = machine()
    print(f"Temporary folder: {work}", file=sys.stderr)
    load_start = os.getloadavg()

    def over_budget() -> bool:
        return args.max_minutes > 0 and time.perf_counter() - began > 60 * args.max_minutes

    try:
        config = snapshot_project(work / "project")
        if args.profile_only:
            print(
                f"Machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}; "
                f"load average {load_start[0]:.1f}."
            )
            profile_one(config, work, args.seed, 10)
            return
        # Handbook alone: a build with 0 groups.
        empty = work / "empty"
        (empty / "groups").mkdir(parents=True)
        hb_runs = []
        for r in range(runs):
            empty_gen = {"groups_dir": str(empty / "groups"), "passwords": str(empty / "none.yml")}
            res = run_probe(
                site_spec(work / f"hb-{r}", config, args.jobs, {**empty_gen, "ids": []}, [], False),
                work,
            )
            hb_runs.append(res)
        print(
            "handbook alone: " + ", ".join(f"{r['times']['full']:.2f} s" for r in hb_runs),
            file=sys.stderr,
        )

        results: dict[int, dict[str, Any]] = {}
        gens: dict[int, dict[str, Any]] = {}
        for n in sizes:
            gen = gens[n] = generate(work / f"n{n}", n, args.seed)
            print(
                f"[N={n}] generated {n} groups ({gen['variants']}), {gen['warnings']} warnings",
                file=sys.stderr,
            )
            configs = prepare_reference(config, work / f"n{n}-ref", gen)
            site_runs, ref_runs = [], []
            # Ours and the reference alternate, so that a change in machine load hits both alike.
            for r in range(runs):
                if over_budget():
                    break
                res = run_probe(
                    site_spec(
                        work / f"n{n}-run{r}",
                        config,
                        args.jobs,
                        gen,
                        ["noop", "one", "booklets"],
                        False,
                    ),
                    work,
                )
                site_runs.append(res)
                print(f"[N={n}] run {r + 1}/{runs}: {times_text(res)}", file=sys.stderr)
                # no budget check here: a run of ours is always paired with a reference run
                ref = run_probe({"kind": "reference", "configs": configs}, work)
                ref_runs.append(ref)
                print(
                    f"[N={n}] reference run {r + 1}/{runs}: {ref['total']:.2f} s", file=sys.stderr
                )
            shutil.rmtree(work / f"n{n}-ref", ignore_errors=True)
            if site_runs and ref_runs:
                results[n] = {"site": site_runs, "ref": ref_runs}

        pdf: dict[str, Any] | None = None
        if args.pdf_size > 0 and over_budget():
            print("[PDF] skipped: --max-minutes reached", file=sys.stderr)
            info["skipped"] = f"PDF build skipped (--max-minutes {args.max_minutes:g} reached)"
        elif args.pdf_size > 0:
            n = args.pdf_size
            gen = gens.get(n) or generate(work / f"n{n}", n, args.seed)
            gens.setdefault(n, gen)
            pdf_runs: list[dict[str, Any]] = []
            for r in range(args.pdf_runs):
                if r and over_budget():
                    break
                print(
                    f"[PDF N={n}] run {r + 1}/{args.pdf_runs}: full build with PDFs (slow) ...",
                    file=sys.stderr,
                )
                probe = run_probe(
                    site_spec(work / f"pdf-{n}-{r}", config, args.jobs, gen, ["noop", "one"], True),
                    work,
                )
                pdf_runs.append(probe)
                print(f"[PDF N={n}] {times_text(probe)}", file=sys.stderr)
            pdf = combine_pdf_runs(pdf_runs)
            pdf["n"] = n

        if not results:
            raise SystemExit("no size completed within --max-minutes")
        sizes = sorted(results)
        info["load"] = (
            f"load average {load_start[0]:.1f} at start, {os.getloadavg()[0]:.1f} at the end"
        )
        info["requested"] = args.sizes
        report(args, info, sizes, runs, hb_runs, results, gens, pdf, time.perf_counter() - began)
        if args.profile:
            profile_one(config, work, args.seed, 10)
    finally:
        if args.keep:
            print(f"Kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
