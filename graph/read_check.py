"""Is a planner's saved query a plain read? Checked before it runs on Neo4j.

A read transaction stops writes to the graph, but not everything a Cypher text can do:
``TERMINATE TRANSACTIONS`` stopped another user's running query, ``SHOW TRANSACTIONS``
showed other users' query text, and ``LOAD CSV`` reads files and URLs from the server's
side. So a query of the planner's own must:

1. start with a reading clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL) — never
   an administration command (SHOW, TERMINATE, CREATE/DROP/ALTER …, GRANT, USE …);
2. not use LOAD CSV anywhere;
3. call no procedure outside :data:`ALLOWED_PROCEDURES` (read from ``EXPLAIN``'s plan,
   so a procedure inside a subquery is seen too): ``db.clearQueryCaches()`` is planned as
   a plain query yet empties every user's query cache, and a procedure's mode says what it
   may touch, not whom it disturbs — so only procedures known to read the graph's own
   catalogue, or to stream a Graph Data Science algorithm's results, may run;
4. be planned by the server as a read (``EXPLAIN``'s query type ``r``), which rules out
   writing procedures and schema or DBMS operations the text may hide.

Steps 1–2 run on the text with string literals and comments blanked out, so a title that
says «show» or a comment does not trip them; steps 3–4 are the store's (it asks the server
for the plan and hands it to :func:`refused_procedures`).
"""

from __future__ import annotations

import re
from typing import Any

#: Clauses a plain read may start with.
READ_STARTS = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL")
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
_FIRST_WORD = re.compile(r"[A-Za-z]+")

#: The procedures a planner's query may call: they only read the database's catalogue.
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.schema.visualization",
})
#: Graph Data Science algorithms in stream mode (``gds.pageRank.stream``,
#: ``gds.louvain.stream``…) return rows and write nothing. Their ``write``/``mutate``
#: modes, graph projections and catalogue operations are not allowed.
ALLOWED_PATTERNS = (re.compile(r"gds(?:\.[A-Za-z0-9]+)+\.stream"),)
_PROCEDURE_NAME = re.compile(r"\s*([A-Za-z0-9_.]+)\s*\(")


def blank_literals(text: str) -> str:
    """``text`` with comments and quoted strings/identifiers replaced by spaces."""
    without_comments = _COMMENTS.sub(" ", text)
    return _STRINGS.sub(lambda m: " " * len(m.group(0)), without_comments)


def not_a_plain_read(text: str) -> str | None:
    """Why the Cypher ``text`` is not a plain read by its text alone, or None.

    The reason is the offending word as written (``TERMINATE``, ``LOAD CSV``), for the
    message the planner reads.
    """
    code = blank_literals(text)
    first = _FIRST_WORD.search(code)
    if first is None:
        return ""
    if first.group(0).upper() not in READ_STARTS:
        return first.group(0)
    load = _LOAD_CSV.search(code)
    if load:
        return load.group(0)
    return None


def allowed_procedure(name: str) -> bool:
    """Whether a planner's query may call the procedure ``name`` (see the module docstring)."""
    return name in ALLOWED_PROCEDURES or any(p.fullmatch(name) for p in ALLOWED_PATTERNS)


def refused_procedures(plan: dict[str, Any] | None) -> list[str]:
    """The procedures an ``EXPLAIN`` plan calls outside the allow-list, in plan order.

    Each ``ProcedureCall`` operator names its procedure at the start of its ``Details``
    (``db.labels() :: (label :: STRING)``); one whose name cannot be read is refused too.
    """
    found: list[str] = []
    stack = [plan] if plan else []
    while stack:
        operator = stack.pop()
        if str(operator.get("operatorType", "")).startswith("ProcedureCall"):
            details = str((operator.get("args") or {}).get("Details", ""))
            match = _PROCEDURE_NAME.match(details)
            name = match.group(1) if match else "?"
            if not allowed_procedure(name) and name not in found:
                found.append(name)
        stack.extend(reversed(operator.get("children") or []))
    return found
