"""The probe's steps besides plain rebuilds: the key-derivation floor, an organisation's template
change, and a no-change rebuild through the command line in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import TODAY
from .measures import HEAVY, cpu_seconds

TEMPLATE = "start.html.j2"
"""The booklet template the `template` step overrides: every booklet's start page."""
MARKER = "Deze regel komt uit het eigen sjabloon van de organisatie."
"""The sentence the override adds; found in a decrypted start page, it proves the override is used."""


def _derive(password: str) -> None:
    from resourceboek.protection.protect import derive_key

    derive_key(password)


def floor(passwords: list[str], jobs: int) -> dict[str, float]:
    """The floor: one key derivation per booklet (`protect.derive_key`, fresh salt), spread over a
    pool of `jobs` processes like the build's; wall and CPU time, pool start-up included."""
    cpu, start = cpu_seconds(), time.perf_counter()
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        for _ in pool.map(_derive, passwords):
            pass
    return {"wall": time.perf_counter() - start, "cpu": cpu_seconds() - cpu}


def change_template(templates_dir: Path) -> None:
    """What an organisation does: put its own copy of a booklet template, slightly changed, into
    its templates folder ("sjablonen"), found before the packaged one."""
    from importlib.resources import files

    text = files("resourceboek").joinpath("templates", TEMPLATE).read_text(encoding="utf-8")
    templates_dir.mkdir(parents=True, exist_ok=True)
    (templates_dir / TEMPLATE).write_text(f"{text}\n<p>{MARKER}</p>\n", encoding="utf-8")


def template_applied(folder: Path, password: str) -> bool:
    """Whether the booklet in `folder` shows the override: its start page decrypted."""
    from resourceboek.protection.lockpage import payload_of
    from resourceboek.protection.protect import decrypt_page

    payload = payload_of((folder / "index.html").read_text(encoding="utf-8"))
    if payload is None:
        return False
    page = decrypt_page(payload, password, folder.name, "index.html")
    return MARKER in page


# The fresh process: the command line as a user runs it, with the benchmark's fixed "today" put in
# where the command makes its BuildOptions (the command has no option for it).
_COLD = """
import dataclasses, datetime, json, pathlib, sys
spec = json.loads(sys.argv[1])
import resourceboek.cli.build as cb
from resourceboek.cli.main import main
seen, code = {}, None
original = cb._build_or_explain
def fixed(project, opts):
    fixed = {"today": datetime.date.fromisoformat(spec["today"])}
    if spec.get("history"):  # as with a werkmap: the plan's history kept and compared
        fixed["history_root"] = pathlib.Path(spec["history"])
    seen["report"] = original(project, dataclasses.replace(opts, **fixed))
    return seen["report"]
cb._build_or_explain = fixed
profile = None
if spec.get("profile"):
    import cProfile
    profile = cProfile.Profile()
    profile.enable()
try:
    main(spec["args"])
except SystemExit as exc:
    code = exc.code
if profile is not None:
    import io, pstats
    profile.disable()
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(40)
    open(spec["profile"], "w").write(text.getvalue())
report = seen.get("report")
heavy = sorted({h for h in spec["heavy"] for m in sys.modules if m == h or m.startswith(h + ".")})
out = {"code": code, "heavy": heavy, "built": sorted(report.built) if report else None}
open(spec["out"], "w").write(json.dumps(out))
"""


def cold_build(
    config: Path,
    jobs: int,
    pdf: bool,
    out: Path,
    profile: str | None = None,
    history: Path | None = None,
) -> dict[str, Any]:
    """`resourceboek build` in a fresh Python process (nothing imported beforehand): wall time of
    the whole process, its CPU time, and which heavy libraries it imported. With `profile`, a
    cProfile of the command (top 40, cumulative) is written to that file; with `history`, the
    build keeps and compares the plan's history there, as with a werkmap."""
    args = ["build", "-f", str(config), "--jobs", str(jobs)] + ([] if pdf else ["--no-pdf"])
    spec = {"args": args, "today": TODAY.isoformat(), "heavy": list(HEAVY), "out": str(out)}
    if profile:
        spec["profile"] = profile
    if history:
        spec["history"] = str(history)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("RESOURCEBOEK_WORKSPACE", "RESOURCEBOEK_WERKMAP")
    }
    cpu, start = cpu_seconds(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _COLD, json.dumps(spec)],
        cwd=config.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if proc.returncode != 0 or not out.exists():
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"the fresh `resourceboek build` failed (exit {proc.returncode})")
    result = dict(json.loads(out.read_text(encoding="utf-8")))
    if result["built"] is None:
        raise SystemExit("the fresh `resourceboek build` did not build (cli_build changed?)")
    return {**result, "wall": wall, "cpu": cpu}
