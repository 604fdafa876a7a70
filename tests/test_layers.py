"""The package's folders are its map: imports run one way, and the core never imports MkDocs.

Ranks follow ARCHITECTURE.md: a module may import from its own folder and from folders of a lower
rank, never from a higher one. The core (everything below `project`) imports no MkDocs, Material or
mkdocs-to-pdf, not even lazily inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import resourceboek

PACKAGE = Path(resourceboek.__file__).parent

RANKS = {
    "text": 0,
    "files": 0,
    "groupfile": 1,
    "settings": 2,
    "pages": 3,
    "protection": 4,
    "paper": 5,
    "handbook": 6,
    "project": 7,
    "adapters": 8,
    "theme": 8,  # the booklet's MkDocs theme: templates only (its __init__ names it for MkDocs)
    "build": 9,
    "editor": 10,
    "cli": 11,
}
CORE = {folder for folder, rank in RANKS.items() if rank < RANKS["project"]}  # ranks 0-6
UPSTREAM = {"mkdocs", "material", "mkdocs_to_pdf", "properdocs"}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def _imports(path: Path) -> set[str]:
    """Every module name the file imports, anywhere in it (lazy imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path.name}: relative import; use `resourceboek.<folder>`"
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _folder(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def test_every_folder_has_a_rank_and_says_what_it_owns() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders == set(RANKS), "a new folder needs a rank here and a line in ARCHITECTURE.md"
    for folder in folders:
        docstring = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text()))
        assert docstring, f"{folder}/__init__.py says in a docstring what the folder owns"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downward(path: Path) -> None:
    own = RANKS[_folder(path)]
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "resourceboek" or len(parts) < 2 or parts[1] not in RANKS:
            continue
        assert RANKS[parts[1]] <= own, f"{path.relative_to(PACKAGE)} imports {name} (upward)"


@pytest.mark.parametrize(
    "path", [p for p in _modules() if _folder(p) in CORE], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_the_core_imports_no_mkdocs(path: Path) -> None:
    upstream = {name for name in _imports(path) if name.split(".")[0] in UPSTREAM}
    assert not upstream, f"{path.relative_to(PACKAGE)} imports {sorted(upstream)}"


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules (over {MAX_LINES} lines): {long}"


def test_architecture_names_every_module() -> None:
    text = (PACKAGE.parents[1] / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [
        str(p.relative_to(PACKAGE))
        for p in _modules()
        if p.name != "__init__.py" and str(p.relative_to(PACKAGE)) not in text
    ]
    assert not missing, f"ARCHITECTURE.md does not name: {missing}"
