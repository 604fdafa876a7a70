"""Small helpers of the benchmark: the machine, medians, number formats, verdicts."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path
from typing import Any


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
