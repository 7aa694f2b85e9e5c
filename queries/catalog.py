"""The catalog of saved queries: one ``.cypher`` file per analysis, with validated metadata.

A query file starts with a YAML header in ``//`` comment lines between two ``// ---``
markers, then the Cypher (BloodHound-style, one file per query)::

    // ---
    // name: gap_sin_rector
    // title: {es: "Acciones sin ente rector", en: "Actions without a lead"}
    // description: {es: "...", en: "..."}
    // parameters:
    //   - {name: eje, type: string, default: null}
    // columns: [action_id, titulo, eje, sources]
    // twin: tejido.queries.gaps.sin_rector:sin_rector_rows
    // ---
    MATCH (a:Action) ...

Built-in queries ship in ``queries/builtin`` (the network queries) and ``queries/gaps``
(each gap kind's queries beside its module) and must name a *twin*: a Python function
``f(ix: NetworkIndex, **params) -> list[dict]`` computing the same rows on the embedded
store from the snapshot's one read model (:class:`tejido.queries.index.NetworkIndex`,
``ix.graph`` is the snapshot itself). The store builds that index once per state of its
graph, so the dozen twins of a gap report share it.
A planner's own queries live in a folder given by ``--queries DIR`` or ``$TEJIDO_QUERIES``;
they need no twin (and so run only on Neo4j). ``title``/``description`` may be a plain
string in a user's file (used for both languages). Parameter types: string, int, float,
bool, list[string] — quote the last inside a ``{...}`` flow mapping
(``{name: ejes, type: "list[string]"}``), where YAML reads brackets as a list.

A string parameter that names a node declares it with ``refers: Actor``, ``Territory`` or
``Axis`` (``{name: territorio, type: string, refers: Territory}``): the planner may then
give the name, siglas or code as the documents print them («Quito Rural T1», «CONQUITO»),
and :meth:`QuerySpec.resolve` turns it into the node's id before the query runs
(:mod:`tejido.queries.names`; nothing matching is exit 2 with the closest names). The
built-in queries compare ids and call those parameters ``eje``, ``territorio`` and
``actor``: theirs refer to Axis, Territory and Actor without saying so
(:data:`BUILTIN_REFERS`).
"""

from __future__ import annotations

import importlib
import inspect
import math
import os
import re
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tejido.graph.errors import InputError
from tejido.graph.i18n import get_lang, register, t
from tejido.graph.model import fold

from .index import NetworkIndex

ENV_VAR = "TEJIDO_QUERIES"
MARKER = "// ---"
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
TWIN = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
#: Package folders holding built-in queries (``tejido.queries/<folder>/*.cypher``).
BUILTIN_FOLDERS = ("builtin", "gaps")

ParamType = Literal["string", "int", "float", "bool", "list[string]"]
RefersTo = Literal["Actor", "Territory", "Axis"]
#: A built-in query's parameter of this name refers to this node type unless it says.
BUILTIN_REFERS: dict[str, RefersTo] = {"eje": "Axis", "territorio": "Territory",
                                        "actor": "Actor"}
_TRUE = {"true", "1", "si", "yes", "verdadero"}
_FALSE = {"false", "0", "no", "falso"}

register(
    {
        "catalog.no_header": {
            "es": "{path}:1: falta la cabecera de metadatos (líneas `// ---` … `// ---`).",
            "en": "{path}:1: missing the metadata header (`// ---` … `// ---` lines).",
        },
        "catalog.unclosed": {
            "es": "{path}: la cabecera de metadatos no se cierra con `// ---`.",
            "en": "{path}: the metadata header is not closed with `// ---`.",
        },
        "catalog.not_comment": {
            "es": "{path}:{line}: dentro de la cabecera cada línea debe empezar con `//`.",
            "en": "{path}:{line}: inside the header every line must start with `//`.",
        },
        "catalog.bad_yaml": {
            "es": "{path}: la cabecera no es YAML válido: {reason}",
            "en": "{path}: the header is not valid YAML: {reason}",
        },
        "catalog.invalid": {
            "es": "{path}: metadato «{field}»: {reason}",
            "en": "{path}: metadata «{field}»: {reason}",
        },
        "catalog.no_cypher": {
            "es": "{path}: no hay Cypher después de la cabecera.",
            "en": "{path}: there is no Cypher after the header.",
        },
        "catalog.duplicate": {
            "es": "La consulta «{name}» está definida dos veces: {first} y {second}.",
            "en": "Query «{name}» is defined twice: {first} and {second}.",
        },
        "catalog.no_dir": {
            "es": "La carpeta de consultas {path} no existe.",
            "en": "The queries folder {path} does not exist.",
        },
        "catalog.twin_missing": {
            "es": "{path}: la consulta incorporada necesita `twin: módulo:función`.",
            "en": "{path}: a built-in query needs `twin: module:function`.",
        },
        "catalog.twin_broken": {
            "es": "{path}: no se puede importar la función gemela {twin}: {reason}",
            "en": "{path}: cannot import the twin function {twin}: {reason}",
        },
        "catalog.twin_index": {
            "es": "{path}: la función gemela {twin} debe recibir el índice de la red "
            "(NetworkIndex) como primer argumento.",
            "en": "{path}: the twin function {twin} must take the network index "
            "(NetworkIndex) as its first argument.",
        },
        "catalog.twin_params": {
            "es": "{path}: la función gemela {twin} no acepta los parámetros {names}.",
            "en": "{path}: the twin function {twin} does not accept the parameters {names}.",
        },
        "catalog.unknown": {
            "es": "No existe la consulta «{name}». Consultas disponibles: {names}.",
            "en": "There is no query «{name}». Available queries: {names}.",
        },
        "param.unknown": {
            "es": "La consulta «{query}» no tiene el parámetro «{name}» (tiene: {names}).",
            "en": "Query «{query}» has no parameter «{name}» (it has: {names}).",
        },
        "param.bad": {
            "es": "Parámetro «{name}» de «{query}»: «{value}» no es de tipo {type}.",
            "en": "Parameter «{name}» of «{query}»: «{value}» is not of type {type}.",
        },
        "param.missing": {
            "es": "La consulta «{query}» necesita el parámetro «{name}» ({type}).",
            "en": "Query «{query}» needs the parameter «{name}» ({type}).",
        },
        "param.none": {"es": "ninguno", "en": "none"},
    }
)


class Localized(BaseModel):
    """A text a planner reads, in both languages."""

    model_config = ConfigDict(extra="forbid")
    es: str
    en: str

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        return {"es": value, "en": value} if isinstance(value, str) else value

    def __str__(self) -> str:
        return self.en if get_lang() == "en" else self.es


class BadValue(ValueError):
    """A parameter value that does not have the declared type."""


def coerce(ptype: str, value: Any) -> Any:
    """``value`` (a CLI string or a Python value) as the declared type, or :class:`BadValue`."""
    if value is None:
        return None
    if ptype == "string":
        if isinstance(value, str):
            return value
    elif ptype == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
            return int(value)
    elif ptype == "float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                raise BadValue(value) from None
        else:
            raise BadValue(value)
        if math.isfinite(number):
            return number
    elif ptype == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and fold(value) in _TRUE | _FALSE:
            return fold(value) in _TRUE
    elif ptype == "list[string]":
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return list(value)
    raise BadValue(value)


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    type: ParamType
    default: Any = None
    required: bool = False
    description: Localized | None = None
    #: The node type the value names (given by id, name, siglas or code), if any.
    refers: RefersTo | None = None

    @field_validator("name")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not SNAKE.match(value):
            raise ValueError("must be snake_case (a-z, 0-9, _)")
        return value

    @model_validator(mode="after")
    def _refers_a_string(self) -> Parameter:
        if self.refers is not None and self.type not in ("string", "list[string]"):
            raise ValueError(f"refers: {self.refers} needs type string or list[string]")
        return self

    @model_validator(mode="after")
    def _default_has_type(self) -> Parameter:
        try:
            # YAML reads `default: "a,b"` as a string: coerce() splits it for list[string].
            self.default = coerce(self.type, self.default)
        except BadValue:
            raise ValueError(f"default {self.default!r} is not of type {self.type}") from None
        return self


class QuerySpec(BaseModel):
    """One saved query: validated metadata plus its Cypher."""

    model_config = ConfigDict(extra="forbid")
    name: str
    title: Localized
    description: Localized | None = None
    parameters: list[Parameter] = Field(default_factory=list)
    columns: list[str] = Field(min_length=1)
    twin: str | None = None
    cypher: str
    path: str
    builtin: bool = False

    @field_validator("name")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not SNAKE.match(value):
            raise ValueError("must be snake_case (a-z, 0-9, _)")
        return value

    @field_validator("columns")
    @classmethod
    def _distinct_columns(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("column names repeat")
        return value

    @field_validator("twin")
    @classmethod
    def _twin_shape(cls, value: str | None) -> str | None:
        if value is not None and not TWIN.match(value):
            raise ValueError("must look like package.module:function")
        return value

    @model_validator(mode="after")
    def _distinct_parameters(self) -> QuerySpec:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError("parameter names repeat")
        return self

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Every declared parameter's value (given or default), type-checked.

        ``given`` may hold CLI strings or Python values. Raises :class:`InputError` (exit 2)
        on an unknown parameter, a value of the wrong type or a missing required one.
        """
        declared = {p.name: p for p in self.parameters}
        problems = [
            t("param.unknown", query=self.name, name=name,
              names=", ".join(declared) or t("param.none"))
            for name in given if name not in declared
        ]
        bound: dict[str, Any] = {}
        for name, param in declared.items():
            if name not in given:
                if param.required and param.default is None:
                    problems.append(t("param.missing", query=self.name, name=name,
                                      type=param.type))
                bound[name] = param.default
                continue
            try:
                bound[name] = coerce(param.type, given[name])
            except BadValue:
                problems.append(t("param.bad", query=self.name, name=name,
                                  value=given[name], type=param.type))
        if problems:
            raise InputError(problems)
        return bound

    def resolve(self, bound: dict[str, Any], store: Any) -> dict[str, Any]:
        """``bound`` (from :meth:`bind`) with the value of every parameter that ``refers``
        to a node type replaced by that node's id (:func:`tejido.queries.names.resolve_refs`:
        by id, name, siglas or code; InputError, exit 2, with the closest names)."""
        from .names import resolve_refs

        return resolve_refs([(p.name, p.refers) for p in self.parameters], bound, store)

    @property
    def has_twin(self) -> bool:
        return self.twin is not None

    def run_twin(self, graph: Any, memo: dict[str, Any],
                 params: dict[str, Any]) -> list[dict[str, Any]]:
        """The twin's rows on a snapshot (the embedded store calls this; see
        :class:`tejido.graph.store.ReadQuery`). The twin reads the snapshot's index, kept
        in the store's ``memo`` so every twin run on the same graph state shares it."""
        return self.twin_function()(NetworkIndex.of(graph, memo), **params)

    def twin_function(self) -> Callable[..., list[dict[str, Any]]]:
        """The networkx twin ``f(ix: NetworkIndex, **params)``, imported on demand."""
        if self.twin is None:
            raise LookupError(self.name)
        module_name, attr = self.twin.split(":")
        return getattr(importlib.import_module(module_name), attr)


def parse_query(text: str, path: str, builtin: bool = False) -> QuerySpec:
    """Parse one query file's text; :class:`InputError` naming the file and line if invalid."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != MARKER:
        raise InputError(t("catalog.no_header", path=path))
    header: list[str] = []
    end = None
    for number in range(start + 1, len(lines)):
        line = lines[number].strip()
        if line == MARKER:
            end = number
            break
        if line and not line.startswith("//"):
            raise InputError(t("catalog.not_comment", path=path, line=number + 1))
        header.append(line[2:])
    if end is None:
        raise InputError(t("catalog.unclosed", path=path))
    try:
        meta = yaml.safe_load("\n".join(_dedent(header))) or {}
    except yaml.YAMLError as exc:
        raise InputError(t("catalog.bad_yaml", path=path, reason=exc)) from None
    if not isinstance(meta, dict):
        raise InputError(t("catalog.bad_yaml", path=path, reason=type(meta).__name__))
    cypher = "\n".join(lines[end + 1:]).strip()
    if not cypher:
        raise InputError(t("catalog.no_cypher", path=path))
    reserved = sorted({"cypher", "path", "builtin"} & set(meta))
    if reserved:
        raise InputError(t("catalog.invalid", path=path, field=reserved[0], reason="reserved"))
    try:
        spec = QuerySpec(**meta, cypher=cypher, path=path, builtin=builtin)
    except ValidationError as exc:
        raise InputError([
            t("catalog.invalid", path=path, field=".".join(str(p) for p in err["loc"]) or "-",
              reason=err["msg"])
            for err in exc.errors()
        ]) from None
    if builtin:
        _check_twin(spec)
        for param in spec.parameters:
            if param.refers is None and param.type == "string":
                param.refers = BUILTIN_REFERS.get(param.name)
    return spec


def _dedent(lines: list[str]) -> list[str]:
    """Drop the one space most writers put after ``//``, keeping YAML's own indentation."""
    if all(not line or line.startswith(" ") for line in lines):
        return [line[1:] for line in lines]
    return lines


def _check_twin(spec: QuerySpec) -> None:
    if spec.twin is None:
        raise InputError(t("catalog.twin_missing", path=spec.path))
    try:
        function = spec.twin_function()
    except (ImportError, AttributeError) as exc:
        raise InputError(t("catalog.twin_broken", path=spec.path, twin=spec.twin,
                           reason=exc)) from None
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters or parameters[0].kind not in (inspect.Parameter.POSITIONAL_ONLY,
                                                    inspect.Parameter.POSITIONAL_OR_KEYWORD):
        raise InputError(t("catalog.twin_index", path=spec.path, twin=spec.twin))
    # The first argument is the index; the query's parameters are the keyword arguments.
    rest = {p.name: p for p in parameters[1:]}
    takes_any = any(p.kind is p.VAR_KEYWORD for p in rest.values())
    missing = [p.name for p in spec.parameters if not takes_any and p.name not in rest]
    if missing:
        raise InputError(t("catalog.twin_params", path=spec.path, twin=spec.twin,
                           names=", ".join(missing)))


class Catalog:
    """The built-in queries plus a planner's own, by name."""

    def __init__(self, specs: Iterable[QuerySpec]) -> None:
        self.queries: dict[str, QuerySpec] = {}
        problems = []
        for spec in specs:
            first = self.queries.get(spec.name)
            if first is not None:
                problems.append(t("catalog.duplicate", name=spec.name, first=first.path,
                                  second=spec.path))
                continue
            self.queries[spec.name] = spec
        if problems:
            raise InputError(problems)

    def __iter__(self):  # noqa: ANN204 - an iterator of QuerySpec
        return iter(sorted(self.queries.values(), key=lambda s: s.name))

    def __len__(self) -> int:
        return len(self.queries)

    def get(self, name: str) -> QuerySpec:
        spec = self.queries.get(name)
        if spec is None:
            raise InputError(t("catalog.unknown", name=name, names=", ".join(sorted(self.queries))))
        return spec

    def builtins(self) -> list[QuerySpec]:
        return [spec for spec in self if spec.builtin]


def builtin_specs() -> list[QuerySpec]:
    """Every query shipped in the package folders :data:`BUILTIN_FOLDERS` (package data):
    ``builtin/`` and the gap kinds' ``gaps/``. A spec's path is ``<folder>/<file>``."""
    root = resources.files("tejido.queries")
    specs = []
    for folder in BUILTIN_FOLDERS:
        files = sorted((f for f in root.joinpath(folder).iterdir()
                        if f.name.endswith(".cypher")), key=lambda f: f.name)
        specs.extend(parse_query(f.read_text(encoding="utf-8"), f"{folder}/{f.name}",
                                 builtin=True) for f in files)
    return specs


def user_specs(folder: Path) -> list[QuerySpec]:
    """A planner's own queries: every ``*.cypher`` under ``folder``; all problems at once."""
    if not folder.is_dir():
        raise InputError(t("catalog.no_dir", path=folder))
    specs, problems = [], []
    for path in sorted(folder.rglob("*.cypher")):
        try:
            specs.append(parse_query(path.read_text(encoding="utf-8"), str(path)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return specs


def load_catalog(user_dir: Path | str | None = None) -> Catalog:
    """Built-ins plus the user's folder (``user_dir``, else ``$TEJIDO_QUERIES`` if set)."""
    folder = user_dir or os.environ.get(ENV_VAR) or None
    specs = builtin_specs()
    if folder:
        specs.extend(user_specs(Path(folder)))
    return Catalog(specs)
