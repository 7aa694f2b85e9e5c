"""Reading a store file element by element (graph/json_stream.py) gives what ``json.loads``
of the whole text gives, whatever the chunk size; malformed text still fails, and reading
a 40 000-action-like file no longer holds its text and its records at once."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import StoreError
from tejido.graph.json_stream import members

STREAMED = frozenset({"nodes", "edges"})
scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
           | st.floats(allow_nan=False) | st.text("aé\"\\\n ñ{}[],:1", max_size=8))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text("ab\"é", max_size=3), inner, max_size=4),
                      max_leaves=12)
documents = st.dictionaries(st.sampled_from(["format", "version", "nodes", "edges", "x"]),
                            values, max_size=5)


def _rebuild(text: str, chunk: int) -> dict[str, Any]:
    """The object ``members`` reads, put back together."""
    out: dict[str, Any] = {}
    for name, value, element in members(io.StringIO(text), STREAMED, chunk):
        if element:
            out[name].append(value)
        else:
            out[name] = value
    return out


@settings(max_examples=300, deadline=None)
@given(documents, st.integers(1, 40), st.sampled_from([None, 2]),
       st.sampled_from([", ", ",", " ,\n "]))
def test_elements_read_as_json_loads_reads_the_whole(document: dict[str, Any], chunk: int,
                                                     indent: int | None, sep: str) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=indent,
                      separators=(sep, ": ") if indent is None else None)
    assert _rebuild(text, chunk) == json.loads(text)


@pytest.mark.parametrize("text", [
    '{"nodes": [1, 2', '{"nodes": [1 2]}', '{"a": 1,}', '{"a": 1} x', '',
    '{"nodes": [{"id": "a"}], "edges": [}', '{"a": 12', '{"a": tru}',
])
def test_malformed_text_fails_as_json_does(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    for chunk in (1, 3, 1000):
        with pytest.raises(json.JSONDecodeError):
            _rebuild(text, chunk)


def test_only_an_object_is_read() -> None:
    with pytest.raises(json.JSONDecodeError):
        _rebuild("[1]", 10)


def test_a_number_cut_by_the_chunk_is_read_whole() -> None:
    assert _rebuild('{"version": 123456}', 3) == {"version": 123456}
    assert _rebuild('{"nodes": [1234, 5]}', 2) == {"nodes": [1234, 5]}
    assert _rebuild('{"version": 0.25e-3}', 1) == {"version": 0.25e-3}


@pytest.mark.parametrize("text", [
    '{"format": "other", "nodes": [], "edges": []}',
    '{"nodes": [{"id": "a"}], "format": "tejido-graph", "edges": []}',
    '{"format": "tejido-graph", "nodes": []}',
    '{"format": "tejido-graph", "nodes": ["a"], "edges": []}',
    '{"format": "tejido-graph", "nodes": [{"name": "no id"}], "edges": []}',
    '{"format": "tejido-graph", "nodes": [], "edges": [{"source": "a"}]}',
])
def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as error:
        EmbeddedStore(path).counts()
    assert str(path) in error.value.message


def test_reading_holds_neither_the_text_nor_every_record(tmp_path: Path) -> None:
    """A store of 20 000 nodes with accented names: the reader's own allocations stay
    far below the file's text, which ``json.loads`` would hold whole (plus every record)."""
    from tejido.graph.embedded import FORMAT

    records = [{"id": f"actor:número-{i}", "label": "Actor", "name": f"Institución {i} " * 8}
               for i in range(20_000)]
    text = json.dumps({"format": FORMAT, "version": 1, "nodes": records, "edges": []},
                      ensure_ascii=False)
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with path.open(encoding="utf-8") as handle:
        tracemalloc.start()
        count = sum(1 for _, _, element in members(handle, STREAMED, 1 << 16) if element)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == len(records)
    assert peak < len(text) / 5  # the whole text alone is len(text) bytes or more
