"""The manager dashboard: the cohort of the teams the viewer may see, filtered by team, track
and dates, each table with its CSV and the trainees behind its rows."""

import datetime as dt

import streamlit as st

from app_pages import dashboard_charts as charts
from app_pages.context import current_user, services, tr
from app_pages.dashboard_tables import behind, download, now, section, shown, table_of
from counterpart.dashboard.filters import DEFAULT_DAYS, Filters, teams_in_view
from counterpart.visibility import NotVisible

core = services()
user = current_user()
st.title(tr("page.manager"))
try:
    teams = teams_in_view(core.store, user)
except NotVisible:
    st.error(tr("dashboard.not_allowed"))
    st.stop()
if user.role == "manager" and not teams:
    st.info(tr("dashboard.no_teams"))
    st.stop()
st.caption(tr("dashboard.intro"))

# filters
team_names = {t.id: t.name for t in teams}
tracks = {
    (c.id, t.id): f"{c.title} · {t.title}"
    for c in core.library.curricula.values()
    for t in c.tracks
}
today = now().date()
left, middle, right = st.columns(3)
team_id = left.selectbox(
    tr("dashboard.team"),
    [None, *team_names],
    format_func=lambda i: tr("dashboard.all_teams") if i is None else team_names[i],
    key="dashboard_team",
)
track = middle.selectbox(
    tr("dashboard.track"),
    [None, *tracks],
    format_func=lambda k: tr("dashboard.all_tracks") if k is None else tracks[k],
    key="dashboard_track",
)
dates = right.date_input(
    tr("dashboard.dates"),
    value=(today - dt.timedelta(days=DEFAULT_DAYS - 1), today),
    max_value=today,
    key="dashboard_dates",
)
if not isinstance(dates, tuple | list) or len(dates) != 2:
    st.info(tr("dashboard.pick_both_dates"))
    st.stop()
filters = Filters(
    team_id=team_id,
    curriculum_id=track[0] if track else None,
    track_id=track[1] if track else None,
    start=dates[0],
    end=dates[1],
)

# the cohort
st.subheader(tr("dashboard.overview"))
overview = table_of("overview", filters)
for column, (figure, count) in zip(st.columns(len(overview.rows)), overview.rows, strict=True):
    column.metric(tr(f"dashboard.figure.{figure}"), count)
st.caption(tr("dashboard.definitions"))
download(shown(overview), "overview")
figure = st.selectbox(
    tr("dashboard.show_behind"),
    range(len(overview.rows)),
    index=None,
    format_func=lambda i: tr(f"dashboard.figure.{overview.rows[i][0]}"),
    placeholder=tr("dashboard.pick_figure"),
    key="dashboard_overview_pick",
)
if figure is not None:
    label = tr(f"dashboard.figure.{overview.rows[figure][0]}")
    behind(overview.links[figure], label, "overview", filters)

st.subheader(tr("dashboard.funnel"))
funnel = table_of("funnel", filters)
if funnel.rows:
    charts.funnel(funnel)
section(funnel, "funnel", filters)

st.subheader(tr("dashboard.pass_rates"))
section(table_of("pass_rates", filters), "pass_rates", filters)
st.subheader(tr("dashboard.time_to_certify"))
section(table_of("time_to_certify", filters), "time_to_certify", filters)

st.subheader(tr("dashboard.lesson_heatmap"))
lessons = table_of("lesson_heatmap", filters)
if lessons.rows:
    charts.heatmap(lessons, "lesson")
section(lessons, "lesson_heatmap", filters)

st.subheader(tr("dashboard.team_heatmap"))
by_team = table_of("team_heatmap", filters)
if by_team.rows:
    charts.heatmap(by_team, "team")
section(by_team, "team_heatmap", filters)

st.subheader(tr("dashboard.trends"))
weeks = table_of("trends", filters)
if weeks.rows:
    charts.trends(weeks)
section(weeks, "trends", filters)

st.subheader(tr("dashboard.weakest_lessons"))
section(table_of("weakest_lessons", filters), "weakest_lessons", filters)
st.subheader(tr("dashboard.weakest_personas"))
section(table_of("weakest_personas", filters), "weakest_personas", filters)

st.subheader(tr("dashboard.certificates"))
section(table_of("certificates", filters), "certificates", filters)
