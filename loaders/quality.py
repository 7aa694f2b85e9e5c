"""Data quality: what the loaded data does not say clearly, as plain data.

Sections: actors created because no registry entry matched (with the rows that name
them), acronyms nobody expanded, near-duplicate actor names, the equivalences applied
(names merged into an actor, renamings) with their rows, equivalences worth deciding
(:mod:`tejido.loaders.suggestions`, as rows ready for the ``equivalencias`` sheet), generic
actors (a category, not one institution), actions without an ente rector, rows the loader
could read only in part (``problemas`` on Source nodes), and what each document says about
itself (``iniciativas_declaradas``) against what was found.

:func:`build_report` reads a store's snapshot into plain, language-neutral data; the
``tejido quality`` command prints it as JSON, or worded as Markdown by the reports layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from tejido.graph.model import RelType, fold

from .place_names import PlaceNames, agreeing, different_places, numbers
from .registry import PENDING, REGISTRY_DOCUMENT
from .suggestions import ActorFacts, Usage, is_acronym, suggest
from .workbook_spec import sheet_spec

#: The roles in which two names standing for the same action suggest one actor.
_ROLES = (RelType.LEADS, RelType.ARTICULATES)
#: Actor-to-actor ties: two actors joined by one are known to be two.
_TIES = (RelType.RELATES, RelType.SUCCEEDS)
#: Rows of the similarity matrix computed at once: memory stays chunk x n, not n x n.
_CHUNK = 1024


def build_report(graph: nx.MultiDiGraph, threshold: int = 85) -> dict[str, Any]:
    """Every section of the report as plain data (JSON-ready, language-neutral).

    Near-duplicate names that name different territories (or carry different numbers)
    are two institutions (:mod:`.place_names`) and are not listed; ``other_place_example``
    is such a pair from the data (None when there is none), for the report to say what it
    left out."""
    nodes = graph.nodes
    actors = [n for n, a in nodes(data=True) if a.get("label") == "Actor"]
    names = {n: nodes[n].get("name", n) for n in actors}
    places = place_names(graph)
    similar = near_duplicates(names, threshold,
                              {n: places.mentioned(name) | numbers(name)
                               for n, name in names.items()})
    return {
        "counts": _counts(graph),
        "unresolved_actors": [
            {"id": n, "name": nodes[n].get("name", n), "rows": _rows(graph, n)}
            for n in sorted(actors, key=lambda n: fold(nodes[n].get("name", n)))
            if nodes[n].get("auto")
        ],
        "unexpanded_acronyms": [
            {"id": n, "name": nodes[n]["name"], "registered": not nodes[n].get("auto"),
             "rows": _rows(graph, n)}
            for n in sorted(actors, key=lambda n: nodes[n].get("name", n))
            if is_acronym(nodes[n].get("name", ""))
        ],
        "near_duplicates": similar,
        "other_place_example": other_place_example(names, places, threshold),
        "equivalences": applied_equivalences(graph),
        "equivalence_suggestions": suggestions(graph, threshold),
        "generic_actors": [
            {"id": n, "name": nodes[n].get("name", n), "rows": _rows(graph, n)}
            for n in sorted(actors, key=lambda n: fold(nodes[n].get("name", n)))
            if nodes[n].get("generico")
        ],
        "actions_without_lead": [
            {"id": n, "titulo": nodes[n].get("titulo", n), "rows": _rows(graph, n)}
            for n in sorted(n for n, a in nodes(data=True) if a.get("label") == "Action")
            if not any(d.get("type") == RelType.LEADS for _, _, d in graph.in_edges(n, data=True))
        ],
        "row_problems": [
            {**_source(nodes[n]), "problems": problems}
            for n in sorted(nodes, key=lambda n: _source_order(nodes[n]))
            if nodes[n].get("label") == "Source"
            and (problems := [p for p in nodes[n].get("problemas") or [] if not _pending(p)])
        ],
        "open_questions": open_questions(graph),
        "stated_vs_found": stated_vs_found(graph),
    }


def _counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, label in graph.nodes(data="label"):
        out[label] = out.get(label, 0) + 1
    for _, _, kind in graph.edges(data="type"):
        out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items()))


def _source(attrs: dict[str, Any]) -> dict[str, Any]:
    return {"document": attrs.get("document"), "table": attrs.get("table"), "row": attrs.get("row")}


def _source_order(attrs: dict[str, Any]) -> tuple[str, str, int]:
    return (str(attrs.get("document")), str(attrs.get("table")), int(attrs.get("row") or 0))


def _rows(graph: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """The Source rows a node lists, in document/table/row order."""
    return _source_rows(graph, graph.nodes[node].get("sources", []))


def _source_rows(graph: nx.MultiDiGraph, ids: list[str]) -> list[dict[str, Any]]:
    found = [graph.nodes[s] for s in ids if s in graph]
    return [_source(a) for a in sorted(found, key=_source_order) if a.get("label") == "Source"]


def _pending(problem: str) -> bool:
    """A question the registry leaves open (stored like a row problem: "code: …")."""
    return problem.partition(": ")[0] == PENDING


def open_questions(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The registry's open questions (``pendiente``), each at the entry that asks it."""
    out = []
    for attrs in sorted((a for _, a in graph.nodes(data=True) if a.get("label") == "Source"),
                        key=_source_order):
        for problem in attrs.get("problemas") or []:
            if _pending(problem):
                actor, _, question = problem.partition(": ")[2].partition(": ")
                out.append({**_source(attrs), "actor": actor, "question": question})
    return out


def _is_equivalence_row(row: dict[str, Any]) -> bool:
    """A row where equivalences are decided: a registry entry, a row of an ``equivalencias``
    sheet, or a document such a row cites (no table)."""
    spec = sheet_spec(str(row["table"] or ""))
    return (not row["table"] or row["document"] == REGISTRY_DOCUMENT
            or (spec is not None and spec.name == "equivalencias"))


def applied_equivalences(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every equivalence the graph holds, with the rows that decided it: the names merged
    into each actor (``variantes``: relation ``mismo_actor``) and every renaming
    (``SUCCEEDS``, successor -> predecessor: relation ``renombrado``)."""
    nodes = graph.nodes
    out = []
    for node, attrs in sorted(graph.nodes(data=True), key=lambda n: fold(n[1].get("name", ""))):
        if attrs.get("label") == "Actor" and attrs.get("variantes"):
            rows = [r for r in _rows(graph, node) if _is_equivalence_row(r)]
            out.append({"relation": "mismo_actor", "names": list(attrs["variantes"]),
                        "name_ids": [], "equivalent_to": attrs.get("name", node),
                        "equivalent_to_id": node,
                        "rows": rows if any(r["table"] for r in rows) else []})
    renamings = [
        {"relation": "renombrado", "names": [nodes[old].get("name", old)], "name_ids": [old],
         "equivalent_to": nodes[new].get("name", new), "equivalent_to_id": new,
         "rows": _source_rows(graph, data.get("sources", []))}
        for new, old, data in graph.edges(data=True) if data.get("type") == RelType.SUCCEEDS
    ]
    return out + sorted(renamings, key=lambda r: (fold(r["equivalent_to"]), fold(r["names"][0])))


def _similar_aliases(
    graph: nx.MultiDiGraph, actors: set[str], threshold: int
) -> list[dict[str, Any]]:
    """The best-scoring similar names of each pair of actors, comparing every name an actor
    answers to (name, siglas, variantes): a typo of a sigla (CONQITO) is caught too."""
    aliases = {
        f"{n}\x1f{i}": alias for n in sorted(actors)
        for i, alias in enumerate(dict.fromkeys(_names(graph.nodes[n], n)))
    }
    places = place_names(graph)
    similar = near_duplicates(aliases, threshold,
                              {key: places.mentioned(alias) | numbers(alias)
                               for key, alias in aliases.items()})
    best: dict[frozenset[str], dict[str, Any]] = {}
    for pair in similar:
        a, b = pair["a_id"].split("\x1f")[0], pair["b_id"].split("\x1f")[0]
        key = frozenset((a, b))
        if a != b and (key not in best or pair["score"] > best[key]["score"]):
            best[key] = {"a_id": a, "b_id": b, "score": pair["score"],
                         "names": [pair["a"], pair["b"]]}
    return list(best.values())


def _names(attrs: dict[str, Any], node: str) -> list[str]:
    """Every name an actor answers to: its name, siglas and variantes."""
    return [attrs.get("name", node), *(attrs.get("siglas") or []),
            *(attrs.get("variantes") or [])]


def suggestions(graph: nx.MultiDiGraph, threshold: int) -> list[dict[str, Any]]:
    """Equivalences worth deciding (:func:`tejido.loaders.suggestions.suggest`) among the
    actors that are not generic, from the names they answer to, their ties and actions."""
    nodes = graph.nodes
    facts = {
        n: ActorFacts(n, a.get("name", n), declared=not a.get("auto"),
                      rows=len(a.get("sources", [])))
        for n, a in graph.nodes(data=True) if a.get("label") == "Actor" and not a.get("generico")
    }
    apart: set[frozenset[str]] = set()
    places: dict[tuple[str, str], list[tuple[str, str, list[str]]]] = {}
    keys: dict[str, str] = {}  # title -> folded title: titles repeat across roles
    for source, target, data in graph.edges(data=True):
        kind = data.get("type")
        if kind in _TIES:
            apart.add(frozenset((source, target)))
        elif kind in _ROLES and source in facts:
            title = nodes[target].get("titulo", target)
            key = keys.get(title) or keys.setdefault(title, fold(title))
            places.setdefault((key, str(kind)), []).append((title, source, data["sources"]))
    # Only a title whose role two actors hold can show one used instead of the other.
    usages = [
        Usage(title, role, actor, frozenset(
            (str(r["document"]), str(r["table"]), int(r["row"] or 0))
            for r in _source_rows(graph, sources) if r["table"]))
        for (_, role), held in places.items() if len({actor for _, actor, _ in held}) > 1
        for title, actor, sources in held
    ]
    return suggest(facts, _similar_aliases(graph, set(facts), threshold), usages, apart)


def near_duplicates(names: dict[str, str], threshold: int,
                    mentions: dict[str, frozenset[str]] | None = None) -> list[dict[str, Any]]:
    """Pairs of distinct actors whose folded names score ≥ threshold (token sort ratio).

    rapidfuzz's ``cdist`` scores a block of names against others in C; blocks keep memory
    linear in the number of names. Token sort ratio (Levenshtein similarity on sorted
    words) tolerates word order and typos, as in SeatGeek's fuzzywuzzy.

    With ``mentions`` (id -> the places its name names, :mod:`.place_names`), names that
    name different places are two institutions and are not even compared: a name is
    scored against the names naming no place and those naming a place that agrees with
    its first one (an index on places instead of every pair: a parish's bodies meet the
    few of that parish). The pairs are those of the full sweep that are not
    :func:`.place_names.different_places`.
    """
    ids = sorted(names)
    keys = [fold(names[i]) for i in ids]
    everyone = range(len(keys))
    scored: dict[tuple[int, int], int] = {}
    if mentions is None:
        _score(keys, everyone, everyone, threshold, scored)
    else:
        places = [mentions[i] for i in ids]
        by_place: dict[str, list[int]] = {}
        groups: dict[str, list[int]] = {}  # first place -> the names naming it first
        for n, where in enumerate(places):
            for place in where:
                by_place.setdefault(place, []).append(n)
            if where:
                groups.setdefault(min(where), []).append(n)
        # Not different places: every place of one agrees with some place of the other, so the
        # other names, at least, a place agreeing with the first one's first place.
        agree = agreeing(by_place)
        _score(keys, [n for n, where in enumerate(places) if not where], everyone,
               threshold, scored)
        for first, group in sorted(groups.items()):
            others = sorted({m for place in agree[first] for m in by_place[place]})
            _score(keys, group, others, threshold, scored)
        scored = {(a, b): s for (a, b), s in scored.items()
                  if not different_places(places[a], places[b])}
    pairs = [{"a": names[ids[a]], "b": names[ids[b]], "a_id": ids[a], "b_id": ids[b],
              "score": score} for (a, b), score in scored.items()]
    return sorted(pairs, key=lambda p: (-p["score"], fold(p["a"]), fold(p["b"])))


def _score(keys: list[str], rows: Sequence[int], cols: Sequence[int], threshold: int,
           scored: dict[tuple[int, int], int]) -> None:
    """Add to ``scored`` every pair (a < b) of a name in ``rows`` and one in ``cols``
    scoring ≥ threshold, ``_CHUNK`` rows at a time."""
    col_keys = [keys[c] for c in cols]
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        block = process.cdist([keys[r] for r in chunk], col_keys, scorer=fuzz.token_sort_ratio,
                              score_cutoff=threshold, dtype=np.uint8)
        for row, col in zip(*np.nonzero(block), strict=True):
            a, b = chunk[int(row)], cols[int(col)]
            if a != b:
                scored[(a, b) if a < b else (b, a)] = int(block[row, col])


def place_names(graph: nx.MultiDiGraph) -> PlaceNames:
    """The names of the snapshot's territories, to find inside actor names."""
    return PlaceNames(a["name"] for _, a in graph.nodes(data=True)
                      if a.get("label") == "Territory" and a.get("name"))


def other_place_example(names: dict[str, str], places: PlaceNames,
                        threshold: int) -> dict[str, Any] | None:
    """Two names alike but for the one place each names (the same other words), the most
    similar such pair scoring ≥ threshold: what the place rule keeps from being reported
    as one institution. Linear: names are grouped by their other words."""
    alike: dict[str, dict[str, str]] = {}
    for node in sorted(names, key=lambda n: (fold(names[n]), n)):
        where, rest = places.split(names[node])
        if len(where) == 1 and rest:
            alike.setdefault(rest, {}).setdefault(next(iter(where)), names[node])
    best: dict[str, Any] | None = None
    for rest in sorted(alike):
        if len(alike[rest]) < 2:
            continue
        a, b = list(alike[rest].values())[:2]
        score = round(fuzz.token_sort_ratio(fold(a), fold(b)))
        if score >= threshold and (best is None or score > best["score"]):
            best = {"a": a, "b": b, "score": score}
    return best


def stated_vs_found(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Axes with ``iniciativas_declaradas``: the stated count against the actions found.

    Found = distinct actions UNDER the axis or under any axis PART_OF it (at any depth);
    ``note`` is the dataset's reason for a difference (``nota_declaradas``), if it gives one.
    """
    part_of = nx.DiGraph()
    under: dict[str, set[str]] = {}
    for source, target, data in graph.edges(data=True):
        if data.get("type") == RelType.PART_OF:
            part_of.add_edge(source, target)
        elif data.get("type") == RelType.UNDER:
            under.setdefault(target, set()).add(source)
    out = []
    for node, attrs in graph.nodes(data=True):
        declared = attrs.get("iniciativas_declaradas")
        if attrs.get("label") != "Axis" or declared is None:
            continue
        axes = {node} | (nx.ancestors(part_of, node) if node in part_of else set())
        found = set().union(*(under.get(axis, set()) for axis in axes))
        out.append({"id": node, "name": attrs.get("name", node), "codigo": attrs.get("codigo"),
                    "declared": int(declared), "found": len(found),
                    "difference": len(found) - int(declared),
                    "note": attrs.get("nota_declaradas")})
    return sorted(out, key=lambda r: (str(r["codigo"] or ""), fold(r["name"])))
