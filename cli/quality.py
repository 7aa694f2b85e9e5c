"""``tejido quality``: the data-quality report of what a store holds, as Markdown or JSON.

The report itself is built by :mod:`tejido.loaders.quality` and worded by
:mod:`tejido.reports.quality`; this command only opens the store and prints.
"""

from __future__ import annotations

import json

import click

from tejido.graph.errors import StoreError
from tejido.graph.i18n import register, t

from .human import status
from .localized import command, helps, option
from .options import lang_option, store_option

register(
    {
        "quality.no_store": {
            "es": "El almacén {store} no existe: cargue datos primero con «tejido load».",
            "en": "The store {store} does not exist: load data first with “tejido load”.",
        },
        "quality.checking": {"es": "Revisando los datos", "en": "Checking the data"},
    }
)


helps(
    {
        "help.quality": {
            "es": "Informe de calidad de los datos cargados.\n\nNombres casi iguales, "
            "referencias sin declarar, lo que cada fuente no registra y lo que los documentos "
            "dicen de sí mismos frente a lo encontrado.",
            "en": "Data-quality report of the loaded data.\n\nNear-identical names, "
            "undeclared references, what each source does not record and what the documents "
            "say of themselves against what was found.",
        },
        "help.quality.format": {"es": "Formato del informe.", "en": "Format of the report."},
        "help.quality.threshold": {
            "es": "Similitud mínima, de 50 a 100, para señalar dos nombres como casi iguales.",
            "en": "Minimum similarity, 50 to 100, to flag two names as near-identical.",
        },
    }
)


@command("quality", help="help.quality")
@store_option
@option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
        show_default=True, help="help.quality.format")
@option("--umbral", "--threshold", "threshold", type=click.IntRange(50, 100), default=85,
        show_default=True, metavar="metavar.n", help="help.quality.threshold")
@lang_option
def quality(store_spec: str | None, fmt: str, threshold: int) -> None:
    """The data-quality report (help: ``help.quality``)."""
    # The store and the checks (networkx, numpy, rapidfuzz) load only when a report is
    # made: at the top they cost `tejido quality --help` 0.5 s and 63 MB (issue 14).
    from tejido.graph.store import using_store
    from tejido.loaders import problems as row_problems
    from tejido.loaders.quality import build_report
    from tejido.reports.quality import render_markdown

    with using_store(store_spec) as store:
        if not store.exists():
            # A store file that was never written would read as an empty graph: a report
            # of nothing, when the planner most likely named the wrong file.
            raise StoreError(t("quality.no_store", store=store.describe()))
        with status(t("quality.checking")):
            report = build_report(store.snapshot(), threshold)
        where = store.describe()
    if fmt == "json":
        click.echo(json.dumps({"store": where, "threshold": threshold, **report},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render_markdown(report, where, threshold, row_problems.render))

