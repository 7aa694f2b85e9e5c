"""Coordination gaps: run the gap queries on a store and turn their rows into findings.

On Neo4j each query's Cypher runs in a read transaction; on the embedded store its
networkx twin runs on the snapshot's one index (built once for all twins, see
:meth:`tejido.queries.catalog.QuerySpec.run_twin`). Either way the rows go through the
same builders (one per kind, :mod:`tejido.queries.gaps.kinds`), and Source ids become
(document, table, row) provenance — with the rows that print a filled-down value marked
``impreso`` — so both stores give the same report. The JSON layout
of :meth:`GapReport.model_dump` is documented in docs/gaps.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from functools import cache
from importlib import resources
from itertools import chain
from typing import Any

from rapidfuzz import process

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.memory import collector_paused
from tejido.graph.model import fold
from tejido.graph.store import Store

from ..catalog import QuerySpec, parse_query
from .base import PRECISION, Draft, unscoped_key
from .contexto_fragmentado import (
    PAIR_KIND,
    PAIRS_PER_CONTEXT,
    context_keys,
    count_pairs,
    pair_key,
)
from .coordinacion_faltante import PairCandidate, Pairs
from .coverage import KIND_FIELD, Coverage
from .ei import SECTION_QUERIES, actors_ei, eje_ei
from .kinds import KINDS, REGISTRY
from .model import Finding, GapReport, NotRecorded, Provenance, Summary, TopFinding
from .pair_bound import PairBound, PairCeiling
from .pair_cap import PairCap
from .priority import PRIORITY_QUERIES, pair_value, prioritize
from .priority import Context as PriorityContext
from .query_rows import QueryRows
from .recommend import RECOMMEND_QUERIES, recommend
from .status import BRECHA, POR_CONFIRMAR, StatusRules

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
        "gaps.step.sources": {"es": "Fuentes y cobertura", "en": "Sources and coverage"},
        "gaps.step.priority": {"es": "Prioridades", "en": "Priorities"},
        "gaps.step.advice": {"es": "Recomendaciones", "en": "Recommendations"},
    }
)

#: Told where a report is as it is built: (steps done, steps in all, the step starting
#: now, in the run's language). A national portfolio's report takes minutes; the command
#: line shows the step, the analysis knows no screen.
Steps = Callable[[int, int, str], None]

#: The coverage query: which fields each document records (run unfiltered).
COVERAGE = "gap_cobertura"
#: The derived relationships (run unfiltered), for each finding's status.
DERIVED = "gap_derivados"
#: The package folder of the gap queries (``tejido.queries/gaps/<name>.cypher``).
FOLDER = "gaps"


@cache
def gap_spec(name: str) -> QuerySpec:
    """One built-in gap query, parsed from the package's ``gaps/<name>.cypher``."""
    text = resources.files("tejido.queries").joinpath(FOLDER, f"{name}.cypher").read_text(
        encoding="utf-8")
    return parse_query(text, f"{FOLDER}/{name}.cypher", builtin=True)


class RowSource:
    """Rows of gap queries and Source lookups on one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._sources: dict[str, tuple[str, str, int]] | None = None
        self._documents: dict[str, str] | None = None

    def rows(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        spec = gap_spec(name)
        declared = {p.name for p in spec.parameters}
        return self.store.rows(spec, spec.bind({k: v for k, v in params.items() if k in declared}))

    def sources(self, ids: Iterable[str]) -> dict[str, Provenance]:
        table = self.rows_of_sources()
        return {s: Provenance(document=table[s][0], table=table[s][1], row=table[s][2])
                for s in set(ids) if s in table}

    def rows_of_sources(self) -> dict[str, tuple[str, str, int]]:
        """Every Source node as (document, table, row), read once (one query on Neo4j)."""
        if self._sources is None:
            self._sources = {r["id"]: (r["document"], r["table"], r["row"])
                             for r in self.store.nodes("Source", ["document", "table", "row"])}
        return self._sources

    def documents_of(self, *rows: Iterable[str]) -> set[str]:
        """The documents of the Source ids in ``rows`` (ids of no Source left out)."""
        if self._documents is None:
            self._documents = {s: where[0] for s, where in self.rows_of_sources().items()}
        found = set(map(self._documents.get, chain(*rows)))
        found.discard(None)
        return found  # type: ignore[return-value]  # None was just taken out

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


def _pair_key(pair: PairCandidate, weights: PriorityContext, source: RowSource,
              bound: PairBound | None) -> tuple[Any, ...]:
    """A pair's rank for listing, from exactly what its finding will carry (priority and
    severity rounded as in the report, subject ids), so capping pairs before they are
    drafted selects the same pairs as capping findings would. ``bound`` (the pair's
    ceiling, when it has one) already holds its activity and surprise."""
    row = pair.row
    a, b = row["actor_a"], row["actor_b"]
    severity = round(pair.severity, PRECISION)
    documents = source.documents_of(pair.sources, pair.printed)
    if bound is None:
        value = pair_value(a, b, context_keys(row), severity, documents, weights)
    else:
        value = bound.value(weights.authority_of_documents(documents)[0], severity)
    return pair_key(round(value, PRECISION), severity, [a, b])


def _offer_pairs(pairs: Pairs, cap: PairCap[Draft | PairCandidate], rules: StatusRules,
                 weights: PriorityContext, source: RowSource) -> None:
    """Rank every pair into ``cap``. A pair naming no flagged actor and no actor with a
    derived fact is a ``brecha`` (:meth:`StatusRules.concerns`) and is offered as it is;
    only the others are drafted now, to settle their status. A ``brecha`` pair whose
    priority could not reach the listed ones of any of its contexts (:class:`PairCeiling`)
    is passed over before its rows are gathered — most pairs of a large portfolio — and
    before its bridges are sought when even unbridged it could not."""
    ceiling = PairCeiling(pairs, rules, weights, source.documents_of)
    for row in pairs.rows:
        contexts = context_keys(row)
        bound = ceiling.bound(row, contexts)  # None when the pair concerns the status rules
        bridges = None
        if bound is not None:
            if cap.excludes(bound.floor(bridged=False), BRECHA, contexts):
                cap.passed_over(contexts)
                continue
            bridges = pairs.bridges(row["actor_a"], row["actor_b"])
            if bridges and cap.excludes(bound.floor(bridged=True), BRECHA, contexts):
                cap.passed_over(contexts)
                continue
        pair = pairs.candidate(row, bridges)
        item: Draft | PairCandidate = pair
        status = BRECHA
        if bound is None:
            item = pairs.draft(pair)
            status = item.status = rules.apply(item)
        cap.offer(item, _pair_key(pair, weights, source, bound), status, contexts)


#: How many ``brecha`` findings the executive summary lists by default.
TOP = 10


def find_gaps(store: Store, kinds: Iterable[str] | None = None, eje: str | None = None,
              territorio: str | None = None, top: int = TOP,
              pairs_per_context: int | None = PAIRS_PER_CONTEXT,
              evidence: Collection[str] | None = None,
              steps: Steps | None = None) -> GapReport:
    """Every finding of the given kinds (all by default), plus E–I per eje and per actor.

    ``eje``/``territorio`` restrict the analysis to actions under that axis / in that
    territory (or inside them); each may be an id, a name or a codigo. ``top`` is how many
    ``brecha`` findings ``summary.top`` lists (the executive summary).
    ``pairs_per_context`` is how many «coordinación faltante» pairs each (eje, territory)
    context lists (the highest priorities; the rest are counted, not listed); None lists
    every pair.

    ``evidence`` names the evidence keys the caller reads (None: all of them). Each finding
    then keeps only those once its priority and recommendation are set: a caller that
    prints no evidence (the technical report) need not hold every finding's evidence,
    priority components and recommendation basis at once — at 200 000 actions several
    KB for each of ~230 000 findings (issue 14). Ids, order, status, priorities,
    recommendations, provenance and the summary are the same either way.

    ``steps``, when given, is told of each step as it starts: one per kind, then the
    findings' sources and coverage, their priorities and their recommendations (at
    40 000 actions the last takes a quarter of the time) (:data:`Steps`).
    """
    with collector_paused():
        return _find_gaps(store, kinds, eje, territorio, top, pairs_per_context, evidence,
                          steps or _silent)


def _silent(done: int, total: int, what: str) -> None:
    """:data:`Steps` that tells nobody."""


def _find_gaps(store: Store, kinds: Iterable[str] | None, eje: str | None,
               territorio: str | None, top: int,
               pairs_per_context: int | None,
               evidence: Collection[str] | None, steps: Steps) -> GapReport:
    selected = _kinds(kinds)
    source = RowSource(store)
    params = {"eje": resolve(source, "Axis", eje),
              "territorio": resolve(source, "Territory", territorio)}
    reads = {kind: REGISTRY[kind].queries + tuple(map(unscoped_key, REGISTRY[kind].unscoped))
             for kind in selected}
    later = [*SECTION_QUERIES, *map(unscoped_key, RECOMMEND_QUERIES)]
    # Each query's rows are run when a kind first reads them and let go after the last
    # kind that does (query_rows.py): at 40 000 actions every query's rows at once were
    # half the report's peak memory.
    rows = QueryRows(source.rows, params, reads.values(), keep=later)
    # Everything else the steps below read from the store, read now.
    rules = StatusRules(store.nodes("Actor", ["name", "auto", "generico"]),
                        source.rows(DERIVED, {}))
    weights = PriorityContext({q: source.rows(q, {}) for q in PRIORITY_QUERIES})
    coverage = Coverage(source.rows(COVERAGE, {}))
    tipos = {r["id"]: r["tipo"] for r in store.nodes("Action", ["tipo"])}
    titles = {r["id"]: r["title"] for r in store.nodes("Document", ["title"]) if r.get("title")}
    source.rows_of_sources()
    cap = (PairCap[Draft | PairCandidate](pairs_per_context)
           if pairs_per_context is not None else None)
    drafts: list[Draft] = []
    closing = ["gaps.step.sources", "gaps.step.priority", "gaps.step.advice"]
    total = len(selected) + len(closing)
    for done, kind in enumerate(selected):
        steps(done, total, t(f"kind.{kind}"))
        if cap is not None and kind == PAIR_KIND:
            # Capped as they are ranked: the pairs not listed are never drafted.
            pairs = Pairs(rows.read(reads[kind]))
            _offer_pairs(pairs, cap, rules, weights, source)
            drafts += [pairs.draft(item) if isinstance(item, PairCandidate) else item
                       for item in cap.kept()]
            # The listed pairs keep their rows; ``rows.done`` lets go of the others
            # (287 000 rows, ~100 MB, at 40 000 actions) before the next kind is built.
            del pairs
        else:
            for draft in REGISTRY[kind].build(rows.read(reads[kind])):
                draft.status = rules.apply(draft)
                drafts.append(draft)
        rows.done(reads[kind])
    steps(len(selected), total, t(closing[0]))
    ending = rows.read(later)
    # Then the store can let go of its graph (the embedded one holds the whole portfolio
    # in memory) before the findings are built on top of it.
    store.release()
    advice_rows = {q: ending[unscoped_key(q)] for q in RECOMMEND_QUERIES}
    ei_eje = [eje_ei(r) for r in ending["gap_ei_por_eje"] if r["actores"]]
    ei_actor = actors_ei(ending["gap_silo"], ending["gap_responsables"])
    del rows, ending
    findings = _resolve(drafts, source)
    del drafts
    findings, silent = _covered(findings, coverage, tipos)
    steps(len(selected) + 1, total, t(closing[1]))
    prioritize(findings, weights)
    dropped = 0
    if cap is not None:
        findings, dropped = count_pairs(findings, cap), cap.dropped
    steps(len(selected) + 2, total, t(closing[2]))
    recommend(findings, advice_rows, keep=evidence)
    del advice_rows
    findings = ranked(findings)
    report_summary = summary(findings, selected, {"eje": eje, "territorio": territorio})
    report_summary.top = top_findings(findings, top)
    report_summary.pares_omitidos = dropped
    return GapReport(findings=findings, documentos=titles, summary=report_summary,
                     ei_por_eje=ei_eje, ei_por_actor=ei_actor, not_recorded=silent)


def _covered(findings: list[Finding], coverage: Coverage,
             tipos: dict[str, str]) -> tuple[list[Finding], list[NotRecorded]]:
    """The findings coverage allows, and what it silenced.

    A finding of a kind resting on a field (``KIND_FIELD``) is left out when none of the
    tables it cites records that field for actions of its tipo (``tipos``: action id ->
    tipo): a missing fact is not a missing coordination. What was silenced is stated once
    per document and field when no table of the document records it (``table`` None),
    else once per table.
    """
    kept: list[Finding] = []
    silenced: dict[tuple[str, str], dict[str | None, Counter[str]]] = {}
    units: dict[tuple[str, str, str | None], set[tuple[str, str, str]]] = {}
    for finding in findings:
        field = KIND_FIELD.get(finding.kind)
        tables = {(p.document, p.table) for p in finding.provenance}
        of = {tipos[s.id] for s in finding.subjects if s.id in tipos}
        silent = coverage.silent(field, tables, of) if field is not None else []
        if not silent:
            kept.append(finding)
            continue
        for document in sorted({u[0] for u in silent}):
            table = None if coverage.whole_document(document, field) else ""
            for unit in (u for u in silent if u[0] == document):
                where = table if table is None else unit[1]
                silenced.setdefault((document, field), {}).setdefault(
                    where, Counter())[finding.kind] += 1
                units.setdefault((document, field, where), set()).add(unit)
    order = {k: i for i, k in enumerate(KINDS)}
    entries = []
    for (document, field), by_table in sorted(silenced.items()):
        for table, kinds in sorted(by_table.items(), key=lambda kv: kv[0] or ""):
            silent = units[(document, field, table)]
            actions = (coverage.document_actions(document) if table is None else
                       sum(coverage.actions[u] for u in silent))
            recorded = table is not None and any(
                u[:2] == (document, table) and (*u, field) not in coverage.absent
                for u in coverage.actions)
            entries.append(NotRecorded(
                document=document, table=table, field=field,
                tipos=sorted({u[2] for u in silent}) if recorded else [],
                kinds=sorted(kinds, key=order.__getitem__), actions=actions,
                silenced=sum(kinds.values())))
    return kept, entries


def _resolve(drafts: list[Draft], source: RowSource) -> list[Finding]:
    """Findings from drafts: Source ids become sorted provenance (a row cited only for
    printing a filled-down value is ``impreso``); findings sort by severity (highest
    first), then kind in report order, then subject ids."""
    table = source.sources(s for d in drafts for s in (*d.sources, *d.printed))
    printing = {s: table[s].model_copy(update={"impreso": True})
                for s in {s for d in drafts for s in d.printed} & table.keys()}
    # Rank every Source once, so each finding sorts its own by an int, not by a tuple key.
    rank = {s: i for i, s in enumerate(sorted(
        table, key=lambda s: (table[s].document, table[s].table, table[s].row)))}
    order = {k: i for i, k in enumerate(KINDS)}
    findings = [
        Finding(
            id=finding_id(d.kind, [s["id"] for s in d.subjects]),
            kind=d.kind, severity=round(d.severity, PRECISION), subjects=d.subjects,
            evidence=d.evidence, provenance=_cited(d, table, printing, rank), status=d.status,
        )
        for d in drafts
    ]
    return sorted(findings, key=lambda f: (-f.severity, order[f.kind],
                                           [s.id for s in f.subjects]))


def finding_id(kind: str, subjects: list[str]) -> str:
    """``<kind>:<subject>+<subject>…``: the same finding has the same id in every run and
    language, so two cuts can be compared and the HTML can link to it."""
    return f"{kind}:{'+'.join(subjects)}"


def ranked(findings: list[Finding]) -> list[Finding]:
    """Report order: every ``brecha`` by priority (highest first), then every
    ``por_confirmar`` (data-cleaning work) the same way; ties by severity, kind, subjects."""
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(findings, key=lambda f: (f.status != BRECHA, -f.priority, -f.severity,
                                           order[f.kind], [s.id for s in f.subjects]))


def top_findings(findings: list[Finding], top: int) -> list[TopFinding]:
    """The executive summary: the first ``top`` ``brecha`` findings of the ranked list."""
    chosen = [f for f in findings if f.status == BRECHA][:max(top, 0)]
    return [TopFinding(rank=i, id=f.id, kind=f.kind, priority=f.priority,
                       subjects=" ↔ ".join(s.name or s.id for s in f.subjects),
                       recommendation=f.recommendation)
            for i, f in enumerate(chosen, start=1)]


def _cited(d: Draft, table: dict[str, Provenance], printing: dict[str, Provenance],
           rank: dict[str, int]) -> list[Provenance]:
    """A draft's rows in source order: the rows its facts apply to, and the rows that
    print them elsewhere (``impreso``) unless they are among the former."""
    applies = set(d.sources)
    cited = (applies | set(d.printed)) & rank.keys()
    return [table[s] if s in applies else printing[s]
            for s in sorted(cited, key=rank.__getitem__)]


def summary(findings: list[Finding], kinds: list[str],
            filters: dict[str, str | None]) -> Summary:
    """Counts per kind (every kind asked for, 0 included) and per document."""
    per_kind = Counter(f.kind for f in findings)
    per_status = Counter(f.status for f in findings)
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
        por_estado={s: per_status.get(s, 0) for s in (BRECHA, POR_CONFIRMAR)},
    )
