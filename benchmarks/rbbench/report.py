"""The benchmark's report: a Markdown table, the targets and whether each is met."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
from pathlib import Path
from typing import Any

from . import DEFAULT_SEED, GIB, MB


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
    except OSError:
        pass
    from importlib.metadata import version

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": str(usable),
        "cpu": model,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "mem": mem,
        "versions": ", ".join(
            f"{p} {version(p)}"
            for p in ("mkdocs", "mkdocs-material", "mkdocs-to-pdf", "weasyprint")
        ),
    }


def combine_pdf_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several PDF probes as one: median times, the largest memory, each run kept for the list."""
    combined = dict(runs[0])
    for key in ("times", "cpu"):
        combined[key] = {step: med([r[key][step] for r in runs]) for step in runs[0][key]}
    combined["rss"] = max((r["rss"] for r in runs), key=lambda rss: rss["child_kib"])
    combined["folder_bytes"] = [b for r in runs for b in r["folder_bytes"]]
    combined["pdf_bytes"] = [b for r in runs for b in r["pdf_bytes"]]
    combined["built"] = runs[-1]["built"]
    combined["runs"] = runs
    return combined


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_s(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def fmt_mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def verdict(ok: bool | None) -> str:
    return {True: "**met**", False: "**MISSED**", None: "n/a"}[ok]


def report(
    args: argparse.Namespace,
    info: dict[str, str],
    sizes: list[int],
    runs: int,
    hb_runs: list[dict[str, Any]],
    results: dict[int, dict[str, Any]],
    gens: dict[int, dict[str, Any]],
    pdf: dict[str, Any] | None,
    total: float,
) -> None:
    jobs = args.jobs
    hb = med([r["times"]["full"] for r in hb_runs])
    hb_cpu = med([r["cpu"]["full"] for r in hb_runs])

    def site_med(n: int, step: str, what: str = "times") -> float:
        return med([r[what][step] for r in results[n]["site"] if step in r[what]])

    def ref_med(n: int, what: str = "total") -> float:
        return med([r[what] for r in results[n]["ref"]])

    def peak(rows: list[dict[str, Any]]) -> tuple[int, int]:
        return max(r["rss"]["self_kib"] for r in rows), max(r["rss"]["child_kib"] for r in rows)

    rows: list[tuple[str, list[str], str]] = []

    def row(label: str, values: list[str], target: str = "") -> None:
        rows.append((label, values, target))

    full = {n: site_med(n, "full") for n in sizes}
    booklets = {n: site_med(n, "booklets") for n in sizes}
    ref = {n: ref_med(n) for n in sizes}
    full_cpu = {n: site_med(n, "full", "cpu") for n in sizes}
    booklets_cpu = {n: site_med(n, "booklets", "cpu") for n in sizes}
    ref_cpu = {n: ref_med(n, "cpu") for n in sizes}
    row("Full build, HTML only: handbook + N booklets (s)", [fmt_s(full[n]) for n in sizes])
    row("… handbook alone (a build with 0 groups) (s)", [fmt_s(hb) for _ in sizes])
    row("All N booklets, handbook carried over (s)", [fmt_s(booklets[n]) for n in sizes])
    row("Reference: N plain MkDocs+Material builds, 1 process (s)", [fmt_s(ref[n]) for n in sizes])
    row(
        "**Ratio full build / reference (wall)**",
        [f"**{full[n] / ref[n]:.2f}**" for n in sizes],
        "≤ 0.75 at N=200",
    )
    row("Ratio booklets only / reference (wall)", [f"{booklets[n] / ref[n]:.2f}" for n in sizes])
    row(
        "CPU time: full build / booklets only / reference (s)",
        [f"{fmt_s(full_cpu[n])} / {fmt_s(booklets_cpu[n])} / {fmt_s(ref_cpu[n])}" for n in sizes],
    )
    row(
        "Ratio full build / reference (CPU time)",
        [f"{full_cpu[n] / ref_cpu[n]:.2f}" for n in sizes],
    )
    row("Rebuild, nothing changed (s)", [fmt_s(site_med(n, "noop")) for n in sizes], "≤ 2 s")
    row("Rebuild, one group changed, HTML only (s)", [fmt_s(site_med(n, "one")) for n in sizes])
    row("Time per booklet: full build / N (ms)", [f"{1000 * full[n] / n:.0f}" for n in sizes])
    row(
        "Time per booklet: booklets only / N (ms)", [f"{1000 * booklets[n] / n:.0f}" for n in sizes]
    )
    row("Time per booklet: reference / N (ms)", [f"{1000 * ref[n] / n:.0f}" for n in sizes])
    row(
        "CPU per booklet: booklets only / reference (ms)",
        [f"{1000 * booklets_cpu[n] / n:.0f} / {1000 * ref_cpu[n] / n:.0f}" for n in sizes],
    )
    mem = {n: peak(results[n]["site"]) for n in sizes}
    est = {n: mem[n][0] + jobs * mem[n][1] for n in sizes}
    row("Peak RSS, build process (MiB)", [fmt_mib(mem[n][0]) for n in sizes])
    row("Peak RSS, largest worker (MiB)", [fmt_mib(mem[n][1]) for n in sizes])
    row(
        f"Peak RSS, process + {jobs} × largest worker (upper bound, MiB)",
        [fmt_mib(est[n]) for n in sizes],
        "< 1 GiB; ≤ 1.3× from N=200 to 400",
    )
    ref_mem = {n: max(r["rss"]["self_kib"] for r in results[n]["ref"]) for n in sizes}
    row("Peak RSS, reference process (MiB)", [fmt_mib(ref_mem[n]) for n in sizes])
    html_sizes = {n: results[n]["site"][0]["folder_bytes"] for n in sizes}
    row(
        "Booklet folder, HTML only: median / max (bytes)",
        [f"{med(html_sizes[n]):,.0f} / {max(html_sizes[n]):,}" for n in sizes],
    )
    ref_sizes = {n: results[n]["ref"][0]["folder_bytes"] for n in sizes}
    row("Reference site folder: median (bytes)", [f"{med(ref_sizes[n]):,.0f}" for n in sizes])
    row(
        "Runs completed (ours / reference)",
        [f"{len(results[n]['site'])} / {len(results[n]['ref'])}" for n in sizes],
    )
    row(
        "Group file: median size (bytes); guideline warnings",
        [f"{gens[n]['yaml_bytes_median']:,.0f}; {gens[n]['warnings']}" for n in sizes],
    )

    print(f"\n## resourceboek build benchmark — {runs} run(s) per measure, median\n")
    print(
        f"Machine: nproc {info['nproc']}, CPU {info['cpu']}, {info['mem']}, Python "
        f"{info['python']}, {info['os']}; {info['versions']}. Our build uses {jobs} worker "
        f"process(es); the reference uses one process. {info.get('load', '')}.\n"
    )
    header = "| Measure | " + " | ".join(f"N={n}" for n in sizes) + " | Target |"
    print(header)
    print("|" + "---|" * (len(sizes) + 2))
    for label, values, target in rows:
        print(f"| {label} | " + " | ".join(values) + f" | {target} |")

    pdf_est = None
    if pdf is not None:
        n = pdf["n"]
        folders = pdf["folder_bytes"]
        pdfs = pdf["pdf_bytes"]
        same = len(pdfs) == len(folders)
        without = [f - p for f, p in zip(folders, pdfs, strict=True)] if same else []
        pdf_est = pdf["rss"]["self_kib"] + jobs * pdf["rss"]["child_kib"]
        count = len(pdf["runs"])
        print(f"\n### With PDFs, N={n} ({count} run{'s, median' if count > 1 else ''})\n")
        print("| Measure | Value | Target |")
        print("|---|---|---|")
        print(
            f"| Full build with PDFs: handbook (+ its PDF) + {n} booklets (s) | "
            f"{fmt_s(pdf['times']['full'])} (CPU {fmt_s(pdf['cpu']['full'])}) | "
            "< 4 min at N=200 |"
        )
        if n != 200:
            print(
                "| … same × 200/N (rough estimate; scales the handbook too, so high for "
                "small N) (s) | "
                f"{fmt_s(pdf['times']['full'] * 200 / n)} | < 240 s |"
            )
        print(f"| Time per booklet with PDF: full / N (s) | {pdf['times']['full'] / n:.2f} | |")
        print(f"| Rebuild, nothing changed (s) | {fmt_s(pdf['times'].get('noop'))} | ≤ 2 s |")
        print(
            f"| Rebuild, one group changed, incl. its PDF (s) | "
            f"{fmt_s(pdf['times'].get('one'))} | ≤ 5 s |"
        )
        print(
            f"| Peak RSS: process / largest worker / process + {jobs} × worker (MiB) | "
            f"{fmt_mib(pdf['rss']['self_kib'])} / {fmt_mib(pdf['rss']['child_kib'])} / "
            f"{fmt_mib(pdf_est)} | < 1 GiB |"
        )
        print(
            f"| Booklet folder incl. PDF: median / max (bytes) | "
            f"{med(folders):,.0f} / {max(folders):,} | < 2 MB |"
        )
        if without:
            print(
                f"| Booklet folder without its PDF: median / max (bytes) | "
                f"{med(without):,.0f} / {max(without):,} | |"
            )
            print(f"| PDF alone: median / max (bytes) | {med(pdfs):,.0f} / {max(pdfs):,} | |")

    # Growth
    print("\n### Growth\n")
    per = ", ".join(
        f"N={n}: {1000 * full[n] / n:.0f} ms (booklets only {1000 * booklets[n] / n:.0f}"
        f" ms, reference {1000 * ref[n] / n:.0f} ms)"
        for n in sizes
    )
    print(f"Wall time per booklet — {per}.")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        change = (booklets[b] / b) / (booklets[a] / a) - 1
        cpu_change = (booklets_cpu[b] / b) / (booklets_cpu[a] / a) - 1
        print(
            f"From N={a} to N={b} the booklets-only time per booklet changed by {change:+.0%} "
            f"(CPU time per booklet {cpu_change:+.0%}; 0 % = linear growth). The full build per "
            f"booklet falls with N because the handbook ({fmt_s(hb)} s, CPU {fmt_s(hb_cpu)} s) "
            "is a fixed cost."
        )

    # Sanity: a rebuild that built more than expected means the cache was invalidated under us.
    flags = []
    for n in sizes:
        for i, r in enumerate(results[n]["site"]):
            if r["built"].get("noop"):
                flags.append(
                    f"N={n} run {i + 1}: the no-change rebuild built "
                    f"{len(r['built']['noop'])} part(s) (project code edited meanwhile?)"
                )
            if len(r["built"].get("one", [])) != 1:
                flags.append(
                    f"N={n} run {i + 1}: the one-change rebuild built "
                    f"{len(r['built'].get('one', []))} parts, expected 1"
                )
    if pdf is not None and (pdf["built"].get("noop") or len(pdf["built"].get("one", [])) != 1):
        flags.append(f"PDF: rebuilds built {pdf['built'].get('noop')} / {pdf['built'].get('one')}")
    if flags:
        print("\n**Warning — measurements disturbed:**\n")
        for flag in flags:
            print(f"- {flag}")

    # Targets
    print("\n### Targets\n")
    at = 200 if 200 in sizes else sizes[-1]
    tag = "" if at == 200 else f" (N=200 not measured; shown for N={at})"
    ratio = full[at] / ref[at]
    print(
        f"- HTML-only full build ≤ 0.75 × reference at N=200: {ratio:.2f} × "
        f"({fmt_s(full[at])} s vs {fmt_s(ref[at])} s){tag} — {verdict(ratio <= 0.75)}; "
        f"booklets only {booklets[at] / ref[at]:.2f} ×; by CPU time "
        f"{full_cpu[at] / ref_cpu[at]:.2f} ×."
    )
    noop = site_med(at, "noop")
    others = ", ".join(f"N={n}: {fmt_s(site_med(n, 'noop'))} s" for n in sizes if n != at)
    print(
        f"- No-change rebuild ≤ 2 s at N=200: {fmt_s(noop)} s{tag} — {verdict(noop <= 2)}"
        + (f" ({others})." if others else ".")
    )
    if pdf is not None:
        one = pdf["times"].get("one")
        print(
            f"- One changed group ≤ 5 s including its PDF: {fmt_s(one)} s at N={pdf['n']} — "
            f"{verdict(one is not None and one <= 5)}."
        )
        t = pdf["times"]["full"]
        if pdf["n"] == 200:
            print(f"- Full build with PDFs < 4 min at N=200: {fmt_s(t)} s — {verdict(t < 240)}.")
        else:
            scaled = t * 200 / pdf["n"]
            print(
                f"- Full build with PDFs < 4 min at N=200: measured {fmt_s(t)} s at N={pdf['n']}; "
                f"rough estimate ×200/N (also scales the handbook) {fmt_s(scaled)} s — "
                f"{verdict(scaled < 240)} "
                "(estimate, not measured)."
            )
        size = max(pdf["folder_bytes"])
        print(
            f"- Booklet folder incl. PDF < 2 MB: largest {size:,} bytes — {verdict(size < 2 * MB)}."
        )
    else:
        why = info.get("skipped") or "--pdf-size 0"
        print(
            "- PDF targets (one changed group ≤ 5 s incl. PDF; full build with PDFs < 4 min; "
            f"folder incl. PDF < 2 MB): n/a ({why})."
        )
    worst = max(list(est.values()) + ([pdf_est] if pdf_est is not None else []))
    print(
        f"- Peak memory < 1 GiB: worst upper bound {fmt_mib(worst)} MiB "
        f"(process + {jobs} × largest worker) — {verdict(worst < GIB / 1024)}."
    )
    if 200 in sizes and 400 in sizes:
        growth = est[400] / est[200]
        print(f"- Peak memory ≤ 1.3× from N=200 to 400: {growth:.2f} × — {verdict(growth <= 1.3)}.")
    elif len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        growth = est[b] / est[a]
        print(
            f"- Peak memory ≤ 1.3× from N=200 to 400: n/a (not both measured); from N={a} to "
            f"N={b}: {growth:.2f} ×."
        )
    else:
        print("- Peak memory ≤ 1.3× from N=200 to 400: n/a (one size only).")

    # Raw numbers
    print("\n<details><summary>Raw runs: wall s (CPU s) [load average before→after]</summary>\n")

    def raw(r: dict[str, Any], step: str) -> str:
        return f"{r['times'][step]:.2f} ({r['cpu'][step]:.1f})"

    print("- handbook alone: " + ", ".join(raw(r, "full") for r in hb_runs))
    for n in sizes:
        for step in ("full", "noop", "one", "booklets"):
            print(
                f"- N={n} {step}: "
                + ", ".join(
                    raw(r, step) + f" [{r['load'][0]:.1f}→{r['load'][-1]:.1f}]" * (step == "full")
                    for r in results[n]["site"]
                )
            )
        print(
            f"- N={n} reference: "
            + ", ".join(
                f"{r['total']:.2f} ({r['cpu']:.1f}) [{r['load'][0]:.1f}→{r['load'][-1]:.1f}]"
                for r in results[n]["ref"]
            )
        )
    if pdf is not None:
        for run in pdf["runs"]:
            print(
                f"- PDF N={pdf['n']}: "
                + ", ".join(f"{k} {raw(run, k)}" for k in run["times"])
                + f" [{run['load'][0]:.1f}→{run['load'][-1]:.1f}]"
            )
    print("\n</details>")
    if info.get("skipped"):
        print(f"\nNote: {info['skipped']}.")
    dropped = sorted({int(x) for x in args.sizes.split(",") if x.strip()} - set(sizes))
    if dropped:
        print(f"\nNote: N={', '.join(map(str, dropped))} not measured (--max-minutes reached).")
    if args.max_minutes and any(len(results[n]["site"]) < runs for n in sizes):
        print(
            f"\nNote: --max-minutes {args.max_minutes:g} cut some sizes short; "
            "see 'Runs completed'."
        )
    print(
        f"\nBenchmark wall time {total / 60:.1f} min. "
        "Command: .venv/bin/python benchmarks/build.py "
        f"--sizes {info.get('requested', ','.join(map(str, sizes)))} --runs {runs} "
        f"--pdf-size {args.pdf_size}"
        + f" --pdf-runs {args.pdf_runs}"
        + (f" --jobs {jobs}" if jobs != (os.cpu_count() or 1) else "")
        + (f" --seed {args.seed}" if args.seed != DEFAULT_SEED else "")
        + (f" --max-minutes {args.max_minutes:g}" if args.max_minutes else "")
    )
