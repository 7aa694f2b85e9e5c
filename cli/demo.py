"""``tejido demo``: the bundled sample data analysed into a folder of reports and maps.

The command's options and help live here; the work is in :mod:`.demo_run`, imported
when the demo runs, so that ``tejido demo --help`` loads no analysis, chart or map code
(1.4 s and 145 MB when it did).
"""

from __future__ import annotations

from pathlib import Path

import click

from . import demo_help
from .localized import command, option
from .options import lang_option


@command(name="demo", help=demo_help.HELP)
@option("--out", type=click.Path(file_okay=False, path_type=Path),
        default=Path("tejido-demo"), show_default=True, metavar=demo_help.METAVAR_OUT,
        help=demo_help.HELP_OUT)
@option("--force", is_flag=True, help=demo_help.HELP_FORCE)
@lang_option
def demo(out: Path, force: bool) -> None:
    """Analyse the bundled sample data and write the reports, the centrality table and the
    maps into a folder (help: ``demo_help.HELP``).

    Re-running it on the same folder needs no --force: demo replaces only what it wrote
    itself (listed in .tejido-demo.json)."""
    from .demo_run import run

    run(out, force)
