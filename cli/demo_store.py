"""``tejido demo`` and the planner's default store: the sample data goes in only when that
changes nothing of the planner's.

After the demo the planner's next command is ``tejido gaps`` (issue 12: «the next command
works»), which reads the default store (``$TEJIDO_STORE`` or ``.tejido/graph.json``). The
demo therefore loads the bundled data there when the store is new or empty, or refreshes
it when it holds nothing but the sample documents; when it holds anything else — a
planner's workbook, another dataset — or is a Neo4j server or a file that is not a store,
it is left untouched and the demo prints the exact commands that analyse the sample data
in a store of its own.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from tejido.graph.embedded import EmbeddedStore
from tejido.graph.errors import StoreError
from tejido.graph.i18n import register, t
from tejido.graph.model import GraphBatch
from tejido.graph.store import DEFAULT_PATH, is_neo4j_spec

register(
    {
        "demo.store_loaded": {
            "es": "Datos de ejemplo cargados en el almacén por defecto {store}: «tejido gaps» "
                  "o «tejido informe» en esta carpeta ya los analizan.",
            "en": "Sample data loaded into the default store {store}: «tejido gaps» or "
                  "«tejido informe» in this folder now analyse it.",
        },
        "demo.store_refreshed": {
            "es": "El almacén por defecto {store} ya tenía solo los datos de ejemplo: se "
                  "actualizaron. «tejido gaps» en esta carpeta los analiza.",
            "en": "The default store {store} held only the sample data: it was refreshed. "
                  "«tejido gaps» in this folder analyses it.",
        },
        "demo.store_kept": {
            "es": "El almacén por defecto {store} ya tiene otros datos y no se tocó. Para "
                  "analizar los datos de ejemplo: {load} && tejido gaps --store {path}",
            "en": "The default store {store} already holds other data and was not touched. "
                  "To analyse the sample data: {load} && tejido gaps --store {path}",
        },
    }
)


def _command(data_dir: Path, path: str) -> str:
    return f"tejido load {shlex.quote(str(data_dir))} --store {shlex.quote(path)}"


def load_default(batch: GraphBatch, data_dir: Path, own_store: Path,
                 spec: str | None = None) -> str:
    """Load ``batch`` (the bundled data, read from ``data_dir``) into the default store
    when that is safe; returns the sentence saying what was done, or the commands to run
    (with ``own_store``, a store file of the demo's folder, as the place to load into).

    Safe means: an embedded store that does not exist yet, holds no node, or holds only
    rows of the documents ``batch`` holds (the sample data of an earlier demo, registry
    included).
    """
    spec = spec or os.environ.get("TEJIDO_STORE") or str(DEFAULT_PATH)
    kept = t("demo.store_kept", store=spec, load=_command(data_dir, str(own_store)),
             path=shlex.quote(str(own_store)))
    if is_neo4j_spec(spec):
        return kept  # a server may be shared: never written to without being asked
    store = EmbeddedStore(Path(spec))
    try:
        store.verify()
        fresh = not store.exists() or not any(store.counts().get(k) for k in (
            "Actor", "Action", "Source", "Axis", "Territory", "Mechanism", "Document"))
        documents = {str(r["document"]) for r in store.nodes("Source", ["document"])}
        sample = {str(getattr(n, "document", "")) for n in batch.nodes.values()
                  if n.label == "Source"}
        if not fresh and not (documents and documents <= sample):
            return kept
        Path(spec).parent.mkdir(parents=True, exist_ok=True)
        store.write(batch)
    except (StoreError, OSError):
        return kept  # not a store file, or not writable: say how, touch nothing
    finally:
        store.close()
    return t("demo.store_loaded" if fresh else "demo.store_refreshed", store=spec)
