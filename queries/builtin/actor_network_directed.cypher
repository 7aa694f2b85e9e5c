// ---
// name: actor_network_directed
// title: {es: "Red dirigida rector → articulador", en: "Directed lead → articulator network"}
// description:
//   es: >-
//     Un vínculo de cada ente rector hacia cada articulador de las acciones que lidera, más
//     las relaciones directas en su sentido (origen → destino). weight = acciones + relaciones
//     (su peso, o 1).
//   en: >-
//     A link from each lead to each articulator of the actions it leads, plus the direct
//     ties in their direction (origin → target). weight = actions + ties (peso, or 1).
// columns: [a, b, weight, actions, relates]
// twin: tejido.queries.network:actor_network_directed_rows
// ---
CALL () {
  MATCH (x:Actor)-[:LEADS]->(act:Action)<-[:ARTICULATES]-(y:Actor)
  WHERE x <> y
  RETURN x.id AS a, y.id AS b, count(act) AS weight, collect(act.id) AS actions, [] AS relates
  UNION ALL
  MATCH (x:Actor)-[r:RELATES]->(y:Actor)
  WHERE x <> y
  RETURN x.id AS a, y.id AS b, sum(coalesce(r.peso, 1)) AS weight, [] AS actions,
         collect(r.tipo) AS relates
}
WITH a, b, sum(weight) AS weight, collect(actions) AS action_lists, collect(relates) AS tie_lists
RETURN a, b, weight,
       reduce(acc = [], l IN action_lists | acc + l) AS actions,
       reduce(acc = [], l IN tie_lists | acc + l) AS relates
ORDER BY a, b
