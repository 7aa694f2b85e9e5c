"""Gap-report benchmark on synthetic portfolios: time per query, and the work the joins save.

    python bench/bench_gaps.py [--actions 2500 10000 40000] [--uri bolt://…]

For each size (actors = a quarter of the actions, tejido.loaders.synth) prints, for the
embedded store (and Neo4j with ``--uri``/``$NEO4J_URI``, whose tejido data is wiped
first): CPU and wall seconds per gap query and for the whole ``find_gaps``. Then the
actor pairs ``coordinacion_faltante`` examines (pairs sharing an (eje, territory)
context, met once per shared context — the evidence the report lists) against all actor
pairs, and the title comparisons ``iniciativa_duplicada`` needs: pairs inside the length
windows, pairs through the screen and through the exact bag-of-characters bound (see
tejido.queries.similarity), and all title pairs. The
synthetic territory grows with the portfolio, so contexts keep about the same size; the
length windows still grow quadratically (the character filter keeps well under 1 % of them).
On the embedded store the first twin timed also builds the snapshot's index, which every
later twin (and ``find_gaps``) reuses. CPU seconds are the primary figure: the machine may
be shared.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.store import Store, open_store
from tejido.loaders.synth import synth_batch
from tejido.queries.gaps import REGISTRY, SECTION_QUERIES, RowSource, find_gaps
from tejido.queries.gaps.iniciativa_duplicada import iniciativa_duplicada_rows, same_place_pairs
from tejido.queries.index import NetworkIndex
from tejido.queries.similarity import similar_pairs


def _time_queries(store: Store) -> None:
    source = RowSource(store)
    names = dict.fromkeys([q for k in REGISTRY.values() for q in k.queries] + list(SECTION_QUERIES))
    params = {"eje": None, "territorio": None}
    print(f"  {'query':32s} {'CPU s':>8} {'wall s':>8} {'rows':>8}")
    for name in names:
        cpu, wall = time.process_time(), time.perf_counter()
        rows = source.rows(name, params)
        print(f"  {name:32s} {time.process_time() - cpu:8.3f} {time.perf_counter() - wall:8.3f} "
              f"{len(rows):8d}")
    cpu, wall = time.process_time(), time.perf_counter()
    report = find_gaps(store)
    print(f"  {'find_gaps (all kinds)':32s} {time.process_time() - cpu:8.3f} "
          f"{time.perf_counter() - wall:8.3f} {report.summary.total:8d} findings")


def _pair_counts(store: Store) -> None:
    ix = NetworkIndex(store.snapshot())
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
    titles = [t for t in (ix.attr(a, "titulo") for a in ix.actions) if t]
    stats: dict[str, int] = {}
    similar_pairs(titles, stats=stats)
    all_pairs = len(titles) * (len(titles) - 1) // 2
    print(f"  iniciativa_duplicada: of {all_pairs} title pairs, {stats['window']} in length "
          f"windows ({stats['window'] / max(all_pairs, 1):.3f}), {stats['screened']} through "
          f"the screen, {stats['bag']} through the exact bag-of-characters bound and scored "
          f"({stats['bag'] / max(all_pairs, 1):.5f}), {stats['found']} similar")
    rows = [r for r in iniciativa_duplicada_rows(ix) if r["titulo"]]
    cpu = time.process_time()
    placed = same_place_pairs(rows)
    print(f"  iniciativa_duplicada: {len(placed)} of the {stats['found']} similar pairs may "
          f"share a place ({sum(not r['territorios'] for r in rows)} actions without "
          f"territory); same-place comparison {time.process_time() - cpu:.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[2500, 10000, 40000])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    args = parser.parse_args()
    for actions in args.actions:
        batch = synth_batch(max(1, actions // 4), actions, seed=1).batch
        print(f"\nportfolio of {actions} actions: {batch.counts()}")
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
