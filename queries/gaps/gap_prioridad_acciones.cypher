// ---
// name: gap_prioridad_acciones
// title: {es: "Acciones para la prioridad", en: "Actions for the priority"}
// description:
//   es: "Cada acción con su estado, su eje (el eje que nombra su campo eje), los territorios a los que apunta y los actores que participan en ella (rector o articulador). De estas filas salen en Python la actividad de cada actor, eje y contexto (eje, territorio) ponderada por estado y los tamaños del modelo nulo hipergeométrico de la prioridad (docs/priority.md)."
//   en: "Each action with its estado, its eje (the axis its eje field names), the territories it targets and the actors taking part (lead or articulator). From these rows Python computes each actor's, eje's and (eje, territory) context's activity weighted by estado and the sizes of the priority's hypergeometric null model (docs/priority.md)."
// columns: [action_id, estado, ejes, territorios, actores]
// twin: tejido.queries.gaps.priority_rows:prioridad_acciones_rows
// ---
MATCH (a:Action)
RETURN a.id AS action_id, a.estado AS estado,
  COLLECT { MATCH (a)-[:UNDER]->(e:Axis) WHERE e.name = a.eje
            WITH DISTINCT e.id AS id RETURN id ORDER BY id } AS ejes,
  COLLECT { MATCH (a)-[:TARGETS]->(t:Territory)
            WITH DISTINCT t.id AS id RETURN id ORDER BY id } AS territorios,
  COLLECT { MATCH (x:Actor)-[:LEADS|ARTICULATES]->(a)
            WITH DISTINCT x.id AS id RETURN id ORDER BY id } AS actores
ORDER BY action_id
