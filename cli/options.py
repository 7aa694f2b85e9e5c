"""Options every command shares (--lang, --store, --force) and the one place that guards
the files a command writes (:func:`refuse_overwrite`, :func:`writing`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from tejido.graph import i18n
from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .localized import helps, option

F = TypeVar("F", bound=Callable[..., Any])


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        i18n.set_lang(value)
    return value


helps(
    {
        "help.lang": {"es": "Idioma de los mensajes: es (castellano) o en (inglés).",
                      "en": "Language of the messages: es (Spanish) or en (English)."},
        "help.store": {
            "es": "Almacén: un archivo (.tejido/graph.json por defecto), bolt://… o neo4j://…",
            "en": "Store: a file (.tejido/graph.json by default), bolt://… or neo4j://…",
        },
        "help.force": {"es": "Reemplaza el archivo de salida si ya existe.",
                       "en": "Replace the output file if it exists."},
        "metavar.store": {"es": "RUTA|URI", "en": "PATH|URI"},
        "metavar.n": {"es": "N", "en": "N"},
        "metavar.seconds": {"es": "SEGUNDOS", "en": "SECONDS"},
    }
)


def lang_option(func: F) -> F:
    """``--lang es|en``; accepted on the root and on every command (last one wins)."""
    return option(
        "--lang",
        type=click.Choice(i18n.LANGS),
        envvar="TEJIDO_LANG",
        callback=_set_lang,
        expose_value=False,
        is_eager=True,
        help="help.lang",
    )(func)


def store_option(func: F) -> F:
    """``--store``: a file path (embedded), a bolt:// or neo4j:// URI, or 'neo4j' ($NEO4J_URI)."""
    return option(
        "--store",
        "store_spec",
        envvar="TEJIDO_STORE",
        default=None,
        metavar="metavar.store",
        help="help.store",
    )(func)


register(
    {
        "cli.exists": {
            "es": "{out} ya existe y tejido no lo sobrescribe: use --force para reemplazarlo "
            "o elija otro archivo.",
            "en": "{out} already exists and tejido does not overwrite it: use --force to "
            "replace it or choose another file.",
        },
        "cli.no_folder": {
            "es": "No se puede escribir {out}: la carpeta {folder} no existe (créela primero "
            "o elija otra ruta).",
            "en": "Cannot write {out}: the folder {folder} does not exist (create it first "
            "or choose another path).",
        },
        "cli.not_a_folder": {
            "es": "No se puede escribir {out}: {folder} no es una carpeta.",
            "en": "Cannot write {out}: {folder} is not a folder.",
        },
        "cli.is_folder": {
            "es": "No se puede escribir {out}: es una carpeta, no un archivo.",
            "en": "Cannot write {out}: it is a folder, not a file.",
        },
        "cli.cannot_write": {
            "es": "No se puede escribir {out}: {reason}",
            "en": "Cannot write {out}: {reason}",
        },
    }
)


def force_option(func: F) -> F:
    """``--force``: allow overwriting an existing output file."""
    return option("--force", is_flag=True, help="help.force")(func)


def refuse_overwrite(out: Path, force: bool, *, make_folders: bool = False) -> None:
    """Check, before any work, that ``out`` may be written; :class:`InputError` (exit 2,
    naming the path) otherwise.

    A command never replaces an existing file unless the user says ``--force``: the path
    may be a planner's filled workbook, and a single output file carries no mark that
    tejido could trust to tell its own output from the planner's (a CSV or a workbook the
    planner opened and saved again is theirs now), so every existing file needs --force.
    A folder's worth of output (``tejido demo``) keeps a manifest instead. The folder must
    exist unless the command creates folders itself (``make_folders``: maps): a mistyped
    ``--out`` should be said, not followed by a traceback.
    """
    if out.is_dir():
        raise InputError(t("cli.is_folder", out=out))
    if out.exists() and not force:
        raise InputError(t("cli.exists", out=out))
    folder = out.absolute().parent
    while make_folders and not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the nearest folder that exists must be a folder
    if not folder.exists():
        raise InputError(t("cli.no_folder", out=out, folder=folder))
    if not folder.is_dir():
        raise InputError(t("cli.not_a_folder", out=out, folder=folder))


@contextmanager
def writing(out: Path) -> Iterator[None]:
    """An ``OSError`` while writing ``out`` (a full disk, a read-only place) becomes a
    message naming the path, with the system's reason (exit 2), never a traceback."""
    try:
        yield
    except OSError as exc:
        raise InputError(t("cli.cannot_write", out=out, reason=exc.strerror or exc)) from exc
