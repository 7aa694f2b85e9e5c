"""Synthetic portfolios: deterministic, plausible, loadable, and the same with or without
an .xlsx round-trip."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import openpyxl

from tejido.graph.model import ActorTipo, Estado, fold
from tejido.loaders.synth import synth_batch, synth_workbook, write_workbook
from tejido.loaders.workbook import read_workbook


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def test_the_same_seed_gives_the_same_portfolio() -> None:
    assert synth_workbook(60, 400, seed=5) == synth_workbook(60, 400, seed=5)
    assert synth_workbook(60, 400, seed=5) != synth_workbook(60, 400, seed=6)


def test_todos_draws_about_as_many_actions_about_every_territory_as_asked() -> None:
    """The benchmarks' knob for national-scope actions: about ``todos`` (a binomial draw),
    capped at 5 % of the actions; the default portfolio keeps about ten."""
    def about_todos(book: dict) -> int:
        return sum(1 for a in book["acciones"] if a["territorios"] == "TODOS")

    assert about_todos(synth_workbook(100, 2000, seed=3)) <= 25
    assert 50 <= about_todos(synth_workbook(100, 2000, seed=3, todos=80)) <= 110
    assert about_todos(synth_workbook(100, 2000, seed=3, todos=1500)) <= 140  # the 5 % cap
    assert synth_workbook(60, 400, seed=5, todos=10) == synth_workbook(60, 400, seed=5)


def test_a_portfolio_looks_like_a_planners_workbook() -> None:
    book = synth_workbook(200, 1500, seed=11)
    actors, actions = book["actores"], book["acciones"]
    assert len(actors) == 200 and len(actions) == 1500
    assert len({fold(a["nombre"]) for a in actors}) == 200
    tipos = Counter(a["tipo"] for a in actors)
    assert set(tipos) <= {m.value for m in ActorTipo}
    assert len(tipos) >= 9
    assert all(a["nombre"].startswith("GAD Parroquial de ") for a in actors
               if a["tipo"] == "gad_parroquial")

    assert len({a["id"] for a in actions}) == 1500
    estados = Counter(a["estado"] for a in actions)
    assert set(estados) <= {m.value for m in Estado} | {""}
    assert estados["suspendida"] > 0 and estados["no_iniciada"] > 0
    without_lead = sum(1 for a in actions if not a["rector"]) / len(actions)
    assert 0.03 < without_lead < 0.15
    assert max(len(_split(a["articuladores"])) for a in actions) == 4
    assert any(not a["articuladores"] for a in actions)
    assert any(a["territorios"] == "TODOS" for a in actions)
    assert any(a["mecanismos"] for a in actions)
    assert len(book["relaciones"]) == 100

    # Near-duplicate titles: the same initiative retyped with other case or accents, or
    # with a few words added.
    titles = {a["titulo"] for a in actions}
    spellings: dict[str, set[str]] = defaultdict(set)
    for title in titles:
        spellings[fold(title)].add(title)
    retyped = sum(1 for variants in spellings.values() if len(variants) > 1)
    extended = sum(1 for t in titles if t.endswith(" del DMQ") and t[: -len(" del DMQ")] in titles)
    assert retyped >= 5 and extended >= 3

    # Parishes belong to zones, zones to the district.
    territory = {t["nombre"]: t for t in book["territorios"]}
    for row in territory.values():
        if row["tipo"] == "parroquia":
            assert territory[row["pertenece_a"]]["tipo"] == "zona"
        if row["tipo"] == "zona":
            assert territory[row["pertenece_a"]]["tipo"] == "distrito"


def test_synth_batch_is_what_loading_the_saved_workbook_gives(tmp_path: Path) -> None:
    path = tmp_path / "synth-4.xlsx"
    write_workbook(synth_workbook(80, 500, seed=4), path)
    from_file = read_workbook(path)
    direct = synth_batch(80, 500, seed=4)

    def dump(result: object) -> tuple[dict, dict]:
        batch = result.batch  # type: ignore[attr-defined]
        return ({k: n.model_dump() for k, n in batch.nodes.items()},
                {k: r.model_dump() for k, r in batch.rels.items()})

    assert dump(direct) == dump(from_file)
    assert [w.replace(str(path), "synth-4.xlsx") for w in from_file.warnings] == direct.warnings
    # The only warnings are the few comités that no actores row declares.
    assert direct.warnings
    assert all("«Comité Barrial" in w and "no está declarado" in w for w in direct.warnings)


def test_written_workbook_has_the_template_headers_and_text_stays_text(tmp_path: Path) -> None:
    tables = synth_workbook(10, 20, seed=1)
    tables["actores"][0]["nombre"] = '=HYPERLINK("http://x","y")'
    tables["acciones"][0]["rector"] = '=HYPERLINK("http://x","y")'
    path = tmp_path / "s.xlsx"
    write_workbook(tables, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["actores", "acciones", "territorios", "mecanismos", "relaciones"]
    cell = book["actores"]["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","y")', "s")
    names = {n.name for n in read_workbook(path).batch.nodes.values()
             if n.label == "Actor"}  # type: ignore[attr-defined]
    assert '=HYPERLINK("http://x","y")' in names
