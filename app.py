"""Counterpart's Streamlit entry point: sign-in, then the pages of the signed-in role."""

import streamlit as st

from app_pages.context import current_user, services, tr
from counterpart.i18n import LANGUAGES

st.set_page_config(page_title="Counterpart", page_icon=":material/support_agent:", layout="wide")

core = services()
user = current_user()

with st.sidebar:
    st.selectbox(tr("app.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="language")
    if user:
        st.caption(tr("app.signed_in_as", name=user.display_name, role=tr(f"role.{user.role}")))
        if st.button(tr("app.sign_out")):
            st.session_state.clear()
            st.rerun()
    if core.gateway:
        st.caption(tr("app.llm_online", model=core.gateway.model))
        st.toggle(tr("app.use_judge"), key="use_judge", help=tr("app.use_judge_help"))
    else:
        st.caption(tr("app.llm_offline"))
    if core.llm_problem:
        st.warning(tr("app.llm_problem", problem=core.llm_problem))
    if core.library.problems:
        st.warning(tr("app.content_problems"))
        st.code("\n".join(str(p) for p in core.library.problems), language=None)

if user is None:
    pages = [st.Page("app_pages/sign_in.py", title=tr("page.sign_in"), icon=":material/login:")]
elif user.role == "trainee":
    pages = [
        st.Page(
            "app_pages/lessons.py", title=tr("page.lessons"), icon=":material/school:", default=True
        ),
        st.Page("app_pages/practice.py", title=tr("page.practice"), icon=":material/chat:"),
        st.Page("app_pages/progress.py", title=tr("page.progress"), icon=":material/insights:"),
        st.Page(
            "app_pages/grading_exercise.py",
            title=tr("page.grading_exercise"),
            icon=":material/fact_check:",
        ),
        st.Page(
            "app_pages/certificates.py",
            title=tr("page.certificates"),
            icon=":material/workspace_premium:",
        ),
    ]
elif user.role == "trainer":
    pages = [st.Page("app_pages/trainer.py", title=tr("page.trainer"), icon=":material/edit_note:")]
else:
    pages = [
        st.Page("app_pages/manager.py", title=tr("page.manager"), icon=":material/monitoring:")
    ]

st.navigation(pages).run()
