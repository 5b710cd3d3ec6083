"""Charts shared by pages."""

import altair as alt
import streamlit as st


def satisfaction_curve(curve: list[int]) -> None:
    """The customer's hidden satisfaction, at the start and after each reply, on 0-100."""
    points = [{"reply": i, "satisfaction": s} for i, s in enumerate(curve)]
    st.altair_chart(
        alt.Chart(alt.Data(values=points))
        .mark_line(point=True)
        .encode(
            x=alt.X("reply:O", title=None),
            y=alt.Y("satisfaction:Q", scale=alt.Scale(domain=[0, 100]), title=None),
        ),
        width="stretch",
    )
