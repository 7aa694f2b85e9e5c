"""Reading hand-written YAML (dataset.yaml, the actor registry) with errors a person can find.

pydantic reports a bad value by its path (``tables.0.kind``); the user needs the file and
the line. :func:`read_yaml` keeps PyYAML's node tree beside the data so :func:`problems_of`
can turn each validation error into a :class:`CellError` naming file, line and key.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tejido.graph.errors import InputError
from tejido.graph.i18n import register, t

from .location import CellError

register(
    {
        "yaml.unreadable": {
            "es": "no se puede leer el archivo: {reason}",
            "en": "cannot read the file: {reason}",
        },
        "yaml.syntax": {
            "es": "YAML mal formado: {reason}",
            "en": "malformed YAML: {reason}",
        },
        "yaml.missing": {"es": "falta esta clave obligatoria", "en": "this key is required"},
        "yaml.extra": {"es": "clave desconocida", "en": "unknown key"},
        "yaml.choice": {
            "es": "valor no admitido; se admite: {expected}",
            "en": "value not allowed; expected: {expected}",
        },
        "yaml.invalid": {"es": "valor no válido: {reason}", "en": "invalid value: {reason}"},
    }
)


class YamlDoc:
    """Parsed YAML plus its node tree, for locating keys."""

    def __init__(self, path: Path, data: Any, root: yaml.Node | None) -> None:
        self.path = path
        self.data = data
        self.root = root

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """1-based line of the deepest node along ``loc`` that exists in the file."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for step in loc:
            child = _child(node, step)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def error(self, loc: Sequence[str | int], message: str) -> CellError:
        return CellError(str(self.path), self.path.name, self.line_of(loc), key_path(loc), message)


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return value
    elif (isinstance(node, yaml.SequenceNode) and isinstance(step, int)
          and 0 <= step < len(node.value)):
        return node.value[step]
    return None


def key_path(loc: Sequence[str | int]) -> str:
    """``('tables', 0, 'kind')`` -> ``tables[0].kind``."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def read_yaml(path: Path) -> YamlDoc:
    """Parse a YAML file; a syntax error is an InputError with the line where it happened."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            [CellError(str(path), path.name, None, None, t("yaml.unreadable", reason=exc))]
        ) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(
            [CellError(str(path), path.name, line, None, t("yaml.syntax", reason=reason))]
        ) from exc
    return YamlDoc(path, data, root)


def problems_of(
    exc: ValidationError, doc: YamlDoc, prefix: Sequence[str | int] = ()
) -> list[CellError]:
    """One CellError per pydantic error, worded for the planner."""
    problems = []
    for err in exc.errors():
        loc = [*prefix, *(step for step in err["loc"] if step != "__root__")]
        kind = err["type"]
        if kind == "missing":
            message = t("yaml.missing")
        elif kind == "extra_forbidden":
            message = t("yaml.extra")
        elif kind in ("literal_error", "enum"):
            expected = err.get("ctx", {}).get("expected", "")
            message = t("yaml.choice", expected=expected)
        else:
            reason = err["msg"].removeprefix("Value error, ")
            message = t("yaml.invalid", reason=reason)
        problems.append(doc.error(loc, message))
    return problems
