import streamlit as st

from app_pages.context import current_user, kept, plain, services, tr
from app_pages.grade_reasons import show_reasons
from app_pages.session_summary import show_summary
from counterpart.exams import ExamResult
from counterpart.session_loop import CustomerUnavailable, PracticeError
from counterpart.summary import DIMENSIONS, summarize

NUDGE_POLL_SECONDS = 5
core = services()
user = current_user()
session = core.loop.current(user)
if session is None and "last_session" in st.session_state:
    session = core.loop.session(user, st.session_state["last_session"])

if session is None:
    st.info(tr("practice.none"))
    if st.button(tr("practice.go_lessons")):
        st.switch_page("app_pages/lessons.py")
    st.stop()

st.session_state["last_session"] = session.id


# The last turn this tab showed before this run: a reply is written against that, so one typed
# in a tab that fell behind (the chat moved on in another) is not slipped in after turns its
# writer never saw.
def last_seq(chat) -> int:
    return chat.turns[-1].seq if chat.turns else 0


shown = st.session_state.get("shown_turn")
st.session_state["shown_turn"] = (session.id, last_seq(session))


def send(reply: str) -> None:
    """Send the trainee's reply. One the chat does not hold is given back with the reason,
    never dropped: written against a chat that has moved on (another tab), while the customer
    was due to answer, too long, or after the session ended. Sent twice (a double click, another
    tab): the chat already holds it, and nothing is given back."""
    seen = shown[1] if shown and shown[0] == session.id else last_seq(session)
    st.session_state.pop("reply_refused", None)
    try:
        core.loop.submit(
            user, session.id, reply, use_judge=bool(kept("use_judge", False)), after=seen
        )
    except PracticeError as exc:
        saved = core.loop.session(user, session.id)
        if not any(t.role == "trainee" and t.text == reply for t in saved.turns):
            blank = exc.code == "empty_reply"
            st.session_state["reply_refused"] = (session.id, exc.code, "" if blank else reply)


# The chat box's value is read before anything on the page can rerun it (fetching the
# customer's answer does), so that a reply sent in any state of the chat is never lost.
if (sent := st.session_state.get("reply")) is not None:
    send(sent)
    session = core.loop.session(user, session.id)
    st.session_state["shown_turn"] = (session.id, last_seq(session))
_, lesson = core.loop.lesson(session.curriculum_id, session.lesson_id)
st.title(lesson.title)
st.caption(tr("practice.engine", engine=session.engine))
held = core.exams.feedback_held(session)
if held:
    st.info(tr("exam.held"))


def show_grades(turn) -> None:
    cols = st.columns(len(DIMENSIONS))
    for col, dimension in zip(cols, DIMENSIONS, strict=True):
        grade = turn.grades.get(dimension)
        value = grade.score if grade and grade.score is not None else tr("score.none")
        col.metric(tr(f"score.{dimension}"), value)
    if turn.suggestion:
        st.markdown(f"**{tr('practice.better')}** {plain(turn.suggestion)}")
    with st.expander(tr("practice.why")):
        show_reasons(turn)


for turn in session.turns:
    if turn.role == "customer":
        with st.chat_message("assistant", avatar=":material/person:"):
            st.markdown(plain(turn.text))
    else:
        with st.chat_message("user"):
            st.markdown(plain(turn.text))
            if turn.grades and not held:
                show_grades(turn)


# Kept on screen until the next reply is sent: streaming the customer's answer reruns the page.
refused = st.session_state.get("reply_refused")
if refused and refused[0] == session.id:
    code, text = refused[1], refused[2]
    if code == "already_sent":
        st.warning(tr("practice.not_sent"))
    else:
        st.error(tr(f"error.{code}"))
    if text:
        st.caption(tr("practice.your_reply"))
        st.code(text, language=None, wrap_lines=True)


@st.fragment(run_every=3)
def wait_for_other_tab() -> None:
    """Another tab or replica is fetching the customer's answer: look again every few seconds
    (its answer, or its claim expiring if it died, lets this tab go on)."""
    st.info(tr("error.customer_answering"))
    if st.session_state.pop("answering_seen", False):
        st.rerun(scope="app")
    st.session_state["answering_seen"] = True


def stream_customer(engine: str | None = None) -> None:
    with st.chat_message("assistant", avatar=":material/person:"):
        try:
            chunks = core.loop.customer_reply(user, session.id, engine=engine)
            st.write_stream(plain(chunk) for chunk in chunks)
        except CustomerUnavailable as exc:
            st.session_state["customer_failed"] = (session.id, session.turns[-1].seq, str(exc))
            st.rerun()
        except PracticeError as exc:
            if exc.code != "customer_answering":
                st.rerun()  # answered or ended elsewhere: show what was saved
            st.session_state.pop("answering_seen", None)
            wait_for_other_tab()
            st.stop()
    st.session_state.pop("customer_failed", None)
    st.rerun()


failed = st.session_state.get("customer_failed")
if session.awaiting_customer:
    if failed and failed[:2] == (session.id, session.turns[-1].seq):
        st.error(tr("practice.customer_failed", error=failed[2]))
        retry, offline = st.columns(2)
        if retry.button(tr("practice.retry"), type="primary"):
            st.session_state.pop("customer_failed", None)
            stream_customer()
        if offline.button(tr("practice.offline")):
            stream_customer(engine="scripted")
    else:
        stream_customer()


def show_exam_end(attempt_id: int) -> None:
    attempt = core.store.exam_attempt(attempt_id)
    if attempt.finished_at is None:
        if st.button(tr("exam.next"), type="primary"):
            step = core.exams.advance(user, attempt_id)
            if not isinstance(step, ExamResult):
                st.session_state["last_session"] = step.id
            st.rerun()
        st.stop()
    result = core.exams.result(user, attempt_id)
    (st.success if result.outcome.passed else st.error)(
        tr("exam.passed") if result.outcome.passed else tr("exam.failed")
    )
    for scenario, passed in result.outcome.per_scenario.items():
        verdict = tr("summary.passed") if passed else tr("summary.failed")
        st.markdown(f"- {tr('exam.scenario', scenario=scenario, result=verdict)}")
    if result.certificate:
        st.page_link("app_pages/certificates.py", label=tr("page.certificates"))


if session.status == "ended" and session.exam_attempt_id is not None:
    show_exam_end(session.exam_attempt_id)

if session.status == "ended":
    summary = summarize(session, lesson, core.library.policy(session.policy_ref))
    show_summary(summary)
    if st.button(tr("summary.again"), type="primary"):
        st.session_state.pop("last_session", None)
        st.switch_page("app_pages/lessons.py")
    st.stop()

if st.button(tr("practice.end")):
    core.loop.end(user, session.id)
    st.rerun()


@st.fragment(run_every=NUDGE_POLL_SECONDS)
def customer_waits() -> None:
    """A customer left waiting nudges on its own, and leaves if it is ignored: look every few
    seconds (only this fragment reruns, so a reply being typed is untouched) and show the page
    again when it has spoken."""
    if core.loop.nudge(user, session.id) is not None:
        st.rerun(scope="app")


# Keyed, so that the box stays the same widget whatever language its placeholder is in.
if not session.awaiting_customer:
    customer_waits()
    st.chat_input(tr("practice.input"), key="reply")  # read at the top of the page
