"""``tejido informe`` keeps only what it prints of the gap report (issue 14, memory): the gap
analysis trims each finding's evidence to the keys the report reads
(``find_gaps(..., evidence=EVIDENCE)``), and the report holds a compact form of it
(:class:`InformeGaps`). Neither may change a word of the report: checked against the whole
report on the bundled data and on random portfolios, and against the rule placing a
finding in ejes written out here on whole findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from helpers_portfolio import portfolios
from hypothesis import HealthCheck, given, settings

from tejido.graph import i18n
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import GraphBatch
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir
from tejido.queries.centrality import compute_centrality, project
from tejido.queries.gaps import Finding, GapReport, find_gaps
from tejido.queries.index import NetworkIndex
from tejido.reports.informe import build_informe
from tejido.reports.informe_data import EJE_FINDINGS, MIN_ACTORS
from tejido.reports.informe_gaps import EVIDENCE, InformeGaps

DAY = "2026-03-31"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    path = tmp_path_factory.mktemp("informe-gaps") / "graph.json"
    store = EmbeddedStore(path)
    store.write(read_paths([bundled_data_dir()]).batch)
    return store


@pytest.fixture(scope="module")
def whole(bundled: EmbeddedStore) -> GapReport:
    i18n.set_lang("es")
    return find_gaps(bundled)


def _same_but_evidence(trimmed: GapReport, whole: GapReport) -> None:
    assert [f.id for f in trimmed.findings] == [f.id for f in whole.findings]
    for t, w in zip(trimmed.findings, whole.findings, strict=True):
        assert t.model_dump(exclude={"evidence"}) == w.model_dump(exclude={"evidence"})
        assert t.evidence == {k: v for k, v in w.evidence.items() if k in EVIDENCE}
    assert trimmed.model_dump(exclude={"findings"}) == whole.model_dump(exclude={"findings"})


def test_the_trimmed_analysis_differs_from_the_whole_one_only_in_evidence(
        bundled: EmbeddedStore, whole: GapReport) -> None:
    trimmed = find_gaps(bundled, evidence=EVIDENCE)
    _same_but_evidence(trimmed, whole)
    # The recommendations were worded from the whole evidence (their basis is in it), and
    # the trimming really happened.
    assert all("recomendacion" in f.evidence for f in whole.findings)
    assert not any("recomendacion" in f.evidence for f in trimmed.findings)
    assert sum(len(f.evidence) for f in trimmed.findings) < sum(
        len(f.evidence) for f in whole.findings)


def test_the_compact_form_keeps_every_count_and_every_brecha_in_order(
        whole: GapReport) -> None:
    gaps = InformeGaps.of(whole)
    brechas = [f for f in whole.findings if f.status == "brecha"]
    assert [b.id for b in gaps.brechas] == [f.id for f in brechas]
    assert len(gaps.brechas) == whole.summary.por_estado["brecha"]
    per = Counter((f.kind, f.status) for f in whole.findings)
    assert gaps.by_kind == {k: [per[(k, "brecha")], per[(k, "por_confirmar")]]
                            for k in whole.summary.tipos}
    assert {k: sum(v) for k, v in gaps.by_kind.items()} == whole.summary.por_tipo
    for line, f in zip(gaps.brechas, brechas, strict=True):
        assert (line.kind, line.priority, line.recommendation) == (
            f.kind, f.priority, f.recommendation)
        assert [(s.id, s.type, s.name) for s in line.subjects] == [
            (s.id, s.type, s.name) for s in f.subjects]
    assert gaps.head.findings == []
    assert gaps.head.summary == whole.summary
    assert gaps.head.not_recorded == whole.not_recorded


def _informe(store: EmbeddedStore, report: GapReport | InformeGaps) -> tuple[Any, Any]:
    rows = compute_centrality(store)
    network, _ = project(store)
    content = build_informe(store, report, rows, network, institucion="Secretaría", fecha=DAY)
    return content.data, content.raw


def test_the_report_from_the_compact_form_is_the_report_from_the_whole_one(
        bundled: EmbeddedStore, whole: GapReport) -> None:
    # As ``tejido informe`` runs it: trimmed analysis (which releases the graph), compact
    # form, then centrality and the sections on the graph read again.
    lean = InformeGaps.of(find_gaps(bundled, evidence=EVIDENCE))
    assert _informe(bundled, lean) == _informe(bundled, whole)


def _ejes_of(f: Finding, ix: NetworkIndex, by_name: Mapping[str, set[str]],
             docs: Mapping[str, set[str]]) -> set[str]:
    """The ejes a finding is about, read off the whole finding: its Axis subjects, the
    ejes of the contexts its evidence names, the eje its evidence names (an eje of that
    name in one of the documents it cites), the ejes of its actions."""
    found = {s.id for s in f.subjects if s.type == "Axis"}
    found |= {str(c["eje_id"]) for c in f.evidence.get("contextos") or []
              if isinstance(c, dict) and c.get("eje_id")}
    if isinstance(f.evidence.get("eje"), str):
        cited = {p.document for p in f.provenance}
        found |= {a for a in by_name.get(f.evidence["eje"], ())
                  if not cited or docs.get(a, set()) & cited}
    for s in f.subjects:
        if s.type == "Action" and s.id in ix.graph:
            found |= ix.ejes(s.id)
    return found


def test_each_eje_section_lists_the_first_brechas_about_that_eje(
        bundled: EmbeddedStore, whole: GapReport) -> None:
    lean = InformeGaps.of(find_gaps(bundled, evidence=EVIDENCE))
    data, raw = _informe(bundled, lean)
    ix = NetworkIndex(bundled.snapshot())
    documents = {s: ix.attr(s, "document") for s in ix.nodes_of("Source")}
    docs = {a: {documents[s] for s in ix.sources(a) if s in documents}
            for a in ix.nodes_of("Axis")}
    by_name: dict[str, set[str]] = {}
    for a in ix.nodes_of("Axis"):
        by_name.setdefault(str(ix.attr(a, "name")), set()).add(a)
    brechas = [f for f in whole.findings if f.status == "brecha"]
    about = {f.id: _ejes_of(f, ix, by_name, docs) for f in brechas}
    # The bundled data exercise the evidence's eje and contexts, not only subjects.
    assert any(isinstance(f.evidence.get("eje"), str) for f in brechas)
    assert any(f.evidence.get("contextos") for f in brechas)
    sections = {e["name"]: e for g in data["ejes"] for e in g["ejes"]}
    checked = 0
    for eje in whole.ei_por_eje:
        if eje.actores < MIN_ACTORS:
            continue
        listed = [f for f in brechas if eje.eje_id in about[f.id]]
        shown = sections[eje.eje or eje.eje_id]["findings"]
        assert [line["step"] for line in shown] == [
            f.recommendation for f in listed[:EJE_FINDINGS]]
        assert [line["subjects"] for line in shown] == [
            " ↔ ".join(s.name or s.id for s in f.subjects) for f in listed[:EJE_FINDINGS]]
        checked += bool(listed)
    assert checked
    per_eje = Counter(e for f in brechas for e in about[f.id])
    assert sorted(n for _, n in raw["by_eje"]) == sorted(per_eje.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(batch=portfolios())
def test_random_portfolios_give_the_same_report_either_way(batch: GraphBatch,
                                                          tmp_path: Path) -> None:
    i18n.set_lang("es")
    store = EmbeddedStore(tmp_path / "random.json")
    store.wipe()
    store.write(batch)
    whole = find_gaps(store)
    trimmed = find_gaps(store, evidence=EVIDENCE)
    _same_but_evidence(trimmed, whole)
    assert _informe(store, InformeGaps.of(trimmed)) == _informe(store, whole)
