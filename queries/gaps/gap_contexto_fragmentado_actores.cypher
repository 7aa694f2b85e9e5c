// ---
// name: gap_contexto_fragmentado_actores
// title: {es: "Actores activos, genéricos y sucesiones", en: "Active actors, generic ones and successions"}
// description:
//   es: "Cada actor que lidera o articula alguna acción: su nombre, si es genérico (una categoría, no una institución) y los actores a los que une una sucesión (SUCCEEDS, en cualquier sentido: una institución renombrada y su predecesora). Para los contextos fragmentados."
//   en: "Each actor leading or articulating some action: its name, whether it is generic (a category, not one institution) and the actors a succession joins it to (SUCCEEDS, either direction: a renamed institution and its predecessor). For fragmented contexts."
// columns: [actor_id, nombre, generico, sucede]
// twin: tejido.queries.gaps.contexto_fragmentado:actores_rows
// ---
MATCH (x:Actor)
WHERE EXISTS { (x)-[:LEADS|ARTICULATES]->(:Action) }
RETURN x.id AS actor_id, x.name AS nombre, coalesce(x.generico, false) AS generico,
  COLLECT { MATCH (x)-[:SUCCEEDS]-(y:Actor) WHERE y.id <> x.id
            WITH DISTINCT y RETURN y.id ORDER BY y.id } AS sucede
ORDER BY actor_id
