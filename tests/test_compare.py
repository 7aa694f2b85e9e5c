"""``tejido comparar`` and ``tejido simular`` on the embedded store, and finding identity.

Expected values are worked out by hand from the two cuts described in
tests/helpers_compare.py, never copied from the code's output.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import openpyxl
from helpers_compare import (
    BOSQUE_ID,
    CLOSED,
    CONQUITO_ID,
    EPMAPS_ID,
    HUERTOS,
    MESA,
    REFORESTAR,
    SA_ID,
    cut,
    cuts,
    pair_ids,
    scenario,
    tejido,
)
from helpers_gaps import Portfolio

from tejido.graph.store import open_store
from tejido.loaders.base import read_paths
from tejido.queries.compare import KEYS, compare
from tejido.queries.compare_scenario import batch_from_snapshot
from tejido.queries.gaps import find_gaps


def _store(path: Path, *books: Path):  # noqa: ANN202 - an EmbeddedStore
    store = open_store(str(path))
    if books:
        store.write(read_paths(list(books)).batch)
    return store


# --- finding identity -------------------------------------------------------------------


def _portfolio() -> Portfolio:
    p = Portfolio()
    eje = p.axis("Ambiente")
    other = p.axis("Movilidad")
    nono, lloa = p.territory("Nono"), p.territory("Lloa")
    a, b, c, d = (p.actor(n) for n in ("Alfa", "Beta", "Gama", "Delta"))
    p.action("Uno", eje=eje, leads=(a,), arts=(c,), territories=(nono, lloa))
    p.action("Dos", eje=eje, leads=(b,), arts=(d,), territories=(nono, lloa),
             estado="suspendida")
    p.action("Tres", eje=other, leads=(a,), territories=(nono,))
    return p


def test_finding_ids_are_equal_across_loads_and_differ_between_findings(tmp_path):
    batch = _portfolio().batch
    first, second = open_store(str(tmp_path / "a.json")), open_store(str(tmp_path / "b.json"))
    first.write(batch)
    # The second store is written from the first one's snapshot, nodes in another order.
    copy = batch_from_snapshot(first.snapshot())
    copy.nodes = dict(reversed(list(copy.nodes.items())))
    second.write(copy)
    one = [f.id for f in find_gaps(first, pairs_per_context=None).findings]
    two = [f.id for f in find_gaps(second, pairs_per_context=None).findings]
    assert sorted(one) == sorted(two)
    assert len(set(one)) == len(one)
    # By hand: Alfa and Beta meet in two contexts (Ambiente × Nono, Ambiente × Lloa) and
    # are one pair, one id; each context with two groups is its own contexto_fragmentado.
    alfa_beta = "coordinacion_faltante:actor:alfa+actor:beta"
    assert one.count(alfa_beta) == 1
    fragmented = sorted(i for i in one if i.startswith("contexto_fragmentado:"))
    assert len(fragmented) == 2 and fragmented[0] != fragmented[1]
    assert all("+territory:" in i for i in fragmented)


# --- comparar ---------------------------------------------------------------------------


def test_comparar_two_workbooks_lists_what_changed(tmp_path):
    before, after = cuts(tmp_path)
    result = tejido("comparar", before, after, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert list(out) == list(KEYS)
    assert out["actors_added"] == [] and out["actors_removed"] == []
    # SA and CONQUITO now share the mesa: their tie is new, with the mesa behind it.
    assert pair_ids(out["ties_added"]) == {(CONQUITO_ID, SA_ID)}
    added = out["ties_added"][0]
    assert added["source"]["name"] == "Agencia CONQUITO"
    assert [a["titulo"] for a in added["evidence"]["acciones"]] == [MESA]
    # The EPMAPS–Bosque relation was removed and no action carries that tie.
    assert pair_ids(out["ties_removed"]) == {(EPMAPS_ID, BOSQUE_ID)}
    assert out["ties_removed"][0]["evidence"] == {"acciones": [],
                                                  "relaciones": ["coordinación"]}
    closed = {f["id"]: f for f in out["findings_closed"]}
    assert CLOSED in closed
    assert closed[CLOSED]["kind"] == "coordinacion_faltante"
    assert {s["id"] for s in closed[CLOSED]["subjects"]} == {SA_ID, CONQUITO_ID}
    assert CLOSED not in {f["id"] for f in out["findings_opened"]}
    # The suspended action is stalled now: an estado change and an opened finding.
    assert [(c["titulo"], c["before"], c["after"]) for c in out["estado_changes"]] == [
        ("Huertos urbanos", "en_marcha", "suspendida")]
    assert any(f["kind"] == "estancada" for f in out["findings_opened"])
    # One context, Ambiente × Nono, one group before (the path SA–EPMAPS–Bosque–CONQUITO)
    # and after (SA–EPMAPS, SA–CONQUITO, CONQUITO–Bosque).
    assert [(c["eje"]["name"], c["territorio"]["name"], c["before"], c["after"])
            for c in out["contexts"]] == [("Ambiente", "Nono", 1, 1)]
    # Bosque's degree: EPMAPS and CONQUITO before, CONQUITO alone after.
    bosque = next(c for c in out["centrality_changes"] if c["id"] == BOSQUE_ID)
    assert (bosque["before"]["grado"], bosque["after"]["grado"]) == (2, 1)


def test_comparar_reads_store_files_like_workbooks(tmp_path):
    before, after = cuts(tmp_path)
    from_books = json.loads(tejido("comparar", before, after, "--format", "json").stdout)
    a = _store(tmp_path / "a.json", before)
    b = _store(tmp_path / "b.json", after)
    from_stores = json.loads(tejido("comparar", a.path, b.path, "--format", "json").stdout)
    assert from_stores == from_books == json.loads(json.dumps(compare(a, b)))


def test_comparar_refuses_bad_input_with_the_loaders_messages(tmp_path):
    before, _ = cuts(tmp_path)
    bad = cut(tmp_path / "malo.xlsx", [[*REFORESTAR[:2], "quizas", *REFORESTAR[3:]]])
    result = tejido("comparar", before, bad)
    assert result.exit_code == 2
    assert "malo.xlsx:acciones:2" in result.stderr and "quizas" in result.stderr
    missing = tejido("comparar", before, tmp_path / "no_hay.xlsx")
    assert missing.exit_code == 2 and "no_hay.xlsx no existe" in missing.stderr


def test_comparar_never_replaces_a_file_without_force(tmp_path):
    before, after = cuts(tmp_path)
    out = tmp_path / "cambios.md"
    out.write_text("mío", encoding="utf-8")
    refused = tejido("comparar", before, after, "--out", out)
    assert refused.exit_code == 2 and out.read_text(encoding="utf-8") == "mío"
    assert tejido("comparar", before, after, "--out", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Comparación de dos cortes")
    assert tejido("comparar", before, after, "--format", "xlsx").exit_code == 2


HOSTILE = "@HYPERLINK(\"http://x\")<script>alert(1)</script>|"


def test_every_format_keeps_hostile_names_inert(tmp_path):
    actors = [["nombre", "tipo"], ["Secretaría de Ambiente", "secretaria"],
              [HOSTILE, "otro"], ["Agencia CONQUITO", "agencia"]]
    before = cut(tmp_path / "a.xlsx", [REFORESTAR], relations=False, actors=actors)
    hostile_action = ["Plan", "Ambiente", "en_marcha", HOSTILE, "Agencia CONQUITO", "Nono",
                      "Convenio marco", None]
    after = cut(tmp_path / "b.xlsx", [REFORESTAR, hostile_action], relations=False,
                actors=actors)
    html_out, md_out, book = tmp_path / "c.html", tmp_path / "c.md", tmp_path / "c.xlsx"
    for out in (html_out, md_out, book):
        assert tejido("comparar", before, after, "--out", out).exit_code == 0
    page = html_out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = md_out.read_text(encoding="utf-8")
    assert "<script>" not in markdown and "\\|" in markdown
    cells = [c.value for sheet in openpyxl.load_workbook(book) for row in sheet.iter_rows()
             for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert any(v.startswith("'@HYPERLINK") for v in cells)
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)


def test_help_is_spanish_by_default_and_english_under_lang_en():
    spanish = tejido("comparar", "--help")
    assert "Qué cambió entre dos cortes" in spanish.stdout and "ANTES DESPUES" in spanish.stdout
    english = tejido("simular", "--help", "--lang", "en")
    assert "What a scenario would change" in english.stdout and "SCENARIO" in english.stdout


# --- simular ----------------------------------------------------------------------------


def test_simular_closes_the_finding_and_leaves_the_store_untouched(tmp_path):
    before, _ = cuts(tmp_path)
    store = _store(tmp_path / "almacen.json", before)
    bytes_before = store.path.read_bytes()
    result = tejido("simular", scenario(tmp_path / "mesa.xlsx"), "--store", store.path,
                    "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert CLOSED in {f["id"] for f in out["findings_closed"]}
    assert pair_ids(out["ties_added"]) == {(CONQUITO_ID, SA_ID)}
    assert out["ties_removed"] == [] and out["estado_changes"] == []
    assert store.path.read_bytes() == bytes_before
    # The same closed finding as comparing the two cuts.
    compared = json.loads(tejido("comparar", before, tmp_path / "corte_2024.xlsx",
                                 "--format", "json").stdout)
    assert CLOSED in {f["id"] for f in compared["findings_closed"]}


def test_simular_says_which_contexts_it_joins(tmp_path):
    # Without the relation, Ambiente × Nono has two groups: {SA, EPMAPS}, {CONQUITO, Bosque}.
    book = cut(tmp_path / "cartera.xlsx", [REFORESTAR, HUERTOS], relations=False)
    store = _store(tmp_path / "almacen.json", book)
    mesa = scenario(tmp_path / "mesa.xlsx")
    out = json.loads(tejido("simular", mesa, "--store", store.path, "--format", "json").stdout)
    assert [(c["before"], c["after"]) for c in out["contexts"]] == [(2, 1)]
    assert "contexto_fragmentado:axis:" in " ".join(f["id"] for f in out["findings_closed"])
    text = tejido("simular", mesa, "--store", store.path).stdout
    assert "uniría 1 contexto (" in text


def test_simular_refuses_a_scenario_named_like_a_stored_document(tmp_path):
    before, _ = cuts(tmp_path)
    store = _store(tmp_path / "almacen.json", before)
    clash = tmp_path / "otra" / "corte_2023.xlsx"
    clash.parent.mkdir()
    scenario(clash)
    result = tejido("simular", clash, "--store", store.path)
    assert result.exit_code == 2 and "corte_2023.xlsx" in result.stderr


def test_scenario_copy_is_the_same_graph(tmp_path):
    before, _ = cuts(tmp_path)
    store = _store(tmp_path / "a.json", before)
    with tempfile.TemporaryDirectory() as folder:
        copy = open_store(str(Path(folder) / "c.json"))
        copy.write(batch_from_snapshot(store.snapshot()))
        original, copied = store.snapshot(), copy.snapshot()
        assert dict(original.nodes(data=True)) == dict(copied.nodes(data=True))
        assert sorted(original.edges(keys=True, data=True), key=str) == sorted(
            copied.edges(keys=True, data=True), key=str)


def test_count_sentences_use_the_singular_for_one_and_the_plural_otherwise():
    from tejido.graph.i18n import get_lang, set_lang
    from tejido.reports.compare_tables import counts_text, scenario_text

    empty = {key: [] for key in KEYS}
    tie = {"source": {"id": "a", "name": "A"}, "target": {"id": "b", "name": "B"},
           "evidence": {"acciones": [], "relaciones": []}}
    one = {**empty, "ties_added": [tie], "findings_closed": [{"kind": "silo"}]}
    two = {**empty, "ties_added": [tie, tie], "findings_closed": [{"kind": "silo"}] * 2}
    assert counts_text(one).startswith("0 actores nuevos, 0 retirados; 1 lazo nuevo, "
                                       "0 perdidos; 1 hallazgo cerrado, 0 abiertos;")
    assert counts_text(two).startswith("0 actores nuevos, 0 retirados; 2 lazos nuevos, "
                                       "0 perdidos; 2 hallazgos cerrados, 0 abiertos;")
    assert scenario_text(one).startswith("El escenario cerraría 1 hallazgo, uniría 0 contextos")
    assert scenario_text(two).startswith("El escenario cerraría 2 hallazgos,")
    previous = get_lang()
    set_lang("en")
    try:
        assert "1 tie added, 0 lost; 1 finding closed" in counts_text(one)
        assert "2 ties added, 0 lost; 2 findings closed" in counts_text(two)
    finally:
        set_lang(previous)
