import streamlit as st

from app_pages.context import current_user, keep, kept, services, tr
from counterpart.progress import lesson_records, passed_in
from counterpart.session_loop import PracticeError
from curricula.certification import module_states, track_open
from curricula.curriculum import GradingExercise

core = services()
user = current_user()
st.title(tr("lessons.title"))

active = core.loop.current(user)
if active:
    _, lesson = core.loop.lesson(active.curriculum_id, active.lesson_id)
    st.info(tr("lessons.resume", lesson=lesson.title))
    if st.button(tr("lessons.resume_button"), type="primary"):
        st.switch_page("app_pages/practice.py")

if not core.library.curricula:
    st.warning(tr("lessons.none"))
    st.stop()

curricula = core.library.curricula
choices = list(curricula)
last = kept("curriculum")
chosen = st.selectbox(
    tr("lessons.curriculum"),
    choices,
    index=choices.index(last) if last in choices else 0,
    format_func=lambda key: f"{curricula[key].title} ({curricula[key].language})",
    **keep("curriculum"),
)
curriculum = curricula[chosen]
records = lesson_records(core.store, core.library, user)
passed = passed_in(records, curriculum.id)
held = core.loop.held_certificates(user)


def show_lesson(activity, unlocked: bool) -> None:
    with st.container(border=True):
        st.markdown(f"**{activity.title}**")
        if isinstance(activity, GradingExercise):
            st.caption(tr("lessons.grading"))
            record = records.get((curriculum.id, activity.id))
            if record:
                status = tr("lessons.passed") if record.passed else tr("lessons.not_yet")
                st.caption(f"{status} · {record.best.get('agreement', 0)}%")
            if st.button(
                tr("lessons.open_exercise"),
                key=f"open-{curriculum.id}-{activity.id}",
                disabled=not unlocked,
            ):
                st.session_state["exercise"] = (curriculum.id, activity.id)
                st.switch_page("app_pages/grading_exercise.py")
            return
        persona = core.library.personas.get(activity.persona)
        st.caption(
            tr(
                "lessons.meta",
                persona=persona.name if persona else "?",
                sla=activity.sla_seconds,
                turns=activity.turn_limit,
            )
        )
        record = records.get((curriculum.id, activity.id))
        if record:
            best = " · ".join(
                f"{tr(f'score.{name}')} {value}"
                for name, value in record.best.items()
                if value is not None and name != "resolution"
            )
            status = tr("lessons.passed") if record.passed else tr("lessons.not_yet")
            st.caption(f"{status} · {tr('lessons.best', scores=best, n=record.attempts)}")
        st.markdown(
            f"{tr('lessons.objectives')}:\n" + "\n".join(f"- {o}" for o in activity.objectives)
        )
        if st.button(
            tr("lessons.start"),
            key=f"start-{curriculum.id}-{activity.id}",
            disabled=active is not None or persona is None or not unlocked,
        ):
            try:
                core.loop.start(user, curriculum.id, activity.id)
            except PracticeError as exc:
                st.error(tr(f"error.{exc.code}"))
            else:
                st.switch_page("app_pages/practice.py")


def show_exam(track) -> None:
    exam = track.exam
    with st.container(border=True):
        st.markdown(f"**{tr('lessons.exam', exam=exam.title)}**")
        variants = sum(len(s.seeds) for s in exam.scenarios)
        st.caption(
            tr(
                "lessons.exam_meta",
                chats=variants,
                attempts=exam.attempts,
                hours=exam.cooling_off_hours,
            )
        )
        eligibility = core.exams.eligibility(user, curriculum.id, track.id, records)
        for reason in eligibility.reasons:
            st.caption(reason)
        if st.button(
            tr("lessons.exam_start"),
            key=f"exam-{curriculum.id}-{track.id}",
            disabled=not eligibility.ok or active is not None,
        ):
            try:
                core.exams.start(user, curriculum.id, track.id)
            except PracticeError as exc:
                st.error(str(exc))
            else:
                st.switch_page("app_pages/practice.py")


for track in curriculum.tracks:
    st.header(track.title)
    is_open, missing = track_open(track, held)
    if not is_open:
        st.info(tr("lessons.track_locked", certificates=", ".join(missing)))
        continue
    for state, module in zip(module_states(track, passed), track.modules, strict=True):
        mark = "✓ " if state.done else "" if state.unlocked else "🔒 "
        with st.expander(f"{mark}{module.title}", expanded=state.unlocked and not state.done):
            if not state.unlocked:
                st.caption(tr("lessons.locked", needed=", ".join(state.blocking)))
            for activity in module.lessons:
                show_lesson(activity, state.unlocked)
    if track.exam:
        show_exam(track)
