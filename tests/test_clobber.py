"""No command replaces a file it is pointed at without --force, and a store path that holds
something else (a planner's workbook) is never read, wiped or overwritten (issue 11, item 3).
``tejido demo`` replaces, without --force, only the files it wrote itself (its manifest).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_workbook import SMALL, run, write_xlsx


def test_template_and_synth_refuse_an_existing_file_without_force(tmp_path: Path) -> None:
    filled = write_xlsx(tmp_path / "copia.xlsx", SMALL)
    before = filled.read_bytes()
    for command in (["template", filled], ["synth", "--actors", "3", "--actions", "5",
                                           "--out", filled]):
        refused = run(*command)
        assert refused.exit_code == 2
        assert "ya existe" in refused.stderr and "--force" in refused.stderr
        assert filled.read_bytes() == before
    forced = run("template", filled, "--force")
    assert forced.exit_code == 0, forced.output
    assert filled.read_bytes() != before


def test_a_workbook_given_as_store_is_never_wiped_or_loaded_into(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "libro.xlsx", SMALL)
    before = book.read_bytes()
    wiped = run("db", "wipe", "--yes", "--store", book)
    assert wiped.exit_code == 2
    assert "no es un almacén de tejido" in wiped.stderr
    loaded = run("load", book, "--store", book)
    assert loaded.exit_code == 2
    stats = run("db", "stats", "--store", book)
    assert stats.exit_code == 2
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["libro.xlsx"]


def test_a_real_store_is_still_wiped(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "libro.xlsx", SMALL)
    store = tmp_path / "g.json"
    assert run("load", book, "--store", store).exit_code == 0
    assert run("db", "wipe", "--yes", "--store", store).exit_code == 0
    assert '"nodes": []' in store.read_text(encoding="utf-8")


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    store = tmp_path / "g.json"
    book = write_xlsx(tmp_path / "libro.xlsx", SMALL)
    assert run("load", book, "--store", store).exit_code == 0
    return store


#: Every command writing one file named by --out (the file goes last).
OUT_COMMANDS = {
    "centrality": ["centrality", "--format", "csv", "--out"],
    "query run": ["query", "run", "actors", "--format", "csv", "--out"],
    "map": ["map", "--out"],
    "export": ["export", "--format", "graphml", "--out"],
    "gaps": ["gaps", "--format", "md", "--out"],
}


@pytest.mark.parametrize("name", list(OUT_COMMANDS))
def test_every_out_refuses_a_foreign_file_and_replaces_it_with_force(
        name: str, small_store: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mío.txt"
    mine.write_bytes(b"notas del planificador\n")
    command = ["--lang", "es", *OUT_COMMANDS[name][:-1], "--store", small_store,
               OUT_COMMANDS[name][-1], mine]
    refused = run(*command)
    assert refused.exit_code == 2, refused.output
    assert str(mine) in refused.stderr and "ya existe" in refused.stderr
    assert "--force" in refused.stderr
    assert mine.read_bytes() == b"notas del planificador\n"
    forced = run(*command, "--force")
    assert forced.exit_code == 0, forced.output
    assert mine.read_bytes() != b"notas del planificador\n" and mine.stat().st_size > 30


def test_demo_replaces_only_what_it_wrote(tmp_path: Path) -> None:
    """A folder's output keeps a manifest (file -> SHA-256): a re-run replaces demo's own
    unchanged files without --force, never a planner's file or one edited since."""
    out = tmp_path / "demo"
    out.mkdir()
    (out / "map.html").write_text("<p>mi mapa</p>", encoding="utf-8")
    refused = run("--lang", "es", "demo", "--out", out)
    assert refused.exit_code == 2
    assert str(out / "map.html") in refused.stderr and "--force" in refused.stderr
    assert (out / "map.html").read_text(encoding="utf-8") == "<p>mi mapa</p>"
    assert sorted(p.name for p in out.iterdir()) == ["map.html"]  # nothing else written

    forced = run("--lang", "es", "demo", "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert "mi mapa" not in (out / "map.html").read_text(encoding="utf-8")
    manifest = json.loads((out / ".tejido-demo.json").read_text(encoding="utf-8"))["files"]
    assert {"map.html", "index.html", "gaps.xlsx", "centrality.csv"} <= set(manifest)

    again = run("--lang", "es", "demo", "--out", out)  # its own files: no --force needed
    assert again.exit_code == 0, again.output

    (out / "index.html").write_text("<p>mi índice</p>", encoding="utf-8")
    gaps_before = (out / "gaps.md").stat().st_mtime_ns
    edited = run("--lang", "es", "demo", "--out", out)
    assert edited.exit_code == 2
    assert str(out / "index.html") in edited.stderr
    assert str(out / "gaps.md") not in edited.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>mi índice</p>"
    assert (out / "gaps.md").stat().st_mtime_ns == gaps_before
