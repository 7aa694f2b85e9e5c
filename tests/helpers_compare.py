"""Two cuts of a small portfolio, written as planners' workbooks, for the comparison tests.

Cut 2023: «Reforestar quebradas» (led by the Secretaría de Ambiente, articulated by
EPMAPS) and «Huertos urbanos» (led by CONQUITO, articulated by Fundación Bosque), both in
eje Ambiente and Nono, plus a direct EPMAPS–Bosque coordination relation. The actor
network is the path SA – EPMAPS – Bosque – CONQUITO, so SA and CONQUITO, active in the
same context through different actions with nothing in common, are a «coordinación
faltante» pair.

Cut 2024: a new action «Mesa del agua de Nono» led by SA and articulated by CONQUITO (so
SA and CONQUITO now share an action), the EPMAPS–Bosque relation is gone, and «Huertos
urbanos» is ``suspendida``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from helpers_workbook import write_xlsx

from tejido.cli.main import COMMANDS, main

SA, CONQUITO = "Secretaría de Ambiente", "Agencia CONQUITO"
EPMAPS, BOSQUE = "Empresa de Agua EPMAPS", "Fundación Bosque"
SA_ID, CONQUITO_ID = "actor:secretaria-de-ambiente", "actor:agencia-conquito"
EPMAPS_ID, BOSQUE_ID = "actor:empresa-de-agua-epmaps", "actor:fundacion-bosque"
#: The finding 2024 closes (its id by hand: kind, then the two actor ids sorted).
CLOSED = f"coordinacion_faltante:{CONQUITO_ID}+{SA_ID}"
MESA = "Mesa del agua de Nono"

ACTIONS_HEADER = ["titulo", "eje", "estado", "rector", "articuladores", "territorios",
                  "mecanismos", "fuente"]
ACTORS = [["nombre", "siglas", "tipo", "nivel", "interno"],
          [SA, "SA", "secretaria", "metropolitano", "sí"],
          [CONQUITO, "CONQUITO", "agencia", None, "no"],
          [EPMAPS, "EPMAPS", "empresa_publica", None, "sí"],
          [BOSQUE, None, "sociedad_civil", None, "no"]]
PLACES = [["nombre", "pertenece_a"], ["Zona Norte", None], ["Nono", "Zona Norte"]]
MECHANISMS = [["nombre", "tipo"], ["Convenio marco", "convenio"]]
REFORESTAR = ["Reforestar quebradas", "Ambiente", "en_marcha", SA, EPMAPS, "Nono",
              "Convenio marco", None]
HUERTOS = ["Huertos urbanos", "Ambiente", "en_marcha", CONQUITO, BOSQUE, "Nono",
           "Convenio marco", None]
SUSPENDED = [*HUERTOS[:2], "suspendida", *HUERTOS[3:]]
NEW = [MESA, "Ambiente", "en_marcha", SA, CONQUITO, "Nono", "Convenio marco", None]
RELATIONS = [["origen", "destino", "tipo", "peso"], [EPMAPS, BOSQUE, "coordinación", 1]]


def cut(path: Path, actions: list[list[Any]], relations: bool = True,
        actors: list[list[Any]] | None = None) -> Path:
    sheets = {"actores": actors or ACTORS, "acciones": [ACTIONS_HEADER, *actions],
              "territorios": PLACES, "mecanismos": MECHANISMS}
    if relations:
        sheets["relaciones"] = RELATIONS
    return write_xlsx(path, sheets)


def cuts(folder: Path) -> tuple[Path, Path]:
    """(cut 2023, cut 2024) as workbooks in ``folder``."""
    return (cut(folder / "corte_2023.xlsx", [REFORESTAR, HUERTOS]),
            cut(folder / "corte_2024.xlsx", [REFORESTAR, SUSPENDED, NEW], relations=False))


def scenario(path: Path) -> Path:
    """The 2024 cut's new action alone, as a scenario workbook."""
    return write_xlsx(path, {"acciones": [ACTIONS_HEADER, NEW]})


def tejido(*args: Any) -> Result:
    """``tejido ARGS`` through the root group, with ``comparar`` and ``simular`` registered
    as cli/main.py registers them (so exit codes and messages are the real ones)."""
    COMMANDS.setdefault("comparar", "tejido.cli.comparar:comparar")
    COMMANDS.setdefault("simular", "tejido.cli.simular:simular")
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"tejido {args} raised") from result.exception
    return result


def pair_ids(ties: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(t["source"]["id"], t["target"]["id"]) for t in ties}
