"""What rendering one booklet costs in a warm worker: no key derivation, no PDF (milliseconds).

    .venv/bin/python benchmarks/rendercost.py            # 27 synthetic groups, 5 rounds
    .venv/bin/python benchmarks/rendercost.py --groups 40 --rounds 7

Builds the same synthetic groups (both variants, every field filled) `--rounds` times in ONE
process with a key given (as a rebuild with a kept key does), each booklet into a fresh folder
in a temporary folder (`$TMPDIR`; `TMPDIR=/dev/shm` keeps the disk out of it), and prints the
milliseconds per booklet of every round, their minimum and median. The first round also compiles
the templates. The project (mkdocs.yml, content/, themes/, the package) is copied first, as in
`build.py`, so that editing the working tree meanwhile changes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rbbench import DEFAULT_SEED, TODAY
from rbbench.probes import _project, quiet_logging, snapshot_project
from rbbench.synthetic import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--groups", type=int, default=27)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="resourceboek-render-"))
    try:
        config = snapshot_project(work / "project")
        quiet_logging()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            generate(work / "data", args.groups, DEFAULT_SEED)
        times = rounds(work, config, args.rounds)
        print(f"ms per booklet: minimum {min(times):.2f}, median {statistics.median(times):.2f}")
        print("per round:", " ".join(f"{ms:.2f}" for ms in times))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rounds(work: Path, config: Path, count: int) -> list[float]:
    """Milliseconds per booklet of each round."""
    from resourceboek.adapters.booklet import build_booklet, warm_up
    from resourceboek.adapters.worker import start_worker
    from resourceboek.groupfile.load import load_group
    from resourceboek.protection.protect import derive_key

    data = work / "data"
    project = _project(config, work / "run", data / "groups", data / "wachtwoorden.yml")
    start_worker()
    warm_up(project, False)
    groups = [load_group(path) for path in sorted((data / "groups").glob("*.yml"))]
    password = "benchmark-zonder-betekenis"
    key = derive_key(password)
    times = []
    for number in range(count):
        start = time.perf_counter()
        for index, group in enumerate(groups):
            dest = work / "run" / f"ronde-{number}" / f"t{index:04d}"
            build_booklet(
                project,
                group,
                password,
                dest,
                pdf=False,
                today=TODAY,
                key=key,
                assets_dir=work / "run" / "assets",
            )
        times.append((time.perf_counter() - start) / len(groups) * 1000)
    return times


if __name__ == "__main__":
    main()
