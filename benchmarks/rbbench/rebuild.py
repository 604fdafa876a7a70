"""Rebuilds of a large site as a coordinator runs them (`--rebuild-size N`): one first build, then
pairs of `resourceboek build` in a fresh process, one group changed and nothing changed. With
`--history` every build keeps and compares the plan's history in a werkmap's `geschiedenis/`
folder, as a coordinator's builds do.

The first build of N booklets costs N key derivations (about 45 s for 1000 on 2 cores), so it is
made once; every rebuild after it is timed. Each pair changes the same group to a new text (a
sentence with the run's number), so every "one changed" rebuild has exactly one new file, and the
"nothing changed" rebuild after it has none; both are checked from the build's report.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from . import TODAY
from .probes import _project
from .steps import cold_build
from .synthetic import changed_text


def probe_rebuild(spec: dict[str, Any]) -> dict[str, Any]:
    """The first build (timed once), then `runs` pairs of fresh-process rebuilds."""
    from resourceboek.build.sitebuild import BuildOptions, build_site

    root = Path(spec["root"])
    project = _project(
        Path(spec["config"]), root, Path(spec["groups_dir"]), Path(spec["passwords"])
    )
    jobs = int(spec["jobs"])
    history = root / "werkmap" if spec.get("history") else None  # its geschiedenis/ folder
    start = time.perf_counter()
    build_site(project, BuildOptions(pdf=False, jobs=jobs, today=TODAY, history_root=history))
    result: dict[str, Any] = {"first": time.perf_counter() - start, "one": [], "noop": []}
    result["history"] = history is not None
    path = Path(spec["groups_dir"]) / f"{spec['change']}.yml"
    original = path.read_text(encoding="utf-8")
    profile = spec.get("profile")
    try:
        for run in range(int(spec["runs"]) + bool(profile)):
            profiled = profile if run == int(spec["runs"]) else None  # an extra pair, untimed
            path.write_text(changed_text(path, f"run {run}"), encoding="utf-8")
            for step, expected in (("one", [spec["change"]]), ("noop", [])):
                shown = f"{profiled}-{step}.txt" if profiled else None
                out = root / "cold.json"
                cold = cold_build(project.config_file, jobs, False, out, shown, history)
                if cold["built"] != expected:
                    raise SystemExit(f"{step}: built {cold['built'][:5]}, expected {expected}")
                if not profiled:
                    result[step].append(cold["wall"])
    finally:
        path.write_text(original, encoding="utf-8")
        shutil.rmtree(root, ignore_errors=True)
        project.config_file.unlink(missing_ok=True)
    return result


def rebuild_report(n: int, result: dict[str, Any], machine: dict[str, str]) -> str:
    """The medians as a small Markdown table (the runs beside them)."""
    kind = "vers proces, zonder PDF" + (", met geschiedenis" if result.get("history") else "")
    rows = [f"| meting (N={n}, {kind}) | mediaan | runs |", "| --- | --- | --- |"]
    for step, text in (("one", "één groep veranderd"), ("noop", "niets veranderd")):
        runs = result[step]
        shown = ", ".join(f"{s:.2f}" for s in runs)
        rows.append(f"| {text} | {statistics.median(runs):.2f} s | {shown} |")
    rows.append(f"| eerste build (één keer) | {result['first']:.1f} s | |")
    where = f"{machine['nproc']} CPUs ({machine['cpu']}), Python {machine['python']}"
    return "\n".join(rows) + f"\n\nMachine: {where}."
