"""Small helpers of the benchmark: the machine, medians, number formats, verdicts."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from pathlib import Path
from typing import Any

HEAVY = (
    "mkdocs.commands",
    "mkdocs.config",
    "mkdocs.structure",
    "material",
    "markdown",
    "weasyprint",
    "pikepdf",
    "mkdocs_to_pdf",
    "sass",
    "rich",
    "zxcvbn_rs_py",
)
"""What a build with nothing to do should not load: MkDocs' build machinery, the theme, Markdown,
the PDF libraries and the password checker. MkDocs' small YAML reader (`mkdocs.utils.yaml`, which
reads mkdocs.yml with its `!ENV` tags in a few ms) does not count."""


def rusage() -> dict[str, int]:
    """Peak memory (KiB, Linux): this process, and its largest waited-for descendant (here the
    largest pool worker; the pool has `jobs` of them alive at the same time)."""
    return {
        "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "child_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its finished children (the workers)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def folder_bytes(folder: Path) -> int:
    """Apparent size of every file in `folder`: what a copy of the folder alone takes."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def disk_usage(root: Path) -> dict[str, int]:
    """Like `du`: every file and folder below `root` once per inode (hard links counted once);
    `du` = allocated bytes (blocks), `bytes` = apparent size of the unique files."""
    seen: set[tuple[int, int]] = set()
    used = apparent = 0
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        used += st.st_blocks * 512
        if path.is_file() and not path.is_symlink():
            apparent += st.st_size
    return {"du": used, "bytes": apparent}


def new_file_cost(folder: Path, count: int = 200) -> float:
    """CPU microseconds per new small file in `folder` (made, kept: the benchmark deletes nothing
    until the end). Tens of microseconds on a quiet disk; far more on ext4 without a journal
    shortly after many files were deleted there (benchmarks/fscost.py)."""
    folder.mkdir(parents=True)
    start = time.process_time()
    for i in range(count):
        (folder / f"f{i}").write_bytes(b"x" * 8000)
    return (time.process_time() - start) * 1e6 / count


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
