"""Critical ties (``vinculo_critico``): the bridges of the actor network, on small networks
whose bridges, sides and severities are worked out by hand.

Each portfolio runs on the embedded store (its twin); tests/test_parity.py checks the
Cypher of ``gap_vinculo_critico`` gives the same rows on Neo4j.
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
from helpers_gaps import Portfolio

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.graph.model import Actor, Rel, RelType
from tejido.queries.gaps import Finding, evidence_text, find_gaps, kind_label
from tejido.queries.gaps.vinculo_critico import bridge_sides


def _ties(tmp_path: Path, p: Portfolio, **options: str) -> dict[tuple[str, ...], Finding]:
    """The critical ties found, by their two actors' ids."""
    store = EmbeddedStore(tmp_path / "graph.json")
    store.wipe()
    store.write(p.batch)
    report = find_gaps(store, kinds=["vinculo_critico"], **options)
    return {tuple(s.id for s in f.subjects): f for f in report.findings}


def _generic(p: Portfolio, name: str) -> str:
    return p.batch.add_node(Actor(id=Actor.key(name), name=name, generico=True)).id


def test_every_tie_of_a_path_is_critical(tmp_path: Path) -> None:
    p = Portfolio()
    a, b, c, d = (p.actor(n) for n in "ABCD")
    convenio = p.mechanism("Convenio BC")
    ab = p.action("Acción AB", leads=(a,), arts=(b,))
    bc = p.action("Acción BC", leads=(b,), arts=(c,), mechanisms=(convenio,))
    p.action("Acción CD", leads=(c,), arts=(d,))
    found = _ties(tmp_path, p)
    # A–B–C–D: each tie is a bridge. AB and CD cut one actor off (1/2); BC splits the
    # path into halves of 2 (2/3), the half of B (first by id) named.
    assert set(found) == {(a, b), (b, c), (c, d)}
    assert [found[k].severity for k in ((a, b), (b, c), (c, d))] == [0.5, 0.6667, 0.5]
    middle = found[(b, c)].evidence
    assert middle["acciones"] == [{"id": bc, "titulo": "Acción BC"}]
    assert middle["mecanismos"] == ["Convenio BC"] and middle["relaciones"] == []
    assert middle["aislados"] == 2 and middle["componente"] == 4
    assert [x["nombre"] for x in middle["separados"]] == ["A", "B"]
    assert [x["nombre"] for x in found[(c, d)].evidence["separados"]] == ["D"]
    assert found[(a, b)].evidence["acciones"] == [{"id": ab, "titulo": "Acción AB"}]
    # The provenance is the row of the action that carries the tie.
    assert [(x.document, x.table, x.row) for x in found[(b, c)].provenance] == [p.row_of(bc)]


def test_a_triangle_has_no_critical_tie(tmp_path: Path) -> None:
    p = Portfolio()
    a, b, c = (p.actor(n) for n in "ABC")
    p.action("AB", leads=(a,), arts=(b,))
    p.action("BC", leads=(b,), arts=(c,))
    p.action("CA", leads=(c,), arts=(a,))
    assert _ties(tmp_path, p) == {}
    q = Portfolio()
    q.action("Los tres", leads=(q.actor("A"),), arts=(q.actor("B"), q.actor("C")))
    assert _ties(tmp_path, q) == {}


def test_a_bridge_carried_by_a_direct_tie(tmp_path: Path) -> None:
    p = Portfolio()
    eje = p.axis("Agua")
    a, b, c, d = (p.actor(n) for n in "ABCD")
    p.action("Los tres", eje=eje, leads=(a,), arts=(b, c))
    p.relates(c, d, tipo="convenio")
    p.batch.add_rel(Rel(type=RelType.RELATES, source=d, target=c, source_label="Actor",
                        target_label="Actor", tipo="asistencia", mecanismo="Convenio marco CD"))
    found = _ties(tmp_path, p)
    # Triangle ABC plus D tied to C only by RELATES: C–D is the one bridge, D cut off.
    assert list(found) == [(c, d)]
    tie = found[(c, d)]
    assert tie.severity == 0.5
    assert tie.evidence["acciones"] == [] and tie.evidence["n_acciones"] == 0
    assert tie.evidence["relaciones"] == ["asistencia", "convenio"]
    assert tie.evidence["mecanismos"] == ["Convenio marco CD"]
    assert [x.table for x in tie.provenance] == ["Relaciones"]
    assert evidence_text(tie) == (
        "si se rompe el vínculo entre C y D (relación directa: asistencia, convenio; "
        "mecanismos: Convenio marco CD), 1 actor queda sin conexión con el resto de la "
        "red: D")
    # A RELATES tie has no eje: with a filter, D is not in the network at all.
    assert _ties(tmp_path, p, eje="Agua") == {}


def test_a_generic_actors_tie_is_never_reported(tmp_path: Path) -> None:
    p = Portfolio()
    a, b, c, d, e = (p.actor(n) for n in "ABCDE")
    gads = _generic(p, "GADs")
    p.action("Los tres", leads=(a,), arts=(b, c))
    p.action("C y GADs", leads=(c,), arts=(gads,))
    p.action("GADs y D", leads=(d,), arts=(gads,))
    p.action("D y E", leads=(d,), arts=(e,))
    found = _ties(tmp_path, p)
    # Bridges C–GADs, GADs–D and D–E; only D–E has no generic end. GADs stays in the
    # network: D–E is a bridge of the 6-actor component and cuts E off.
    assert list(found) == [(d, e)]
    assert found[(d, e)].evidence["componente"] == 6
    assert [x["nombre"] for x in found[(d, e)].evidence["separados"]] == ["E"]


def test_evidence_reads_in_both_languages(tmp_path: Path) -> None:
    p = Portfolio()
    a, b, c, d = (p.actor(n) for n in "ABCD")
    mesa = p.mechanism("Mesa de agua")
    p.action("Uno", leads=(a,), arts=(b,))
    for title in ("Dos", "Tres", "Cuatro", "Cinco"):
        p.action(title, leads=(b,), arts=(c,), mechanisms=(mesa,))
    p.action("Seis", leads=(c,), arts=(d,))
    tie = _ties(tmp_path, p)[(b, c)]
    try:
        assert kind_label("vinculo_critico") == "Vínculo crítico"
        assert evidence_text(tie) == (
            "si se rompe el vínculo entre B y C (acciones: «Cinco», «Cuatro», «Dos» y 1 más; "
            "mecanismos: Mesa de agua), 2 actores quedan sin conexión con el resto de la "
            "red: A, B")
        set_lang("en")
        assert kind_label("vinculo_critico") == "Critical tie"
        assert evidence_text(tie) == (
            "if the tie between B and C breaks (actions: «Cinco», «Cuatro», «Dos» and 1 more; "
            "mechanisms: Mesa de agua), 2 actors lose their connection to the rest of the "
            "network: A, B")
    finally:
        set_lang("es")


def test_bridge_sides_match_a_brute_force_split() -> None:
    rng = random.Random(11)
    for _ in range(200):
        graph = nx.gnm_random_graph(rng.randint(1, 18), rng.randint(0, 24),
                                    seed=rng.randrange(10**6))
        # Every tie twice, once each way, as an adjacency lists it: still one edge each.
        sides = bridge_sides([*graph.edges(), *((v, u) for u, v in graph.edges())])
        assert {frozenset(e) for e in sides} == {frozenset(e) for e in nx.bridges(graph)}
        for (u, v), (side, component) in sides.items():
            assert component == len(nx.node_connected_component(graph, u))
            cut = graph.copy()
            cut.remove_edge(u, v)
            halves = sorted((nx.node_connected_component(cut, x) for x in (u, v)),
                            key=lambda h: (len(h), min(u, v, key=str) not in h))
            assert side == halves[0]
