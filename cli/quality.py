"""``tejido quality``: the data-quality report of what a store holds, as Markdown or JSON.

The report itself is built by :mod:`tejido.loaders.quality` and worded by
:mod:`tejido.reports.quality`; this command only opens the store and prints.
"""

from __future__ import annotations

import json

import click

from tejido.graph.errors import StoreError
from tejido.graph.i18n import register, t
from tejido.graph.store import using_store
from tejido.loaders import problems as row_problems
from tejido.loaders.quality import build_report
from tejido.reports.quality import render_markdown

from .options import lang_option, store_option

register(
    {
        "quality.no_store": {
            "es": "El almacén {store} no existe: cargue datos primero con «tejido load».",
            "en": "The store {store} does not exist: load data first with “tejido load”.",
        },
    }
)


@click.command("quality")
@store_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True, help="Formato del informe / report format.")
@click.option("--umbral", "--threshold", "threshold", type=click.IntRange(50, 100), default=85,
              show_default=True, help="Similitud mínima para nombres casi iguales (0–100).")
@lang_option
def quality(store_spec: str | None, fmt: str, threshold: int) -> None:
    """Informe de calidad de los datos cargados / data-quality report."""
    with using_store(store_spec) as store:
        if not store.exists():
            # A store file that was never written would read as an empty graph: a report
            # of nothing, when the planner most likely named the wrong file.
            raise StoreError(t("quality.no_store", store=store.describe()))
        report = build_report(store.snapshot(), threshold)
        where = store.describe()
    if fmt == "json":
        click.echo(json.dumps({"store": where, "threshold": threshold, **report},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render_markdown(report, where, threshold, row_problems.render))

