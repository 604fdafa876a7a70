"""The benchmark's report: a Markdown table, the targets and whether each is met."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import DEFAULT_SEED
from .measures import fmt_mib, fmt_s, med
from .targets import TARGET_N, TARGETS, print_targets


@dataclass
class Results:
    """Every measurement of a benchmark run, with the medians the report needs."""

    args: argparse.Namespace
    info: dict[str, str]
    sizes: list[int]
    runs: int
    hb_runs: list[dict[str, Any]]
    results: dict[int, dict[str, Any]]
    gens: dict[int, dict[str, Any]]
    pdf: dict[str, Any] | None
    total: float

    @property
    def jobs(self) -> int:
        return int(self.args.jobs)

    def site(self, n: int, step: str, what: str = "times") -> float:
        return med([r[what][step] for r in self.results[n]["site"] if step in r[what]])

    def ref(self, n: int, what: str = "total") -> float:
        return med([r[what] for r in self.results[n]["ref"]])

    def handbook(self, what: str = "times") -> float:
        return med([r[what]["full"] for r in self.hb_runs])

    def peak(self, n: int) -> tuple[int, int]:
        rows = self.results[n]["site"]
        return max(r["rss"]["self_kib"] for r in rows), max(r["rss"]["child_kib"] for r in rows)

    def memory(self, n: int) -> float:
        """Upper bound of the peak: the process plus `jobs` times its largest worker (KiB)."""
        own, worker = self.peak(n)
        return own + self.jobs * worker

    def pdf_memory(self) -> float | None:
        pdf = self.pdf
        return None if pdf is None else pdf["rss"]["self_kib"] + self.jobs * pdf["rss"]["child_kib"]


Cell = Callable[[int], str]
"""One cell of a row: its text for the run with N groups."""


@dataclass
class _Timings:
    """The medians the speed rows are made of, per number of groups N."""

    full: dict[int, float]
    booklets: dict[int, float]
    ref: dict[int, float]
    cpu: dict[int, tuple[float, float, float]]

    @classmethod
    def of(cls, r: Results) -> _Timings:
        return cls(
            full={n: r.site(n, "full") for n in r.sizes},
            booklets={n: r.site(n, "booklets") for n in r.sizes},
            ref={n: r.ref(n) for n in r.sizes},
            cpu={
                n: (r.site(n, "full", "cpu"), r.site(n, "booklets", "cpu"), r.ref(n, "cpu"))
                for n in r.sizes
            },
        )


def _speed_rows(r: Results) -> list[tuple[str, list[str], str]]:
    t = _Timings.of(r)
    rows = _build_cells(r, t) + _per_booklet_cells(r, t)
    return [(label, [cell(n) for n in r.sizes], target) for label, cell, target in rows]


def _build_cells(r: Results, t: _Timings) -> list[tuple[str, Cell, str]]:
    return [
        ("Full build, HTML only: handbook + N booklets (s)", lambda n: fmt_s(t.full[n]), ""),
        ("… handbook alone (a build with 0 groups) (s)", lambda n: fmt_s(r.handbook()), ""),
        ("All N booklets, handbook carried over (s)", lambda n: fmt_s(t.booklets[n]), ""),
        ("Reference: N plain MkDocs+Material builds, 1 process (s)", lambda n: fmt_s(t.ref[n]), ""),
        (
            "**Ratio full build / reference (wall)**",
            lambda n: f"**{t.full[n] / t.ref[n]:.2f}**",
            f"≤ {TARGETS['ratio']} at N={TARGET_N}",
        ),
        ("Ratio booklets only / reference (wall)", lambda n: f"{t.booklets[n] / t.ref[n]:.2f}", ""),
        (
            "CPU time: full build / booklets only / reference (s)",
            lambda n: " / ".join(fmt_s(v) for v in t.cpu[n]),
            "",
        ),
        (
            "Ratio full build / reference (CPU time)",
            lambda n: f"{t.cpu[n][0] / t.cpu[n][2]:.2f}",
            "",
        ),
    ]


def _per_booklet_cells(r: Results, t: _Timings) -> list[tuple[str, Cell, str]]:
    return [
        (
            "Rebuild, nothing changed (s)",
            lambda n: fmt_s(r.site(n, "noop")),
            f"≤ {TARGETS['noop_s']:g} s",
        ),
        ("Rebuild, one group changed, HTML only (s)", lambda n: fmt_s(r.site(n, "one")), ""),
        ("Time per booklet: full build / N (ms)", lambda n: f"{1000 * t.full[n] / n:.0f}", ""),
        (
            "Time per booklet: booklets only / N (ms)",
            lambda n: f"{1000 * t.booklets[n] / n:.0f}",
            "",
        ),
        ("Time per booklet: reference / N (ms)", lambda n: f"{1000 * t.ref[n] / n:.0f}", ""),
        (
            "CPU per booklet: booklets only / reference (ms)",
            lambda n: f"{1000 * t.cpu[n][1] / n:.0f} / {1000 * t.cpu[n][2] / n:.0f}",
            "",
        ),
    ]


def _size_rows(r: Results) -> list[tuple[str, list[str], str]]:
    sizes, res = r.sizes, r.results
    html = {n: res[n]["site"][0]["folder_bytes"] for n in sizes}
    ref_mem = {n: max(x["rss"]["self_kib"] for x in res[n]["ref"]) for n in sizes}
    return [
        ("Peak RSS, build process (MiB)", [fmt_mib(r.peak(n)[0]) for n in sizes], ""),
        ("Peak RSS, largest worker (MiB)", [fmt_mib(r.peak(n)[1]) for n in sizes], ""),
        (
            f"Peak RSS, process + {r.jobs} × largest worker (upper bound, MiB)",
            [fmt_mib(r.memory(n)) for n in sizes],
            f"< 1 GiB; ≤ {TARGETS['memory_growth']}× from N=200 to 400",
        ),
        ("Peak RSS, reference process (MiB)", [fmt_mib(ref_mem[n]) for n in sizes], ""),
        (
            "Booklet folder, HTML only: median / max (bytes)",
            [f"{med(html[n]):,.0f} / {max(html[n]):,}" for n in sizes],
            "",
        ),
        (
            "Reference site folder: median (bytes)",
            [f"{med(res[n]['ref'][0]['folder_bytes']):,.0f}" for n in sizes],
            "",
        ),
        (
            "Runs completed (ours / reference)",
            [f"{len(res[n]['site'])} / {len(res[n]['ref'])}" for n in sizes],
            "",
        ),
        (
            "Group file: median size (bytes); guideline warnings",
            [f"{r.gens[n]['yaml_bytes_median']:,.0f}; {r.gens[n]['warnings']}" for n in sizes],
            "",
        ),
    ]


def _print_table(r: Results) -> None:
    info = r.info
    print(f"\n## resourceboek build benchmark — {r.runs} run(s) per measure, median\n")
    print(
        f"Machine: nproc {info['nproc']}, CPU {info['cpu']}, {info['mem']}, Python "
        f"{info['python']}, {info['os']}; {info['versions']}. Our build uses {r.jobs} worker "
        f"process(es); the reference uses one process. {info.get('load', '')}.\n"
    )
    print("| Measure | " + " | ".join(f"N={n}" for n in r.sizes) + " | Target |")
    print("|" + "---|" * (len(r.sizes) + 2))
    for label, values, target in _speed_rows(r) + _size_rows(r):
        print(f"| {label} | " + " | ".join(values) + f" | {target} |")


def _print_pdf(r: Results, pdf: dict[str, Any]) -> None:
    n, folders, pdfs = pdf["n"], pdf["folder_bytes"], pdf["pdf_bytes"]
    without = (
        [f - p for f, p in zip(folders, pdfs, strict=True)] if len(pdfs) == len(folders) else []
    )
    count, times = len(pdf["runs"]), pdf["times"]
    print(f"\n### With PDFs, N={n} ({count} run{'s, median' if count > 1 else ''})\n")
    print("| Measure | Value | Target |")
    print("|---|---|---|")
    print(
        f"| Full build with PDFs: handbook (+ its PDF) + {n} booklets (s) | "
        f"{fmt_s(times['full'])} (CPU {fmt_s(pdf['cpu']['full'])}) | < 4 min at N={TARGET_N} |"
    )
    if n != TARGET_N:
        print(
            "| … same × 200/N (rough estimate; scales the handbook too, so high for small N) (s) | "
            f"{fmt_s(times['full'] * TARGET_N / n)} | < {TARGETS['full_pdf_s']:g} s |"
        )
    print(f"| Time per booklet with PDF: full / N (s) | {times['full'] / n:.2f} | |")
    print(
        f"| Rebuild, nothing changed (s) | {fmt_s(times.get('noop'))} | ≤ {TARGETS['noop_s']:g} s |"
    )
    print(
        f"| Rebuild, one group changed, incl. its PDF (s) | {fmt_s(times.get('one'))} | "
        f"≤ {TARGETS['one_pdf_s']:g} s |"
    )
    print(
        f"| Peak RSS: process / largest worker / process + {r.jobs} × worker (MiB) | "
        f"{fmt_mib(pdf['rss']['self_kib'])} / {fmt_mib(pdf['rss']['child_kib'])} / "
        f"{fmt_mib(r.pdf_memory() or 0)} | < 1 GiB |"
    )
    print(
        f"| Booklet folder incl. PDF: median / max (bytes) | {med(folders):,.0f} / {max(folders):,} | < 2 MB |"
    )
    if without:
        print(
            f"| Booklet folder without its PDF: median / max (bytes) | {med(without):,.0f} / {max(without):,} | |"
        )
        print(f"| PDF alone: median / max (bytes) | {med(pdfs):,.0f} / {max(pdfs):,} | |")


def _print_growth(r: Results) -> None:
    sizes = r.sizes
    full = {n: r.site(n, "full") for n in sizes}
    booklets = {n: r.site(n, "booklets") for n in sizes}
    print("\n### Growth\n")
    per = ", ".join(
        f"N={n}: {1000 * full[n] / n:.0f} ms (booklets only {1000 * booklets[n] / n:.0f}"
        f" ms, reference {1000 * r.ref(n) / n:.0f} ms)"
        for n in sizes
    )
    print(f"Wall time per booklet — {per}.")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        change = (booklets[b] / b) / (booklets[a] / a) - 1
        cpu_change = (r.site(b, "booklets", "cpu") / b) / (r.site(a, "booklets", "cpu") / a) - 1
        print(
            f"From N={a} to N={b} the booklets-only time per booklet changed by {change:+.0%} "
            f"(CPU time per booklet {cpu_change:+.0%}; 0 % = linear growth). The full build per "
            f"booklet falls with N because the handbook ({fmt_s(r.handbook())} s, CPU "
            f"{fmt_s(r.handbook('cpu'))} s) is a fixed cost."
        )


def _flags(r: Results) -> list[str]:
    """A rebuild that built more than expected means the cache was invalidated under us."""
    flags = []
    for n in r.sizes:
        for i, run in enumerate(r.results[n]["site"]):
            if run["built"].get("noop"):
                flags.append(
                    f"N={n} run {i + 1}: the no-change rebuild built "
                    f"{len(run['built']['noop'])} part(s) (project code edited meanwhile?)"
                )
            if len(run["built"].get("one", [])) != 1:
                flags.append(
                    f"N={n} run {i + 1}: the one-change rebuild built "
                    f"{len(run['built'].get('one', []))} parts, expected 1"
                )
    pdf = r.pdf
    if pdf is not None and (pdf["built"].get("noop") or len(pdf["built"].get("one", [])) != 1):
        flags.append(f"PDF: rebuilds built {pdf['built'].get('noop')} / {pdf['built'].get('one')}")
    return flags


def _print_flags(r: Results) -> None:
    flags = _flags(r)
    if flags:
        print("\n**Warning — measurements disturbed:**\n")
        for flag in flags:
            print(f"- {flag}")


def _raw(run: dict[str, Any], step: str) -> str:
    return f"{run['times'][step]:.2f} ({run['cpu'][step]:.1f})"


def _print_raw(r: Results) -> None:
    print("\n<details><summary>Raw runs: wall s (CPU s) [load average before→after]</summary>\n")
    print("- handbook alone: " + ", ".join(_raw(x, "full") for x in r.hb_runs))
    for n in r.sizes:
        for step in ("full", "noop", "one", "booklets"):
            print(
                f"- N={n} {step}: "
                + ", ".join(
                    _raw(x, step) + f" [{x['load'][0]:.1f}→{x['load'][-1]:.1f}]" * (step == "full")
                    for x in r.results[n]["site"]
                )
            )
        refs = r.results[n]["ref"]
        print(
            f"- N={n} reference: "
            + ", ".join(
                f"{x['total']:.2f} ({x['cpu']:.1f}) [{x['load'][0]:.1f}→{x['load'][-1]:.1f}]"
                for x in refs
            )
        )
    for run in r.pdf["runs"] if r.pdf is not None else []:
        print(
            f"- PDF N={r.pdf['n'] if r.pdf else ''}: "
            + ", ".join(f"{k} {_raw(run, k)}" for k in run["times"])
            + f" [{run['load'][0]:.1f}→{run['load'][-1]:.1f}]"
        )
    print("\n</details>")


def _print_notes(r: Results) -> None:
    args, info, sizes = r.args, r.info, r.sizes
    if info.get("skipped"):
        print(f"\nNote: {info['skipped']}.")
    dropped = sorted({int(x) for x in args.sizes.split(",") if x.strip()} - set(sizes))
    if dropped:
        print(f"\nNote: N={', '.join(map(str, dropped))} not measured (--max-minutes reached).")
    if args.max_minutes and any(len(r.results[n]["site"]) < r.runs for n in sizes):
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
    )


def report(results: Results) -> None:
    """Print the whole report: the table, PDFs, growth, warnings, targets, raw runs, notes."""
    _print_table(results)
    if results.pdf is not None:
        _print_pdf(results, results.pdf)
    _print_growth(results)
    _print_flags(results)
    print_targets(results)
    _print_raw(results)
    _print_notes(results)
