"""``tejido simular ESCENARIO``: what a proposed mesa, convenio or action would change.

The scenario is a small planner's workbook (the sheets of ``tejido template``: proposed
actions, relations, mechanisms, equivalences). It is applied on a copy of the store in a
temporary folder (:func:`tejido.queries.compare_scenario.simulate`); the store itself is
only read. The output is the comparison of ``tejido comparar``, the store now against the
store with the scenario.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .choices import COMPARE_FORMATS, COMPARE_TOP
from .comparar import check_output, emit, emit_map, mapa_option, output_format
from .human import status
from .localized import argument, command, helps, option
from .options import force_option, lang_option, store_option

register(
    {
        "simcli.missing": {"es": "El escenario {path} no existe.",
                           "en": "The scenario {path} does not exist."},
        "simcli.empty": {
            "es": "El almacén {store} no tiene acciones: cargue datos con `tejido load`.",
            "en": "The store {store} holds no actions: load data with `tejido load`."},
        "simcli.running": {"es": "Simulando el escenario", "en": "Simulating the scenario"},
    }
)

helps(
    {
        "help.simular": {
            "es": "Qué cambiaría un escenario: una mesa, un convenio o acciones propuestas, "
                  "en un libro con las hojas de `tejido template`.\n\n"
                  "El escenario se aplica sobre una copia del almacén (el almacén no se "
                  "modifica) y se compara con el almacén actual: hallazgos que cerraría, "
                  "contextos que uniría, puntos críticos o silos nuevos. Nombre a los "
                  "actores, ejes y territorios como en el almacén.",
            "en": "What a scenario would change: a round table, an agreement or proposed "
                  "actions, in a workbook with the sheets of `tejido template`.\n\n"
                  "The scenario is applied on a copy of the store (the store is not "
                  "changed) and compared with the store as it is: findings it would close, "
                  "contexts it would join, new critical points or silos. Name actors, ejes "
                  "and territories as the store does.",
        },
        "metavar.scenario": {"es": "ESCENARIO", "en": "SCENARIO"},
    }
)


@command(name="simular", help="help.simular")
@argument("scenario", metavar="metavar.scenario",
          type=click.Path(path_type=Path))
@option("--format", "fmt", type=click.Choice(COMPARE_FORMATS), default=None,
        help="help.cmp.format")
@option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="help.cmp.out")
@option("--top", type=click.IntRange(min=0), default=COMPARE_TOP, show_default=True,
        metavar="metavar.n", help="help.cmp.top")
@mapa_option
@force_option
@store_option
@lang_option
def simular(scenario: Path, fmt: str | None, out: Path | None, top: int,
            mapa: Path | None, force: bool, store_spec: str | None) -> None:
    """Simulate a scenario on a copy of the store (help: ``help.simular``)."""
    # The readers, the store and the comparison load only when a scenario is simulated,
    # not for --help (issue 14).
    from tejido.graph.store import using_store
    from tejido.loaders.base import read_paths
    from tejido.queries.compare import compare_cuts
    from tejido.queries.compare_scenario import simulate_cuts
    from tejido.reports.compare_tables import Heading

    chosen = output_format(fmt, out)
    check_output(chosen, out, force, mapa)
    if not scenario.exists():
        raise InputError(t("simcli.missing", path=scenario))
    loaded = read_paths([scenario])
    for warning in loaded.warnings:
        click.echo(t("cmpcli.warning", text=warning), err=True)
    with using_store(store_spec) as store:
        if not store.counts().get("Action"):
            raise InputError(t("simcli.empty", store=store.describe()))
        described = store.describe()
        with (tempfile.TemporaryDirectory(prefix="tejido-escenario-") as folder,
              status(t("simcli.running"))):
            before, after = simulate_cuts(store, loaded.batch, Path(folder))
    head = Heading(before=described, after=str(scenario), scenario=True)
    emit(compare_cuts(before, after, top), chosen, out, head)
    emit_map(before, after, mapa, head)
