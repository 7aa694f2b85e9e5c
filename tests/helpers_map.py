"""A small portfolio for map tests, with hostile names, and what its maps must show.

Every expected number below is worked out by hand from this portfolio (see the comments),
not read from the code under test.

Actors (tipo, interno):
  A Secretaría de Ambiente (secretaria, yes)   B CONQUITO (empresa_publica, yes)
  C <img src=x onerror=alert(1)> (sociedad_civil, no)   D Universidad Central (academia, no)
  E Aislado (otro, unknown)   F Junta Parroquial de Nono (gad_parroquial, no)
  G </script><script>window.pwned=1</script> (privado, unknown)
  H <a href="javascript:window.pwned=2">clic</a> (cooperacion, unknown)
Actions: X Reforestar quebradas (eje AMB, Calderón, mechanism M): A leads; B, C articulate.
         Y Huertos urbanos (eje PROD, Quito): B leads; D articulates.
         Z Limpieza de ríos (eje AMB, Calderón): D leads; F articulates.
Calderón is PART_OF Quito. A RELATES D. E, G, H take part in nothing.
"""

from __future__ import annotations

from pathlib import Path

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import (
    Action,
    Actor,
    Axis,
    GraphBatch,
    Mechanism,
    Node,
    Rel,
    RelType,
    Source,
    Territory,
)

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>window.pwned=1</script>"
XSS_HREF = '<a href="javascript:window.pwned=2">clic</a>'
EJE_AMB = "Ambiente & <i>clima</i>"
EJE_PROD = "Productividad"
MECHANISM = 'Convenio "marco" <b>&amp;</b>'
SOURCE = ("matriz.xlsx", "acciones", 5)

ACTORS = {  # key: (name, tipo, interno)
    "A": ("Secretaría de Ambiente", "secretaria", True),
    "B": ("CONQUITO", "empresa_publica", True),
    "C": (XSS_IMG, "sociedad_civil", False),
    "D": ("Universidad Central", "academia", False),
    "E": ("Aislado", "otro", None),
    "F": ("Junta Parroquial de Nono", "gad_parroquial", False),
    "G": (XSS_SCRIPT, "privado", None),
    "H": (XSS_HREF, "cooperacion", None),
}


def actor_id(key: str) -> str:
    return Actor.key(ACTORS[key][0])


# Actor network: X gives AB AC BC, Y gives BD, Z gives DF, the RELATES tie gives AD.
ACTOR_EDGES = {("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("D", "F"), ("A", "D")}
# Full view: 8 actors + 3 actions + 2 axes + 2 territories + 1 mechanism;
# LEADS 3 + ARTICULATES 4 + UNDER 3 + TARGETS 3 + USES 1 + PART_OF 1 + RELATES 1.
FULL_NODES, FULL_EDGES = 16, 16
# Missing coordination, context (AMB, Calderón) = {A, B, C} via X and {D, F} via Z:
# A–D are tied (RELATES), B–D share Y; the other cross pairs share nothing.
MISSING_PAIRS = {("A", "F"), ("B", "F"), ("C", "D"), ("C", "F")}
# Critical point: D is the only articulation point (F hangs from it).
CRITICAL = {"D"}


def portfolio() -> GraphBatch:
    batch = GraphBatch()
    source = batch.add_node(Source.of(*SOURCE))

    def add(node: Node) -> Node:
        return batch.add_node(node)

    actors = {
        key: add(Actor(id=Actor.key(name), name=name, tipo=tipo, interno=interno,
                       nivel="metropolitano" if key == "A" else None, sources=[source.id]))
        for key, (name, tipo, interno) in ACTORS.items()
    }
    amb = add(Axis(id=Axis.key(EJE_AMB), name=EJE_AMB, codigo="AMB"))
    prod = add(Axis(id=Axis.key(EJE_PROD), name=EJE_PROD, codigo="PROD"))
    quito = add(Territory(id=Territory.key("Quito"), name="Quito"))
    calderon = add(Territory(id=Territory.key("Calderón"), name="Calderón"))
    mechanism = add(Mechanism(id=Mechanism.key(MECHANISM), name=MECHANISM, tipo="convenio"))

    def action(title: str, eje: Axis) -> Node:
        return add(Action(id=Action.key(title, eje.name), titulo=title, eje=eje.name,
                          sources=[source.id]))

    x = action("Reforestar quebradas", amb)
    y = action("Huertos urbanos", prod)
    z = action("Limpieza de ríos", amb)

    def rel(rtype: RelType, a: Node, b: Node) -> None:
        batch.add_rel(Rel(type=rtype, source=a.id, target=b.id, source_label=a.label,
                          target_label=b.label, sources=[source.id]))

    rel(RelType.PART_OF, calderon, quito)
    for act, eje, territory in ((x, amb, calderon), (y, prod, quito), (z, amb, calderon)):
        rel(RelType.UNDER, act, eje)
        rel(RelType.TARGETS, act, territory)
    rel(RelType.USES, x, mechanism)
    rel(RelType.LEADS, actors["A"], x)
    rel(RelType.ARTICULATES, actors["B"], x)
    rel(RelType.ARTICULATES, actors["C"], x)
    rel(RelType.LEADS, actors["B"], y)
    rel(RelType.ARTICULATES, actors["D"], y)
    rel(RelType.LEADS, actors["D"], z)
    rel(RelType.ARTICULATES, actors["F"], z)
    rel(RelType.RELATES, actors["A"], actors["D"])
    return batch


def embedded_store(path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.write(portfolio())
    return store


def findings() -> list[dict]:
    """The gap findings above, as plain dicts (the layout of GapReport.model_dump)."""
    def subject(key: str) -> dict:
        return {"id": actor_id(key), "type": "Actor", "name": ACTORS[key][0]}

    out = [{"kind": "coordinacion_faltante", "severity": 0.5,
            "subjects": [subject(a), subject(b)], "evidence": {}, "provenance": []}
           for a, b in sorted(MISSING_PAIRS)]
    out.append({"kind": "punto_critico", "severity": 0.75, "subjects": [subject("D")],
                "evidence": {"motivo": "articulacion"},
                "provenance": [dict(zip(("document", "table", "row"), SOURCE, strict=True))]})
    return out
