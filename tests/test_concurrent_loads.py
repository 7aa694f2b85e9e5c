"""Two loads into one embedded store at the same time keep both (issue 11, item 2).

Both used to exit 0 and print «Cargado…» while only one workbook survived (3 of 3 runs).
Each run here starts two real ``tejido load`` processes at once on the same store file;
whatever their timing, both workbooks' actors must be there afterwards. A writer that finds
the store locked says it waits, and after ``$TEJIDO_LOCK_TIMEOUT`` seconds gives up with
exit code 3 and a message, writing nothing: never a silent loss.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from filelock import FileLock
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


def _load(book: Path, store: Path, seconds: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TEJIDO_LOCK_TIMEOUT": seconds}
    return subprocess.run([*CLI, "load", str(book), "--store", str(store), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=300)


def test_a_writer_that_finds_the_store_locked_waits_then_fails_with_exit_3(
        tmp_path: Path) -> None:
    book = _workbook(tmp_path / "a.xlsx", "Alfa", 3)
    store = tmp_path / "g.json"
    with FileLock(tmp_path / ".g.json.lock"):  # another writer, holding it throughout
        started = time.monotonic()
        result = _load(book, store, "2")
        waited = time.monotonic() - started
    assert result.returncode == 3, result.stderr
    assert result.stderr.splitlines() == [
        f"Otro proceso está escribiendo en {store}; esperando (hasta 2 s)…",
        f"Otro proceso está escribiendo en el almacén {store} desde hace más de 2 s; "
        "no se escribió nada. Inténtelo cuando termine."]
    assert result.stdout == ""
    assert waited >= 2
    assert not store.exists()


def test_a_writer_that_waits_loads_once_the_lock_is_free(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "a.xlsx", "Alfa", 3)
    store = tmp_path / "g.json"
    lock = FileLock(tmp_path / ".g.json.lock", thread_local=False)  # released by a timer
    lock.acquire()
    releaser = threading.Timer(3.0, lock.release)
    releaser.start()
    try:
        result = _load(book, store, "60")
    finally:
        releaser.join()
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"Otro proceso está escribiendo en {store}; esperando")
    names = {a.get("name") for _, a in EmbeddedStore(store).snapshot().nodes(data=True)}
    assert {"Alfa 0", "Alfa 1", "Alfa 2"} <= names
