// ---
// name: gap_sin_articuladores
// title: {es: "Acciones con rector y sin articuladores", en: "Actions with a lead and no articulators"}
// description:
//   es: "Acciones con ente rector y sin ningún articulador distinto de sus rectores."
//   en: "Actions with a lead and no articulator other than their own leads."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [action_id, titulo, estado, eje, rectores, sources]
// twin: tejido.queries.gaps.sin_articuladores:sin_articuladores_rows
// ---
MATCH (a:Action)
WHERE EXISTS { (a)<-[:LEADS]-(:Actor) }
  AND NOT EXISTS { MATCH (a)<-[:ARTICULATES]-(x:Actor) WHERE NOT (x)-[:LEADS]->(a) }
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
RETURN a.id AS action_id, a.titulo AS titulo, a.estado AS estado,
  a.eje AS eje,
  COLLECT { MATCH (x:Actor)-[:LEADS]->(a) WITH DISTINCT x.name AS n WHERE n IS NOT NULL
            RETURN n ORDER BY n } AS rectores,
  COLLECT { UNWIND coalesce(a.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY action_id
