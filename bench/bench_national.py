"""The national portfolio as a planner runs it: whole CLI processes, peak memory of each.

    python bench/bench_national.py [--actions 200000] [--growth 10000 40000]
                                   [--informe] [--timeout 3600] [--max-gb G] [--keep DIR]

Issue 14 (item 5a): the national planning secretariat holds the plans of every GAD, about
1 100 of them and 100 000–200 000 actions, and must run them on a 2-core laptop. For each
size (the ``--growth`` sizes, then ``--actions``) this draws the national synthetic
portfolio (:mod:`tejido.loaders.synth_national`: 24 provinces, 221 cantons, ~1 100
parishes and GADs, national bodies, one local organisation per ten actions), saves it as
a folder of CSV sheets, and runs, each as its own ``tejido`` process on an embedded store:

    load <folder> --store S; quality --format json (stdout to a file);
    gaps --format json --out F; centrality --all --format csv --out F; informe (--informe)

printing wall seconds, CPU seconds (user + system) and peak resident memory of each
process (``os.wait4``: the kernel's own figures for exactly that child), the store and
output sizes, and the growth ratio of each step between consecutive sizes (×4 actions is
×4 if the step grows linearly). A step that fails or runs past ``--timeout`` is reported
as such and the later steps of that size are skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tejido.loaders.synth_national import national_workbook, write_csv_folder

SEED = 0
TEJIDO = Path(sys.executable).with_name("tejido")


def steps(folder: Path, store: Path, out: Path, informe: bool) -> list[tuple[str, list[str],
                                                                            Path | None]]:
    """(name, arguments, file that receives stdout) of each command, in order."""
    s = ["--store", str(store)]
    run = [
        ("load", ["load", str(folder), *s, "--quiet"], None),
        ("quality", ["quality", *s, "--format", "json"], out / "quality.json"),
        ("gaps", ["gaps", *s, "--format", "json", "--out", str(out / "gaps.json"), "--force"],
         None),
        ("centrality", ["centrality", *s, "--all", "--format", "csv",
                        "--out", str(out / "centrality.csv"), "--force"], None),
    ]
    if informe:
        run.append(("informe", ["informe", *s, "--out", str(out / "informe.pdf"),
                                "--fecha", "2026-01-01", "--force"], None))
    return run


def _cap(gigabytes: float) -> None:
    """Limit the child's address space (run in the child before exec): on a shared
    machine a step that would outgrow it fails with MemoryError instead of swapping."""
    limit = int(gigabytes * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_child(args: list[str], stdout: Path | None, timeout: float,
              max_gb: float | None = None) -> dict[str, float]:
    """Run ``tejido args``; its wall and CPU seconds, peak RSS (MB) and exit code."""
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    # A file, not a pipe, for stderr: a chatty child never blocks.
    errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    started = time.perf_counter()
    try:
        child = subprocess.Popen([str(TEJIDO), *args], stdout=sink, stderr=errors,
                                 env={**os.environ, "TEJIDO_LANG": "en"},
                                 preexec_fn=(lambda: _cap(max_gb)) if max_gb else None)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                status = -1
                break
            time.sleep(0.05)
        child.returncode = 0  # reaped here: keep Popen from waiting again
        errors.seek(0)
        error = errors.read().decode("utf-8", "replace")
    finally:
        errors.close()
        if stdout:
            sink.close()  # type: ignore[union-attr]
    code = -1 if status == -1 else os.waitstatus_to_exitcode(status)
    if code:
        print(f"    exit {code}: {error.strip()[-400:]}")
    return {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss / 1024, "code": code}


def measure(actions: int, tmp: Path, informe: bool, timeout: float,
            max_gb: float | None = None) -> dict[str, dict]:
    """Draw, save and run the whole chain on one size; figures per step."""
    folder, out = tmp / f"national-{actions}", tmp / f"out-{actions}"
    out.mkdir(parents=True, exist_ok=True)
    store = tmp / f"national-{actions}.graph"
    started = time.process_time()
    tables = national_workbook(actions, seed=SEED)
    write_csv_folder(tables, folder)
    actors = len(tables["actores"])
    gads = sum(1 for a in tables["actores"] if a["tipo"].startswith("gad_"))
    del tables
    print(f"\n{actions} actions, {actors} actors ({gads} GADs), drawn and saved in "
          f"{time.process_time() - started:.1f} s CPU; "
          f"CSV {sum(f.stat().st_size for f in folder.iterdir()) / 1e6:.1f} MB")
    print(f"  {'step':11} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    results: dict[str, dict] = {}
    for name, args, stdout in steps(folder, store, out, informe):
        figures = run_child(args, stdout, timeout, max_gb)
        results[name] = figures
        print(f"  {name:11} {figures['wall']:8.1f} {figures['cpu']:8.1f} "
              f"{figures['rss']:8.0f}" + ("" if not figures["code"] else "  FAILED"),
              flush=True)
        if figures["code"]:
            break
    sizes = {p.name: p.stat().st_size / 1e6 for p in [store, *out.iterdir()] if p.exists()}
    print("  sizes (MB): " + ", ".join(f"{k} {v:.1f}" for k, v in sizes.items()))
    return results


def growth(sizes: list[tuple[int, dict[str, dict]]]) -> None:
    print("\ngrowth between consecutive sizes (CPU s / peak MB):")
    for (n0, a), (n1, b) in zip(sizes, sizes[1:], strict=False):
        parts = [f"{step} ×{b[step]['cpu'] / a[step]['cpu']:.2f} / "
                 f"×{b[step]['rss'] / a[step]['rss']:.2f}"
                 for step in a if step in b and not a[step]["code"] and not b[step]["code"]]
        print(f"  {n0} -> {n1} actions (×{n1 / n0:.1f}): " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=200_000,
                        help="the national size (0: only the growth sizes)")
    parser.add_argument("--growth", type=int, nargs="*", default=[10_000, 40_000])
    parser.add_argument("--informe", action="store_true", help="also run tejido informe")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per step")
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    parser.add_argument("--max-gb", type=float,
                        help="address-space limit per step (a step above it fails)")
    args = parser.parse_args()
    sizes = sorted({*args.growth, *([args.actions] if args.actions else [])})
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="tejido-national-"))
    try:
        results = [(n, measure(n, tmp, args.informe, args.timeout, args.max_gb)) for n in sizes]
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    growth(results)


if __name__ == "__main__":
    main()
