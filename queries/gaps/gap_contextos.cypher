// ---
// name: gap_contextos
// title: {es: "Actores por contexto (eje, territorio)", en: "Actors per (eje, territory) context"}
// description:
//   es: "Cada actor activo (rector o articulador) en cada contexto (eje, territorio), con las filas de origen de su participación. Fuente de la procedencia de la coordinación faltante."
//   en: "Each actor active (lead or articulator) in each (eje, territory) context, with the source rows of its participation. Where missing coordination takes its provenance from."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [eje_id, territorio_id, actor_id, sources, printed]
// twin: tejido.queries.gaps.coordinacion_faltante:contextos_rows
// ---
MATCH (x:Actor)-[p:LEADS|ARTICULATES]->(a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
MATCH (a)-[:TARGETS]->(t:Territory)
WHERE $territorio IS NULL OR EXISTS { MATCH (t)-[:PART_OF*0..]->(s:Territory) WHERE s.id = $territorio }
WITH e, t, x, collect(p) AS ps
RETURN e.id AS eje_id, t.id AS territorio_id, x.id AS actor_id,
  COLLECT { UNWIND ps AS p UNWIND coalesce(p.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources,
  COLLECT { UNWIND ps AS p UNWIND coalesce(p.printed, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS printed
ORDER BY eje_id, territorio_id, actor_id
