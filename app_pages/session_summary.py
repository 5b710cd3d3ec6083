"""What a finished session added up to, as the practice chat and the transcript show it."""

from __future__ import annotations

import streamlit as st

from app_pages.charts import satisfaction_curve
from app_pages.context import plain, tr
from counterpart.summary import DIMENSIONS, SessionSummary


def show_summary(summary: SessionSummary) -> None:
    """Whether the session passed its lesson; end reason, replies and handling time; the
    averages and resolution against the pass marks; the required facts never stated; the
    satisfaction curve."""
    st.subheader(tr("summary.title"))
    if summary.lesson_passed:
        st.badge(tr("lessons.passed"), icon=":material/check:", color="green")
    else:
        st.badge(tr("lessons.not_yet"), icon=":material/close:", color="orange")
    st.markdown(
        tr("summary.ended", reason=tr(f"end.{summary.end_reason}"))
        + " · "
        + tr("summary.replies", n=summary.replies)
        + " · "
        + tr("summary.handling", minutes=f"{summary.handling_seconds / 60:.1f}")
    )
    shown = (*DIMENSIONS, "resolution")
    values = {**summary.averages, "resolution": summary.resolution}
    cols = st.columns(len(shown))
    for col, dimension in zip(cols, shown, strict=True):
        value = values[dimension]
        passed = summary.passed[dimension]
        col.metric(tr(f"score.{dimension}"), tr("score.none") if value is None else value)
        if passed is not None:
            col.caption(tr("summary.passed") if passed else tr("summary.failed"))
    if summary.missing_facts:
        st.warning(tr("summary.missing_facts"))
        for statement in summary.missing_facts:
            st.markdown(f"- {plain(statement)}")
    st.markdown(f"**{tr('summary.curve')}**")
    satisfaction_curve(summary.curve)
