// ---
// name: gap_coordinacion_faltante
// title: {es: "Coordinación faltante", en: "Missing coordination"}
// description:
//   es: "Pares de actores activos (rector o articulador) en el mismo eje y territorio por acciones distintas, sin acción compartida ni relación directa, con los contextos (eje, territorio) que comparten. Se agrupa por contexto y solo se emparejan actores dentro de un contexto. Nunca entra un actor genérico (una categoría, no una institución) ni un par unido por SUCCEEDS (una institución renombrada y su predecesora). Los actores puente y las filas de origen se añaden en Python (red de actores y gap_contextos)."
//   en: "Pairs of actors active (lead or articulator) on the same eje and territory through different actions, sharing no action and no direct tie, with the (eje, territory) contexts they share. Actors are grouped by context and paired only within a context. A generic actor (a category, not one institution) never enters, nor does a pair joined by SUCCEEDS (a renamed institution and its predecessor). Bridging actors and source rows are added in Python (actor network and gap_contextos)."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [actor_a, nombre_a, actor_b, nombre_b, contextos]
// twin: tejido.queries.gaps.coordinacion_faltante:coordinacion_faltante_rows
// ---
// The join: actors grouped by (eje, territory) context, paired only inside a context;
// the pairs already tied (a shared action anywhere, a RELATES tie, or a SUCCEEDS one: a
// renamed institution and its predecessor are one institution) come in the same stream
// and are dropped by the aggregation (an anti-join by grouping), never by a pattern
// checked per pair, which cost a walk over each pair's actions (hubs: thousands).
CALL () {
  MATCH (x:Actor)-[:LEADS|ARTICULATES]->(a:Action)-[:UNDER]->(e:Axis)
  WHERE e.name = a.eje AND NOT coalesce(x.generico, false)
    AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
  MATCH (a)-[:TARGETS]->(t:Territory)
  WHERE $territorio IS NULL OR EXISTS { MATCH (t)-[:PART_OF*0..]->(s:Territory) WHERE s.id = $territorio }
  WITH e, t, collect(DISTINCT x) AS members
  UNWIND members AS x1
  UNWIND members AS x2
  WITH e, t, x1, x2 WHERE x1.id < x2.id
  // Node references, not maps: the aggregation stays small on large portfolios.
  RETURN x1, x2, [e, t] AS c
  UNION ALL
  MATCH (x1:Actor)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(x2:Actor)
  WHERE x1.id < x2.id
  RETURN DISTINCT x1, x2, null AS c
  UNION ALL
  MATCH (x1:Actor)-[:RELATES|SUCCEEDS]-(x2:Actor)
  WHERE x1.id < x2.id
  RETURN DISTINCT x1, x2, null AS c
}
WITH x1, x2, collect(c) AS ctx, count(*) - count(c) AS ties
WHERE ties = 0
RETURN x1.id AS actor_a, x1.name AS nombre_a, x2.id AS actor_b, x2.name AS nombre_b,
  COLLECT { UNWIND ctx AS c
            RETURN {eje_id: c[0].id, eje: c[0].name, territorio_id: c[1].id,
                    territorio: c[1].name} AS m ORDER BY m.eje_id, m.territorio_id } AS contextos
ORDER BY actor_a, actor_b
