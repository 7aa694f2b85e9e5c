"""Coverage: a field a document does not record silences the kinds resting on it there.

A document records a field when one of its actions has a stated fact for it (a
relationship that is not derived; an estado). On the bundled data, 001's leads all come
from derived columns and 000's matrices have no mechanism column; a workbook column empty
in every row is not recorded either, and one filled cell makes it recorded again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_workbook import run, write_xlsx

from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.base import read_paths
from tejido.queries.gaps import find_gaps
from tejido.queries.gaps.coverage import Coverage
from tejido.queries.gaps.engine import COVERAGE, RowSource

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("cov") / "graph.json")
    store.write(read_paths([DATA]).batch)
    return store


def _per_document(report, kind: str, prefix: str) -> int:  # noqa: ANN001
    return sum(1 for f in report.findings if f.kind == kind
               and any(p.document.startswith(prefix) for p in f.provenance))


def _entries(report, prefix: str, field: str) -> list:  # noqa: ANN001
    return [e for e in report.not_recorded
            if e.document.startswith(prefix) and e.field == field]


def test_bundled_coverage_rows(bundled: EmbeddedStore) -> None:
    coverage = Coverage(RowSource(bundled).rows(COVERAGE, {}))
    documents = {d for d, _, _ in coverage.actions}
    doc = {d[:3]: d for d in documents}
    assert coverage.whole_document(doc["000"], "mechanisms")
    assert coverage.whole_document(doc["001"], "lead")  # derived «(derivado)» columns only
    assert not coverage.whole_document(doc["000"], "lead")
    assert not coverage.whole_document(doc["001"], "mechanisms")
    # 004 states the programme's lead, not its products' or roadmap steps' (same table).
    assert not coverage.whole_document(doc["004"], "lead")
    table = "Programa, productos y hoja de ruta (derivado del texto)"
    assert (doc["004"], table, "programa", "lead") not in coverage.absent
    assert coverage.absent[(doc["004"], table, "actividad", "lead")] == 18
    assert coverage.absent[(doc["004"], table, "accion", "lead")] == 5


def test_roadmap_steps_of_a_programme_are_not_missing_leads(bundled: EmbeddedStore) -> None:
    """The planner review's top-ten artefact: 23 «sin rector» on 004's products and
    roadmap steps, whose table names a lead only for the programme they belong to."""
    report = find_gaps(bundled, kinds=["sin_rector"])
    assert _per_document(report, "sin_rector", "004") == 0
    [entry] = _entries(report, "004", "lead")
    assert entry.table == "Programa, productos y hoja de ruta (derivado del texto)"
    assert entry.tipos == ["accion", "actividad"] and entry.actions == 23
    assert entry.silenced == 23
    # Another document's table that records leads keeps its findings.
    assert _per_document(report, "sin_rector", "002") > 0


def test_bundled_silenced_findings(bundled: EmbeddedStore) -> None:
    report = find_gaps(bundled)
    assert _per_document(report, "sin_rector", "001") == 0
    assert _per_document(report, "sin_mecanismo", "000") == 0
    [lead] = _entries(report, "001", "lead")
    assert lead.kinds == ["sin_rector"] and lead.silenced == 109 and lead.actions == 113
    [mech] = _entries(report, "000", "mechanisms")
    assert mech.kinds == ["sin_mecanismo"] and mech.silenced == 68
    # Documents that record the field keep their findings.
    assert _per_document(report, "sin_rector", "002") > 0
    assert report.summary.por_tipo["sin_rector"] == sum(
        1 for f in report.findings if f.kind == "sin_rector")
    assert "not_recorded" in report.model_dump()


ACTORS = [["nombre", "siglas", "tipo", "nivel", "interno"],
          ["Secretaría de Ambiente", "SA", "secretaria", "metropolitano", "sí"],
          ["Agencia CONQUITO", "CONQUITO", "agencia", None, "no"]]
HEADER = ["titulo", "eje", "estado", "rector", "articuladores", "territorios", "mecanismos"]


def _book(tmp_path: Path, mechanism: str | None) -> EmbeddedStore:
    actions = [HEADER] + [[f"Acción {n}", "Ambiente", "en_marcha", "SA", "CONQUITO", "Nono",
                           mechanism if n == 1 else None] for n in range(1, 4)]
    book = write_xlsx(tmp_path / "plan.xlsx", {
        "actores": ACTORS, "acciones": actions,
        "territorios": [["nombre", "pertenece_a"], ["Nono", None]],
        "mecanismos": [["nombre", "tipo"], ["Convenio marco", "convenio"]],
    })
    store = tmp_path / "graph.json"
    assert run("load", book, "--store", store).exit_code == 0
    return EmbeddedStore(store)


def test_workbook_empty_mechanism_column_is_not_recorded(tmp_path: Path) -> None:
    report = find_gaps(_book(tmp_path, None))
    assert not [f for f in report.findings if f.kind == "sin_mecanismo"]
    [entry] = report.not_recorded
    assert (entry.field, entry.kinds, entry.actions, entry.silenced) == (
        "mechanisms", ["sin_mecanismo"], 3, 3)


def test_workbook_one_mechanism_filled_reports_the_others(tmp_path: Path) -> None:
    report = find_gaps(_book(tmp_path, "Convenio marco"))
    found = sorted(f.subjects[0].name for f in report.findings if f.kind == "sin_mecanismo")
    assert found == ["Acción 2", "Acción 3"]
    assert not [e for e in report.not_recorded if e.field == "mechanisms"]


# --- status: brecha / por_confirmar ------------------------------------------------------


def _status_store(tmp_path: Path, lang: str = "es") -> dict[str, object]:
    from helpers_gaps import TABLE, Portfolio

    from tejido.graph.model import Actor, RelType, Source

    p = Portfolio()
    eje = p.axis("Agua")
    office, red = p.actor("Oficina"), p.actor("Red")
    generic = p.batch.add_node(Actor(id=Actor.key("COOPERACIÓN"), name="COOPERACIÓN",
                                     generico=True)).id
    unresolved = p.batch.add_node(Actor(id=Actor.key("XYZ"), name="XYZ", auto=True)).id
    p.action("Con articulador", eje=eje, leads=(office,), arts=(red,))
    ids = {
        "stated": p.action("Declarada", eje=eje, leads=(office,)),
        "generic": p.action("Genérica", eje=eje, leads=(generic,)),
        "auto": p.action("Sin declarar", eje=eje, leads=(unresolved,)),
        "derived": p.action("Supuesta", eje=eje),
    }
    row = Source.key(p.document, TABLE, p.rows[ids["derived"]])
    p._rel(RelType.LEADS, office, ids["derived"], ("Actor", "Action"), row,
           derived="rector_por_defecto")
    store = EmbeddedStore(tmp_path / "graph.json")
    store.write(p.batch)
    report = find_gaps(store, kinds=["sin_articuladores"])
    return {name: next(f for f in report.findings if f.subjects[0].id == ident)
            for name, ident in ids.items()} | {"report": report}


def test_status_of_findings(tmp_path: Path) -> None:
    found = _status_store(tmp_path)
    assert found["stated"].status == "brecha"
    assert "por_confirmar_motivo" not in found["stated"].evidence
    for name in ("generic", "auto", "derived"):
        assert found[name].status == "por_confirmar", name
    assert "COOPERACIÓN" in found["generic"].evidence["por_confirmar_motivo"]
    assert "declare «XYZ»" in found["auto"].evidence["por_confirmar_motivo"]
    reason = found["derived"].evidence["por_confirmar_motivo"]
    assert "rector_por_defecto" in reason and "el rector de esta acción" in reason
    assert found["report"].summary.por_estado == {"brecha": 1, "por_confirmar": 3}


def test_reports_put_pending_findings_apart(tmp_path: Path) -> None:
    from tejido.reports.gap_text import to_markdown

    text = to_markdown(_status_store(tmp_path)["report"])
    findings, pending = text.split("## Brechas\n")[1].split("## Por confirmar (limpieza de datos)")
    assert "Declarada" in findings and "Supuesta" not in findings
    assert "Supuesta" in pending and "rector_por_defecto" in pending
    assert "1 brecha; 3 por confirmar" in text


def test_reports_state_what_is_not_recorded(bundled: EmbeddedStore) -> None:
    from tejido.reports.gap_text import to_markdown

    text = to_markdown(find_gaps(bundled, kinds=["sin_mecanismo"]))
    # The document by its title (dataset.yaml), never by its hash id.
    line = next(x for x in text.splitlines() if x.startswith("- El documento Modelo operativo "
                                                               "Quito Rural (2023)"))
    assert "no registra mecanismos de articulación: 69 acciones sin dato" in line
    assert "000_4a985cea5809c66a" not in text
