"""Is a planner's saved query a plain read? Checked before it runs on Neo4j.

A read transaction stops writes to the graph, but not everything a Cypher text can do:
``TERMINATE TRANSACTIONS`` stopped another user's running query, ``SHOW TRANSACTIONS``
showed other users' query text, and ``LOAD CSV`` reads files and URLs from the server's
side. So a query of the planner's own must:

1. start with a reading clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL) — never
   an administration command (SHOW, TERMINATE, CREATE/DROP/ALTER …, GRANT, USE …);
2. not use LOAD CSV anywhere;
3. be planned by the server as a read (``EXPLAIN``'s query type ``r``), which rules out
   writing procedures and schema or DBMS operations the text may hide.

Steps 1–2 run on the text with string literals and comments blanked out, so a title that
says «show» or a comment does not trip them; step 3 is the store's (it asks the server).
"""

from __future__ import annotations

import re

#: Clauses a plain read may start with.
READ_STARTS = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL")
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


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
