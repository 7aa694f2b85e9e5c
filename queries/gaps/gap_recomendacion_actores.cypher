// ---
// name: gap_recomendacion_actores
// title: {es: "Actores que una recomendación puede nombrar", en: "Actors a recommendation may name"}
// description:
//   es: "Cada actor con su nombre, si es de la administración (interno), si es genérico o no resuelto (auto) —nunca se propone a esos— y los mecanismos que convoca (CONVENES no derivada)."
//   en: "Each actor with its name, whether it belongs to the administration (interno), whether it is generic or unresolved (auto) — those are never proposed — and the mechanisms it convenes (CONVENES, not derived)."
// columns: [actor_id, nombre, interno, generico, auto, convoca]
// twin: tejido.queries.gaps.recommend_facts:actores_rows
// ---
MATCH (x:Actor)
RETURN x.id AS actor_id, x.name AS nombre, x.interno AS interno,
  coalesce(x.generico, false) AS generico, coalesce(x.auto, false) AS auto,
  COLLECT { MATCH (x)-[r:CONVENES]->(m:Mechanism) WHERE r.derived IS NULL
            RETURN DISTINCT m.id AS v } AS convoca
ORDER BY actor_id
