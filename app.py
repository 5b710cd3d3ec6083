"""Counterpart's Streamlit entry point: sign-in, then the pages of the signed-in role."""

from pathlib import Path

import streamlit as st

from app_pages.context import current_user, keep, kept, language, services, tr
from counterpart.i18n import LANGUAGES

st.set_page_config(page_title="Counterpart", page_icon=":material/support_agent:", layout="wide")

core = services()
user = current_user()

with st.sidebar:
    st.selectbox(
        tr("app.language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(language()),
        format_func=LANGUAGES.get,
        **keep("language"),
    )
    if user:
        st.caption(tr("app.signed_in_as", name=user.display_name, role=tr(f"role.{user.role}")))
        if st.button(tr("app.sign_out")):
            st.session_state.clear()
            st.rerun()
    if core.gateway:
        st.caption(tr("app.llm_online", model=core.gateway.model))
        st.toggle(
            tr("app.use_judge"),
            value=bool(kept("use_judge", False)),
            help=tr("app.use_judge_help"),
            **keep("use_judge"),
        )
    else:
        st.caption(tr("app.llm_offline"))
    if core.llm_problem:
        st.warning(tr("app.llm_problem", problem=core.llm_problem))
    if core.library.problems:
        st.warning(tr("app.content_problems"))
        st.code("\n".join(str(p) for p in core.library.problems), language=None)

# Each role's pages, the first one opening by default. What a page may show is checked in the
# core as well (a manager sees only the teams they manage, a trainee only their own practice).
PAGES = {
    "sign_in": ("app_pages/sign_in.py", "page.sign_in", ":material/login:"),
    "lessons": ("app_pages/lessons.py", "page.lessons", ":material/school:"),
    "practice": ("app_pages/practice.py", "page.practice", ":material/chat:"),
    "progress": ("app_pages/progress.py", "page.progress", ":material/insights:"),
    "grading_exercise": (
        "app_pages/grading_exercise.py",
        "page.grading_exercise",
        ":material/fact_check:",
    ),
    "certificates": (
        "app_pages/certificates.py",
        "page.certificates",
        ":material/workspace_premium:",
    ),
    "trainer": ("app_pages/trainer.py", "page.trainer", ":material/edit_note:"),
    "content": ("app_pages/trainer_content.py", "workspace.page_content", ":material/folder_open:"),
    "publish": ("app_pages/trainer_publish.py", "workspace.page_publish", ":material/publish:"),
    "dashboard": ("app_pages/manager.py", "page.manager", ":material/monitoring:"),
    "queue": ("app_pages/review_queue.py", "reviews.page_queue", ":material/rule:"),
    "trainee": ("app_pages/trainee_detail.py", "reviews.page_trainee", ":material/person_search:"),
    "my_sessions": (
        "app_pages/trainee_detail.py",
        "reviews.page_my_sessions",
        ":material/history:",
    ),
    "transcript": ("app_pages/transcript.py", "reviews.page_transcript", ":material/forum:"),
    "calibration": ("app_pages/calibration.py", "reviews.page_calibration", ":material/balance:"),
    "admin": ("app_pages/admin.py", "admin.page", ":material/manage_accounts:"),
}
ROLE_PAGES = {
    None: ["sign_in"],
    "trainee": [
        "lessons",
        "practice",
        "progress",
        "grading_exercise",
        "certificates",
        "my_sessions",
        "transcript",
    ],
    "trainer": ["trainer", "content", "publish"],
    "manager": ["dashboard", "trainee", "transcript", "queue", "calibration"],
    "qa": ["queue", "transcript", "trainee", "calibration", "dashboard"],
    "admin": [
        "admin",
        "dashboard",
        "trainee",
        "transcript",
        "queue",
        "calibration",
        "content",
        "publish",
    ],
}

names = ROLE_PAGES.get(user.role if user else None, ["sign_in"])
pages = [
    st.Page(PAGES[name][0], title=tr(PAGES[name][1]), icon=PAGES[name][2], default=i == 0)
    for i, name in enumerate(names)
]
if user is None:
    # A link to a page (a transcript someone shared, say) opens the sign-in form at that
    # address; once signed in, the same address shows the page, if the role may see it.
    addresses = sorted({Path(path).stem for path, _, _ in PAGES.values()} - {"sign_in"})
    pages += [
        st.Page(PAGES["sign_in"][0], title=tr("page.sign_in"), url_path=address)
        for address in addresses
    ]
st.navigation(pages, position="hidden" if user is None else "sidebar").run()
