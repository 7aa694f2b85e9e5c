"""Comparisons give the same JSON on a real Neo4j as on the embedded store.

Neo4j's community edition holds one database, so the two cuts cannot sit in it at once.
A comparison never needs them at once: it reads each side into plain data in turn
(:func:`tejido.queries.compare_cut.read_cut`). The parity test does exactly what
``tejido comparar`` does with two moments of one Neo4j — load cut A, read it, wipe, load
cut B, read it — and checks the JSON equals the all-embedded comparison; then it runs the
command itself with an embedded side and a Neo4j side (cut B still loaded), which goes
through the command's URI path. Finding ids are checked equal across both stores.
"""

from __future__ import annotations

import json

from helpers_compare import CLOSED, CONQUITO_ID, SA_ID, cuts, pair_ids, scenario, tejido
from test_compare import _portfolio, _store

from tejido.loaders.base import read_paths
from tejido.queries.compare import compare_cuts
from tejido.queries.compare_cut import read_cut
from tejido.queries.gaps import find_gaps
from tejido.reports.compare_files import to_json


def test_finding_ids_are_the_same_on_neo4j(tmp_path, neo4j_store):
    batch = _portfolio().batch
    embedded = _store(tmp_path / "a.json")
    embedded.write(batch)
    neo4j_store.write(batch)
    ids = [f.id for f in find_gaps(embedded, pairs_per_context=None).findings]
    assert ids == [f.id for f in find_gaps(neo4j_store, pairs_per_context=None).findings]
    assert len(set(ids)) == len(ids)


def test_comparar_gives_identical_json_on_neo4j(tmp_path, neo4j_store):
    before, after = cuts(tmp_path)
    expected = tejido("comparar", before, after, "--format", "json")
    assert expected.exit_code == 0, expected.output
    embedded = json.loads(expected.stdout)
    assert CLOSED in {f["id"] for f in embedded["findings_closed"]}  # not a vacuous check

    neo4j_store.write(read_paths([before]).batch)
    cut_a = read_cut(neo4j_store)
    neo4j_store.wipe()
    neo4j_store.write(read_paths([after]).batch)
    cut_b = read_cut(neo4j_store)
    assert json.loads(to_json(compare_cuts(cut_a, cut_b))) == embedded

    # The command with one embedded side and one Neo4j side (cut B is loaded).
    a_file = _store(tmp_path / "a.json", before).path
    mixed = tejido("comparar", a_file, neo4j_store.uri, "--format", "json")
    assert mixed.exit_code == 0, mixed.output
    assert json.loads(mixed.stdout) == embedded


def test_simular_on_neo4j_closes_the_same_finding_and_writes_nothing(tmp_path, neo4j_store):
    before, _ = cuts(tmp_path)
    neo4j_store.write(read_paths([before]).batch)
    counts = neo4j_store.counts()
    mesa = scenario(tmp_path / "mesa.xlsx")
    on_neo4j = tejido("simular", mesa, "--store", neo4j_store.uri, "--format", "json")
    assert on_neo4j.exit_code == 0, on_neo4j.output
    out = json.loads(on_neo4j.stdout)
    assert CLOSED in {f["id"] for f in out["findings_closed"]}
    assert pair_ids(out["ties_added"]) == {(CONQUITO_ID, SA_ID)}
    assert neo4j_store.counts() == counts
    store = _store(tmp_path / "b.json", before)
    on_file = tejido("simular", mesa, "--store", store.path, "--format", "json")
    assert json.loads(on_file.stdout) == out
