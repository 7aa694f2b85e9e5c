// ---
// name: successions
// title: {es: "Instituciones renombradas", en: "Renamed institutions"}
// description:
//   es: "Cada par (sucesor, predecesor) de una relación SUCCEEDS: una secretaría que reemplazó a otra. La red de actores los trata como una sola institución salvo que se pida lo contrario."
//   en: "Every (successor, predecessor) pair of a SUCCEEDS relationship: a secretaría that replaced another. The actor network treats them as one institution unless asked otherwise."
// columns: [sucesor, predecesor]
// twin: tejido.queries.institutions:successions_rows
// ---
MATCH (s:Actor)-[:SUCCEEDS]->(p:Actor)
RETURN s.id AS sucesor, p.id AS predecesor
ORDER BY sucesor, predecesor
