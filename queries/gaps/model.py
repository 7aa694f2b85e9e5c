"""The gap report's shape: what ``find_gaps`` returns and ``--format json`` writes.

The JSON layout of :meth:`GapReport.model_dump` is documented in docs/gaps.md; its keys
stay Spanish whatever the language of the report.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class Subject(BaseModel):
    """A node a finding is about (``type`` is its label: Action, Actor, Axis, Territory)."""

    id: str
    type: str
    name: str | None = None


class Provenance(BaseModel):
    """A source row: the seed's document, the table's name, the line in the table file.

    ``impreso`` marks a row cited because it prints a merged cell that was filled down into
    the rows the finding's facts apply to (``Rel.printed``): the row a planner opens to see
    the value, though the facts are not about that row.
    """

    document: str
    table: str
    row: int
    impreso: bool = False


class Finding(BaseModel):
    #: Stable across runs and languages: ``<kind>:<subject id>+<subject id>…`` (the key a
    #: comparison of two cuts matches findings by, and the HTML anchor).
    id: str = ""
    kind: str
    severity: float = Field(ge=0, le=1)
    subjects: list[Subject]
    evidence: dict[str, Any]
    provenance: list[Provenance]
    #: ``brecha``, or ``por_confirmar`` when it rests on a generic or unresolved actor or a
    #: derived fact (the cleaning step is ``evidence.por_confirmar_motivo``).
    status: Literal["brecha", "por_confirmar"] = "brecha"
    #: What to act on first, in [0, 1], from documented components (``evidence.prioridad``,
    #: docs/priority.md).
    priority: float = Field(default=0.0, ge=0, le=1)
    #: The next step, built from the data (its basis in ``evidence.recomendacion``), in the
    #: report's language; for a ``por_confirmar`` finding, the cleaning step.
    recommendation: str = ""


class TopFinding(BaseModel):
    """One line of the executive summary: a ``brecha`` among the highest priorities."""

    rank: int
    id: str
    kind: str
    priority: float
    subjects: str
    recommendation: str


class EjeEI(BaseModel):
    """An eje's actor network: its size, ties, E–I index and density."""

    eje_id: str
    eje: str | None
    actores: int
    lazos: int
    internos: int
    externos: int
    ei: float | None
    densidad: float | None


class Ref(BaseModel):
    id: str
    nombre: str | None = None


class ActorEI(BaseModel):
    """One actor's ties within and across groups (E–I index), and the axes naming it responsible."""

    actor_id: str
    nombre: str | None
    interno: bool | None
    e: int
    i: int
    ei: float | None
    internos: list[Ref]
    externos: list[Ref]
    sin_dato: int
    responsable_de: list[str] = Field(default_factory=list)
    notas: str | None = None


class Summary(BaseModel):
    total: int
    por_tipo: dict[str, int]
    por_documento: dict[str, dict[str, int]]
    tipos: list[str]
    filtros: dict[str, str | None]
    #: Findings per status: ``brecha`` and ``por_confirmar``.
    por_estado: dict[str, int] = Field(default_factory=dict)
    #: The executive summary: the top ``brecha`` findings by priority (``--top``, 10).
    top: list[TopFinding] = Field(default_factory=list)
    #: «Coordinación faltante» pairs left out of the findings because higher-priority pairs
    #: of each of their contexts are listed; each is counted in its contexts'
    #: ``contexto_fragmentado`` finding when there is one (``evidence.pares_omitidos``).
    pares_omitidos: int = 0


class NotRecorded(BaseModel):
    """A field a document does not record (no action of it has a stated fact for it), and
    the kinds whose findings it silenced there: ``actions`` are the document's actions
    without data for the field, ``silenced`` the findings left out."""

    document: str
    #: The document's table (a workbook's sheet) that records no such fact; None when the
    #: whole document records none.
    table: str | None = None
    #: The tipos of action (programa, accion, actividad…) of that table without the field,
    #: when other tipos of the table do record it; empty when the whole table records none.
    tipos: list[str] = Field(default_factory=list)
    field: str
    kinds: list[str]
    actions: int
    silenced: int


class GapReport(BaseModel):
    findings: list[Finding]
    #: Each source document's title by its id (Source.document), from the Document nodes:
    #: the reports name documents by title, the data keeps the ids.
    documentos: dict[str, str] = Field(default_factory=dict)
    summary: Summary
    ei_por_eje: list[EjeEI]
    ei_por_actor: list[ActorEI]
    not_recorded: list[NotRecorded] = Field(default_factory=list)
