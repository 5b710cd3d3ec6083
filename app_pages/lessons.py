import streamlit as st

from app_pages.context import current_user, services, tr
from counterpart.session_loop import PracticeError

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

for curriculum in core.library.curricula.values():
    st.header(curriculum.title)
    for module in curriculum.modules:
        st.subheader(module.title)
        for lesson in module.lessons:
            persona = core.library.personas.get(lesson.persona)
            with st.container(border=True):
                st.markdown(f"**{lesson.title}**")
                st.caption(
                    tr(
                        "lessons.meta",
                        persona=persona.name if persona else "?",
                        sla=lesson.sla_seconds,
                        turns=lesson.turn_limit,
                    )
                )
                st.markdown(
                    f"{tr('lessons.objectives')}:\n"
                    + "\n".join(f"- {o}" for o in lesson.objectives)
                )
                if st.button(
                    tr("lessons.start"),
                    key=f"start-{curriculum.id}-{lesson.id}",
                    disabled=active is not None or persona is None,
                ):
                    try:
                        core.loop.start(user, curriculum.id, lesson.id)
                    except PracticeError as exc:
                        st.error(tr(f"error.{exc.code}"))
                    else:
                        st.switch_page("app_pages/practice.py")
