"""Neo4j does the work server-side: every built-in query on the national portfolio, timed on
Neo4j (its Cypher) and on the embedded store (its networkx twin), rows compared.

    python bench/bench_neo4j_national.py [--actions 40000] [--sample 200] [--full]
        [--heap 2g] [--pagecache 1g] [--timeout 900] [--only NAME ...] [--filtered]
        [--reports] [--gds] [--uri bolt://…]

Issue 14 (item 3): at the national secretariat's scale the gap queries and the actor
network run as Cypher on the server, not in Python over a copy of the graph. This draws
the national synthetic portfolio (:mod:`tejido.loaders.synth_national`, seed 0, the same
as bench/bench_national.py), saves it as a folder of CSV sheets and reads it back with the
loader ``tejido load`` uses (:func:`tejido.loaders.base.read_paths`), writes it into an
embedded store and into a local Neo4j the benchmark starts on a free port (data in a
temporary folder; ``--uri`` uses a running server instead, wiping tejido's nodes there),
then for every built-in query (``queries/builtin`` and ``queries/gaps``):

- times its Cypher on Neo4j twice: ``server s``, the rows only counted on the server
  (the query wrapped in ``CALL () { … } RETURN count(*)``: the server's work alone), and
  ``Neo4j s``, as tejido runs it (``Store.rows``: a read transaction, rows back in Python); and
  its twin on the embedded store (the first twin also builds the snapshot's index, shown
  apart as ``(index)``);
- compares the rows as the parity contract does (:func:`tejido.queries.runner.canonical_rows`):
  equal row counts, and either every row (``--full``, or at most ``--sample`` rows) or a
  seeded random sample of ``--sample`` keys (the shortest run of leading columns that is
  unique on the twin's side) looked up on both sides.

``--filtered`` also runs every query taking ``eje``/``territorio`` with a province (and an
eje) drawn from the portfolio. ``--reports`` also runs what ``tejido gaps`` and
``tejido centrality`` run (:func:`find_gaps`, :func:`compute_centrality`) on both stores
and compares the reports. ``--gds`` starts Neo4j with Graph Data Science (centrality's
betweenness, PageRank and Louvain then run there; compared with a tolerance by
tests/test_gds.py, not here).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.local_server import LocalServer
from tejido.graph.neo4j_jars import to_stderr
from tejido.graph.neo4j_store import Neo4jStore
from tejido.graph.store import Store
from tejido.loaders.base import read_paths
from tejido.loaders.synth_national import national_workbook, write_csv_folder
from tejido.queries.catalog import QuerySpec, builtin_specs
from tejido.queries.runner import canonical_rows

SEED = 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def neo4j_store(uri: str | None, tmp: Path, heap: str, pagecache: str,
                gds: bool) -> Iterator[Neo4jStore]:
    """A store on ``uri``, or on a local server started (and stopped) for the run."""
    if uri:
        store = Neo4jStore.from_env(uri)
        try:
            yield store
        finally:
            store.close()
        return
    local = LocalServer(port=_free_port(), data_dir=tmp / "neo4j", heap=heap,
                        pagecache=pagecache, gds=gds)
    print(f"starting Neo4j on port {local.port} (heap {heap}, page cache {pagecache}"
          f"{', GDS' if gds else ''})…", flush=True)
    local.start(password=os.environ.get("NEO4J_PASSWORD") or None, echo=to_stderr)
    store = Neo4jStore(local.uri, local.auth)
    try:
        yield store
    finally:
        store.close()
        local.stop()


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def draw(actions: int, tmp: Path) -> Any:
    """The national portfolio's batch, read back from its CSV folder as ``tejido load``
    reads it."""
    folder = tmp / f"national-{actions}"
    tables = national_workbook(actions, seed=SEED)
    write_csv_folder(tables, folder)
    del tables
    return read_paths([folder]).batch


def key_width(canon: list[list[Any]]) -> int:
    """The fewest leading columns whose values (scalars) tell the rows apart; every
    column if none do."""
    width = len(canon[0]) if canon else 1
    for k in range(1, width + 1):
        heads = [json.dumps(row[:k]) for row in canon]
        if all(not isinstance(v, list | dict) for row in canon for v in row[:k]) and \
                len(set(heads)) == len(heads):
            return k
    return width


def compare(spec: QuerySpec, neo: list[dict[str, Any]], twin: list[dict[str, Any]],
            sample: int, full: bool, rng: random.Random) -> tuple[str, str]:
    """(how compared, 'yes'/'NO …') for one query's rows on both stores."""
    if len(neo) != len(twin):
        return "count", f"NO ({len(neo)} vs {len(twin)} rows)"
    if full or len(twin) <= sample:
        same = canonical_rows(neo, spec.columns) == canonical_rows(twin, spec.columns)
        return "all", "yes" if same else "NO"
    canon_twin = [json.loads(r) for r in canonical_rows(twin, spec.columns)]
    width = key_width(canon_twin)
    by_key_twin: dict[str, Counter[str]] = {}
    for row in canon_twin:
        by_key_twin.setdefault(json.dumps(row[:width]), Counter())[json.dumps(row)] += 1
    keys = rng.sample(sorted(by_key_twin), min(sample, len(by_key_twin)))
    wanted = set(keys)
    by_key_neo: dict[str, Counter[str]] = {}
    for text in canonical_rows(neo, spec.columns):
        row = json.loads(text)
        key = json.dumps(row[:width])
        if key in wanted:
            by_key_neo.setdefault(key, Counter())[json.dumps(row)] += 1
    bad = [k for k in keys if by_key_neo.get(k) != by_key_twin[k]]
    how = f"{len(keys)} keys/{width} col"
    return how, "yes" if not bad else f"NO ({len(bad)} keys differ, e.g. {bad[0][:80]})"


def server_only(spec: QuerySpec) -> QuerySpec:
    """``spec`` with its rows counted on the server instead of sent: its time is the
    server's work alone, without the transfer and the driver's decoding of the rows."""
    return spec.model_copy(update={
        "cypher": f"CALL () {{\n{spec.cypher}\n}}\nRETURN count(*) AS n", "columns": ["n"]})


def run_queries(neo: Store, emb: Store, specs: list[QuerySpec], params: dict[str, Any],
                args: argparse.Namespace, label: str = "") -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    results = []
    print(f"\n{'query':42} {'server s':>9} {'Neo4j s':>9} {'twin s':>8} {'rows':>8}  "
          f"{'compared':16} equal", flush=True)
    for spec in specs:
        bound = spec.bind({k: v for k, v in params.items()
                           if k in {p.name for p in spec.parameters}})
        name = spec.name + label if params else spec.name
        try:
            server_s, _ = timed(lambda s=spec, b=bound: neo.rows(server_only(s), b, args.timeout))
            neo_s, neo_rows = timed(lambda s=spec, b=bound: neo.rows(s, b, args.timeout))
        except Exception as exc:  # noqa: BLE001 - a failed query is a finding, not the end
            print(f"{name:42} FAILED on Neo4j: {str(exc)[:200]}", flush=True)
            results.append({"query": name, "neo4j": None, "failed": True})
            continue
        twin_s, twin_rows = timed(lambda s=spec, b=bound: emb.rows(s, b))
        how, equal = compare(spec, neo_rows, twin_rows, args.sample, args.full, rng)
        print(f"{name:42} {server_s:9.2f} {neo_s:9.2f} {twin_s:8.2f} {len(twin_rows):8d}  "
              f"{how:16} {equal}", flush=True)
        results.append({"query": name, "server": server_s, "neo4j": neo_s, "twin": twin_s,
                        "rows": len(twin_rows), "equal": equal})
    return results


def reports(neo: Store, emb: Store) -> None:
    """What ``tejido gaps`` and ``tejido centrality`` run, on both stores."""
    from tejido.queries.centrality import compute_centrality
    from tejido.queries.gaps import find_gaps

    neo_s, neo_report = timed(lambda: find_gaps(neo).model_dump(mode="json"))
    emb_s, emb_report = timed(lambda: find_gaps(emb).model_dump(mode="json"))
    print(f"\nfind_gaps: Neo4j {neo_s:.1f} s, embedded {emb_s:.1f} s, "
          f"{len(emb_report['findings'])} findings, same report: "
          f"{'yes' if neo_report == emb_report else 'NO'}", flush=True)
    del neo_report, emb_report
    neo_s, neo_rows = timed(lambda: compute_centrality(neo, use_gds=False))
    emb_s, emb_rows = timed(lambda: compute_centrality(emb, use_gds=False))
    columns = list(emb_rows[0]) if emb_rows else []
    same = canonical_rows(neo_rows, columns) == canonical_rows(emb_rows, columns)
    print(f"compute_centrality (igraph on both): Neo4j {neo_s:.1f} s, embedded {emb_s:.1f} s, "
          f"{len(emb_rows)} actors, same rows: {'yes' if same else 'NO'}", flush=True)
    if neo.gds_version():
        gds_s, _ = timed(lambda: compute_centrality(neo, use_gds=True))
        print(f"compute_centrality with GDS {neo.gds_version()}: {gds_s:.1f} s", flush=True)


def filters(emb: EmbeddedStore, rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    """A province (a territory two levels below the nation) and an eje with actions."""
    graph = emb.snapshot()
    parents = {a: b for a, b, kind in graph.edges(data="type")
               if kind == "PART_OF" and graph.nodes[a].get("label") == "Territory"}
    roots = {t for t in parents.values() if t not in parents}
    provinces = sorted(t for t, p in parents.items() if p in roots)
    axes = sorted(n for n, label in graph.nodes(data="label") if label == "Axis")
    out = []
    if provinces:
        out.append(("[prov]", {"territorio": rng.choice(provinces)}))
    if axes:
        out.append(("[eje]", {"eje": rng.choice(axes)}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=40_000)
    parser.add_argument("--sample", type=int, default=200, help="keys compared per query")
    parser.add_argument("--full", action="store_true", help="compare every row")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per query")
    parser.add_argument("--only", nargs="*", help="only these queries")
    parser.add_argument("--filtered", action="store_true",
                        help="also with a province and an eje as filters")
    parser.add_argument("--reports", action="store_true",
                        help="also find_gaps and compute_centrality on both stores")
    parser.add_argument("--gds", action="store_true", help="start Neo4j with GDS")
    parser.add_argument("--uri", help="a running Neo4j (tejido's nodes there are wiped)")
    args = parser.parse_args()
    specs = [s for s in builtin_specs() if not args.only or s.name in args.only]
    with tempfile.TemporaryDirectory(prefix="tejido-neo4j-national-") as name:
        tmp = Path(name)
        draw_s, batch = timed(lambda: draw(args.actions, tmp))
        counts = batch.counts()
        print(f"{args.actions} actions: {len(batch.nodes)} nodes, {len(batch.rels)} "
              f"relationships ({counts.get('Actor', 0)} actors), drawn and read in "
              f"{draw_s:.1f} s", flush=True)
        emb = EmbeddedStore(tmp / "national.graph")
        emb_s, _ = timed(partial(emb.write, batch))
        with neo4j_store(args.uri, tmp, args.heap, args.pagecache, args.gds) as neo:
            if args.uri:
                neo.wipe()
            neo_s, _ = timed(partial(neo.write, batch))
            del batch
            print(f"written: embedded {emb_s:.1f} s, Neo4j {neo_s:.1f} s", flush=True)
            actors = next(s for s in builtin_specs() if s.name == "actors")
            index_s, _ = timed(lambda: emb.rows(actors, {}))
            print(f"(index) the embedded snapshot's index, with the first twin: "
                  f"{index_s:.2f} s", flush=True)
            results = run_queries(neo, emb, specs, {}, args)
            if args.filtered:
                for label, params in filters(emb, random.Random(SEED)):
                    print(f"\nfiltered {label}: {params}")
                    takes = [s for s in specs if {p.name for p in s.parameters} & set(params)]
                    results += run_queries(neo, emb, takes, params, args, label)
            done = [r for r in results if r.get("neo4j") is not None]
            print(f"\ntotal: server {sum(r['server'] for r in done):.1f} s, Neo4j "
                  f"{sum(r['neo4j'] for r in done):.1f} s, twins "
                  f"{sum(r['twin'] for r in done):.1f} s; failed "
                  f"{sum(1 for r in results if r.get('failed'))}; not equal "
                  f"{sum(1 for r in done if r['equal'] != 'yes')}", flush=True)
            if args.reports:
                reports(neo, emb)


if __name__ == "__main__":
    main()
