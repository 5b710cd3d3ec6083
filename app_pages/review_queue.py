"""Sessions worth a QA look: recent ones that went badly and that no one has overruled yet."""

import streamlit as st

from app_pages.context import current_user, plain, services, tr
from counterpart.reviews import SCORED, review_queue

core = services()
user = current_user()
st.title(tr("reviews.queue_title"))
try:
    lines = review_queue(core.store, core.library, user)
except PermissionError:
    st.error(tr("reviews.calibration_not_allowed"))
    st.stop()
st.caption(tr("reviews.queue_intro"))
if not lines:
    st.info(tr("reviews.queue_empty"))
    st.stop()

rows = []
for line in lines:
    row = {
        tr("reviews.col_session"): line.session_id,
        tr("reviews.col_trainee"): line.trainee.display_name if line.trainee else "",
        tr("reviews.col_started"): line.started_at.strftime("%Y-%m-%d %H:%M"),
        tr("reviews.col_lesson"): line.lesson_title,
        tr("reviews.col_end"): tr(f"end.{line.end_reason}") if line.end_reason else "",
    }
    for name in SCORED:
        row[tr(f"score.{name}")] = line.scores[name]
    row[tr("reviews.col_passed")] = line.passed
    rows.append(row)
st.dataframe(rows, hide_index=True)
for line in lines:
    st.page_link(
        "app_pages/transcript.py",
        label=tr(
            "reviews.open_queued",
            id=line.session_id,
            trainee=plain(line.trainee.display_name if line.trainee else ""),
            lesson=plain(line.lesson_title),
        ),
        icon=":material/forum:",
        query_params={"session": str(line.session_id)},
    )
