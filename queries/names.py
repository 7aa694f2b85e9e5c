"""Finding the node a planner names: an actor by its name or siglas, a territory or an eje
by its name or code, as the documents print them.

One resolver for every place a planner types a name (a saved query's parameter that
``refers`` to a node type; ``tejido gaps --eje/--territorio`` can share it): the value may
be the node's id, its name, a code (``codigo``), an acronym (``siglas``) or a variant
name (``variantes``), compared folded (case, accents and spacing ignored, see
:func:`tejido.graph.model.fold`); failing that, the one name that contains it
(«tierra productiva» → «1 TIERRA PRODUCTIVA»). Nothing matching is an :class:`InputError`
(exit 2) with the closest names (rapidfuzz ``WRatio``), several matching one naming them
with their ids.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t
from tejido.graph.model import fold
from tejido.graph.store import Store

#: The node types a name may refer to, and the properties that name them.
NAMING: dict[str, tuple[str, ...]] = {
    "Actor": ("name", "siglas", "variantes"),
    "Territory": ("name", "codigo"),
    "Axis": ("name", "codigo"),
}
#: Suggestions: how many, and how close (0–100, rapidfuzz WRatio).
HINTS = 3
CUTOFF = 60

register(
    {
        "names.what.Actor": {"es": "actor", "en": "actor"},
        "names.what.Territory": {"es": "territorio", "en": "territory"},
        "names.what.Axis": {"es": "eje", "en": "eje"},
        "names.none": {
            "es": "No hay ningún {what} «{value}» en el almacén.{hint}",
            "en": "There is no {what} «{value}» in the store.{hint}",
        },
        "names.hint": {"es": " ¿Quiso decir: {names}?", "en": " Did you mean: {names}?"},
        "names.param": {"es": "Parámetro «{name}»: {problem}",
                        "en": "Parameter «{name}»: {problem}"},
        "names.several": {
            "es": "«{value}» nombra a más de un {what}; indique uno por su id: {ids}.",
            "en": "«{value}» names more than one {what}; give one by its id: {ids}.",
        },
    }
)


def _keys(node: dict[str, Any], fields: tuple[str, ...]) -> set[str]:
    values: list[Any] = []
    for field in fields:
        value = node.get(field)
        values.extend(value if isinstance(value, list | tuple) else [value])
    return {fold(str(v)) for v in values if v}


def resolve_name(nodes: list[dict[str, Any]], label: str, value: str) -> str:
    """The id of the node of ``label`` among ``nodes`` (rows with ``id`` and the
    :data:`NAMING` fields) that ``value`` names; :class:`InputError` otherwise."""
    if any(n["id"] == value for n in nodes):
        return value
    fields = NAMING[label]
    key = fold(value)
    matches = sorted({n["id"] for n in nodes if key in _keys(n, fields)})
    if not matches and key:
        matches = sorted({n["id"] for n in nodes if key in fold(str(n.get("name") or ""))})
    what = t(f"names.what.{label}")
    if len(matches) == 1:
        return matches[0]
    named = {n["id"]: n.get("name") or n["id"] for n in nodes}
    if matches:
        raise InputError(t("names.several", value=value, what=what,
                           ids="; ".join(f"{m} ({named[m]})" for m in matches)))
    names = sorted({str(name) for name in named.values()})
    close = [found for found, _, _ in process.extract(
        value, names, scorer=fuzz.WRatio, processor=fold, limit=HINTS, score_cutoff=CUTOFF)]
    hint = t("names.hint", names="; ".join(close)) if close else ""
    raise InputError(t("names.none", what=what, value=value, hint=hint))


def resolve_in_store(store: Store, label: str, value: str) -> str:
    """:func:`resolve_name` over every node of ``label`` in ``store``."""
    return resolve_name(store.nodes(label, list(NAMING[label])), label, value)


def resolve_refs(refers: list[tuple[str, str | None]], bound: dict[str, Any],
                 store: Store) -> dict[str, Any]:
    """``bound`` with each ``(name, label)`` parameter's value (a string or a list of
    them) replaced by the id of the node it names; every unknown name at once, as one
    :class:`InputError` naming the parameter."""
    resolved = dict(bound)
    problems: list[str] = []
    nodes: dict[str, list[dict[str, Any]]] = {}
    for name, label in refers:
        value = bound.get(name)
        if label is None or value is None:
            continue
        if label not in nodes:
            nodes[label] = store.nodes(label, list(NAMING[label]))
        ids = []
        for item in value if isinstance(value, list) else [value]:
            try:
                ids.append(resolve_name(nodes[label], label, item))
            except InputError as exc:
                problems.extend(t("names.param", name=name, problem=problem)
                                for problem in exc.problems)
        resolved[name] = ids if isinstance(value, list) else (ids[0] if ids else None)
    if problems:
        raise InputError(problems)
    return resolved
