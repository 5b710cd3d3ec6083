"""How far QA reviewers agree with the automatic grader, per dimension and language, and for
empathy graded with the LLM judge; with a chart and a CSV download."""

import csv
import io

import altair as alt
import streamlit as st

from app_pages.context import current_user, services, tr
from counterpart.calibration import Agreement, calibration, calibration_rows

core = services()
user = current_user()
st.title(tr("reviews.calibration_title"))
try:
    result = calibration(core.store, core.library, user)
except PermissionError:
    st.error(tr("reviews.calibration_not_allowed"))
    st.stop()

st.caption(tr("reviews.calibration_intro"))
if not any(a.count for a in result.by_dimension.values()):
    st.info(tr("reviews.no_overrides"))
    st.stop()


def percent(share: float | None) -> str | None:
    return None if share is None else f"{share:.0%}"


def points(value: float | None) -> str | None:
    return None if value is None else f"{value:+.1f}"


def row(label: dict[str, str], a: Agreement) -> dict[str, object]:
    return {
        **label,
        tr("reviews.col_count"): a.count,
        tr("reviews.col_mean_abs"): None if a.mean_absolute is None else round(a.mean_absolute, 1),
        tr("reviews.col_within"): percent(a.within),
        tr("reviews.col_signed"): points(a.mean_signed),
        tr("reviews.col_band"): percent(a.same_band),
    }


dimension = tr("reviews.col_dimension")
language = tr("reviews.col_language")
st.subheader(tr("reviews.by_dimension"))
st.dataframe(
    [row({dimension: tr(f"score.{d}")}, a) for d, a in result.by_dimension.items()],
    hide_index=True,
)
st.subheader(tr("reviews.by_language"))
st.dataframe(
    [
        row({dimension: tr(f"score.{d}"), language: lang}, a)
        for (d, lang), a in result.by_language.items()
    ],
    hide_index=True,
)
points_chart = [
    {"dimension": tr(f"score.{d}"), "language": lang, "difference": a.mean_signed}
    for (d, lang), a in result.by_language.items()
    if a.mean_signed is not None
]
st.markdown(f"**{tr('reviews.chart_title')}**")
st.altair_chart(
    alt.Chart(alt.Data(values=points_chart))
    .mark_bar()
    .encode(
        x=alt.X("dimension:N", title=None),
        xOffset="language:N",
        y=alt.Y("difference:Q", title=None),
        color=alt.Color("language:N", legend=alt.Legend(title=None)),
        tooltip=["dimension:N", "language:N", "difference:Q"],
    ),
    width="stretch",
)

st.subheader(tr("reviews.judge_title"))
if result.judge is None:
    st.caption(tr("reviews.judge_none"))
else:
    st.caption(tr("reviews.judge_intro"))
    st.dataframe(
        [
            row({dimension: tr("reviews.judged")}, result.judge.judged),
            row({dimension: tr("reviews.offline_of_judged")}, result.judge.offline_of_judged),
            row({dimension: tr("reviews.unjudged")}, result.judge.unjudged),
        ],
        hide_index=True,
    )

table = calibration_rows(result)
out = io.StringIO()
writer = csv.DictWriter(out, fieldnames=list(table[0]))
writer.writeheader()
writer.writerows(table)
st.download_button(
    tr("reviews.download"), out.getvalue(), file_name="calibration.csv", mime="text/csv"
)
