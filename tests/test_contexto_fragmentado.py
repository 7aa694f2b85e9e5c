"""Fragmented contexts (``contexto_fragmentado``) and the cap on «coordinación faltante»
pairs, on hand-built portfolios whose groups, conveners and counts are worked out by hand;
a random-portfolio check against networkx's connected components; and the same finding on
a real Neo4j.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from helpers_gaps import Portfolio
from helpers_portfolio import reset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.graph.model import Actor, GraphBatch, Mechanism, Rel, RelType
from tejido.queries.gaps import Finding, evidence_text, find_gaps
from tejido.queries.gaps.contexto_fragmentado import PAIRS_PER_CONTEXT, cap_pairs
from tejido.queries.gaps.kinds import KINDS
from tejido.queries.index import NetworkIndex

KIND = "contexto_fragmentado"


def _store(tmp_path: Path, batch: GraphBatch) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "graph.json")
    reset(store, batch)
    return store


def _fragments(store: Any) -> dict[tuple[str, str], Finding]:
    report = find_gaps(store, kinds=["coordinacion_faltante", KIND])
    return {(f.subjects[0].id, f.subjects[1].id): f for f in report.findings if f.kind == KIND}


def _rel(p: Portfolio, rtype: RelType, a: str, b: str, labels: tuple[str, str]) -> None:
    p.batch.add_rel(Rel(type=rtype, source=a, target=b, source_label=labels[0],
                        target_label=labels[1], sources=[p._source("Registro").id]))


def _ids(group: list[dict[str, Any]]) -> list[str]:
    return [m["id"] for m in group]


def _agua(p: Portfolio, active_parent_rector: bool = False) -> dict[str, str]:
    """Eje «Agua» (under «Plan Ambiental») in Nanegal: actors A–H, a generic G.

    Ties: A–B (act1), C–D (act2), D–E (an action of another eje, in another territory),
    E–F (RELATES); G, generic, takes part in act1 and act2 with A, B, C, D. R is
    responsible for «Agua», P for «Plan Ambiental»; neither takes part unless
    ``active_parent_rector`` (then P articulates H's action).
    """
    n: dict[str, str] = {}
    n["plan"] = p.axis("Plan Ambiental")
    n["agua"] = p.axis("Agua", parent=n["plan"])
    n["mov"] = p.axis("Movilidad")
    n["t"], n["u"] = p.territory("Nanegal"), p.territory("Pacto")
    for key, name in {"a": "Alfa", "b": "Beta", "c": "Gamma", "d": "Delta", "e": "Epsilon",
                      "f": "Zeta", "h": "Eta", "r": "Rectoría del Agua",
                      "pp": "Planificación", "x": "Xi"}.items():
        n[key] = p.actor(name)
    n["g"] = p.batch.add_node(Actor(id=Actor.key("COOPERACIÓN"), name="COOPERACIÓN",
                                    generico=True)).id
    mesa = p.batch.add_node(Mechanism(id=Mechanism.key("Mesa del agua"), name="Mesa del agua",
                                      tipo="mesa_tecnica")).id
    convenio = p.batch.add_node(Mechanism(id=Mechanism.key("Convenio EPMAPS"),
                                          name="Convenio EPMAPS", tipo="convenio")).id
    via = p.batch.add_node(Mechanism(id=Mechanism.key("Convenio vial"), name="Convenio vial",
                                     tipo="convenio")).id
    _rel(p, RelType.RESPONSIBLE_FOR, n["r"], n["agua"], ("Actor", "Axis"))
    _rel(p, RelType.RESPONSIBLE_FOR, n["pp"], n["plan"], ("Actor", "Axis"))
    t = (n["t"],)
    n["act1"] = p.action("Riego 1", eje=n["agua"], leads=(n["a"],), arts=(n["b"], n["g"]),
                         territories=t, mechanisms=(mesa,))
    n["act2"] = p.action("Riego 2", eje=n["agua"], leads=(n["c"],), arts=(n["d"], n["g"]),
                         territories=t, mechanisms=(mesa, convenio))
    n["act3"] = p.action("Riego 3", eje=n["agua"], leads=(n["e"],), territories=t)
    n["act5"] = p.action("Riego 5", eje=n["agua"], leads=(n["f"],), territories=t)
    h_arts = (n["pp"],) if active_parent_rector else ()
    n["act7"] = p.action("Riego 7", eje=n["agua"], leads=(n["h"],), arts=h_arts, territories=t)
    # Elsewhere: D and E share an action of Movilidad in Pacto; X and D share another.
    n["act6"] = p.action("Vía 6", eje=n["mov"], leads=(n["d"],), arts=(n["e"],),
                         territories=(n["u"],), mechanisms=(via,))
    n["act8"] = p.action("Vía 8", eje=n["mov"], leads=(n["x"],), arts=(n["d"],),
                         territories=(n["u"],))
    p.relates(n["e"], n["f"])
    return n


def test_a_context_of_three_groups(tmp_path: Path) -> None:
    p = Portfolio()
    n = _agua(p)
    found = _fragments(_store(tmp_path, p.batch))
    # Movilidad / Pacto: X–D and D–E tie everyone (X and E never meet, yet one group).
    assert list(found) == [(n["agua"], n["t"])]
    f = found[(n["agua"], n["t"])]
    ev = f.evidence
    # {C, D, E, F} (D–E elsewhere, E–F by RELATES), {A, B}, {H}; G (generic) is no member
    # and joins no one.
    assert [sorted(_ids(g)) for g in ev["grupos"]] == [
        sorted([n["c"], n["d"], n["e"], n["f"]]), sorted([n["a"], n["b"]]), [n["h"]]]
    assert ev["grupos"][1] == [{"id": n["a"], "nombre": "Alfa"}, {"id": n["b"], "nombre": "Beta"}]
    assert (ev["n_grupos"], ev["lazos_necesarios"], ev["actores"], ev["acciones"]) == (3, 2, 7, 5)
    # R is responsible for the eje itself, P only for the axis above it.
    assert ev["convocante"] == {"id": n["r"], "nombre": "Rectoría del Agua",
                                "motivo": "rector_eje"}
    # The eje's mechanisms, the most used first; Movilidad's convenio is not the eje's.
    assert ev["mecanismos_eje"] == [
        {"id": Mechanism.key("Mesa del agua"), "nombre": "Mesa del agua", "tipo": "mesa_tecnica"},
        {"id": Mechanism.key("Convenio EPMAPS"), "nombre": "Convenio EPMAPS", "tipo": "convenio"}]
    assert ev["n_mecanismos_eje"] == 2
    # 7 actors: 21 pairs, minus the 4 ties among them (A–B, C–D, D–E, E–F); listed as
    # pair findings or left out by the cap.
    assert ev["pares"] == 17 == ev["pares_listados"] + ev["pares_omitidos"]
    assert f.severity == round(1 - 4 / 7, 4)  # 3 of 7 outside the largest group
    assert [s.type for s in f.subjects] == ["Axis", "Territory"]
    assert f.status == "brecha"  # the generic actor is not among the groups
    rows = sorted((v.document, v.table, v.row) for v in f.provenance)
    assert rows == sorted(p.row_of(n[k]) for k in ("act1", "act2", "act3", "act5", "act7"))
    try:
        text = evidence_text(f)
        assert "3 grupos" in text and "al menos 2 lazos" in text and "Rectoría del Agua" in text
        assert "Mesa del agua (mesa_tecnica)" in text and "17 pares" in text
        set_lang("en")
        assert "3 groups" in evidence_text(f) and "responsible for the eje" in evidence_text(f)
    finally:
        set_lang("es")


def test_the_kind_follows_coordinacion_faltante_in_report_order() -> None:
    assert KINDS[KINDS.index("coordinacion_faltante") + 1] == KIND


def test_a_responsible_actor_active_in_the_context_is_preferred(tmp_path: Path) -> None:
    p = Portfolio()
    n = _agua(p, active_parent_rector=True)
    ev = _fragments(_store(tmp_path, p.batch))[(n["agua"], n["t"])].evidence
    # P (responsible for the axis above) now articulates H's action: it is active here,
    # R is not. H and P form one group.
    assert ev["convocante"]["id"] == n["pp"] and ev["convocante"]["motivo"] == "rector_eje"
    assert sorted(_ids(ev["grupos"][2])) == sorted([n["h"], n["pp"]])
    assert ev["actores"] == 8


def test_a_succession_is_one_institution_and_the_convener_has_most_ties(
        tmp_path: Path) -> None:
    p = Portfolio()
    cultura, t = p.axis("Cultura"), p.territory("Nono")
    old, new = p.actor("Secretaría de Cultura"), p.actor("Secretaría de Cultura y Patrimonio")
    museo, biblio, casa = p.actor("Museo"), p.actor("Biblioteca"), p.actor("Casa Cultural")
    _rel(p, RelType.SUCCEEDS, new, old, ("Actor", "Actor"))
    p.action("Fiestas", eje=cultura, leads=(old,), territories=(t,))
    p.action("Patrimonio", eje=cultura, leads=(new,), territories=(t,))
    p.action("Lectura", eje=cultura, leads=(museo,), arts=(biblio,), territories=(t,))
    p.action("Talleres", eje=cultura, leads=(museo,), arts=(casa,), territories=(t,))
    ev = _fragments(_store(tmp_path, p.batch))[(cultura, t)].evidence
    # Without the succession: 3 groups. With it: {Museo, Biblioteca, Casa} and the two
    # names of one secretaría.
    assert [sorted(_ids(g)) for g in ev["grupos"]] == [sorted([museo, biblio, casa]),
                                                       sorted([old, new])]
    assert (ev["n_grupos"], ev["actores"], ev["lazos_necesarios"]) == (2, 4, 1)
    # No responsible actor: the Museo has 2 ties there, everyone else 1 or 0.
    assert ev["convocante"] == {"id": museo, "nombre": "Museo", "motivo": "mas_lazos"}
    assert ev["mecanismos_eje"] == [] and ev["n_mecanismos_eje"] == 0
    # 5 actors: 10 pairs, minus 2 ties, minus the succession (one institution).
    assert ev["pares"] == 7


def test_an_unresolved_actor_in_a_group_leaves_it_to_confirm(tmp_path: Path) -> None:
    p = Portfolio()
    eje, t = p.axis("Cultura"), p.territory("Nono")
    known = p.actor("Museo")
    unknown = p.batch.add_node(Actor(id=Actor.key("SEC X"), name="SEC X", auto=True)).id
    p.action("Lectura", eje=eje, leads=(known,), territories=(t,))
    p.action("Talleres", eje=eje, leads=(unknown,), territories=(t,))
    f = _fragments(_store(tmp_path, p.batch))[(eje, t)]
    assert f.status == "por_confirmar"
    assert "SEC X" in f.evidence["por_confirmar_motivo"]


def test_a_context_where_everyone_is_tied_gives_nothing(tmp_path: Path) -> None:
    p = Portfolio()
    eje, t = p.axis("Agua"), p.territory("Nono")
    a, b, c = p.actor("Alfa"), p.actor("Beta"), p.actor("Gamma")
    p.action("Uno", eje=eje, leads=(a,), territories=(t,))
    p.action("Dos", eje=eje, leads=(b,), arts=(c,), territories=(t,))
    p.relates(c, a)  # A–C by RELATES, B–C by a shared action: one group
    assert _fragments(_store(tmp_path, p.batch)) == {}


# --- capping pairs ------------------------------------------------------------------------


C1 = {"eje_id": "axis:agua", "eje": "Agua", "territorio_id": "territory:t", "territorio": "T"}
C2 = {"eje_id": "axis:agua", "eje": "Agua", "territorio_id": "territory:u", "territorio": "U"}


def _pair(name: str, priority: float, contexts: list[dict[str, str]], severity: float = 0.5,
          status: str = "brecha") -> Finding:
    subjects = [{"id": f"actor:a-{name}", "type": "Actor"}, {"id": f"actor:b-{name}",
                                                           "type": "Actor"}]
    return Finding(id=name, kind="coordinacion_faltante", severity=severity, subjects=subjects,
                   evidence={"contextos": contexts, "n_contextos": len(contexts)},
                   provenance=[], status=status, priority=priority)


def _context(ctx: dict[str, str], pairs: int) -> Finding:
    return Finding(id=ctx["territorio"], kind=KIND, severity=0.5,
                   subjects=[{"id": ctx["eje_id"], "type": "Axis"},
                             {"id": ctx["territorio_id"], "type": "Territory"}],
                   evidence={**ctx, "pares": pairs, "pares_listados": pairs, "pares_omitidos": 0},
                   provenance=[])


def _hand_findings() -> list[Finding]:
    silo = Finding(id="silo", kind="silo", severity=0.9, subjects=[], evidence={},
                   provenance=[], priority=0.99)
    return [
        _pair("p1", 0.9, [C1]), silo, _pair("p2", 0.8, [C1]), _pair("p8", 0.8, [C1]),
        _pair("p7", 0.7, [C1], severity=0.6), _pair("p3", 0.7, [C1]), _pair("p4", 0.6, [C1]),
        _pair("p5", 0.5, [C1]), _pair("p6", 0.1, [C1, C2]),
        _pair("q1", 0.95, [C1], status="por_confirmar"),
        _pair("q2", 0.2, [C1], status="por_confirmar"),
        _context(C1, 10), _context(C2, 1),
    ]


def test_capping_keeps_the_top_pairs_of_each_context_and_counts_the_rest() -> None:
    assert PAIRS_PER_CONTEXT == 3
    capped, dropped = cap_pairs(_hand_findings())
    # C1's brechas: p1 (0.9), then p2 and p8 (0.8, same severity: p2's subjects first);
    # p7 beats p3 on severity but comes 4th. p6 is last in C1 yet C2's only pair.
    # Both por_confirmar pairs stay: they are capped apart and never displace brechas.
    assert [f.id for f in capped] == ["p1", "silo", "p2", "p8", "p6", "q1", "q2", "T", "U"]
    assert dropped == 4  # p7, p3, p4, p5
    ev = {f.id: f.evidence for f in capped if f.kind == KIND}
    assert (ev["T"]["pares"], ev["T"]["pares_listados"], ev["T"]["pares_omitidos"]) == (10, 6, 4)
    assert (ev["U"]["pares"], ev["U"]["pares_listados"], ev["U"]["pares_omitidos"]) == (1, 1, 0)


def test_capping_to_one_pair_per_context() -> None:
    capped, dropped = cap_pairs(_hand_findings(), per_context=1)
    assert [f.id for f in capped] == ["p1", "silo", "p6", "q1", "T", "U"]
    assert dropped == 7
    ev = {f.id: f.evidence for f in capped if f.kind == KIND}
    assert (ev["T"]["pares_listados"], ev["T"]["pares_omitidos"]) == (3, 7)


# --- against an independent computation, and on Neo4j ------------------------------------


@st.composite
def sparse_portfolios(draw: st.DrawFn) -> Portfolio:
    """Actions with one or two actors each, so contexts often fall apart; some actors
    generic, some joined by SUCCEEDS, a few RELATES ties."""
    p = Portfolio()
    ejes = [p.axis(name) for name in ("Agua", "Vías")]
    places = [p.territory(name) for name in ("Nono", "Lloa", "Pacto")]
    actors = [p.actor(f"Actor {i}") for i in range(draw(st.integers(2, 7)))]
    for i in draw(st.sets(st.integers(0, 6), max_size=2)):
        p.batch.add_node(Actor(id=Actor.key(f"Genérico {i}"), name=f"Genérico {i}",
                               generico=True))
        actors.append(Actor.key(f"Genérico {i}"))
    pick = st.sampled_from(actors)
    for i in range(draw(st.integers(1, 10))):
        people = draw(st.lists(pick, min_size=1, max_size=2, unique=True))
        p.action(f"Acción {i}", eje=draw(st.sampled_from(ejes)), leads=tuple(people[:1]),
                 arts=tuple(people[1:]),
                 territories=tuple(draw(st.lists(st.sampled_from(places), min_size=1,
                                                 max_size=2, unique=True))))
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(pick), draw(pick)
        if a != b:
            p.relates(a, b)
    for _ in range(draw(st.integers(0, 1))):
        a, b = draw(pick), draw(pick)
        if a != b:
            _rel(p, RelType.SUCCEEDS, a, b, ("Actor", "Actor"))
    return p


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(p=sparse_portfolios())
def test_groups_are_the_components_of_each_context(tmp_path: Path, p: Portfolio) -> None:
    """networkx's connected components of each context (ties: ix.tied, SUCCEEDS joins
    one institution), against the kind's union–find on query rows."""
    store = _store(tmp_path, p.batch)
    ix = NetworkIndex(store.snapshot())
    succession = {frozenset((a, b)) for a, b, k in ix.graph.edges(data="type")
                  if k == RelType.SUCCEEDS}
    members: dict[tuple[str, str], set[str]] = {}
    for action in ix.actions:
        for axis in ix.ejes(action):
            for place in ix.targets.get(action, ()):
                members.setdefault((axis, place), set()).update(
                    a for a in ix.participants(action) if not ix.attr(a, "generico"))
    expected = {}
    for context, actors in members.items():
        g, same = nx.Graph(), nx.Graph()
        g.add_nodes_from(actors)
        same.add_nodes_from(actors)
        pairs = 0
        for a in actors:
            for b in actors:
                if a < b:
                    if ix.tied(a, b):
                        g.add_edge(a, b)
                    if frozenset((a, b)) in succession:
                        g.add_edge(a, b)
                        same.add_edge(a, b)
                    pairs += not g.has_edge(a, b)
        parts = {frozenset(c) for c in nx.connected_components(g)}
        if len(parts) > 1:
            expected[context] = (parts, nx.number_connected_components(same), pairs)
    report = find_gaps(store, kinds=["coordinacion_faltante", KIND])
    found = {(f.subjects[0].id, f.subjects[1].id): f.evidence
             for f in report.findings if f.kind == KIND}
    assert found.keys() == expected.keys()
    pairs_in: dict[tuple[str, str], int] = {}
    for f in report.findings:
        if f.kind == "coordinacion_faltante":
            for c in f.evidence["contextos"]:
                key = (c["eje_id"], c["territorio_id"])
                pairs_in[key] = pairs_in.get(key, 0) + 1
    for context, ev in found.items():
        parts, institutions, pairs = expected[context]
        assert {frozenset(_ids(g)) for g in ev["grupos"]} == parts
        assert ev["actores"] == institutions
        assert ev["n_grupos"] == len(parts) == ev["lazos_necesarios"] + 1
        assert ev["pares"] == pairs == ev["pares_listados"] + ev["pares_omitidos"]
        assert ev["pares_listados"] == pairs_in.get(context, 0)


def test_neo4j_gives_the_same_finding(tmp_path: Path, neo4j_store: Any) -> None:
    p = Portfolio()
    n = _agua(p)
    neo4j_store.write(p.batch)
    on_neo4j = find_gaps(neo4j_store, kinds=[KIND])
    on_file = find_gaps(_store(tmp_path, p.batch), kinds=[KIND])
    assert [f.subjects[0].id for f in on_file.findings] == [n["agua"]]
    assert on_neo4j.model_dump() == on_file.model_dump()


def test_filters_keep_the_contexts_in_scope(tmp_path: Path) -> None:
    p = Portfolio()
    n = _agua(p)
    store = _store(tmp_path, p.batch)
    in_pacto = find_gaps(store, kinds=[KIND], territorio=n["u"])
    assert in_pacto.findings == []
    in_nanegal = find_gaps(store, kinds=[KIND], territorio=n["t"], eje=n["plan"])
    assert [(f.subjects[0].id, f.subjects[1].id) for f in in_nanegal.findings] == [
        (n["agua"], n["t"])]
    # The ties still come from the whole network: D–E (Movilidad) joins C, D, E, F.
    assert in_nanegal.findings[0].evidence["n_grupos"] == 3
