"""Gap-report size on synthetic portfolios: findings per kind and the size of each format.

    python bench/bench_report_size.py [--actions 10000 40000] [--seed 0]

Issue 10 asks the report to grow with contexts and actions, not with actor pairs: at
40 000 actions the JSON report must hold fewer findings than twice the number of actions,
growing at most ×4.5 from 10 000, and the HTML report must stay under 10 MB and open with
its summary. For each size (actors = a quarter of the actions, tejido.loaders.synth) this
prints the findings per kind and status, the «coordinación faltante» pairs left out by the
per-context cap, the findings per action, the bytes of the JSON and HTML reports, CPU
seconds of ``find_gaps`` and of writing each format (the XLSX also as a ratio to the JSON
written in the same run: both write every finding), and the growth ratios between
consecutive sizes (a writer that grows much faster than the findings is doing per-row work
that grows with the sheet, as the XLSX writer once did: four minutes at 10 000 actions).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.synth import synth_batch
from tejido.queries.gaps import find_gaps
from tejido.reports.gap_files import to_csv, to_json, to_xlsx
from tejido.reports.gap_summary import EXEC
from tejido.reports.gap_text import to_html, to_markdown

WRITERS = {"json": to_json, "html": to_html, "md": to_markdown, "csv": to_csv,
           "xlsx": to_xlsx}


def measure(actions: int, seed: int, folder: Path) -> dict[str, float]:
    store = EmbeddedStore(folder / f"synth-{actions}.json")
    store.write(synth_batch(max(actions // 4, 1), actions, seed).batch)
    started = time.process_time()
    report = find_gaps(store)
    cpu = time.process_time() - started
    per_kind = Counter((f.kind, f.status) for f in report.findings)
    written: dict[str, float] = {}
    for fmt, writer in WRITERS.items():
        tick = time.process_time()
        writer(report)
        written[fmt] = time.process_time() - tick
    json_bytes = len(to_json(report).encode("utf-8"))
    html = to_html(report)
    html_bytes = len(html.encode("utf-8"))
    summary_at = html.find(f'id="{EXEC}"')
    print(f"\n{actions} actions: {len(report.findings)} findings "
          f"({len(report.findings) / actions:.2f} per action), "
          f"{report.summary.pares_omitidos} pairs left out by the cap, find_gaps {cpu:.1f} s CPU")
    for (kind, status), count in sorted(per_kind.items()):
        print(f"  {kind:24} {status:14} {count:8}")
    print(f"  JSON {json_bytes / 1e6:.2f} MB; HTML {html_bytes / 1e6:.2f} MB, executive "
          f"summary at byte {summary_at} of the page, first finding table at byte "
          f"{html.find('<table')}")
    print("  writing, CPU s: " + ", ".join(f"{k} {v:.2f}" for k, v in written.items())
          + f" (xlsx/json ×{written['xlsx'] / written['json']:.2f})")
    return {"findings": len(report.findings), "json": json_bytes, "html": html_bytes,
            "cpu": cpu, **{f"write {k}": v for k, v in written.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[10000, 40000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [(n, measure(n, args.seed, Path(tmp))) for n in args.actions]
    print("\ngrowth between consecutive sizes:")
    for (n0, a), (n1, b) in zip(results, results[1:], strict=False):
        ratios = ", ".join(f"{key} ×{b[key] / a[key]:.2f}" for key in a)
        print(f"  {n0} -> {n1} actions (×{n1 / n0:.1f}): {ratios}")

if __name__ == "__main__":
    main()
