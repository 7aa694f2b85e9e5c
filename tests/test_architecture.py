"""The layers keep their one-way arrows, and no source file grows past 500 lines.

    cli  ->  reports  ->  viz  ->  queries  ->  graph
     \\________________________->  loaders  ->  graph

Imports are read from the source with ``ast`` (``import``/``from … import`` statements
anywhere in a module, including inside functions) and from string literals naming a
``tejido.*`` module (``importlib.import_module("tejido.…")`` and ``"module:attr"``
tables), so a lazy import cannot slip past.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("cli", "graph", "loaders", "queries", "reports", "viz")
#: layer -> what it must never import (tejido layers, or third-party top-level packages).
FORBIDDEN: dict[str, set[str]] = {
    "graph": {"click", "cli", "loaders", "queries", "reports", "viz"},
    "loaders": {"click", "cli", "queries", "reports", "viz"},
    "queries": {"click", "cli", "loaders", "reports", "viz"},
    "viz": {"click", "cli", "loaders", "reports"},
    "reports": {"click", "cli"},
    "cli": set(),
}
MAX_LINES = 500
#: Files that are not ours to split (vendored, minified).
VENDORED = {"viz/assets/vis-network.min.js"}
_TEJIDO_NAME = re.compile(r"^tejido\.([a-z_]+)")


def _modules() -> list[tuple[str, Path]]:
    return [(layer, path) for layer in LAYERS for path in sorted((ROOT / layer).rglob("*.py"))]


def imported(path: Path) -> set[str]:
    """What a module imports: ``tejido.<layer>`` as ``<layer>``, others by top-level name.

    Relative imports stay inside the module's own layer, so they add nothing.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()

    def add(module: str) -> None:
        match = _TEJIDO_NAME.match(module)
        names.add(match.group(1) if match else module.split(".")[0])

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            add(node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _TEJIDO_NAME.match(node.value)
            if match:  # "tejido.queries.gaps:sin_rector" or import_module("tejido.viz")
                names.add(match.group(1))
    return names


@pytest.mark.parametrize(("layer", "path"), _modules(),
                         ids=[str(p.relative_to(ROOT)) for _, p in _modules()])
def test_layer_imports_only_what_it_may(layer: str, path: Path) -> None:
    wrong = imported(path) & FORBIDDEN[layer]
    assert not wrong, f"{path.relative_to(ROOT)} ({layer}) imports {sorted(wrong)}"


def test_the_scan_sees_static_lazy_and_string_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import click\n"
        "def f():\n    from tejido.viz.maps import write_map\n"
        "COMMANDS = {'x': 'tejido.reports.gap_files:write_report'}\n"
        "from . import sibling\n",
        encoding="utf-8",
    )
    assert imported(module) == {"click", "viz", "reports"}


def test_only_the_cli_imports_click() -> None:
    users = {str(p.relative_to(ROOT)) for layer, p in _modules()
             if layer != "cli" and "click" in imported(p)}
    assert not users


def test_no_source_file_is_over_500_lines() -> None:
    long = {}
    for folder in (*LAYERS, "tests", "bench"):
        for path in (ROOT / folder).rglob("*"):
            rel = str(path.relative_to(ROOT))
            if path.suffix in {".py", ".js", ".css", ".html", ".cypher"} and rel not in VENDORED:
                lines = path.read_text(encoding="utf-8").count("\n")
                if lines > MAX_LINES:
                    long[rel] = lines
    assert not long, f"split these files: {long}"


_STORE_KIND = re.compile(r"\.kind\s*[!=]=|\bkind\s*[!=]=\s*[\"']neo4j")
_DRIVER = re.compile(r"\.driver\b|\.execute\(|from neo4j\b|import neo4j\b")


def test_only_the_core_knows_which_store_it_talks_to() -> None:
    """No branch on the store's kind and no Neo4j driver outside graph/: everything goes
    through the Store interface."""
    leaks = []
    for layer, path in _modules():
        if layer == "graph":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _STORE_KIND.search(line) and "store" in line.lower() or _DRIVER.search(line):
                leaks.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not leaks, "\n".join(leaks)


def test_relationship_types_come_from_the_model() -> None:
    """RelType members, never string literals, outside the model itself."""
    from tejido.graph.model import RelType

    names = {r.value for r in RelType}
    literals = []
    for _layer, path in _modules():
        if path.relative_to(ROOT).as_posix() == "graph/model.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in names:
                literals.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not literals, "\n".join(literals)
