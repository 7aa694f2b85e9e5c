// ---
// name: gap_ei_por_eje
// title: {es: "Lazos internos y externos por eje", en: "Internal and external ties per eje"}
// description:
//   es: "Para cada eje (el eje que nombra cada acción): actores que participan en sus acciones, lazos (pares de actores que comparten una de sus acciones) y cuántos son internos (mismo `interno`) o externos. Base del E–I y la densidad por eje."
//   en: "For each eje (the one each action names): actors taking part in its actions, ties (actor pairs sharing one of its actions) and how many are internal (same `interno`) or external. Basis of E–I and density per eje."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [eje_id, eje, actores, lazos, internos, externos]
// twin: tejido.queries.gaps.ei:ei_por_eje_rows
// ---
MATCH (a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
WITH DISTINCT e, a
WITH e, collect(a) AS acts
CALL (acts) {
  UNWIND acts AS a
  MATCH (x:Actor)-[:LEADS|ARTICULATES]->(a)<-[:LEADS|ARTICULATES]-(y:Actor)
  WHERE x.id < y.id
  WITH DISTINCT x, y
  RETURN count(*) AS lazos,
    sum(CASE WHEN x.interno = y.interno THEN 1 ELSE 0 END) AS internos,
    sum(CASE WHEN x.interno <> y.interno THEN 1 ELSE 0 END) AS externos
}
RETURN e.id AS eje_id, e.name AS eje,
  COUNT { UNWIND acts AS a MATCH (x:Actor)-[:LEADS|ARTICULATES]->(a) RETURN DISTINCT x } AS actores,
  lazos, internos, externos
ORDER BY eje_id
