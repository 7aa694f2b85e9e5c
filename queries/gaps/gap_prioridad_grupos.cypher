// ---
// name: gap_prioridad_grupos
// title: {es: "Tamaño de los grupos interno/externo", en: "Sizes of the internal/external groups"}
// description:
//   es: "Cuántos actores con `interno` conocido tienen al menos un lazo en la red de actores (una acción compartida o una relación directa), por valor de `interno`: los tamaños de grupo con que Krackhardt y Stern (1988) calculan el índice E–I esperado al azar, base de la prioridad de los silos."
//   en: "How many actors with a known `interno` have at least one tie in the actor network (a shared action or a direct tie), per value of `interno`: the group sizes from which Krackhardt and Stern (1988) compute the E–I index expected by chance, the basis of the silos' priority."
// columns: [interno, actores]
// twin: tejido.queries.gaps.priority_rows:prioridad_grupos_rows
// ---
MATCH (x:Actor)
WHERE x.interno IS NOT NULL
  AND (EXISTS { MATCH (x)-[:LEADS|ARTICULATES]->(:Action)<-[:LEADS|ARTICULATES]-(y:Actor) WHERE y <> x }
       OR EXISTS { MATCH (x)-[:RELATES]-(y:Actor) WHERE y <> x })
RETURN x.interno AS interno, count(x) AS actores
ORDER BY interno
