// ---
// name: gap_sin_rector
// title: {es: "Acciones sin ente rector", en: "Actions without a lead"}
// description:
//   es: "Acciones sin ningún actor que las lidere (LEADS). "
//   en: "Actions no actor leads (LEADS)."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [action_id, titulo, estado, eje, articuladores, sources]
// twin: tejido.queries.gaps.sin_rector:sin_rector_rows
// ---
MATCH (a:Action)
WHERE NOT EXISTS { (a)<-[:LEADS]-(:Actor) }
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
RETURN a.id AS action_id, a.titulo AS titulo, a.estado AS estado,
  a.eje AS eje,
  COUNT { (a)<-[:ARTICULATES]-(:Actor) } AS articuladores,
  COLLECT { UNWIND coalesce(a.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY action_id
