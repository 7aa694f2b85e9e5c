// ---
// name: gap_responsables
// title: {es: "Actores que los documentos nombran responsables", en: "Actors the documents name as responsible"}
// description:
//   es: "Actores que una tabla de ejes nombra como responsables (`responsables` del eje u objetivo), con los ejes que los nombran. El informe de brechas muestra su índice E–I."
//   en: "Actors an axes table names as responsible (the axis's `responsables`), with the axes naming them. The gap report shows their E–I index."
// columns: [actor_id, nombre, interno, notas, responsable_de]
// twin: tejido.queries.gaps.ei:responsables_rows
// ---
MATCH (ax:Axis)
WHERE ax.responsables IS NOT NULL
UNWIND ax.responsables AS rid
MATCH (x:Actor {id: rid})
WITH x, collect(DISTINCT ax.name) AS names
RETURN x.id AS actor_id, x.name AS nombre, x.interno AS interno, x.notas AS notas,
  COLLECT { UNWIND names AS n WITH n WHERE n IS NOT NULL RETURN n ORDER BY n } AS responsable_de
ORDER BY actor_id
