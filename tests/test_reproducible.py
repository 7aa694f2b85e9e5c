"""The same store gives the same documents, whatever Python's string-hash seed.

Sets iterate in an order that follows the hash seed, which changes on every run; a count
that breaks its ties by insertion order (``Counter.most_common``) over a set printed a
different third «Lideran:» actor from one run to the next. Planners compare reports
between runs: each command here runs in its own process under two seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tejido.graph.embedded import EmbeddedStore
from tejido.loaders.base import read_paths
from tejido.loaders.bundled import bundled_data_dir

SEEDS = ("1", "2", "3")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("repro") / "graph.json"
    EmbeddedStore(path).write(read_paths([bundled_data_dir()]).batch)
    return path


def _tejido(seed: str, *args: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", "from tejido.cli.main import main; main()",
                           *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def test_informe_html_is_the_same_under_every_hash_seed(store: Path, tmp_path: Path) -> None:
    pages = []
    for seed in SEEDS:
        html = tmp_path / f"informe-{seed}.html"
        _tejido(seed, "informe", "--store", str(store), "--out", str(tmp_path / f"i{seed}.pdf"),
                "--html", str(html), "--fecha", "2026-03-31")
        pages.append(html.read_bytes())
    assert b"Lideran:" in pages[0]
    assert all(page == pages[0] for page in pages[1:])


def test_gap_report_is_the_same_under_every_hash_seed(store: Path, tmp_path: Path) -> None:
    reports = []
    for seed in SEEDS:
        out = tmp_path / f"gaps-{seed}.json"
        _tejido(seed, "gaps", "--store", str(store), "--format", "json", "--out", str(out))
        reports.append(out.read_bytes())
    assert all(report == reports[0] for report in reports[1:])
