"""What a planner sees while a long report is built: the step on a status line.

A national portfolio's gap report takes minutes and its technical report longer; on a
terminal the line says which step runs («Buscando brechas: Silo (6 de 14)…»). In a pipe,
a file or captured output nothing is written. The terminal tests run ``tejido`` in a
real pseudo-terminal (the standard library's ``pty``), as a planner's shell runs it.
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tejido.cli.human import status
from tejido.graph.embedded import EmbeddedStore
from tejido.graph.i18n import set_lang
from tejido.loaders.synth import synth_batch
from tejido.queries.gaps import find_gaps, kind_label

TEJIDO = [str(Path(sys.executable).with_name("tejido"))]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "graph.json"
    EmbeddedStore(path).write(synth_batch(30, 120, seed=3).batch)
    return path


def test_a_status_line_is_replaced_in_place_and_erased() -> None:
    terminal = _Terminal()
    with status("Buscando brechas", terminal) as line:
        line.step(4, 12, "Silo")
    assert terminal.getvalue() == (
        "Buscando brechas…\r\033[KBuscando brechas: Silo (5 de 12)…\r\033[K")


def test_a_status_line_never_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    terminal = _Terminal()
    with status("Buscando brechas", terminal) as line:
        line.update("Buscando brechas: Acción con rector y sin articuladores (2 de 12)")
    shown = terminal.getvalue().split("\r\033[K")[1]
    assert shown == "Buscando brechas: Acción con…" and len(shown) == 29


def test_nothing_is_written_off_a_terminal() -> None:
    pipe = io.StringIO()
    with status("Buscando brechas", pipe) as line:
        line.update("Buscando brechas: Silo (5 de 12)")
    assert pipe.getvalue() == ""


def test_a_step_in_each_language() -> None:
    terminal = _Terminal()
    with status("Buscando brechas", terminal) as line:
        line.step(0, 1234, "Silo")
    set_lang("en")
    with status("Looking for gaps", terminal) as line:
        line.step(0, 1234, "Silo")
    assert terminal.getvalue().split("\r\033[K")[1:4:2] == [
        "Buscando brechas: Silo (1 de 1.234)…", "Looking for gaps: Silo (1 of 1,234)…"]


def test_the_gap_report_tells_each_step_as_it_starts(store_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    find_gaps(EmbeddedStore(store_path), steps=lambda *step: seen.append(step))
    kinds = [kind_label(k) for k in ("sin_rector", "sin_articuladores", "sin_mecanismo",
                                     "coordinacion_faltante", "contexto_fragmentado", "silo",
                                     "punto_critico", "vinculo_critico",
                                     "territorio_desatendido", "iniciativa_duplicada",
                                     "estancada")]
    closing = ["Fuentes y cobertura", "Prioridades", "Recomendaciones"]
    assert seen == [(n, 14, what) for n, what in enumerate([*kinds, *closing])]
    seen.clear()
    find_gaps(EmbeddedStore(store_path), kinds=["silo", "sin_rector"],
              steps=lambda *step: seen.append(step))
    assert seen == [(0, 5, "Acción sin ente rector"), (1, 5, "Silo"),
                    (2, 5, "Fuentes y cobertura"), (3, 5, "Prioridades"),
                    (4, 5, "Recomendaciones")]


def _in_a_terminal(args: list[str], cwd: Path, columns: int = 200) -> tuple[int, str]:
    """Run ``tejido`` with its stderr on a pseudo-terminal ``columns`` wide (stdout to
    /dev/null, $COLUMNS unset); its exit status and everything the terminal received."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen([*TEJIDO, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    received = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            process.kill()
            raise AssertionError(f"tejido {args} wrote nothing for 120 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed: the process is gone
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    return process.wait(timeout=60), received.decode("utf-8")


def test_tejido_gaps_on_a_terminal_shows_its_steps(store_path: Path, tmp_path: Path) -> None:
    code, shown = _in_a_terminal(["gaps", "--store", str(store_path), "--out", "g.md"],
                                 tmp_path)
    assert code == 0, shown
    lines = shown.split("\r\033[K")
    assert lines[0] == "Leyendo el almacén…"
    assert lines[1] == "Buscando brechas…"
    assert lines[2] == "Buscando brechas: Acción sin ente rector (1 de 14)…"
    assert "Buscando brechas: Coordinación faltante (4 de 14)…" in lines
    assert lines[-4:-1] == ["Buscando brechas: Fuentes y cobertura (12 de 14)…",
                            "Buscando brechas: Prioridades (13 de 14)…",
                            "Buscando brechas: Recomendaciones (14 de 14)…"]
    # Erased before the last message, which stays.
    assert lines[-1].startswith("Escrito: g.md") and (tmp_path / "g.md").stat().st_size


def test_tejido_informe_on_a_terminal_shows_its_steps(store_path: Path,
                                                      tmp_path: Path) -> None:
    code, shown = _in_a_terminal(["--lang", "en", "informe", "--store", str(store_path)],
                                 tmp_path)
    assert code == 0, shown
    lines = shown.split("\r\033[K")
    steps = [line for line in lines if not line.startswith("Looking for gaps: ")]
    assert steps == ["Reading the store…", "Looking for gaps…", "Computing the centrality…",
                     "Composing the report…", "Writing informe.pdf and informe.html…", ""]
    assert "Looking for gaps: Silo (6 of 14)…" in lines  # the gap report's own steps
    # The line was erased at the end (the result's message goes to stdout).
    assert (tmp_path / "informe.pdf").read_bytes().startswith(b"%PDF")


def test_the_line_fits_the_terminal_stderr_is_on(store_path: Path, tmp_path: Path) -> None:
    """stdout is not a terminal here, so only stderr's own size can give 40 columns."""
    code, shown = _in_a_terminal(["gaps", "--store", str(store_path), "--out", "g.md"],
                                 tmp_path, columns=40)
    assert code == 0, shown
    lines = shown.split("\r\033[K")
    assert "Buscando brechas: Coordinación faltant…" in lines
    assert max(len(line) for line in lines[:-1]) == 39


def test_nothing_but_the_result_in_a_pipe(store_path: Path, tmp_path: Path) -> None:
    done = subprocess.run([*TEJIDO, "gaps", "--store", str(store_path), "--format", "csv"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("top_rank,id,kind,")
