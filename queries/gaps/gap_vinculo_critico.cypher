// ---
// name: gap_vinculo_critico
// title: {es: "Vínculos de la red de actores y lo que los sostiene", en: "Ties of the actor network and what carries them"}
// description:
//   es: "Aristas de la red de actores (como gap_punto_critico) con lo que sostiene cada vínculo: las acciones (en el alcance) en que ambos participan, los mecanismos que esas acciones usan y, sin filtros, los tipos y mecanismos de sus relaciones RELATES; con las filas de origen e impresas. Los puentes (vínculos críticos) se calculan sobre esta proyección."
//   en: "Edges of the actor network (as gap_punto_critico) with what carries each tie: the (in-scope) actions both take part in, the mechanisms those actions use and, without filters, the tipos and mechanisms of their RELATES ties; with their source and printed rows. Bridges (critical ties) are computed on this projection."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [actor_a, nombre_a, generico_a, actor_b, nombre_b, generico_b, acciones, mecanismos, relaciones, sources, printed]
// twin: tejido.queries.gaps.vinculo_critico:vinculo_critico_rows
// ---
CALL () {
  MATCH (x:Actor)-[p:LEADS|ARTICULATES]->(a:Action)<-[q:LEADS|ARTICULATES]-(y:Actor)
  WHERE x.id < y.id
    AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
    AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
  RETURN x, y, a, null AS r, coalesce(p.sources, []) + coalesce(q.sources, []) AS ss,
    coalesce(p.printed, []) + coalesce(q.printed, []) AS pp
  UNION ALL
  MATCH (x:Actor)-[r:RELATES]-(y:Actor)
  WHERE x.id < y.id AND $eje IS NULL AND $territorio IS NULL
  RETURN x, y, null AS a, r, coalesce(r.sources, []) AS ss, coalesce(r.printed, []) AS pp
}
WITH x, y, collect(DISTINCT a) AS acts, collect(DISTINCT r) AS rels, collect(ss) AS srcs,
  collect(pp) AS prts
WITH x, y, acts, rels, srcs, prts,
  COLLECT { UNWIND acts AS a MATCH (a)-[:USES]->(m:Mechanism) RETURN m.name AS n }
    + [r IN rels | r.mecanismo] AS mechs
RETURN x.id AS actor_a, x.name AS nombre_a, coalesce(x.generico, false) AS generico_a,
  y.id AS actor_b, y.name AS nombre_b, coalesce(y.generico, false) AS generico_b,
  COLLECT { UNWIND acts AS a RETURN {id: a.id, titulo: a.titulo} AS v ORDER BY a.id } AS acciones,
  COLLECT { UNWIND mechs AS n WITH DISTINCT n WHERE n IS NOT NULL RETURN n ORDER BY n } AS mecanismos,
  COLLECT { UNWIND rels AS r WITH DISTINCT r.tipo AS v WHERE v IS NOT NULL RETURN v ORDER BY v } AS relaciones,
  COLLECT { UNWIND srcs AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources,
  COLLECT { UNWIND prts AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS printed
ORDER BY actor_a, actor_b
