"""click's own words (usage line, section titles, error messages) in Spanish.

click marks every string it prints for gettext (``from gettext import gettext as _`` and
``ngettext`` in each of its modules), so that an application can translate them; it ships
no translations itself (pallets/click#2320). The stdlib's gettext picks the language only
from environment variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) and reads compiled .mo
files from disk, while tejido's language is chosen per run by ``--lang``/``TEJIDO_LANG``.
So :func:`install` binds click's ``_``/``ngettext`` names to two functions that answer in
tejido's current language (:func:`tejido.graph.i18n.get_lang`): Spanish from
:data:`MESSAGES`, English as click wrote it (through the stdlib's gettext, so a system
translation of click's domain still applies). Nothing in ``os.environ`` changes and no
file is written. ``tests/test_cli_language.py`` checks that every message click marks is
in :data:`MESSAGES` and that every click module was bound, so a click release that moves
or adds strings fails a test instead of printing English.

Placeholders follow click's (``{param_hint}``, ``{value!r}``…); a Spanish text may leave
one out where Spanish grammar would need the English word translated (``{number_type}``
is ``integer``/``float``: «no es un número válido»).
"""

from __future__ import annotations

import gettext
import importlib
import sys
from types import ModuleType

from tejido.graph.i18n import get_lang

#: The click modules that import gettext's functions (checked by the tests).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui",
                 "types", "utils", "shell_completion", "_termui_impl", "_winconsole")

#: click's msgid -> Spanish.
MESSAGES: dict[str, str] = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Comandos",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "Muestra este mensaje y termina.",
    "Show the version and exit.": "Muestra la versión y termina.",
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
    "Aborted!": "¡Cancelado!",
    "d": "d",  # days, in a progress bar's time left
    "deprecated": "obsoleto",
    "Missing command.": "Falta el comando.",
    "Value must be an iterable.": "El valor debe ser una lista.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Aviso: el comando {name!r} está obsoleto.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Aviso: {name!r} está obsoleto.{extra_message}",
    "Could not determine name for option with declarations {decls!r}":
        "No se puede determinar el nombre de la opción declarada como {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?":
        "No se definieron opciones pero se dio un nombre ({name}). ¿Quería declarar un "
        "argumento? ¿Quería escribir '--{name}'?",
    "env var: {var}": "variable de entorno: {var}",
    "default: {default}": "por defecto: {default}",
    "required": "obligatorio",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Un argumento lleva exactamente una declaración; se dieron {length}: {decls}.",
    "(dynamic)": "(dinámico)",
    "Name '{name}' defined twice": "El nombre '{name}' está definido dos veces",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "La opción booleana {decl!r} no puede usar la misma marca para sí y no.",
    "Do you want to continue?": "¿Desea continuar?",
    "Confirm the action without prompting.": "Confirma la acción sin preguntar.",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing {param_type}": "Falta {param_type}",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "unknown error": "error desconocido",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Could not open file {filename!r}: {message}":
        "No se puede abrir el archivo {filename!r}: {message}",
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Pruebe '{command} {option}' para ver la ayuda.",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "No such command {name!r}.": "No existe el comando {name!r}.",
    "Invalid start character for option ({option})":
        "Carácter inicial no válido para una opción ({option})",
    "Option {name!r} does not take a value.": "La opción {name!r} no lleva valor.",
    "Argument {name!r} takes {nargs} values.": "El argumento {name!r} lleva {nargs} valores.",
    "Press any key to continue...": "Pulse cualquier tecla para continuar…",
    "Repeat for confirmation": "Repita para confirmar",
    "Error: The two entered values do not match.": "Error: los dos valores no coinciden.",
    "Unknown color {colour!r}": "Color desconocido {colour!r}",
    "Error: invalid input": "Error: entrada no válida",
    "file": "archivo",
    "directory": "carpeta",
    "path": "ruta",
    "Choose from:\n\t{choices}": "Elija entre:\n\t{choices}",
    "Choice({choices})": "Opciones({choices})",
    "{value} is not in the range {range}.": "{value} no está en el rango {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} no es un valor de sí/no válido. Valores reconocidos: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} no es un número válido.",
    "{value!r} is not a valid UUID.": "{value!r} no es un UUID válido.",
    "{name} {filename!r} is a file.": "{filename!r} es un archivo.",
    "{name} {filename!r} is a directory.": "{filename!r} es una carpeta.",
    "{name} {filename!r} is not readable.": "{filename!r} no se puede leer.",
    "{name} {filename!r} is not writable.": "{filename!r} no se puede escribir.",
    "{name} {filename!r} is not executable.": "{filename!r} no es ejecutable.",
    "{name} {filename!r} does not exist.": "{filename!r} no existe.",
    "{editor}: Editing failed": "{editor}: no se pudo editar",
    "{editor}: Editing failed: {e}": "{editor}: no se pudo editar: {e}",
    "Windows error: {error}": "Error de Windows: {error}",
    "Unknown standard stream '{name}'": "Flujo estándar desconocido '{name}'",
    "Couldn't detect Bash version, shell completion is not supported.":
        "No se detectó la versión de Bash; el autocompletado no está disponible.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "El autocompletado necesita Bash 4.4 o posterior.",
}

#: click's (singular, plural) msgids -> Spanish (singular, plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Sobra un argumento ({args})", "Sobran argumentos ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Lleva {nargs} valores pero se dio 1.", "Lleva {nargs} valores pero se dieron {len}."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("¿Quiso decir {possibility}?", "(¿Quiso decir una de estas: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("La opción {name!r} necesita un valor.", "La opción {name!r} necesita {nargs} valores."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} no es {choice}.", "{value!r} no es ninguno de estos: {choices}."),
    ("{value!r} does not match the format {format}.",
     "{value!r} does not match the formats {formats}."):
        ("{value!r} no tiene el formato {format}.", "{value!r} no tiene ninguno de los formatos "
         "{formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Se necesitan {len_type} valores, pero se dio {len_value}.",
         "Se necesitan {len_type} valores, pero se dieron {len_value}."),
}


def translate(message: str) -> str:
    """click's ``_``: Spanish from :data:`MESSAGES` when tejido speaks Spanish."""
    if get_lang() == "es":
        return MESSAGES.get(message, message)
    return gettext.gettext(message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``; Spanish, like English, uses the singular for 1 only."""
    if get_lang() == "es":
        texts = PLURALS.get((singular, plural))
        if texts is not None:
            return texts[0] if n == 1 else texts[1]
        return singular if n == 1 else plural
    return gettext.ngettext(singular, plural, n)


def _bind(module: ModuleType) -> bool:
    """Point ``module``'s gettext names at ours; False if it holds neither."""
    bound = False
    for name, ours, stdlib in (("_", translate, gettext.gettext),
                               ("ngettext", translate_plural, gettext.ngettext)):
        current = getattr(module, name, None)
        if current is stdlib or current is ours:
            setattr(module, name, ours)
            bound = True
    return bound


def install() -> list[str]:
    """Bind every click module's gettext names to :func:`translate`/:func:`translate_plural`
    (idempotent); returns the modules bound, which the tests compare with click's own."""
    bound = []
    for name in CLICK_MODULES:
        if name == "_winconsole" and sys.platform != "win32":
            continue  # Windows-only: it refuses to import elsewhere
        module = importlib.import_module(f"click.{name}")
        if _bind(module):
            bound.append(name)
    return bound
