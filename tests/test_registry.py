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
# canonical name data/actors.yaml gives it. Hand-checked against the seeds and the
# evidence each registry entry cites (data/README.md, "Decisions").
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
    # 000 (líneas 74, 102) and 002 (sección 4) name one dirección: its public name.
    ("Dirección Metropolitana de Gestión de Riesgos",
     ["DIR RIESGOS", "DIR GESTIÓN DE RIESGOS", "Dirección Metropolitana de Riesgos"]),
    ("GAD parroquiales rurales del DMQ", ["GAD PARROQUIAL", "GADS PARROQUIALES"]),
    ("Secretaría de Desarrollo Productivo y Competitividad", ["SDPC"]),
    ("Fondo para la Protección del Agua", ["FONAG"]),
    ("Empresa Pública Metropolitana de Agua Potable y Saneamiento", ["EPMAPS"]),
    # Decided splits (mismo_actor, each with its source).
    ("Secretaría de Cultura", ["SECU", "Sec Cultura"]),
    ("Secretaría de Gobierno Digital y Tecnologías de la Información y Comunicaciones",
     ["SGGTIC", "SEC TICS", "TICS"]),
    ("Secretaría General de Coordinación Territorial y Participación Ciudadana",
     ["SCTYPC", "SGCTYPC", "SCPC", "Secretaría de Coordinación Territorial y Participación "
      "Ciudadana"]),
    # Acronyms expanded from public sources.
    ("Agencia de Coordinación Distrital del Comercio", ["ACDC"]),
    ("Agencia Metropolitana de Control", ["AMC"]),
    ("Empresa Pública Metropolitana Mercado Mayorista de Quito", ["MMQEP", "MMQ-EP"]),
]


@pytest.mark.parametrize(("canonical", "spellings"), SAME_ACTOR, ids=[c for c, _ in SAME_ACTOR])
def test_spellings_resolve_to_one_actor(registry, canonical, spellings):
    resolved = {registry.resolve(s).id for s in spellings}
    assert len(resolved) == 1
    assert registry.resolve(spellings[0]).name == canonical


#: (name as the documents write it, canonical actor) decided same actor, and a word of the
#: evidence each entry cites.
DECIDED_SAME = [
    ("SECU", "Secretaría de Cultura", "gk.city"),
    ("SGGTIC", "Secretaría de Gobierno Digital y Tecnologías de la Información y Comunicaciones",
     "línea 48"),
    ("SEC TICS", "Secretaría de Gobierno Digital y Tecnologías de la Información y "
     "Comunicaciones", "SEC AMBIENTE"),
    ("SCPC", "Secretaría General de Coordinación Territorial y Participación Ciudadana",
     "Casas Somos"),
    ("Dirección Metropolitana de Riesgos", "Dirección Metropolitana de Gestión de Riesgos",
     "Quito Informa"),
]
#: (successor, predecessor): renamed, kept as two actors tied by SUCCEEDS.
RENAMED = [
    ("Secretaría de Desarrollo Económico y Productivo",
     "Secretaría de Desarrollo Productivo y Competitividad"),
    ("Secretaría de Hábitat y Ordenamiento Territorial",
     "Secretaría de Territorio, Hábitat y Vivienda"),
    ("Secretaría de Coordinación Territorial, Gobernabilidad y Participación",
     "Secretaría General de Coordinación Territorial y Participación Ciudadana"),
]
#: Generic references of the bundled data (a category, a group, a field of work, a cut word).
GENERIC = ["COOPERACIÓN", "GADs", "EMPRESAS EJE", "SECRET", "COMUNICACIÓN", "PARTICIPACIÓN",
           "GAD", "Colectivos de la Sociedad Civil"]


@pytest.mark.parametrize(("name", "canonical", "evidence"), DECIDED_SAME,
                         ids=[n for n, _, _ in DECIDED_SAME])
def test_same_actor_decisions_carry_their_source(registry, name, canonical, evidence):
    actor = registry.resolve(name)
    assert actor.name == canonical
    assert name in actor.variantes  # listed on the actor as a decided equivalence
    [decision] = [d for d in registry.decisions if d.nombre == name]
    assert (decision.equivale_a, decision.relacion) == (canonical, "mismo_actor")
    assert evidence in decision.fuente


@pytest.mark.parametrize(("successor", "predecessor"), RENAMED, ids=[s for s, _ in RENAMED])
def test_renamed_institutions_are_two_actors_and_a_decision(registry, successor, predecessor):
    assert registry.resolve(successor).id != registry.resolve(predecessor).id
    [decision] = [d for d in registry.decisions if d.relacion == "renombrado"
                  and d.equivale_a == successor]
    assert decision.nombre == predecessor
    assert "inferido" in decision.fuente and "actors.d/001.yaml" in decision.where


@pytest.mark.parametrize("name", GENERIC)
def test_generic_references_are_flagged_with_their_reason(registry, name):
    actor = registry.resolve(name)
    assert actor.name == name and actor.generico is True
    assert "Genérico: " in actor.notas


def test_defined_sets_are_not_generic(registry):
    """A set of bodies the plans address as one (the zonal administrations, the rural
    parish governments) is an actor: which bodies it means is known."""
    for name in ("AZ", "GADS PARROQUIALES", "Gobiernos Autónomos Descentralizados Circunvecinos"):
        assert registry.resolve(name).generico is False


def test_kept_apart_with_an_open_question(registry):
    """SECOM and «COMUNICACIÓN»: nothing says they are one; both carry the question."""
    secom, comunicacion = registry.resolve("SECOM"), registry.resolve("COMUNICACIÓN")
    assert secom.id != comunicacion.id
    assert secom.name == "SECOM" and secom.interno is True and not secom.generico
    assert "SECOM" in registry.pending[comunicacion.id][0]
    assert "Comunicación" in registry.pending[secom.id][0]
    # «PARTICIPACIÓN» is not merged into the SCTYPC either.
    assert registry.resolve("PARTICIPACIÓN").id != registry.resolve("SCTYPC").id


def test_unknown_name_is_not_resolved(registry):
    assert registry.resolve("EMPRESAS EJE Y OTRAS") is None
    assert registry.resolve("SEC COMUNICACIÓN") is None


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


# --- what the registry adds to the graph --------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    from tejido.loaders.matrix import read_datasets

    return read_datasets(DATA).batch


def _actor(batch, name):
    [found] = [n for n in batch.nodes.values() if n.label == "Actor" and n.name == name]
    return found


def _documents(batch, name):
    return {batch.nodes[s].document[:3] for s in _actor(batch, name).sources}


def test_acceptance_on_the_bundled_data(bundled):
    """Issue 9: the Secretaría de Ambiente is one actor tied to 000, 001 and 002, CONQUITO one
    actor tied to 000 and 002; no actor is named exactly SECU, ACDC, AMC or MMQEP."""
    actors = [n for n in bundled.nodes.values() if n.label == "Actor"]
    assert {"000", "001", "002"} <= _documents(bundled, "Secretaría de Ambiente")
    assert _documents(bundled, "Agencia de Promoción Económica CONQUITO") == {"000", "002"}
    assert not {a.name for a in actors} & {"SECU", "ACDC", "AMC", "MMQEP"}
    assert {a.name for a in actors if a.generico} == set(GENERIC)
    assert not [a.name for a in actors if a.auto]  # every name the tables use is registered


def test_every_actor_says_whether_it_is_internal(bundled):
    """Only two actors are left without `interno`, each with the open question why."""
    registry = load_registry(DATA)
    unknown = {a.name for a in bundled.nodes.values()
               if a.label == "Actor" and a.interno is None}
    assert unknown == {"EMPRESAS EJE", "REM"}
    for name in unknown:
        assert registry.resolve(name).id in registry.pending


def test_renamed_institutions_are_tied_by_succeeds_citing_the_registry(bundled):
    from tejido.graph.model import RelType

    succeeds = {(bundled.nodes[r.source].name, bundled.nodes[r.target].name): r
                for r in bundled.rels.values() if r.type == RelType.SUCCEEDS}
    assert set(succeeds) == set(RENAMED)
    for rel in succeeds.values():
        [source] = rel.sources
        row = bundled.nodes[source]
        assert (row.document, row.table) == ("registro de actores", "actors.d/001.yaml")
        # The row is the entry's first line (its nombre).
        line = (DATA / "actors.d" / "001.yaml").read_text(encoding="utf-8").splitlines()[
            row.row - 1]
        assert bundled.nodes[rel.source].name in line


def test_an_actor_decided_from_other_names_cites_the_deciding_entry(bundled):
    registry_rows = {
        bundled.nodes[s].table: bundled.nodes[s].row
        for s in _actor(bundled, "Secretaría de Cultura").sources
        if bundled.nodes[s].document == "registro de actores"
    }
    [(table, row)] = registry_rows.items()
    line = (DATA / table).read_text(encoding="utf-8").splitlines()[row - 1]
    assert table == "actors.yaml" and '"Secretaría de Cultura"' in line
    # An actor with no mismo_actor decision cites only the rows that name it.
    assert {bundled.nodes[s].document for s in _actor(bundled, "Secretaría de Ambiente").sources
            } <= {"000_4a985cea5809c66a", "001_4e5989aca73e7530", "002_88ae770ca5db9c38"}


def test_open_questions_are_problems_of_the_registry_rows(bundled):
    pending = {p.split(": ")[1]: p for n in bundled.nodes.values()
               if n.label == "Source" and n.document == "registro de actores"
               for p in n.problemas}
    assert set(pending) == {"SECOM", "COMUNICACIÓN", "PARTICIPACIÓN", "SECRET", "EMPRESAS EJE",
                            "REM", "Secretaría General",
                            "Secretaría de Seguridad Ciudadana y Gestión de Riesgos"}
    assert all(p.startswith("pendiente: ") for p in pending.values())


def test_one_dataset_gets_no_tie_to_an_actor_it_does_not_name():
    """001 alone names the successors but not their predecessors (000 does): no SUCCEEDS."""
    from tejido.graph.model import RelType
    from tejido.loaders.matrix import read_datasets

    batch = read_datasets(DATA / "001_pmdot").batch
    assert not [r for r in batch.rels.values() if r.type == RelType.SUCCEEDS]


def test_a_renaming_needs_its_source_and_a_known_predecessor(tmp_path):
    _write(tmp_path, '- nombre: "A"\n\n- nombre: "B"\n  sucede_a: "A"\n')
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    [problem] = caught.value.problems
    assert problem.row == 3 and "fuente" in problem.message
    _write(tmp_path, '- nombre: "A"\n\n- nombre: "B"\n  sucede_a: "C"\n  fuente: "x"\n')
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (4, "[1].sucede_a") and "«C»" in problem.message
    _write(tmp_path, '- nombre: "A"\n  siglas: [AA]\n  sucede_a: "AA"\n  fuente: "x"\n')
    with pytest.raises(InputError):
        load_registry(tmp_path)


def test_a_generic_entry_needs_its_reason(tmp_path):
    _write(tmp_path, '- nombre: "VARIOS"\n  generico: true\n')
    with pytest.raises(InputError) as caught:
        load_registry(tmp_path)
    assert "generico_motivo" in caught.value.problems[0].message
    _write(tmp_path, '- nombre: "VARIOS"\n  generico: true\n  generico_motivo: "un grupo"\n')
    assert load_registry(tmp_path).resolve("varios").generico is True


def test_a_same_actor_decision_needs_its_source(tmp_path):
    _write(tmp_path, '- nombre: "A"\n  mismo_actor: [{nombre: "B"}]\n')
    with pytest.raises(InputError):
        load_registry(tmp_path)
    _write(tmp_path, '- nombre: "A"\n  mismo_actor: [{nombre: "B", fuente: "doc, línea 3"}]\n')
    registry = load_registry(tmp_path)
    assert registry.resolve("B").name == "A"
    assert [(d.nombre, d.equivale_a, d.relacion, d.fuente) for d in registry.decisions] == [
        ("B", "A", "mismo_actor", "doc, línea 3")]
