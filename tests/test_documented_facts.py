"""What the documents say, in the graph (issue 9, item 6).

Responsibility for an objective (001's Introducción) as RESPONSIBLE_FOR relationships,
004's mesas as mechanisms convened by the provincial government with their cantons, 003's
convenio and participation/accountability mechanisms, and the reason a stated count
differs from what was found. Expectations were written from the seed texts in
/work/shared/seeds ("l." = seed line); "fila" = TSV line (header = 1). Facts the document
does not print carry the rule that derived them (``Rel.derived``), as the dataset READMEs
explain.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_datasets import DATA, LUIS, PICHINCHA_GOV, actor, facts, load, one_action

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.export import node_link
from tejido.graph.model import GraphBatch, Rel, RelType, Source
from tejido.loaders.matrix import read_datasets
from tejido.loaders.quality import stated_vs_found
from tejido.queries.index import NetworkIndex
from tejido.queries.network import actor_network_rows

D1 = "001_4e5989aca73e7530"
D3 = "003_f2194c5b0b537b70"
D4 = "004_d5efb94dd9411b21"
T1_AXES = "Objetivos de desarrollo y de gestión (Introducción y Anexo 1)"
T1_MATRIX = "Anexo 1. Matriz de inserción estratégica territorial"
AMBIENTE = "Secretaría de Ambiente"


@pytest.fixture(scope="module")
def everything() -> GraphBatch:
    return read_datasets(DATA).batch


def _rels(batch: GraphBatch, kind: RelType) -> list[Rel]:
    return [r for r in batch.rels.values() if r.type == kind]


def _name(batch: GraphBatch, node_id: str) -> str:
    return batch.nodes[node_id].display


# ==========================================================================================
# 001 — the secretarías the Introduction names for each management objective
# ==========================================================================================
#: objetivos.tsv fila of each management objective (fila 2 = development objective 1).
AXIS_ROW = {"1.1": 3, "1.2": 4, "2.1": 6, "2.2": 7, "2.3": 8, "2.4": 9, "2.5": 10,
            "3.1": 12, "3.2": 13, "3.3": 14}
#: How many secretarías each objective's paragraph names (l.30–52).
RESPONSIBLE_COUNT = {"1.1": 6, "1.2": 2, "2.1": 3, "2.2": 3, "2.3": 3, "2.4": 3, "2.5": 2,
                     "3.1": 3, "3.2": 2, "3.3": 2}


def test_ambiente_is_responsible_for_2_2_2_3_2_4_citing_their_rows(everything: GraphBatch
                                                                   ) -> None:
    # l.40 (2.2), l.42 (2.3), l.44 (2.4): "… Seguridad Ciudadana …, Ambiente y …".
    ambiente = actor(everything, AMBIENTE)
    mine = [r for r in _rels(everything, RelType.RESPONSIBLE_FOR) if r.source == ambiente.id]
    by_code = {everything.nodes[r.target].codigo: r for r in mine}
    assert set(by_code) == {"2.2", "2.3", "2.4"}
    for code, rel in by_code.items():
        assert rel.sources == [Source.key(D1, T1_AXES, AXIS_ROW[code])]
        assert rel.derived is None  # the Introduction states it
        assert rel.target_label == "Axis" and rel.source_label == "Actor"


def test_ambiente_is_tied_to_documents_000_001_and_002(everything: GraphBatch) -> None:
    ambiente = actor(everything, AMBIENTE)
    documents = {everything.nodes[s].document for r in everything.rels.values()
                 if ambiente.id in (r.source, r.target) for s in r.sources}
    assert {"000_4a985cea5809c66a", D1, "002_88ae770ca5db9c38"} <= documents


def test_every_001_responsable_is_a_relationship() -> None:
    batch = load("001_pmdot")
    rels = _rels(batch, RelType.RESPONSIBLE_FOR)
    found: dict[str, set[str]] = {}
    for rel in rels:
        found.setdefault(batch.nodes[rel.target].codigo, set()).add(rel.source)
    assert {code: len(ids) for code, ids in found.items()} == RESPONSIBLE_COUNT
    assert len(rels) == sum(RESPONSIBLE_COUNT.values()) == 29
    for axis in (n for n in batch.nodes.values() if n.label == "Axis"):
        # The axis keeps its list too (the gap report's E–I section reads it).
        assert set(axis.responsables) == found.get(axis.codigo, set())


def test_responsibility_ties_no_actors_together(tmp_path: Path) -> None:
    # Each secretaría described its own initiatives (l.26): naming several for one
    # objective is no tie between them (001 README). 001's network comes only from the
    # actions: the ties of the derived executor/articulator columns.
    batch = load("001_pmdot")
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(batch)
    ix = NetworkIndex(store.snapshot())
    pairs = {(row["a"], row["b"]) for row in actor_network_rows(ix)}
    shared_action = {tuple(sorted((a, b))) for action in ix.actions
                     for a in ix.participants(action) for b in ix.participants(action) if a < b}
    assert pairs == shared_action
    ambiente = actor(batch, AMBIENTE).id
    assert ix.responsible_for[ambiente] == {
        r.target for r in _rels(batch, RelType.RESPONSIBLE_FOR) if r.source == ambiente}


def test_responsibility_is_exported(everything: GraphBatch, tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(everything)
    data = node_link(store.snapshot())
    ambiente = actor(everything, AMBIENTE).id
    edges = [e for e in data["edges"] if e["type"] == "RESPONSIBLE_FOR" and e["source"] == ambiente]
    assert len(edges) == 3


def test_001_stated_vs_found_carries_its_reason() -> None:
    batch = load("001_pmdot")
    notes = {n.codigo: n.nota_declaradas for n in batch.nodes.values()
             if n.label == "Axis" and n.nota_declaradas}
    assert set(notes) == {"1.1", "2.2"}
    assert "35" in notes["1.1"] and "80" in notes["1.1"] and "81" in notes["1.1"]
    assert "2.1" in notes["2.2"]


def test_every_stated_vs_found_difference_has_its_reason(everything: GraphBatch,
                                                        tmp_path: Path) -> None:
    # 001 1.1 (36 vs 35) and 002's counts of hitos/projects the report does not list.
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(everything)
    snapshot = store.snapshot()
    rows = stated_vs_found(snapshot)
    differing = [r for r in rows if r["difference"]]
    assert len(differing) == 7
    for row in differing:
        assert snapshot.nodes[row["id"]].get("nota_declaradas"), row["name"]


def test_001_derived_columns_mark_their_relationships() -> None:
    # Every rector and articulator of 001 comes from a "(derivado)" column (README).
    batch = load("001_pmdot")
    assert {r.derived for r in _rels(batch, RelType.LEADS)} == {
        "ejecutor_nombrado_en_la_iniciativa"}
    assert {r.derived for r in _rels(batch, RelType.ARTICULATES)} == {
        "contraparte_nombrada_en_la_fila"}
    assert {r.derived for r in _rels(batch, RelType.USES)} == {None}  # printed mechanisms


# ==========================================================================================
# 004 — 8 cantonal mesas (tourism) and 5 sectoral mesas (agriculture)
# ==========================================================================================
T4_MESAS = ("Pactos – 8 mesas cantonales de turismo y 5 mesas sectoriales agropecuarias "
            "(derivado del texto)")
T4_CANTONS = "Cantones de Pichincha (hecho público, para las mesas cantonales)"
T4_PROG = "Programa, productos y hoja de ruta (derivado del texto)"
CANTONS = ["Cayambe", "Mejía", "Pedro Moncayo", "Pedro Vicente Maldonado", "Puerto Quito",
           "Quito", "Rumiñahui", "San Miguel de los Bancos"]
#: mesas.tsv fila -> (mesa, canton or None)
MESAS = {
    **{2 + i: (f"Pactos por Pichincha – Mesa cantonal de turismo de {c}", c)
       for i, c in enumerate(CANTONS)},
    **{10 + i: (f"Pactos por Pichincha – Mesa sectorial agropecuaria {i + 1}", None)
       for i in range(5)},
}


@pytest.fixture(scope="module")
def b004() -> GraphBatch:
    return load("004_pactos_pichincha")


@pytest.mark.parametrize("row", sorted(MESAS))
def test_004_mesa_convened_by_the_provincial_government(b004: GraphBatch, row: int) -> None:
    name, canton = MESAS[row]
    [mesa] = facts(b004, D4, T4_MESAS, row)["mechanisms"]
    assert (mesa.name, mesa.tipo) == (name, "mesa_tecnica")
    government = actor(b004, PICHINCHA_GOV)
    [convenes] = [r for r in _rels(b004, RelType.CONVENES) if r.target == mesa.id]
    assert convenes.source == government.id
    assert convenes.sources == [Source.key(D4, T4_MESAS, row)]
    assert convenes.derived == "rector_del_programa"
    targets = [r for r in _rels(b004, RelType.TARGETS) if r.source == mesa.id]
    if canton is None:
        assert targets == []  # a sector is not a territory; the document names none
    else:
        [target] = targets
        assert _name(b004, target.target) == canton
        assert (target.source_label, target.derived) == ("Mechanism", "una_mesa_por_canton")
        assert target.sources == [Source.key(D4, T4_MESAS, row)]


def test_004_cantons_are_territories_of_pichincha(b004: GraphBatch) -> None:
    territories = {n.name: n for n in b004.nodes.values() if n.label == "Territory"}
    assert set(territories) == {"Pichincha", *CANTONS}
    part_of = {(_name(b004, r.source), _name(b004, r.target), r.derived)
               for r in _rels(b004, RelType.PART_OF) if r.source_label == "Territory"}
    assert part_of == {(c, "Pichincha", "cantones_de_la_provincia") for c in CANTONS}
    assert {territories[c].tipo for c in CANTONS} == {"canton"}


def test_004_program_uses_the_counted_mesas(b004: GraphBatch) -> None:
    uses = {(_name(b004, r.source), _name(b004, r.target)): r.derived
            for r in _rels(b004, RelType.USES)}
    program = one_action(facts(b004, D4, T4_PROG, 2))
    mesas = {name for name, _ in MESAS.values()}
    assert {m for (a, m) in uses if a == program.titulo} == mesas
    assert set(uses.values()) == {"mesas_contadas"}
    assert len(uses) == 13 + 8 + 5  # the program, and the two "Pactos" bullets


# ==========================================================================================
# 003 — convenio, participation and accountability mechanisms
# ==========================================================================================
T3_SOCIAL = "Plan plurianual – Desarrollo social - cultural"
T3_PART = "Plan plurianual – Participación y fiscalización"
T3_ACC = "3) Mecanismos periódicos y públicos de rendición de cuentas"
T3_NEW = ("Plan plurianual – Mecanismos de articulación y de participación "
          "(derivado del texto)")
CONVENIO = "Convenio con GAD y Gobierno Central"
SILLA = "Silla Vacía"
IPN = "Iniciativas Populares Normativas"


@pytest.fixture(scope="module")
def b003() -> GraphBatch:
    return load("003_plan_concejal")


def _uses(batch: GraphBatch, table: str, row: int) -> dict[str, str | None]:
    action = one_action(facts(batch, D3, table, row))
    return {_name(batch, r.target): r.derived for r in _rels(batch, RelType.USES)
            if r.source == action.id}


def test_003_mechanisms_declared_with_their_tipo(b003: GraphBatch) -> None:
    declared = {facts(b003, D3, T3_NEW, r)["mechanisms"][0].name:
                facts(b003, D3, T3_NEW, r)["mechanisms"][0].tipo for r in (2, 3, 4)}
    assert declared == {CONVENIO: "convenio", SILLA: "otro", IPN: "otro"}


def test_003_convenio_used_by_its_activity(b003: GraphBatch) -> None:
    # l.68: Estrategias "Recursos propios, Convenio con GAD y Gobierno Central".
    assert _uses(b003, T3_SOCIAL, 4) == {"Rendición de cuentas": None,
                                         CONVENIO: "convenio_de_las_estrategias"}
    f = facts(b003, D3, T3_SOCIAL, 4)
    assert f["articuladores"] == {"GAD", "Gobierno Central"}  # the two parties, as before
    assert _uses(b003, T3_SOCIAL, 3) == {"Rendición de cuentas": None}


@pytest.mark.parametrize(("row", "expected"), [
    (3, {}), (4, {}),  # parish decision-making, legalising associations: neither mechanism
    (5, {SILLA: "mecanismos_participativos_del_objetivo",
         IPN: "mecanismos_participativos_del_objetivo"}),
    (6, {IPN: "mecanismos_participativos_del_objetivo"}),
])
def test_003_participation_mechanisms(b003: GraphBatch, row: int,
                                      expected: dict[str, str]) -> None:
    # l.45/l.122: "mecanismos participativos como el uso de la Silla Vacía, la presentación
    # de Iniciativas Populares Normativas"; every row also has its evaluation mechanism.
    assert _uses(b003, T3_PART, row) == {"Comisiones del Concejo Metropolitano": None,
                                         **expected}


def test_003_accountability_mechanisms_held_by_the_author(b003: GraphBatch) -> None:
    luis = actor(b003, LUIS)
    convened = {(_name(b003, r.target), tuple(r.sources), r.derived)
                for r in _rels(b003, RelType.CONVENES) if r.source == luis.id}
    names = {2: "Acceso a la información pública mediante acceso físico",
             3: "Rendición de cuentas",
             4: "Acceso a la información pública mediante acceso electrónico",
             5: "Publicación mensual de actividades realizadas e informe de gestión",
             6: "Informe al Consejo de Participación Ciudadana y Control Social"}
    assert convened == {(name, (Source.key(D3, T3_ACC, row),), "autor_del_plan")
                        for row, name in names.items()}
    assert len(_rels(b003, RelType.CONVENES)) == 5


# ==========================================================================================
# The format: derived columns (docs/datasets.md)
# ==========================================================================================
def _dataset(tmp_path: Path, table: str) -> Path:
    root = tmp_path / "data"
    folder = root / "x"
    (folder / "tables").mkdir(parents=True)
    (root / "actors.yaml").write_text("- nombre: Uno\n  tipo: otro\n", encoding="utf-8")
    (folder / "tables" / "m.tsv").write_text(
        "Mecanismo\tConvoca (derivado)\nMesa A\tUno\n", encoding="utf-8")
    (folder / "dataset.yaml").write_text(
        'document: "x"\ntitle: "x"\ntables:\n' + table, encoding="utf-8")
    return folder


def test_a_derived_column_feeds_its_field_with_its_rule(tmp_path: Path) -> None:
    folder = _dataset(tmp_path, (
        "  - file: tables/m.tsv\n    name: m\n    kind: mechanisms\n"
        "    columns: {Mecanismo: nombre}\n"
        "    derived_columns:\n      Convoca (derivado): {field: convoca, rule: regla}\n"))
    batch = read_datasets(folder, strict=True).batch
    [rel] = _rels(batch, RelType.CONVENES)
    assert (_name(batch, rel.source), _name(batch, rel.target), rel.derived) == (
        "Uno", "Mesa A", "regla")


@pytest.mark.parametrize(("derived", "message"), [
    ("Convoca (derivado): {field: tipo, rule: r}", "columna derivada"),
    ("Mecanismo: {field: convoca, rule: r}", "ya está en columns"),
])
def test_a_derived_column_is_checked(tmp_path: Path, derived: str, message: str) -> None:
    folder = _dataset(tmp_path, (
        "  - file: tables/m.tsv\n    name: m\n    kind: mechanisms\n"
        "    columns: {Mecanismo: nombre}\n"
        f"    derived_columns:\n      {derived}\n"))
    with pytest.raises(InputError) as info:
        read_datasets(folder)
    assert message in str(info.value.problems)


# ==========================================================================================
# Map profiles show these facts
# ==========================================================================================


def _profile_sections(batch: GraphBatch, node_id: str, folder: Path) -> dict[str, list[str]]:
    import tejido.viz.texts  # noqa: F401 - registers the map's messages
    from tejido.viz.profiles import Profiler
    from tejido.viz.views import build_view

    store = EmbeddedStore(folder / "g.json")
    if not store.exists():
        store.write(batch)
    profiler = Profiler(build_view(store.snapshot(), "completo"), {}, [])
    return dict(profiler.profile(node_id)["sections"])


def test_profiles_show_responsibility_conveners_and_a_cantons_mesa(
        everything: GraphBatch, tmp_path: Path) -> None:
    ambiente = actor(everything, AMBIENTE).id
    sections = _profile_sections(everything, ambiente, tmp_path)
    assert [name[:3] for name in sections["Responsable de"]] == ["2.2", "2.3", "2.4"]
    mesa = next(n for n in everything.nodes.values()
                if n.label == "Mechanism" and n.display.endswith("de Cayambe"))
    mesa_sections = _profile_sections(everything, mesa.id, tmp_path)
    assert mesa_sections["Territorios"] == ["Cayambe"]
    assert len(mesa_sections["Convocado por"]) == 1
    cayambe = next(n for n in everything.nodes.values()
                   if n.label == "Territory" and n.display == "Cayambe")
    canton = _profile_sections(everything, cayambe.id, tmp_path)
    # A mesa targets the canton but is not an action.
    assert canton["Mecanismos"] == [mesa.display]
    assert "Acciones" not in canton
