"""The JSON gap report written in pieces (issue 14) is the same document as one dump.

The reference is pydantic's own serialisation (``model_dump_json``) parsed back, and the
one-shot ``json.dumps(..., indent=2)`` the report used before streaming: the streamed
text must equal both, as parsed JSON and (for the latter) byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers_workbook import run

from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.synth import synth_batch
from tejido.queries.gaps import GapReport, find_gaps
from tejido.queries.gaps.model import Finding, Provenance, Subject
from tejido.reports import gap_files
from tejido.reports.gap_files import (
    TEXT_RENDERERS,
    csv_chunks,
    json_chunks,
    text_chunks,
    to_csv,
    to_json,
    write_report,
)


def _one_shot(report: GapReport) -> str:
    """What ``to_json`` returned before it streamed."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@pytest.fixture(scope="module")
def synth_report(tmp_path_factory: pytest.TempPathFactory) -> GapReport:
    store = EmbeddedStore(tmp_path_factory.mktemp("stream") / "synth.graph")
    store.write(synth_batch(60, 300, seed=3).batch)
    return find_gaps(store)


def test_streamed_report_is_the_same_document(synth_report: GapReport, tmp_path: Path) -> None:
    assert len(synth_report.findings) > 10  # something to stream
    expected = json.loads(synth_report.model_dump_json())
    assert json.loads(to_json(synth_report)) == expected
    assert to_json(synth_report) == _one_shot(synth_report)
    out = tmp_path / "gaps.json"
    write_report(synth_report, "json", out)
    assert out.read_bytes() == _one_shot(synth_report).encode("utf-8")
    assert json.loads(out.read_text(encoding="utf-8")) == expected


def test_streaming_yields_pieces_of_about_one_finding(synth_report: GapReport) -> None:
    pieces = list(json_chunks(synth_report))
    assert len(pieces) > len(synth_report.findings)
    longest_finding = max(len(json.dumps(f.model_dump(mode="json"), ensure_ascii=False,
                                         indent=2)) for f in synth_report.findings)
    # No piece holds more than one finding (plus its deeper indentation and a comma).
    biggest_finding_piece = max(len(p) for p in pieces if '"kind"' in p)
    assert biggest_finding_piece < 2 * longest_finding + 100


def test_every_text_format_in_pieces_is_the_whole_text(synth_report: GapReport) -> None:
    for fmt, render in TEXT_RENDERERS.items():
        assert "".join(text_chunks(synth_report, fmt)) == render(synth_report), fmt
    assert len(list(text_chunks(synth_report, "json"))) > len(synth_report.findings)


def test_csv_in_blocks_is_one_table(synth_report: GapReport, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed in blocks of findings, the CSV is one table: the header once, every
    finding once, in order; the file is that text after a BOM."""
    whole = to_csv(synth_report)
    monkeypatch.setattr(gap_files, "CSV_BLOCK", 7)
    pieces = list(csv_chunks(synth_report))
    assert len(pieces) == -(-len(synth_report.findings) // 7)
    assert "".join(pieces) == whole
    table = list(csv.reader(io.StringIO(whole)))
    assert [row[1] for row in table[1:]] == [f.id for f in synth_report.findings]
    assert table[0][1] == "id" and all(row[1] != "id" for row in table[1:])
    out = tmp_path / "gaps.csv"
    write_report(synth_report, "csv", out)
    assert out.read_bytes() == b"\xef\xbb\xbf" + whole.encode("utf-8")


def test_json_on_the_screen_is_the_file(tmp_path: Path) -> None:
    """``tejido gaps --format json`` without --out prints, piece by piece, exactly the
    file --out writes."""
    store = tmp_path / "g.json"
    EmbeddedStore(store).write(synth_batch(40, 160, seed=5).batch)
    out = tmp_path / "gaps.json"
    assert run("gaps", "--store", store, "--out", out).exit_code == 0
    printed = run("gaps", "--store", store, "--format", "json")
    assert printed.exit_code == 0
    assert printed.stdout_bytes == out.read_bytes()
    assert json.loads(printed.stdout)["summary"]["total"] > 0


def test_awkward_text_and_empty_sections() -> None:
    """Line breaks, quotes, backslashes and accents inside strings stay escaped in place
    (indenting must only touch the layout's line breaks); empty lists and dicts stay
    empty."""
    tricky = 'línea 1\nlínea 2 "citada" \\ fin\r\n\t—ñ'
    finding = Finding(kind="sin_rector", severity=0.5,
                      subjects=[Subject(type="Action", id="A-1", name=tricky)],
                      evidence={"nested": {"list": [1, [2, {"x": tricky}]], "empty": {}},
                                "none": None},
                      provenance=[Provenance(document="d\n1", table="acciones", row=2)],
                      recommendation=tricky)
    base = json.loads(_one_shot(_empty_report()))
    report = GapReport.model_validate({**base, "findings": [finding.model_dump(mode="json")]})
    assert to_json(report) == _one_shot(report)
    parsed = json.loads(to_json(report))
    assert parsed["findings"][0]["subjects"][0]["name"] == tricky
    assert parsed["findings"][0]["evidence"]["nested"]["list"][1][1]["x"] == tricky
    tiny = finding.model_copy(update={"evidence": {"share": 1e-05, "big": 1e16}})
    report = GapReport.model_validate({**base, "findings": [tiny.model_dump(mode="json")]})
    # The one float whose text differs (pydantic writes 0.00001): the same number.
    assert json.loads(to_json(report)) == json.loads(_one_shot(report))
    assert json.loads(to_json(report))["findings"][0]["evidence"] == {"share": 1e-05,
                                                                      "big": 1e16}
    empty = _empty_report()
    assert to_json(empty) == _one_shot(empty)
    assert json.loads(to_json(empty))["findings"] == []


def _empty_report() -> GapReport:
    return GapReport.model_validate({
        "findings": [], "documentos": {}, "ei_por_eje": [], "ei_por_actor": [],
        "not_recorded": [],
        "summary": {"total": 0, "por_tipo": {}, "por_documento": {}, "tipos": [],
                    "filtros": {"eje": None, "territorio": None}}})
