// ---
// name: gap_sin_mecanismo
// title: {es: "Acciones con actores y sin mecanismo de articulación", en: "Actions with actors and no articulation mechanism"}
// description:
//   es: "Acciones en las que participa al menos un actor y que no usan ningún mecanismo (USES)."
//   en: "Actions at least one actor takes part in that use no mechanism (USES)."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [action_id, titulo, estado, eje, actores, sources]
// twin: tejido.queries.gaps.sin_mecanismo:sin_mecanismo_rows
// ---
MATCH (a:Action)
WHERE EXISTS { (a)<-[:LEADS|ARTICULATES]-(:Actor) }
  AND NOT EXISTS { (a)-[:USES]->(:Mechanism) }
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
RETURN a.id AS action_id, a.titulo AS titulo, a.estado AS estado,
  a.eje AS eje,
  COUNT { MATCH (x:Actor)-[:LEADS|ARTICULATES]->(a) RETURN DISTINCT x } AS actores,
  COLLECT { UNWIND coalesce(a.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY action_id
