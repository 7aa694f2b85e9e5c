"""Options every command shares: --lang, --store, --force."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tejido.graph import i18n
from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

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


register(
    {
        "cli.exists": {
            "es": "{out} ya existe; no se sobrescribe un archivo sin --force.",
            "en": "{out} already exists; a file is not overwritten without --force.",
        },
    }
)


def force_option(func: F) -> F:
    """``--force``: allow overwriting an existing output file."""
    return click.option(
        "--force", is_flag=True,
        help="Sobrescribir el archivo de salida si ya existe / overwrite an existing file.",
    )(func)


def refuse_overwrite(out: Path, force: bool) -> None:
    """A command never replaces a file it is pointed at unless the user says --force: the
    path may be a planner's filled workbook."""
    if out.exists() and not force:
        raise InputError(t("cli.exists", out=out))
