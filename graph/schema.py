"""Cypher generated from the model's declared shapes, never from input text.

Labels and relationship types are interpolated into Cypher (Cypher cannot take them as
parameters); every one of them is checked against the model's whitelist first. All
values travel as parameters.
"""

from __future__ import annotations

from .model import NODE_TYPES, REL_ENDPOINTS, RelType

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


def merge_nodes(label: str, overwrite: bool = True) -> str:
    """Rows: ``{id, props, sources}``. Sources accumulate across loads.

    Props are replaced, unless ``overwrite`` is false: an actor only created from a
    reference must not overwrite the declared one already stored.
    """
    set_props = "SET n += row.props" if overwrite else "ON CREATE SET n += row.props"
    return (
        f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) {set_props} "
        + _SOURCES_UNION.format(v="n")
    )


def merge_rels(rel_type: str, source_label: str, target_label: str,
               with_props: bool = True) -> str:
    """Rows: ``{source, target, sources}``, plus ``tipo`` for RELATES (it is keyed by its
    tipo too) and ``props`` if ``with_props``.

    Most relationships carry nothing but their sources; leaving ``props`` out of their
    rows and statement halves what the driver packs per row and spares the server the
    Eager step that ``SET r += map`` plans.
    """
    rtype = _rel_type(rel_type)
    if (source_label, target_label) not in REL_ENDPOINTS[RelType(rtype)]:
        raise ValueError(f"{rtype} cannot join {source_label} to {target_label}")
    key = " {tipo: row.tipo}" if rtype == RelType.RELATES else ""
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
