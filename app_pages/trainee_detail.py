"""One trainee's sessions with their scores, each opening its transcript. Opened with
?trainee=USER_ID."""

from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from app_pages.context import current_user, plain, services, tr
from counterpart.reviews import SCORED, trainee_sessions
from counterpart.storage.store import UnknownRecord

core = services()
user = current_user()
if user is None:
    st.error(tr("reviews.trainee_not_visible"))
    st.stop()

if "trainee" not in st.query_params and user.role == "trainee":
    # A trainee's own sessions, each opening its transcript.
    st.query_params["trainee"] = str(user.id)
try:
    trainee_id = int(st.query_params.get("trainee", ""))
except ValueError:
    st.info(tr("reviews.no_trainee"))
    st.stop()

try:
    view = trainee_sessions(core.store, core.library, user, trainee_id)
except (UnknownRecord, PermissionError):
    st.error(tr("reviews.trainee_not_visible"))
    st.stop()

st.title(plain(view.trainee.display_name))
st.caption(tr("reviews.team", team=plain(view.team)) if view.team else tr("reviews.no_team"))

if not view.sessions:
    st.info(tr("reviews.no_sessions"))
    st.stop()

rows = []
for line in view.sessions:
    row = {
        tr("reviews.col_session"): line.session_id,
        tr("reviews.col_started"): line.started_at.strftime("%Y-%m-%d %H:%M"),
        tr("reviews.col_lesson"): line.lesson_title,
        tr("reviews.col_customer"): line.persona_name,
        tr("reviews.col_exam"): line.exam,
        tr("reviews.col_end"): tr(f"end.{line.end_reason}")
        if line.end_reason
        else tr("reviews.in_progress"),
    }
    for name in SCORED:
        row[tr(f"score.{name}")] = line.scores[name]
    row[tr("reviews.col_passed")] = line.passed
    row[tr("reviews.col_overruled")] = line.overridden
    row[tr("reviews.col_minutes")] = (
        None if line.handling_seconds is None else round(line.handling_seconds / 60, 1)
    )
    rows.append(row)
st.subheader(tr("reviews.sessions"))
st.dataframe(rows, hide_index=True)

# A role without the transcript page gets no links rather than an error.
with suppress(StreamlitPageNotFoundError):
    for line in view.sessions:
        st.page_link(
            "app_pages/transcript.py",
            label=tr(
                "reviews.open_session",
                id=line.session_id,
                lesson=plain(line.lesson_title),
                date=line.started_at.strftime("%Y-%m-%d"),
            ),
            icon=":material/forum:",
            query_params={"session": str(line.session_id)},
        )
