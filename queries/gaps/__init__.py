"""Coordination gaps: each kind in one module, the report's engine and model beside them.

One module per kind (``sin_rector``, ``sin_articuladores``, ``sin_mecanismo``,
``coordinacion_faltante``, ``silo``, ``punto_critico``, ``territorio_desatendido``,
``iniciativa_duplicada``, ``estancada``) holds its networkx twin(s), severity formula(s),
builder, display label and evidence wording, with its ``.cypher`` file(s) in this folder.
Shared parts: :mod:`.base` (drafts, the kind record, stage weight, wording helpers),
:mod:`.model` (the report's pydantic shape), :mod:`.ei` (the E–I index and sections),
:mod:`.kinds` (the kinds in report order and the text dispatchers), :mod:`.engine`
(:func:`find_gaps`). docs/gaps.md documents the kinds and the JSON layout.
"""

from __future__ import annotations

from .base import format_number, names_text
from .coverage import field_label
from .ei import SECTION_QUERIES, ei_reading
from .engine import RowSource, find_gaps, resolve
from .kinds import KINDS, REGISTRY, evidence_text, kind_about, kind_label, subjects_text
from .model import (
    ActorEI,
    EjeEI,
    Finding,
    GapReport,
    NotRecorded,
    Provenance,
    Ref,
    Subject,
    Summary,
    TopFinding,
)
from .status import REASON, status_label

#: The report's name for :func:`format_number` (2 decimals, decimal comma in Spanish).
number = format_number

__all__ = [
    "KINDS",
    "REASON",
    "REGISTRY",
    "SECTION_QUERIES",
    "ActorEI",
    "EjeEI",
    "Finding",
    "GapReport",
    "NotRecorded",
    "Provenance",
    "Ref",
    "RowSource",
    "Subject",
    "Summary",
    "TopFinding",
    "ei_reading",
    "evidence_text",
    "field_label",
    "find_gaps",
    "format_number",
    "kind_about",
    "kind_label",
    "names_text",
    "number",
    "resolve",
    "status_label",
    "subjects_text",
]
