"""Shared by the load-change and source-removal tests: two small workbooks, the printed
change table read back, and the changes worked out from two whole-store snapshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from helpers_workbook import write_xlsx

ACTORS = ["nombre", "siglas", "tipo", "nivel", "interno", "notas"]
ACTIONS = ["título", "eje", "rector", "articuladores", "territorios", "mecanismos"]
CONQUITO = "Agencia de Promoción Económica CONQUITO"
EPMAPS = "Empresa Pública Metropolitana de Agua Potable"
#: One line of a change table: label or type, then two to five numbers (Spanish thousands dots).
_ROW = re.compile(r"\[(\w+)\]((?:\s+[\d.,]+){2,5})\s*$")


def libro(path: Path, articulator: str, extra_action: bool, notas: str | None) -> Path:
    """A planner's workbook; its first version has typos (EPMAPSS) and a note."""
    actions = [ACTIONS, ["Huertos urbanos", "Alimentación", "CONQUITO", articulator, "Quito",
                         "Convenio huertos"]]
    if extra_action:
        actions.append(["Riego por goteo", "Alimentación", "EPMAPS", "", "Quito", ""])
    return write_xlsx(path, {
        "actores": [ACTORS, [CONQUITO, "CONQUITO", "agencia", "metropolitano", "sí", notas],
                    [EPMAPS, "EPMAPS", "empresa_publica", "metropolitano", "sí", None]],
        "acciones": actions,
        "territorios": [["nombre"], ["Quito"]],
        "mecanismos": [["nombre", "tipo"], ["Convenio huertos", "convenio"]],
    })


def otro(path: Path) -> Path:
    """Another workbook that shares EPMAPS and Quito with :func:`libro`."""
    return write_xlsx(path, {
        "actores": [ACTORS, ["Secretaría de Ambiente", "", "secretaria", "metropolitano", "sí",
                             None],
                    [EPMAPS, "EPMAPS", "empresa_publica", "metropolitano", "sí", None]],
        "acciones": [ACTIONS, ["Reforestar quebradas", "Ambiente", "Secretaría de Ambiente",
                               "EPMAPS", "Quito", ""]],
        "territorios": [["nombre"], ["Quito"]],
    })


def printed_table(output: str) -> dict[str, tuple[int, ...]]:
    """``{type: (numbers…)}`` from the lines of a printed count table."""
    out = {}
    for line in output.splitlines():
        match = _ROW.search(line)
        if match:
            out[match.group(1)] = tuple(int(n.replace(".", "").replace(",", ""))
                                        for n in match.group(2).split())
    return out


def _readable(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items()
            if k not in {"sources", "printed", "label", "type", "id"}}


def snapshot_diff(before: Any, after: Any) -> dict[str, list[int]]:
    """``{type: [added, removed, changed]}`` between two whole-store snapshots: the oracle
    the cheap, batch-based change summary must agree with."""
    out: dict[str, list[int]] = {}

    def bump(kind: str, slot: int) -> None:
        out.setdefault(kind, [0, 0, 0])[slot] += 1

    for items, kind_of in ((lambda g: {n: a for n, a in g.nodes(data=True)}, "label"),
                           (lambda g: {(s, t, k): a for s, t, k, a in
                                       g.edges(keys=True, data=True)}, "type")):
        old, new = items(before), items(after)
        for key in old.keys() | new.keys():
            if key not in old:
                bump(new[key][kind_of], 0)
            elif key not in new:
                bump(old[key][kind_of], 1)
            elif _readable(old[key]) != _readable(new[key]):
                bump(new[key][kind_of], 2)
    return out
