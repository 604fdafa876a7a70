"""Numbers and counts as a Dutch reader expects them: "1 waarschuwing", "40,1 s"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str) -> str:
    """`1 waarschuwing`, `2 waarschuwingen`, `0 waarschuwingen`."""
    return f"{n} {singular if n == 1 else plural}"


def decimal(value: float, digits: int = 1) -> str:
    """A number with a decimal comma: `40,1`."""
    return f"{value:.{digits}f}".replace(".", ",")


def seconds(value: float) -> str:
    """A duration: `40,1 s`."""
    return f"{decimal(value)} s"


def names(items: list[str], limit: int = 5) -> str:
    """`a, b en c`; past `limit` names: `a, b, c, d, e en 3 andere`."""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} en {len(items) - limit} andere"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"
