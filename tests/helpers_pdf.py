"""Reading a PDF the way its reader meets it: poppler's pdftotext/pdftoppm/pdfimages
(Debian's poppler-utils) and pypdf for page sizes and drawing operators."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject

#: A4 in PDF points (ISO 216: 210 × 297 mm).
A4 = (595.28, 841.89)
#: Path construction operators of a PDF content stream (ISO 32000-1, 8.5.2).
PATH_OPS = frozenset({b"m", b"l", b"c", b"v", b"y", b"re"})


def text(pdf: Path, *, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text (pdftotext), with words hyphenated at a line end joined back and
    whitespace collapsed, so a phrase can be searched whatever the line breaks."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if first is not None:
        args += ["-f", str(first), "-l", str(last or first)]
    raw = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return " ".join(re.sub(r"(\w)-\n(\w)", r"\1\2", raw).split())


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(pdf).pages]


def raster_images(pdf: Path) -> int:
    """How many raster images the PDF holds (pdfimages -list, header lines left out)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    return len(out[2:])


def _streams(resources: object, seen: set[int]) -> list[object]:
    """Every form XObject under ``resources``, recursively."""
    found: list[object] = []
    if resources is None:
        return found
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    if xobjects is None:
        return found
    xobjects = xobjects.get_object()
    for ref in xobjects.values():
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        if key in seen:
            continue
        seen.add(key)
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Form":
            found.append(obj)
            found += _streams(obj.get("/Resources"), seen)
    return found


def path_operators(pdf: Path, page: int) -> int:
    """Path construction operators drawn on page ``page`` (1-based), forms included."""
    reader = PdfReader(pdf)
    p = reader.pages[page - 1]
    contents = p.get_contents()
    streams = [] if contents is None else [contents]
    streams += [ContentStream(form, reader) for form in _streams(p.get("/Resources"), set())]
    return sum(1 for stream in streams for _, op in stream.operations if op in PATH_OPS)


def word_boxes(pdf: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, word) of every word (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if line.lstrip().startswith("<page "):
            page += 1
        match = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*)</word>',
                          line)
        if match:
            words.append((page, float(match[1]), float(match[2]), match[3]))
    return words
