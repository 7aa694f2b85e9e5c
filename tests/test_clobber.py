"""No command replaces a file it is pointed at without --force, and a store path that holds
something else (a planner's workbook) is never read, wiped or overwritten (issue 11, item 3).
"""

from __future__ import annotations

from pathlib import Path

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
