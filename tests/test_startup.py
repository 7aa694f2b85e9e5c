"""A quick command line: listing the commands, and each command's ``--help``, import
nothing heavy.

``tejido --help`` (and ``tejido`` alone) runs in a fresh process with Python's own import
log (``python -X importtime``); the test reads which
modules were imported and asserts that none of the heavy libraries, and none of tejido's
analysis layers, is among them. Every command's and subcommand's ``--help`` runs in a fresh
process too, which then reads ``sys.modules``. No timing here (the machines are shared):
the seconds and megabytes are ``bench/bench_startup.py``'s job.

The listing takes each command's one-line description from ``LISTING`` in
``tejido.cli.main`` instead of importing the command; a test checks that it says
exactly what click would print from the command itself, in both languages, at several
terminal widths. The commands' option choices and defaults are copies in
``tejido.cli.choices``; a test checks each equals its original.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tejido.cli import choices
from tejido.cli import main as main_module
from tejido.cli.main import COMMANDS, LISTING, main
from tejido.graph import i18n

#: Libraries that listing the commands must not import (prefixes of module names).
HEAVY = ("neo4j", "scipy", "numpy", "networkx", "pyvis", "openpyxl", "matplotlib", "typst",
         "igraph", "pydantic", "yaml", "rapidfuzz", "tejido.queries", "tejido.loaders",
         "tejido.reports", "tejido.viz", "tejido.graph.store", "tejido.graph.model")


def _imported(*args: str, lang: str | None = None) -> tuple[set[str], str]:
    """Modules a fresh ``tejido *args`` imports (from the import log), and what it said."""
    env = dict(os.environ)
    env.pop("TEJIDO_LANG", None)
    if lang:
        env["TEJIDO_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import sys; from tejido.cli.main import main; main(sys.argv[1:], prog_name='tejido')",
         *args],
        capture_output=True, text=True, env=env, check=False)
    modules = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:")}
    assert "click" in modules, done.stderr[-2000:]  # the log really was read
    # `tejido` alone prints its help to stderr (click's "no command" usage error).
    said = [line for line in done.stderr.splitlines() if not line.startswith("import time:")]
    return modules, done.stdout + "\n".join(said)


@pytest.mark.parametrize(("args", "lang"), [(("--help",), None), (("--help",), "en"),
                                            (("-h", "--lang", "en"), None), ((), None)])
def test_listing_the_commands_imports_nothing_heavy(args: tuple[str, ...],
                                                    lang: str | None) -> None:
    modules, out = _imported(*args, lang=lang)
    heavy = sorted(m for m in modules if m.startswith(HEAVY))
    assert heavy == []
    command_modules = {target.split(":")[0] for target in COMMANDS.values()}
    assert modules.isdisjoint(command_modules)  # no command module either
    for name in LISTING:  # and still every command is listed
        assert f"\n  {name} " in out


def test_a_command_still_loads_what_it_needs() -> None:
    """The checks here can see a heavy import: a command that runs does import it."""
    modules, out = _imported("query", "list")
    assert "tejido.queries.catalog" in modules and "pydantic" in modules
    assert "actor_network" in out


def test_every_command_has_its_line() -> None:
    code = ("from tejido.cli.main import COMMANDS, LISTING; "
            "print(sorted(COMMANDS) == sorted(LISTING))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "True"


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_the_listing_says_what_click_would_say(monkeypatch: pytest.MonkeyPatch, lang: str,
                                               width: int) -> None:
    # Only the shipped commands (other test modules may add their own to COMMANDS).
    monkeypatch.setattr(main_module, "COMMANDS", {k: COMMANDS[k] for k in LISTING})
    before = i18n.get_lang()
    i18n.set_lang(lang)
    try:
        ctx = click.Context(main, info_name="tejido")
        ours, clicks = (click.HelpFormatter(width=width) for _ in range(2))
        main.format_commands(ctx, ours)
        click.Group.format_commands(main, ctx, clicks)  # imports every command
    finally:
        i18n.set_lang(before)
    assert ours.getvalue() == clicks.getvalue()
    assert ours.getvalue().count("\n") >= len(LISTING)


def test_the_console_script_lists_in_one_language(tmp_path: Path) -> None:
    # tests/run.sh installs tejido into .venv, so the script sits beside its Python.
    script = Path(sys.executable).parent / "tejido"
    assert script.exists(), f"no console script {script}: install with pip install -e ."
    done = subprocess.run([str(script), "--help", "--lang", "en"], capture_output=True,
                          text=True, check=True, cwd=tmp_path)
    assert "Commands:" in done.stdout and "Comandos:" not in done.stdout
    assert "Centrality of every actor" in done.stdout


def test_a_report_command_help_loads_no_analysis() -> None:
    """`tejido informe --help` took 1.4 s and 140 MB when the analyses, charts and
    typesetter were imported to print it; they load when a report is written."""
    modules, out = _imported("informe", "--help")
    assert "--institucion" in out
    assert sorted(m for m in modules if m.startswith(("matplotlib", "typst", "scipy",
                                                      "tejido.queries", "tejido.reports"))) == []


#: What a command's ``--help`` must not import: the libraries and tejido layers a command
#: needs only to run (``tejido gaps --help`` took 0.7 s and 70 MB with them). Light
#: modules of other layers (``tejido.reports.tables``, ``tejido.viz.measures``) may load.
HEAVY_FOR_HELP = ("neo4j", "scipy", "numpy", "networkx", "pyvis", "openpyxl", "matplotlib",
                  "typst", "igraph", "pydantic", "yaml", "rapidfuzz", "tqdm", "filelock",
                  "tejido.queries", "tejido.loaders", "tejido.graph.store",
                  "tejido.graph.model", "tejido.graph.changes", "tejido.graph.embedded",
                  "tejido.graph.neo4j_store", "tejido.graph.export")

#: Run in a fresh process: the help of a command and of each of its subcommands, in
#: both languages, through click as the console script runs it; after each, the heavy
#: modules loaded so far (the first help that brings one in is the one to blame).
_HELP_SCRIPT = """
import contextlib, io, json, sys
import click
from tejido.cli.main import main
heavy = tuple(json.loads(sys.argv[2]))

def paths(command, path):
    yield path
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            yield from paths(command.get_command(ctx, name), [*path, name])

results = []
command = main.get_command(click.Context(main), sys.argv[1])
for path in paths(command, [sys.argv[1]]):
    for lang in ("es", "en"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main.main(["--lang", lang, *path, "--help"], prog_name="tejido",
                             standalone_mode=False)
        loaded = sorted(m for m in sys.modules if m.startswith(heavy))
        results.append({"path": path, "lang": lang, "code": code, "help": out.getvalue(),
                        "heavy": loaded})
print(json.dumps(results))
"""


@pytest.mark.parametrize("name", sorted(LISTING))
def test_a_command_help_imports_nothing_heavy(name: str) -> None:
    """`tejido NAME --help`, and each subcommand's (`db stats`, `query run`, `server
    start`…), loads none of what the command needs only to run."""
    env = dict(os.environ)
    env.pop("TEJIDO_LANG", None)
    done = subprocess.run([sys.executable, "-c", _HELP_SCRIPT, name,
                           json.dumps(HEAVY_FOR_HELP)],
                          capture_output=True, text=True, env=env, check=True)
    results = json.loads(done.stdout)
    assert {result["lang"] for result in results} == {"es", "en"}
    for result in results:
        assert result["code"] == 0, result
        assert "--help" in result["help"], result  # the help really was printed
        assert result["heavy"] == [], result["path"]


def _original(where: str) -> object:
    module, _, attribute = where.partition(":")
    return getattr(importlib.import_module(module), attribute)


#: Each copy in tejido.cli.choices -> the constant it copies.
CHOICES = {
    "GAP_KINDS": "tejido.queries.gaps:KINDS",
    "GAP_FORMATS": "tejido.reports.gap_files:FORMATS",
    "GAPS_TOP": "tejido.queries.gaps.engine:TOP",
    "PAIRS_PER_CONTEXT": "tejido.queries.gaps.contexto_fragmentado:PAIRS_PER_CONTEXT",
    "MAP_VIEWS": "tejido.viz.views:VIEWS",
    "CENTRALITY_MEASURES": "tejido.queries.centrality:MEASURES",
    "GROUP_BY": "tejido.queries.centrality:GROUP_BY",
    "COMPARE_FORMATS": "tejido.reports.compare_files:FORMATS",
    "COMPARE_TOP": "tejido.queries.compare:TOP",
    "EXPORT_FORMATS": "tejido.graph.export:FORMATS",
}


@pytest.mark.parametrize(("copy", "where"), sorted(CHOICES.items()))
def test_the_help_offers_what_the_command_accepts(copy: str, where: str) -> None:
    """A command's help shows the choices and defaults of tejido.cli.choices; each must
    be the analysis's, report's or store's own."""
    assert getattr(choices, copy) == _original(where)


def test_every_copied_choice_is_checked() -> None:
    copies = {name for name in vars(choices) if name.isupper()}
    assert copies == set(CHOICES)
