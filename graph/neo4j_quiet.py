"""Quiet, safe talk with Neo4j: no credentials in any message, no driver log on screen.

- :func:`redact` hides the password of any ``scheme://user:password@host`` in a text;
  :func:`split_credentials` takes user and password out of a URI (the driver refuses
  them there, and echoes the whole URI, password included, in its error).
- :func:`quiet_driver_logs`: the neo4j driver logs through :mod:`logging`; with no handler
  configured Python prints its warnings on stderr, in English (a Neo4j outage printed
  minutes of "Transaction failed and will be retried…"). Its loggers get one handler that
  says each retry in one line of the user's language, and nothing else.

Imports nothing of the driver, so the command line can redact cheaply.
"""

from __future__ import annotations

import logging
import re
import sys
from urllib.parse import unquote, urlsplit, urlunsplit

from .i18n import register, t

register(
    {
        "neo4j.retry": {
            "es": "Neo4j no responde; nuevo intento en {seconds:.0f} s…",
            "en": "Neo4j does not answer; trying again in {seconds:.0f} s…",
        },
    }
)

#: ``scheme://user:password@`` (the password ends at the last ``@`` before the host).
_USERINFO = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]*:)[^\s/]*@")
#: The driver's retry warning (neo4j/_sync/work/session.py, ``_run_transaction``).
_RETRY = "Transaction failed and will be retried in"


def redact(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@`` shown as ``***``."""
    return _USERINFO.sub(lambda m: m["head"] + "***@", text)


def split_credentials(uri: str) -> tuple[str, tuple[str, str] | None]:
    """``bolt://user:pw@host:7687`` -> (``bolt://host:7687``, (user, pw)); a URI without a
    password comes back unchanged, with ``None``."""
    try:
        parts = urlsplit(uri)
        password = parts.password
        user = parts.username
        host = parts.netloc.rpartition("@")[2]
    except ValueError:
        return uri, None
    if "@" not in parts.netloc:
        return uri, None
    clean = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    if password is None:
        return clean, None
    return clean, (unquote(user or "neo4j"), unquote(password))


class _RetryLine(logging.Handler):
    """One line per driver retry, in the user's language, on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        if not str(record.msg).startswith(_RETRY) or not record.args:
            return
        try:
            seconds = float(record.args[0])  # type: ignore[index]
        except (TypeError, ValueError, IndexError, KeyError):
            return
        print(t("neo4j.retry", seconds=seconds), file=sys.stderr, flush=True)


_installed = False


def quiet_driver_logs() -> None:
    """Route the ``neo4j`` loggers to :class:`_RetryLine` alone (idempotent)."""
    global _installed
    if _installed:
        return
    logger = logging.getLogger("neo4j")
    logger.addHandler(_RetryLine(logging.WARNING))
    logger.propagate = False
    _installed = True
