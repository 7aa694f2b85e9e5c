// ---
// name: gap_territorio_desatendido
// title: {es: "Territorios desatendidos por eje", en: "Territories an eje leaves out"}
// description:
//   es: "Pares (eje, territorio) sin ninguna acción del eje, cuando el eje sí tiene acciones en otros territorios. Territorios candidatos: los que nombran las acciones de los mismos documentos fuente. Un territorio se da por atendido si una acción del eje lo nombra, nombra uno que lo contiene o uno contenido en él."
//   en: "(eje, territory) pairs with no action of the eje while the eje has actions in other territories. Candidate territories: those named by actions of the same source documents. A territory counts as reached when an action of the eje names it, one containing it or one inside it."
// parameters:
//   - {name: eje, type: string, default: null}
//   - {name: territorio, type: string, default: null}
// columns: [eje_id, eje, territorio_id, territorio, acciones_eje, cubiertos, universo, sources]
// twin: tejido.queries.gaps.territorio_desatendido:territorio_desatendido_rows
// ---
// Each document's territorial frame: the territories its actions name (TODOS is already
// expanded by the loaders to every territory of the dataset).
CALL () {
  MATCH (b:Action)-[:TARGETS]->(t:Territory)
  UNWIND coalesce(b.sources, []) AS sid
  MATCH (s:Source {id: sid})
  WITH s.document AS doc, collect(DISTINCT t) AS ts
  RETURN collect({doc: doc, ts: ts}) AS frames
}
MATCH (a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
  AND EXISTS { (a)-[:TARGETS]->(:Territory) }
  AND ($eje IS NULL OR EXISTS { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(s:Axis) WHERE s.id = $eje })
WITH DISTINCT frames, e, a
WITH frames, e, collect(a) AS acts
WITH frames, e, acts,
  COLLECT { UNWIND acts AS a UNWIND coalesce(a.sources, []) AS sid MATCH (s:Source {id: sid})
            RETURN DISTINCT s.document } AS docs,
  COLLECT { UNWIND acts AS a MATCH (a)-[:TARGETS]->(t:Territory) RETURN DISTINCT t } AS covered
WITH e, acts, covered,
  COLLECT { UNWIND frames AS f WITH f WHERE f.doc IN docs UNWIND f.ts AS t RETURN DISTINCT t } AS universe
UNWIND universe AS t
WITH e, acts, covered, universe, t
WHERE ($territorio IS NULL OR EXISTS { MATCH (t)-[:PART_OF*0..]->(s:Territory) WHERE s.id = $territorio })
  AND NOT EXISTS { MATCH (t)-[:PART_OF*0..]->(c:Territory) WHERE c IN covered }
  AND NOT EXISTS { MATCH (c:Territory)-[:PART_OF*1..]->(t) WHERE c IN covered }
RETURN e.id AS eje_id, e.name AS eje, t.id AS territorio_id, t.name AS territorio,
  size(acts) AS acciones_eje, size(covered) AS cubiertos, size(universe) AS universo,
  COLLECT { UNWIND acts AS a UNWIND coalesce(a.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY eje_id, territorio_id
