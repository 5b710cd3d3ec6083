"""What every dashboard view hands to a page or a CSV file: a named table of plain values."""

from __future__ import annotations

from dataclasses import dataclass

from counterpart.storage.cohort import Group

__all__ = ["Group", "Table", "rate", "score"]


@dataclass(frozen=True)
class Table:
    """`columns` are keys (the page translates them); `links` says, row by row, whose numbers
    the row is: a Group for trainees_behind, Group("trainee", (id,)) or Group("session", (id,))
    for one person or one session, or None."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    links: tuple[Group | None, ...] = ()

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def rate(part: int | None, whole: int | None) -> float | None:
    """A share in percent with one decimal; None when there is nothing to share."""
    return round(100 * (part or 0) / whole, 1) if whole else None


def score(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
