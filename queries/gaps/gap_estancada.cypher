// ---
// name: gap_estancada
// title: {es: "Acciones estancadas", en: "Stalled actions"}
// description:
//   es: "Acciones cuyo estado es suspendida o no_iniciada."
//   en: "Actions whose estado is suspendida or no_iniciada."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [action_id, titulo, estado, eje, rectores, sources]
// twin: tejido.queries.gaps.estancada:estancada_rows
// ---
MATCH (a:Action)
WHERE a.estado IN ['suspendida', 'no_iniciada']
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
RETURN a.id AS action_id, a.titulo AS titulo, a.estado AS estado,
  a.eje AS eje,
  COLLECT { MATCH (x:Actor)-[:LEADS]->(a) WITH DISTINCT x.name AS n WHERE n IS NOT NULL
            RETURN n ORDER BY n } AS rectores,
  COLLECT { UNWIND coalesce(a.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY action_id
