"""Read a JSON object whose big members are arrays, one array element at a time.

The embedded store's file is ``{"format": …, "version": …, "nodes": [...], "edges":
[...]}``. ``json.loads`` of the whole file holds its text (two bytes a character once a
name has an accent: 216 MB for a 108 MB file at 40 000 actions) and every parsed record
at once, beside the graph being built from them: reading a store peaked 190 MB above
what the graph itself takes. Here the text is read a chunk at a time and each element is
handed over as soon as it is parsed, so the caller can add it to the graph and let it go.
Any JSON text is parsed exactly as ``json.loads`` parses it (the standard library's own
decoder does the work, element by element); malformed text raises
:class:`json.JSONDecodeError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

#: Characters read at a time.
CHUNK = 1 << 22
_SPACE = " \t\n\r"
_NUMBER = "0123456789.eE+-"
_DECODER = json.JSONDecoder()
_SCAN = _DECODER.scan_once
#: What may not follow a ", " for the separator's fast path ("" is the window's end).
_SPACE_OR_END = frozenset(_SPACE) | {""}


class _Text:
    """A window on a text file: the unread part, refilled a chunk at a time."""

    def __init__(self, handle: TextIO, chunk: int) -> None:
        self.handle, self.chunk = handle, chunk
        self.buffer, self.pos, self.done = "", 0, False

    def more(self) -> bool:
        """Append the next chunk (dropping what was read); False at the end of the file."""
        if self.done:
            return False
        piece = self.handle.read(self.chunk)
        self.buffer = self.buffer[self.pos:] + piece
        self.pos = 0
        self.done = not piece
        return bool(piece)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.buffer) or not self.more():
                return self.buffer[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise json.JSONDecodeError(f"Expecting '{char}'", self.buffer, self.pos)
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, reading more of the file until it is whole."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise
            # A number the window cuts («12|34», «0|.5») parses as a shorter number: it is
            # whole only when what follows it is not more of a number.
            if (isinstance(value, int | float) and not self.done
                    and (end == len(self.buffer) or self.buffer[end] in _NUMBER)
                    and self.more()):
                continue
            self.pos = end
            return value

    def element(self) -> Any:
        """The next array element, which starts right here: a store's records are objects,
        decoded in one call of the C scanner (:meth:`value` reads anything else, or an
        object the window cuts)."""
        try:
            value, end = _SCAN(self.buffer, self.pos)
        except (StopIteration, json.JSONDecodeError):
            return self.value()
        if type(value) is not dict:  # a number may be cut by the window: value() checks
            return self.value()
        self.pos = end
        return value

    def another(self) -> bool:
        """Past the separator after an array element: True if an element follows, False
        past the array's ']'. The store writes ", " between records, checked first."""
        buffer, pos = self.buffer, self.pos
        if buffer.startswith(", ", pos) and buffer[pos + 2:pos + 3] not in _SPACE_OR_END:
            self.pos = pos + 2
            return True
        if self.peek() == "]":
            self.pos += 1
            return False
        self.expect(",")
        self.peek()
        return True


def members(handle: TextIO, streamed: frozenset[str],
            chunk: int = CHUNK) -> Iterator[tuple[str, Any, bool]]:
    """(name, value, False) for each member of the top-level object, in file order; a
    member named in ``streamed`` whose value is an array comes as (name, [], False), then
    (name, element, True) once per element."""
    text = _Text(handle, chunk)
    text.expect("{")
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            name = text.value()
            if not isinstance(name, str):
                raise json.JSONDecodeError("Expecting property name", text.buffer, text.pos)
            text.expect(":")
            if name in streamed and text.peek() == "[":
                text.pos += 1
                yield name, [], False
                if text.peek() == "]":
                    text.pos += 1
                else:
                    # Per element: one scanner call and one separator check (a store of
                    # 40 000 actions has 400 000 records).
                    while True:
                        yield name, text.element(), True
                        if not text.another():
                            break
            else:
                yield name, text.value(), False
            if text.peek() == "}":
                text.pos += 1
                break
            text.expect(",")
    if text.peek():
        raise json.JSONDecodeError("Extra data", text.buffer, text.pos)
