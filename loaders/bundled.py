"""Where the bundled datasets live: data/ in a checkout, tejido.datasets when installed."""

from __future__ import annotations

from pathlib import Path

import tejido.datasets


def bundled_data_dir() -> Path:
    """The folder of bundled datasets (demo loads it like `tejido load data/`)."""
    return Path(tejido.datasets.__file__).parent
