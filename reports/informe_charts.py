"""The technical report's charts as SVG: vector graphics that print sharp and embed both
in the PDF (Typst draws SVG as vector paths) and in the self-contained HTML.

matplotlib's object API (a :class:`~matplotlib.figure.Figure` per chart, no pyplot state)
with its bundled DejaVu Sans, text turned into paths (``svg.fonttype: path``): the SVG
needs no font on the reader's machine and a name in it can never be read as markup.
Numbers on axes follow the report's language (decimal comma in Spanish).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: charts are files

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from tejido.graph.i18n import get_lang, t  # noqa: E402
from tejido.queries.gaps import field_label  # noqa: E402

from .informe_data import Informe  # noqa: E402

#: Text width of the A4 page in inches (21 cm less 2 × 2.2 cm margins).
WIDTH = 6.5
#: Bars shown at most in a ranked chart.
BARS = 12
#: Characters of a label before it wraps (and lines before it is cut).
LABEL_CHARS, LABEL_LINES = 42, 2
COLORS = {"gap": "#c0392b", "pending": "#e6b0aa", "bar": "#3d5a80", "grid": "#d9dde3",
          "text": "#222222", "internal": "#4e79a7", "external": "#f28e2b"}
RC = {"svg.fonttype": "path", "svg.hashsalt": "tejido", "font.family": "DejaVu Sans",
      "font.size": 8, "axes.titlesize": 9, "axes.edgecolor": "#888888",
      "axes.spines.top": False, "axes.spines.right": False}


def wrap(text: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> str:
    """A label on at most ``lines`` lines of ``width`` characters (cut with «…»)."""
    parts = textwrap.wrap(str(text), width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def _decimal(value: float, _pos: Any = None) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if get_lang() == "es" else text


def svg(fig: Figure) -> str:
    """The figure as an SVG document (no metadata date, so a report is reproducible)."""
    with matplotlib.rc_context(RC):
        buffer = io.StringIO()
        FigureCanvasAgg(fig)
        fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.05,
                    metadata={"Date": None, "Creator": "tejido"})
    return buffer.getvalue()


def _figure(rows: int) -> Figure:
    with matplotlib.rc_context(RC):
        return Figure(figsize=(WIDTH, max(1.6, 0.32 * rows + 0.8)))


def _barh(labels: Sequence[str], series: Sequence[tuple[str, Sequence[float], str]],
          xlabel: str, integer: bool = True) -> Figure:
    """Horizontal bars, first label at the top; several series stack."""
    with matplotlib.rc_context(RC):
        fig = _figure(len(labels))
        ax = fig.add_subplot()
        ys = list(range(len(labels)))[::-1]
        left = [0.0] * len(labels)
        for name, values, color in series:
            ax.barh(ys, values, left=left, color=color, label=name, height=0.65)
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, total in zip(ys, left, strict=True):
            ax.text(total, y, " " + (str(int(total)) if integer else _decimal(round(total, 3))),
                    va="center", fontsize=7, color=COLORS["text"])
        ax.set_yticks(ys, [wrap(label) for label in labels])
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(FuncFormatter(_decimal))
        if integer:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max(left or [1]) * 1.12 or 1)
        ax.grid(axis="x", color=COLORS["grid"], linewidth=0.5)
        ax.set_axisbelow(True)
        if len(series) > 1:
            ax.legend(frameon=False, loc="lower right")
    return fig


def kinds_chart(informe: Informe) -> str | None:
    rows = informe.raw["by_kind"]
    if not rows:
        return None
    return svg(_barh([r[0] for r in rows],
                     [(t("inf.gaps_axis"), [r[1] for r in rows], COLORS["gap"]),
                      (t("inf.pending_axis"), [r[2] for r in rows], COLORS["pending"])],
                     t("report.count")))


def ejes_chart(informe: Informe) -> str | None:
    rows = informe.raw["by_eje"][:BARS]
    if not rows:
        return None
    return svg(_barh([r[0] for r in rows], [(t("inf.gaps_axis"), [r[1] for r in rows],
                                             COLORS["gap"])], t("inf.gaps_axis")))


def central_chart(informe: Informe) -> str | None:
    rows = [r for r in informe.raw["central"] if r[1] > 0][:BARS]
    if not rows:
        return None
    return svg(_barh([r[0] for r in rows], [(t("inf.betweenness"), [r[1] for r in rows],
                                             COLORS["bar"])], t("inf.betweenness"),
                     integer=False))


def ei_chart(informe: Informe) -> str | None:
    """One dot per responsible actor on the E–I scale, −1 (internal) to +1 (external)."""
    rows = sorted(informe.raw["ei"], key=lambda r: (r[1], str(r[0])))
    if not rows:
        return None
    with matplotlib.rc_context(RC):
        fig = _figure(len(rows))
        ax = fig.add_subplot()
        ys = list(range(len(rows)))
        for y, (_, ei, interno) in zip(ys, rows, strict=True):
            color = COLORS["internal"] if interno else COLORS["external"]
            ax.plot([0, ei], [y, y], color=color, linewidth=1.2)
            ax.plot([ei], [y], "o", color=color, markersize=5)
        ax.axvline(0, color="#888888", linewidth=0.6)
        ax.set_xlim(-1.08, 1.08)
        ax.set_yticks(ys, [wrap(r[0]) for r in rows])
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])
        ax.xaxis.set_major_formatter(FuncFormatter(_decimal))
        ax.set_xlabel(f"← {t('inf.ei_internal')}      E–I      {t('inf.ei_external')} →")
        ax.grid(axis="x", color=COLORS["grid"], linewidth=0.5)
        ax.plot([], [], "o", color=COLORS["internal"], label=t("inf.p_internal"))
        ax.plot([], [], "o", color=COLORS["external"], label=t("inf.p_external"))
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.6 / len(
            rows)), ncols=2)
    return svg(fig)


def coverage_chart(informe: Informe) -> str | None:
    """A grid of sources × fields: the share of actions with the fact stated."""
    cov = informe.raw["coverage"]
    if not cov["documents"]:
        return None
    docs, fields, share = cov["documents"], cov["fields"], cov["share"]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, 0.45 * len(docs) + 1.0))
        ax = fig.add_subplot()
        blues = matplotlib.colormaps["Blues"]
        for i, row in enumerate(share):
            for j, v in enumerate(row):
                # One rectangle per cell (imshow would embed a bitmap in the SVG).
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, linewidth=0.8,
                                       edgecolor="white",
                                       facecolor="#eeeeee" if v is None else blues(v / 100)))
                text = "—" if v is None else f"{v:.0f} %"
                ax.text(j, i, text, ha="center", va="center", fontsize=7,
                        color="white" if (v or 0) > 60 else COLORS["text"])
        ax.set_xticks(range(len(fields)), [wrap(field_label(f), 18) for f in fields])
        ax.set_yticks(range(len(docs)), [wrap(d, 48) for d in docs])
        ax.set_xlim(-0.5, len(fields) - 0.5)
        ax.set_ylim(len(docs) - 0.5, -0.5)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
    return svg(fig)


def charts(informe: Informe) -> list[tuple[str, str, str]]:
    """(file name, SVG, caption) of every chart that has something to show."""
    n_ejes = min(BARS, len(informe.raw["by_eje"]))
    n_central = min(BARS, len([r for r in informe.raw["central"] if r[1] > 0]))
    made = [
        ("hallazgos_tipo.svg", kinds_chart(informe), t("inf.chart_kind_cap")),
        ("brechas_eje.svg", ejes_chart(informe), t("inf.chart_eje_cap", n=n_ejes)),
        ("ei_responsables.svg", ei_chart(informe), t("inf.chart_ei_cap")),
        ("centrales.svg", central_chart(informe), t("inf.chart_central_cap", n=n_central)),
        ("cobertura.svg", coverage_chart(informe), t("inf.chart_coverage_cap")),
    ]
    return [(name, chart, caption) for name, chart, caption in made if chart]
