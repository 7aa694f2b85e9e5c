"""What the technical report keeps of a gap report: the counts, the summary and, for each
``brecha``, the few facts its sections print — nothing of the evidence, provenance or
recommendation basis the gap report carries for the gap files.

Why: at 200 000 actions a gap report holds ~230 000 findings of ~8 KB each (evidence,
priority components, recommendation basis), about twice the embedded graph itself, and
``tejido informe`` reads the graph again (centrality, the report's sections) after the gap
analysis. Holding only this (:class:`InformeGaps`, a few hundred bytes per ``brecha``)
instead keeps the report's peak memory near the analyses' own (issue 14).

What the report reads of the findings, and so what is kept:

- every ``brecha`` in report order (``GapReport.findings`` ranks them first, by priority):
  its id, kind, subjects, priority and recommendation (the eje sections list the first
  :data:`~tejido.reports.informe_data.EJE_FINDINGS` of each eje; a profile counts an
  actor's gaps by kind and prints the first one's step);
- what places a finding in ejes (:func:`tejido.reports.informe_data.finding_ejes`): the
  eje ids of ``evidence.contextos``, ``evidence.eje`` when it names one, and then the
  documents it cites;
- the findings per kind and status (the chart), and the report without its findings
  (summary, E–I sections, fields not recorded) for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tejido.queries.gaps import Finding, GapReport
from tejido.queries.gaps.status import BRECHA

#: The evidence keys the report reads (:func:`eje_key`): what the gap analysis keeps of
#: each finding's evidence for it (``find_gaps(..., evidence=EVIDENCE)``).
EVIDENCE: tuple[str, ...] = ("contextos", "eje")


class SubjectRef(NamedTuple):
    """A finding's subject as the report names it (``id``, ``type``, ``name`` like
    :class:`tejido.queries.gaps.Subject`), in a tuple."""

    id: str
    type: str
    name: str | None


@dataclass(frozen=True, slots=True)
class EjeKey:
    """What of a finding, besides its subjects, places it in ejes: the eje ids its
    evidence's contexts name, the eje its evidence names (a name) and, only then, the
    documents it cites (the name is read within them)."""

    contexts: tuple[str, ...] = ()
    eje: str | None = None
    documents: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GapLine:
    """A ``brecha`` as the report prints it."""

    id: str
    kind: str
    subjects: tuple[SubjectRef, ...]
    priority: float
    recommendation: str
    where: EjeKey


@dataclass
class InformeGaps:
    """The part of a :class:`GapReport` the technical report reads (see module docstring).

    ``head`` is the report without findings (summary, E–I sections, fields not recorded),
    ``brechas`` its ``brecha`` findings in report order, ``by_kind`` kind -> [brechas,
    findings to confirm] in the summary's kind order (kinds without findings included).
    """

    head: GapReport
    brechas: list[GapLine] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, report: GapReport) -> InformeGaps:
        """The report's part, built in one pass over its findings."""
        by_kind: dict[str, list[int]] = {k: [0, 0] for k in report.summary.tipos}
        for f in report.findings:
            by_kind.setdefault(f.kind, [0, 0])[0 if f.status == BRECHA else 1] += 1
        # A finding id is unique in a report; were it not, the last finding of an id would
        # place every finding of that id in ejes, as a dict by id did before this form.
        where = {f.id: f for f in report.findings}
        brechas = [GapLine(id=f.id, kind=f.kind, subjects=_subjects(f), priority=f.priority,
                           recommendation=f.recommendation, where=eje_key(where[f.id]))
                   for f in report.findings if f.status == BRECHA]
        head = report.model_copy(update={"findings": []})
        return cls(head=head, brechas=brechas, by_kind=by_kind)


def _subjects(finding: Finding) -> tuple[SubjectRef, ...]:
    return tuple(SubjectRef(s.id, s.type, s.name) for s in finding.subjects)


def eje_key(finding: Finding) -> EjeKey:
    """What of ``finding``'s evidence and provenance places it in ejes."""
    contexts = tuple(str(c["eje_id"]) for c in finding.evidence.get("contextos") or []
                     if isinstance(c, dict) and c.get("eje_id"))
    name: Any = finding.evidence.get("eje")
    if not isinstance(name, str):
        return EjeKey(contexts=contexts) if contexts else _NOWHERE
    return EjeKey(contexts=contexts, eje=name,
                  documents=frozenset(p.document for p in finding.provenance))


#: The key of a finding whose evidence names no eje (shared: most findings).
_NOWHERE = EjeKey()
