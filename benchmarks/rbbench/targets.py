"""The benchmark's targets as data, the recorded PDF baseline, and the verdict on each target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import GIB, MB
from .measures import fmt_s, verdict

if TYPE_CHECKING:
    from .report import Results

TARGET_N = 200
"""The N at which the speed targets hold."""


@dataclass(frozen=True)
class Target:
    """One target: its text in the table and the verdict line, and the limit."""

    key: str
    text: str
    limit: float


TARGETS = {
    t.key: t
    for t in (
        Target("full_floor", f"≤ 1.3 × floor at N={TARGET_N}", 1.3),
        Target("template_floor", f"≤ 1.2 × floor at N={TARGET_N}", 1.2),
        Target("cold_noop_s", "≤ 1 s, no heavy library imported", 1.0),
        Target("one_s", "≤ 1.5 s", 1.5),
        Target("growth_bytes", "≤ 0.1 MB per booklet", 0.1 * MB),
        Target("pdf_cpu_share", "≤ 2/3 of the baseline", 2 / 3),
        Target("memory_growth", "≤ 1.3 × from N=200 to 400", 1.3),
        Target("memory_kib", "< 1 GiB", GIB / 1024),
    )
}
"""The benchmark's targets: the tables' last column and the verdicts come from here."""


@dataclass(frozen=True)
class Baseline:
    """A measured value before the work on it: where, on what and how it was measured."""

    cpu_per_booklet_s: float
    """(CPU with PDFs − CPU HTML only) / N of the `booklets` step: what the booklet PDFs cost."""
    full_cpu_per_booklet_s: float
    """The same of the full builds: with the handbook's PDF shared over the N booklets."""
    n: int
    commit: str
    machine: str
    how: str


PDF_BASELINE = Baseline(
    cpu_per_booklet_s=2.27,
    full_cpu_per_booklet_s=2.56,
    n=50,
    commit="56a98bf",
    machine="2 CPUs (Intel Xeon), 23.5 GiB, Python 3.11.7, WeasyPrint 70.0; load average about 3",
    how="this benchmark, --sizes 200 --runs 1 --pdf-size 50 --pdf-runs 2, median of the 2 "
    "paired runs (full builds: 2.65 and 2.47 s)",
)
"""PDF cost per booklet before the work on it, measured with this benchmark's method on main."""


def pdf_cpu_per_booklet(pdf_cpu: float, html_cpu: float, n: int) -> float:
    """What the PDFs add per booklet: CPU seconds of the build with PDFs minus the HTML-only
    build at the same N, over N (the handbook's own PDF is in it, shared over the N)."""
    return (pdf_cpu - html_cpu) / n


def print_targets(results: Results) -> None:
    """Each target, what was measured and whether it is met."""
    print("\n### Targets\n")
    for line in _speed_lines(results) + _disk_pdf_lines(results) + _memory_lines(results):
        print(f"- {line}")


def _at(r: Results) -> tuple[int, str]:
    at = TARGET_N if TARGET_N in r.sizes else r.sizes[-1]
    return at, "" if at == TARGET_N else f" (N={TARGET_N} not measured; shown for N={at})"


def _speed_lines(r: Results) -> list[str]:
    at, tag = _at(r)
    full, tmpl = r.ratio(at, "full"), r.ratio(at, "template")
    cold, one = r.site(at, "cold"), r.site(at, "one")
    heavy = r.cold_heavy(at)
    t = TARGETS
    return [
        f"HTML-only full build {t['full_floor'].text}: {full:.2f} × (full "
        f"{fmt_s(r.site(at, 'full'))} s, floor {fmt_s(r.floor(at, 'full'))} s){tag} — "
        f"{verdict(full <= t['full_floor'].limit)}.",
        f"Rebuild after a template change {t['template_floor'].text}: {tmpl:.2f} × "
        f"({fmt_s(r.site(at, 'template'))} s, floor {fmt_s(r.floor(at, 'template'))} s){tag} — "
        f"{verdict(tmpl <= t['template_floor'].limit)}.",
        f"No-change rebuild, fresh `resourceboek build` process, {t['cold_noop_s'].text}: "
        f"{fmt_s(cold)} s, heavy imports: {', '.join(heavy) or 'none'}{tag} — "
        f"{verdict(cold <= t['cold_noop_s'].limit and not heavy)}.",
        f"One changed group, HTML only, {t['one_s'].text}: {fmt_s(one)} s{tag} — "
        f"{verdict(one <= t['one_s'].limit)}.",
    ]


def _disk_pdf_lines(r: Results) -> list[str]:
    at, tag = _at(r)
    growth, t = r.growth(at), TARGETS["growth_bytes"]
    lines = [
        f"Site growth per booklet without PDF (du, hard links once) {t.text}: "
        f"{growth / MB:.3f} MB{tag} — {verdict(growth < t.limit)}."
    ]
    base = PDF_BASELINE.cpu_per_booklet_s
    per = r.pdf_cpu_per_booklet()
    if per is None:
        lines.append(f"PDF CPU per booklet {TARGETS['pdf_cpu_share'].text}: n/a (no PDF build).")
    elif base <= 0:
        lines.append(f"PDF CPU per booklet: {per:.2f} s (no baseline recorded) — n/a.")
    else:
        share, limit = per / base, TARGETS["pdf_cpu_share"].limit
        same_n = (
            "" if r.pdf_n() == PDF_BASELINE.n else " (baseline at another N: compare with care)"
        )
        lines.append(
            f"PDF CPU per booklet {TARGETS['pdf_cpu_share'].text} ({base:.2f} s at "
            f"{PDF_BASELINE.commit}): {per:.2f} s = {share:.2f} × baseline at N={r.pdf_n()}"
            f"{same_n} — {verdict(share <= limit)}."
        )
    return lines


def _memory_lines(r: Results) -> list[str]:
    est = {n: r.memory(n) for n in r.sizes}
    pdf_est = r.pdf_memory()
    worst = max(list(est.values()) + ([pdf_est] if pdf_est is not None else []))
    t = TARGETS["memory_kib"]
    lines = [
        f"Peak memory {t.text}: worst upper bound {worst / 1024:.0f} MiB (process + {r.jobs} × "
        f"largest worker) — {verdict(worst < t.limit)}."
    ]
    g = TARGETS["memory_growth"]
    if 200 in est and 400 in est:
        growth = est[400] / est[200]
        lines.append(f"Peak memory {g.text}: {growth:.2f} × — {verdict(growth <= g.limit)}.")
    elif len(r.sizes) >= 2:
        a, b = r.sizes[-2], r.sizes[-1]
        lines.append(
            f"Peak memory {g.text}: n/a (not both measured); N={a} to N={b}: {est[b] / est[a]:.2f} ×."
        )
    return lines
