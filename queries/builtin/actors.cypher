// ---
// name: actors
// title: {es: "Actores", en: "Actors"}
// description:
//   es: "Cada actor con su tipo, nivel de gobierno y si es interno al gobierno que ejecuta el plan."
//   en: "Every actor with its type, level of government and whether it belongs to the government running the plan."
// columns: [id, nombre, tipo, nivel, interno]
// twin: tejido.queries.network:actors_rows
// ---
MATCH (x:Actor)
RETURN x.id AS id, x.name AS nombre, x.tipo AS tipo, x.nivel AS nivel, x.interno AS interno
ORDER BY id
