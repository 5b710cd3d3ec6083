"""The dashboard's charts (Altair), drawn from the same tables the page lists and exports."""

from __future__ import annotations

import altair as alt
import streamlit as st

from app_pages.context import tr
from counterpart.dashboard.table import Table

DIMENSIONS = ("empathy", "policy", "speed", "resolution")
SCORES = alt.Scale(domain=[0, 100], scheme="redyellowgreen")


def funnel(table: Table) -> None:
    """One bar per step of each track, as many trainees as reached it."""
    points = []
    for row in table.records():
        stage = tr(f"dashboard.stage.{row['stage']}")
        label = f"{row['step']}. {stage}" + (f": {row['module']}" if row["module"] else "")
        points.append({"track": row["track"], "step": label, "trainees": row["trainees"]})
    bars = (
        alt.Chart(alt.Data(values=points))
        .mark_bar()
        .encode(
            x=alt.X("trainees:Q", title=tr("dashboard.col.trainees")),
            y=alt.Y("step:N", sort=None, title=None),
            tooltip=[alt.Tooltip("step:N"), alt.Tooltip("trainees:Q")],
        )
    )
    chart = bars.facet(row=alt.Row("track:N", title=None)).resolve_scale(y="independent")
    st.altair_chart(chart)


def heatmap(table: Table, row_column: str) -> None:
    """Mean score of each dimension (0-100, red to green) for each row of the table."""
    points, order = [], []
    for row in table.records():
        label = row[row_column] if row[row_column] is not None else tr("dashboard.no_team")
        order.append(label)
        for dimension in DIMENSIONS:
            points.append(
                {
                    "row": label,
                    "dimension": tr(f"dashboard.dimension.{dimension}"),
                    "score": row[dimension],
                }
            )
    base = alt.Chart(alt.Data(values=points)).encode(
        x=alt.X("dimension:N", sort=None, title=None, axis=alt.Axis(orient="top")),
        y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("score:Q", scale=SCORES, title=tr("dashboard.col.score")),
        tooltip=[alt.Tooltip("row:N"), alt.Tooltip("dimension:N"), alt.Tooltip("score:Q")],
    )
    numbers = base.mark_text().encode(text=alt.Text("score:Q", format=".0f"))
    st.altair_chart(cells + numbers, width="stretch")


def trends(table: Table) -> None:
    """Pass rate and mean scores by week."""
    measures = ("pass_rate", *DIMENSIONS)
    points = [
        {"week": row["week"], "measure": tr(f"dashboard.col.{m}"), "value": row[m]}
        for row in table.records()
        for m in measures
        if row[m] is not None
    ]
    st.altair_chart(
        alt.Chart(alt.Data(values=points))
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title=tr("dashboard.col.week")),
            y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 100]), title=None),
            color=alt.Color("measure:N", title=None),
        ),
        width="stretch",
    )
