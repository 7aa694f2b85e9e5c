"""Shared by the workbook, load-CLI and export tests: writing workbooks, running the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner, Result

from tejido.cli.main import main

Sheet = list[list[Any]]  # header row, then data rows, exactly as a person types them


def write_xlsx(path: Path, sheets: dict[str, Sheet]) -> Path:
    """A workbook written cell by cell with plain openpyxl (not with tejido's own writer)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def run(*args: str, input: str | None = None) -> Result:  # noqa: A002 - click's name
    """``tejido ARGS`` in-process; stdout and stderr kept apart."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"tejido {' '.join(map(str, args))} raised") from result.exception
    return result


#: A small workbook with one of everything, named by hand in the tests that use it.
SMALL: dict[str, Sheet] = {
    "actores": [
        ["nombre", "siglas", "tipo", "nivel", "interno"],
        ["Secretaría de Ambiente", "SA; SDA", "secretaria", "metropolitano", "sí"],
        ["Agencia de Promoción Económica CONQUITO", "CONQUITO", "agencia", None, "no"],
    ],
    "acciones": [
        ["titulo", "eje", "estado", "rector", "articuladores", "territorios", "mecanismos",
         "fuente"],
        ["Reforestar quebradas", "Ambiente", "en_marcha", "SA", "conquito", "Nono; Lloa",
         "Convenio marco", "PMDOT 2021"],
    ],
    "territorios": [["nombre", "pertenece_a"], ["Zona Norte", None], ["Nono", "Zona Norte"],
                    ["Lloa", "Zona Norte"]],
    "mecanismos": [["nombre", "tipo"], ["Convenio marco", "convenio"]],
    "relaciones": [["origen", "destino", "tipo", "peso"], ["SA", "CONQUITO", "coordinación", 2.5]],
}
