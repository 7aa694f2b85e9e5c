"""How fast a map becomes interactive in headless Chromium, beside pyvis's defaults.

    python bench/bench_map.py [--sizes 1000 5000 20000] [--repeat 3] [--pyvis-repeat 1]
                              [--keep DIR]

For each size the bench generates a synthetic portfolio (actors in communities of 40,
half as many actions with 2–4 participants each, mostly from one community), loads it
into an embedded store, writes the actor map of its snapshot with ``write_map`` (gaps
off: their count grows with the data and is not what is measured here) and opens it in
Debian's Chromium.

"Interactive" means:
- tejido: the page's readiness flag, set on vis-network's first ``afterDrawing`` (layout
  precomputed, physics off), i.e. the first frame a user can click, search and drag;
- pyvis: the first ``afterDrawing`` after ``stabilizationIterationsDone`` (its default
  physics must stabilise before the picture settles). The page is stock pyvis with
  default network options (physics on) written by ``write_html``, with
  ``cdn_resources="in_line"``: pyvis's own way to inline the vis-network 9.1.2 it ships.
  (Its default, "local", loads vis-network from cdnjs with a Subresource-Integrity hash
  that pyvis's packaged copy does not match, so it cannot be served locally.) The
  template's Bootstrap CDN links remain; those requests are aborted — Bootstrap only
  styles the menus, which a default Network does not show.

Times are wall-clock from ``page.goto`` to the condition, median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Route, sync_playwright
from pyvis.network import Network

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.model import (
    Action,
    Actor,
    ActorTipo,
    Axis,
    GraphBatch,
    Rel,
    RelType,
    Territory,
)
from tejido.queries.network import actor_network
from tejido.viz.maps import write_map

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
COMMUNITY = 40
TIMEOUT_MS = 600_000

# Hooks pyvis's global `network` as the page assigns it, to time its events.
PYVIS_PROBE = """
(() => {
  let net;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return net; },
    set(value) {
      net = value;
      value.once("stabilizationIterationsDone", () => {
        value.once("afterDrawing", () => { window.benchReady = true; });
      });
    },
  });
})();
"""


def portfolio(actors: int, seed: int = 1) -> GraphBatch:
    """Actors in communities; each action joins 2–4 of them, 85% from one community."""
    rng = random.Random(seed)
    batch = GraphBatch()
    tipos = list(ActorTipo)
    people = [batch.add_node(Actor(id=f"actor:{i}", name=f"Actor {i}", tipo=rng.choice(tipos),
                                   interno=rng.random() < 0.5)) for i in range(actors)]
    ejes = [batch.add_node(Axis(id=f"axis:{i}", name=f"Eje {i}")) for i in range(8)]
    places = [batch.add_node(Territory(id=f"territory:{i}", name=f"Parroquia {i}"))
              for i in range(30)]
    groups = max(1, actors // COMMUNITY)
    for j in range(actors // 2):
        action = batch.add_node(Action(id=f"action:{j}", titulo=f"Acción {j}"))
        group = rng.randrange(groups)
        chosen: list[Actor] = []
        while len(chosen) < rng.choice((2, 2, 3, 3, 4)):
            if rng.random() < 0.85:
                pick = people[min(actors - 1, group * COMMUNITY + rng.randrange(COMMUNITY))]
            else:
                pick = rng.choice(people)
            if pick not in chosen:
                chosen.append(pick)
        for k, person in enumerate(chosen):
            rtype = RelType.LEADS if k == 0 else RelType.ARTICULATES
            batch.add_rel(Rel(type=rtype, source=person.id, target=action.id,
                              source_label="Actor", target_label="Action"))
        for rtype, target in ((RelType.UNDER, rng.choice(ejes)),
                              (RelType.TARGETS, rng.choice(places))):
            batch.add_rel(Rel(type=rtype, source=action.id, target=target.id,
                              source_label="Action", target_label=target.label))
    return batch


def time_page(browser: Browser, path: Path, ready: str, init: str | None = None,
              pyvis: bool = False) -> float:
    """Seconds from navigation to the ``ready`` selector/expression; fails on any request
    that would leave the machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    leaks: list[str] = []

    def route(r: Route) -> None:
        url = r.request.url
        if url.startswith("file://"):
            r.continue_()
        elif pyvis and "cdn.jsdelivr.net/npm/bootstrap@" in url:
            r.abort()
        else:
            leaks.append(url)
            r.abort()

    context.route("**/*", route)
    if init:
        context.add_init_script(init)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if not pyvis:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=TIMEOUT_MS)
    if ready.startswith("window."):
        page.wait_for_function(ready, timeout=TIMEOUT_MS, polling=50)
    else:
        page.wait_for_selector(ready, state="attached", timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - start
    context.close()
    if leaks or errors:
        raise RuntimeError(f"{path.name}: requests {leaks}, errors {errors}")
    return elapsed


def pyvis_page(batch_store: EmbeddedStore, folder: Path) -> Path:
    """Stock pyvis: default Network options, one add_node/add_edge per actor and link."""
    graph = actor_network(batch_store.snapshot())
    net = Network(cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        net.add_node(node, label=attrs["name"])
    for a, b in graph.edges():
        net.add_edge(a, b)
    here = Path.cwd()
    os.chdir(folder)  # write_html takes a bare file name in the working directory
    try:
        net.write_html("pyvis.html")
    finally:
        os.chdir(here)
    return folder / "pyvis.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyvis-repeat", type=int, default=1,
                        help="pyvis runs (each takes minutes: its physics must settle)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the maps in DIR")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-map-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pyvis_seconds = None
        for size in args.sizes:
            store = EmbeddedStore(folder / f"graph-{size}.json")
            store.wipe()
            store.write(portfolio(size))
            stats = write_map(store.snapshot(), folder / f"tejido-{size}.html", gaps=False)
            runs = [time_page(browser, stats.path, "body[data-ready='1']")
                    for _ in range(args.repeat)]
            rows.append((size, stats, statistics.median(runs)))
            print(f"tejido {size:>6} nodes {stats.edges:>6} links: write {stats.seconds:6.2f} s "
                  f"(layout {stats.layout_seconds:5.2f} s), {stats.bytes / 1e6:6.2f} MB "
                  f"= {stats.bytes / stats.nodes:5.0f} B/node, interactive "
                  f"{statistics.median(runs):6.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)})",
                  flush=True)
            if size == 1000:
                page = pyvis_page(store, folder)
                runs = [time_page(browser, page, "window.benchReady === true", PYVIS_PROBE,
                                  pyvis=True) for _ in range(args.pyvis_repeat)]
                pyvis_seconds = statistics.median(runs)
                print(f"pyvis  {size:>6} nodes (defaults, physics on): interactive "
                      f"{pyvis_seconds:6.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)})",
                      flush=True)
        browser.close()
    by_size = {size: seconds for size, _, seconds in rows}
    if pyvis_seconds is not None and 1000 in by_size:
        ratio = pyvis_seconds / by_size[1000]
        print(f"pyvis@1000 / tejido@1000 = {ratio:.1f}x  (target >= 20x: "
              f"{'ok' if ratio >= 20 else 'MISSED'})")
    if 1000 in by_size and 20000 in by_size:
        ratio = by_size[20000] / by_size[1000]
        print(f"tejido@20000 / tejido@1000 = {ratio:.1f}x  (target <= 10x: "
              f"{'ok' if ratio <= 10 else 'MISSED'})")
    print(f"maps in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
