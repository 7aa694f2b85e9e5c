"""One language per run on the command line: click's own words, every command's help, error
messages, counts and numbers, in Spanish by default and in English with ``--lang en``.

The wrong-language check is built from the registered catalogues (every help text's
other-language version, every click message in the other language), never from a hand
list, so a new option with a bilingual or untranslated help fails here.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from tejido.cli import click_es
from tejido.cli.human import count, decimal, integer, status
from tejido.cli.localized import HELP_KEYS, LocalizedArgument, LocalizedOption, scan_lang
from tejido.cli.main import COMMANDS, main
from tejido.graph.i18n import get_lang, set_lang, t

LANGS = ("es", "en")


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    set_lang("es")
    yield
    set_lang("es")


def tejido(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False,
                              prog_name="tejido")


def _commands() -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and subcommand under the root, with its path of names."""
    found: list[tuple[tuple[str, ...], click.Command]] = []

    def walk(path: tuple[str, ...], command: click.Command) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                walk((*path, name), command.get_command(ctx, name))

    walk((), main)
    return found


COMMAND_PATHS = [path for path, _ in _commands()]


def _texts(lang: str) -> list[str]:
    """Every help text and every click message in ``lang``."""
    keep = get_lang()
    set_lang(lang)
    try:
        helps = [t(key) for key in HELP_KEYS]
    finally:
        set_lang(keep)
    if lang == "es":
        clicks = [*click_es.MESSAGES.values(), *(s for pair in click_es.PLURALS.values()
                                                 for s in pair)]
    else:
        clicks = [*click_es.MESSAGES, *(s for pair in click_es.PLURALS for s in pair)]
    return helps + clicks


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _fragments(text: str) -> set[str]:
    """The phrases of ``text`` (split at punctuation) of two words or more."""
    parts = re.split(r"[.;:,()¿?¡!—/\[\]{}«»\"']|\s-\s", re.sub(r"\{[^}]*\}", " ", text))
    return {_normal(p) for p in parts if len(p.split()) >= 2}


def _foreign_fragments(lang: str) -> set[str]:
    """Phrases of the other language that never occur in ``lang``'s own texts."""
    other = "en" if lang == "es" else "es"
    own = " | ".join(_normal(text) for text in _texts(lang))
    return {f for text in _texts(other) for f in _fragments(text) if f not in own}


FOREIGN = {lang: _foreign_fragments(lang) for lang in LANGS}


def test_the_check_knows_both_languages() -> None:
    # Guards the guard: the phrase sets are big and hold known sentences of each side.
    assert "show this message and exit" in FOREIGN["es"]
    assert "muestra este mensaje y termina" in FOREIGN["en"]
    assert "only check" in FOREIGN["es"] and "bolt port" in FOREIGN["es"]
    assert "puerto bolt" in FOREIGN["en"] and len(FOREIGN["es"]) > 80


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "tejido")
@pytest.mark.parametrize("lang", LANGS)
def test_every_help_is_in_one_language(path: tuple[str, ...], lang: str) -> None:
    # --lang after --help too: the language is read before click parses anything.
    result = tejido(*path, "--help", "--lang", lang)
    assert result.exit_code == 0, result.output
    output = _normal(result.output)
    assert output.startswith("uso:" if lang == "es" else "usage:")
    assert ("opciones:" if lang == "es" else "options:") in output
    leaked = sorted(f for f in FOREIGN[lang] if f in output)
    assert not leaked, leaked


@pytest.mark.parametrize("lang", LANGS)
def test_root_and_gaps_help_as_the_acceptance_reads(lang: str) -> None:
    for args in (["--lang", lang, "--help"], ["gaps", "--lang", lang, "--help"],
                 ["--lang", lang, "gaps", "--help"]):
        result = tejido(*args)
        first = result.output.splitlines()[0]
        assert first.startswith("Uso:" if lang == "es" else "Usage:"), args
        assert not [f for f in FOREIGN[lang] if f in _normal(result.output)], args
    root = tejido("--lang", lang, "--help").output
    assert ("Comandos:" if lang == "es" else "Commands:") in root
    assert ("Muestra este mensaje y termina." if lang == "es"
            else "Show this message and exit.") in root


def test_the_environment_chooses_the_language() -> None:
    assert tejido("--help", env={"TEJIDO_LANG": "en"}).output.startswith("Usage:")
    set_lang("es")
    assert tejido("--help").output.startswith("Uso:")


def _code_like(fragment: str) -> bool:
    """A phrase both languages write alike: an option, a variable, a path, a file type."""
    return bool(re.search(r"--|=|://|_|\.\w|\bjson\b|\bcsv\b|\bgexf\b|\bgraphml\b", fragment))


def test_no_help_text_carries_its_other_language() -> None:
    # «Puerto Bolt / Bolt port.»: the English phrase inside the Spanish text (or the
    # reverse) is what one-language-per-run forbids; only code-like phrases are shared.
    bilingual = {}
    for key in sorted(HELP_KEYS):
        set_lang("es")
        spanish = t(key)
        set_lang("en")
        english = t(key)
        shared = {f for f in _fragments(english) if f in _normal(spanish) and not _code_like(f)}
        shared |= {f for f in _fragments(spanish) if f in _normal(english)
                   and not _code_like(f)}
        if shared:
            bilingual[key] = sorted(shared)
    assert bilingual == {}


def test_every_option_and_argument_takes_its_texts_from_the_catalogue() -> None:
    automatic = {"help", "version"}
    for path, command in _commands():
        assert command._help_key in HELP_KEYS, path  # type: ignore[attr-defined]
        for param in command.params:
            if param.name in automatic:
                continue
            assert isinstance(param, LocalizedOption | LocalizedArgument), (path, param.name)
            if isinstance(param, LocalizedOption):
                assert param._help_key in HELP_KEYS, (path, param.name)
            if param._metavar_key is not None:  # type: ignore[attr-defined]
                assert param._metavar_key in HELP_KEYS, (path, param.name)  # type: ignore


def test_every_command_module_is_listed() -> None:
    assert sorted(COMMANDS) == sorted(p[0] for p in COMMAND_PATHS if len(p) == 1)


# -- click's own messages -----------------------------------------------------------------


def _click_msgids() -> tuple[set[str], set[tuple[str, str]]]:
    """Every string the installed click passes to ``_`` or ``ngettext``, from its source."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            strings = [a.value for a in node.args if isinstance(a, ast.Constant)
                       and isinstance(a.value, str)]
            if node.func.id == "_" and strings:
                singles.add(strings[0])
            elif node.func.id == "ngettext" and len(strings) >= 2:
                plurals.add((strings[0], strings[1]))
    return singles, plurals


def test_every_click_message_has_its_spanish() -> None:
    singles, plurals = _click_msgids()
    assert len(singles) > 50 and len(plurals) >= 5  # the parse found click's strings
    assert sorted(singles - set(click_es.MESSAGES)) == []
    assert sorted(plurals - set(click_es.PLURALS)) == []
    # Every placeholder a Spanish text uses is one click fills in.
    for msgid, text in click_es.MESSAGES.items():
        assert set(re.findall(r"\{(\w+)", text)) <= set(re.findall(r"\{(\w+)", msgid)), msgid


def test_every_click_module_using_gettext_was_bound() -> None:
    folder = Path(click.__file__).parent
    users = {p.stem for p in folder.glob("*.py")
             if re.search(r"^from gettext import", p.read_text(encoding="utf-8"), re.M)}
    users.discard("_winconsole")  # Windows only
    assert sorted(click_es.install()) == sorted(users)
    assert click.exceptions._ is click_es.translate  # type: ignore[attr-defined]
    assert click.types.ngettext is click_es.translate_plural  # type: ignore[attr-defined]
    set_lang("en")
    assert click_es.translate("Usage:") == gettext.gettext("Usage:") == "Usage:"


@pytest.mark.parametrize(("lang", "expected"), [
    ("es", ["Uso: tejido centrality [OPCIONES]",
            "Error: Valor no válido para '--measure': 'nada' no es ninguno de estos:"]),
    ("en", ["Usage: tejido centrality [OPTIONS]",
            "Error: Invalid value for '--measure': 'nada' is not one of"]),
])
def test_an_invalid_choice(lang: str, expected: list[str]) -> None:
    result = tejido("centrality", "--measure", "nada", "--lang", lang)
    assert result.exit_code == 2
    for text in expected:
        assert text in result.output


@pytest.mark.parametrize(("lang", "args", "expected"), [
    ("es", ["load"], "Error: Falta el argumento 'RUTAS...'."),
    ("en", ["load"], "Error: Missing argument 'PATHS...'."),
    ("es", ["gaps", "--nada"], "Error: No existe la opción '--nada'."),
    ("en", ["gaps", "--nada"], "Error: No such option '--nada'."),
    ("es", ["gaps", "--top", "-1"], "Error: Valor no válido para '--top': -1 no está en el "
                                    "rango x>=0."),
    ("en", ["synth", "--actors", "x", "-o", "a.xlsx"],
     "Error: Invalid value for '--actors': 'x' is not a valid integer range."),
    ("es", ["synth", "--actors", "x", "-o", "a.xlsx"],
     "Error: Valor no válido para '--actors': 'x' no es un número válido."),
    ("es", ["no-existe"], "Error: No existe el comando 'no-existe'."),
    ("es", ["synth"], "Error: Falta la opción '--out' / '-o'."),
    ("en", ["gaps", "--help-me"], "Try 'tejido gaps --help' for help."),
    ("es", ["gaps", "--help-me"], "Pruebe 'tejido gaps --help' para ver la ayuda."),
])
def test_click_errors_in_the_run_language(lang: str, args: list[str], expected: str) -> None:
    result = tejido(*args, "--lang", lang)
    assert result.exit_code == 2
    assert expected in result.output


def test_a_bad_language_is_refused() -> None:
    result = tejido("--lang", "fr", "--help")
    assert result.exit_code == 2 and "'fr' no es ninguno de estos: 'es', 'en'" in result.output


@pytest.mark.parametrize(("args", "lang"), [
    (["gaps", "--lang", "en"], "en"), (["--lang=en", "gaps", "--lang", "es"], "es"),
    (["query", "run", "x", "--", "--lang", "en"], None), (["--lang"], None),
])
def test_scan_lang(args: list[str], lang: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEJIDO_LANG", raising=False)
    assert scan_lang(args) == lang


# -- counts, numbers, progress ------------------------------------------------------------


def test_counts_and_numbers_in_each_language() -> None:
    assert [count(n, "unit.action") for n in (0, 1, 2, 1234)] == [
        "0 acciones", "1 acción", "2 acciones", "1.234 acciones"]
    assert count(1, "unit.link") == "1 lazo" and count(2, "unit.link") == "2 lazos"
    assert integer(1234567) == "1.234.567" and decimal(1234.5, 1) == "1.234,5"
    assert decimal(0.0776, 3) == "0,078"
    set_lang("en")
    assert [count(n, "unit.action") for n in (1, 1234)] == ["1 action", "1,234 actions"]
    assert integer(1234567) == "1,234,567" and decimal(1234.5, 1) == "1,234.5"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_shows_only_on_a_terminal() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    with status("Buscando brechas", terminal), status("Buscando brechas", pipe):
        assert terminal.getvalue() == "Buscando brechas…"
    assert terminal.getvalue().endswith("\r\033[K")
    assert pipe.getvalue() == ""


def test_human_outputs_use_plurals(tmp_path: Path) -> None:
    out = tmp_path / "cartera.xlsx"
    result = CliRunner().invoke(main, ["synth", "--actors", "1", "--actions", "1234",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert ": 1 actor, 1.234 acciones (" in result.output
    loaded = CliRunner().invoke(main, ["load", str(out), "--store", str(tmp_path / "g.json"),
                                       "--lang", "en"])
    assert loaded.exit_code == 0, loaded.output
    assert re.search(r"in \d+\.\d s \(\d+ warnings?\):", loaded.output), loaded.output
    assert "warning(s)" not in loaded.output and "1,234" in loaded.output
