"""What the priority of a finding reads from the store: the twins of the
``gap_prioridad_*`` queries and the lookups built from their rows in one pass.

- ``gap_prioridad_acciones`` (twin :func:`prioridad_acciones_rows`): every action with its
  estado, eje, territories and participating actors; :class:`Activity` turns them into
  estado-weighted activity per actor, eje, territory and (eje, territory) context, and the
  raw counts of the hypergeometric null model (actions per context, per actor in a context).
- ``gap_prioridad_grupos`` (twin :func:`prioridad_grupos_rows`): how many actors of each
  ``interno`` value have a tie, the group sizes of Krackhardt & Stern's expected E–I.
- ``gap_prioridad_documentos`` (twin :func:`prioridad_documentos_rows`): each declared
  ``Document`` and its ``autoridad``; none declared means every document is
  ``sin_declarar``.

Everything here is linear in the rows: the priority of each finding is then a few
dictionary look-ups (docs/priority.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from tejido.graph.model import Estado

from ..index import NetworkIndex
from .base import FINISHED_WEIGHT, Row, Rows

#: The priority's queries, run once each without filters (``params = {}``).
ACTIONS = "gap_prioridad_acciones"
GROUPS = "gap_prioridad_grupos"
DOCUMENTS = "gap_prioridad_documentos"
PRIORITY_QUERIES: tuple[str, ...] = (ACTIONS, GROUPS, DOCUMENTS)

#: How much an action of each estado puts at stake. A gap matters while the action is still
#: to be delivered: planned and running actions count fully (coordinating is cheapest before
#: or while the work is done); a stalled one less (suspendida) or a little less (no_iniciada:
#: it may still start); a finished one half, as in the severities (base.FINISHED_WEIGHT).
ESTADO_WEIGHT: dict[str | None, float] = {
    Estado.en_marcha.value: 1.0,
    Estado.planificada.value: 1.0,
    Estado.no_iniciada.value: 0.9,
    Estado.suspendida.value: 0.8,
    Estado.finalizada.value: FINISHED_WEIGHT,
}
#: An action whose estado its document does not record: neither known to be live nor known
#: to be finished; most planning documents list live actions, so nearer to live.
UNKNOWN_ESTADO_WEIGHT = 0.8


def estado_weight(estado: str | None) -> float:
    """The stake of one action of this estado (unknown or unrecorded: 0.8)."""
    return ESTADO_WEIGHT.get(None if estado is None else str(estado), UNKNOWN_ESTADO_WEIGHT)


# --- twins ------------------------------------------------------------------------------


def prioridad_acciones_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_prioridad_acciones``: every action, its estado, eje(s), territories
    and participants (LEADS or ARTICULATES), lists sorted."""
    return [
        {"action_id": action, "estado": ix.attr(action, "estado"),
         "ejes": sorted(ix.ejes(action)),
         "territorios": sorted(t for t in ix.targets.get(action, ())
                               if ix.label(t) == "Territory"),
         "actores": sorted(ix.participants(action))}
        for action in ix.actions
    ]


def prioridad_grupos_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_prioridad_grupos``: actors with a known ``interno`` and at least one
    tie (a shared action or a RELATES tie with another actor), counted per ``interno``."""
    counts: dict[Any, int] = defaultdict(int)
    for actor in ix.actors:
        interno = ix.attr(actor, "interno")
        if interno is not None and (ix.co_participants(actor) or ix.relates.get(actor)):
            counts[interno] += 1
    return [{"interno": k, "actores": n} for k, n in sorted(counts.items())]


def prioridad_documentos_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_prioridad_documentos``: every ``Document`` node, its title and
    ``autoridad`` (no rows when the store declares none)."""
    return [{"document": d, "titulo": ix.attr(d, "title"), "autoridad": ix.attr(d, "autoridad")}
            for d in ix.nodes_of("Document")]


# --- look-ups ---------------------------------------------------------------------------


def _weights() -> defaultdict[str, float]:
    return defaultdict(float)


class Activity:
    """Estado-weighted activity (``W``: the sum of :func:`estado_weight` over actions) and
    raw action counts, per actor, eje, territory, actor then eje, and (eje, territory)
    context, from ``gap_prioridad_acciones`` rows in one pass."""

    def __init__(self, rows: list[Row]) -> None:
        self.weight: dict[str, float] = {}
        self.actor: dict[str, float] = defaultdict(float)
        self.eje: dict[str, float] = defaultdict(float)
        self.territory: dict[str, float] = defaultdict(float)
        #: actor -> eje -> W: nested, so ranking a pair reads one small dict per actor
        #: instead of building and hashing an (eje, actor) key per eje of each pair
        self.actor_eje: dict[str, dict[str, float]] = defaultdict(_weights)
        self.context: dict[tuple[str, str], float] = defaultdict(float)
        #: raw counts for the null model: actions per context, per (context, actor)
        self.context_n: dict[tuple[str, str], int] = defaultdict(int)
        #: (eje, territory) -> actor -> its actions there: nested, so ranking a pair reads
        #: one small dict per context (hundreds of thousands of pairs at 40 000 actions)
        self.context_k: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for r in rows:
            w = estado_weight(r.get("estado"))
            self.weight[r["action_id"]] = w
            actors = r.get("actores") or ()
            places = r.get("territorios") or ()
            for actor in actors:
                self.actor[actor] += w
            for place in places:
                self.territory[place] += w
            for axis in r.get("ejes") or ():
                self.eje[axis] += w
                for actor in actors:
                    self.actor_eje[actor][axis] += w
                for place in places:
                    key = (axis, place)  # one tuple, hashed into three tables
                    self.context[key] += w
                    self.context_n[key] += 1
                    self.context_k[key].update(actors)


def groups(rows: list[Row]) -> dict[bool, int]:
    """``interno`` value -> how many actors with that value have a tie."""
    return {bool(r["interno"]): int(r["actores"]) for r in rows if r.get("interno") is not None}


def authorities(rows: list[Row]) -> dict[str, str | None]:
    """Document id -> its declared ``autoridad`` (None when the node has none)."""
    return {r["document"]: r.get("autoridad") for r in rows if r.get("document")}


def rows_of(rows: Rows, name: str) -> list[Row]:
    """The rows of one priority query, [] when the engine did not run it (never a crash:
    the priority then falls back to what the findings themselves say)."""
    return rows.get(name) or []
