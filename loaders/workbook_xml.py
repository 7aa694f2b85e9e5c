"""One XML part of an ``.xlsx``, streamed through expat in bounded memory.

openpyxl parses a part whole (shared strings) or one element at a time, but either way an
element's text is kept whole: one 1 GB cell is 1 GB in memory, and more. Here each part is
inflated and parsed :data:`CHUNK` bytes at a time and text is only counted, so memory stays
about one chunk whatever the file holds; a part is refused (:class:`InputError`, naming the
file and the part) for a text node longer than :data:`MAX_CELL_CHARS` characters, a tag,
comment or declaration longer than :data:`MAX_TOKEN` bytes (expat keeps one whole), a DTD
(no ``.xlsx`` part has one; entity expansion is the other way to blow XML up), or XML that
is not well formed. What a part says is for a :class:`Handler` to collect.

Python callbacks for every element cost about a sixth of what openpyxl's own read costs,
so :func:`needs_scan` first looks at the raw bytes (numpy, a few per cent of the read):
a part with no run of :data:`MAX_CELL_CHARS` bytes without a ``<`` cannot hold a text or a
tag that long (UTF-8 takes at least a byte per character), and one with no formula, error
value, merged range, comment, CDATA, DTD or processing instruction has nothing else the
scan looks for; only the other parts are parsed here.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

import numpy as np

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

#: Excel's own limit for the characters of one cell: no text node of a part may be longer.
MAX_CELL_CHARS = 32_767
#: The longest single XML tag, comment or declaration, in bytes.
MAX_TOKEN = 1024 * 1024
CHUNK = 64 * 1024
#: A cell reference: 'B7', '$AB$12'.
CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")

register(
    {
        "guard.long_text": {
            "es": "la parte «{part}» tiene un texto de más de {limit} caracteres: no se lee",
            "en": "the part «{part}» holds a text of more than {limit} characters: not read",
        },
        "guard.long_token": {
            "es": "la parte «{part}» tiene una etiqueta XML de más de {limit}: no se lee",
            "en": "the part «{part}» holds an XML tag of more than {limit}: not read",
        },
        "guard.dtd": {
            "es": "la parte «{part}» declara un DTD (<!DOCTYPE>), que ningún libro .xlsx "
            "trae: no se lee",
            "en": "the part «{part}» declares a DTD (<!DOCTYPE>), which no .xlsx has: not read",
        },
        "guard.bad_xml": {
            "es": "no se puede leer el archivo (la parte «{part}» no es XML válido: {reason})",
            "en": "cannot read the file (the part «{part}» is not valid XML: {reason})",
        },
    }
)


def number_text(n: int) -> str:
    """32767 -> '32 767': digits grouped by a space, which reads the same in Spanish and
    English (the comma and the point mean opposite things in them)."""
    return f"{n:,}".replace(",", " ")


def size_text(n: int) -> str:
    """A size as a person reads it: '1 024 MB', '12 KB'."""
    return (f"{number_text(round(n / 1024 / 1024))} MB" if n >= 1024 * 1024
            else f"{number_text(round(n / 1024))} KB")


_LT = ord("<")
#: Bytes after ``<f`` that make it a formula tag (not ``<font>``…).
_TAG_END = np.frombuffer(b" />\t\r\n", np.uint8)
#: What marks a part as needing the scan, wherever it is (searched in the raw bytes).
_MARKS = (b"mergeCell", b't="e"', b"t='e'")


def needs_scan(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether ``part`` may hold anything :func:`scan_part` looks for (see the module).

    A part that is not plain UTF-8 or uses prefixed element names (``<x:c>``) is always
    scanned: the byte patterns here assume neither.
    """
    since = 0  # bytes since the last '<'
    carry = b""
    with archive.open(part) as stream:
        first = True
        while chunk := stream.read(CHUNK):
            if first and (_prefixed_or_wide(chunk)):
                return True
            raw = np.frombuffer(chunk, np.uint8)
            where = np.flatnonzero(raw == _LT)
            if where.size == 0:
                since += len(chunk)
            else:
                longest = max(since + int(where[0]), int(np.diff(where).max(initial=0)))
                since = len(chunk) - int(where[-1]) - 1
                if longest > MAX_CELL_CHARS:
                    return True
            if since > MAX_CELL_CHARS:
                return True
            data = carry + chunk
            if any(mark in data for mark in _MARKS) or _special_tag(data, first):
                return True
            carry, first = chunk[-16:], False
    return False


def _prefixed_or_wide(head: bytes) -> bool:
    """UTF-16 (a BOM or NUL bytes) or a root element with a namespace prefix."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:64]:
        return True
    start = head.find(b"<", head.find(b"?>") + 1 if head.lstrip(b"\xef\xbb\xbf").startswith(
        b"<?") else 0)
    name = head[start + 1:start + 64].split(None, 1)[0].split(b">", 1)[0] if start >= 0 else b""
    return b":" in name


def _special_tag(data: bytes, first: bool) -> bool:
    """A formula tag, or ``<!`` / ``<?`` (other than the XML declaration that opens a part)."""
    raw = np.frombuffer(data, np.uint8)
    where = np.flatnonzero(raw[:-2] == _LT)
    after = raw[where + 1]
    formula = (after == ord("f")) & np.isin(raw[where + 2], _TAG_END)
    special = (after == ord("!")) | (after == ord("?"))
    if first:
        declaration = data.lstrip(b"\xef\xbb\xbf").startswith(b"<?")
        special &= ~((where <= 3) & declaration)
    return bool(formula.any() or special.any())


class Handler:
    """Expat callbacks for one part; ``text`` gets every run of character data."""

    #: Whether a text node longer than a cell may be stops the read.
    limit_text = True

    def start(self, name: str, attrs: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class TooLong(Exception):
    """Stops scanning a part: its problem is recorded."""


def scan_part(archive: zipfile.ZipFile, label: str, part: str, handler: Handler) -> None:
    """Stream one part through ``handler``; raises :class:`InputError` (see the module)."""

    def fail(message: str) -> InputError:
        return InputError(f"{label}: {message}")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    run = [0]  # characters of the current text node

    def start(name: str, attrs: dict[str, str]) -> None:
        run[0] = 0
        handler.start(name[name.rfind("}") + 1:], attrs)

    def end(name: str) -> None:
        run[0] = 0
        handler.end(name[name.rfind("}") + 1:])

    def text(data: str) -> None:
        run[0] += len(data)
        handler.text(data)  # first: a cell's own limit names the cell
        if run[0] > MAX_CELL_CHARS and handler.limit_text:
            raise fail(t("guard.long_text", part=part, limit=number_text(MAX_CELL_CHARS)))

    def doctype(*_: Any) -> None:
        raise fail(t("guard.dtd", part=part))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    fed = 0
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
                fed += len(chunk)
                if fed - max(parser.CurrentByteIndex, 0) > MAX_TOKEN:
                    raise fail(t("guard.long_token", part=part, limit=size_text(MAX_TOKEN)))
            parser.Parse(b"", True)
    except TooLong:
        return
    except expat.ExpatError as exc:
        raise fail(t("guard.bad_xml", part=part, reason=str(exc))) from exc


class Collect(Handler):
    """Hands the wanted attributes of every ``element`` (a key starting with ``}`` matches
    a namespaced attribute by its local name)."""

    def __init__(self, element: str, keys: tuple[str, ...],
                 found: Callable[[Any], None]) -> None:
        self.element, self.keys, self.found = element, keys, found

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == self.element:
            self.found(tuple(attr(attrs, key) for key in self.keys))


def attr(attrs: dict[str, str], key: str) -> str:
    if key.startswith("}"):
        return next((v for k, v in attrs.items() if k.endswith(key)), "")
    return attrs.get(key, "")


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letter(number: int) -> str:
    """1 -> 'A', 28 -> 'AB': the column as Excel labels it."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out
