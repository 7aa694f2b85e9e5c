// ---
// name: gap_contexto_fragmentado
// title: {es: "Contextos (eje, territorio) y sus acciones", en: "(eje, territory) contexts and their actions"}
// description:
//   es: "Cada contexto (eje, territorio): las acciones cuyo eje es ese eje y que se dirigen a ese territorio, con los nombres del eje y del territorio. Los actores de cada contexto vienen de gap_contextos; sus grupos (componentes de la red de actores restringida al contexto) se calculan en Python."
//   en: "Each (eje, territory) context: the actions whose eje is that eje and that target that territory, with the eje's and the territory's names. Each context's actors come from gap_contextos; their groups (components of the actor network restricted to the context) are computed in Python."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [eje_id, eje, territorio_id, territorio, acciones]
// twin: tejido.queries.gaps.contexto_fragmentado:contexto_fragmentado_rows
// ---
MATCH (a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
MATCH (a)-[:TARGETS]->(t:Territory)
WHERE $territorio IS NULL OR EXISTS { MATCH (t)-[:PART_OF*0..]->(s:Territory) WHERE s.id = $territorio }
WITH e, t, count(DISTINCT a) AS acciones
RETURN e.id AS eje_id, e.name AS eje, t.id AS territorio_id, t.name AS territorio, acciones
ORDER BY eje_id, territorio_id
