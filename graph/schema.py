"""Cypher generated from the model's declared shapes, never from input text.

Labels and relationship types are interpolated into Cypher (Cypher cannot take them as
parameters); every one of them is checked against the model's whitelist first. All
values travel as parameters.
"""

from __future__ import annotations

from .model import NODE_TYPES, REL_ENDPOINTS, REL_IDENTITY, RelType

# Union of the stored and the new sources, first-seen order, in linear time (a list
# comprehension with NOT IN would be quadratic for an axis cited by thousands of rows).
_SOURCES_UNION = (
    " WITH {v}, row CALL ({v}, row) {{ UNWIND coalesce({v}.sources, []) + row.sources AS s "
    "RETURN collect(DISTINCT s) AS merged }} SET {v}.sources = merged"
)


def _label(label: str) -> str:
    if label not in NODE_TYPES:
        raise ValueError(f"label {label!r} is not in the model")
    return label


def _rel_type(rel_type: str) -> str:
    return RelType(rel_type).value


def constraint_statements() -> list[str]:
    """One uniqueness constraint per label on ``id``; also the index MERGE relies on."""
    return [
        f"CREATE CONSTRAINT tejido_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_TYPES
    ]


#: The label of the first-load lock (:mod:`tejido.graph.neo4j_write`, "A first load"): a
#: node of it exists only inside a first load's transaction, which deletes it before it
#: commits; its uniqueness constraint makes a second first load wait for the first.
FIRST_LOAD_LABEL = "TejidoFirstLoad"


def first_load_constraint() -> str:
    """The uniqueness constraint that makes :func:`take_first_load` a lock."""
    return (f"CREATE CONSTRAINT tejido_first_load IF NOT EXISTS "
            f"FOR (n:{FIRST_LOAD_LABEL}) REQUIRE n.id IS UNIQUE")


def take_first_load() -> str:
    """CREATE the lock node: under its constraint, a concurrent transaction's same CREATE
    waits for this one to end (the index entry stays locked until then)."""
    return f"CREATE (:{FIRST_LOAD_LABEL} {{id: 'lock'}})"


def release_first_load() -> str:
    """Delete the lock node in the same transaction: nothing of it is ever committed."""
    return f"MATCH (n:{FIRST_LOAD_LABEL} {{id: 'lock'}}) DELETE n"


def merge_nodes(label: str, overwrite: bool = True, returning: bool = False) -> str:
    """Rows: ``{id, props, sources}``. Sources accumulate across loads.

    Props are replaced, unless ``overwrite`` is false: an actor only created from a
    reference must not overwrite the declared one already stored. ``returning``: each
    row's ``id`` and its node's ``eid`` (element id), for :func:`create_rels`.
    """
    set_props = "SET n += row.props" if overwrite else "ON CREATE SET n += row.props"
    return (
        f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) {set_props} "
        + _SOURCES_UNION.format(v="n")
        + (" RETURN row.id AS id, elementId(n) AS eid" if returning else "")
    )


def create_nodes(label: str) -> str:
    """Rows: ``{id, props}``, ``props`` holding every stored property (``id`` and
    ``sources`` included), for nodes the load's own transaction found absent; each row's
    ``id`` and its new node's ``eid``. The uniqueness constraint still guards the id: a
    node another load committed meanwhile makes the statement fail, never duplicates."""
    return (f"UNWIND $rows AS row CREATE (n:{_label(label)}) SET n = row.props "
            "RETURN row.id AS id, elementId(n) AS eid")


def create_rels(rel_type: str) -> str:
    """Rows: ``{a, b, props}``: a new relationship from the node of element id ``a`` to
    that of ``b``, ``props`` holding all its properties (``sources`` included).

    Only for a relationship with an endpoint created in the same transaction: it cannot
    exist yet, so no MERGE is needed, and element ids are the cheapest lookup.
    """
    return ("UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a "
            "MATCH (b) WHERE elementId(b) = row.b "
            f"CREATE (a)-[r:{_rel_type(rel_type)}]->(b) SET r = row.props")


def merge_rels(rel_type: str, source_label: str, target_label: str,
               with_props: bool = True) -> str:
    """Rows: ``{source, target, sources}``, plus the type's identity properties
    (:data:`REL_IDENTITY`: ``tipo`` for RELATES) and ``props`` if ``with_props``.

    Most relationships carry nothing but their sources; leaving ``props`` out of their
    rows and statement halves what the driver packs per row and spares the server the
    Eager step that ``SET r += map`` plans.
    """
    rtype = _rel_type(rel_type)
    if (source_label, target_label) not in REL_ENDPOINTS[RelType(rtype)]:
        raise ValueError(f"{rtype} cannot join {source_label} to {target_label}")
    identity = REL_IDENTITY.get(RelType(rtype), ())
    key = " {" + ", ".join(f"{name}: row.{name}" for name in identity) + "}" if identity else ""
    set_props = "SET r += row.props " if with_props else ""
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_label(source_label)} {{id: row.source}}) "
        f"MATCH (b:{_label(target_label)} {{id: row.target}}) "
        f"MERGE (a)-[r:{rtype}{key}]->(b) {set_props}"
        + _SOURCES_UNION.format(v="r")
    )


def count_nodes(label: str) -> str:
    return f"MATCH (n:{_label(label)}) RETURN count(n) AS n"


def count_labels(labels: list[str]) -> str:
    """One row, ``counts``: how many nodes of each of ``labels`` (a map by label), in one
    round trip; each ``COUNT {}`` is read from the store's counts, in constant time."""
    counts = ", ".join(f"{_label(label)}: COUNT {{ (:{label}) }}" for label in labels)
    return f"RETURN {{{counts}}} AS counts"


def count_rels(rel_type: str) -> str:
    return f"MATCH ()-[r:{_rel_type(rel_type)}]->() RETURN count(r) AS n"


def wipe() -> str:
    """Delete only what tejido owns (its labels), in server-side batches."""
    labels = " OR ".join(f"n:{_label(label)}" for label in NODE_TYPES)
    return (
        f"MATCH (n) WHERE {labels} "
        # The scoped CALL (n) {…} form: the WITH-importing form is deprecated since 5.23.
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
    )


def read_nodes(label: str, fields: list[str], by_id: bool) -> str:
    """``id`` and ``fields`` of the nodes of ``label`` (those in ``$ids`` if ``by_id``).

    The caller checks ``fields`` against the model (:func:`tejido.graph.store.check_fields`).
    """
    where = " WHERE n.id IN $ids" if by_id else ""
    columns = ", ".join(["n.id AS id", *(f"n.{name} AS {name}" for name in fields)])
    return f"MATCH (n:{_label(label)}){where} RETURN {columns}"


def snapshot_nodes() -> str:
    """Every node of the model's labels: ``id``, ``label`` and ``props``."""
    return ("MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
            "RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS label, "
            "properties(n) AS props")


def snapshot_rels() -> str:
    """Every relationship of the model's types: ``source``, ``target``, ``type``, ``props``."""
    return ("MATCH (a)-[r]->(b) WHERE type(r) IN $types "
            "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props")


# --- replacing what re-loaded documents said (GraphBatch.replaces) -----------------------


def stale_sources() -> str:
    """The ids of the Source rows of the documents in ``$docs``."""
    return "MATCH (s:Source) WHERE s.document IN $docs RETURN collect(s.id) AS ids"


def strip_nodes(label: str) -> str:
    """Take ``$stale`` out of the sources of ``label``'s nodes; the emptied ones' ids."""
    return (
        f"MATCH (n:{_label(label)}) WHERE any(x IN coalesce(n.sources, []) WHERE x IN $stale) "
        "SET n.sources = [x IN n.sources WHERE NOT x IN $stale] "
        "WITH n WHERE size(n.sources) = 0 RETURN n.id AS id"
    )


def reset_nodes(label: str) -> str:
    """Emptied nodes the batch states again lose the old version's properties."""
    return f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) SET n = {{id: id, sources: []}}"


def delete_nodes(label: str) -> str:
    return f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) DETACH DELETE n"


def strip_rels(rel_type: str) -> str:
    """Take ``$stale`` out of the sources (and printed rows) of ``rel_type``'s
    relationships; the emptied ones' element ids, endpoints and identity properties."""
    kept = "[x IN coalesce(r.printed, []) WHERE NOT x IN $stale]"
    return (
        f"MATCH (a)-[r:{_rel_type(rel_type)}]->(b) "
        "WHERE any(x IN coalesce(r.sources, []) WHERE x IN $stale) "
        "SET r.sources = [x IN r.sources WHERE NOT x IN $stale], "
        f"r.printed = CASE WHEN size({kept}) = 0 THEN null ELSE {kept} END "
        "WITH a, b, r WHERE size(r.sources) = 0 "
        "RETURN elementId(r) AS eid, a.id AS source, b.id AS target, properties(r) AS props"
    )


def reset_rels(rel_type: str) -> str:
    """Rows ``{eid, keep}``: an emptied relationship the batch states again keeps only its
    identity properties (``keep``) before the batch sets its new ones."""
    return (f"UNWIND $rows AS row MATCH ()-[r:{_rel_type(rel_type)}]->() "
            "WHERE elementId(r) = row.eid SET r = row.keep")


def delete_rels(rel_type: str) -> str:
    return (f"UNWIND $eids AS eid MATCH ()-[r:{_rel_type(rel_type)}]->() "
            "WHERE elementId(r) = eid DELETE r")


# --- what a load would change (tejido.graph.changes.Before) ------------------------------
# One row holding a list per query: the driver builds a record per row, and for tens of
# thousands of facts that costs more than the query. Provenance lists stay on the server.

_READABLE = "{v} {{.*, id: null, sources: null, printed: null}}"
_EMPTIED = "size(coalesce({v}.sources, [])) > 0 AND all(x IN {v}.sources WHERE x IN $stale)"


def nodes_citing(label: str) -> str:
    """``rows``: ``[id, props, emptied]`` of ``label``'s nodes citing any of the Source ids
    ``$stale`` (``emptied``: they cite nothing else)."""
    return (f"MATCH (n:{_label(label)}) WHERE any(x IN coalesce(n.sources, []) "
            f"WHERE x IN $stale) RETURN collect([n.id, {_READABLE.format(v='n')}, "
            f"{_EMPTIED.format(v='n')}]) AS rows")


def rels_citing(rel_type: str) -> str:
    """``rows``: ``[source, target, props, emptied]`` of ``rel_type``'s relationships
    citing any of ``$stale``."""
    return (f"MATCH (a)-[r:{_rel_type(rel_type)}]->(b) "
            "WHERE any(x IN coalesce(r.sources, []) WHERE x IN $stale) "
            f"RETURN collect([a.id, b.id, {_READABLE.format(v='r')}, "
            f"{_EMPTIED.format(v='r')}]) AS rows")


def nodes_by_id(label: str) -> str:
    """``rows``: ``[id, props]`` of the nodes of ``label`` among ``$ids`` (index lookups)."""
    return (f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) "
            f"RETURN collect([n.id, {_READABLE.format(v='n')}]) AS rows")


def rels_between(rel_type: str, source_label: str, target_label: str) -> str:
    """``rows``: ``[source, target, props]`` of ``rel_type``'s relationships between the
    endpoint pairs ``$rows`` (``{source, target}``, looked up by id)."""
    return (f"UNWIND $rows AS row MATCH (a:{_label(source_label)} {{id: row.source}}) "
            f"MATCH (b:{_label(target_label)} {{id: row.target}}) "
            f"MATCH (a)-[r:{_rel_type(rel_type)}]->(b) "
            f"RETURN collect([a.id, b.id, {_READABLE.format(v='r')}]) AS rows")
