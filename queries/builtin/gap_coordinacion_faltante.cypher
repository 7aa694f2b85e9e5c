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
MATCH (x:Actor)-[:LEADS|ARTICULATES]->(a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
MATCH (a)-[:TARGETS]->(t:Territory)
WHERE $territorio IS NULL OR EXISTS { MATCH (t)-[:PART_OF*0..]->(s:Territory) WHERE s.id = $territorio }
// The join: actors grouped by (eje, territory) context, paired only inside a context.
WITH e, t, collect(DISTINCT x) AS members
UNWIND members AS x1
UNWIND members AS x2
WITH e, t, x1, x2 WHERE x1.id < x2.id
  AND NOT EXISTS { (x1)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(x2) }
  AND NOT EXISTS { (x1)-[:RELATES]-(x2) }
WITH x1, x2, collect({eje_id: e.id, eje: e.name, territorio_id: t.id, territorio: t.name}) AS ctx
WITH x1, x2, ctx,
  // Common neighbours in the actor network (shared action or RELATES).
  COLLECT {
    MATCH (x1)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(z:Actor) RETURN z
    UNION MATCH (x1)-[:RELATES]-(z:Actor) RETURN z
  } AS n1,
  COLLECT {
    MATCH (x2)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(z:Actor) RETURN z
    UNION MATCH (x2)-[:RELATES]-(z:Actor) RETURN z
  } AS n2,
  // Provenance: the rows putting either actor in the shared contexts.
  COLLECT {
    UNWIND ctx AS c
    UNWIND [x1, x2] AS x
    MATCH (x)-[p:LEADS|ARTICULATES]->(a:Action)-[:UNDER]->(e:Axis {id: c.eje_id})
    WHERE e.name = a.eje AND EXISTS { (a)-[:TARGETS]->(:Territory {id: c.territorio_id}) }
      AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
    UNWIND coalesce(p.sources, []) AS s
    WITH DISTINCT s RETURN s ORDER BY s
  } AS sources
RETURN x1.id AS actor_a, x1.name AS nombre_a, x2.id AS actor_b, x2.name AS nombre_b,
  COLLECT { UNWIND ctx AS c RETURN c ORDER BY c.eje_id, c.territorio_id } AS contextos,
  COLLECT { UNWIND n1 AS z WITH z WHERE z IN n2 AND z <> x1 AND z <> x2
            RETURN {id: z.id, nombre: z.name} AS b ORDER BY b.id } AS puentes,
  sources
ORDER BY actor_a, actor_b
