// ---
// name: gap_recomendacion_acciones
// title: {es: "Acciones y lo que sostiene sus recomendaciones", en: "Actions and what their recommendations rest on"}
// description:
//   es: "Cada acción con su eje (el eje que nombra su campo eje), sus territorios, sus rectores, articuladores y mecanismos declarados (relaciones no derivadas) y los actores nombrados responsables (RESPONSIBLE_FOR, no derivada) de un eje u objetivo que la contiene. De aquí salen los candidatos de la siguiente acción de cada brecha."
//   en: "Each action with its eje (the axis its eje field names), its territories, its stated leads, articulators and mechanisms (relationships that are not derived) and the actors named responsible (RESPONSIBLE_FOR, not derived) for an axis above it. The candidates of each gap's next step come from here."
// columns: [action_id, titulo, estado, ejes, territorios, rectores, articuladores, mecanismos, responsables]
// twin: tejido.queries.gaps.recommend_facts:acciones_rows
// ---
MATCH (a:Action)
RETURN a.id AS action_id, a.titulo AS titulo, a.estado AS estado,
  COLLECT { MATCH (a)-[:UNDER]->(e:Axis) WHERE e.name = a.eje
            RETURN DISTINCT {id: e.id, nombre: e.name} AS v } AS ejes,
  COLLECT { MATCH (a)-[:TARGETS]->(t:Territory) RETURN DISTINCT t.id AS v } AS territorios,
  COLLECT { MATCH (x:Actor)-[r:LEADS]->(a) WHERE r.derived IS NULL RETURN DISTINCT x.id AS v } AS rectores,
  COLLECT { MATCH (x:Actor)-[r:ARTICULATES]->(a) WHERE r.derived IS NULL
            RETURN DISTINCT x.id AS v } AS articuladores,
  COLLECT { MATCH (a)-[r:USES]->(m:Mechanism) WHERE r.derived IS NULL
            RETURN DISTINCT {id: m.id, nombre: m.name, tipo: m.tipo} AS v } AS mecanismos,
  COLLECT { MATCH (a)-[:UNDER]->(:Axis)-[:PART_OF*0..]->(:Axis)<-[r:RESPONSIBLE_FOR]-(x:Actor)
            WHERE r.derived IS NULL RETURN DISTINCT x.id AS v } AS responsables
ORDER BY action_id
