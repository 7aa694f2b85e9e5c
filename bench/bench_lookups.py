"""What one Python dict look-up costs as the table grows: the floor under the analyses.

Every twin of a gap query reads the portfolio through tables keyed by node id (an
action's participants, eje, sources…), in an order unrelated to where the keys live in
memory. This times a random-order look-up in a dict of ``n`` action-like string keys
(each value a small frozenset, as the index holds) at the sizes bench_analyses.py uses and
beyond, in one run, and prints the cost per look-up and its ratio to the 10 000-key table.
When that ratio is well above 1 at 40 000 keys, a Python analysis doing the same number of
look-ups per action cannot grow ×4 from 10 000 to 40 000 actions: each look-up itself
costs more once the table and its keys outgrow the processor's caches.

    python bench/bench_lookups.py
"""

from __future__ import annotations

import random
import time

SIZES = (2_500, 10_000, 40_000, 160_000)
LOOKUPS = 400_000
REPEAT = 5


def cost_per_lookup(n: int, rng: random.Random) -> float:
    """Nanoseconds per ``dict.get`` in random order over a table of ``n`` keys (best of
    REPEAT passes: the floor, not the machine's noise)."""
    keys = [f"action:synth-{i:06d}-{rng.random():.6f}" for i in range(n)]
    table = {key: frozenset((key,)) for key in keys}
    order = keys * max(1, LOOKUPS // n)
    rng.shuffle(order)
    best = float("inf")
    for _ in range(REPEAT):
        start = time.process_time()
        for key in order:
            table.get(key)
        best = min(best, time.process_time() - start)
    return best / len(order) * 1e9


def main() -> None:
    rng = random.Random(7)
    costs = {n: cost_per_lookup(n, rng) for n in SIZES}
    print(f"{'keys':>8} {'ns per look-up':>15} {'× 10 000 keys':>14}")
    for n, ns in costs.items():
        print(f"{n:>8} {ns:>15.1f} {ns / costs[10_000]:>14.2f}")


if __name__ == "__main__":
    main()
