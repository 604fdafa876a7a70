#!/usr/bin/env python3
"""What printing costs per booklet: CPU seconds of `build_booklet` with and without PDF.

One warm process, like a build worker (`current_worker()` keeps the compiled templates and the
parsed print stylesheets): the booklets of the repository's groups/ and a few synthetic groups are
built alternately with and without PDF; the first booklet is a warm-up and not counted. Reports
the median CPU seconds per booklet of each and their difference (the PDF's cost).

    PYTHONPATH=plugins .venv/bin/python benchmarks/pdfcost.py [--synthetic 6] [--rounds 2]
        [--phases] [--profile [--top N] [--pstats FILE]] [--against THEME_DIR] [--keep DIR]

`--phases`: CPU seconds per WeasyPrint phase (cascade, layout, drawing, fonts, tags, encryption,
pocket card), measured by wrapping those functions (little overhead). `--profile`: the same by
cProfile (slower, so the shares shift), with the costliest functions. `--against THEME_DIR`: a
changed copy of themes/pdf-boekje (next to a `pdf` folder, for its `@import "../pdf/huisstijl"`),
built right after each PDF build; the median of the paired differences is robust against a busy
machine. `--keep DIR`: each booklet's readable PDF and pocket card (its --print-dir), to compare
the output before and after a change (pdftoppm -r 60, compare -metric AE).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from rbbench import DEFAULT_SEED, ROOT, TODAY, measures  # noqa: E402
from rbbench.probes import snapshot_project  # noqa: E402

PASSWORD = "correct paard batterij nietje"  # only for the encryption; never published

# Where a function's time belongs, by the first matching part of its file path (cumulative time of
# the phase's entry points, see `phases`).
PHASES: list[tuple[str, tuple[str, str]]] = [
    ("render (cascade+boxes+layout)", ("weasyprint/document.py", "_render")),
    ("stylesheets (parse)", ("weasyprint/css/__init__.py", "preprocess_stylesheet")),
    ("cascade (style)", ("weasyprint/css/__init__.py", "get_all_computed_styles")),
    ("box tree", ("weasyprint/formatting_structure/build.py", "build_formatting_structure")),
    ("layout", ("weasyprint/layout/__init__.py", "layout_document")),
    ("write_pdf (draw+pdf)", ("weasyprint/document.py", "write_pdf")),
    ("drawing (stream)", ("weasyprint/draw/__init__.py", "draw_page")),
    ("pdf writing", ("weasyprint/pdf/__init__.py", "generate_pdf")),
    ("fonts (embed/subset)", ("weasyprint/pdf/fonts.py", "")),
    ("pdf/ua tags", ("weasyprint/pdf/tags.py", "add_tags")),
    ("pikepdf encryption", ("resourceboek/protection/protect.py", "save_encrypted")),
    ("booklet PDF total", ("resourceboek/paper/printing.py", "print_document")),
    ("zakkaart total", ("resourceboek/paper/zakkaart.py", "render_zakkaart")),
]


# The same phases without a profiler's overhead: CPU seconds inside each function (`--phases`).
# (module, attribute as the caller imports it, label); nested phases are included in their parents.
TIMED: list[tuple[str, str, str]] = [
    ("weasyprint.document", "get_all_computed_styles", "cascade (match + computed styles)"),
    ("weasyprint.document", "build_formatting_structure", "box tree"),
    ("weasyprint.document", "layout_document", "layout (incl. re-layout for page numbers)"),
    ("weasyprint.document", "draw_page", "drawing (page content streams)"),
    ("weasyprint.pdf", "build_fonts_dictionary", "fonts (subset + embed)"),
    ("weasyprint.pdf", "add_tags", "pdf/ua structure tree"),
    ("resourceboek.adapters.booklet_plugin", "write_pdf", "booklet PDF (incl. encryption)"),
    ("resourceboek.adapters.booklet_plugin", "write_zakkaart", "zakkaart PDF (incl. encryption)"),
    ("resourceboek.protection.protect", "save_encrypted", "pikepdf encryption (both)"),
]


class PhaseTimer:
    """Wraps the TIMED functions; `seconds[label]` is their CPU time while `active`."""

    def __init__(self) -> None:
        import importlib

        self.seconds: dict[str, float] = {label: 0.0 for _, _, label in TIMED}
        self.active = False
        for module, name, label in TIMED:
            mod = importlib.import_module(module)
            setattr(mod, name, self._wrap(getattr(mod, name), label))

    def _wrap(self, func: Any, label: str) -> Any:
        import functools
        import inspect

        if inspect.isgeneratorfunction(func):  # layout_document yields pages: time each step

            @functools.wraps(func)
            def generator(*args: Any, **kwargs: Any) -> Any:
                it = func(*args, **kwargs)
                while True:
                    start = time.process_time()
                    try:
                        item = next(it)
                    except StopIteration:
                        self._add(label, start)
                        return
                    self._add(label, start)
                    yield item

            return generator

        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self._add(label, start)

        return timed

    def _add(self, label: str, start: float) -> None:
        if self.active:
            self.seconds[label] += time.process_time() - start


def machine() -> str:
    """The machine, in one line (the benchmark's own description of it)."""
    m = measures.machine()
    return f"{m['nproc']} CPUs, {m['cpu']}, Python {m['python']}, {m['os']}; {m['versions']}"


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def groups(config: Path, work: Path, synthetic: int, seed: int) -> list[tuple[Any, Any]]:
    """(project, group) pairs: the repository's example groups, then `synthetic` generated ones."""
    import yaml

    from rbbench.probes import _project
    from rbbench.synthetic import generate
    from resourceboek.groupfile.load import load_groups

    out: list[tuple[Any, Any]] = []
    example = _project(config, work / "voorbeeld", ROOT / "groups", work / "geen-wachtwoorden.yml")
    for group in load_groups(sorted(ROOT.glob("groups/[!.]*.yml"))):
        out.append((example, group))
    if synthetic:
        info = generate(work / "synthetisch", synthetic, seed)
        passwords = yaml.safe_load(Path(info["passwords"]).read_text(encoding="utf-8"))
        project = _project(
            config, work / "synthetisch", Path(info["groups_dir"]), Path(info["passwords"])
        )
        for group in load_groups(sorted(Path(info["groups_dir"]).glob("*.yml"))):
            out.append((project, group))
            assert group.id in passwords
    return out


def build(project: Any, group: Any, dest: Path, pdf: bool, keep: Path | None) -> float:
    from resourceboek.adapters.booklet import build_booklet

    start = cpu()
    build_booklet(
        project,
        group,
        PASSWORD,
        dest,
        pdf=pdf,
        today=TODAY,
        encrypt=True,
        print_dir=keep if pdf else None,
    )
    return cpu() - start


def phases(stats: pstats.Stats, runs: int) -> list[tuple[str, float]]:
    """Cumulative seconds per booklet of each phase's entry point (phases nest; see the names)."""
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    rows = []
    for label, (file, func) in PHASES:
        if func:
            total = sum(v[3] for (f, _, n), v in raw.items() if f.endswith(file) and n == func)
        else:  # a whole module's own time
            total = sum(v[2] for (f, _, _), v in raw.items() if f.endswith(file))
        rows.append((label, total / runs))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=6, help="synthetic groups (default 6)")
    parser.add_argument("--rounds", type=int, default=2, help="builds of each group per mode")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--profile", action="store_true", help="a cProfile summary of PDF builds")
    parser.add_argument(
        "--against",
        type=Path,
        help="another booklet PDF theme folder (a changed copy of themes/pdf-boekje): built "
        "interleaved with the project's, so that both see the same machine load",
    )
    parser.add_argument("--phases", action="store_true", help="CPU seconds per WeasyPrint phase")
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    parser.add_argument("--pstats", type=Path, help="save the profile for pstats (with --profile)")
    parser.add_argument("--keep", type=Path, help="keep the readable PDFs in this folder")
    args = parser.parse_args()

    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory(prefix="pdfcost-") as tmp:
        work = Path(tmp)
        # The probes write a config beside mkdocs.yml: a snapshot's, never the checkout's. The
        # snapshot's package is the one imported (snapshot_project puts it first on sys.path).
        config = snapshot_project(work / "project")
        timer = PhaseTimer() if args.phases else None
        pairs = groups(config, work, args.synthetic, args.seed)
        out = work / "uit"
        out.mkdir()
        count = 0

        def dest() -> Path:
            nonlocal count
            count += 1
            return out / f"b{count:04d}"

        # Warm-up: the first booklet with and without PDF (imports, templates, stylesheets, fonts).
        project, group = pairs[0]
        warm = build(project, group, dest(), True, None), build(project, group, dest(), False, None)
        times: dict[bool, list[float]] = {True: [], False: []}
        other: list[float] = []
        if args.against:
            theme = args.against.resolve()
            build(
                pairs[0][0].with_overrides(booklet_pdf_theme_dir=theme),
                pairs[0][1],
                dest(),
                True,
                None,
            )
        profile = cProfile.Profile() if args.profile else None
        for _ in range(args.rounds):
            for project, group in pairs:
                times[False].append(build(project, group, dest(), False, None))
                if profile:
                    profile.enable()
                if timer:
                    timer.active = True
                times[True].append(build(project, group, dest(), True, args.keep))
                if timer:
                    timer.active = False
                if profile:
                    profile.disable()
                if args.against:
                    variant = project.with_overrides(booklet_pdf_theme_dir=theme)
                    other.append(build(variant, group, dest(), True, None))

    with_pdf, without = statistics.median(times[True]), statistics.median(times[False])
    print(f"machine: {machine()}")
    print(
        f"booklets: {len(pairs)} groups x {args.rounds} rounds per mode "
        f"(warm-up not counted: {warm[0]:.3f} s with PDF, {warm[1]:.3f} s without)"
    )
    print(f"median CPU per booklet with PDF:    {with_pdf:.3f} s")
    print(f"median CPU per booklet without PDF: {without:.3f} s")
    print(
        f"PDF cost per booklet (difference):  {with_pdf - without:.3f} s"
        f" ({(with_pdf - without) / with_pdf:.0%} of a booklet with PDF)"
    )
    if other:
        paired = [b - a for a, b in zip(times[True], other, strict=True)]
        print(
            f"with --against {args.against}: median {statistics.median(other):.3f} s with PDF; "
            f"median paired difference {statistics.median(paired):+.3f} s per booklet "
            f"({statistics.median(paired) / (with_pdf - without):+.0%} of the PDF cost)"
        )
    if timer:
        runs = len(times[True])
        total = sum(times[True]) / runs
        print(f"\nCPU per booklet by phase (mean of the PDF builds, {total:.3f} s in all):")
        for label, seconds in timer.seconds.items():
            print(f"  {label:<44} {seconds / runs:7.3f} s  {seconds / runs / total:4.0%}")
    if profile:
        stats = pstats.Stats(profile)
        if args.pstats:
            stats.dump_stats(args.pstats)
        runs = len(times[True])
        print(
            "\nprofile of the PDF builds (cumulative s per booklet; phases nest; under cProfile):"
        )
        for label, seconds in phases(stats, runs):
            print(f"  {label:<30} {seconds:7.3f}")
        if args.top:
            stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
