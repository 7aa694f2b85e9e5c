"""From query rows to findings: one builder per gap kind, with its severity formula.

The same builders run on rows from Neo4j (Cypher) and from the embedded store (the
networkx twins), so both stores give the same findings. Severities are in [0, 1]; each
formula is a small pure function below and is documented in docs/gaps.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .articulation import articulation_pieces
from .similarity import THRESHOLD, similar_pairs

Row = dict[str, Any]
Rows = dict[str, list[Row]]

#: Every kind, in report order.
KINDS = (
    "sin_rector",
    "sin_articuladores",
    "sin_mecanismo",
    "coordinacion_faltante",
    "silo",
    "punto_critico",
    "territorio_desatendido",
    "iniciativa_duplicada",
    "estancada",
)
#: Rows key of the whole actor network (``gap_punto_critico`` run without filters): a third
#: actor bridges two others wherever it works with them.
GLOBAL_NETWORK = "gap_punto_critico@todo"
#: A silo needs at least this many classified ties.
MIN_SILO_TIES = 3
#: How much a gap in a finished action still weighs (the action no longer depends on it).
FINISHED_WEIGHT = 0.5
#: How much a missing coordination weighs when a third actor already links the pair.
BRIDGED_WEIGHT = 0.5


@dataclass
class Draft:
    """A finding before its Source ids are resolved into (document, table, row)."""

    kind: str
    severity: float
    subjects: list[dict[str, Any]]
    evidence: dict[str, Any]
    sources: list[str] = field(default_factory=list)


# --- severity formulas ------------------------------------------------------------------


def stage_weight(estado: str | None) -> float:
    """1, or FINISHED_WEIGHT for a finalizada action (its gap no longer blocks delivery)."""
    return FINISHED_WEIGHT if estado == "finalizada" else 1.0


def severity_sin_rector(articuladores: int, estado: str | None) -> float:
    """1.0 for an action nobody takes part in; 0.8 when articulators work without a lead."""
    return (0.8 if articuladores else 1.0) * stage_weight(estado)


def severity_sin_articuladores(estado: str | None) -> float:
    """0.6: a lead alone; less serious than no lead at all."""
    return 0.6 * stage_weight(estado)


def severity_sin_mecanismo(actores: int, estado: str | None) -> float:
    """n / (n + 1) for n actors: the more actors to articulate, the more a mechanism is missed."""
    return actores / (actores + 1) * stage_weight(estado)


def severity_coordinacion(contexts: int, bridged: bool) -> float:
    """c / (c + 1) for c shared (eje, territory) contexts; halved if a third actor bridges them."""
    return contexts / (contexts + 1) * (BRIDGED_WEIGHT if bridged else 1.0)


def ei_index(external: int, internal: int) -> float | None:
    """Krackhardt & Stern (1988) E–I index: (E − I) / (E + I); None without ties."""
    total = external + internal
    return (external - internal) / total if total else None


def severity_silo(ties: int) -> float:
    """k / (k + 1) for k ties, all on one side: the more one-sided ties, the clearer the silo."""
    return ties / (ties + 1)


def severity_articulation(pieces: list[int]) -> float:
    """m / (m + 1) for the m actors its removal cuts off from the largest remaining piece."""
    cut_off = sum(pieces) - max(pieces)
    return cut_off / (cut_off + 1)


def severity_dominant_lead(led: int, actions: int) -> float:
    """The share of the eje's actions the actor leads (0.5–1)."""
    return led / actions


def severity_territorio(covered: int, universe: int) -> float:
    """Territories the eje reaches / candidate territories: a wide eje skipping one stands out."""
    return covered / universe if universe else 0.0


def severity_estancada(estado: str | None) -> float:
    """0.8 suspendida (started, then stopped), 0.6 no_iniciada."""
    return 0.8 if estado == "suspendida" else 0.6


# --- builders ---------------------------------------------------------------------------


def _action(row: Row) -> dict[str, Any]:
    return {"id": row["action_id"], "type": "Action", "name": row["titulo"]}


def _actor(ident: str, name: str | None) -> dict[str, Any]:
    return {"id": ident, "type": "Actor", "name": name}


def _axis(ident: str, name: str | None) -> dict[str, Any]:
    return {"id": ident, "type": "Axis", "name": name}


def build_sin_rector(rows: Rows) -> list[Draft]:
    return [
        Draft("sin_rector", severity_sin_rector(r["articuladores"], r["estado"]), [_action(r)],
              {"estado": r["estado"], "eje": r["eje"], "articuladores": r["articuladores"]},
              r["sources"])
        for r in rows["gap_sin_rector"]
    ]


def build_sin_articuladores(rows: Rows) -> list[Draft]:
    return [
        Draft("sin_articuladores", severity_sin_articuladores(r["estado"]), [_action(r)],
              {"estado": r["estado"], "eje": r["eje"], "rectores": r["rectores"]}, r["sources"])
        for r in rows["gap_sin_articuladores"]
    ]


def build_sin_mecanismo(rows: Rows) -> list[Draft]:
    return [
        Draft("sin_mecanismo", severity_sin_mecanismo(r["actores"], r["estado"]), [_action(r)],
              {"estado": r["estado"], "eje": r["eje"], "actores": r["actores"]}, r["sources"])
        for r in rows["gap_sin_mecanismo"]
    ]


def build_estancada(rows: Rows) -> list[Draft]:
    return [
        Draft("estancada", severity_estancada(r["estado"]), [_action(r)],
              {"estado": r["estado"], "eje": r["eje"], "rectores": r["rectores"]}, r["sources"])
        for r in rows["gap_estancada"]
    ]


def _network(edges: list[Row]) -> tuple[dict[str, set[str]], dict[str, str | None]]:
    """Adjacency and names of the actor network from ``gap_punto_critico`` edge rows."""
    adjacency: dict[str, set[str]] = {}
    names: dict[str, str | None] = {}
    for r in edges:
        adjacency.setdefault(r["actor_a"], set()).add(r["actor_b"])
        adjacency.setdefault(r["actor_b"], set()).add(r["actor_a"])
        names[r["actor_a"]], names[r["actor_b"]] = r["nombre_a"], r["nombre_b"]
    return adjacency, names


def build_coordinacion_faltante(rows: Rows) -> list[Draft]:
    """Pairs from the context join, bridges from the whole actor network (common
    neighbours), provenance from each actor's participations in the shared contexts."""
    adjacency, names = _network(rows[GLOBAL_NETWORK])
    members: dict[tuple[str, str, str], list[str]] = {
        (r["eje_id"], r["territorio_id"], r["actor_id"]): r["sources"]
        for r in rows["gap_contextos"]
    }
    drafts = []
    for r in rows["gap_coordinacion_faltante"]:
        a, b = r["actor_a"], r["actor_b"]
        common = (adjacency.get(a, set()) & adjacency.get(b, set())) - {a, b}
        bridges = [{"id": z, "nombre": names[z]} for z in sorted(common)]
        sources = {s for c in r["contextos"] for actor in (a, b)
                   for s in members.get((c["eje_id"], c["territorio_id"], actor), [])}
        drafts.append(Draft(
            "coordinacion_faltante", severity_coordinacion(len(r["contextos"]), bool(bridges)),
            [_actor(a, r["nombre_a"]), _actor(b, r["nombre_b"])],
            {"contextos": r["contextos"], "n_contextos": len(r["contextos"]),
             "puentes": bridges, "puenteado": bool(bridges)},
            sorted(sources),
        ))
    return drafts


def actor_ei(row: Row) -> dict[str, Any]:
    """One ``gap_silo`` row with its E, I and E–I index."""
    external, internal = len(row["externos"]), len(row["internos"])
    return {**row, "e": external, "i": internal, "ei": ei_index(external, internal)}


def build_silo(rows: Rows) -> list[Draft]:
    drafts = []
    for r in map(actor_ei, rows["gap_silo"]):
        ties = r["e"] + r["i"]
        if ties < MIN_SILO_TIES or r["ei"] not in (-1.0, 1.0):
            continue
        drafts.append(Draft(
            "silo", severity_silo(ties), [_actor(r["actor_id"], r["nombre"])],
            {"interno": r["interno"], "ei": r["ei"], "lazos": ties, "internos": r["internos"],
             "externos": r["externos"], "sin_dato": r["sin_dato"]},
            r["sources"],
        ))
    return drafts


def build_punto_critico(rows: Rows) -> list[Draft]:
    network = nx.Graph()
    names: dict[str, str | None] = {}
    edge_sources: dict[str, set[str]] = {}
    for r in rows["gap_punto_critico"]:
        network.add_edge(r["actor_a"], r["actor_b"])
        names[r["actor_a"]], names[r["actor_b"]] = r["nombre_a"], r["nombre_b"]
        for actor in (r["actor_a"], r["actor_b"]):
            edge_sources.setdefault(actor, set()).update(r["sources"])
    drafts = []
    for actor, pieces in sorted(articulation_pieces(network).items()):
        drafts.append(Draft(
            "punto_critico", severity_articulation(pieces), [_actor(actor, names[actor])],
            {"motivo": "articulacion", "vecinos": network.degree(actor),
             "componente": sum(pieces) + 1, "partes": pieces,
             "aislados": sum(pieces) - max(pieces)},
            sorted(edge_sources[actor]),
        ))
    for r in rows["gap_punto_critico_rector"]:
        drafts.append(Draft(
            "punto_critico", severity_dominant_lead(r["lidera"], r["acciones"]),
            [_actor(r["actor_id"], r["nombre"]), _axis(r["eje_id"], r["eje"])],
            {"motivo": "rector_dominante", "eje": r["eje"], "lidera": r["lidera"],
             "acciones": r["acciones"]},
            r["sources"],
        ))
    return drafts


def build_territorio_desatendido(rows: Rows) -> list[Draft]:
    return [
        Draft("territorio_desatendido", severity_territorio(r["cubiertos"], r["universo"]),
              [_axis(r["eje_id"], r["eje"]),
               {"id": r["territorio_id"], "type": "Territory", "name": r["territorio"]}],
              {"acciones_eje": r["acciones_eje"], "cubiertos": r["cubiertos"],
               "universo": r["universo"]},
              r["sources"])
        for r in rows["gap_territorio_desatendido"]
    ]


def _ids(refs: list[dict[str, Any]]) -> set[str]:
    return {ref["id"] for ref in refs}


def build_iniciativa_duplicada(rows: Rows) -> list[Draft]:
    actions = [r for r in rows["gap_iniciativa_duplicada"] if r["titulo"]]
    drafts = []
    for i, j, score in similar_pairs([r["titulo"] for r in actions], THRESHOLD):
        a, b = actions[i], actions[j]
        differ = [name for name in ("objetivos", "rectores") if _ids(a[name]) != _ids(b[name])]
        if not differ or not (a["en_alcance"] or b["en_alcance"]):
            continue
        drafts.append(Draft(
            "iniciativa_duplicada", score, [_action(a), _action(b)],
            {"similitud": score, "difieren": differ,
             "objetivos": [a["objetivos"], b["objetivos"]],
             "rectores": [a["rectores"], b["rectores"]]},
            sorted(set(a["sources"]) | set(b["sources"])),
        ))
    return drafts


@dataclass(frozen=True)
class Kind:
    """A gap kind: the queries it reads (with the report's filters, and without) and its builder."""

    name: str
    queries: tuple[str, ...]
    build: Callable[[Rows], list[Draft]]
    unscoped: tuple[str, ...] = ()


REGISTRY: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("sin_rector", ("gap_sin_rector",), build_sin_rector),
        Kind("sin_articuladores", ("gap_sin_articuladores",), build_sin_articuladores),
        Kind("sin_mecanismo", ("gap_sin_mecanismo",), build_sin_mecanismo),
        Kind("coordinacion_faltante", ("gap_coordinacion_faltante", "gap_contextos"),
             build_coordinacion_faltante, unscoped=("gap_punto_critico",)),
        Kind("silo", ("gap_silo",), build_silo),
        Kind("punto_critico", ("gap_punto_critico", "gap_punto_critico_rector"),
             build_punto_critico),
        Kind("territorio_desatendido", ("gap_territorio_desatendido",),
             build_territorio_desatendido),
        Kind("iniciativa_duplicada", ("gap_iniciativa_duplicada",), build_iniciativa_duplicada),
        Kind("estancada", ("gap_estancada",), build_estancada),
    )
}
