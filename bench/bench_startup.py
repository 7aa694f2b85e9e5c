"""How long the command line takes to start: `tejido --help` beside `python -c "import click"`.

A planner runs many short commands; listing them should cost about what loading click
costs. Each command runs ``--repeat`` times as a fresh process (the console script next
to this Python, as a user runs it); per run the wall time, the CPU time and the peak
resident memory of that process alone (``os.wait4``'s resource usage, the figures
``/usr/bin/time -v`` prints) are taken, and the median is printed with the ratio to
``python -c "import click"`` measured in the same run.

Acceptance (issue 14): ``tejido --help`` under 0.4 s and 60 MB; so is every command's own
``--help`` (listing commands and help import nothing heavy). The exit status is 1 if a
median misses either.

    python bench/bench_startup.py               # 15 runs each
    python bench/bench_startup.py --repeat 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

MAX_SECONDS = 0.4
MAX_MB = 60.0


def _script() -> list[str]:
    script = Path(sys.executable).parent / "tejido"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from tejido.cli.main import main; main(prog_name='tejido')"]


def _commands() -> dict[str, list[str]]:
    """click alone, ``tejido --help`` and ``--version``, and every command's own help."""
    from tejido.cli.main import COMMANDS as NAMES  # the registry only: no command loads

    commands = {
        'python -c "import click"': [sys.executable, "-c", "import click"],
        "tejido --help": [*_script(), "--help"],
        "tejido --lang en --help": [*_script(), "--lang", "en", "--help"],
        "tejido --version": [*_script(), "--version"],
    }
    for name in sorted(NAMES):
        commands[f"tejido {name} --help"] = [*_script(), name, "--help"]
    return commands


COMMANDS = _commands()


def once(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one run of ``argv``."""
    tick = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - tick
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    medians: dict[str, tuple[float, float, float]] = {}
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):  # interleaved: a busy moment hits every command alike
        for name, argv in COMMANDS.items():
            runs[name].append(once(argv))
    for name, figures in runs.items():
        medians[name] = tuple(statistics.median(f[i] for f in figures) for i in range(3))
    base = medians['python -c "import click"']
    print(f"start-up, median of {args.repeat} fresh processes (2 shared cores)")
    print(f"{'':<28}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'× click wall':>14}{'× MB':>7}")
    for name, (wall, cpu, mb) in medians.items():
        print(f"{name:<28}{wall:>8.3f}{cpu:>8.3f}{mb:>9.1f}{wall / base[0]:>14.2f}"
              f"{mb / base[2]:>7.2f}")
    ok = True
    for name, (wall, _, mb) in medians.items():
        if name.startswith("tejido"):
            passed = wall < MAX_SECONDS and mb < MAX_MB
            ok &= passed
            if name == "tejido --help" or not passed:
                print(f"{name}: {wall:.3f} s, {mb:.1f} MB (target < {MAX_SECONDS} s and "
                      f"< {MAX_MB:g} MB): {'PASS' if passed else 'FAIL'}")
    print(f"every command's help under {MAX_SECONDS} s and {MAX_MB:g} MB: "
          f"{'PASS' if ok else 'FAIL'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
