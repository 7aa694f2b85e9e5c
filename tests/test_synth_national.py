"""The national synthetic portfolio (issue 14): the country's territory and GADs, actors
working where they belong, deterministic, and loadable from its CSV folder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tejido.graph.model import ActorTipo, fold
from tejido.loaders.synth_national import (
    PROVINCES,
    national_batch,
    national_workbook,
    write_csv_folder,
)
from tejido.loaders.workbook import read_workbook


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def test_the_same_seed_gives_the_same_portfolio() -> None:
    assert national_workbook(300, seed=2) == national_workbook(300, seed=2)
    assert national_workbook(300, seed=2) != national_workbook(300, seed=3)


def test_the_territory_is_the_country() -> None:
    book = national_workbook(100, seed=1)
    rows = {t["nombre"]: t for t in book["territorios"]}
    assert len(rows) == len(book["territorios"])  # unique names
    tipos = Counter(t["tipo"] for t in rows.values())
    # Ecuador: 24 provinces, 221 cantons (the real counts), 1–7 rural parishes per canton
    # besides its cabecera.
    assert tipos["pais"] == 1 and tipos["provincia"] == 24 and tipos["canton"] == 221
    assert 221 * 2 <= tipos["parroquia"] <= 221 * 8
    parent_tipo = {"provincia": "pais", "canton": "provincia", "parroquia": "canton"}
    for row in rows.values():
        if row["tipo"] in parent_tipo:
            assert rows[row["pertenece_a"]]["tipo"] == parent_tipo[row["tipo"]]
    cantons = Counter(rows[t["pertenece_a"]]["nombre"] for t in rows.values()
                      if t["tipo"] == "canton")
    assert cantons == Counter({f"Provincia de {p}": n for p, n in PROVINCES.items()})


def test_every_gad_and_the_national_bodies_are_actors() -> None:
    book = national_workbook(1000, seed=1)
    actors, territory = book["actores"], book["territorios"]
    assert len({fold(a["nombre"]) for a in actors}) == len(actors)
    tipos = Counter(a["tipo"] for a in actors)
    assert set(tipos) <= {m.value for m in ActorTipo}
    parishes = [t for t in territory if t["tipo"] == "parroquia"]
    cabeceras = {f"Cantón {t['nombre']}" for t in parishes} & {
        t["nombre"] for t in territory if t["tipo"] == "canton"}
    assert len(cabeceras) == 221  # each canton's urban parish bears its name
    assert tipos["gad_provincial"] == 24 and tipos["gad_cantonal"] == 221
    assert tipos["gad_parroquial"] == len(parishes) - 221  # one per rural parish
    assert tipos["gad_provincial"] + tipos["gad_cantonal"] + tipos["gad_parroquial"] >= 1000
    assert tipos["gobierno_nacional"] >= 20 and tipos["cooperacion"] >= 10
    organisations = sum(tipos[t] for t in ("privado", "sociedad_civil", "academia", "otro"))
    assert organisations == 100  # one per ten actions by default
    assert len(national_workbook(1000, organisations=7, seed=1)["actores"]) == len(actors) - 93


def test_actions_are_led_by_gads_of_their_canton_or_above() -> None:
    book = national_workbook(3000, seed=4)
    canton_of = {t["nombre"]: t["pertenece_a"] for t in book["territorios"]
                 if t["tipo"] == "parroquia"}
    actions = book["acciones"]
    assert len({a["id"] for a in actions}) == 3000
    checked = 0
    for action in actions:
        places = _split(action["territorios"])
        leads = _split(action["rector"])
        if not places or places[0] not in canton_of:
            continue
        for lead in leads:
            if lead.startswith("GAD Parroquial de "):
                parish = lead.removeprefix("GAD Parroquial de ")
                assert canton_of[parish] == canton_of[places[0]], action
                checked += 1
            if lead.startswith("GAD Municipal de "):
                assert f"Cantón {lead.removeprefix('GAD Municipal de ')}" == \
                    canton_of[places[0]], action
                checked += 1
    assert checked > 300


def test_the_csv_folder_loads_as_the_direct_batch(tmp_path: Path) -> None:
    folder = tmp_path / "national-2"
    write_csv_folder(national_workbook(400, seed=2), folder)
    assert sorted(f.name for f in folder.iterdir()) == [
        "acciones.csv", "actores.csv", "mecanismos.csv", "relaciones.csv", "territorios.csv"]
    from_files = read_workbook(folder).batch
    direct = national_batch(400, seed=2).batch
    assert Counter(n.label for n in from_files.nodes.values()) == \
        Counter(n.label for n in direct.nodes.values())
    assert set(from_files.nodes) == set(direct.nodes)
    assert set(from_files.rels) == set(direct.rels)
    assert sum(1 for n in direct.nodes.values() if n.label == "Action") == 400
