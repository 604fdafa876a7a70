"""The benchmark's report: the floor, the ratios to it, a Markdown table, the targets met or not."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import MB
from .measures import fmt_mib, fmt_s, med
from .targets import PDF_BASELINE, TARGETS, pdf_cpu_per_booklet, print_targets


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

    def runs_of(self, n: int) -> list[dict[str, Any]]:
        return list(self.results[n]["site"])

    def site(self, n: int, step: str, what: str = "times") -> float:
        return med([r[what][step] for r in self.runs_of(n) if step in r[what]])

    def floor(self, n: int, step: str, what: str = "wall") -> float:
        return med([r["floor"][step][what] for r in self.runs_of(n) if step in r["floor"]])

    def ratio(self, n: int, step: str) -> float:
        """Median over the runs of the step's wall time over the floor measured just before it."""
        return med(
            [
                r["times"][step] / r["floor"][step]["wall"]
                for r in self.runs_of(n)
                if step in r["times"] and step in r["floor"]
            ]
        )

    def cold_heavy(self, n: int) -> list[str]:
        return sorted({m for r in self.runs_of(n) for m in r.get("cold_heavy", [])})

    def disk(self, n: int, what: str = "du") -> float:
        return med([r["site_disk"][what] for r in self.runs_of(n)])

    def growth(self, n: int, what: str = "du") -> float:
        """What the site grows by per booklet: (site at N − site at 0 groups) / N."""
        empty = med([r["site_disk"][what] for r in self.hb_runs])
        return (self.disk(n, what) - empty) / n

    def handbook(self, what: str = "times") -> float:
        return med([r[what]["full"] for r in self.hb_runs])

    def peak(self, n: int) -> tuple[int, int]:
        rows = self.runs_of(n)
        return max(r["rss"]["self_kib"] for r in rows), max(r["rss"]["child_kib"] for r in rows)

    def memory(self, n: int) -> float:
        """Upper bound of the peak: the process plus `jobs` times its largest worker (KiB)."""
        own, worker = self.peak(n)
        return own + self.jobs * worker

    def pdf_memory(self) -> float | None:
        pdf = self.pdf
        return None if pdf is None else pdf["rss"]["self_kib"] + self.jobs * pdf["rss"]["child_kib"]

    def pdf_n(self) -> int:
        return int(self.pdf["n"]) if self.pdf else 0

    def pdf_cpu_per_booklet(self, step: str = "booklets") -> float | None:
        """Median over the PDF runs, each paired with the HTML-only build just before it; of the
        `booklets` step (handbook carried over) or of the `full` build (its PDF included)."""
        if self.pdf is None:
            return None
        n = self.pdf_n()
        pairs = zip(self.pdf["runs"], self.pdf["html"], strict=True)
        return med([pdf_cpu_per_booklet(p["cpu"][step], h["cpu"][step], n) for p, h in pairs])


Row = tuple[str, Callable[[int], str], str]
"""A row of the table: its label, its cell for the run with N groups, its target."""


def _speed_rows(r: Results) -> list[Row]:
    t, j = TARGETS, r.jobs
    return [
        (f"**Floor**: N key derivations on {j} processes (s)", lambda n: fmt_s(r.floor(n, "full")), ""),
        ("Full build, first (fresh site and state), HTML only (s)", lambda n: fmt_s(r.site(n, "full")), ""),
        ("**Full build / floor**", lambda n: f"**{r.ratio(n, 'full'):.2f}**", t["full_floor"].text),
        ("Rebuild after a template change, state kept (s)", lambda n: fmt_s(r.site(n, "template")), ""),
        ("… floor measured just before it (s)", lambda n: fmt_s(r.floor(n, "template")), ""),
        (
            "**Template rebuild / floor**",
            lambda n: f"**{r.ratio(n, 'template'):.2f}**",
            t["template_floor"].text,
        ),
        (
            "**No-change rebuild, fresh `resourceboek build` process** (s)",
            lambda n: f"**{fmt_s(r.site(n, 'cold'))}**",
            t["cold_noop_s"].text,
        ),
        ("… heavy libraries it imported", lambda n: ", ".join(r.cold_heavy(n)) or "none", "none"),
        ("No-change rebuild, in the warm measuring process (s)", lambda n: fmt_s(r.site(n, "noop")), ""),
        ("**One group changed, HTML only** (s)", lambda n: f"**{fmt_s(r.site(n, 'one'))}**", t["one_s"].text),
        ("All N booklets, handbook carried over, state kept (s)", lambda n: fmt_s(r.site(n, "booklets")), ""),
        ("Handbook alone (a build with 0 groups) (s)", lambda n: fmt_s(r.handbook()), ""),
        (
            "CPU time: floor / full / template (s)",
            lambda n: " / ".join(
                fmt_s(v) for v in (r.floor(n, "full", "cpu"), r.site(n, "full", "cpu"), r.site(n, "template", "cpu"))
            ),
            "",
        ),
        ("Full build per booklet: wall / CPU (ms)", lambda n: f"{1000 * r.site(n, 'full') / n:.0f} / {1000 * r.site(n, 'full', 'cpu') / n:.0f}", ""),
    ]  # fmt: skip


def _disk_memory_rows(r: Results) -> list[Row]:
    t = TARGETS

    def folders(n: int) -> str:
        sizes = [b for x in r.runs_of(n)[:1] for b in x["folder_bytes"]]
        return f"{med(sizes) / MB:.3f} / {max(sizes) / MB:.3f}"

    return [
        ("Site on disk, HTML only (du, hard links once) (MB)", lambda n: f"{r.disk(n) / MB:.1f}", ""),
        ("**Site growth per booklet** (du) (MB)", lambda n: f"**{r.growth(n) / MB:.3f}**", t["growth_bytes"].text),
        ("… by apparent size of the unique files (MB)", lambda n: f"{r.growth(n, 'bytes') / MB:.3f}", ""),
        ("One booklet folder copied alone: median / max (MB)", folders, ""),
        ("Peak RSS, build process (MiB)", lambda n: fmt_mib(r.peak(n)[0]), ""),
        ("Peak RSS, largest worker (MiB)", lambda n: fmt_mib(r.peak(n)[1]), ""),
        (
            f"**Peak RSS, process + {r.jobs} × largest worker** (upper bound, MiB)",
            lambda n: fmt_mib(r.memory(n)),
            f"{t['memory_kib'].text}; {t['memory_growth'].text}",
        ),
        ("Runs completed", lambda n: str(len(r.runs_of(n))), ""),
        (
            "Group file: median size (bytes); guideline warnings",
            lambda n: f"{r.gens[n]['yaml_bytes_median']:,.0f}; {r.gens[n]['warnings']}",
            "",
        ),
    ]  # fmt: skip


def print_table(r: Results) -> None:
    """The main table: rows are measures, columns the numbers of groups, last the target."""
    info = r.info
    print(f"\n## resourceboek build benchmark — {r.runs} run(s) per measure, median\n")
    print(
        f"Machine: nproc {info['nproc']}, CPU {info['cpu']}, {info['mem']}, Python "
        f"{info['python']}, {info['os']}; {info['versions']}. Our build uses {r.jobs} worker "
        f"process(es). {info.get('load', '')}. A new file in the temporary folder cost "
        f"{info.get('new_file', '?')} µs of CPU at the start (`benchmarks/fscost.py`).\n"
    )
    print(
        "The floor is the one cost a build cannot skip: one PBKDF2 key derivation per booklet "
        f"(`protect.derive_key`, 600 000 rounds), all N of them run on a pool of {r.jobs} processes "
        "in the same probe, right before the build it is paired with (wall time, pool start-up "
        "included). Each ratio is the median over the runs of (step / its own floor).\n"
    )
    print("| Measure | " + " | ".join(f"N={n}" for n in r.sizes) + " | Target |")
    print("|" + "---|" * (len(r.sizes) + 2))
    for label, cell, target in _speed_rows(r) + _disk_memory_rows(r):
        print(f"| {label} | " + " | ".join(cell(n) for n in r.sizes) + f" | {target} |")


def print_pdf(r: Results, pdf: dict[str, Any]) -> None:
    """The builds with PDFs, each paired with an HTML-only build of the same N just before it."""
    n, folders, pdfs = pdf["n"], pdf["folder_bytes"], pdf["pdf_bytes"]
    count, times, cpu = len(pdf["runs"]), pdf["times"], pdf["cpu"]
    html_cpu = med([h["cpu"]["full"] for h in pdf["html"]])
    html_booklets = med([h["cpu"]["booklets"] for h in pdf["html"]])
    per, base = r.pdf_cpu_per_booklet() or 0.0, PDF_BASELINE.cpu_per_booklet_s
    share = f"{per / base:.2f} × baseline" if base > 0 else "no baseline"
    per_full, base_full = r.pdf_cpu_per_booklet("full") or 0.0, PDF_BASELINE.full_cpu_per_booklet_s
    print(f"\n### With PDFs, N={n} ({count} run{'s, median' if count > 1 else ''})\n")
    print("| Measure | Value | Target |")
    print("|---|---|---|")
    rows = [
        ("Full build with PDFs: wall (CPU) (s)", f"{fmt_s(times['full'])} ({fmt_s(cpu['full'])})", ""),
        ("HTML-only full build, same N, just before: CPU (s)", fmt_s(html_cpu), ""),
        ("All N booklets again, handbook carried over: CPU with PDFs / HTML only (s)", f"{fmt_s(cpu.get('booklets'))} / {fmt_s(html_booklets)}", ""),
        (
            "**PDF CPU per booklet**: booklets step, (CPU with PDFs − CPU HTML only) / N (s)",
            f"**{per:.2f}** ({share})",
            f"{TARGETS['pdf_cpu_share'].text} ({base:.2f} s at {PDF_BASELINE.commit}, "
            f"N={PDF_BASELINE.n})",
        ),
        ("Same from the full builds, the handbook's PDF shared over N (s)", f"{per_full:.2f} (baseline {base_full:.2f})", ""),
        ("Rebuild, one group changed, incl. its PDF (s)", fmt_s(times.get("one")), ""),
        ("No-change rebuild, fresh `resourceboek build` process (s)", fmt_s(times.get("cold")), ""),
        (
            f"Peak RSS: process / largest worker / process + {r.jobs} × worker (MiB)",
            f"{fmt_mib(pdf['rss']['self_kib'])} / {fmt_mib(pdf['rss']['child_kib'])} / "
            f"{fmt_mib(r.pdf_memory() or 0)}",
            TARGETS["memory_kib"].text,
        ),
        ("Booklet folder incl. PDF: median / max (MB)", f"{med(folders) / MB:.3f} / {max(folders) / MB:.3f}", ""),
    ]  # fmt: skip
    if len(pdfs) == len(folders):
        rows.append(("PDF alone: median / max (MB)", f"{med(pdfs) / MB:.3f} / {max(pdfs) / MB:.3f}", ""))  # fmt: skip
    for label, value, target in rows:
        print(f"| {label} | {value} | {target} |")


def report(results: Results) -> None:
    """Print the whole report: table, PDFs, reference, warnings, targets, raw runs, notes."""
    from .report_extra import print_flags, print_notes, print_raw, print_reference

    print_table(results)
    if results.pdf is not None:
        print_pdf(results, results.pdf)
    if results.args.reference:
        print_reference(results)
    print_flags(results)
    print_targets(results)
    print_raw(results)
    print_notes(results)
