"""The reference: the same booklet pages as plain MkDocs + Material projects, and a profile of both."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from . import TODAY
from .measures import cpu_seconds, folder_bytes, rusage
from .probes import _project, _warm_imports
from .synthetic import generate


def reference_config(project: Any, group: Any, docs: Path, site: Path) -> dict[str, Any]:
    """A plain MkDocs + Material project for one group, with the booklet's theme settings."""
    from resourceboek.adapters.booklet import booklet_config_dict

    booklet = booklet_config_dict(project, site, False)
    theme = {k: v for k, v in booklet["theme"].items() if k != "custom_dir"}
    search: dict[str, Any] = next(
        (p for p in project.raw.get("plugins", []) if isinstance(p, dict) and "search" in p),
        {"search": {}},
    )
    return {
        "site_name": booklet["site_name"],
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": booklet["use_directory_urls"],
        "theme": theme,  # material, language nl, font false, palette from mkdocs.yml
        "nav": booklet["nav"],
        "extra_css": ["stylesheets/resourceboek.css"],
        "markdown_extensions": project.raw.get("markdown_extensions", []),
        "plugins": [search],  # search ON (with the handbook's `lang: nl`)
    }


def prepare_reference(config: Path, folder: Path, gen: dict[str, Any]) -> list[str]:
    """Write each group's pages as ordinary Markdown plus a mkdocs.yml; return the config paths."""
    from resourceboek.groupfile.load import load_groups
    from resourceboek.pages.render import make_environment, render_booklet

    project = _project(config, folder / "unused", Path(gen["groups_dir"]), Path(gen["passwords"]))
    env = make_environment()
    css = project.handbook_css
    configs = []
    for group in load_groups([Path(gen["groups_dir"])]):
        base = folder / group.id
        docs = base / "docs"
        (docs / "stylesheets").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(css, docs / "stylesheets" / "resourceboek.css")
        for name, markdown in render_booklet(group.groep, TODAY, env).items():
            (docs / name).write_text(markdown, encoding="utf-8")
        reference = reference_config(project, group, docs, base / "site")
        (base / "mkdocs.yml").write_text(yaml.safe_dump(reference, allow_unicode=True), "utf-8")
        configs.append(str(base / "mkdocs.yml"))
    return configs


def probe_reference(spec: dict[str, Any]) -> dict[str, Any]:
    """Build every reference project one after another in this one process."""
    import material  # noqa: F401
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for config_file in spec["configs"]:
        shutil.rmtree(Path(config_file).parent / "site", ignore_errors=True)
    times = []
    load = [os.getloadavg()[0]]
    cpu = cpu_seconds()
    start = time.perf_counter()
    for config_file in spec["configs"]:
        t0 = time.perf_counter()
        build(load_config(config_file=config_file))
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    load.append(os.getloadavg()[0])
    sizes = [folder_bytes(Path(c).parent / "site") for c in spec["configs"]]
    return {
        "total": total,
        "cpu": cpu,
        "times": times,
        "folder_bytes": sizes,
        "rss": rusage(),
        "load": load,
    }


def profile_one(config: Path, work: Path, seed: int, top: int) -> None:
    """cProfile of one booklet build and of one reference build, same group, in this process."""
    import cProfile
    import io
    import pstats

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from resourceboek.adapters.booklet import build_booklet
    from resourceboek.groupfile.load import load_groups

    _warm_imports()
    gen = generate(work / "profile", 2, seed)
    group = load_groups([Path(gen["groups_dir"])])[0]
    password = yaml.safe_load(Path(gen["passwords"]).read_text(encoding="utf-8"))[group.id]
    project = _project(config, work / "profile", Path(gen["groups_dir"]), Path(gen["passwords"]))
    configs = prepare_reference(config, work / "profile-ref", gen)
    # one untimed build of each first, so that both profiles see warm caches
    build_booklet(project, group, password, work / "profile" / "warm", pdf=False, today=TODAY)
    build(load_config(config_file=configs[0]))
    for label, call in (
        (
            "resourceboek booklet (build_booklet, no PDF)",
            lambda: build_booklet(
                project, group, password, work / "profile" / "out", pdf=False, today=TODAY
            ),
        ),
        (
            "reference (plain MkDocs + Material, search on)",
            lambda: build(load_config(config_file=configs[0])),
        ),
    ):
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        call()
        prof.disable()
        took = time.perf_counter() - start
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
        print(f"\n### cProfile: {label} — {took:.3f} s wall (profiled)\n\n```")
        lines = buf.getvalue().splitlines()
        start_at = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        print("\n".join(lines[start_at:]).rstrip())
        print("```")
