"""What the technical report says, gathered once from a store, its gap report and its
centrality rows: plain data, already worded in the report's language.

:func:`gather` returns an :class:`Informe` whose fields are strings, numbers already
written in the locale's style («0,85») and lists of them. The renderers
(:mod:`tejido.reports.informe_typst` for the PDF, :mod:`tejido.reports.informe_html`)
only place it; the charts (:mod:`tejido.reports.informe_charts`) draw from the raw
numbers kept beside (``Informe.raw``). Names, titles and recommendations come from
planners' files and are hostile: nothing here escapes them, each renderer does for its
own format (Typst reads them as JSON strings, HTML through ``html.escape``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import networkx as nx

from tejido.graph.i18n import get_lang, integer, t
from tejido.graph.store import Store
from tejido.graph.vocabulary import display
from tejido.queries.algorithms import ROLES
from tejido.queries.gaps import GapReport, kind_about, kind_label, number, subjects_text
from tejido.queries.gaps.engine import RowSource
from tejido.queries.index import NetworkIndex
from tejido.viz.measures import format_date

from .gap_summary import empty_text
from .gap_tables import not_recorded_lines, reading
from .informe_gaps import EjeKey, GapLine, InformeGaps
from .informe_texts import METHODS, REFERENCES, counted

#: Actors profiled besides those of the executive summary: the most central ones.
PROFILED = 15
#: At most this many profiles, so the document stays printable on any portfolio.
PROFILES_MAX = 30
#: Gaps listed per eje section.
EJE_FINDINGS = 5
#: An eje needs this many actors for a section (and a demo map) of its own.
MIN_ACTORS = 3
#: Partners named per profile.
PARTNERS = 4
#: Coverage fields, in the order the chart shows them.
FIELDS = ("lead", "articulators", "mechanisms", "territories", "estado")


@dataclass
class Informe:
    """The report's content. ``data`` is what the renderers place (JSON-ready strings);
    ``raw`` the numbers the charts draw; ``network`` the actor network for the map."""

    data: dict[str, Any]
    raw: dict[str, Any]
    network: nx.Graph
    centrality: list[dict[str, Any]] = field(default_factory=list)


def document_titles(store: Store) -> dict[str, dict[str, str]]:
    """document id -> {title, autoridad}; a document without a ``Document`` node (an
    older store) is named by its id."""
    try:
        rows = store.nodes("Document", ["title", "autoridad"])
    except Exception:  # a store from before Document nodes: no such label to read
        rows = []
    return {str(r["id"]): {"title": str(r.get("title") or r["id"]),
                           "autoridad": str(r.get("autoridad") or "sin_declarar")}
            for r in rows}


def _source_documents(ix: NetworkIndex) -> dict[str, str]:
    """Source id -> its document, from the snapshot's Source nodes."""
    return {n: str(ix.attr(n, "document")) for n in ix.nodes_of("Source")}


def _documents_of(ix: NetworkIndex, node: str, sources: Mapping[str, str]) -> set[str]:
    return {sources[s] for s in ix.sources(node) if s in sources}


def finding_ejes(finding: GapLine, ix: NetworkIndex, by_name: Mapping[str, set[str]],
                 docs: Mapping[str, set[str]]) -> set[str]:
    """The ejes (Axis ids) a finding is about: its Axis subjects, the contexts its evidence
    names, the eje its evidence names (within its documents), its actions' ejes."""
    where: EjeKey = finding.where
    found = {s.id for s in finding.subjects if s.type == "Axis"}
    for eje_id in where.contexts:
        found.add(eje_id)
    name = where.eje
    if name is not None:
        cited = where.documents
        found |= {a for a in by_name.get(name, ()) if not cited or docs.get(a, set()) & cited}
    for subject in finding.subjects:
        if subject.type == "Action" and subject.id in ix.graph:
            found |= ix.ejes(subject.id)
    return found


def gather(store: Store, report: GapReport | InformeGaps, centrality: list[dict[str, Any]],
           network: nx.Graph, *, institucion: str | None = None, fecha: str | None = None,
           data_label: str | None = None) -> Informe:
    """Everything the report shows, in the current language. ``report`` is the gap report
    or the part of it the report reads (:class:`.informe_gaps.InformeGaps`, which a caller
    keeps instead of the whole report to save memory); ``network`` is the actor network
    the centrality rows were computed on (:func:`tejido.queries.centrality.project`);
    ``fecha`` an ISO date (today by default)."""
    gaps = report if isinstance(report, InformeGaps) else InformeGaps.of(report)
    graph = store.snapshot()
    ix = NetworkIndex(graph)
    sources = _source_documents(ix)
    titles = document_titles(store)
    doc_ids = sorted(set(sources.values()) | set(titles))
    actions_per_doc = Counter(d for a in ix.actions for d in _documents_of(ix, a, sources))
    axes = ix.nodes_of("Axis")
    axis_docs = {a: _documents_of(ix, a, sources) for a in axes}
    by_name: dict[str, set[str]] = defaultdict(set)
    for a in axes:
        by_name[str(ix.attr(a, "name"))].add(a)

    def title(doc: str) -> str:
        return titles.get(doc, {}).get("title", doc)

    documents = [{"id": d, "title": title(d),
                  "autoridad": display("documento.autoridad",
                                       titles.get(d, {}).get("autoridad", "sin_declarar")),
                  "acciones": counted("inf.n_actions", actions_per_doc.get(d, 0))}
                 for d in doc_ids if actions_per_doc.get(d, 0) or d in titles]
    day = fecha or Date.today().isoformat()
    brechas = gaps.brechas
    counts = gaps.head.summary.por_estado
    n_actors, n_actions = len(ix.actors), len(ix.actions)
    eje_of = {f.id: finding_ejes(f, ix, by_name, axis_docs) for f in brechas}
    data: dict[str, Any] = {
        "lang": get_lang(),
        "title": t("inf.title"),
        "subtitle": t("inf.subtitle"),
        "institucion": institucion or t("inf.no_institution"),
        "fecha": format_date(day),
        "fecha_iso": day,
        "data_label": data_label or "",
        "generated": t("inf.generated"),
        "documents": documents,
        "headline": [
            {"value": integer(n_actors), "label": t("inf.h_actors")},
            {"value": integer(n_actions), "label": t("inf.h_actions")},
            {"value": integer(counts.get("brecha", 0)), "label": t("inf.h_gaps")},
            {"value": integer(counts.get("por_confirmar", 0)), "label": t("inf.h_pending")},
        ],
        "exec_lead": t("inf.exec_lead", documents=counted("inf.n_documents", len(documents)),
                       actors=integer(n_actors), actions=integer(n_actions),
                       gaps=integer(counts.get("brecha", 0)),
                       pending=integer(counts.get("por_confirmar", 0))),
        "top": [{"rank": str(top.rank), "kind": kind_label(top.kind), "subjects": top.subjects,
                 "priority": t("inf.priority", p=number(top.priority)),
                 "step": top.recommendation or t("report.no_step")}
                for top in gaps.head.summary.top],
        "exec_empty": empty_text(gaps.head) or "",
        "labels": _labels(),
        "ejes": _eje_sections(gaps.head, ix, brechas, eje_of, axis_docs, title, doc_ids),
        "profiles": [],
        "quality": _quality(gaps.head, store, ix, title),
        "methods": [{"heading": h, "paragraphs": ps} for h, ps in METHODS[get_lang()]],
        "kinds": [{"name": kind_label(k), "about": kind_about(k)}
                  for k in gaps.head.summary.tipos],
        "references": REFERENCES,
    }
    profiles, profiled = _profiles(gaps.head, ix, network, centrality, brechas)
    data["profiles"] = profiles
    data["profiles_intro"] = t("inf.profiles_intro", n=PROFILED, m=len(profiles))
    raw = _raw(gaps, store, centrality, brechas, eje_of, ix, title)
    raw["profiled"] = profiled
    return Informe(data=data, raw=raw, network=network, centrality=centrality)


def _labels() -> dict[str, str]:
    keys = ("sources", "contents", "exec", "top_heading", "step", "charts", "charts_intro",
            "map", "ejes", "ejes_intro", "profiles", "annex_quality", "q_not_recorded",
            "q_unresolved", "q_stated", "q_stated_intro", "q_name", "q_kind", "q_actions",
            "q_said", "q_found", "annex_methods", "references", "kinds_heading", "none",
            "page", "p_leads", "p_articulates", "p_ties", "p_role", "p_gaps")
    labels = {k: t(f"inf.{k}") for k in keys}
    labels.update(actor=t("report.actor"), ei="E–I")
    return labels


# --- ejes -------------------------------------------------------------------------------


def _eje_sections(report: GapReport, ix: NetworkIndex, brechas: list[GapLine],
                  eje_of: Mapping[str, set[str]], axis_docs: Mapping[str, set[str]],
                  title: Any, doc_ids: list[str]) -> list[dict[str, Any]]:
    """One group per document, one section per eje of it with actors (ejes of fewer than
    :data:`MIN_ACTORS` actors named in one line)."""
    per_eje: dict[str, list[GapLine]] = defaultdict(list)
    for finding in brechas:
        for eje in eje_of.get(finding.id, ()):
            per_eje[eje].append(finding)
    groups: dict[str, dict[str, Any]] = {}
    for eje in report.ei_por_eje:
        docs = sorted(axis_docs.get(eje.eje_id, set())) or [""]
        group = groups.setdefault(docs[0], {"title": title(docs[0]) if docs[0] else "—",
                                            "ejes": [], "small": []})
        name = eje.eje or eje.eje_id
        if eje.actores < MIN_ACTORS:
            group["small"].append(name)
            continue
        found = per_eje.get(eje.eje_id, [])
        actions = ix.scoped(eje.eje_id, None)
        leads = Counter(actor for a in actions for actor in ix.leads.get(a, ()))
        mechanisms = sorted({str(ix.attr(m, "name") or m) for a in actions
                             for m in ix.uses.get(a, ())}, key=str.casefold)
        texts = [t("inf.eje_facts", actors=counted("inf.n_actors", eje.actores),
                   ties=counted("inf.n_ties", eje.lazos),
                   ei=number(eje.ei, signed=True) if eje.ei is not None else "—",
                   density=number(eje.densidad) if eje.densidad is not None else "—")]
        if leads:
            texts.append(t("inf.eje_leads", names=", ".join(
                f"{ix.attr(a, 'name') or a} ({n})" for a, n in _most(ix, leads, 3))))
        if mechanisms:
            shown = mechanisms[:6] + (["…"] if len(mechanisms) > 6 else [])
            texts.append(t("inf.eje_mechanisms", names=", ".join(shown)))
        rest = len(found) - EJE_FINDINGS
        group["ejes"].append({
            "name": name, "texts": texts,
            "findings": [_finding_line(f) for f in found[:EJE_FINDINGS]],
            "none": t("inf.eje_none") if not found else "",
            "more": counted("inf.eje_more", rest) if rest > 0 else "",
        })
    order = {d: i for i, d in enumerate(doc_ids)}
    out = []
    for doc in sorted(groups, key=lambda d: order.get(d, len(order))):
        group = groups[doc]
        small = group.pop("small")
        group["small"] = t(f"inf.ejes_small.{'one' if len(small) == 1 else 'other'}",
                           n=len(small), names="; ".join(small)) if small else ""
        out.append(group)
    return out


def _finding_line(f: GapLine) -> dict[str, str]:
    return {"kind": kind_label(f.kind), "subjects": subjects_text(f),
            "priority": t("inf.priority", p=number(f.priority)),
            "step": f.recommendation or t("report.no_step")}


# --- profiles ---------------------------------------------------------------------------


def _profiles(report: GapReport, ix: NetworkIndex, network: nx.Graph,
              centrality: list[dict[str, Any]],
              brechas: list[GapLine]) -> tuple[list[dict[str, Any]], list[str]]:
    """The most central actors and those of the summary's findings, by betweenness
    (``report`` is read for its summary: the summary's findings are ``brechas``)."""
    rows = {str(r["id"]): r for r in centrality}
    ranked = sorted(rows, key=lambda a: (-(rows[a].get("intermediacion") or 0),
                                         -(rows[a].get("grado") or 0), a))
    rank = {a: i for i, a in enumerate(ranked, start=1)}
    top_ids = {top.id for top in report.summary.top}
    wanted = set(ranked[:PROFILED])
    for finding in brechas:
        if finding.id in top_ids:
            wanted |= {s.id for s in finding.subjects if s.type == "Actor" and s.id in rows}
    chosen = sorted(wanted, key=rank.__getitem__)[:PROFILES_MAX]
    gaps_of: dict[str, list[GapLine]] = defaultdict(list)
    for finding in brechas:
        for s in finding.subjects:
            if s.type == "Actor":
                gaps_of[s.id].append(finding)
    profiles = []
    for actor in chosen:
        row = rows[actor]
        profiles.append({"name": str(row.get("nombre") or actor),
                         "kind": _actor_kind(row),
                         "lines": _profile_lines(actor, row, ix, network, rank, len(rows),
                                                 gaps_of.get(actor, []))})
    return profiles, chosen


def _actor_kind(row: Mapping[str, Any]) -> str:
    parts = [display("actor.tipo", row.get("tipo")) if row.get("tipo") else ""]
    if row.get("interno") is not None:
        parts.append(t("inf.p_internal") if row.get("interno") else t("inf.p_external"))
    return " · ".join(p for p in parts if p)


def _ejes_text(ix: NetworkIndex, actions: Iterable[str]) -> str:
    ejes = Counter(e for a in actions for e in ix.ejes(a))
    return ", ".join(str(ix.attr(e, "name") or e) for e, _ in _most(ix, ejes, 3))


def _most(ix: NetworkIndex, counts: Counter[str], n: int | None = None) -> list[tuple[str, int]]:
    """The ``n`` most counted ids (all when None), ties by name then id: ``most_common``
    breaks ties by insertion order, which follows set iteration, so the same store would
    print differently from one run to the next."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(ix.attr(kv[0], "name") or ""),
                                                    kv[0]))
    return ranked if n is None else ranked[:n]


def _profile_lines(actor: str, row: Mapping[str, Any], ix: NetworkIndex, network: nx.Graph,
                   rank: Mapping[str, int], total: int,
                   gaps: list[GapLine]) -> list[list[str]]:
    led = sorted(a for a in ix.takes_part.get(actor, ()) if actor in ix.leads.get(a, ()))
    articulated = sorted(a for a in ix.takes_part.get(actor, ())
                         if actor in ix.articulates.get(a, ()) and a not in led)

    def doing(actions: list[str]) -> str:
        if not actions:
            return t("inf.p_none")
        where = _ejes_text(ix, actions)
        count = counted("inf.n_actions", len(actions))
        return t("inf.p_in_ejes", actions=count, ejes=where) if where else count

    lines = [[t("inf.p_leads"), doing(led)], [t("inf.p_articulates"), doing(articulated)]]
    if actor in network:
        partners = sorted(network[actor].items(),
                          key=lambda kv: (-float(kv[1].get("weight") or 1), str(kv[0])))
        names = ", ".join(str(network.nodes[p].get("name") or p) for p, _ in partners[:PARTNERS])
        lines.append([t("inf.p_ties"), t("inf.p_ties_text", n=len(partners), names=names)
                      if partners else t("inf.p_none")])
    role = [t("inf.p_rank", rank=rank[actor], n=total,
              value=number(row.get("intermediacion") or 0.0))]
    if row.get("punto_articulacion"):
        role.append(t("inf.p_cut"))
    brokerage = {r: int(row.get(f"intermediario_{r}") or 0) for r in ROLES}
    best = max(brokerage, key=lambda r: (brokerage[r], r))
    if brokerage[best]:
        from tejido.viz.measures import measure_name

        role.append(t("inf.p_broker", role=measure_name(f"intermediario_{best}").split(": ")[-1],
                      n=brokerage[best]))
    lines.append([t("inf.p_role"), "; ".join(role)])
    if gaps:
        kinds = Counter(kind_label(f.kind) for f in gaps)
        text = "; ".join(f"{k} ({n})" for k, n in kinds.most_common())
        step = gaps[0].recommendation
        lines.append([t("inf.p_gaps"), f"{text}. {t('inf.step')}: {step}" if step else text])
    else:
        lines.append([t("inf.p_gaps"), t("inf.p_none")])
    return lines


# --- annex A ----------------------------------------------------------------------------


def _quality(report: GapReport, store: Store, ix: NetworkIndex, title: Any) -> dict[str, Any]:
    named = report.model_copy(update={"not_recorded": [
        e.model_copy(update={"document": f"«{title(e.document)}»"}) for e in report.not_recorded]})
    unresolved = []
    for row in store.nodes("Actor", ["name", "auto", "generico"]):
        if row.get("auto") or row.get("generico"):
            actions = len(ix.takes_part.get(str(row["id"]), ()))
            unresolved.append([str(row.get("name") or row["id"]),
                               t("inf.q_auto") if row.get("auto") else t("inf.q_generic"),
                               integer(actions), actions])
    unresolved.sort(key=lambda r: (-r[3], r[0].casefold()))
    stated = [[a.nombre or a.actor_id, a.notas or "—",
               number(a.ei, signed=True) if a.ei is not None else "—", reading(a)]
              for a in report.ei_por_actor if a.responsable_de]
    return {
        "not_recorded": not_recorded_lines(named),
        "unresolved_intro": t("inf.q_unresolved_intro", n=integer(
            report.summary.por_estado.get("por_confirmar", 0))),
        "unresolved": [r[:3] for r in unresolved],
        "stated": stated,
    }


# --- numbers for the charts -------------------------------------------------------------


def _raw(gaps: InformeGaps, store: Store, centrality: list[dict[str, Any]],
         brechas: list[GapLine], eje_of: Mapping[str, set[str]], ix: NetworkIndex,
         title: Any) -> dict[str, Any]:
    report, by_kind = gaps.head, gaps.by_kind
    per_eje: Counter[str] = Counter()
    for f in brechas:
        per_eje.update(eje_of.get(f.id, ()))
    coverage: dict[tuple[str, str], list[int]] = {}
    for row in RowSource(store).rows("gap_cobertura", {}):
        cell = coverage.setdefault((str(row["document"]), str(row["field"])), [0, 0])
        cell[0] += int(row["con_dato"])
        cell[1] += int(row["acciones"])
    docs = sorted({d for d, _ in coverage})
    return {
        "by_kind": [(kind_label(k), v[0], v[1]) for k, v in by_kind.items() if sum(v)],
        "by_eje": [(str(ix.attr(e, "name") or e), n) for e, n in _most(ix, per_eje)],
        "ei": [(a.nombre or a.actor_id, a.ei, a.interno) for a in report.ei_por_actor
               if a.responsable_de and a.ei is not None],
        "central": sorted(((str(r.get("nombre") or r["id"]), float(r.get("intermediacion") or 0))
                           for r in centrality), key=lambda x: (-x[1], x[0])),
        "coverage": {"documents": [title(d) for d in docs], "fields": list(FIELDS),
                     "share": [[(coverage[(d, f)][0] / coverage[(d, f)][1] * 100
                                 if coverage.get((d, f), [0, 0])[1] else None)
                                for f in FIELDS] for d in docs]},
    }
