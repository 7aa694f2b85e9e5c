"""A finding's priority (queries/gaps/priority.py, docs/priority.md) on small hand-built
portfolios whose components are worked out by hand: the hypergeometric chance of no shared
action checked against scipy, the ordering of active versus single-action pairs, the
E–I of a silo against Krackhardt & Stern's expectation, the authority of the documents,
and the fallback for kinds the priority does not know. The ``gap_prioridad_*`` queries
are compared with their twins on a real Neo4j at the end.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers_gaps import Portfolio
from helpers_portfolio import portfolios, reset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import hypergeom

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.graph.model import Autoridad, Document, GraphBatch
from tejido.loaders.base import read_paths
from tejido.queries.catalog import builtin_specs
from tejido.queries.gaps import Finding, GapReport, RowSource, find_gaps
from tejido.queries.gaps.priority import (
    PRIORITY_QUERIES,
    _pair_terms,
    p_no_shared,
    p_one_sided,
    prioritize,
    priority_text,
)
from tejido.queries.gaps.priority_rows import ESTADO_WEIGHT, Activity
from tejido.queries.runner import canonical_rows, run_query

DATA = Path(__file__).resolve().parents[1] / "data"
#: The documented constants, restated: half-saturation of the activity, the weight of an
#: action without estado, and the authority weights (docs/priority.md).
HALF = 5.0
UNKNOWN = 0.8
AUTHORITY = {"plan_adoptado": 1.0, "informe_institucional": 0.85, "programa": 0.8,
             "sin_declarar": 0.7, "propuesta": 0.5}


def _prioritized(tmp_path: Path, batch: GraphBatch, **options: Any) -> GapReport:
    store = EmbeddedStore(tmp_path / "graph.json")
    store.wipe()
    store.write(batch)
    report = find_gaps(store, **options)
    source = RowSource(store)
    prioritize(report.findings, {q: source.rows(q, {}) for q in PRIORITY_QUERIES})
    return report


def _by_subjects(report: GapReport, kind: str) -> dict[tuple[str, ...], Finding]:
    return {tuple(s.id for s in f.subjects): f for f in report.findings if f.kind == kind}


def _sat(w: float) -> float:
    return w / (w + HALF)


def _document(p: Portfolio, name: str, autoridad: Autoridad) -> None:
    p.batch.add_node(Document(id=name, title=name, autoridad=autoridad, sources=[name]))


# --- null models against scipy ----------------------------------------------------------


@pytest.mark.parametrize(("n", "ka", "kb"), [(2, 1, 1), (10, 5, 5), (16, 9, 6), (12, 1, 11),
                                             (400, 30, 25), (40_000, 300, 500)])
def test_no_shared_action_is_the_hypergeometric_zero(n: int, ka: int, kb: int) -> None:
    # P(X = 0) for X ~ Hypergeometric(population n, ka marked, kb drawn).
    expected = hypergeom.pmf(0, n, ka, kb)
    assert p_no_shared(n, ka, kb) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_one_sided_ties_are_the_hypergeometric_top() -> None:
    # All k neighbours among `side` actors when drawn from `others`: P(X = k).
    for side, others, k in [(3, 11, 3), (7, 11, 3), (35, 52, 6), (16, 52, 6)]:
        assert p_one_sided(side, others, k) == pytest.approx(
            hypergeom.pmf(k, others, side, k), rel=1e-9)
    assert p_one_sided(2, 11, 3) == 0.0   # three ties cannot all fall among two actors


# --- missing coordination ---------------------------------------------------------------


def _two_pairs(p: Portfolio, estado: str | None = None) -> tuple[str, ...]:
    """A and B lead five actions each in (E1, T1), never together; C and D one each in
    (E2, T2). No articulators, so no third actor bridges either pair."""
    e1, e2 = p.axis("E1"), p.axis("E2")
    t1, t2 = p.territory("T1"), p.territory("T2")
    a, b, c, d = (p.actor(n) for n in "ABCD")
    for i in range(5):
        p.action(f"a{i}", eje=e1, leads=(a,), territories=(t1,), estado=estado)
        p.action(f"b{i}", eje=e1, leads=(b,), territories=(t1,), estado=estado)
    p.action("c0", eje=e2, leads=(c,), territories=(t2,), estado=estado)
    p.action("d0", eje=e2, leads=(d,), territories=(t2,), estado=estado)
    return a, b, c, d


def test_active_actors_who_never_meet_rank_above_two_single_action_actors(
        tmp_path: Path) -> None:
    p = Portfolio()
    a, b, c, d = _two_pairs(p)
    pairs = _by_subjects(_prioritized(tmp_path, p.batch), "coordinacion_faltante")
    active, single = pairs[(a, b)], pairs[(c, d)]
    assert active.priority > single.priority
    # By hand: one shared context each, unbridged: severity 1/2. A and B: 5 actions of 10
    # in their context; sharing none by chance has C(5,5)/C(10,5) = 1/252. C and D: one
    # action each of 2: C(1,1)/C(2,1) = 1/2. No estado recorded: 0.8 per action. No
    # Document node: sin_declarar, 0.7.
    w_ab, w_cd = 5 * UNKNOWN, 1 * UNKNOWN
    expected_ab = 0.7 * (0.5 * _sat(w_ab) * (1 - 1 / 252)) ** (1 / 3)
    expected_cd = 0.7 * (0.5 * _sat(w_cd) * (1 - 1 / 2)) ** (1 / 3)
    assert active.priority == pytest.approx(expected_ab, abs=1e-4)
    assert single.priority == pytest.approx(expected_cd, abs=1e-4)
    parts = active.evidence["prioridad"]
    assert parts["metodo"] == "hipergeometrica"
    assert (parts["n"], parts["k_a"], parts["k_b"]) == (10, 5, 5)
    assert parts["p_ninguna_comun"] == pytest.approx(1 / 252, rel=1e-3)
    assert parts["acciones_a"] == parts["acciones_b"] == 4.0
    assert single.evidence["prioridad"]["p_ninguna_comun"] == 0.5
    # The sentence a report shows says why, with the numbers of the null model.
    text = priority_text(active.priority, parts)
    assert "sin declarar" in text and "5 y 5 de 10 acciones" in text and "0,004" in text
    set_lang("en")
    try:
        assert "5 and 5 of the context's 10 actions" in priority_text(active.priority, parts)
    finally:
        set_lang("es")


def test_the_least_likely_shared_context_is_the_one_reported(tmp_path: Path) -> None:
    # A and B meet in two territories: in T1 each has 1 of 2 actions (chance 1/2), in T2
    # each has 3 of 8 (C(5,3)/C(8,3) = 10/56). T2 is the more telling context.
    p = Portfolio()
    e = p.axis("E")
    t1, t2 = p.territory("T1"), p.territory("T2")
    a, b, x = p.actor("A"), p.actor("B"), p.actor("X")
    p.action("a1", eje=e, leads=(a,), territories=(t1,))
    p.action("b1", eje=e, leads=(b,), territories=(t1,))
    for i in range(3):
        p.action(f"a2{i}", eje=e, leads=(a,), territories=(t2,))
        p.action(f"b2{i}", eje=e, leads=(b,), territories=(t2,))
    for i in range(2):
        p.action(f"x{i}", eje=e, leads=(x,), territories=(t2,))
    pair = _by_subjects(_prioritized(tmp_path, p.batch), "coordinacion_faltante")[(a, b)]
    parts = pair.evidence["prioridad"]
    assert parts["contexto"]["territorio_id"] == t2
    assert (parts["n"], parts["k_a"], parts["k_b"]) == (8, 3, 3)
    assert parts["p_ninguna_comun"] == pytest.approx(hypergeom.pmf(0, 8, 3, 3), rel=1e-3)


def test_live_actions_weigh_more_than_finished_ones(tmp_path: Path) -> None:
    live, done = Portfolio(), Portfolio()
    pair_live = _two_pairs(live, estado="en_marcha")[:2]
    pair_done = _two_pairs(done, estado="finalizada")[:2]
    (tmp_path / "l").mkdir()
    (tmp_path / "d").mkdir()
    a = _by_subjects(_prioritized(tmp_path / "l", live.batch), "coordinacion_faltante")[pair_live]
    b = _by_subjects(_prioritized(tmp_path / "d", done.batch), "coordinacion_faltante")[pair_done]
    assert a.evidence["prioridad"]["acciones_a"] == 5.0      # 5 × 1.0
    assert b.evidence["prioridad"]["acciones_a"] == 2.5      # 5 × 0.5
    assert a.priority > b.priority


# --- authority ----------------------------------------------------------------------------


def test_a_proposal_ranks_below_an_adopted_plan(tmp_path: Path) -> None:
    # The same missing coordination three times, each pair alone in its own context with
    # one action per actor: in an adopted plan (A, B), in a candidate's proposal (C, D),
    # and with one actor from each document (X, Y).
    p = Portfolio(document="plan")
    _document(p, "plan", Autoridad.plan_adoptado)
    _document(p, "propuesta", Autoridad.propuesta)
    places = [(p.axis(f"E{i}"), p.territory(f"T{i}")) for i in range(3)]
    a, b, c, d, x, y = (p.actor(n) for n in ("A", "B", "C", "D", "X", "Y"))

    def act(name: str, actor: str, where: tuple[str, str]) -> None:
        p.action(name, eje=where[0], leads=(actor,), territories=(where[1],))

    act("a", a, places[0])
    act("b", b, places[0])
    act("x", x, places[2])
    p.document = "propuesta"
    act("c", c, places[1])
    act("d", d, places[1])
    act("y", y, places[2])
    pairs = _by_subjects(_prioritized(tmp_path, p.batch), "coordinacion_faltante")
    plan, proposal, both = pairs[(a, b)], pairs[(c, d)], pairs[(x, y)]
    assert plan.evidence["prioridad"]["autoridad_tipo"] == "plan_adoptado"
    assert proposal.evidence["prioridad"]["autoridad_tipo"] == "propuesta"
    assert plan.priority > proposal.priority
    # Severity 1/2, one action each (0.8), chance 1/2 of sharing none: only the authority
    # differs (1.0 against 0.5).
    mean = (0.5 * _sat(UNKNOWN) * 0.5) ** (1 / 3)
    assert plan.priority == pytest.approx(1.0 * mean, abs=1e-4)
    assert proposal.priority == pytest.approx(0.5 * mean, abs=1e-4)
    # A finding citing both documents takes the highest.
    assert {q.document for q in both.provenance} == {"plan", "propuesta"}
    assert both.evidence["prioridad"]["autoridad"] == 1.0
    assert both.evidence["prioridad"]["documento"] == "plan"
    assert both.priority == plan.priority


# --- silos --------------------------------------------------------------------------------


def test_a_silo_further_below_its_expected_ei_ranks_higher(tmp_path: Path) -> None:
    p = Portfolio()
    s, i1, i2, i3 = (p.actor(n, interno=True) for n in ("S", "I1", "I2", "I3"))
    x, y1, y2, y3 = (p.actor(n, interno=False) for n in ("X", "Y1", "Y2", "Y3"))
    w1, w2, w3, w4 = (p.actor(n, interno=False) for n in ("W1", "W2", "W3", "W4"))
    p.action("s", leads=(s,), arts=(i1, i2, i3))      # S: 3 internal ties only
    p.action("x", leads=(x,), arts=(y1, y2, y3))      # X: 3 external ties only
    p.action("i1", leads=(i1,), arts=(w1, w2))
    p.action("i2", leads=(i2,), arts=(w3, w4))
    silos = _by_subjects(_prioritized(tmp_path, p.batch), "silo")
    inside, outside = silos[(s,)], silos[(x,)]
    # 12 actors with ties: 4 internal, 8 external. Krackhardt & Stern: a member of a group
    # of g among 12 expects an external share (12 − g)/11, an E–I of 2·that − 1.
    si, so = inside.evidence["prioridad"], outside.evidence["prioridad"]
    assert (si["grupo"], si["clasificados"], so["grupo"]) == (4, 12, 8)
    assert si["ei_esperado"] == round(2 * 8 / 11 - 1, 4)      # +0.4545
    assert so["ei_esperado"] == round(2 * 4 / 11 - 1, 4)      # −0.2727
    assert si["desvio"] < so["desvio"] < 0                    # S is further below
    # Chance that 3 neighbours drawn among the 11 others all fall on one's own side.
    assert si["p_azar"] == pytest.approx(hypergeom.pmf(3, 11, 3, 3), rel=1e-3)  # 1/165
    assert so["p_azar"] == pytest.approx(hypergeom.pmf(3, 11, 7, 3), rel=1e-3)  # 35/165
    assert inside.priority > outside.priority
    expected = 0.7 * (0.75 * _sat(UNKNOWN) * (1 - 1 / 165)) ** (1 / 3)
    assert inside.priority == pytest.approx(expected, abs=1e-4)


# --- every finding, bundled data, unknown kinds -------------------------------------------


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> GapReport:
    return _prioritized(tmp_path_factory.mktemp("data"), read_paths([DATA]).batch)


def test_every_bundled_finding_has_a_priority_in_the_unit_interval(bundled: GapReport) -> None:
    assert bundled.findings
    for finding in bundled.findings:
        parts = finding.evidence["prioridad"]
        assert 0 <= finding.priority <= 1
        assert finding.priority == round(finding.priority, 4)
        assert {"metodo", "severidad", "actividad", "autoridad", "autoridad_tipo"} <= set(parts)
        assert parts["autoridad_tipo"] in AUTHORITY
        assert parts["autoridad"] == AUTHORITY[parts["autoridad_tipo"]]
    # Each bundled dataset declares its authority: 001 is an adopted plan, 003 a proposal.
    kinds = {p.document[:3]: f.evidence["prioridad"]["autoridad_tipo"]
             for f in bundled.findings for p in f.provenance[:1]}
    assert kinds.get("001", "plan_adoptado") == "plan_adoptado"
    assert kinds.get("003", "propuesta") == "propuesta"


def test_few_bundled_gaps_share_the_highest_priority(bundled: GapReport) -> None:
    gaps = [f.priority for f in bundled.findings if f.status == "brecha"]
    counts = Counter(gaps)
    assert counts[max(gaps)] <= 0.05 * len(gaps)


def _finding(kind: str, subjects: list[tuple[str, str]], evidence: dict[str, Any],
             severity: float = 0.5, document: str = "900_prueba") -> Finding:
    return Finding(kind=kind, severity=severity, evidence=evidence,
                   subjects=[{"id": i, "type": t, "name": i} for i, t in subjects],
                   provenance=[{"document": document, "table": "T", "row": 2}])


ROWS = {
    "gap_prioridad_acciones": [
        {"action_id": "x1", "estado": "en_marcha", "ejes": ["e"], "territorios": ["t"],
         "actores": ["a", "b"]},
        {"action_id": "x2", "estado": "finalizada", "ejes": ["e"], "territorios": ["t", "u"],
         "actores": ["a"]},
    ],
    "gap_prioridad_grupos": [],
    "gap_prioridad_documentos": [{"document": "900_prueba", "titulo": "Prueba",
                                  "autoridad": "programa"}],
}


def test_an_unknown_kind_gets_the_generic_priority() -> None:
    odd = _finding("tipo_nuevo", [("a", "Actor"), ("e", "Axis")], {"lo_que_sea": [1, 2]})
    empty = _finding("otro_tipo", [], {}, severity=1.0, document="sin_nodo")
    prioritize([odd, empty], ROWS)
    parts = odd.evidence["prioridad"]
    assert parts["metodo"] == "generica"
    # Actor a: x1 (1.0) + x2 (0.5) = 1.5; eje e: the same two actions, 1.5.
    assert parts["acciones"] == 3.0
    assert odd.priority == pytest.approx(0.8 * (0.5 * _sat(1.5)) ** 0.5, abs=1e-4)
    assert 0 <= empty.priority <= 1
    assert empty.evidence["prioridad"]["autoridad_tipo"] == "sin_declarar"


def test_a_fragmented_context_weighs_its_context_actions() -> None:
    ev = {"eje_id": "e", "eje": "E", "territorio_id": "t", "territorio": "T",
          "grupos": [[{"id": "a", "nombre": "A"}], [{"id": "c", "nombre": "C"}]],
          "n_grupos": 2, "actores": 2, "acciones": 2, "convocante": None,
          "mecanismos_eje": []}
    finding = _finding("contexto_fragmentado", [("e", "Axis"), ("t", "Territory")], ev, 0.5)
    prioritize([finding], ROWS)
    # (e, t) holds x1 (en_marcha, 1.0) and x2 (finalizada, 0.5); programa weighs 0.8.
    assert finding.evidence["prioridad"]["acciones"] == 1.5
    assert finding.priority == pytest.approx(0.8 * (0.5 * _sat(1.5)) ** 0.5, abs=1e-4)


def test_missing_rows_and_odd_evidence_never_crash() -> None:
    pair = _finding("coordinacion_faltante", [("a", "Actor"), ("b", "Actor")],
                    {"contextos": "no es una lista"})
    silo = _finding("silo", [("a", "Actor")], {"interno": True, "ei": -1.0, "lazos": 3})
    prioritize([pair, silo], {})
    for finding in (pair, silo):
        assert 0 < finding.priority <= 1
        assert "sorpresa" not in finding.evidence["prioridad"]


# --- parity on a real Neo4j ----------------------------------------------------------------

SPECS = [s for s in builtin_specs() if s.name in PRIORITY_QUERIES]


def _same(neo4j: Any, embedded: EmbeddedStore) -> None:
    assert {s.name for s in SPECS} == set(PRIORITY_QUERIES)
    for spec in SPECS:
        cypher = canonical_rows(run_query(spec, neo4j, {}), spec.columns)
        twin = canonical_rows(run_query(spec, embedded, {}), spec.columns)
        assert cypher == twin, spec.name


def test_prioridad_queries_match_their_twins_on_bundled_data(neo4j_store: Any,
                                                             tmp_path: Path) -> None:
    embedded = EmbeddedStore(tmp_path / "graph.json")
    batch = read_paths([DATA]).batch
    reset(neo4j_store, batch)
    reset(embedded, batch)
    _same(neo4j_store, embedded)
    rows = run_query(SPECS[[s.name for s in SPECS].index("gap_prioridad_documentos")],
                     embedded, {})
    assert len(rows) == 5


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=portfolios())
def test_prioridad_queries_match_their_twins_on_random_portfolios(
        neo4j_store: Any, tmp_path: Path, batch: GraphBatch) -> None:
    embedded = EmbeddedStore(tmp_path / "graph.json")
    reset(neo4j_store, batch)
    reset(embedded, batch)
    _same(neo4j_store, embedded)


def _summed_pair_terms(a: str, b: str, contexts: list[tuple[Any, Any]],
                       act: Activity) -> tuple[Any, Any, Any]:
    """``_pair_terms`` as it was before its one-eje shortcut: sums over the sorted ejes."""
    ejes = sorted({e for e, _ in contexts if e is not None})
    of_a, of_b = act.actor_eje.get(a, {}), act.actor_eje.get(b, {})
    wa = sum(of_a.get(e, 0.0) for e in ejes)
    wb = sum(of_b.get(e, 0.0) for e in ejes)
    best = None
    for key in contexts:
        n = act.context_n.get(key, 0)
        counts = act.context_k.get(key) or {}
        ka, kb = counts.get(a, 0), counts.get(b, 0)
        if n and ka and kb:
            p0 = p_no_shared(n, ka, kb)
            if best is None or p0 < best[0]:
                best = (p0, key, n, ka, kb)
    return wa, wb, best


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_pairs_terms_are_the_sums_over_its_ejes(data: st.DataObject) -> None:
    """The same floats, of the same type (``acciones_a`` is printed as it is), whether the
    pair shares one eje, several or none."""
    actors, ejes, places = ["x", "y", "z"], ["e1", "e2", "e3"], ["p1", "p2"]
    rows = [{"action_id": f"a{i}",
             "estado": data.draw(st.sampled_from([*ESTADO_WEIGHT, "otro"])),
             "actores": data.draw(st.lists(st.sampled_from(actors), unique=True)),
             "territorios": data.draw(st.lists(st.sampled_from(places), unique=True)),
             "ejes": data.draw(st.lists(st.sampled_from(ejes), unique=True))}
            for i in range(data.draw(st.integers(0, 12)))]
    act = Activity(rows)
    a, b = data.draw(st.sampled_from(actors)), data.draw(st.sampled_from(actors))
    contexts = data.draw(st.lists(st.tuples(st.sampled_from([*ejes, None]),
                                            st.sampled_from(places)), max_size=4))
    got, want = _pair_terms(a, b, contexts, act), _summed_pair_terms(a, b, contexts, act)
    assert repr(got) == repr(want)
