"""The pocket card ("zakkaart"): the crisis plan on bank-card panels, as a PDF."""

from __future__ import annotations

ZAKKAART_NAME = "zakkaart.pdf"
