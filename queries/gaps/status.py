"""A finding's status: a ``brecha`` (a gap between resolved institutions on stated facts)
or ``por_confirmar`` (data-cleaning work), and the cleaning step that would settle it.

A finding is ``por_confirmar`` when it rests on a generic actor (``Actor.generico``: a
category such as «COOPERACIÓN»), on an unresolved one (``Actor.auto``: referenced,
declared nowhere) or on a derived fact (a relationship some rule of the dataset made,
``Rel.derived``, among the facts it reports — its own rows). The actors it rests on are
its Actor subjects and the actors its evidence names (``rectores``, ``puentes``); the
derived facts, those touching one of its subjects or those actors and applying to one of
its rows. Query ``gap_derivados.cypher`` (beside this module), its twin
:func:`derived_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tejido.graph.i18n import register, t
from tejido.graph.model import RelType

from ..index import NetworkIndex
from .base import Draft, Row

BRECHA = "brecha"
POR_CONFIRMAR = "por_confirmar"
#: The evidence key holding why a finding is to be confirmed (the cleaning step).
REASON = "por_confirmar_motivo"

register(
    {
        "status.auto": {
            "es": "declare «{name}» en la hoja actores o en el registro de actores",
            "en": "declare «{name}» in the actores sheet or in the actor registry",
        },
        "status.generico": {
            "es": "«{name}» es una categoría, no una institución: indique qué institución "
                  "actúa (hoja actores o registro)",
            "en": "«{name}» is a category, not an institution: name the institution that "
                  "acts (actores sheet or registry)",
        },
        "status.derived": {
            "es": "{what} de esta acción es un supuesto del conjunto de datos (regla {rule}): "
                  "confírmelo",
            "en": "{what} of this action is an assumption of the dataset (rule {rule}): "
                  "confirm it",
        },
        "status.derived_behind": {
            "es": "{what} de acciones en que se apoya el hallazgo es un supuesto del conjunto "
                  "de datos (regla {rule}): confírmelo",
            "en": "{what} of actions the finding rests on is an assumption of the dataset "
                  "(rule {rule}): confirm it",
        },
        "status.what.other": {"es": "una relación", "en": "a relationship"},
        "status.brecha": {"es": "brecha", "en": "gap"},
        "status.por_confirmar": {"es": "por confirmar", "en": "to confirm"},
    }
)
#: What a derived relationship of each type is, in a reason's words.
_WHAT = {
    RelType.LEADS: {"es": "el rector", "en": "the lead"},
    RelType.ARTICULATES: {"es": "un articulador", "en": "an articulator"},
    RelType.USES: {"es": "el mecanismo", "en": "the mechanism"},
    RelType.TARGETS: {"es": "el territorio", "en": "the territory"},
    RelType.UNDER: {"es": "el eje", "en": "the eje"},
}
register({f"status.what.{rel.value}": words for rel, words in _WHAT.items()})


_PARTICIPATION = (RelType.LEADS, RelType.ARTICULATES)
_NETWORK = (*_PARTICIPATION, RelType.RELATES, RelType.UNDER)
#: The relationships whose derived facts a kind reports (a kind not listed: every type).
#: ``sin_rector`` rests on the absence of a lead, which no derived fact makes up.
FACTS: dict[str, tuple[RelType, ...]] = {
    "sin_rector": (),
    "sin_articuladores": _PARTICIPATION,
    "sin_mecanismo": (*_PARTICIPATION, RelType.USES),
    "estancada": (RelType.LEADS,),
    "coordinacion_faltante": (*_PARTICIPATION, RelType.UNDER, RelType.TARGETS),
    "contexto_fragmentado": (*_PARTICIPATION, RelType.UNDER, RelType.TARGETS),
    "silo": _NETWORK,
    "punto_critico": _NETWORK,
    "territorio_desatendido": (RelType.UNDER, RelType.TARGETS),
    "iniciativa_duplicada": (RelType.LEADS, RelType.UNDER),
}


def _what(relation: str) -> str:
    return t(f"status.what.{relation}" if relation in _WHAT else "status.what.other")


def derived_rows(ix: NetworkIndex) -> list[Row]:
    """Twin of ``gap_derivados``: every relationship with a ``derived`` rule."""
    rows = [
        {"origen": a, "destino": b, "relacion": str(attrs.get("type")),
         "regla": attrs["derived"], "sources": sorted(set(attrs.get("sources") or []))}
        for a, b, attrs in ix.derived
    ]
    return sorted(rows, key=lambda r: (r["origen"], r["destino"], r["relacion"], r["regla"]))


def _evidence_names(evidence: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(actor ids, actor names) the evidence names: ``puentes`` refs, ``rectores`` names
    (a list, or one list per action), the actors of ``grupos`` (lists of refs) and the
    ``convocante`` (a ref) of a fragmented context."""
    ids = {p.get("id") for p in evidence.get("puentes") or () if isinstance(p, dict)}
    ids.update(m.get("id") for group in evidence.get("grupos") or () if isinstance(group, list)
               for m in group if isinstance(m, dict))
    convener = evidence.get("convocante")
    if isinstance(convener, dict):
        ids.add(convener.get("id"))
    names: set[str] = set()
    for item in evidence.get("rectores") or ():
        for one in item if isinstance(item, list) else [item]:
            if isinstance(one, dict):
                ids.add(one.get("id"))
            else:
                names.add(one)
    return ids - {None}, names


class StatusRules:
    """What settles a draft's status: the flagged actors and the derived facts of a store."""

    def __init__(self, actors: Iterable[Row], derived: Iterable[Row]) -> None:
        self.flagged = {a["id"]: a for a in actors if a.get("auto") or a.get("generico")}
        self.by_name = {a["name"]: a for a in self.flagged.values() if a.get("name")}
        self.derived: dict[str, list[Row]] = {}
        for row in derived:
            for node in (row["origen"], row["destino"]):
                self.derived.setdefault(node, []).append(row)
        #: The nodes :meth:`concerns` looks for: flagged or with a derived fact.
        self.concerning = frozenset(self.flagged.keys() | self.derived.keys())

    def concerns(self, nodes: set[str]) -> bool:
        """Whether a draft naming ``nodes`` (and no actor by name) may wait on a cleaning
        step: one is flagged or has a derived fact. When not, :meth:`reasons` is [] for
        it, whatever its rows: the engine settles most pairs with this one look-up."""
        return not self.concerning.isdisjoint(nodes)

    def reasons(self, draft: Draft) -> list[str]:
        """Every cleaning step the draft waits on ([] for a brecha), sorted and unique."""
        ids, names = _evidence_names(draft.evidence)
        nodes = {s["id"] for s in draft.subjects} | ids
        actors = [self.flagged[n] for n in sorted(nodes) if n in self.flagged]
        actors += [self.by_name[n] for n in sorted(names) if n in self.by_name]
        found = [t("status.generico" if a.get("generico") else "status.auto",
                   name=a.get("name") or a["id"]) for a in actors]
        subjects = {s["id"] for s in draft.subjects}
        facts = FACTS.get(draft.kind)
        rows: set[str] | None = None  # the draft's rows, gathered only if a fact may apply
        for node in sorted(nodes):
            for rel in self.derived.get(node, ()):
                if rows is None:
                    rows = set(draft.sources) | set(draft.printed)
                relevant = facts is None or rel["relacion"] in facts
                if relevant and rows.intersection(rel["sources"]):
                    key = "status.derived" if rel["destino"] in subjects and len(
                        subjects) == 1 else "status.derived_behind"
                    found.append(t(key, what=_what(rel["relacion"]), rule=rel["regla"]))
        return sorted(set(found))

    def apply(self, draft: Draft) -> str:
        """The draft's status; a ``por_confirmar`` one gets its reasons in the evidence."""
        reasons = self.reasons(draft)
        if not reasons:
            return BRECHA
        draft.evidence = {**draft.evidence, REASON: "; ".join(reasons)}
        return POR_CONFIRMAR


def status_label(status: str) -> str:
    """«brecha» / «por confirmar» in the current language."""
    return t(f"status.{status}")
