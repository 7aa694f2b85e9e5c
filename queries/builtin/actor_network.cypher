// ---
// name: actor_network
// title: {es: "Red de actores", en: "Actor network"}
// description:
//   es: >-
//     Pares de actores que participan (como rector o articulador) en las mismas acciones,
//     más sus relaciones directas. weight = acciones compartidas + cada relación directa
//     (su peso, o 1). Un par por fila, a < b.
//   en: >-
//     Pairs of actors taking part (as lead or articulator) in the same actions, plus their
//     direct ties. weight = shared actions + each direct tie (its peso, or 1). One pair per
//     row, a < b.
// columns: [a, b, weight, actions, relates]
// twin: tejido.queries.network:actor_network_rows
// ---
// Pairs are found by joining through each action's participants, never by pairing all actors.
CALL () {
  MATCH (x:Actor)-[:LEADS|ARTICULATES]->(act:Action)<-[:LEADS|ARTICULATES]-(y:Actor)
  WHERE x.id < y.id
  // An actor that both leads and articulates an action takes part once.
  WITH DISTINCT x, y, act
  RETURN x.id AS a, y.id AS b, count(act) AS weight, collect(act.id) AS actions, [] AS relates
  UNION ALL
  MATCH (x:Actor)-[r:RELATES]-(y:Actor)
  WHERE x.id < y.id
  RETURN x.id AS a, y.id AS b, sum(coalesce(r.peso, 1)) AS weight, [] AS actions,
         collect(r.tipo) AS relates
}
WITH a, b, sum(weight) AS weight, collect(actions) AS action_lists, collect(relates) AS tie_lists
RETURN a, b, weight,
       reduce(acc = [], l IN action_lists | acc + l) AS actions,
       reduce(acc = [], l IN tie_lists | acc + l) AS relates
ORDER BY a, b
