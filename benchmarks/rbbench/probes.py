"""One measurement in its own process: a whole-site build and its rebuilds, timed with CPU and memory."""

from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import CONFIG, ROOT, SCRIPT, TODAY
from .synthetic import changed_text


def quiet_logging() -> None:
    """Only errors: MkDocs' INFO lines and WeasyPrint's CSS notes would drown the table."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    for name in ("weasyprint", "fontTools", "PIL", "mkdocs_to_pdf", "pikepdf"):
        logging.getLogger(name).setLevel(logging.ERROR)
    # booklet.py sets the "mkdocs" logger back to WARNING inside each worker; a root handler that
    # only lets errors through keeps those warnings off the terminal (and stops Python's
    # last-resort handler from printing them).
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.ERROR)
    logging.getLogger().addHandler(handler)


def snapshot_project(dest: Path) -> Path:
    """Copy the build inputs and the package as they are now; return the copied mkdocs.yml.

    The copy of plugins/ goes first on sys.path here and on PYTHONPATH in the probes, ahead of the
    editable install's path entry.
    """
    dest.mkdir(parents=True)
    shutil.copy2(CONFIG, dest / CONFIG.name)
    for folder in ("content", "themes", "plugins/resourceboek"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    plugins = str(dest / "plugins")
    if "resourceboek" in sys.modules:
        raise RuntimeError("resourceboek was imported before the snapshot")
    sys.path.insert(0, plugins)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [plugins] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    return dest / CONFIG.name


def site_spec(
    root: Path, config: Path, jobs: int, gen: dict[str, Any], steps: list[str], pdf: bool
) -> dict[str, Any]:
    """What `probe_site` measures: a fresh site in `root` from the generated groups `gen`."""
    ids = gen["ids"]
    return {
        "kind": "site",
        "root": str(root),
        "pdf": pdf,
        "config": str(config),
        "jobs": jobs,
        "groups_dir": gen["groups_dir"],
        "passwords": gen["passwords"],
        "ids": ids,
        "change": ids[len(ids) // 2] if ids else None,  # the group changed for the "one" step
        "steps": steps,
    }


def times_text(probe: dict[str, Any]) -> str:
    return ", ".join(f"{step} {seconds:.2f} s" for step, seconds in probe["times"].items())


def run_probe(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    spec_file = Path(tempfile.mkstemp(prefix="probe-", suffix=".json", dir=work)[1])
    out_file = spec_file.with_suffix(".out.json")
    spec["out"] = str(out_file)
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--probe", str(spec_file)],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0 or not out_file.exists():
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"probe {spec['kind']} failed (exit {proc.returncode})")
    noise = proc.stderr.strip().splitlines()
    if noise:  # e.g. the PDF plugin's own "No anchor ..." notes, printed outside logging
        sys.stderr.write(
            f"  (the probe printed {len(noise)} line(s) on stderr, first: {noise[0][:120]})\n"
        )
    return dict(json.loads(out_file.read_text(encoding="utf-8")))


def _rusage() -> dict[str, int]:
    # Linux: ru_maxrss in KiB. RUSAGE_CHILDREN is the largest single (waited-for) descendant,
    # here the largest pool worker; the pool has `jobs` of them alive at the same time.
    return {
        "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "child_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def _cpu() -> float:
    """User + system CPU seconds of this process and of its finished children (the workers)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _project(config: Path, root: Path, groups_dir: Path, passwords: Path):
    from resourceboek.project import load_project

    root.mkdir(parents=True, exist_ok=True)
    return load_project(config).with_overrides(
        groups_dir=groups_dir,
        passwords_file=passwords,
        site_root=root / "site",
        state_dir=root / "state",
        templates_dir=root / "sjablonen",  # absent: the packaged templates, as in the tests
    )


def _warm_imports() -> None:
    """Import what the workers need before the pool forks, as the reference has it imported too."""
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    import resourceboek.booklet  # noqa: F401
    import resourceboek.handbook_build  # noqa: F401


def probe_site(spec: dict[str, Any]) -> dict[str, Any]:
    """A fresh site: full build, then the requested rebuilds. Times are of build_site only."""
    from resourceboek.sitebuild import BOOKLETS, BuildOptions, build_site

    _warm_imports()
    pdf = bool(spec["pdf"])
    opts = BuildOptions(pdf=pdf, jobs=int(spec["jobs"]), today=TODAY)
    project = _project(
        Path(spec["config"]), Path(spec["root"]), Path(spec["groups_dir"]), Path(spec["passwords"])
    )
    result: dict[str, Any] = {"times": {}, "cpu": {}, "built": {}, "load": [os.getloadavg()[0]]}

    def timed(step: str) -> Any:
        cpu = _cpu()
        start = time.perf_counter()
        report = build_site(project, opts)
        result["times"][step] = time.perf_counter() - start
        result["cpu"][step] = _cpu() - cpu
        result["built"][step] = sorted(report.built)
        if report.failed:
            raise SystemExit(f"{step}: build failed: {report.failed}")
        return report

    report = timed("full")
    boekjes = project.site_root / BOOKLETS
    folders = [boekjes / report.tokens[g] for g in spec["ids"]]
    result["folder_bytes"] = [_folder_bytes(f) for f in folders]
    result["pdf_bytes"] = [
        (f / "boekje.pdf").stat().st_size for f in folders if (f / "boekje.pdf").exists()
    ]
    result["rss_after_full"] = _rusage()
    if "noop" in spec["steps"]:
        timed("noop")
    if "one" in spec["steps"] and spec["ids"]:
        path = Path(spec["groups_dir"]) / f"{spec['change']}.yml"
        original = path.read_text(encoding="utf-8")
        path.write_text(changed_text(path, spec["root"]), encoding="utf-8")
        try:
            timed("one")
        finally:
            path.write_text(original, encoding="utf-8")
    if "booklets" in spec["steps"] and spec["ids"]:
        # All booklets again while the handbook is carried over: the booklet share of a full build.
        shutil.rmtree(boekjes)
        timed("booklets")
    result["rss"] = _rusage()
    result["load"].append(os.getloadavg()[0])
    shutil.rmtree(spec["root"], ignore_errors=True)
    return result
