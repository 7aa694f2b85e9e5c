// ---
// name: gap_derivados
// title: {es: "Relaciones derivadas", en: "Derived relationships"}
// description:
//   es: "Relaciones que ninguna celda declara: las construyó una regla del conjunto de datos (derived), con sus filas de origen."
//   en: "Relationships no cell states: a rule of the dataset constructed them (derived), with the rows they apply to."
// columns: [origen, destino, relacion, regla, sources]
// twin: tejido.queries.gaps.status:derived_rows
// ---
MATCH (x)-[r]->(y)
WHERE r.derived IS NOT NULL
RETURN x.id AS origen, y.id AS destino, type(r) AS relacion, r.derived AS regla,
  COLLECT { UNWIND coalesce(r.sources, []) AS s WITH DISTINCT s RETURN s ORDER BY s } AS sources
ORDER BY origen, destino, relacion, regla
