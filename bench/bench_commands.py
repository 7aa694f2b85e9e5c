"""Every command a planner runs on a portfolio, as whole ``tejido`` processes.

    python bench/bench_commands.py [--actions 10000 40000] [--skip map ...]

The analysis benchmarks time the analyses inside a process; a planner runs commands, and
what they cost includes start-up, the store read and writing the file. This runs each
command below on the synthetic portfolio of each size (the one bench_analyses draws) and
prints CPU seconds (user + system) and peak memory of exactly that child (``os.wait4``),
with the growth between consecutive sizes. A writer whose cost grows much faster than
its output does per-row work that grows with the file (the XLSX gap report once looked up
every row by scanning the sheet: 232 s at 10 000 actions, against 11 s for JSON); a
command that holds its whole output at once shows a peak above the analysis'
(bench_analyses) — at 40 000 actions that was 1.66 GB for JSON on the screen, 1.04 GB for
CSV.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_national import run_child

#: (name, arguments after ``--store S``; ``{out}`` is the size's output folder, and a name
#: ending in ``>`` sends stdout to a file of that name).
COMMANDS = [
    ("gaps json>", ["gaps", "--format", "json"]),
    ("gaps csv", ["gaps", "--out", "{out}/gaps.csv"]),
    ("gaps xlsx", ["gaps", "--out", "{out}/gaps.xlsx"]),
    ("gaps html", ["gaps", "--out", "{out}/gaps.html"]),
    ("gaps md", ["gaps", "--out", "{out}/gaps.md"]),
    ("centrality csv", ["centrality", "--all", "--format", "csv",
                        "--out", "{out}/centrality.csv"]),
    ("quality json>", ["quality", "--format", "json"]),
    ("export gexf", ["export", "--format", "gexf", "--out", "{out}/graph.gexf"]),
    ("export graphml", ["export", "--format", "graphml", "--out", "{out}/graph.graphml"]),
    ("informe", ["informe", "--out", "{out}/informe.pdf", "--fecha", "2026-01-01"]),
    ("map", ["map", "--out", "{out}/map.html"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[10000, 40000])
    parser.add_argument("--skip", nargs="*", default=[], help="first words of commands to skip")
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args()
    # One BLAS thread, as bench_analyses: idle OpenBLAS threads spin and count as CPU.
    os.environ.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    commands = [(n, a) for n, a in COMMANDS if n.split()[0] not in args.skip]
    figures: dict[int, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="tejido-bench-") as tmp:
        for size in args.actions:
            # Drawn by bench_analyses in a child, so this process stays small (the kernel
            # counts a child's peak from its parent's size at the fork).
            subprocess.run([sys.executable, str(Path(__file__).with_name("bench_analyses.py")),
                            "--build", str(size), tmp], check=True)
            store, out = Path(tmp) / f"synth-{size}.json", Path(tmp) / f"out-{size}"
            out.mkdir()
            print(f"\n{size} actions\n  {'command':16} {'CPU s':>8} {'wall s':>8} "
                  f"{'peak MB':>8} {'out MB':>8}", flush=True)
            figures[size] = {}
            for name, rest in commands:
                argv = ["--store", str(store), *(a.format(out=out) for a in rest)]
                sink = out / (name.split()[0] + ".stdout") if name.endswith(">") else None
                before = {p: p.stat().st_size for p in out.iterdir()}
                result = run_child([argv[2], *argv[:2], *argv[3:]], sink, args.timeout)
                written = sum(p.stat().st_size for p in out.iterdir()
                              if before.get(p) != p.stat().st_size) / 1e6
                result["out"] = written
                figures[size][name] = result
                print(f"  {name:16} {result['cpu']:8.1f} {result['wall']:8.1f} "
                      f"{result['rss']:8.0f} {written:8.1f}"
                      + ("" if not result["code"] else "  FAILED"), flush=True)
    sizes = list(figures)
    for small, big in zip(sizes, sizes[1:], strict=False):
        print(f"\ngrowth {small} -> {big} actions (×{big / small:g}): CPU / peak / output")
        for name, _ in commands:
            a, b = figures[small][name], figures[big][name]
            if a["code"] or b["code"]:
                continue
            print(f"  {name:16} ×{b['cpu'] / a['cpu']:5.2f}  ×{b['rss'] / a['rss']:5.2f}"
                  f"  ×{b['out'] / a['out'] if a['out'] else 0:5.2f}")


if __name__ == "__main__":
    main()
