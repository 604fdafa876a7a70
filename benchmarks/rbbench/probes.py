"""One measurement in its own process: a whole-site build and its rebuilds, timed with CPU and memory."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import CONFIG, ROOT, SCRIPT, TODAY
from .measures import cpu_seconds, disk_usage, folder_bytes, rusage
from .steps import change_template, cold_build, floor, template_applied
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
        "keep": False,
        "reuse": False,
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


def _project(config: Path, root: Path, groups_dir: Path, passwords: Path) -> Any:
    """The project of one probe: its own mkdocs.yml beside the snapshot's (so that the relative
    paths in it mean the same), with this probe's groups, passwords, site, state and templates."""
    import yaml

    from resourceboek.project.project import load_project

    if (config.parent / ".git").exists():  # it writes beside `config`: never into a checkout
        raise SystemExit(f"{config}: use a snapshot of the project (snapshot_project)")
    root.mkdir(parents=True, exist_ok=True)
    project = load_project(config).with_overrides(
        groups_dir=groups_dir,
        passwords_file=passwords,
        site_root=root / "site",
        state_dir=root / "state",
        templates_dir=root / "sjablonen",  # absent until the `template` step adds an override
    )
    own = config.with_name(f"bench-{root.name}.yml")
    own.write_text(yaml.safe_dump(project.raw, allow_unicode=True, sort_keys=False), "utf-8")
    return load_project(own)


def _warm_imports() -> None:
    """Import what the workers need before the pool forks, as the reference has it imported too."""
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    import resourceboek.adapters.booklet  # noqa: F401
    import resourceboek.adapters.handbook_build  # noqa: F401


STEPS = ("noop", "one", "template", "booklets", "cold")
"""The rebuilds a site probe can make after its full build, in this order (see `SiteProbe`)."""


class SiteProbe:
    """One fresh site: the floor, then its full build, then the requested rebuilds."""

    def __init__(self, spec: dict[str, Any]) -> None:
        from resourceboek.build.sitebuild import BuildOptions

        self.spec = spec
        self.root = Path(spec["root"])
        self.opts = BuildOptions(pdf=bool(spec["pdf"]), jobs=int(spec["jobs"]), today=TODAY)
        self.project = _project(
            Path(spec["config"]), self.root, Path(spec["groups_dir"]), Path(spec["passwords"])
        )
        pw = yaml_load(Path(spec["passwords"])) if spec["ids"] else {}
        self.passwords: dict[str, str] = {str(k): str(v) for k, v in pw.items()}
        self.result: dict[str, Any] = {
            "times": {},
            "cpu": {},
            "built": {},
            "floor": {},
            "load": [os.getloadavg()[0]],
        }

    def timed(self, step: str) -> Any:
        """One `build_site` call, wall and CPU time; a failed part stops the benchmark."""
        from resourceboek.build.sitebuild import build_site

        cpu, start = cpu_seconds(), time.perf_counter()
        report = build_site(self.project, self.opts)
        self.result["times"][step] = time.perf_counter() - start
        self.result["cpu"][step] = cpu_seconds() - cpu
        self.result["built"][step] = sorted(report.built)
        self.tokens: dict[str, str] = report.tokens
        if report.failed:
            raise SystemExit(f"{step}: build failed: {report.failed}")
        return report

    def floor(self, step: str) -> None:
        """The key-derivation floor, measured right before the build `step` it is paired with."""
        ids = self.spec["ids"]
        if ids:
            self.result["floor"][step] = floor([self.passwords[g] for g in ids], self.opts.jobs)

    def full(self) -> None:
        from resourceboek.build.sitebuild import BOOKLETS

        self.floor("full")
        report = self.timed("full")
        site = self.project.site_root
        folders = [site / BOOKLETS / report.tokens[g] for g in self.spec["ids"]]
        self.result["folder_bytes"] = [folder_bytes(f) for f in folders]
        self.result["pdf_bytes"] = [
            (f / "boekje.pdf").stat().st_size for f in folders if (f / "boekje.pdf").exists()
        ]
        self.result["site_disk"] = disk_usage(site)
        self.result["rss_after_full"] = rusage()

    def one(self) -> None:
        """One group file changed (a sentence added), then put back as it was."""
        path = Path(self.spec["groups_dir"]) / f"{self.spec['change']}.yml"
        original = path.read_text(encoding="utf-8")
        path.write_text(changed_text(path, self.spec["root"]), encoding="utf-8")
        try:
            self.timed("one")
        finally:
            path.write_text(original, encoding="utf-8")

    def template(self) -> None:
        """An organisation's own booklet template added; the state folder (cache, tokens) kept."""
        from resourceboek.build.sitebuild import BOOKLETS

        change_template(self.project.templates_dir)
        self.floor("template")
        self.timed("template")
        gid = self.spec["change"]
        folder = self.project.site_root / BOOKLETS / self.tokens[gid]
        self.result["template_applied"] = template_applied(folder, self.passwords[gid])

    def booklets(self) -> None:
        """All booklets again while the handbook is carried over: the booklets' share."""
        from resourceboek.build.sitebuild import BOOKLETS

        # Moved aside, not deleted: see `set_aside`.
        set_aside(self.project.site_root / BOOKLETS, self.root / "weg-boekjes")
        self.timed("booklets")

    def cold(self) -> None:
        """Nothing changed, through `resourceboek build` in a fresh process (after the memory
        figures are taken, so that this process does not count as a worker)."""
        out = self.root / "cold.json"
        cold = cold_build(self.project.config_file, self.opts.jobs, self.opts.pdf, out)
        self.result["times"]["cold"], self.result["cpu"]["cold"] = cold["wall"], cold["cpu"]
        self.result["built"]["cold"] = cold["built"]
        self.result["cold_heavy"] = cold["heavy"]

    def noop(self) -> None:
        self.timed("noop")

    def run(self) -> dict[str, Any]:
        if self.spec["reuse"]:  # built by an earlier probe (`first_builds` in build.py)
            from resourceboek.protection.secrets_store import TOKENS_FILE, read_mapping

            self.tokens = read_mapping(self.project.state_dir / TOKENS_FILE, "tokens")
        else:
            self.full()
        needs_groups = {"one", "template", "booklets"}
        for step in STEPS:
            if step not in self.spec["steps"] or (step in needs_groups and not self.spec["ids"]):
                continue
            if step == "cold":
                self.result["rss"] = rusage()
            getattr(self, step)()
        self.result.setdefault("rss", rusage())
        self.result["load"].append(os.getloadavg()[0])
        return self.result


def yaml_load(path: Path) -> dict[str, Any]:
    import yaml

    return dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def probe_site(spec: dict[str, Any]) -> dict[str, Any]:
    """A fresh site: the floor and its full build, then the requested rebuilds (`STEPS`).
    Times are of `build_site` only, except `cold` (a whole `resourceboek build` process)."""
    _warm_imports()
    try:
        return SiteProbe(spec).run()
    finally:
        if not spec["keep"]:
            shutil.rmtree(spec["root"], ignore_errors=True)
            Path(spec["config"]).with_name(f"bench-{Path(spec['root']).name}.yml").unlink(
                missing_ok=True
            )


def set_aside(folder: Path, aside: Path) -> None:
    """Move `folder` out of the way instead of deleting it: the benchmark deletes nothing while it
    measures (its temporary folder goes at the end). On ext4 without a journal (as on the machine
    of benchmarks/README.md) every new file skips, one by one, the inodes deleted in the last
    few minutes, so thousands of deletions would make the next build's new files dearer
    (`benchmarks/fscost.py --after-deleting` shows it)."""
    number = 0
    while (aside.parent / f"{aside.name}-{number}").exists():
        number += 1
    folder.rename(aside.parent / f"{aside.name}-{number}")
