"""A next step for every finding, built from the data (docs/recommendations.md).

For a ``brecha`` the recommendation names who could act and how — an actor already tied to
both sides, the actor a document names responsible, a mechanism the eje already uses, a
critical point's backup — chosen by ranking the data (:mod:`.recommend_pick`), never a
canned sentence: every sentence names at least one actor, action or mechanism of the data.
For a ``por_confirmar`` finding it is the cleaning step that would settle it
(``evidence.por_confirmar_motivo``, :mod:`.status`).

The sentence is in the report's language (:func:`tejido.graph.i18n.t`); its basis —
exactly the actors, actions and mechanisms it names, each with why it was chosen — is
``evidence.recomendacion``, so a planner can check it.

Contract with the engine: it runs each query of :data:`RECOMMEND_QUERIES` once without
filters and calls :func:`recommend` with their rows keyed by name. The lookups are built
once (:class:`.recommend_facts.Facts`), so the work is linear in findings + rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from tejido.graph.i18n import t

from .base import Rows
from .model import Finding
from .recommend_actions import (
    estancada,
    iniciativa_duplicada,
    sin_articuladores,
    sin_mecanismo,
    sin_rector,
)
from .recommend_critical import punto_critico, vinculo_critico
from .recommend_facts import ACTIONS, ACTORS, NETWORK, TERRITORIES, Facts
from .recommend_network import (
    contexto_fragmentado,
    coordinacion_faltante,
    silo,
    territorio_desatendido,
)
from .recommend_text import capitalized, join, quote
from .status import POR_CONFIRMAR, REASON

#: The queries :func:`recommend` reads, each run once without filters by the engine.
RECOMMEND_QUERIES: tuple[str, ...] = (ACTIONS, ACTORS, TERRITORIES, NETWORK)
#: The evidence key of a recommendation's basis.
BASIS = "recomendacion"

Recommender = Callable[[Finding, Facts], tuple[str, dict[str, Any]]]
#: One recommender per kind.
RECOMMENDERS: dict[str, Recommender] = {
    "sin_rector": sin_rector,
    "sin_articuladores": sin_articuladores,
    "sin_mecanismo": sin_mecanismo,
    "coordinacion_faltante": coordinacion_faltante,
    "contexto_fragmentado": contexto_fragmentado,
    "silo": silo,
    "punto_critico": punto_critico,
    "vinculo_critico": vinculo_critico,
    "territorio_desatendido": territorio_desatendido,
    "iniciativa_duplicada": iniciativa_duplicada,
    "estancada": estancada,
}


def recommend(findings: list[Finding], rows: Rows, keep: Collection[str] | None = None) -> None:
    """Set every finding's ``recommendation`` (current language) and its basis
    (``evidence.recomendacion``), in place.

    ``keep``: the evidence keys to keep once a finding's recommendation is written (None:
    all). A caller that prints no evidence then never holds every finding's evidence at
    once (at 200 000 actions, several KB for each of ~230 000 findings).
    """
    facts = Facts(rows)
    for finding in findings:
        text, basis = (cleaning(finding) if finding.status == POR_CONFIRMAR
                       else next_step(finding, facts))
        finding.recommendation = text
        evidence = {**finding.evidence, BASIS: basis}
        finding.evidence = (evidence if keep is None
                            else {k: v for k, v in evidence.items() if k in keep})


def cleaning(finding: Finding) -> tuple[str, dict[str, Any]]:
    """A ``por_confirmar`` finding's next step: its cleaning steps, as one instruction."""
    steps = [s for s in str(finding.evidence.get(REASON) or "").split("; ") if s]
    if not steps:  # a finding marked to confirm without a reason: confirm its subjects
        steps = [t("rec.confirm", v=join([quote(s.name or s.id) for s in finding.subjects]))]
    return t("rec.cleaning", v="; ".join(steps)), {"limpieza": steps}


def next_step(finding: Finding, facts: Facts) -> tuple[str, dict[str, Any]]:
    """A ``brecha`` finding's next step, by its kind's recommender."""
    recommender = RECOMMENDERS.get(finding.kind)
    if recommender is None:
        names = join([quote(s.name or s.id) for s in finding.subjects])
        return t("rec.review", v=names), {}
    text, basis = recommender(finding, facts)
    return capitalized(text), basis
