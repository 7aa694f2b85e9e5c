// ---
// name: gap_prioridad_documentos
// title: {es: "Autoridad de los documentos", en: "Authority of the documents"}
// description:
//   es: "Cada documento declarado (nodo Document) con su título y su autoridad (plan_adoptado, informe_institucional, programa, propuesta o sin_declarar). Un documento que no aparece aquí, o sin autoridad, cuenta como sin_declarar en la prioridad."
//   en: "Each declared document (Document node) with its title and its authority (plan_adoptado, informe_institucional, programa, propuesta or sin_declarar). A document missing here, or without an authority, counts as sin_declarar in the priority."
// columns: [document, titulo, autoridad]
// twin: tejido.queries.gaps.priority_rows:prioridad_documentos_rows
// ---
MATCH (d:Document)
RETURN d.id AS document, d.title AS titulo, d.autoridad AS autoridad
ORDER BY document
