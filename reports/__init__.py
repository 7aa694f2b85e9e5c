"""Writers of what tejido reports, above the analyses and the maps.

:mod:`.gap_tables` (the gap report's sections as tables), :mod:`.gap_text` (Markdown,
HTML), :mod:`.gap_files` (CSV, JSON, XLSX and :func:`~.gap_files.write_report`),
:mod:`.tables` (rows of centrality and saved queries as table, CSV or JSON),
:mod:`.quality` (the data-quality report), with the one Markdown escaper
(:mod:`.markdown`) and spreadsheet formula neutralisation (:mod:`.safe_cells`). May import
graph, queries and viz; never cli or click.
"""
