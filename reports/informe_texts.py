"""The technical report's words (``tejido informe``): headings, captions and the methods
annex, in Spanish and English.

Kept apart from the code that gathers the data (:mod:`tejido.reports.informe_data`) so
the document's wording can be read and corrected in one place. The methods annex
restates, in the planner's language, what docs/gaps.md and docs/priority.md define.
"""

from __future__ import annotations

from tejido.graph.i18n import integer, register, t

register(
    {
        "inf.title": {"es": "Informe técnico de articulación interinstitucional",
                      "en": "Technical report on inter-institutional coordination"},
        "inf.subtitle": {
            "es": "Mapa de actores, brechas de coordinación y pasos siguientes",
            "en": "Actor map, coordination gaps and next steps"},
        "inf.no_institution": {"es": "Institución no indicada (use --institucion)",
                               "en": "Institution not given (use --institucion)"},
        "inf.sources": {"es": "Fuentes analizadas", "en": "Sources analysed"},
        "inf.source_line": {"es": "{title} — {autoridad}; {actions}",
                            "en": "{title} — {autoridad}; {actions}"},
        "inf.generated": {
            "es": "Elaborado con tejido a partir de los documentos citados. Cada hallazgo "
                  "remite a la tabla y fila de su fuente.",
            "en": "Prepared with tejido from the documents cited. Every finding points to "
                  "the table and row of its source."},
        "inf.page": {"es": "Página", "en": "Page"},
        "inf.contents": {"es": "Contenido", "en": "Contents"},
        # --- executive summary
        "inf.exec": {"es": "Resumen ejecutivo", "en": "Executive summary"},
        "inf.exec_lead": {
            "es": "Este informe analiza {documents} con {actors} actores y {actions} acciones. "
                  "Encuentra {gaps} brechas de coordinación y {pending} hallazgos que deben "
                  "confirmarse con una limpieza de datos antes de tratarlos como brechas.",
            "en": "This report analyses {documents} with {actors} actors and {actions} "
                  "actions. It finds {gaps} coordination gaps and {pending} findings to be "
                  "confirmed by data cleaning before they are treated as gaps."},
        "inf.n_documents.one": {"es": "1 documento", "en": "1 document"},
        "inf.n_documents.other": {"es": "{n} documentos", "en": "{n} documents"},
        "inf.h_actors": {"es": "actores", "en": "actors"},
        "inf.h_actions": {"es": "acciones", "en": "actions"},
        "inf.h_gaps": {"es": "brechas", "en": "gaps"},
        "inf.h_pending": {"es": "por confirmar", "en": "to confirm"},
        "inf.top_heading": {"es": "Qué atender primero", "en": "What to act on first"},
        "inf.step": {"es": "Siguiente paso", "en": "Next step"},
        "inf.priority": {"es": "prioridad {p}", "en": "priority {p}"},
        # --- charts
        "inf.charts": {"es": "Panorama", "en": "Overview"},
        "inf.charts_intro": {
            "es": "Los gráficos resumen los hallazgos; las cifras exactas y su evidencia están "
                  "en el informe de brechas (gaps.xlsx, gaps.html).",
            "en": "The charts summarise the findings; exact figures and their evidence are in "
                  "the gap report (gaps.xlsx, gaps.html)."},
        "inf.chart_kind": {"es": "Hallazgos por tipo", "en": "Findings by kind"},
        "inf.chart_kind_cap": {
            "es": "Hallazgos por tipo: brechas y hallazgos por confirmar (limpieza de datos).",
            "en": "Findings by kind: gaps and findings to confirm (data cleaning)."},
        "inf.chart_eje": {"es": "Brechas por eje", "en": "Gaps by eje"},
        "inf.chart_eje_cap": {
            "es": "Brechas por eje (los {n} ejes con más brechas; una brecha que toca varios "
                  "ejes cuenta en cada uno).",
            "en": "Gaps by eje (the {n} ejes with most gaps; a gap touching several ejes "
                  "counts in each)."},
        "inf.chart_ei": {"es": "Índice E–I de los actores responsables",
                         "en": "E–I index of the responsible actors"},
        "inf.chart_ei_cap": {
            "es": "Índice E–I de los actores que los documentos nombran responsables: −1, solo "
                  "lazos con su propio lado (administración o fuera de ella); +1, solo con el "
                  "otro. Lo que los documentos dicen de su propia coordinación está en el "
                  "anexo A.",
            "en": "E–I index of the actors the documents name responsible: −1, ties to their "
                  "own side only (administration or outside it); +1, to the other side only. "
                  "What the documents say of their own coordination is in annex A."},
        "inf.chart_central": {"es": "Actores más centrales", "en": "Most central actors"},
        "inf.chart_central_cap": {
            "es": "Los {n} actores con mayor intermediación: por ellos pasa la mayor parte de "
                  "los caminos más cortos entre otros actores.",
            "en": "The {n} actors with the highest betweenness: most shortest paths between "
                  "other actors run through them."},
        "inf.chart_coverage": {"es": "Cobertura de cada fuente", "en": "Coverage of each source"},
        "inf.chart_coverage_cap": {
            "es": "Porcentaje de acciones de cada fuente con el dato declarado. Un campo en 0 % "
                  "no se registra en esa fuente: sus hallazgos no se informan allí.",
            "en": "Share of each source's actions with the fact stated. A field at 0 % is not "
                  "recorded by that source: its findings are not reported there."},
        "inf.ei_internal": {"es": "solo lazos internos", "en": "internal ties only"},
        "inf.ei_external": {"es": "solo lazos externos", "en": "external ties only"},
        "inf.ei_stated": {"es": "el documento describe su coordinación",
                          "en": "the document describes its coordination"},
        "inf.gaps_axis": {"es": "brechas", "en": "gaps"},
        "inf.pending_axis": {"es": "por confirmar", "en": "to confirm"},
        "inf.betweenness": {"es": "intermediación", "en": "betweenness"},
        "inf.share_axis": {"es": "% de acciones con el dato", "en": "% of actions with the fact"},
        # --- the network map
        "inf.map": {"es": "Mapa de la red de actores", "en": "Map of the actor network"},
        "inf.map_title": {"es": "Red de actores — {date}", "en": "Actor network — {date}"},
        "inf.map_cap": {
            "es": "Red de actores: dos actores están unidos cuando participan en una misma "
                  "acción o un documento declara una relación entre ellos. El tamaño indica la "
                  "intermediación; el color, el tipo de actor; se rotulan los {n} más "
                  "centrales. {shown}",
            "en": "Actor network: two actors are tied when they take part in the same action "
                  "or a document states a tie between them. Size shows betweenness; colour, "
                  "the actor's type; the {n} most central are labelled. {shown}"},
        "inf.map_all": {"es": "Se dibujan los {n} actores con algún lazo y sus {m} lazos.",
                        "en": "The {n} actors with a tie and their {m} ties are drawn."},
        "inf.map_some": {
            "es": "Se dibujan los {n} actores más conectados de {total} (la red completa está "
                  "en map.html).",
            "en": "The {n} best-connected of {total} actors are drawn (the whole network is "
                  "in map.html)."},
        "inf.map_source": {"es": "Fuente: {sources}", "en": "Source: {sources}"},
        # --- ejes
        "inf.ejes": {"es": "Análisis por eje", "en": "Analysis by eje"},
        "inf.ejes_intro": {
            "es": "Cada eje, objetivo o programa de los documentos, con su red de actores y "
                  "sus brechas de mayor prioridad.",
            "en": "Each eje, objective or programme of the documents, with its actor network "
                  "and its highest-priority gaps."},
        "inf.eje_facts": {
            "es": "{actors}, {ties}; índice E–I {ei}; densidad {density}.",
            "en": "{actors}, {ties}; E–I index {ei}; density {density}."},
        "inf.eje_leads": {"es": "Lideran: {names}.", "en": "Led by: {names}."},
        "inf.eje_mechanisms": {"es": "Mecanismos usados: {names}.",
                               "en": "Mechanisms used: {names}."},
        "inf.eje_none": {"es": "Sin brechas en este eje.", "en": "No gaps in this eje."},
        "inf.eje_more.one": {"es": "… y 1 brecha más en el informe de brechas.",
                             "en": "… and 1 more gap in the gap report."},
        "inf.eje_more.other": {"es": "… y {n} brechas más en el informe de brechas.",
                               "en": "… and {n} more gaps in the gap report."},
        "inf.ejes_small.one": {
            "es": "1 eje más tiene menos de 3 actores y no se detalla: {names}.",
            "en": "1 more eje has fewer than 3 actors and is not detailed: {names}."},
        "inf.ejes_small.other": {
            "es": "{n} ejes más tienen menos de 3 actores y no se detallan: {names}.",
            "en": "{n} more ejes have fewer than 3 actors and are not detailed: {names}."},
        "inf.n_actors.one": {"es": "1 actor", "en": "1 actor"},
        "inf.n_actors.other": {"es": "{n} actores", "en": "{n} actors"},
        "inf.n_ties.one": {"es": "1 lazo", "en": "1 tie"},
        "inf.n_ties.other": {"es": "{n} lazos", "en": "{n} ties"},
        "inf.n_actions.one": {"es": "1 acción", "en": "1 action"},
        "inf.n_actions.other": {"es": "{n} acciones", "en": "{n} actions"},
        # --- profiles
        "inf.profiles": {"es": "Perfiles institucionales", "en": "Institutional profiles"},
        "inf.profiles_intro": {
            "es": "Los {n} actores más centrales y todo actor de una brecha del resumen "
                  "ejecutivo ({m} en total), por intermediación.",
            "en": "The {n} most central actors and every actor of a gap in the executive "
                  "summary ({m} in all), by betweenness."},
        "inf.p_leads": {"es": "Lidera", "en": "Leads"},
        "inf.p_articulates": {"es": "Articula", "en": "Articulates"},
        "inf.p_ties": {"es": "Lazos", "en": "Ties"},
        "inf.p_role": {"es": "Papel en la red", "en": "Role in the network"},
        "inf.p_gaps": {"es": "Brechas", "en": "Gaps"},
        "inf.p_ties_text": {"es": "{n}; los más frecuentes: {names}",
                            "en": "{n}; most frequent: {names}"},
        "inf.p_in_ejes": {"es": "{actions} en {ejes}", "en": "{actions} in {ejes}"},
        "inf.p_none": {"es": "ninguna", "en": "none"},
        "inf.p_rank": {"es": "n.º {rank} de {n} en intermediación ({value})",
                       "en": "no. {rank} of {n} by betweenness ({value})"},
        "inf.p_cut": {"es": "punto de articulación: si falta, la red se divide",
                      "en": "articulation point: without it the network splits"},
        "inf.p_broker": {"es": "intermediario {role} en {n} caminos",
                         "en": "{role} broker on {n} paths"},
        "inf.p_internal": {"es": "de la administración", "en": "in the administration"},
        "inf.p_external": {"es": "externo a la administración",
                           "en": "outside the administration"},
        # --- annexes
        "inf.annex_quality": {"es": "Anexo A. Calidad de los datos",
                              "en": "Annex A. Data quality"},
        "inf.q_not_recorded": {"es": "Lo que cada fuente no registra",
                               "en": "What each source does not record"},
        "inf.q_unresolved": {"es": "Nombres sin resolver y actores genéricos",
                             "en": "Unresolved names and generic actors"},
        "inf.q_unresolved_intro": {
            "es": "Nombres que los documentos citan sin declararlos como institución (sin "
                  "resolver) o que nombran una categoría y no una institución (genéricos). "
                  "Los hallazgos que descansan en ellos quedan por confirmar: {n}.",
            "en": "Names the documents cite without declaring them as an institution "
                  "(unresolved) or that name a category, not one institution (generic). "
                  "Findings resting on them are left to confirm: {n}."},
        "inf.q_name": {"es": "Nombre", "en": "Name"},
        "inf.q_kind": {"es": "Clase", "en": "Class"},
        "inf.q_actions": {"es": "Acciones", "en": "Actions"},
        "inf.q_auto": {"es": "sin resolver", "en": "unresolved"},
        "inf.q_generic": {"es": "genérico", "en": "generic"},
        "inf.q_stated": {"es": "Lo declarado frente a lo encontrado",
                         "en": "Stated versus found"},
        "inf.q_stated_intro": {
            "es": "Actores que los documentos nombran responsables: su índice E–I calculado "
                  "en la red, frente a lo que el registro y los documentos dicen de ellos.",
            "en": "Actors the documents name responsible: their E–I index computed on the "
                  "network, beside what the registry and the documents say of them."},
        "inf.q_said": {"es": "Lo que dicen las fuentes", "en": "What the sources say"},
        "inf.q_found": {"es": "Lectura del E–I", "en": "Reading of E–I"},
        "inf.none": {"es": "(ninguno)", "en": "(none)"},
        "inf.annex_methods": {"es": "Anexo B. Métodos", "en": "Annex B. Methods"},
        "inf.references": {"es": "Referencias", "en": "References"},
        "inf.kinds_heading": {"es": "Tipos de hallazgo", "en": "Kinds of finding"},
        "inf.unnamed_eje": {"es": "(sin eje)", "en": "(no eje)"},
    }
)

#: The methods annex: (heading, paragraphs) per section, by language. Definitions from
#: docs/gaps.md, the priority from docs/priority.md.
METHODS: dict[str, list[tuple[str, list[str]]]] = {
    "es": [
        ("Red de actores", [
            "Dos actores están unidos cuando participan (como ente rector o articulador) en "
            "una misma acción, o cuando un documento declara una relación directa entre "
            "ellos. El peso de un lazo es el número de acciones compartidas más las "
            "relaciones directas. Una institución renombrada y la que reemplazó cuentan como "
            "un solo actor.",
            "Intermediación (betweenness) normalizada: fracción de los caminos más cortos "
            "entre otros dos actores que pasan por el actor (Freeman, 1977). Punto de "
            "articulación: actor cuya salida divide la red. Restricción de Burt: cuánto "
            "dependen los contactos de un actor unos de otros; baja restricción significa "
            "acceso a grupos que no se hablan entre sí (Burt, 1992). Papeles de "
            "intermediación de Gould y Fernandez (1989) sobre la red dirigida rector → "
            "articulador.",
        ]),
        ("Índice E–I", [
            "E–I = (E − I) / (E + I), donde E son los lazos con actores del otro lado "
            "(internos o externos a la administración que ejecuta el plan) e I los lazos con "
            "el propio lado (Krackhardt y Stern, 1988). Vale +1 si solo hay lazos externos y "
            "−1 si solo hay internos. La densidad de un eje es lazos / pares posibles.",
        ]),
        ("Cobertura y estado de los hallazgos", [
            "Una fuente registra un campo (rector, articuladores, mecanismos, territorios, "
            "estado) cuando al menos una de sus acciones lo declara. Un dato que falta no es "
            "una coordinación que falta: los tipos de hallazgo que dependen de un campo no se "
            "informan para las fuentes que no lo registran; el anexo A lo dice una vez por "
            "fuente y campo.",
            "Un hallazgo es una brecha cuando todos sus hechos están declarados entre "
            "instituciones resueltas. Queda por confirmar cuando descansa en un actor "
            "genérico, en un nombre sin resolver o en un dato derivado por una regla, y "
            "entonces indica el paso de limpieza que lo resolvería.",
        ]),
        ("Prioridad", [
            "prioridad = autoridad × media geométrica (gravedad, actividad [, sorpresa]). "
            "La gravedad es la del tipo de hallazgo; la actividad, cuánto está en juego (las "
            "acciones vivas que toca); la sorpresa, cuán poco explica el azar la ausencia de "
            "un lazo; la autoridad pondera lo vinculante del documento (plan adoptado 1,0; "
            "informe institucional 0,85; programa 0,8; sin declarar 0,7; propuesta 0,5). La "
            "media geométrica no es compensatoria: un componente débil no se compensa con "
            "otro (OECD/JRC, 2008).",
            "Sorpresa de una coordinación faltante: con N acciones en el contexto (eje y "
            "territorio) y k_a, k_b de ellas de cada actor, la probabilidad de no compartir "
            "ninguna al azar es P0 = C(N − k_a, k_b) / C(N, k_b) (modelo hipergeométrico, "
            "Veech, 2013); sorpresa = 1 − P0. Dos actores que trabajan el mismo tema en el "
            "mismo lugar sin colaborar son el desajuste socioecológico descrito por Bodin et "
            "al. (2016) y Guerrero et al. (2015). Sorpresa de un silo: el E–I observado frente "
            "al esperado por el tamaño de los grupos, 2 (N − n_g) / (N − 1) − 1 (Krackhardt y "
            "Stern, 1988).",
        ]),
    ],
    "en": [
        ("Actor network", [
            "Two actors are tied when they take part (as lead or articulator) in the same "
            "action, or when a document states a direct tie between them. A tie's weight is "
            "the number of shared actions plus the direct ties. A renamed institution and "
            "the one it replaced count as one actor.",
            "Normalised betweenness: the share of shortest paths between two other actors "
            "that run through the actor (Freeman, 1977). Articulation point: an actor whose "
            "removal splits the network. Burt's constraint: how much an actor's contacts "
            "depend on each other; low constraint means access to groups that do not talk "
            "to each other (Burt, 1992). Gould and Fernandez (1989) brokerage roles on the "
            "directed lead → articulator network.",
        ]),
        ("E–I index", [
            "E–I = (E − I) / (E + I), where E counts ties to actors on the other side "
            "(inside or outside the administration running the plan) and I ties to the same "
            "side (Krackhardt & Stern, 1988). +1 with external ties only, −1 with internal "
            "ties only. An eje's density is ties / possible pairs.",
        ]),
        ("Coverage and status of findings", [
            "A source records a field (lead, articulators, mechanisms, territories, estado) "
            "when at least one of its actions states it. A missing fact is not a missing "
            "coordination: kinds resting on a field are not reported for the sources that "
            "do not record it; annex A says so once per source and field.",
            "A finding is a gap when all its facts are stated between resolved "
            "institutions. It is to confirm when it rests on a generic actor, an unresolved "
            "name or a fact derived by a rule, and then it gives the cleaning step that "
            "would settle it.",
        ]),
        ("Priority", [
            "priority = authority × geometric mean (severity, activity [, surprise]). "
            "Severity is the kind's; activity, what is at stake (the live actions touched); "
            "surprise, how little chance explains a missing tie; authority weighs how "
            "binding the document is (adopted plan 1.0; institutional report 0.85; "
            "programme 0.8; not declared 0.7; proposal 0.5). The geometric mean is "
            "non-compensatory: a weak component is not bought back by another (OECD/JRC, "
            "2008).",
            "Surprise of a missing coordination: with N actions in the context (eje and "
            "territory) and k_a, k_b of them the actors', the chance of sharing none at "
            "random is P0 = C(N − k_a, k_b) / C(N, k_b) (hypergeometric model, Veech, 2013); "
            "surprise = 1 − P0. Two actors working on the same theme in the same place "
            "without collaborating are the social-ecological misfit described by Bodin et al. "
            "(2016) and Guerrero et al. (2015). Surprise of a silo: the observed E–I against "
            "the one expected from group sizes, 2 (N − n_g) / (N − 1) − 1 (Krackhardt & "
            "Stern, 1988).",
        ]),
    ],
}

#: Works cited by the methods annex (the same in every language).
REFERENCES = [
    "Bodin, Ö., Robins, G., McAllister, R. R. J., Guerrero, A. M., Crona, B., Tengö, M. & "
    "Lubell, M. (2016). Theorizing benefits and constraints in collaborative environmental "
    "governance. Ecology and Society 21(1), 40.",
    "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard "
    "University Press.",
    "Freeman, L. C. (1977). A set of measures of centrality based on betweenness. "
    "Sociometry 40(1), 35–41.",
    "Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to "
    "brokerage in transaction networks. Sociological Methodology 19, 89–126.",
    "Guerrero, A. M., Bodin, Ö., McAllister, R. R. J. & Wilson, K. A. (2015). Achieving "
    "social-ecological fit through bottom-up collaborative governance. Ecology and Society "
    "20(4), 41.",
    "Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an "
    "experimental simulation. Social Psychology Quarterly 51(2), 123–140.",
    "OECD/JRC (2008). Handbook on Constructing Composite Indicators: Methodology and User "
    "Guide. OECD Publishing.",
    "Veech, J. A. (2013). A probabilistic model for analysing species co-occurrence. Global "
    "Ecology and Biogeography 22(2), 252–260.",
]


def counted(key: str, n: int) -> str:
    """«1 actor», «3 actores»: the one/other plural of message ``key``."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", n=integer(n))


