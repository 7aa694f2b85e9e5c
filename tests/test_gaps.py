"""Gap findings on small hand-built portfolios whose answers are worked out by hand.

Most tests use the embedded store (a real JSON file); one runs the same portfolio on a
real Neo4j and checks the report is identical, Cypher and twins alike. The row-level
parity of every gap query is tests/test_parity.py's job.
"""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers_gaps import Portfolio

from tejido.cli.main import main
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import InputError
from tejido.graph.i18n import set_lang
from tejido.queries.articulation import articulation_pieces
from tejido.queries.gaps import (
    Finding,
    GapReport,
    evidence_text,
    find_gaps,
    kind_label,
    subjects_text,
)
from tejido.queries.index import NetworkIndex


def _report(tmp_path: Path, p: Portfolio, **options: Any) -> GapReport:
    """Every finding, every pair listed: these tests pin the kinds' definitions, not the
    per-context cap (tests/test_contexto_fragmentado.py)."""
    store = EmbeddedStore(tmp_path / "graph.json")
    store.wipe()
    store.write(p.batch)
    return find_gaps(store, **{"pairs_per_context": None, **options})


def _of(report: GapReport, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def _subjects(findings: list[Finding]) -> set[tuple[str, ...]]:
    return {tuple(s.id for s in f.subjects) for f in findings}


def _pair(findings: list[Finding], a: str, b: str) -> Finding | None:
    wanted = tuple(sorted((a, b)))
    return next((f for f in findings if tuple(s.id for s in f.subjects) == wanted), None)


# --- actions without lead, articulators, mechanism; stalled ---------------------------


def test_action_kinds_on_a_hand_built_portfolio(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    a, b, c = p.actor("Secretaría de Ambiente", True), p.actor("EPMAPS", True), p.actor("FAO")
    mesa = p.mechanism("Mesa técnica del agua")
    nobody = p.action("Restaurar quebradas", eje=eje)
    partners_only = p.action("Capacitar juntas de agua", eje=eje, arts=(b, c))
    lead_only = p.action("Mapear vertientes", eje=eje, leads=(a,), estado="suspendida")
    lead_self = p.action("Cercar páramos", eje=eje, leads=(a,), arts=(a,), estado="finalizada")
    complete = p.action("Proteger fuentes", eje=eje, leads=(a,), arts=(b,), mechanisms=(mesa,),
                        estado="no_iniciada")
    report = _report(tmp_path, p)

    assert _subjects(_of(report, "sin_rector")) == {(nobody,), (partners_only,)}
    by_id = {f.subjects[0].id: f for f in _of(report, "sin_rector")}
    assert by_id[nobody].severity == 1.0
    assert by_id[partners_only].severity == 0.8
    assert by_id[partners_only].evidence["articuladores"] == 2
    # Provenance is the action's own row, resolved to (document, table, row).
    assert [(v.document, v.table, v.row) for v in by_id[nobody].provenance] == [p.row_of(nobody)]

    # A lead whose only articulator is itself has no articulator either.
    assert _subjects(_of(report, "sin_articuladores")) == {(lead_only,), (lead_self,)}
    finished = next(f for f in _of(report, "sin_articuladores") if f.subjects[0].id == lead_self)
    assert finished.severity == 0.3  # 0.6, halved for a finalizada action
    assert finished.evidence["rectores"] == ["Secretaría de Ambiente"]

    # Actors and no mechanism: n actors -> n / (n + 1); no actor at all -> not listed.
    mech = {f.subjects[0].id: f.severity for f in _of(report, "sin_mecanismo")}
    assert set(mech) == {partners_only, lead_only, lead_self}
    assert mech[partners_only] == round(2 / 3, 4)
    assert mech[lead_only] == 0.5

    stalled = {f.subjects[0].id: f.severity for f in _of(report, "estancada")}
    assert stalled == {lead_only: 0.8, complete: 0.6}


def test_findings_read_in_the_current_language(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    b, c = p.actor("EPMAPS"), p.actor("FAO")
    office = p.actor("Oficina", interno=True)
    outside = [p.actor(n, interno=False) for n in ("Red", "Visa", "Banco")]
    p.action("Capacitar juntas de agua", eje=eje, arts=(b, c), estado="en_marcha")
    p.action("Piloto", eje=eje, leads=(office,), arts=tuple(outside))
    report = _report(tmp_path, p)
    partners, silo = _of(report, "sin_rector")[0], _of(report, "silo")[0]
    try:
        assert kind_label("sin_rector") == "Acción sin ente rector"
        assert subjects_text(partners) == "Capacitar juntas de agua"
        assert evidence_text(partners) == "2 articuladores; eje: Agua; estado: en_marcha"
        assert evidence_text(silo) == ("E–I = +1,00, 3 lazos: solo lazos fuera de la "
                                       "administración (Banco, Red, Visa)")
        set_lang("en")
        assert kind_label("sin_rector") == "Action without a lead"
        assert evidence_text(partners) == "2 articulators; eje: Agua; estado: en_marcha"
        assert evidence_text(silo).startswith("E–I = +1.00, 3 ties: ties outside the")
    finally:
        set_lang("es")


def test_a_report_builds_the_network_index_once_and_then_lets_the_graph_go(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every twin of a report reads the one index the store keeps for its graph; once the
    report has read all it needs the store drops its graph (memory for the findings), so
    the next report reads the file again and builds one new index, with the same result;
    a write in between is seen."""
    built: list[int] = []
    build = NetworkIndex._build

    def counting(self: NetworkIndex) -> None:
        built.append(1)
        build(self)

    monkeypatch.setattr(NetworkIndex, "_build", counting)
    p = Portfolio()
    p.action("Sola", eje=p.axis("Agua"), leads=(p.actor("A"),))
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    first = find_gaps(store)
    assert len(built) == 1
    assert store._graph is None and not store._memo
    assert find_gaps(store) == first and len(built) == 2
    p.action("Otra", eje=p.axis("Agua"))
    store.write(p.batch)
    assert _of(find_gaps(store), "sin_rector") and len(built) == 3


# --- missing coordination --------------------------------------------------------------


def _two_territories() -> tuple[Portfolio, str, list[str]]:
    p = Portfolio()
    return p, p.axis("Tierra productiva"), [p.territory("Nanegal"), p.territory("Pacto")]


def test_missing_coordination_pairs_actors_of_one_context(tmp_path: Path) -> None:
    p, eje, (nanegal, pacto) = _two_territories()
    a, b, c = p.actor("CONQUITO"), p.actor("SDPC"), p.actor("GAD Pacto")
    p.action("Ferias", eje=eje, leads=(a,), territories=(nanegal,))
    p.action("Riego", eje=eje, leads=(b,), territories=(nanegal, pacto))
    p.action("Vías", eje=eje, leads=(c,), territories=(pacto,))
    found = _of(_report(tmp_path, p), "coordinacion_faltante")

    assert _subjects(found) == {tuple(sorted((a, b))), tuple(sorted((b, c)))}  # a, c: no context
    ab = _pair(found, a, b)
    assert [(x["eje_id"], x["territorio_id"]) for x in ab.evidence["contextos"]] == [(eje, nanegal)]
    assert ab.evidence["puentes"] == [] and ab.severity == 0.5  # 1 context: 1/2, not bridged
    assert {s.type for s in ab.subjects} == {"Actor"}
    assert {v.row for v in ab.provenance} == {p.rows[x] for x in p.rows
                                              if p.batch.nodes[x].titulo in ("Ferias", "Riego")}


def test_a_shared_action_or_a_direct_tie_is_coordination(tmp_path: Path) -> None:
    p, eje, (nanegal, _) = _two_territories()
    a, b, c, d = (p.actor(n) for n in ("CONQUITO", "SDPC", "ACDC", "FAO"))
    for actor, title in ((a, "Ferias"), (b, "Riego"), (c, "Mercados"), (d, "Semillas")):
        p.action(title, eje=eje, leads=(actor,), territories=(nanegal,))
    other = p.axis("Otro eje")
    p.action("Compartida", eje=other, leads=(a,), arts=(b,))  # a and b share an action
    p.relates(d, c)  # a RELATES tie, in either direction, counts too
    found = _of(_report(tmp_path, p), "coordinacion_faltante")

    assert _pair(found, a, b) is None
    assert _pair(found, c, d) is None
    # The other pairs of the context are listed, and a/b bridge nobody else.
    assert _subjects(found) == {tuple(sorted(x)) for x in ((a, c), (a, d), (b, c), (b, d))}
    # d and a: c is d's neighbour but not a's, so no bridge.
    assert _pair(found, a, d).evidence["puentes"] == []


def test_severity_grows_with_shared_contexts_and_halves_when_bridged(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    ts = [p.territory(f"Parroquia {i}") for i in range(4)]
    base = p.actor("Base")
    others = [p.actor(f"Actor {n}") for n in range(1, 4)]
    p.action("Base en todas", eje=eje, leads=(base,), territories=tuple(ts))
    for n, actor in enumerate(others, start=1):  # Actor n shares n territories with Base
        p.action(f"Acción {n}", eje=eje, leads=(actor,), territories=tuple(ts[:n]))
    found = _of(_report(tmp_path, p), "coordinacion_faltante")
    severities = [_pair(found, base, actor).severity for actor in others]
    assert [len(_pair(found, base, x).evidence["contextos"]) for x in others] == [1, 2, 3]
    assert severities == sorted(set(severities))  # strictly increasing
    assert severities == [round(n / (n + 1), 4) for n in (1, 2, 3)]

    # A third actor taking part with both (in another eje) bridges them: half the severity.
    bridge = p.actor("Puente")
    otro = p.axis("Gobernanza")
    p.action("Con Base", eje=otro, leads=(bridge,), arts=(base,))
    p.action("Con Actor 1", eje=otro, leads=(bridge,), arts=(others[0],))
    bridged = _pair(_of(_report(tmp_path, p), "coordinacion_faltante"), base, others[0])
    assert bridged.evidence["puentes"] == [{"id": bridge, "nombre": "Puente"}]
    assert bridged.severity == 0.25


DATASET = """\
document: "900_prueba"
title: "Prueba TODOS"
tables:
  - file: territorios.tsv
    name: "Territorios"
    kind: territories
    columns: {nombre: nombre}
  - file: acciones.tsv
    name: "Acciones"
    kind: actions
    columns: {Eje: eje, Acción: titulo, Territorios: territorios, Rector: rector}
"""


def test_todos_covers_every_territory_of_the_dataset(tmp_path: Path) -> None:
    """Through the real loader: TODOS in a cell reaches T1, T2 and T3."""
    from tejido.loaders.base import read_paths

    folder = tmp_path / "data" / "900_prueba"
    folder.mkdir(parents=True)
    (tmp_path / "data" / "actors.yaml").write_text(textwrap.dedent("""\
        - {nombre: Alfa, tipo: secretaria, interno: true}
        - {nombre: Beta, tipo: agencia, interno: true}
        - {nombre: Gama, tipo: privado, interno: false}
    """), encoding="utf-8")
    (folder / "dataset.yaml").write_text(DATASET, encoding="utf-8")
    (folder / "territorios.tsv").write_text("nombre\nT1\nT2\nT3\n", encoding="utf-8")
    (folder / "acciones.tsv").write_text(
        "Eje\tAcción\tTerritorios\tRector\n"
        "Agua\tProteger fuentes\tTODOS\tAlfa\n"
        "Agua\tRiego\tT2\tBeta\n"
        "Agua\tViveros\tTODOS\tGama\n", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(read_paths([tmp_path / "data"]).batch)
    found = _of(find_gaps(store, kinds=["coordinacion_faltante"]), "coordinacion_faltante")
    contexts = {
        tuple(sorted(s.name for s in f.subjects)):
            sorted(c["territorio"] for c in f.evidence["contextos"])
        for f in found
    }
    assert contexts == {("Alfa", "Beta"): ["T2"], ("Alfa", "Gama"): ["T1", "T2", "T3"],
                        ("Beta", "Gama"): ["T2"]}


# --- silos and E–I ---------------------------------------------------------------------


def test_silo_and_ei_index(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Resiliencia")
    office = p.actor("Oficina", interno=True)
    outside = [p.actor(n, interno=False) for n in ("Red", "Visa", "Banco")]
    inside = p.actor("Secretaría", interno=True)
    unknown = p.actor("Sin dato")
    p.action("Piloto", eje=eje, leads=(office,), arts=tuple(outside))
    p.action("Pocos", eje=eje, leads=(inside,), arts=(outside[0], unknown))
    report = _report(tmp_path, p)

    silos = {f.subjects[0].id: f for f in _of(report, "silo")}
    # Office: 3 external ties, 0 internal -> E–I = +1, a silo with severity 3/4.
    assert set(silos) == {office}
    assert silos[office].evidence["ei"] == 1.0 and silos[office].severity == 0.75
    # Secretaría: 1 classified tie (+1 without data) is below the 3-tie minimum.
    assert inside not in silos
    ei = {a.actor_id: a for a in report.ei_por_actor}
    # By hand: Red ties to Oficina (other group), Visa and Banco (same), Secretaría (other).
    red = ei[outside[0]]
    assert (red.e, red.i) == (2, 2) and red.ei == 0.0
    assert (ei[inside].e, ei[inside].i, ei[inside].sin_dato) == (1, 0, 1)
    assert unknown not in ei  # no `interno`, no index


def test_ei_per_eje(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    a, b, c = p.actor("A", True), p.actor("B", True), p.actor("C", False)
    p.actor("D", False)  # takes part in nothing
    p.action("Uno", eje=eje, leads=(a,), arts=(b, c))
    row = _report(tmp_path, p).ei_por_eje[0]
    # 3 actors, 3 ties (A–B internal; A–C, B–C external): E–I = (2 − 1) / 3, density 3/3.
    assert (row.actores, row.lazos, row.internos, row.externos) == (3, 3, 1, 2)
    assert row.ei == round(1 / 3, 4) and row.densidad == 1.0


# --- critical points -------------------------------------------------------------------


def test_articulation_points_and_dominant_leads(tmp_path: Path) -> None:
    p = Portfolio()
    eje, otro = p.axis("Eje A"), p.axis("Eje B")
    hub, x, y, z, w = (p.actor(n) for n in ("Hub", "X", "Y", "Z", "W"))
    # Hub leads 3 of Eje A's 4 actions; X–Y–Hub–Z is a path plus a triangle elsewhere.
    p.action("a1", eje=eje, leads=(hub,), arts=(y,))
    p.action("a2", eje=eje, leads=(hub,), arts=(z,))
    p.action("a3", eje=eje, leads=(hub,))
    p.action("a4", eje=eje, leads=(x,), arts=(y,))
    p.action("b1", eje=otro, leads=(w,))  # 1 action: Eje B is too small to be dominated
    found = _of(_report(tmp_path, p), "punto_critico")
    articulation = {f.subjects[0].id: f for f in found if f.evidence["motivo"] == "articulacion"}
    # Path X–Y–Hub–Z: removing Y cuts X off (1 actor), removing Hub cuts Z off (1 actor).
    assert set(articulation) == {y, hub}
    assert articulation[hub].evidence["partes"] == [2, 1]
    assert articulation[hub].severity == 0.5
    dominant = [f for f in found if f.evidence["motivo"] == "rector_dominante"]
    assert [(f.subjects[0].id, f.subjects[1].id) for f in dominant] == [(hub, eje)]
    assert dominant[0].severity == 0.75 and dominant[0].evidence["lidera"] == 3


def test_articulation_pieces_match_a_brute_force_split() -> None:
    rng = random.Random(7)
    for _ in range(200):
        graph = nx.gnm_random_graph(rng.randint(1, 18), rng.randint(0, 26),
                                    seed=rng.randrange(10**6))
        pieces = articulation_pieces(graph)
        assert set(pieces) == set(nx.articulation_points(graph))
        for node, sizes in pieces.items():
            rest = graph.subgraph(nx.node_connected_component(graph, node) - {node})
            assert sizes == sorted(map(len, nx.connected_components(rest)), reverse=True)


# --- neglected territories -------------------------------------------------------------


def test_neglected_territory(tmp_path: Path) -> None:
    p = Portfolio()
    agua, vias, solo = p.axis("Agua"), p.axis("Vías"), p.axis("Sin territorio")
    norte = p.territory("Zona Norte")
    t1, t2 = p.territory("Nanegal", parent=norte), p.territory("Pacto", parent=norte)
    t3 = p.territory("Lloa")
    a = p.actor("A")
    p.action("Agua 1", eje=agua, leads=(a,), territories=(t1,))
    p.action("Agua 2", eje=agua, leads=(a,), territories=(t2,))
    p.action("Vías 1", eje=vias, leads=(a,), territories=(t3,))
    p.action("Vías 2", eje=vias, leads=(a,), territories=(norte,))
    p.action("Nada", eje=solo, leads=(a,))
    other = Portfolio(document="901_otro")
    other.batch = p.batch
    other._next_row = 100
    other.action("Lejos", eje=vias, territories=(other.territory("Quito urbano"),))
    found = {(f.subjects[0].id, f.subjects[1].id): f
             for f in _of(_report(tmp_path, p), "territorio_desatendido")}
    # Agua reaches Nanegal and Pacto and, through them, Zona Norte; Lloa is left out.
    # Vías reaches Lloa and Zona Norte (so Nanegal and Pacto too). "Sin territorio" targets
    # nothing. "Quito urbano" belongs to another document's frame for Agua.
    assert set(found) == {(agua, t3)}
    assert found[(agua, t3)].severity == 0.5  # 2 of the 4 candidate territories
    kind_facts = {k: v for k, v in found[(agua, t3)].evidence.items()
                  if k not in ("prioridad", "recomendacion")}  # added by the engine's steps
    assert kind_facts == {"acciones_eje": 2, "cubiertos": 2, "universo": 4}


# --- duplicated initiatives ------------------------------------------------------------


def test_duplicated_initiatives(tmp_path: Path) -> None:
    p = Portfolio()
    e1, e2 = p.axis("Producción"), p.axis("Turismo")
    a, b = p.actor("A"), p.actor("B")
    first = p.action("Fortalecer ferias agroecológicas", eje=e1, leads=(a,))
    second = p.action("fortalecer FERIAS agroecologicas.", eje=e2, leads=(a,))
    same_place = p.action("Fortalecer ferias agroecológicas!", eje=e1, leads=(a,))
    other_lead = p.action("Fortalecer  ferias agro-ecológicas", eje=e1, leads=(b,))
    p.action("Restaurar quebradas", eje=e2, leads=(a,))
    found = _of(_report(tmp_path, p), "iniciativa_duplicada")
    pairs = {frozenset(s.id for s in f.subjects): f for f in found}
    # first/same_place: same eje, same lead -> not a duplicate under "different objectives
    # or leads"; every pair involving second (other eje) or other_lead (other lead) is.
    assert frozenset((first, same_place)) not in pairs
    assert frozenset((first, second)) in pairs and frozenset((first, other_lead)) in pairs
    assert pairs[frozenset((first, second))].evidence["difieren"] == ["objetivos"]
    assert pairs[frozenset((first, other_lead))].evidence["difieren"] == ["rectores"]
    assert pairs[frozenset((first, second))].severity == 1.0


def test_filters_by_eje_and_territory_names(tmp_path: Path) -> None:
    p = Portfolio()
    agua, vias = p.axis("3 Seguridad hídrica"), p.axis("Vías")
    p.axis("Seguridad vial", tipo="objetivo")
    t1, t2 = p.territory("Nanegal"), p.territory("Pacto")
    in_agua = p.action("Uno", eje=agua, territories=(t1,))
    in_vias = p.action("Dos", eje=vias, territories=(t2,))
    # The document records leads (coverage: a field no action states is not recorded).
    p.action("Tres", eje=p.axis("Otro"), leads=(p.actor("Oficina"),))
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    by_eje = find_gaps(store, kinds=["sin_rector"], eje="SEGURIDAD HIDRICA")
    assert _subjects(by_eje.findings) == {(in_agua,)}
    by_place = find_gaps(store, kinds=["sin_rector"], territorio="pacto")
    assert _subjects(by_place.findings) == {(in_vias,)}
    # A name that only a part of one axis's name matches picks that axis ("3 Seguridad
    # hídrica" above); one that several contain is ambiguous; none suggests close names.
    with pytest.raises(InputError, match="Seguridad vial"):
        find_gaps(store, eje="seguridad")
    with pytest.raises(InputError, match="Vías"):
        find_gaps(store, eje="Viass")


def test_gaps_command_json_and_bad_input(tmp_path: Path) -> None:
    p = Portfolio()
    p.action("Sola", eje=p.axis("Agua"))
    p.action("Con rector", eje=p.axis("Otro"), leads=(p.actor("Oficina"),))  # leads recorded
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    runner = CliRunner()
    ok = runner.invoke(main, ["gaps", "--store", str(store.path), "--kind", "sin_rector",
                              "--format", "json"])
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.output)
    assert [f["kind"] for f in data["findings"]] == ["sin_rector"]
    out = tmp_path / "gaps.md"
    bad = runner.invoke(main, ["gaps", "--store", str(store.path), "--eje", "No existe",
                               "--out", str(out)])
    assert bad.exit_code == 2 and "No existe" in bad.output
    assert "Traceback" not in bad.output and not out.exists()


def test_neo4j_gives_the_same_report(tmp_path: Path, neo4j_store: Any) -> None:
    p = Portfolio()
    eje = p.axis("Agua", responsables=())
    t1, t2 = p.territory("Nanegal"), p.territory("Pacto")
    office = p.actor("Oficina", True)
    p.axis("Estrategia", tipo="programa", responsables=(office,))
    ext = [p.actor(n, False) for n in ("Red", "Visa", "Banco")]
    p.action("Piloto", eje=eje, leads=(office,), arts=tuple(ext), territories=(t1,))
    p.action("Otro piloto", eje=eje, leads=(ext[0],), territories=(t1, t2),
             estado="suspendida")
    # Duplicates only where they may share a place: "Piloto." (Nanegal's sector, inside
    # Nanegal) pairs with "Piloto" (Nanegal); "Piloto!" (Lloa) pairs with neither.
    sector = p.territory("Sector La Delicia", parent=t1)
    vias = p.axis("Vías")
    same = p.action("Piloto.", eje=vias, territories=(sector,))
    apart = p.action("Piloto!", eje=vias, territories=(p.territory("Lloa"),))
    p.relates(ext[1], ext[2])
    neo4j_store.write(p.batch)
    on_neo4j = find_gaps(neo4j_store)
    on_file = _report(tmp_path, p)
    assert on_neo4j.model_dump() == on_file.model_dump()
    kinds = {f.kind for f in on_file.findings}
    assert {"sin_rector", "silo", "iniciativa_duplicada", "estancada"} <= kinds
    duplicated = {frozenset(s.id for s in f.subjects): f for f in on_file.findings
                  if f.kind == "iniciativa_duplicada"}
    assert not any(apart in pair for pair in duplicated)
    # Why it is believable: the place both happen in (the parish containing the sector).
    nearby = [f for pair, f in duplicated.items() if same in pair]
    assert [f.evidence["lugares"] for f in nearby] == [[{"id": t1, "nombre": "Nanegal"}]]
    assert nearby[0].evidence["sin_territorio"] == 0
    assert "lugar en común: Nanegal" in evidence_text(nearby[0])
    assert [a.responsable_de for a in on_file.ei_por_actor if a.actor_id == office] == [
        ["Estrategia"]]


def test_evidence_says_one_in_the_singular(tmp_path: Path) -> None:
    """«1 articulador», «1 actor», «1 contexto»: the evidence follows the count."""
    from tejido.queries.gaps import evidence_text

    p, eje, (nanegal, _) = _two_territories()
    a, b, c = p.actor("CONQUITO"), p.actor("SDPC"), p.actor("ACDC")
    p.action("Sin rector", eje=eje, arts=(a,), territories=(nanegal,))
    # A mechanism elsewhere: the document records mechanisms (coverage).
    p.action("Ferias", eje=eje, leads=(b,), territories=(nanegal,),
             mechanisms=(p.mechanism("Mesa"),))
    p.action("Riego", eje=eje, leads=(c,), territories=(nanegal,))
    report = _report(tmp_path, p)
    texts = {f.kind: evidence_text(f) for f in report.findings}
    assert texts["sin_rector"].startswith("1 articulador;")
    assert texts["sin_mecanismo"].startswith("1 actor y ningún mecanismo")
    assert texts["coordinacion_faltante"].startswith("activos en 1 contexto sin")
