"""Shared by the workbook, load-CLI and export tests: writing workbooks, running the CLI."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from click.testing import CliRunner, Result
from openpyxl.utils import get_column_letter

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


# -- workbooks written part by part (hostile files) -------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


@dataclass(frozen=True)
class XmlCell:
    """A cell written as raw XML: its attributes (besides ``r``) and its content."""

    attrs: str
    inner: str


def formula(text: str, cached: str | None = None, kind: str = "str") -> XmlCell:
    """A formula cell; without ``cached``, as a program that never calculated it writes it."""
    if cached is None:
        return XmlCell("", f"<f>{escape(text)}</f><v/>")
    return XmlCell(f' t="{kind}"', f"<f>{escape(text)}</f><v>{escape(cached)}</v>")


def shared(index: int) -> XmlCell:
    return XmlCell(' t="s"', f"<v>{index}</v>")


def sheet_xml(rows: list[list[Any]], extra: str = "") -> str:
    """A worksheet: text as inline strings, numbers as numbers, :class:`XmlCell` as given;
    ``extra`` goes after the rows (``<mergeCells>``…)."""
    out = []
    for number, row in enumerate(rows, 1):
        cells = []
        for index, value in enumerate(row):
            ref = f"{get_column_letter(index + 1)}{number}"
            if value is None:
                continue
            if isinstance(value, XmlCell):
                cells.append(f'<c r="{ref}"{value.attrs}>{value.inner}</c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">'
                             f"{escape(value)}</t></is></c>")
        out.append(f'<row r="{number}">{"".join(cells)}</row>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'
            f'{"".join(out)}</sheetData>{extra}</worksheet>')


def xlsx_parts(sheets: dict[str, str], states: dict[str, str] | None = None,
               strings: list[str] | None = None) -> dict[str, str]:
    """The parts of a minimal .xlsx (what Excel needs, no styles): sheet title -> worksheet
    XML; ``states`` hides sheets; ``strings`` is the shared-strings table."""
    states = states or {}
    overrides = [("/xl/workbook.xml", f"{_TYPE}.sheet.main+xml")]
    entries, rels = [], []
    parts: dict[str, str] = {}
    for number, (title, xml) in enumerate(sheets.items(), 1):
        state = f' state="{states[title]}"' if title in states else ""
        entries.append(f'<sheet name="{escape(title)}" sheetId="{number}"{state} '
                       f'r:id="rId{number}"/>')
        rels.append(f'<Relationship Id="rId{number}" Type="{_REL}/worksheet" '
                    f'Target="worksheets/sheet{number}.xml"/>')
        overrides.append((f"/xl/worksheets/sheet{number}.xml", f"{_TYPE}.worksheet+xml"))
        parts[f"xl/worksheets/sheet{number}.xml"] = xml
    if strings is not None:
        rels.append(f'<Relationship Id="rIdS" Type="{_REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        overrides.append(("/xl/sharedStrings.xml", f"{_TYPE}.sharedStrings+xml"))
        items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        parts["xl/sharedStrings.xml"] = (
            f'<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
            f"{items}</sst>")
    package = "http://schemas.openxmlformats.org/package/2006"
    parts["[Content_Types].xml"] = (
        f'<Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
        + "</Types>")
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{"".join(entries)}</sheets>'
        "</workbook>")
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{package}/relationships">{"".join(rels)}</Relationships>')
    return parts


def write_parts(path: Path, parts: dict[str, str | Iterable[bytes]]) -> Path:
    """A zip of ``parts``, deflated; a part given as chunks is streamed (a part of a GB
    costs the test no more memory than one chunk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            if isinstance(content, str):
                archive.writestr(name, content)
                continue
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as stream:
                for chunk in content:
                    stream.write(chunk)
    return path


def big_cell_sheet(size: int, title_row: str = "Reforestar") -> Iterator[bytes]:
    """A worksheet whose cell A3 holds ``size`` letters, produced in 1 MiB chunks."""
    head, tail = sheet_xml([["titulo", "rector"], [title_row, None], ["\x01"]]).split("\x01")
    yield head.encode()
    chunk = b"A" * (1 << 20)
    for _ in range(size >> 20):
        yield chunk
    yield b"A" * (size & ((1 << 20) - 1))
    yield tail.encode()
