// ---
// name: gap_punto_critico
// title: {es: "Red de actores (para puntos de articulación)", en: "Actor network (for articulation points)"}
// description:
//   es: "Aristas de la red de actores: pares que comparten una acción (en el alcance) o, sin filtros, una relación RELATES; con las filas de origen y, para celdas combinadas, las filas donde están impresas. Los puntos de articulación se calculan sobre esta proyección."
//   en: "Edges of the actor network: pairs sharing an (in-scope) action or, without filters, a RELATES tie; with their source rows and, for merged cells, the rows that print them. Articulation points are computed on this projection."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [actor_a, nombre_a, generico_a, actor_b, nombre_b, generico_b, sources, printed]
// twin: tejido.queries.gaps.punto_critico:punto_critico_rows
// ---
CALL () {
  MATCH (x:Actor)-[p:LEADS|ARTICULATES]->(a:Action)<-[q:LEADS|ARTICULATES]-(y:Actor)
  WHERE x.id < y.id
    AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
    AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
  RETURN x, y, coalesce(p.sources, []) + coalesce(q.sources, []) AS ss,
    coalesce(p.printed, []) + coalesce(q.printed, []) AS pp
  UNION ALL
  MATCH (x:Actor)-[r:RELATES]-(y:Actor)
  WHERE x.id < y.id AND $eje IS NULL AND $territorio IS NULL
  RETURN x, y, coalesce(r.sources, []) AS ss, coalesce(r.printed, []) AS pp
}
WITH x, y, collect(ss) AS srcs, collect(pp) AS prts
RETURN x.id AS actor_a, x.name AS nombre_a, coalesce(x.generico, false) AS generico_a,
  y.id AS actor_b, y.name AS nombre_b, coalesce(y.generico, false) AS generico_b,
  COLLECT { UNWIND srcs AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources,
  COLLECT { UNWIND prts AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS printed
ORDER BY actor_a, actor_b
