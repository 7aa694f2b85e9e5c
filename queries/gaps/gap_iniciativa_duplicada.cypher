// ---
// name: gap_iniciativa_duplicada
// title: {es: "Acciones candidatas a duplicado", en: "Duplicate-initiative candidates"}
// description:
//   es: "Cada acción con sus ejes/objetivos directos, sus rectores, si está en el alcance, sus territorios y todos los territorios en que están (ellos incluidos); la comparación difusa de títulos (rapidfuzz, entre acciones que pueden ocurrir en el mismo lugar) se hace después en Python."
//   en: "Every action with its direct axes, its leads, whether it is in scope, its territories and every territory they lie in (themselves included); the fuzzy title comparison (rapidfuzz, between actions that may happen in the same place) runs afterwards in Python."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [action_id, titulo, objetivos, rectores, en_alcance, sources, territorios, dentro_de]
// twin: tejido.queries.gaps.iniciativa_duplicada:iniciativa_duplicada_rows
// ---
MATCH (a:Action)
RETURN a.id AS action_id, a.titulo AS titulo,
  COLLECT { MATCH (a)-[:UNDER]->(o:Axis) WITH DISTINCT o RETURN {id: o.id, nombre: o.name} AS m ORDER BY m.id } AS objetivos,
  COLLECT { MATCH (x:Actor)-[:LEADS]->(a) WITH DISTINCT x RETURN {id: x.id, nombre: x.name} AS m ORDER BY m.id } AS rectores,
  ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
    AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id }) AS en_alcance,
  COLLECT { UNWIND coalesce(a.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources,
  COLLECT { MATCH (a)-[:TARGETS]->(t:Territory) WITH DISTINCT t RETURN {id: t.id, nombre: t.name} AS m ORDER BY m.id } AS territorios,
  COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) WITH DISTINCT s RETURN s.id AS id ORDER BY id } AS dentro_de
ORDER BY action_id
