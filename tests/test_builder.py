"""One record -> graph builder: the same records read as a planner's workbook and as a
dataset folder become the same node ids and relationships, with provenance everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tejido.graph.model import Action, Actor, Axis, GraphBatch, RelType, Source, Territory
from tejido.loaders.builder import GraphBuilder, action_id, auto_actor, is_everywhere
from tejido.loaders.matrix import read_datasets
from tejido.loaders.workbook import read_tables

ACTIONS = [  # titulo, eje, objetivo, rector, articuladores, territorios, mecanismos
    ("Reforestar quebradas", "Ambiente", "Proteger el agua", "Secretaría de Ambiente",
     "Comité Barrial Nono", "Nono; Lloa", "Convenio marco"),
    ("Ferias agroecológicas", "Producción", "", "Secretaría de Ambiente", "", "TODOS", ""),
]
TERRITORIES = ["Nono", "Lloa"]

SPEC = """\
document: "libro"
title: "El mismo libro, como dataset"
tables:
  - {file: tables/territorios.tsv, name: territorios, kind: territories,
     columns: {nombre: nombre}}
  - {file: tables/mecanismos.tsv, name: mecanismos, kind: mechanisms,
     columns: {nombre: nombre}}
  - file: tables/acciones.tsv
    name: acciones
    kind: actions
    columns: {titulo: titulo, eje: eje, objetivo: objetivo, rector: rector,
              articuladores: articuladores, territorios: territorios, mecanismos: mecanismos}
"""


def from_workbook() -> GraphBatch:
    columns = ("titulo", "eje", "objetivo", "rector", "articuladores", "territorios",
               "mecanismos")
    return read_tables({
        "actores": [{"nombre": "Secretaría de Ambiente"}],
        "territorios": [{"nombre": name} for name in TERRITORIES],
        "mecanismos": [{"nombre": "Convenio marco"}],
        "acciones": [dict(zip(columns, row, strict=True)) for row in ACTIONS],
    }, "libro.xlsx").batch


def from_dataset(root: Path) -> GraphBatch:
    (root / "actors.yaml").write_text('- nombre: "Secretaría de Ambiente"\n', encoding="utf-8")
    tables = root / "libro" / "tables"
    tables.mkdir(parents=True)
    (root / "libro" / "dataset.yaml").write_text(SPEC, encoding="utf-8")
    (tables / "territorios.tsv").write_text("nombre\n" + "\n".join(TERRITORIES) + "\n",
                                           encoding="utf-8")
    (tables / "mecanismos.tsv").write_text("nombre\nConvenio marco\n", encoding="utf-8")
    (tables / "acciones.tsv").write_text(
        "titulo\teje\tobjetivo\trector\tarticuladores\tterritorios\tmecanismos\n"
        + "".join("\t".join(row) + "\n" for row in ACTIONS), encoding="utf-8")
    return read_datasets(root / "libro").batch


def ids(batch: GraphBatch) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for node in batch.nodes.values():
        if node.label not in ("Source", "Document"):  # named after the file
            out.setdefault(node.label, set()).add(node.id)
    return out


def rels(batch: GraphBatch, *, but: RelType) -> set[tuple[str, str, str]]:
    return {(r.source, r.target, r.key) for r in batch.rels.values() if r.type != but}


def test_a_workbook_and_a_dataset_of_the_same_records_make_the_same_graph(
    tmp_path: Path,
) -> None:
    workbook, dataset = from_workbook(), from_dataset(tmp_path)
    assert ids(workbook) == ids(dataset)
    assert ids(workbook)["Action"] == {
        Action.key("Reforestar quebradas", "Ambiente", "Proteger el agua"),
        Action.key("Ferias agroecológicas", "Producción")}
    assert Axis.key("Proteger el agua", "objetivo") in ids(workbook)["Axis"]
    # The workbook also reads "objetivo" as PART_OF its "eje"; a dataset declares its axes.
    assert rels(workbook, but=RelType.PART_OF) == rels(dataset, but=RelType.PART_OF)
    ferias = Action.key("Ferias agroecológicas", "Producción")
    assert {t for s, t, k in rels(workbook, but=RelType.PART_OF) if s == ferias
            and k == RelType.TARGETS} == {Territory.key(name) for name in TERRITORIES}
    for batch in (workbook, dataset):
        comite = batch.nodes[Actor.key("Comité Barrial Nono")]
        assert isinstance(comite, Actor) and comite.auto and comite.tipo == "otro"


@pytest.mark.parametrize("read", [lambda _: from_workbook(), from_dataset],
                         ids=["workbook", "dataset"])
def test_every_node_and_relationship_lists_source_rows(tmp_path: Path, read) -> None:
    batch = read(tmp_path)
    sources = {n.id for n in batch.nodes.values() if isinstance(n, Source)}
    for node in batch.nodes.values():
        assert node.sources and set(node.sources) <= sources, node.id
        if isinstance(node, Source):
            assert node.sources == [node.id]  # a row is its own provenance
    for rel in batch.rels.values():
        assert rel.sources and set(rel.sources) <= sources, rel


def test_action_ids_from_a_code_or_from_title_eje_objetivo() -> None:
    assert action_id("Uno", "Eje", "Obj") == Action.key("Uno", "Eje", "Obj")
    assert action_id("Uno", code=("A-1",)) == action_id("Otro título", "E", code=("a-1",))
    assert action_id("Uno", code=("doc", "A-1")) != action_id("Uno", code=("A-1",))


def test_everywhere_words() -> None:
    assert all(is_everywhere(w) for w in ("TODOS", "todas", " Todos "))
    assert not is_everywhere("Todos Santos")


def test_a_declared_node_keeps_its_own_rows_unless_named_rows_are_cited() -> None:
    for cite_declared, expected in ((False, ["row 2"]), (True, ["row 2", "row 9"])):
        builder = GraphBuilder(cite_declared=cite_declared)
        declared = builder.declare(Territory(id=Territory.key("Nono"), name="Nono",
                                             sources=["row 2"]))
        assert builder.refer(Territory(id=declared.id, name="nono"), ["row 9"]) is declared
        assert declared.sources == expected
        named = builder.refer(auto_actor("Comité"), ["row 9"])
        builder.refer(named, ["row 9", "row 10"])
        assert named.sources == ["row 9", "row 10"]  # named only: every row that names it
