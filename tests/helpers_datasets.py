"""Shared by the tests of the bundled datasets 002 (resilience office), 003 (councillor work
plan) and 004 (Pactos por Pichincha): loading one dataset, and what one table row produced.

Actor names are the registry's canonical names (data/actors.yaml, data/actors.d/*.yaml).
"""

from __future__ import annotations

from pathlib import Path

from tejido.graph.model import GraphBatch, RelType, Source
from tejido.loaders.matrix import read_datasets

DATA = Path(__file__).resolve().parents[1] / "data"

# --- canonical actor names ----------------------------------------------------------------
DMR = "Dirección Metropolitana de Resiliencia"
RCN = "Resilient Cities Network"
CONQUITO = "Agencia de Promoción Económica CONQUITO"
GADDMQ = "Gobierno Autónomo Descentralizado del Distrito Metropolitano de Quito"
RPA = "Rockefeller Philanthropy Advisors"
SGP = "Secretaría General de Planificación"
SGSG = "Secretaría General de Seguridad y Gobernabilidad"
# 002 writes "Dirección Metropolitana de Riesgos": data/actors.yaml, mismo_actor.
RIESGOS = "Dirección Metropolitana de Gestión de Riesgos"
EMBAJADA = "Sección comercial de la Embajada de España"
AMBIENTE = "Secretaría de Ambiente"
LUIS = "Luis Reina Chamorro"
PARROQUIAS = "GAD parroquiales rurales del DMQ"
PICHINCHA_GOV = "Gobierno Autónomo Descentralizado de la Provincia de Pichincha"


def load(folder: str) -> GraphBatch:
    return read_datasets(DATA / folder).batch


def facts(batch: GraphBatch, document: str, table: str, row: int) -> dict:
    """Everything one table row produced: nodes citing it and the ties that cite it."""
    source = Source.key(document, table, row)
    assert source in batch.nodes, f"no Source for {table} fila {row}"
    cited = [n for n in batch.nodes.values() if source in n.sources and n.label != "Source"]
    out: dict = {
        "actions": [n for n in cited if n.label == "Action"],
        "axes": [n for n in cited if n.label == "Axis"],
        "mechanisms": [n for n in cited if n.label == "Mechanism"],
        "rector": set(), "articuladores": set(), "mecanismos": set(), "territorios": set(),
        "under": set(), "part_of": set(), "relates": set(),
    }
    action_ids = {a.id for a in out["actions"]}

    def name(node_id: str) -> str:
        return batch.nodes[node_id].display

    for rel in batch.rels.values():
        if source not in rel.sources:
            continue
        if rel.type == RelType.LEADS and rel.target in action_ids:
            out["rector"].add(name(rel.source))
        elif rel.type == RelType.ARTICULATES and rel.target in action_ids:
            out["articuladores"].add(name(rel.source))
        elif rel.type == RelType.USES and rel.source in action_ids:
            out["mecanismos"].add(name(rel.target))
        elif rel.type == RelType.TARGETS and rel.source in action_ids:
            out["territorios"].add(name(rel.target))
        elif rel.type == RelType.UNDER and rel.source in action_ids:
            out["under"].add((batch.nodes[rel.target].tipo, name(rel.target)))
        elif rel.type == RelType.PART_OF:
            out["part_of"].add((name(rel.source), name(rel.target)))
        elif rel.type == RelType.RELATES:
            out["relates"].add((name(rel.source), name(rel.target), rel.tipo, rel.mecanismo))
    return out


def one_action(f: dict):
    assert len(f["actions"]) == 1, [a.titulo for a in f["actions"]]
    return f["actions"][0]


def actor(batch: GraphBatch, name: str):
    found = [n for n in batch.nodes.values() if n.label == "Actor" and n.name == name]
    assert len(found) == 1, name
    return found[0]
