"""What every loader returns, and the dispatch from a path to the loader that reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tejido.graph.model import GraphBatch, Source


@dataclass
class LoadResult:
    batch: GraphBatch = field(default_factory=GraphBatch)
    #: Non-fatal findings, already worded for the planner (e.g. an auto-created actor).
    warnings: list[str] = field(default_factory=list)


def is_dataset(path: Path) -> bool:
    return path.is_dir() and (path / "dataset.yaml").is_file()


def is_dataset_tree(path: Path) -> bool:
    return path.is_dir() and any(is_dataset(child) for child in path.iterdir())


def read_paths(paths: list[Path], strict: bool = False) -> LoadResult:
    """Read and validate every path; raise InputError listing all bad cells, before any write.

    A folder with ``dataset.yaml`` is one document's matrices; a folder of such folders
    (like ``data/``) is every dataset plus its actor registry; anything else is a
    planner's workbook (an ``.xlsx`` file or a folder of CSV files named after its sheets).
    """
    from tejido.graph.errors import InputError

    result = LoadResult()
    problems = []
    for path in paths:
        try:
            if is_dataset(path) or is_dataset_tree(path):
                from .matrix import read_datasets

                part = read_datasets(path, strict=strict)
            else:
                from .workbook import read_workbook

                part = read_workbook(path, strict=strict)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        result.batch.extend(part.batch)
        result.warnings.extend(part.warnings)
    if problems:
        raise InputError(problems)
    # A load replaces what these documents said before (the registry is shared by every
    # dataset: loading one of them must not take back what it decided for the others).
    from .registry import REGISTRY_DOCUMENT

    result.batch.replaces = {
        n.document for n in result.batch.nodes.values() if isinstance(n, Source)
    } - {REGISTRY_DOCUMENT}
    return result
