// ---
// name: gap_punto_critico_rector
// title: {es: "Rectores que concentran un eje", en: "Leads concentrating an eje"}
// description:
//   es: "Actores que lideran al menos la mitad de las acciones de un eje con al menos 3 acciones (en el alcance)."
//   en: "Actors leading at least half of the (in-scope) actions of an eje with at least 3 actions."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [eje_id, eje, actor_id, nombre, generico, lidera, acciones, sources, printed]
// twin: tejido.queries.gaps.punto_critico:punto_critico_rector_rows
// ---
MATCH (a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
WITH DISTINCT e, a
WITH e, collect(a) AS acts
WHERE size(acts) >= 3
UNWIND acts AS a
MATCH (x:Actor)-[l:LEADS]->(a)
WITH e, size(acts) AS acciones, x, count(DISTINCT a) AS lidera, collect(coalesce(l.sources, [])) AS srcs,
  collect(coalesce(l.printed, [])) AS prts
WHERE 2 * lidera >= acciones
RETURN e.id AS eje_id, e.name AS eje, x.id AS actor_id, x.name AS nombre,
  coalesce(x.generico, false) AS generico, lidera, acciones,
  COLLECT { UNWIND srcs AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources,
  COLLECT { UNWIND prts AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS printed
ORDER BY eje_id, actor_id
