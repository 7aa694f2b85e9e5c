"""Offline network maps: one self-contained HTML file per map (``tejido map``).

A map is drawn from a snapshot graph plus the analysis results it is handed; viz has no
store of its own and reads the graph through the analyses' one read model
(:class:`tejido.queries.index.NetworkIndex`). Whoever opens the store (``cli/map.py``,
``tejido demo``) takes its snapshot and computes the gaps.

Python API (``from tejido.viz.maps import write_map, write_map_index``)::

    write_map(graph, out_path, *, view="actores", eje=None, territorio=None, actor=None,
              depth=1, size_by="grado", gaps=True, lang=None, title=None, dataset=None,
              date=None, findings=None, centrality=None, seed=7, gaps_top=10) -> MapStats

- ``graph``: a snapshot (``nx.MultiDiGraph``, e.g. ``store.snapshot()``); a Store is a
  TypeError.
- ``view``: "actores" (actor network) or "completo" (also actions, territories,
  mechanisms, axes; shape by kind).
- ``eje`` / ``territorio``: id, name or codigo (folded); only actions under / in them (or
  inside them). ``actor`` (id, name or siglas) with ``depth``: that actor's neighbourhood.
- ``size_by``: one of texts.SIZE_MEASURES (grado, grado_ponderado, intermediacion,
  pagerank, restriccion, tamano_efectivo).
- ``findings``: gap findings (Finding models or plain dicts with kind, severity,
  subjects [{id, type, name}], optionally status and priority), or a callable
  ``find(eje_id, territorio_id)`` returning
  them, called with the view's resolved scope ids (None when not filtered) — e.g.
  ``tejido.cli.map.gap_finder(store)``, which runs ``tejido.queries.gaps.find_gaps`` for
  ``views.GAP_KINDS``. None: no gap marks and no gap legend.
- ``gaps``: draw the findings' ``coordinacion_faltante`` pairs (dashed red) and ring their
  ``punto_critico`` actors; False draws none (a callable is then not called; findings
  given as such still list in the side panel). Only ``brecha`` findings are drawn (a
  ``por_confirmar`` one is listed in the side panel, marked), highest ``priority`` first,
  then highest severity (viz/overlay.py); the page opens with the first ``gaps_top``
  (0: all) among the visible actors and has buttons for 10 more / all.
- ``actor``: the page marks that actor (halo, dark ring, «actor consultado» in the
  legend) and centres the view on it.
- ``centrality``: rows as ``compute_centrality`` returns them, instead of computing the
  cheap measures here on the snapshot's actor network (the demo already has them).
- ``lang``: "es" or "en" (default: the current language); ``title``, ``dataset`` (default
  "—"; the CLI passes ``store.describe()``) and ``date`` (default today) go in the heading.
- Raises ``InputError`` (exit 2 in the CLI) for unknown eje/territory/actor, an empty
  scope or an unwritable path; nothing is written then. The file is UTF-8, written
  atomically by ``tejido.graph.files.write_atomic`` (ordinary file permissions).

``MapStats``: path, view, nodes, edges (as drawn, gap edges apart), gap_edges,
critical, bytes, layout_seconds, seconds.

``write_map_index(paths_by_eje, out_dir, *, title=None, lang=None) -> Path`` writes
``out_dir/index.html`` with relative links to each eje's map.

Modules: views (what a map shows), layout (positions), profiles (side panel text),
overlay (which gaps are drawn, in what order), measures (each measure's name and one-line
explanation; numbers and dates in the reader's language), page (HTML assembly and
escaping), maps (the API), texts (es/en page and CLI text; closed list names come from
``tejido.graph.vocabulary``, gap kind names from ``tejido.queries.gaps``). The command is
``tejido.cli.map``. The page itself is ``assets/template.html`` + ``map.css`` + vendored
vis-network (see ``assets/VENDORED.md``) + our scripts, inlined as one: ``map-labels.js``
(names at a readable size, placed without overlap, most central first; the rest appear on
zoom), ``map-legend.js`` (legend counts of what is visible, the gap overlay and its
controls), ``map-export.js`` (PNG and SVG with title, legend, date and source) and
``map.js`` (the page: filters that re-fit the view, side panel, search).
"""
