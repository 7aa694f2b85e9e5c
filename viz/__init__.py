"""Offline network maps: one self-contained HTML file per map (``tejido map``).

Python API (``from tejido.viz.maps import write_map, write_map_index``)::

    write_map(source, out_path, *, view="actores", eje=None, territorio=None, actor=None,
              depth=1, size_by="grado", gaps=True, lang=None, title=None, dataset=None,
              date=None, findings=None, centrality=None, seed=7) -> MapStats

- ``source``: a Store (embedded or Neo4j) or a snapshot (``nx.MultiDiGraph``).
- ``view``: "actores" (actor network) or "completo" (also actions, territories,
  mechanisms, axes; shape by kind).
- ``eje`` / ``territorio``: id, name or codigo (folded); only actions under / in them (or
  inside them). ``actor`` (id, name or siglas) with ``depth``: that actor's neighbourhood.
- ``size_by``: one of texts.SIZE_MEASURES (grado, grado_ponderado, intermediacion,
  pagerank, restriccion, tamano_efectivo).
- ``gaps``: draw ``coordinacion_faltante`` pairs (dashed red) and ring ``punto_critico``
  actors, from ``tejido.queries.gaps.find_gaps`` with the same scope.
- ``findings``: gap findings to draw instead (Finding models or plain dicts with kind,
  severity, subjects [{id, type, name}]); ``centrality``: rows as
  ``compute_centrality`` returns them, instead of computing them here (the demo already
  has both).
- ``lang``: "es" or "en" (default: the current language); ``title``, ``dataset`` (default
  the store's description) and ``date`` (default today) go in the heading.
- Raises ``InputError`` (exit 2 in the CLI) for unknown eje/territory/actor, an empty
  scope or an unwritable path; nothing is written then. The file is UTF-8, written
  atomically.

``MapStats``: path, view, nodes, edges (as drawn, gap edges apart), gap_edges,
critical, bytes, layout_seconds, seconds.

``write_map_index(paths_by_eje, out_dir, *, title=None, lang=None) -> Path`` writes
``out_dir/index.html`` with relative links to each eje's map.

Modules: views (what a map shows), layout (positions), profiles (side panel text),
page (HTML assembly and escaping), maps (the API), texts (es/en), cli (``tejido map``).
The page itself is ``assets/template.html`` + ``map.js`` + ``map.css`` + vendored
vis-network (see ``assets/VENDORED.md``).
"""
