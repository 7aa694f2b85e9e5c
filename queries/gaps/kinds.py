"""Every gap kind in report order, and how a finding reads: its kind's label, its
subjects, its evidence as a sentence in the current language.

Each kind's wording lives in its own module; these dispatchers are what the report
writers (:mod:`tejido.reports`) and the CLI call.
"""

from __future__ import annotations

import json

from tejido.graph.i18n import t

from . import (
    contexto_fragmentado,
    coordinacion_faltante,
    estancada,
    iniciativa_duplicada,
    punto_critico,
    silo,
    sin_articuladores,
    sin_mecanismo,
    sin_rector,
    territorio_desatendido,
    vinculo_critico,
)
from .base import Kind
from .model import Finding

#: Every kind by name, in report order.
REGISTRY: dict[str, Kind] = {
    module.KIND.name: module.KIND
    for module in (
        sin_rector,
        sin_articuladores,
        sin_mecanismo,
        coordinacion_faltante,
        contexto_fragmentado,
        silo,
        punto_critico,
        vinculo_critico,
        territorio_desatendido,
        iniciativa_duplicada,
        estancada,
    )
}
#: Every kind, in report order.
KINDS = tuple(REGISTRY)


def kind_label(kind: str) -> str:
    """The kind's display name in the current language ("Acción sin ente rector")."""
    return t(f"kind.{kind}")


def kind_about(kind: str) -> str:
    """What the kind means and how its severity is computed, in the current language."""
    return t(f"about.{kind}")


def subjects_text(finding: Finding) -> str:
    """The finding's subjects by name (id when unnamed), joined by " ↔ "."""
    return " ↔ ".join(s.name or s.id for s in finding.subjects)


def evidence_text(finding: Finding) -> str:
    """The finding's evidence as a sentence in the current language."""
    kind = REGISTRY.get(finding.kind)
    if kind is None:
        return json.dumps(finding.evidence, ensure_ascii=False)
    return "; ".join(kind.evidence(finding.evidence))
