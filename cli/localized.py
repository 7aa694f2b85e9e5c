"""Help in one language per run: commands, options and arguments whose texts are message
keys, rendered in the run's language when the help is formatted.

A command module registers its help texts with :func:`helps` (Spanish and English, like
every planner-facing message, see :mod:`tejido.graph.i18n`) and passes the *key* as
``help=``/``metavar=`` to :func:`command`, :func:`group`, :func:`option` and
:func:`argument` (click's decorators with the classes below). The classes keep the key and
answer with its text in the current language each time click reads ``help``, ``metavar``
or ``short_help``, so one process can print the help in either language (the tests do),
and nothing is frozen at import time, before ``--lang`` is read.

The language must be known before click parses anything (``tejido gaps --help --lang en``
prints the help while parsing, before ``--lang`` would be processed): the root group's
:meth:`LocalizedGroup.main` reads ``--lang`` from the whole command line first
(:func:`scan_lang`). click's own words are translated by :mod:`.click_es`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from tejido.graph import i18n
from tejido.graph.i18n import register, t

from . import click_es

click_es.install()

#: The environment variable naming the language (as ``--lang``).
ENV_VAR = "TEJIDO_LANG"
#: Every key registered through :func:`helps` (help texts and metavars).
HELP_KEYS: set[str] = set()


def helps(messages: dict[str, dict[str, str]]) -> None:
    """Register help texts (``{key: {"es": …, "en": …}}``); keys are what the decorators
    take as ``help=``/``metavar=``. A text may not hold braces (it is never formatted)."""
    for key, texts in messages.items():
        if any("{" in text or "}" in text for text in texts.values()):
            raise ValueError(f"help text {key!r} holds braces")
    register(messages)
    HELP_KEYS.update(messages)


def localize(value: Any) -> Any:
    """The text of a help key in the current language; anything else unchanged."""
    if isinstance(value, str) and value in HELP_KEYS:
        return t(value)
    return value


helps(
    {
        "cli.metavar.text": {"es": "TEXTO", "en": "TEXT"},
        "cli.metavar.integer": {"es": "ENTERO", "en": "INTEGER"},
        "cli.metavar.float": {"es": "NÚMERO", "en": "NUMBER"},
        "cli.metavar.boolean": {"es": "SÍ|NO", "en": "BOOLEAN"},
        "cli.metavar.path": {"es": "RUTA", "en": "PATH"},
        "cli.metavar.file": {"es": "ARCHIVO", "en": "FILE"},
        "cli.metavar.directory": {"es": "CARPETA", "en": "FOLDER"},
        "cli.metavar.options": {"es": "[OPCIONES]", "en": "[OPTIONS]"},
        "cli.metavar.command": {"es": "COMANDO [ARGUMENTOS]...", "en": "COMMAND [ARGS]..."},
    }
)

#: click's default usage pieces -> the key of their translation.
_USAGE_PIECES = {"[OPTIONS]": "cli.metavar.options", "COMMAND [ARGS]...": "cli.metavar.command"}


def _type_metavar(param_type: click.ParamType) -> str | None:
    """A translated metavar for click's plain types (Choice lists its values itself)."""
    if isinstance(param_type, click.Path):
        kind = ("file" if param_type.file_okay and not param_type.dir_okay else
                "directory" if param_type.dir_okay and not param_type.file_okay else "path")
    elif isinstance(param_type, click.IntRange) or param_type is click.INT:
        kind = "integer"
    elif isinstance(param_type, click.FloatRange) or param_type is click.FLOAT:
        kind = "float"
    elif param_type is click.BOOL:
        kind = "boolean"
    elif param_type is click.STRING:
        kind = "text"
    else:
        return None
    return t(f"cli.metavar.{kind}")


class LocalizedOption(click.Option):
    """An option whose ``help`` and ``metavar`` may be help keys."""

    @property  # type: ignore[override]
    def help(self) -> str | None:
        return localize(self._help_key)

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_key = value

    @property  # type: ignore[override]
    def metavar(self) -> str | None:
        return localize(self._metavar_key)

    @metavar.setter
    def metavar(self, value: str | None) -> None:
        self._metavar_key = value

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is None:
            translated = _type_metavar(self.type)
            if translated is not None:
                return translated + ("..." if self.nargs != 1 else "")
        return super().make_metavar(ctx)


class LocalizedArgument(click.Argument):
    """An argument whose ``metavar`` (shown in the usage line and in errors) and ``help``
    may be help keys."""

    @property  # type: ignore[override]
    def help(self) -> str | None:
        return localize(self._help_key)

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_key = value

    @property  # type: ignore[override]
    def metavar(self) -> str | None:
        return localize(self._metavar_key)

    @metavar.setter
    def metavar(self, value: str | None) -> None:
        self._metavar_key = value


class _LocalizedTexts:
    """``help``, ``short_help``, ``epilog`` and the usage pieces of a command, localized;
    the automatic ``--help`` option's description follows the run's language too (click
    creates it once per command and keeps it)."""

    @property
    def help(self) -> str | None:
        return localize(self._help_key)

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_key = value

    @property
    def short_help(self) -> str | None:
        return localize(self._short_help_key)

    @short_help.setter
    def short_help(self, value: str | None) -> None:
        self._short_help_key = value

    @property
    def epilog(self) -> str | None:
        return localize(self._epilog_key)

    @epilog.setter
    def epilog(self, value: str | None) -> None:
        self._epilog_key = value

    @property
    def options_metavar(self) -> str | None:
        return _usage_piece(self._options_metavar)

    @options_metavar.setter
    def options_metavar(self, value: str | None) -> None:
        self._options_metavar = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = click_es.translate("Show this message and exit.")
        return option


def _usage_piece(value: str | None) -> str | None:
    key = _USAGE_PIECES.get(value or "")
    return t(key) if key else localize(value)


class LocalizedCommand(_LocalizedTexts, click.Command):
    """A command with localized texts (see :class:`_LocalizedTexts`)."""


class LocalizedGroup(_LocalizedTexts, click.Group):
    """A group with localized texts whose subcommands and subgroups are localized too.

    As the root command, it reads ``--lang`` from the whole command line before click
    parses it (:func:`scan_lang`)."""

    command_class = LocalizedCommand
    group_class = type  # subgroups are of this same class

    @property
    def subcommand_metavar(self) -> str | None:
        return _usage_piece(self._subcommand_metavar)

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str | None) -> None:
        self._subcommand_metavar = value

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        scan_lang(list(sys.argv[1:] if args is None else args))
        return super().main(args, *rest, **extra)


def scan_lang(args: list[str]) -> str | None:
    """The language ``--lang X``/``--lang=X`` names anywhere before ``--`` (the last one
    wins, as click's option does), else ``$TEJIDO_LANG``, set as the current language;
    None if neither names a language tejido speaks (a bad ``--lang`` value is then
    reported by click, in the current language)."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    if found is None:
        found = os.environ.get(ENV_VAR)
    if found in i18n.LANGS:
        i18n.set_lang(found)
        return found
    return None


def option(*decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """click.option with :class:`LocalizedOption`."""
    attrs.setdefault("cls", LocalizedOption)
    return click.option(*decls, **attrs)


def argument(*decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """click.argument with :class:`LocalizedArgument`."""
    attrs.setdefault("cls", LocalizedArgument)
    return click.argument(*decls, **attrs)


def command(name: str | None = None, **attrs: Any) -> Callable[[Any], Any]:
    """click.command with :class:`LocalizedCommand`."""
    attrs.setdefault("cls", LocalizedCommand)
    return click.command(name, **attrs)


def group(name: str | None = None, **attrs: Any) -> Callable[[Any], Any]:
    """click.group with :class:`LocalizedGroup`."""
    attrs.setdefault("cls", LocalizedGroup)
    return click.group(name, **attrs)
