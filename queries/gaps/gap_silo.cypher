// ---
// name: gap_silo
// title: {es: "Lazos internos y externos por actor", en: "Internal and external ties per actor"}
// description:
//   es: "Para cada actor con `interno` conocido y al menos un lazo: sus vecinos en la red de actores con el mismo valor de `interno` (internos) y con el otro (externos), y cuántos vecinos no tienen el dato. Base del índice E–I y de los silos."
//   en: "For each actor with a known `interno` and at least one tie: its actor-network neighbours with the same `interno` (internal), with the other value (external), and how many lack it. Basis of the E–I index and of silos."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [actor_id, nombre, interno, generico, internos, externos, sin_dato, sources, printed]
// twin: tejido.queries.gaps.silo:silo_rows
// ---
MATCH (x:Actor)
WHERE x.interno IS NOT NULL
CALL (x) {
  MATCH (x)-[p:LEADS|ARTICULATES]->(a:Action)<-[:LEADS|ARTICULATES]-(y:Actor)
  WHERE y <> x
    AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
    AND ($territorio IS NULL OR $territorio IN COLLECT { MATCH (a)-[:TARGETS]->(:Territory)-[:PART_OF*0..]->(s:Territory) RETURN s.id })
  RETURN y, coalesce(p.sources, []) AS ss, coalesce(p.printed, []) AS pp
  UNION
  MATCH (x)-[r:RELATES]-(y:Actor)
  WHERE y <> x AND $eje IS NULL AND $territorio IS NULL
  RETURN y, coalesce(r.sources, []) AS ss, coalesce(r.printed, []) AS pp
}
WITH x, collect(DISTINCT y) AS ys, collect(ss) AS srcs, collect(pp) AS prts
WITH x, srcs, prts, [y IN ys WHERE y.interno IS NOT NULL] AS known, size(ys) AS total
RETURN x.id AS actor_id, x.name AS nombre, x.interno AS interno,
  coalesce(x.generico, false) AS generico,
  COLLECT { UNWIND known AS y WITH y WHERE y.interno = x.interno
            RETURN {id: y.id, nombre: y.name} AS m ORDER BY m.id } AS internos,
  COLLECT { UNWIND known AS y WITH y WHERE y.interno <> x.interno
            RETURN {id: y.id, nombre: y.name} AS m ORDER BY m.id } AS externos,
  total - size(known) AS sin_dato,
  // Sorted first, then made distinct: with DISTINCT first and ORDER BY after, these two
  // subqueries ran out of the transaction memory limit (1.4 GiB with a 2 GB heap) on the
  // national portfolio of 40 000 actions (bench/bench_neo4j_national.py); this order ran.
  COLLECT { UNWIND srcs AS l UNWIND l AS s WITH s ORDER BY s RETURN DISTINCT s } AS sources,
  COLLECT { UNWIND prts AS l UNWIND l AS s WITH s ORDER BY s RETURN DISTINCT s } AS printed
ORDER BY actor_id
