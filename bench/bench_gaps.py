"""Gap-report benchmark on a synthetic portfolio: time per query, and the work the joins save.

    python bench/bench_gaps.py [--actors 600] [--actions 6000] [--uri bolt://…]

Prints, for the embedded store (and Neo4j with ``--uri``/``$NEO4J_URI``, whose tejido data
is wiped first): seconds per gap query and for the whole ``find_gaps``. Then the actor
pairs ``coordinacion_faltante`` examines (pairs sharing an (eje, territory) context, met
once per shared context — the evidence the report lists) against all actor pairs, and the
title comparisons ``iniciativa_duplicada`` makes (length windows) against all title pairs,
with their ratios. The synthetic portfolio is dense (few ejes, many TODOS actions), the
worst case for both; the ratios fall as ejes, territories and title lengths spread.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.store import Store, open_store
from tejido.loaders.synth import synth_batch
from tejido.queries.gap_kinds import REGISTRY
from tejido.queries.gap_rows import GraphIndex
from tejido.queries.gaps import SECTION_QUERIES, RowSource, find_gaps
from tejido.queries.similarity import BLOCK, max_partner_length, normalize


def _time_queries(store: Store) -> None:
    source = RowSource(store)
    names = dict.fromkeys([q for k in REGISTRY.values() for q in k.queries] + list(SECTION_QUERIES))
    params = {"eje": None, "territorio": None}
    for name in names:
        started = time.perf_counter()
        rows = source.rows(name, params)
        print(f"  {name:32s} {time.perf_counter() - started:8.3f} s  {len(rows):7d} rows")
    started = time.perf_counter()
    report = find_gaps(store)
    print(f"  {'find_gaps (all kinds)':32s} {time.perf_counter() - started:8.3f} s  "
          f"{report.summary.total:7d} findings")


def _pair_counts(store: Store) -> None:
    ix = GraphIndex.of(store.snapshot())
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for action in ix.actions:
        for eje in ix.ejes(action):
            for territory in ix.targets.get(action, ()):
                members[(eje, territory)] |= ix.participants(action)
    incidences = sum(len(m) * (len(m) - 1) // 2 for m in members.values())
    candidates = {(a, b) for m in members.values() for a in m for b in m if a < b}
    actors = len(ix.actors)
    every = actors * (actors - 1) // 2
    print(f"  coordinacion_faltante: {len(candidates)} candidate pairs (sharing a context) vs "
          f"{every} actor pairs (ratio {len(candidates) / max(every, 1):.3f}); "
          f"{incidences} (pair, context) rows in {len(members)} contexts")
    titles = sorted(len(normalize(ix.attr(a, "titulo") or "")) for a in ix.actions)
    titles = [n for n in titles if n]
    compared = 0
    for start in range(0, len(titles), BLOCK):
        stop = min(start + BLOCK, len(titles))
        window = bisect_right(titles, max_partner_length(titles[stop - 1]))
        compared += (stop - start) * (window - start)
    all_pairs = len(titles) * (len(titles) - 1) // 2
    print(f"  iniciativa_duplicada: {compared} title scores vs {all_pairs} title pairs "
          f"(ratio {compared / max(all_pairs, 1):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=600)
    parser.add_argument("--actions", type=int, default=6000)
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    args = parser.parse_args()
    batch = synth_batch(args.actors, args.actions, seed=1).batch
    print(f"portfolio: {batch.counts()}")
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "graph.json")
        store.write(batch)
        print("embedded store:")
        _time_queries(store)
        _pair_counts(store)
    if args.uri:
        with open_store(args.uri) as neo4j:
            neo4j.wipe()
            neo4j.write(batch)
            print(f"neo4j ({neo4j.describe()}):")
            _time_queries(neo4j)


if __name__ == "__main__":
    main()
