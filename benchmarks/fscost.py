"""What a new file, a hard link and a new folder cost on a file system (CPU microseconds each).

A first build writes about ten new files and folders per booklet (seven pages, the service
worker, the booklet's folder and its `rb/` folder; the shared scripts, stylesheets and icons are
hard links). On most disks that is a few hundredths of a millisecond each; on some virtual
machines' disks a new file costs far more, which then shows in `build.py`'s ratio to the floor
(which writes nothing). Run it where the benchmark puts its temporary folder:

    .venv/bin/python benchmarks/fscost.py            # in $TMPDIR (or /tmp)
    .venv/bin/python benchmarks/fscost.py /dev/shm   # a folder in memory, for comparison

It creates 40 folders of 10 files and 10 links in a temporary folder there, three times, and
prints the median per operation; everything is removed afterwards.

    .venv/bin/python benchmarks/fscost.py --after-deleting 4000

first makes and deletes 4000 files there, as a benchmark that cleans up after each build would
(a first build of 200 booklets makes about 4000 entries). On ext4 without a journal that makes
new files dearer for a few minutes: the kernel skips, one at a time, every inode deleted in the
last one to six minutes (`recently_deleted` in fs/ext4/ialloc.c) before it hands out a free one.
How much it shows depends on where ext4 puts the new folder. That is why `build.py` deletes nothing
until it has measured everything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time

FOLDERS, PER_FOLDER, ROUNDS = 40, 10, 3


def _round(where: str) -> dict[str, float]:
    top = tempfile.mkdtemp(prefix="rb-fscost-", dir=where)
    try:
        source = os.path.join(top, "source")
        with open(source, "wb") as out:
            out.write(b"x" * 8000)
        cost = {"new folder": 0.0, "new file (8 KB)": 0.0, "hard link": 0.0}
        for i in range(FOLDERS):
            folder = os.path.join(top, f"booklet-{i}")
            start = time.process_time()
            os.mkdir(folder)
            cost["new folder"] += time.process_time() - start
            start = time.process_time()
            for j in range(PER_FOLDER):
                with open(os.path.join(folder, f"page-{j}.html"), "wb") as out:
                    out.write(b"y" * 8000)
            cost["new file (8 KB)"] += time.process_time() - start
            start = time.process_time()
            for j in range(PER_FOLDER):
                os.link(source, os.path.join(folder, f"shared-{j}"))
            cost["hard link"] += time.process_time() - start
        counts = {"new folder": FOLDERS}
        return {k: v * 1e6 / counts.get(k, FOLDERS * PER_FOLDER) for k, v in cost.items()}
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _make_and_delete(where: str, count: int) -> None:
    top = tempfile.mkdtemp(prefix="rb-fscost-deleted-", dir=where)
    for i in range(count):
        with open(os.path.join(top, f"f{i}"), "wb") as out:
            out.write(b"z" * 4000)
    shutil.rmtree(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", default=tempfile.gettempdir())
    parser.add_argument("--after-deleting", type=int, default=0, metavar="N")
    args = parser.parse_args()
    where = args.folder
    if args.after_deleting:
        _make_and_delete(where, args.after_deleting)
    rounds = [_round(where) for _ in range(ROUNDS)]
    after = f", right after deleting {args.after_deleting} files" if args.after_deleting else ""
    print(f"{where}: CPU microseconds per operation (median of {ROUNDS} rounds{after})")
    for what in rounds[0]:
        print(f"  {what:22s} {statistics.median(r[what] for r in rounds):8.0f}")


if __name__ == "__main__":
    main()
