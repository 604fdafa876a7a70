"""resourceboek: the resourcegroepen handbook and protected booklets, built with MkDocs."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: The package folder: its data (templates/, assets/, methode/, schema/, woorden/) lives here.
PACKAGE_DIR = Path(__file__).parent
