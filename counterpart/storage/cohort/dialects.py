"""Where SQLite and PostgreSQL differ in the dashboard's figures: weeks, bound and returned
moments, averages; and the conditional count both spell alike."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, Float, case, cast, func

from counterpart.storage.store import _aware


def week_of(dialect: str, column) -> ColumnElement[str]:
    """The Monday (UTC) that starts the column's week, as YYYY-MM-DD."""
    if dialect == "postgresql":
        return func.to_char(func.date_trunc("week", column), "YYYY-MM-DD")
    return func.date(column, "-6 days", "weekday 1")


def utc(moment: dt.datetime) -> dt.datetime:
    # SQLite compares the stored text, which is UTC: a bound value must be UTC too.
    return moment.astimezone(dt.UTC)


def as_moment(value) -> dt.datetime:
    # coalesce() loses the column type on SQLite, which then hands back the stored text.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return _aware(value)


def mean(column) -> ColumnElement[float]:
    # PostgreSQL's avg of integers is numeric (a Decimal in Python); a float either way.
    return cast(func.avg(column), Float)


def count_if(condition) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))
