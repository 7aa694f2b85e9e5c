// ---
// name: gap_cobertura
// title: {es: "Cobertura de campos por documento y tabla", en: "Field coverage per document and table"}
// description:
//   es: "Por documento, tabla, tipo de acción y campo (rector, articuladores, mecanismos, territorios, estado): sus acciones y cuántas tienen un dato declarado (una relación no derivada; un estado)."
//   en: "Per document, table, action tipo and field (lead, articulators, mechanisms, territories, estado): its actions and how many have a stated fact (a relationship that is not derived; an estado)."
// columns: [document, table, tipo, field, acciones, con_dato]
// twin: tejido.queries.gaps.coverage:coverage_rows
// ---
MATCH (a:Action)
UNWIND coalesce(a.sources, []) AS sid
MATCH (s:Source {id: sid})
WITH DISTINCT s.document AS document, s.table AS table, a
WITH document, table, a,
  EXISTS { MATCH (:Actor)-[r:LEADS]->(a) WHERE r.derived IS NULL } AS lead,
  EXISTS { MATCH (:Actor)-[r:ARTICULATES]->(a) WHERE r.derived IS NULL } AS articulators,
  EXISTS { MATCH (a)-[r:USES]->(:Mechanism) WHERE r.derived IS NULL } AS mechanisms,
  EXISTS { MATCH (a)-[r:TARGETS]->(:Territory) WHERE r.derived IS NULL } AS territories,
  a.estado IS NOT NULL AS estado
UNWIND [['lead', lead], ['articulators', articulators], ['mechanisms', mechanisms],
        ['territories', territories], ['estado', estado]] AS f
RETURN document, table, a.tipo AS tipo, f[0] AS field, count(a) AS acciones,
  sum(CASE WHEN f[1] THEN 1 ELSE 0 END) AS con_dato
ORDER BY document, table, tipo, field
