"""The benchmark's report from made-up measurements: the floor, the paired ratios, the disk growth
with hard links counted once, the warnings. No build and no timing here."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import pytest

from rbbench.measures import disk_usage
from rbbench.report import Results, report
from rbbench.report_extra import flags

MB = 1_000_000


def _run(n: int, full: float, floor_s: float, **changes: Any) -> dict[str, Any]:
    steps = {
        "full": full,
        "noop": 0.1,
        "one": 1.0,
        "template": full / 2,
        "booklets": 3.0,
        "cold": 0.5,
    }
    run: dict[str, Any] = {
        "times": steps,
        "cpu": {k: 2 * v for k, v in steps.items()},
        "built": {"noop": [], "cold": [], "one": ["g"], "template": ["x"] * (n + 1)},
        "floor": {
            "full": {"wall": floor_s, "cpu": 2 * floor_s},
            "template": {"wall": floor_s, "cpu": 1},
        },
        "folder_bytes": [200_000] * n,
        "pdf_bytes": [],
        "site_disk": {"du": 5 * MB + n * 250_000, "bytes": 4 * MB + n * 200_000},
        "rss": {"self_kib": 100_000, "child_kib": 150_000},
        "load": [0.5, 1.0],
        "cold_heavy": [],
        "template_applied": True,
    }
    run.update(changes)
    return run


def _results(site: dict[int, list[dict[str, Any]]]) -> Results:
    args = argparse.Namespace(
        jobs=2, sizes=",".join(map(str, site)), pdf_size=0, pdf_runs=1, seed=20261123,
        max_minutes=0, reference=False,
    )  # fmt: skip
    empty = _run(0, 1.0, 0.0, site_disk={"du": 5 * MB, "bytes": 4 * MB}, floor={})
    gens = {n: {"yaml_bytes_median": 6000, "warnings": 0} for n in site}
    results = {n: {"site": runs, "ref": []} for n, runs in site.items()}
    info = {"nproc": "2", "cpu": "test", "mem": "", "python": "3", "os": "x", "versions": ""}
    return Results(args, info, sorted(site), 3, [empty], results, gens, None, 60.0)


def test_ratios_are_paired_per_run_then_the_median() -> None:
    runs = [_run(200, 16.0, 10.0), _run(200, 30.0, 20.0), _run(200, 12.0, 10.0)]
    r = _results({200: runs})
    assert r.ratio(200, "full") == pytest.approx(1.5)  # 1.6, 1.5, 1.2
    assert r.floor(200, "full") == 10.0
    assert r.growth(200) == pytest.approx(250_000)
    assert r.growth(200, "bytes") == pytest.approx(200_000)


def test_report_prints_floor_ratios_table_and_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    r = _results({200: [_run(200, 16.0, 10.0)], 400: [_run(400, 40.0, 20.0)]})
    report(r)
    out = capsys.readouterr().out
    assert "| Measure | N=200 | N=400 | Target |" in out
    assert "**Floor**" in out
    assert "**1.60**" in out
    assert "**2.00**" in out
    line = next(x for x in out.splitlines() if x.startswith("- HTML-only full build"))
    assert "≤ 1.3 × floor at N=200: 1.60 ×" in line
    assert "**MISSED**" in line  # the target of the booklet theme's round
    assert "Warning" not in out


def test_flags_a_template_change_that_was_not_rebuilt_or_not_used() -> None:
    run = _run(200, 16.0, 10.0, template_applied=False)
    run["built"]["template"] = ["handboek"]
    run["built"]["cold"] = ["handboek"]
    found = flags(_results({200: [run]}))
    assert any("template change rebuilt 1 parts, expected 201" in f for f in found)
    assert any("does not show" in f for f in found)
    assert any("(cold) built 1" in f for f in found)


def test_disk_usage_counts_a_hard_linked_file_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "f").write_bytes(b"x" * 50_000)
    before = disk_usage(tmp_path)
    os.link(tmp_path / "a" / "f", tmp_path / "b" / "f")
    after = disk_usage(tmp_path)
    assert after["bytes"] == before["bytes"] == 50_000
    assert after["du"] == before["du"]


def test_a_busy_disk_at_the_start_is_flagged() -> None:
    r = _results({200: [_run(200, 7.5, 6.0)]})
    assert flags(r) == []
    r.info["new_file"] = "650"
    [flag] = flags(r)
    assert flag.startswith("a new file cost 650 µs of CPU at the start")
    r.info["new_file"] = "45"
    assert flags(r) == []
