"""The rest of the report: the opt-in reference, the warnings, the raw runs and the notes."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from . import DEFAULT_SEED, MB
from .measures import fmt_mib, fmt_s, med

if TYPE_CHECKING:
    from .report import Results


def print_reference(r: Results) -> None:
    """The plain MkDocs + Material comparison (--reference): same pages, one process."""
    sizes = [n for n in r.sizes if r.results[n]["ref"]]
    if not sizes:
        return
    ref = {n: med([x["total"] for x in r.results[n]["ref"]]) for n in sizes}
    ref_cpu = {n: med([x["cpu"] for x in r.results[n]["ref"]]) for n in sizes}
    print("\n### Reference: N plain MkDocs + Material builds, one after another in one process\n")
    print("| Measure | " + " | ".join(f"N={n}" for n in sizes) + " |")
    print("|" + "---|" * (len(sizes) + 1))
    rows = [
        ("Reference build (s)", [fmt_s(ref[n]) for n in sizes]),
        ("Full build / reference (wall)", [f"{r.site(n, 'full') / ref[n]:.2f}" for n in sizes]),
        ("Full build / reference (CPU)", [f"{r.site(n, 'full', 'cpu') / ref_cpu[n]:.2f}" for n in sizes]),
        ("Booklets only / reference (wall)", [f"{r.site(n, 'booklets') / ref[n]:.2f}" for n in sizes]),
        ("Reference per booklet (ms)", [f"{1000 * ref[n] / n:.0f}" for n in sizes]),
        ("Peak RSS, reference process (MiB)", [fmt_mib(max(x["rss"]["self_kib"] for x in r.results[n]["ref"])) for n in sizes]),
        ("Reference site folder: median (MB)", [f"{med(r.results[n]['ref'][0]['folder_bytes']) / MB:.3f}" for n in sizes]),
        ("Floor / reference (wall)", [f"{r.floor(n, 'full') / ref[n]:.2f}" for n in sizes]),
    ]  # fmt: skip
    for label, cells in rows:
        print(f"| {label} | " + " | ".join(cells) + " |")


BUSY_DISK_MICROSECONDS = 200
"""Above this CPU cost of a new file at the start, the report warns (see `flags`)."""


def _run_flags(n: int, i: int, run: dict[str, Any]) -> list[str]:
    built, where = run["built"], f"N={n} run {i + 1}"
    flags = []
    for step in ("noop", "cold"):
        if built.get(step):
            flags.append(
                f"{where}: the no-change rebuild ({step}) built {len(built[step])} part(s)"
            )
    if "one" in built and len(built["one"]) != 1:
        flags.append(f"{where}: the one-change rebuild built {len(built['one'])} parts, expected 1")
    if "template" in built and len(built["template"]) != n + 1:
        flags.append(
            f"{where}: the template change rebuilt {len(built['template'])} parts, expected "
            f"{n + 1} (handbook + every booklet)"
        )
    if run.get("template_applied") is False:
        flags.append(f"{where}: the overriding template does not show in a rebuilt booklet")
    return flags


def flags(r: Results) -> list[str]:
    """What went differently from plan: a stale cache, a template override not used, ..."""
    found = [
        f for n in r.sizes for i, run in enumerate(r.runs_of(n)) for f in _run_flags(n, i, run)
    ]
    pdf = r.pdf
    for i, run in enumerate(pdf["runs"] if pdf else []):
        found += [f"PDF {f}" for f in _run_flags(int(pdf["n"]) if pdf else 0, i, run)]
    new_file = r.info.get("new_file", "")
    if new_file.isdigit() and int(new_file) > BUSY_DISK_MICROSECONDS:
        found.append(
            f"a new file cost {new_file} µs of CPU at the start (tens on a quiet disk): many files "
            "were deleted in the temporary folder's file system in the last minutes (on ext4 "
            "without a journal that makes every new file dearer for up to six minutes; "
            "benchmarks/fscost.py). The first builds' ratios are then higher than they should be; "
            "run the benchmark again a few minutes later, or with TMPDIR elsewhere."
        )
    return found


def print_flags(r: Results) -> None:
    found = flags(r)
    if found:
        print("\n**Warning — measurements disturbed or the build did not do what was expected:**\n")
        for flag in found:
            print(f"- {flag}")


def _raw(run: dict[str, Any], step: str) -> str:
    return f"{run['times'][step]:.2f} ({run['cpu'][step]:.1f})"


def _raw_floor(run: dict[str, Any], step: str) -> str:
    floor = run["floor"].get(step)
    return f" floor {floor['wall']:.2f} ({floor['cpu']:.1f})" if floor else ""


def print_raw(r: Results) -> None:
    print("\n<details><summary>Raw runs: wall s (CPU s) [load average before→after]</summary>\n")
    print("- handbook alone: " + ", ".join(_raw(x, "full") for x in r.hb_runs))
    for n in r.sizes:
        for i, x in enumerate(r.runs_of(n)):
            steps = ", ".join(f"{s} {_raw(x, s)}{_raw_floor(x, s)}" for s in x["times"])
            print(f"- N={n} run {i + 1}: {steps} [{x['load'][0]:.1f}→{x['load'][-1]:.1f}]")
        for x in r.results[n]["ref"]:
            print(f"- N={n} reference: {x['total']:.2f} ({x['cpu']:.1f})")
    pdf = r.pdf
    for run, html in zip(pdf["runs"], pdf["html"], strict=True) if pdf else []:
        print(
            f"- PDF N={r.pdf_n()}: HTML only {_raw(html, 'full')}; with PDFs "
            + ", ".join(f"{k} {_raw(run, k)}" for k in run["times"])
            + f" [{run['load'][0]:.1f}→{run['load'][-1]:.1f}]"
        )
    print("\n</details>")


def print_notes(r: Results) -> None:
    args, info, sizes = r.args, r.info, r.sizes
    if info.get("skipped"):
        print(f"\nNote: {info['skipped']}.")
    dropped = sorted({int(x) for x in args.sizes.split(",") if x.strip()} - set(sizes))
    if dropped:
        print(f"\nNote: N={', '.join(map(str, dropped))} not measured (--max-minutes reached).")
    if args.max_minutes and any(len(r.runs_of(n)) < r.runs for n in sizes):
        print(
            f"\nNote: --max-minutes {args.max_minutes:g} cut some sizes short; see 'Runs completed'."
        )
    print(
        f"\nBenchmark wall time {r.total / 60:.1f} min. "
        "Command: .venv/bin/python benchmarks/build.py "
        f"--sizes {info.get('requested', ','.join(map(str, sizes)))} --runs {r.runs} "
        f"--pdf-size {args.pdf_size} --pdf-runs {args.pdf_runs}"
        + (f" --jobs {r.jobs}" if r.jobs != (os.cpu_count() or 1) else "")
        + (f" --seed {args.seed}" if args.seed != DEFAULT_SEED else "")
        + (f" --max-minutes {args.max_minutes:g}" if args.max_minutes else "")
        + (" --reference" if args.reference else "")
    )
