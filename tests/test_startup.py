"""A quick command line: listing the commands imports nothing heavy.

``tejido --help`` (and ``tejido`` alone) runs in a fresh process with Python's own import
log (``python -X importtime``); the test reads which
modules were imported and asserts that none of the heavy libraries, and none of tejido's
analysis layers, is among them. No timing here (the machines are shared): the seconds
and megabytes are ``bench/bench_startup.py``'s job.

The listing takes each command's one-line description from ``LISTING`` in
``tejido.cli.main`` instead of importing the command; the second half checks that it says
exactly what click would print from the command itself, in both languages, at several
terminal widths.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

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
    """The check above can see a heavy import: a command's own help does import it."""
    modules, _ = _imported("centrality", "--help")
    assert "tejido.queries.centrality" in modules


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
    from tejido.cli.informe import TOP_GAPS
    from tejido.queries.gaps.engine import TOP

    modules, out = _imported("informe", "--help")
    assert "--institucion" in out
    assert sorted(m for m in modules if m.startswith(("matplotlib", "typst", "scipy",
                                                      "tejido.queries", "tejido.reports"))) == []
    assert TOP_GAPS == TOP  # the default it shows is the engine's
