"""The choices and defaults the commands' options show in their help, as literals.

Each constant here copies one of an analysis, report or store module (named beside it).
Reading those tuples from their own modules made every command's ``--help`` import what
the command needs only to run: ``tejido gaps --help`` took 0.7 s and 70 MB (networkx,
numpy, pydantic, rapidfuzz, openpyxl). tests/test_startup.py checks that each copy
equals its original, so the help never offers what the command would not accept.
"""

from __future__ import annotations

#: ``tejido.queries.gaps.KINDS``: every gap kind, in report order.
GAP_KINDS = (
    "sin_rector", "sin_articuladores", "sin_mecanismo", "coordinacion_faltante",
    "contexto_fragmentado", "silo", "punto_critico", "vinculo_critico",
    "territorio_desatendido", "iniciativa_duplicada", "estancada",
)
#: ``tejido.reports.gap_files.FORMATS``: the gap report's formats.
GAP_FORMATS = ("md", "csv", "json", "xlsx", "html")
#: ``tejido.queries.gaps.engine.TOP``: gaps in the executive summary by default.
GAPS_TOP = 10
#: ``tejido.queries.gaps.contexto_fragmentado.PAIRS_PER_CONTEXT``: missing-coordination
#: pairs listed per context by default.
PAIRS_PER_CONTEXT = 3

#: ``tejido.viz.views.VIEWS``: what a map draws.
MAP_VIEWS = ("actores", "completo")

#: ``tejido.queries.centrality.MEASURES``: the measures ``tejido centrality`` computes.
CENTRALITY_MEASURES = (
    "grado", "grado_ponderado", "intermediacion", "pagerank", "restriccion",
    "tamano_efectivo", "intermediario", "punto_articulacion", "comunidad",
)
#: ``tejido.queries.centrality.GROUP_BY``: groups that define the brokerage roles.
GROUP_BY = ("nivel", "interno")

#: ``tejido.reports.compare_files.FORMATS``: the formats of a comparison.
COMPARE_FORMATS = ("md", "html", "xlsx", "json")
#: ``tejido.queries.compare.TOP``: priority and centrality changes listed by default.
COMPARE_TOP = 10

#: ``tejido.graph.export.FORMATS``: the formats ``tejido export`` writes.
EXPORT_FORMATS = ("json", "graphml", "gexf", "gexf-1.2")
