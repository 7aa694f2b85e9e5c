"""The actor registry: one actor however the documents spell it, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tejido.graph.errors import InputError
from tejido.loaders.registry import load_registry

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def registry():
    return load_registry(DATA)


# Spellings seen in the seeds (000 mostly), each group naming one actor, with the
# canonical name data/actors.yaml gives it.
SAME_ACTOR = [
    ("Agencia de Promoción Económica CONQUITO", ["CONQUITO", "Conquito", "ConQuito"]),
    ("Administraciones Zonales", ["AZ", "Administraciones zonales", "Zonales"]),
    ("Secretaría de Ambiente", ["SEC AMBIENTE", "SECRETARÍA DE AMBIENTE", "AMBIENTE", "Ambiente"]),
    ("Secretaría de Educación", ["SEC EDUC", "SEC EDU", "EDUC"]),
    ("Empresa Pública Metropolitana de Gestión de Destino Turístico",
     ["Quito Turismo", "QUITO TURISMO"]),
    ("Secretaría de Seguridad Ciudadana y Gestión de Riesgos",
     ["SEC SEGURIDAD", "Secretaría de Seguridad"]),
    ("Secretaría de Inclusión Social", ["Inclusión", "INCLUSIÓN", "SEC Inclusión"]),
    ("Dirección de Relaciones Internacionales", ["DIRECCIÓN RELAC INTERNAC", "DIR RI"]),
    ("Dirección de Gestión de Riesgos", ["DIR RIESGOS", "DIR GESTIÓN DE RIESGOS"]),
    ("GAD parroquiales rurales del DMQ", ["GAD PARROQUIAL", "GADS PARROQUIALES"]),
    ("Secretaría de Desarrollo Productivo y Competitividad", ["SDPC"]),
    ("Fondo para la Protección del Agua", ["FONAG"]),
    ("Empresa Pública Metropolitana de Agua Potable y Saneamiento", ["EPMAPS"]),
]


@pytest.mark.parametrize(("canonical", "spellings"), SAME_ACTOR, ids=[c for c, _ in SAME_ACTOR])
def test_spellings_resolve_to_one_actor(registry, canonical, spellings):
    resolved = {registry.resolve(s).id for s in spellings}
    assert len(resolved) == 1
    assert registry.resolve(spellings[0]).name == canonical


def test_sec_cultura_and_secu_stay_apart(registry):
    """No document expands SECU: it is kept as written, not merged into Sec Cultura."""
    secu = registry.resolve("SECU")
    assert secu.name == "SECU" and secu.tipo == "otro"
    assert registry.resolve("Sec Cultura").name == "Secretaría de Cultura"


def test_unexpanded_acronyms_stay_as_written(registry):
    for acronym in ("ACDC", "AMC", "MMQEP", "SECOM"):
        actor = registry.resolve(acronym)
        assert actor.name == acronym and actor.tipo == "otro"


def test_unknown_name_is_not_resolved(registry):
    assert registry.resolve("EMPRESAS EJE") is None
    assert registry.resolve("SCPC") is None  # a typo for SDPC or SCTYPC? nobody says


def test_segment_reads_names_run_together(registry):
    parts = registry.segment("AZ CONQUITO")
    assert [p.name for p in parts] == ["Administraciones Zonales",
                                       "Agencia de Promoción Económica CONQUITO"]
    assert [p.name for p in registry.segment("AMBIENTE EPMAPS")] == [
        "Secretaría de Ambiente", "Empresa Pública Metropolitana de Agua Potable y Saneamiento"]
    # Not every word known: not segmented (so an unknown actor is created instead).
    assert registry.segment("POLICÍA TURÍSTICA MUNICIPAL") is None
    # A single known name is a resolution, not a segmentation.
    assert registry.segment("CONQUITO") is None


def _write(folder: Path, main: str, extra: dict[str, str] | None = None) -> Path:
    (folder / "actors.yaml").write_text(main, encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / "actors.d").mkdir(exist_ok=True)
        (folder / "actors.d" / name).write_text(text, encoding="utf-8")
    return folder


def test_agreeing_declarations_merge_their_aliases(tmp_path):
    _write(tmp_path,
           '- nombre: "Secretaría de Salud"\n  variantes: ["SEC SALUD"]\n  tipo: secretaria\n',
           {"001.yaml": '- nombre: "Secretaría de Salud"\n  siglas: [SS]\n  interno: true\n'})
    registry = load_registry(tmp_path)
    assert registry.resolve("SEC SALUD") is registry.resolve("SS")
    actor = registry.resolve("SS")
    assert actor.tipo == "secretaria" and actor.interno is True


def test_alias_naming_two_actors_is_an_error_naming_both_files(tmp_path):
    _write(tmp_path, '- nombre: "Secretaría de Salud"\n  siglas: [SS]\n',
           {"002.yaml": '- nombre: "Secretaría de Seguridad"\n  siglas: [SS]\n'})
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    message = caught.value.message
    assert str(tmp_path / "actors.d" / "002.yaml") in message
    assert str(tmp_path / "actors.yaml") in message
    assert "SS" in message


def test_disagreeing_declarations_are_an_error(tmp_path):
    _write(tmp_path, '- nombre: "FONAG"\n  interno: false\n',
           {"003.yaml": '- nombre: "FONAG"\n  interno: true\n'})
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    [problem] = caught.value.problems
    assert problem.file.endswith("003.yaml") and problem.row == 1
    assert "interno" in problem.message and "actors.yaml" in problem.message


def test_bad_entry_names_file_line_and_key(tmp_path):
    _write(tmp_path, '- nombre: "A"\n  tipo: secretaria\n\n- nombre: "B"\n  tipo: ministerio\n')
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == (str(tmp_path / "actors.yaml"), 5,
                                                           "[1].tipo")
    assert "secretaria" in problem.message  # lists what is allowed


def test_unknown_key_and_syntax_error(tmp_path):
    _write(tmp_path, '- nombre: "A"\n  sigla: [X]\n')
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    assert caught.value.problems[0].column == "[0].sigla"
    _write(tmp_path, '- nombre: "A"\n  siglas: [X\n')
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    assert caught.value.problems[0].file == str(tmp_path / "actors.yaml")
    assert caught.value.problems[0].row is not None
