"""One session's transcript: every reply with its scores, findings and the override beside
each grade; reviewers overrule a grade here. Opened with ?session=ID."""

from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from app_pages.context import current_user, plain, services, tr
from app_pages.grade_reasons import show_reasons
from app_pages.session_summary import show_summary
from counterpart.reviews import NOTE_LIMIT, OverrideRejected, TranscriptTurn, overrule, transcript
from counterpart.storage.store import UnknownRecord
from counterpart.summary import DIMENSIONS

core = services()
user = current_user()
if user is None:
    st.error(tr("reviews.not_visible"))
    st.stop()

try:
    session_id = int(st.query_params.get("session", ""))
except ValueError:
    st.info(tr("reviews.no_session"))
    st.stop()

try:
    view = transcript(core.store, core.library, user, session_id)
except (UnknownRecord, PermissionError):
    # The same answer for a session that does not exist and one that is not the viewer's.
    st.error(tr("reviews.not_visible"))
    st.stop()

session = view.session
st.title(plain(view.lesson_title))
st.caption(
    tr(
        "reviews.meta",
        trainee=plain(view.trainee.display_name),
        persona=plain(view.persona_name),
        started=session.started_at.strftime("%Y-%m-%d %H:%M"),
        engine=session.engine,
    )
)
if view.trainee.id != user.id:
    # A role without the trainee page gets no link rather than an error.
    with suppress(StreamlitPageNotFoundError):
        st.page_link(
            "app_pages/trainee_detail.py",
            label=tr("reviews.open_trainee", trainee=plain(view.trainee.display_name)),
            query_params={"trainee": str(view.trainee.id)},
        )
if view.held:
    st.info(tr("exam.held"))
saved = st.session_state.pop("override_saved", None)
if saved:
    st.success(tr("reviews.saved", dimension=tr(f"score.{saved[0]}"), score=saved[1]))


def show_scores(entry: TranscriptTurn) -> None:
    turn = entry.turn
    st.caption(
        tr(
            "reviews.reply_meta",
            seconds="—" if turn.reply_seconds is None else f"{turn.reply_seconds:.0f}",
            satisfaction="—" if turn.satisfaction is None else turn.satisfaction,
        )
    )
    cols = st.columns(len(DIMENSIONS))
    for col, dimension in zip(cols, DIMENSIONS, strict=True):
        counted = turn.score(dimension)
        col.metric(tr(f"score.{dimension}"), tr("score.none") if counted is None else counted)
        override = entry.overrides.get(dimension)
        if override:
            automatic = entry.automatic(dimension)
            col.caption(
                tr(
                    "reviews.overruled",
                    automatic=tr("score.none") if automatic is None else automatic,
                    score=override.score,
                    reviewer=plain(override.reviewer),
                    date=override.at.strftime("%Y-%m-%d"),
                )
            )
            col.caption(plain(override.note))
    if turn.suggestion:
        st.markdown(f"**{tr('practice.better')}** {plain(turn.suggestion)}")
    with st.expander(tr("reviews.findings")):
        show_reasons(turn)


def override_form(entry: TranscriptTurn) -> None:
    turn = entry.turn
    graded = [d for d in DIMENSIONS if d in turn.grades]
    with st.expander(tr("reviews.overrule")), st.form(key=f"override-{turn.id}"):
        dimension = st.selectbox(
            tr("reviews.dimension"),
            graded,
            format_func=lambda d: tr(f"score.{d}"),
            key=f"override-dimension-{turn.id}",
        )
        score = st.number_input(
            tr("reviews.score"), 0, 100, value=None, step=1, key=f"override-score-{turn.id}"
        )
        note = st.text_area(
            tr("reviews.note"), max_chars=NOTE_LIMIT, key=f"override-note-{turn.id}"
        )
        if st.form_submit_button(tr("reviews.submit"), key=f"override-submit-{turn.id}"):
            try:
                overrule(
                    core.store,
                    core.library,
                    user,
                    turn.id,
                    dimension,
                    None if score is None else int(score),
                    note,
                )
            except OverrideRejected as exc:
                st.error(tr(f"reviews.bad_{exc.field}"))
            except (UnknownRecord, PermissionError):
                st.error(tr("reviews.not_allowed"))
            else:
                st.session_state["override_saved"] = (dimension, int(score))
                st.rerun()


for entry in view.turns:
    if entry.turn.role == "customer":
        with st.chat_message("assistant", avatar=":material/person:"):
            st.markdown(plain(entry.turn.text))
        continue
    with st.chat_message("user"):
        st.markdown(plain(entry.turn.text))
        if entry.turn.grades:
            show_scores(entry)
            if view.may_overrule:
                override_form(entry)

summary = view.summary
if summary is not None:
    show_summary(summary)
elif session.status == "active":
    st.caption(tr("reviews.in_progress"))
