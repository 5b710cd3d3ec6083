"""Dashboard tables as CSV files, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from counterpart.dashboard.table import Table

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a CSV cell; text that a spreadsheet would run as a formula is quoted with a
    leading apostrophe, which spreadsheets show as text. Numbers are left as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(table: Table, header: Sequence[str] | None = None) -> str:
    """The table as CSV text: a header row (the column keys unless `header` is given), then
    one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([cell(name) for name in (header or table.columns)])
    for row in table.rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()
