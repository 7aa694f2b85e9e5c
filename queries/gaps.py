"""Coordination gaps: run the ``gap_*`` queries on a store and turn their rows into findings.

On Neo4j each query's Cypher runs in a read transaction; on the embedded store its
networkx twin runs on one shared snapshot. Either way the rows go through the same
builders (:mod:`tejido.queries.gap_kinds`), and Source ids become (document, table, row)
provenance, so both stores give the same report. The JSON layout of
:meth:`GapReport.model_dump` is documented in docs/gaps.md.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field
from rapidfuzz import process

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import fold
from tejido.graph.store import Store

from .catalog import QuerySpec, parse_query
from .gap_kinds import KINDS, REGISTRY, Draft, actor_ei, ei_index

register(
    {
        "gaps.unknown_kind": {
            "es": "Tipo de brecha desconocido «{kind}». Tipos: {kinds}.",
            "en": "Unknown gap kind «{kind}». Kinds: {kinds}.",
        },
        "gaps.no_match": {
            "es": "No hay ningún {what} «{value}» en el almacén.{hint}",
            "en": "There is no {what} «{value}» in the store.{hint}",
        },
        "gaps.hint": {"es": " ¿Quiso decir: {names}?", "en": " Did you mean: {names}?"},
        "gaps.ambiguous": {
            "es": "«{value}» nombra a varios {what}s; indique el id: {ids}.",
            "en": "«{value}» names several {what}s; give the id: {ids}.",
        },
        "gaps.what.Axis": {"es": "eje", "en": "eje"},
        "gaps.what.Territory": {"es": "territorio", "en": "territory"},
    }
)

#: Queries the report needs besides the kinds' own (E–I per eje, responsible actors).
SECTION_QUERIES = ("gap_ei_por_eje", "gap_silo", "gap_responsables")
PRECISION = 4


class Subject(BaseModel):
    id: str
    type: str
    name: str | None = None


class Provenance(BaseModel):
    document: str
    table: str
    row: int


class Finding(BaseModel):
    kind: str
    severity: float = Field(ge=0, le=1)
    subjects: list[Subject]
    evidence: dict[str, Any]
    provenance: list[Provenance]


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


class GapReport(BaseModel):
    findings: list[Finding]
    summary: Summary
    ei_por_eje: list[EjeEI]
    ei_por_actor: list[ActorEI]


@cache
def gap_spec(name: str) -> QuerySpec:
    """One built-in gap query, parsed from the package's ``builtin/<name>.cypher``."""
    text = resources.files("tejido.queries").joinpath("builtin", f"{name}.cypher").read_text(
        encoding="utf-8")
    return parse_query(text, f"builtin/{name}.cypher", builtin=True)


class RowSource:
    """Rows of gap queries and Source lookups on one store (one snapshot for all twins)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def rows(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        spec = gap_spec(name)
        declared = {p.name for p in spec.parameters}
        return self.store.rows(spec, spec.bind({k: v for k, v in params.items() if k in declared}))

    def sources(self, ids: Iterable[str]) -> dict[str, Provenance]:
        found = self.store.nodes("Source", ["document", "table", "row"], sorted(set(ids)))
        return {r["id"]: Provenance(document=r["document"], table=r["table"], row=r["row"])
                for r in found}

    def candidates(self, label: str) -> list[dict[str, Any]]:
        """id, name and codigo of every Axis or Territory (for resolving --eje/--territorio)."""
        return self.store.nodes(label, ["name", "codigo"])


def resolve(source: RowSource, label: str, value: str | None) -> str | None:
    """The id of the Axis/Territory ``value`` names: its id, name or codigo (folded), else
    the one name containing it ("tierra productiva" -> "1 TIERRA PRODUCTIVA").

    InputError (exit 2) when nothing or several things match, with suggestions.
    """
    if value is None:
        return None
    nodes = source.candidates(label)
    if any(n["id"] == value for n in nodes):
        return value
    key = fold(value)
    matches = sorted({n["id"] for n in nodes
                      if key in (fold(n["name"] or ""), fold(n["codigo"] or ""))})
    if not matches:
        matches = sorted({n["id"] for n in nodes if key and key in fold(n["name"] or "")})
    what = t(f"gaps.what.{label}")
    if len(matches) == 1:
        return matches[0]
    if matches:
        named = {n["id"]: n["name"] for n in nodes}
        raise InputError(t("gaps.ambiguous", value=value, what=what,
                           ids="; ".join(f"{m} ({named[m]})" for m in matches)))
    names = [n["name"] for n in nodes if n["name"]]
    close = [m[0] for m in process.extract(value, names, processor=fold, limit=3,
                                           score_cutoff=60)]
    hint = t("gaps.hint", names="; ".join(close)) if close else ""
    raise InputError(t("gaps.no_match", what=what, value=value, hint=hint))


def _kinds(kinds: Iterable[str] | None) -> list[str]:
    if not kinds:
        return list(KINDS)
    wanted = list(dict.fromkeys(kinds))
    unknown = [k for k in wanted if k not in REGISTRY]
    if unknown:
        raise InputError([t("gaps.unknown_kind", kind=k, kinds=", ".join(KINDS)) for k in unknown])
    return [k for k in KINDS if k in wanted]


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (reference counting still
    frees everything the block drops).

    A report allocates millions of small dicts, lists and models on top of a snapshot of
    millions more; each full collection rescans that whole heap, which took half the CPU
    time at 10 000 actions and grew faster than the portfolio (bench/bench_analyses.py).
    The analysis builds no reference cycles it needs collected meanwhile; whatever cycles
    exist are collected as usual once the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def find_gaps(store: Store, kinds: Iterable[str] | None = None, eje: str | None = None,
              territorio: str | None = None) -> GapReport:
    """Every finding of the given kinds (all by default), plus E–I per eje and per actor.

    ``eje``/``territorio`` restrict the analysis to actions under that axis / in that
    territory (or inside them); each may be an id, a name or a codigo.
    """
    with _cycle_collector_paused():
        return _find_gaps(store, kinds, eje, territorio)


def _find_gaps(store: Store, kinds: Iterable[str] | None, eje: str | None,
               territorio: str | None) -> GapReport:
    selected = _kinds(kinds)
    source = RowSource(store)
    params = {"eje": resolve(source, "Axis", eje),
              "territorio": resolve(source, "Territory", territorio)}
    names = list(dict.fromkeys(
        [q for k in selected for q in REGISTRY[k].queries] + list(SECTION_QUERIES)))
    rows = {name: source.rows(name, params) for name in names}
    unfiltered = {"eje": None, "territorio": None}
    for name in dict.fromkeys(q for k in selected for q in REGISTRY[k].unscoped):
        same = params == unfiltered and name in rows
        rows[f"{name}@todo"] = rows[name] if same else source.rows(name, unfiltered)
    drafts = [d for k in selected for d in REGISTRY[k].build(rows)]
    findings = _resolve(drafts, source)
    return GapReport(
        findings=findings,
        summary=_summary(findings, selected, {"eje": eje, "territorio": territorio}),
        ei_por_eje=[_eje_ei(r) for r in rows["gap_ei_por_eje"] if r["actores"]],
        ei_por_actor=_actor_ei(rows["gap_silo"], rows["gap_responsables"]),
    )


def _resolve(drafts: list[Draft], source: RowSource) -> list[Finding]:
    table = source.sources(s for d in drafts for s in d.sources)
    # Rank every Source once, so each finding sorts its own by an int, not by a tuple key.
    rank = {s: i for i, s in enumerate(sorted(
        table, key=lambda s: (table[s].document, table[s].table, table[s].row)))}
    order = {k: i for i, k in enumerate(KINDS)}
    findings = [
        Finding(
            kind=d.kind, severity=round(d.severity, PRECISION), subjects=d.subjects,
            evidence=d.evidence,
            provenance=[table[s] for s in sorted(set(d.sources) & rank.keys(),
                                                 key=rank.__getitem__)],
        )
        for d in drafts
    ]
    return sorted(findings, key=lambda f: (-f.severity, order[f.kind],
                                           [s.id for s in f.subjects]))


def _summary(findings: list[Finding], kinds: list[str],
             filters: dict[str, str | None]) -> Summary:
    per_kind = Counter(f.kind for f in findings)
    per_doc: dict[str, Counter[str]] = {}
    for finding in findings:
        for document in sorted({p.document for p in finding.provenance}):
            per_doc.setdefault(document, Counter())[finding.kind] += 1
    return Summary(
        total=len(findings),
        por_tipo={k: per_kind.get(k, 0) for k in kinds},
        por_documento={d: {k: c[k] for k in kinds if c[k]} for d, c in sorted(per_doc.items())},
        tipos=kinds,
        filtros=filters,
    )


def _eje_ei(row: dict[str, Any]) -> EjeEI:
    n = row["actores"]
    pairs = n * (n - 1) / 2
    ei = ei_index(row["externos"], row["internos"])
    return EjeEI(**row, ei=None if ei is None else round(ei, PRECISION),
                 densidad=round(row["lazos"] / pairs, PRECISION) if pairs else None)


def _actor_ei(silo_rows: list[dict[str, Any]], named: list[dict[str, Any]]) -> list[ActorEI]:
    responsible = {r["actor_id"]: r for r in named}
    out = []
    for row in map(actor_ei, silo_rows):
        extra = responsible.pop(row["actor_id"], {})
        out.append(ActorEI(
            actor_id=row["actor_id"], nombre=row["nombre"], interno=row["interno"],
            e=row["e"], i=row["i"], ei=None if row["ei"] is None else round(row["ei"], PRECISION),
            internos=row["internos"], externos=row["externos"], sin_dato=row["sin_dato"],
            responsable_de=extra.get("responsable_de", []), notas=extra.get("notas"),
        ))
    # Responsible actors with no tie at all still belong in the table (E–I undefined).
    for row in responsible.values():
        out.append(ActorEI(actor_id=row["actor_id"], nombre=row["nombre"],
                           interno=row["interno"], e=0, i=0, ei=None, internos=[], externos=[],
                           sin_dato=0, responsable_de=row["responsable_de"], notas=row["notas"]))
    return sorted(out, key=lambda a: (-(a.e + a.i), a.actor_id))
