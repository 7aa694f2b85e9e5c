"""Two loads into one embedded store at the same time keep both (issue 11, item 2).

Both used to exit 0 and print «Cargado…» while only one workbook survived (3 of 3 runs).
Each run here starts two real ``tejido load`` processes at once on the same store file;
whatever their timing, both workbooks' actors must be there afterwards.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers_workbook import write_xlsx

from tejido.graph.embedded import EmbeddedStore

CLI = [sys.executable, "-c", "from tejido.cli.main import main; main()"]


def _workbook(path: Path, prefix: str, actors: int) -> Path:
    rows = [["nombre", "siglas", "tipo", "nivel", "interno"]]
    rows += [[f"{prefix} {i}", "", "secretaria", "metropolitano", "sí"] for i in range(actors)]
    actions = [["título", "eje", "rector", "articuladores", "territorios"]]
    actions += [[f"{prefix} acción {i}", "Eje", f"{prefix} {i}",
                 f"{prefix} {(i + 1) % actors}", "Quito"] for i in range(actors)]
    return write_xlsx(path, {"actores": rows, "acciones": actions,
                             "territorios": [["nombre"], ["Quito"]]})


def test_two_loads_at_once_keep_both_workbooks(tmp_path: Path) -> None:
    first = _workbook(tmp_path / "a.xlsx", "Alfa", 300)
    second = _workbook(tmp_path / "b.xlsx", "Beta", 300)
    for run in range(3):
        store = tmp_path / f"g{run}.json"
        loads = [subprocess.Popen([*CLI, "load", str(book), "--store", str(store), "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for book in (first, second)]
        for load in loads:
            out, err = load.communicate(timeout=300)
            assert load.returncode == 0, err
        names = {attrs.get("name") for _, attrs in EmbeddedStore(store).snapshot().nodes(
            data=True) if attrs.get("label") == "Actor"}
        assert {f"Alfa {i}" for i in range(300)} <= names, run
        assert {f"Beta {i}" for i in range(300)} <= names, run
