"""Generic actors and renamed institutions in the analyses and on the maps.

A generic actor (``Actor.generico``: «COOPERACIÓN», «GADs», a category, not one
institution) is never the subject of a missing-coordination finding; two actors joined by
SUCCEEDS (a renamed secretaría and its predecessor) are one institution, never a finding
either. Maps say which actors are generic. The Cypher side of the same rule is checked by
tests/test_parity.py on the bundled data (which has both).

Small portfolio, worked out by hand: one eje E, one territory T, four actors each leading
its own action there: A, B, S (S SUCCEEDS B) and G (generic). Pairs in the one context:
AB AS AG BS BG SG; G's are dropped, BS is one institution: AB and AS remain.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import Action, Actor, Axis, GraphBatch, Rel, RelType, Source, Territory
from tejido.loaders.matrix import read_datasets
from tejido.queries.gaps.engine import find_gaps
from tejido.viz.maps import write_map
from tejido.viz.texts import language

DATA = Path(__file__).resolve().parents[1] / "data"
ROW = Source.of("doc", "tabla", 2)


def _rel(kind: RelType, source, target) -> Rel:
    return Rel(type=kind, source=source.id, target=target.id, source_label=source.label,
               target_label=target.label, sources=[ROW.id])


def portfolio() -> GraphBatch:
    batch = GraphBatch()
    eje = Axis(id=Axis.key("E"), name="E", sources=[ROW.id])
    place = Territory(id=Territory.key("T"), name="T", sources=[ROW.id])
    for node in (ROW, eje, place):
        batch.add_node(node)
    actors = {}
    for key in "ABSG":
        actor = Actor(id=Actor.key(key), name=key, generico=key == "G", sources=[ROW.id])
        action = Action(id=Action.key(f"acción {key}", "E"), titulo=f"acción {key}", eje="E",
                        sources=[ROW.id])
        batch.add_node(actor)
        batch.add_node(action)
        for rel in (_rel(RelType.LEADS, actor, action), _rel(RelType.UNDER, action, eje),
                    _rel(RelType.TARGETS, action, place)):
            batch.add_rel(rel)
        actors[key] = actor
    batch.add_rel(_rel(RelType.SUCCEEDS, actors["S"], actors["B"]))
    return batch


def _store(tmp_path: Path, batch: GraphBatch) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "g.json")
    store.write(batch)
    return store


def _pairs(store: EmbeddedStore) -> set[frozenset[str]]:
    report = find_gaps(store, kinds=["coordinacion_faltante"])
    return {frozenset(s.name for s in f.subjects) for f in report.findings}


def test_generic_actors_and_successions_are_never_missing_coordination(tmp_path):
    assert _pairs(_store(tmp_path, portfolio())) == {frozenset("AB"), frozenset("AS")}


def test_on_the_bundled_data(tmp_path):
    batch = read_datasets(DATA).batch
    store = _store(tmp_path, batch)
    generic = {n.id for n in batch.nodes.values() if n.label == "Actor" and n.generico}
    renamed = {frozenset((r.source, r.target)) for r in batch.rels.values()
               if r.type == RelType.SUCCEEDS}
    assert len(generic) == 8 and len(renamed) == 3
    report = find_gaps(store, kinds=["coordinacion_faltante"])
    assert report.findings
    for finding in report.findings:
        ids = {s.id for s in finding.subjects}
        assert not ids & generic
        assert frozenset(ids) not in renamed


def star() -> GraphBatch:
    """G (generic) works with X, Y and Z, one action each, all inside the administration;
    X and Y also share an action in another territory with nobody else.

    Worked by hand: G is an articulation point (X–Y–Z hang on it) and, with 3 internal
    ties and no external one, a silo; G also leads every action of its eje — all three
    would be findings about a category word. X and Y share the context (E, T) only via
    G's actions… so they are tied (common action "xy") and no pair is missing; Z and X
    share (E, T) with no action in common, and G — their only common neighbour — must not
    count as a bridge: the finding keeps its full severity 1/2 (one context).
    """
    batch = GraphBatch()
    eje = Axis(id=Axis.key("E"), name="E", sources=[ROW.id])
    place = Territory(id=Territory.key("T"), name="T", sources=[ROW.id])
    other = Territory(id=Territory.key("U"), name="U", sources=[ROW.id])
    for node in (ROW, eje, place, other):
        batch.add_node(node)
    people = {k: Actor(id=Actor.key(k), name=k, generico=k == "G", interno=True,
                       sources=[ROW.id]) for k in "GXYZ"}
    for actor in people.values():
        batch.add_node(actor)

    def action(title: str, where: Territory, lead: Actor, *others: Actor) -> None:
        node = Action(id=Action.key(title, "E"), titulo=title, eje="E", sources=[ROW.id])
        batch.add_node(node)
        batch.add_rel(_rel(RelType.LEADS, lead, node))
        for actor in others:
            batch.add_rel(_rel(RelType.ARTICULATES, actor, node))
        batch.add_rel(_rel(RelType.UNDER, node, eje))
        batch.add_rel(_rel(RelType.TARGETS, node, where))

    for key in "XYZ":
        action(f"g{key}", place, people["G"], people[key])
    action("xy", other, people["X"], people["Y"])
    return batch


def test_a_generic_actor_is_no_silo_no_critical_point_and_no_bridge(tmp_path):
    report = find_gaps(_store(tmp_path, star()))
    subjects = {s.name for f in report.findings for s in f.subjects if s.type == "Actor"}
    assert "G" not in subjects
    missing = {frozenset(s.name for s in f.subjects): f for f in report.findings
               if f.kind == "coordinacion_faltante"}
    assert set(missing) == {frozenset("XZ"), frozenset("YZ")}
    for finding in missing.values():
        assert finding.evidence["puentes"] == [] and finding.severity == 0.5


def _page(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="tejido-data">(.*?)</script>', text,
                      re.S)
    assert match
    return json.loads(match.group(1))


@pytest.mark.parametrize(("lang", "suffix", "field"), [
    ("es", "(genérico)", "Genérico (una categoría, no una institución)"),
    ("en", "(generic)", "Generic (a category, not one institution)"),
])
def test_maps_mark_generic_actors(tmp_path, lang, suffix, field):
    graph = _store(tmp_path, portfolio()).snapshot()
    out = tmp_path / "mapa.html"
    with language(lang):
        write_map(graph, out, lang=lang, date="2026-01-31", seed=1)
    data = _page(out)
    nodes = {n["id"]: n for n in data["nodes"]}
    generic, plain = nodes[Actor.key("G")], nodes[Actor.key("A")]
    assert generic["label"] == f"G {suffix}"
    assert generic["shapeProperties"] == {"borderDashes": [4, 3]}
    assert plain["label"] == "A" and "shapeProperties" not in plain
    profiles = {p["title"]: p for p in data["profiles"]}
    assert [field, "sí" if lang == "es" else "yes"] in profiles[f"G {suffix}"]["fields"]
    assert all(f[0] != field for f in profiles["A"]["fields"])
