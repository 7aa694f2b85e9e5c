// ---
// name: gap_coordinacion_faltante
// title: {es: "Coordinación faltante", en: "Missing coordination"}
// description:
//   es: "Pares de actores activos (rector o articulador) en el mismo eje y territorio por acciones distintas, sin acción compartida ni relación directa. Se agrupa por contexto (eje, territorio) y solo se emparejan actores dentro de un contexto."
//   en: "Pairs of actors active (lead or articulator) on the same eje and territory through different actions, sharing no action and no direct tie. Actors are grouped by (eje, territory) context and paired only within a context."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [actor_a, nombre_a, actor_b, nombre_b, contextos, puentes, sources]
// twin: tejido.queries.gap_rows:coordinacion_faltante
// ---
MATCH (x:Actor)-[p:LEADS|ARTICULATES]->(a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
MATCH (a)-[:TARGETS]->(t:Territory)
WHERE $territorio IS NULL OR EXISTS { MATCH (t)-[:PART_OF*0..]->(s:Territory) WHERE s.id = $territorio }
// One row per context member: the join on (eje, territory).
WITH e, t, x, collect(DISTINCT p) AS ps
WITH e, t, x, reduce(acc = [], r IN ps | acc + coalesce(r.sources, [])) AS xs
WITH e, t, collect({actor: x, sources: xs}) AS members
UNWIND members AS m1
UNWIND members AS m2
WITH e, t, m1, m2 WHERE m1.actor.id < m2.actor.id
WITH m1.actor AS x1, m2.actor AS x2,
     collect(DISTINCT {eje_id: e.id, eje: e.name, territorio_id: t.id, territorio: t.name}) AS ctx,
     collect(m1.sources + m2.sources) AS srcs
WHERE NOT EXISTS { (x1)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(x2) }
  AND NOT EXISTS { (x1)-[:RELATES]-(x2) }
WITH x1, x2, ctx, srcs,
  COLLECT { MATCH (x1)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(z:Actor) RETURN z
            UNION MATCH (x1)-[:RELATES]-(z:Actor) RETURN z } AS n1,
  COLLECT { MATCH (x2)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(z:Actor) RETURN z
            UNION MATCH (x2)-[:RELATES]-(z:Actor) RETURN z } AS n2
RETURN x1.id AS actor_a, x1.name AS nombre_a, x2.id AS actor_b, x2.name AS nombre_b,
  COLLECT { UNWIND ctx AS c RETURN c ORDER BY c.eje_id, c.territorio_id } AS contextos,
  COLLECT { UNWIND n1 AS z WITH z WHERE z IN n2 AND z <> x1 AND z <> x2
            RETURN {id: z.id, nombre: z.name} AS b ORDER BY b.id } AS puentes,
  COLLECT { UNWIND srcs AS l UNWIND l AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY actor_a, actor_b
