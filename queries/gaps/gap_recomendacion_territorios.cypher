// ---
// name: gap_recomendacion_territorios
// title: {es: "Territorios y los que los contienen", en: "Territories and what contains them"}
// description:
//   es: "Cada territorio con su nombre y los territorios que lo contienen directamente (PART_OF): los vecinos de un territorio desatendido son los que comparten con él un contenedor."
//   en: "Each territory with its name and the territories directly containing it (PART_OF): a neglected territory's neighbours are those sharing a container with it."
// columns: [territorio_id, nombre, contenido_en]
// twin: tejido.queries.gaps.recommend_facts:territorios_rows
// ---
MATCH (t:Territory)
RETURN t.id AS territorio_id, t.name AS nombre,
  COLLECT { MATCH (t)-[:PART_OF]->(p:Territory) RETURN DISTINCT p.id AS v } AS contenido_en
ORDER BY territorio_id
