"""Reproducible installs: every dependency has an upper bound, and constraints.txt pins each one
(`make install` and CI install with `pip install -c constraints.txt`)."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pathkit import ROOT

UPPER = {"<", "<=", "==", "~="}


def _requirements() -> list[Requirement]:
    """The project's dependencies, every extra's, and the build backend."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    listed = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]
    return [Requirement(r) for r in listed + pyproject["build-system"]["requires"]]


def _pins() -> dict[str, str]:
    """constraints.txt as {name: version}."""
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("==") for line in lines if line and not line.startswith("#")]
    assert all(len(pair) == 2 for pair in pairs), "only name==version lines"
    return {canonicalize_name(name): version for name, version in pairs}


def test_every_dependency_has_an_upper_bound() -> None:
    unbounded = [str(r) for r in _requirements() if not {s.operator for s in r.specifier} & UPPER]
    assert unbounded == []


def test_constraints_pin_every_dependency_inside_its_range() -> None:
    pins = _pins()
    # The build backend is installed by pip's build isolation, which -c does not reach.
    for requirement in _requirements():
        if requirement.name == "setuptools":
            continue
        version = pins.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is not in constraints.txt: run `make constraints`"
        assert requirement.specifier.contains(version), (
            f"{requirement.name}=={version}: {requirement}"
        )
