"""Options every command shares: --lang, --store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from tejido.graph import i18n

F = TypeVar("F", bound=Callable[..., Any])


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        i18n.set_lang(value)
    return value


def lang_option(func: F) -> F:
    """``--lang es|en``; accepted on the root and on every command (last one wins)."""
    return click.option(
        "--lang",
        type=click.Choice(i18n.LANGS),
        envvar="TEJIDO_LANG",
        callback=_set_lang,
        expose_value=False,
        is_eager=True,
        help="Idioma de los mensajes / message language (es, en).",
    )(func)


def store_option(func: F) -> F:
    """``--store``: a file path (embedded), a bolt:// or neo4j:// URI, or 'neo4j' ($NEO4J_URI)."""
    return click.option(
        "--store",
        "store_spec",
        envvar="TEJIDO_STORE",
        default=None,
        metavar="RUTA|URI",
        help="Almacén: archivo (.tejido/graph.json por defecto), bolt://… o neo4j://…",
    )(func)
