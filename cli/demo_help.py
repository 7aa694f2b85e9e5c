"""The help texts of ``tejido demo`` (kept apart from the command's body).

The keys are what :mod:`tejido.cli.demo`'s decorators pass as ``help=``; see
:mod:`tejido.cli.localized`.
"""

from __future__ import annotations

from .localized import helps

HELP = "help.demo"
HELP_OUT = "help.demo.out"
HELP_FORCE = "help.demo.force"
METAVAR_OUT = "metavar.demo.out"

helps(
    {
        HELP: {
            "es": "Analiza los datos de ejemplo incluidos (Quito y Pichincha).\n\nEscribe en "
            "una carpeta los informes de brechas, la centralidad y los mapas. Puede volver a "
            "ejecutarlo sobre la misma carpeta sin --force: reemplaza solo lo que él mismo "
            "escribió (lo anota en .tejido-demo.json).",
            "en": "Analyse the bundled sample data (Quito and Pichincha).\n\nIt writes the gap "
            "reports, the centrality table and the maps to a folder. Run it again on the same "
            "folder without --force: it replaces only what it wrote itself (listed in "
            ".tejido-demo.json).",
        },
        HELP_OUT: {"es": "Carpeta donde escribir los resultados.",
                   "en": "Folder to write the results to."},
        HELP_FORCE: {
            "es": "Reemplaza también los archivos de la carpeta que demo no escribió.",
            "en": "Also replace the files in the folder that demo did not write.",
        },
        METAVAR_OUT: {"es": "CARPETA", "en": "FOLDER"},
    }
)
