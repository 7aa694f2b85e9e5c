// ---
// name: gap_contexto_fragmentado_eje
// title: {es: "Responsables y mecanismos de cada eje", en: "Each eje's responsible actors and mechanisms"}
// description:
//   es: "Cada eje de alguna acción: los actores responsables (RESPONSIBLE_FOR) del eje o de un eje que lo contiene, con la distancia en la jerarquía (0 = el propio eje), y los mecanismos que usan sus acciones, con su tipo y cuántas de sus acciones los usan. Para el convocante y los mecanismos de un contexto fragmentado."
//   en: "Each eje of some action: the actors responsible (RESPONSIBLE_FOR) for the eje or an axis containing it, with the distance up the hierarchy (0 = the eje itself), and the mechanisms its actions use, with their type and how many of its actions use them. For a fragmented context's convener and mechanisms."
// columns: [eje_id, rectores, mecanismos]
// twin: tejido.queries.gaps.contexto_fragmentado:eje_rows
// ---
MATCH (a:Action)-[:UNDER]->(e:Axis)
WHERE e.name = a.eje
WITH e, collect(DISTINCT a) AS acts
RETURN e.id AS eje_id,
  COLLECT { MATCH p = (e)-[:PART_OF*0..]->(s:Axis)
            MATCH (x:Actor)-[:RESPONSIBLE_FOR]->(s)
            WITH x, min(length(p)) AS d
            RETURN {id: x.id, nombre: x.name, generico: coalesce(x.generico, false),
                    distancia: d} } AS rectores,
  COLLECT { UNWIND acts AS a
            MATCH (a)-[:USES]->(m:Mechanism)
            WITH m, count(DISTINCT a) AS n
            RETURN {id: m.id, nombre: m.name, tipo: m.tipo, acciones: n} } AS mecanismos
ORDER BY eje_id
