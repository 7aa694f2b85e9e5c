"""The gap overlay: which findings a map marks, in the order the page reveals them.

Drawing every missing-coordination pair of a portfolio buries the network under a
hundred red dashed lines. A map therefore draws the pairs the gap report lists (the
highest of each context) and says how many it counted and left out (:class:`Marks`);
it ranks the drawable gaps as the gap report does — ``brecha`` findings only (a
``por_confirmar`` one waits on data cleaning), highest priority first, then highest
severity, then the engine's own order — and the page shows the first N (``gaps_top``),
with a control for more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .measures import format_value
from .views import View


@dataclass(frozen=True)
class Marks:
    """Findings for a map with how many «coordinación faltante» pairs the gap report
    counted but did not list (``omitted``: the pairs below the few highest of each
    context), which the page states instead of drawing them."""

    findings: Iterable[Any]
    omitted: int = 0


#: Gap findings for a map: the findings themselves (Finding models or plain dicts with
#: kind, severity, subjects [{id, type, name}], optionally status and priority) or
#: :class:`Marks`, or a function of the view's resolved scope ``(eje_id, territorio_id)``
#: that finds them, so the caller need not resolve the names the user typed before the map
#: has.
Found = Iterable[Any] | Marks
Findings = Found | Callable[[str | None, str | None], Found]
#: How many gaps a map shows when it opens.
GAPS_TOP = 10


#: What a map reads of a finding. Its evidence, provenance and recommendation are the gap
#: report's to show: copying them for every pair of a provincial portfolio (63 000 at
#: 10 000 actions) took most of the map's memory.
FIELDS = frozenset({"id", "kind", "status", "priority", "severity", "subjects"})


def as_dict(finding: Any) -> dict[str, Any]:
    """What a map reads of a finding (:data:`FIELDS`), as a plain dict, whether it came as
    a pydantic model or a dict."""
    if hasattr(finding, "model_dump"):
        return finding.model_dump(mode="json", include=FIELDS)
    return dict(finding)


def collect(findings: Findings | None, view: View, marks: bool,
            ) -> tuple[list[dict[str, Any]], int]:
    """The findings as dicts, and how many pairs the report left out: a finder is asked
    for the view's scope only when gaps are drawn; findings handed as such still fill the
    side panel's gap lines."""
    if findings is None:
        return [], 0
    if callable(findings):
        if not marks:
            return [], 0
        findings = findings(view.scope.eje, view.scope.territorio)
    if isinstance(findings, Marks):
        return [as_dict(f) for f in findings.findings], findings.omitted
    return [as_dict(f) for f in findings], 0


def _order(numbered: tuple[int, Mapping[str, Any]]) -> tuple[float, float, int]:
    position, finding = numbered
    return (-float(finding.get("priority") or 0.0), -float(finding.get("severity") or 0.0),
            position)


def ranked(findings: Iterable[Mapping[str, Any]], labels: Mapping[str, str],
           names: Mapping[str, str],
           merged: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The marks the overlay can draw among the nodes drawn, best first.

    Each item: ``kind`` (coordinacion_faltante: a dashed link; punto_critico: a ring),
    ``nodes`` (the pair, or the one actor), ``text`` (their names), ``priority`` and
    ``severity`` (as the reader's language writes them) and ``finding`` (its id). A pair
    or actor named by several findings is drawn once, at its best rank. ``merged`` (a
    renamed institution's predecessor -> the node drawn for both) puts a finding naming
    the predecessor on that node: the gap is the institution's, whatever it was called.
    """
    items: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for _, finding in sorted(enumerate(findings), key=_order):
        if finding.get("status", "brecha") != "brecha":
            continue
        kind = finding.get("kind")
        drawn = [(merged or {}).get(str(s.get("id")), str(s.get("id")))
                 for s in finding.get("subjects") or []]
        actors = sorted({node for node in drawn if labels.get(node) == "Actor"})
        if kind == "coordinacion_faltante":
            marks = list(combinations(actors, 2))
        elif kind == "punto_critico":
            marks = [(a,) for a in actors]
        else:
            continue
        for mark in marks:
            if (kind, *mark) in seen:
                continue
            seen.add((kind, *mark))
            items.append({
                "kind": kind, "nodes": list(mark),
                "text": " ↔ ".join(names.get(n, n) for n in mark),
                "priority": format_value(float(finding.get("priority") or 0.0)),
                "severity": format_value(float(finding.get("severity") or 0.0)),
                "finding": str(finding.get("id") or ""),
            })
    return items
