"""`tejido centrality` beside a plain python-igraph reference, on the same network, in one run.

On the synthetic portfolio of 10 000 actions (``synth_batch(2500, 10000, 0)``, saved as an
embedded store), two kinds of fresh child process run in turn, ``--repeat`` times each:

- **tejido**: ``tejido centrality --format json --out …`` through the CLI's own entry point
  (the same code path as the command: store, projection, every measure, the JSON table);
- **reference**: a plain script that reads the same store file with ``json``, builds the
  actor network itself (actors linked by shared actions, weight = shared actions, plus
  RELATES ties by ``peso``), and has python-igraph compute degree, strength, exact
  betweenness, PageRank, Burt's constraint, articulation points and Louvain — the exact
  measures tejido computes, minus the two igraph does not have (effective size and the
  Gould–Fernandez roles, which tejido computes on top: the comparison is conservative).

tejido pauses Python's cyclic garbage collector while it computes (see
``tejido.queries.centrality``); a plain script would not, so the reference runs twice: as
written (the acceptance ratio) and with the collector off too ("reference, gc off"), so
that the ratio it gives is printed as well.

Printed: CPU seconds of the whole process (interpreter start and imports included, as a
user waits for them) and of the work alone (after imports), peak RSS, the best of the
repeats, and the ratio tejido / reference (acceptance: ≤ 1.5 on whole-process CPU). The
two outputs are compared too: same actors and links, and betweenness, PageRank, constraint
and strength equal to 1e-9 (exit status 1 if the values or the ratio fail).

    python bench/bench_centrality.py                  # 10 000 actions, 3 repeats
    python bench/bench_centrality.py --scaling 10000 40000   # exact betweenness time
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTIONS = 10_000
MAX_RATIO = 1.5
KINDS = ("tejido", "reference", "reference, gc off")
TOLERANCE = 1e-9


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_tejido(store: str, out: str) -> None:
    """Run ``tejido centrality`` as its console script does; print one JSON line."""
    from tejido.cli.main import main

    start = _cpu()
    main(["centrality", "--format", "json", "--store", store, "--out", out, "--force"],
         standalone_mode=False)
    print(json.dumps({"cpu": _cpu(), "work": _cpu() - start, "peak_mb": _peak_mb()}))


def child_reference(store: str, out: str, gc_off: bool = False) -> None:
    """The plain python-igraph reference (see the module doc); print one JSON line."""
    import gc
    from itertools import combinations

    import igraph

    if gc_off:
        gc.disable()
    start = _cpu()
    data = json.loads(Path(store).read_text(encoding="utf-8"))
    actors = sorted(n["id"] for n in data["nodes"] if n.get("label") == "Actor")
    index = {actor: i for i, actor in enumerate(actors)}
    parts: dict[str, set[int]] = {}
    weight: dict[tuple[int, int], float] = {}
    for edge in data["edges"]:
        kind = edge.get("type")
        if kind in ("LEADS", "ARTICULATES"):
            parts.setdefault(edge["target"], set()).add(index[edge["source"]])
        elif kind == "RELATES" and edge["source"] != edge["target"]:
            pair = tuple(sorted((index[edge["source"]], index[edge["target"]])))
            peso = edge.get("peso")
            weight[pair] = weight.get(pair, 0) + (1 if peso is None else peso)
    for members in parts.values():
        for pair in combinations(sorted(members), 2):
            weight[pair] = weight.get(pair, 0) + 1
    pairs = list(weight)
    graph = igraph.Graph(n=len(actors), edges=pairs)
    w = [weight[p] for p in pairs]
    n = len(actors)
    betweenness = [b * 2 / ((n - 1) * (n - 2)) for b in graph.betweenness(directed=False)]
    result = {
        "grado": graph.degree(),
        "grado_ponderado": graph.strength(weights=w),
        "intermediacion": betweenness,
        # ARPACK: PRPACK (the default) spends 0.2-0.6 s preprocessing this undirected
        # graph; ARPACK gives the same values (to 1e-13) in 0.01 s. The faster way, so
        # the reference is not slowed by a default.
        "pagerank": graph.pagerank(weights=w, damping=0.85, implementation="arpack"),
        "restriccion": graph.constraint(weights=w),
        "punto_articulacion": graph.articulation_points(),
        "comunidad": graph.community_multilevel(weights=w).membership,
    }
    work = _cpu() - start
    rows = [{"id": actor, **{k: (v[i] if k != "punto_articulacion" else None)
                             for k, v in result.items()}} for i, actor in enumerate(actors)]
    Path(out).write_text(json.dumps({"rows": rows, "links": len(pairs)}))
    print(json.dumps({"cpu": _cpu(), "work": work, "peak_mb": _peak_mb()}))


def run(kind: str, store: Path, out: Path) -> dict:
    # The environment as the user has it (no thread settings): tejido sets its own.
    tick = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(store), str(out)],
                          check=True, capture_output=True, text=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - tick
    return figures


def compare(tejido_out: Path, reference_out: Path) -> tuple[bool, str]:
    """Same actors, and the deterministic measures equal to TOLERANCE."""
    ours = {row["id"]: row for row in json.loads(tejido_out.read_text(encoding="utf-8"))}
    ref = json.loads(reference_out.read_text(encoding="utf-8"))
    theirs = {row["id"]: row for row in ref["rows"]}
    if set(ours) != set(theirs):
        return False, f"actors differ: {len(ours)} vs {len(theirs)}"
    worst = {}
    for measure in ("grado", "grado_ponderado", "intermediacion", "pagerank", "restriccion"):
        diffs = []
        for actor, row in ours.items():
            a, b = row[measure], theirs[actor][measure]
            if a is None:  # an isolated actor: tejido says None, igraph NaN
                diffs.append(0.0 if b != b else float("inf"))
            else:
                diffs.append(abs(float(a) - float(b)))
        worst[measure] = max(diffs, default=0.0)
    ok = all(d <= TOLERANCE for d in worst.values())
    return ok, ", ".join(f"{k} {v:.1e}" for k, v in worst.items())


def side_by_side(repeat: int) -> bool:
    from tejido.graph.embedded import EmbeddedStore
    from tejido.loaders.synth import synth_batch

    with tempfile.TemporaryDirectory(prefix="tejido-bench-centrality-") as tmp:
        folder = Path(tmp)
        store = folder / "synth.json"
        EmbeddedStore(store).write(synth_batch(ACTIONS // 4, ACTIONS, 0).batch)
        outs = {"tejido": folder / "tejido.json", "reference": folder / "reference.json"}
        best: dict[str, dict] = {}
        for _ in range(repeat):
            for kind in KINDS:
                figures = run(kind, store, outs.get(kind, folder / "other.json"))
                if kind not in best or figures["cpu"] < best[kind]["cpu"]:
                    best[kind] = figures
        actors = len(json.loads(outs["tejido"].read_text(encoding="utf-8")))
        links = json.loads(outs["reference"].read_text(encoding="utf-8"))["links"]
        same, detail = compare(outs["tejido"], outs["reference"])
    print(f"centrality on {ACTIONS} actions: {actors} actors, {links} links "
          f"(best of {repeat}; CPU s; 2 shared cores)")
    print(f"{'':<19}{'process CPU s':>14}{'work CPU s':>12}{'wall s':>9}{'peak MB':>9}")
    for kind in KINDS:
        f = best[kind]
        print(f"{kind:<19}{f['cpu']:>14.2f}{f['work']:>12.2f}{f['wall']:>9.2f}"
              f"{f['peak_mb']:>9.0f}")
    ratio = best["tejido"]["cpu"] / best["reference"]["cpu"]
    work = best["tejido"]["work"] / best["reference"]["work"]
    print(f"ratio tejido / igraph reference: {ratio:.2f}× whole process, {work:.2f}× work "
          f"(target ≤ {MAX_RATIO:g}× whole process): {'PASS' if ratio <= MAX_RATIO else 'FAIL'}")
    gc_off = best["tejido"]["cpu"] / best["reference, gc off"]["cpu"]
    print(f"ratio tejido / igraph reference with its collector off too: {gc_off:.2f}× whole "
          "process")
    print(f"largest difference from the reference: {detail}: {'same' if same else 'DIFFERENT'}")
    return same and ratio <= MAX_RATIO


def scaling(sizes: list[int]) -> None:
    """Exact and estimated betweenness (igraph) on the actor network of portfolios of
    ``sizes`` actions: the figures that set ``BETWEENNESS_EXACT_MAX``."""
    import networkx as nx
    from scipy.stats import spearmanr

    from tejido.loaders.synth import synth_batch
    from tejido.queries import centrality_igraph as engine
    from tejido.queries.network import actor_network

    for actions in sizes:
        batch = synth_batch(max(1, actions // 4), actions, seed=0).batch
        snapshot = nx.MultiDiGraph()
        for node in batch.nodes.values():
            snapshot.add_node(node.id, label=node.label, **node.properties())
        for rel in batch.rels.values():
            snapshot.add_edge(rel.source, rel.target, key=rel.key, type=str(rel.type),
                              **rel.properties())
        net = engine.Indexed.of(actor_network(snapshot))
        tick = time.process_time()
        exact = engine.betweenness(net, exact_max=len(net.nodes))
        exact_s = time.process_time() - tick
        tick = time.process_time()
        sampled = engine.betweenness(net, exact_max=0)
        sampled_s = time.process_time() - tick
        errors = [abs(sampled[v] - exact[v]) for v in exact]
        rho = spearmanr(list(exact.values()), [sampled[v] for v in exact]).statistic
        top = {v for v, _ in sorted(exact.items(), key=lambda kv: -kv[1])[:20]}
        top_s = {v for v, _ in sorted(sampled.items(), key=lambda kv: -kv[1])[:20]}
        print(f"{actions} actions: {len(net.nodes)} actors, {len(net.edges)} links; exact "
              f"betweenness {exact_s:.1f} CPU s; estimated from {engine.BETWEENNESS_SAMPLES} "
              f"sources {sampled_s:.1f} CPU s: mean |error| {sum(errors) / len(errors):.5f}, "
              f"max {max(errors):.4f} (largest value {max(exact.values()):.4f}), Spearman "
              f"{rho:.4f}, top-20 overlap {len(top & top_s)}/20", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scaling", type=int, nargs="+", metavar="ACTIONS")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, store, out = args.child
        if kind == "tejido":
            child_tejido(store, out)
        else:
            child_reference(store, out, gc_off=kind.endswith("gc off"))
        return
    if args.scaling:
        scaling(args.scaling)
        return
    sys.exit(0 if side_by_side(args.repeat) else 1)


if __name__ == "__main__":
    main()
