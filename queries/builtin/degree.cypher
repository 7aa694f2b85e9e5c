// ---
// name: degree
// title: {es: "Grado de cada actor", en: "Degree of each actor"}
// description:
//   es: >-
//     Con cuántos actores distintos trabaja cada actor en la red de actores (grado) y la suma
//     de los pesos de sus vínculos: acciones compartidas más relaciones directas (grado_ponderado).
//   en: >-
//     How many distinct actors each actor works with in the actor network (grado) and the
//     sum of its link weights: shared actions plus direct ties (grado_ponderado).
// columns: [id, nombre, grado, grado_ponderado]
// twin: tejido.queries.centrality:degree_rows
// ---
MATCH (x:Actor)
OPTIONAL MATCH (x)-[:LEADS|ARTICULATES]->(act:Action)<-[:LEADS|ARTICULATES]-(y:Actor)
WHERE y <> x
WITH DISTINCT x, act, y
WITH x, count(y) AS shared, collect(y.id) AS partners
OPTIONAL MATCH (x)-[r:RELATES]-(z:Actor)
WHERE z <> x
WITH x, shared, partners, collect(z.id) AS tied,
     sum(CASE WHEN r IS NULL THEN 0 ELSE coalesce(r.peso, 1) END) AS ties
CALL (partners, tied) {
  UNWIND partners + tied AS n
  RETURN count(DISTINCT n) AS grado
}
RETURN x.id AS id, x.name AS nombre, grado, shared + ties AS grado_ponderado
ORDER BY id
