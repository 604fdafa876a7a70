"""The benchmark's targets as data, and the verdict on each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import GIB, MB
from .measures import fmt_mib, fmt_s, verdict

if TYPE_CHECKING:
    from .report import Results

TARGETS = {
    "ratio": 0.75,  # HTML-only full build / reference, at N=200
    "noop_s": 2.0,  # rebuild with nothing changed
    "one_pdf_s": 5.0,  # rebuild after one changed group, with its PDF
    "full_pdf_s": 240.0,  # full build with PDFs at N=200
    "folder_bytes": 2 * MB,  # one booklet folder with its PDF
    "memory_kib": GIB / 1024,  # peak memory: process + jobs × largest worker
    "memory_growth": 1.3,  # peak memory from N=200 to N=400
}
"""The benchmark's targets: the table's last column and the verdicts come from here."""
TARGET_N = 200


def print_targets(results: Results) -> None:
    """Each target, what was measured and whether it is met."""
    print("\n### Targets\n")
    _print_html_targets(results)
    _print_pdf_targets(results)
    _print_memory_targets(results)


def _print_html_targets(r: Results) -> None:
    sizes = r.sizes
    at = TARGET_N if TARGET_N in sizes else sizes[-1]
    tag = "" if at == TARGET_N else f" (N={TARGET_N} not measured; shown for N={at})"
    full, ref = r.site(at, "full"), r.ref(at)
    ratio = full / ref
    print(
        f"- HTML-only full build ≤ {TARGETS['ratio']} × reference at N={TARGET_N}: {ratio:.2f} × "
        f"({fmt_s(full)} s vs {fmt_s(ref)} s){tag} — {verdict(ratio <= TARGETS['ratio'])}; "
        f"booklets only {r.site(at, 'booklets') / ref:.2f} ×; by CPU time "
        f"{r.site(at, 'full', 'cpu') / r.ref(at, 'cpu'):.2f} ×."
    )
    noop = r.site(at, "noop")
    others = ", ".join(f"N={n}: {fmt_s(r.site(n, 'noop'))} s" for n in sizes if n != at)
    print(
        f"- No-change rebuild ≤ {TARGETS['noop_s']:g} s at N={TARGET_N}: {fmt_s(noop)} s{tag} — "
        f"{verdict(noop <= TARGETS['noop_s'])}" + (f" ({others})." if others else ".")
    )


def _print_pdf_targets(r: Results) -> None:
    pdf = r.pdf
    if pdf is None:
        why = r.info.get("skipped") or "--pdf-size 0"
        print(
            "- PDF targets (one changed group ≤ 5 s incl. PDF; full build with PDFs < 4 min; "
            f"folder incl. PDF < 2 MB): n/a ({why})."
        )
        return
    one, t, n = pdf["times"].get("one"), pdf["times"]["full"], pdf["n"]
    ok_one = one is not None and one <= TARGETS["one_pdf_s"]
    print(
        f"- One changed group ≤ {TARGETS['one_pdf_s']:g} s including its PDF: {fmt_s(one)} s "
        f"at N={n} — {verdict(ok_one)}."
    )
    if n == TARGET_N:
        print(
            f"- Full build with PDFs < 4 min at N={TARGET_N}: {fmt_s(t)} s — "
            f"{verdict(t < TARGETS['full_pdf_s'])}."
        )
    else:
        scaled = t * TARGET_N / n
        print(
            f"- Full build with PDFs < 4 min at N={TARGET_N}: measured {fmt_s(t)} s at N={n}; "
            f"rough estimate ×200/N (also scales the handbook) {fmt_s(scaled)} s — "
            f"{verdict(scaled < TARGETS['full_pdf_s'])} (estimate, not measured)."
        )
    size = max(pdf["folder_bytes"])
    ok_size = size < TARGETS["folder_bytes"]
    print(f"- Booklet folder incl. PDF < 2 MB: largest {size:,} bytes — {verdict(ok_size)}.")


def _print_memory_targets(r: Results) -> None:
    est = {n: r.memory(n) for n in r.sizes}
    pdf_est = r.pdf_memory()
    worst = max(list(est.values()) + ([pdf_est] if pdf_est is not None else []))
    print(
        f"- Peak memory < 1 GiB: worst upper bound {fmt_mib(worst)} MiB "
        f"(process + {r.jobs} × largest worker) — {verdict(worst < TARGETS['memory_kib'])}."
    )
    limit, sizes = TARGETS["memory_growth"], r.sizes
    if 200 in sizes and 400 in sizes:
        growth = est[400] / est[200]
        print(
            f"- Peak memory ≤ {limit}× from N=200 to 400: {growth:.2f} × — {verdict(growth <= limit)}."
        )
    elif len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        print(
            f"- Peak memory ≤ {limit}× from N=200 to 400: n/a (not both measured); from N={a} to "
            f"N={b}: {est[b] / est[a]:.2f} ×."
        )
    else:
        print(f"- Peak memory ≤ {limit}× from N=200 to 400: n/a (one size only).")
