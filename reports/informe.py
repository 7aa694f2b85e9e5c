"""``tejido informe``: the planner's deliverable, a technical report to print and attach
to an oficio — an A4 PDF (Typst) and the same content as one self-contained HTML page.

Python API::

    informe = build_informe(store, report, centrality, network, institucion=..., fecha=...)
    write_informe(informe, pdf=Path("informe.pdf"), html=Path("informe.html"))

``report`` is :func:`tejido.queries.gaps.find_gaps`'s (or the part of it the report
reads, :class:`.informe_gaps.InformeGaps`, kept instead to save memory), ``centrality``
the rows of :func:`tejido.queries.centrality.compute_centrality` and ``network`` the actor
network they were computed on (:func:`tejido.queries.centrality.project`). Who does what:
:mod:`.informe_data` gathers and words the content, :mod:`.informe_charts` and
:mod:`.informe_netmap` draw the charts and the network map (matplotlib, SVG),
:mod:`.informe_typst` typesets the PDF, :mod:`.informe_html` writes the HTML. Both files
are written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from tejido.graph.files import write_atomic
from tejido.graph.i18n import t
from tejido.graph.store import Store
from tejido.queries.compare import Comparison
from tejido.queries.gaps import GapReport

from .informe_charts import charts
from .informe_data import Informe, gather
from .informe_gaps import InformeGaps
from .informe_html import to_html
from .informe_netmap import network_map
from .informe_scenario import scenario_section
from .informe_typst import compile_pdf

__all__ = ["Informe", "Rendered", "build_informe", "render", "write_informe"]


class Rendered:
    """The report's drawings, made once for both formats."""

    def __init__(self, informe: Informe) -> None:
        self.charts = charts(informe)
        data = informe.data
        sources = "; ".join(d["title"] for d in data["documents"])
        self.network = network_map(informe.network, informe.centrality,
                                   t("inf.map_title", date=data["fecha"]), data["fecha"],
                                   t("inf.map_source", sources=sources))


def build_informe(store: Store, report: GapReport | InformeGaps, centrality: list[dict[str, Any]],
                  network: nx.Graph, *, institucion: str | None = None,
                  fecha: str | None = None, data_label: str | None = None,
                  scenario: tuple[str, Comparison] | None = None) -> Informe:
    """The report's content in the current language (see :func:`.informe_data.gather`);
    with ``scenario`` — (its file name, the comparison of ``tejido simular``) — a section
    «Escenario» says what it would change (:mod:`.informe_scenario`)."""
    informe = gather(store, report, centrality, network, institucion=institucion,
                     fecha=fecha, data_label=data_label)
    informe.data["escenario"] = scenario_section(scenario[1], scenario[0]) if scenario else None
    return informe


def render(informe: Informe) -> tuple[bytes, str]:
    """(PDF bytes, HTML text) of the report."""
    drawn = Rendered(informe)
    return (compile_pdf(informe.data, drawn.charts, drawn.network),
            to_html(informe.data, drawn.charts, drawn.network))


def write_informe(informe: Informe, pdf: Path | None = None, html: Path | None = None) -> None:
    """Write the PDF and/or the HTML (each atomically; a failure leaves neither half)."""
    if pdf is None and html is None:
        return
    pdf_bytes, html_text = render(informe)
    if pdf is not None:
        write_atomic(pdf, pdf_bytes)
    if html is not None:
        write_atomic(html, html_text.encode("utf-8"))
