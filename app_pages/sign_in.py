import streamlit as st

from app_pages.context import services, tr
from counterpart.accounts import authenticate
from counterpart.demo import DEMO_ACCOUNTS

st.title(tr("app.title"))
with st.form("sign_in"):
    username = st.text_input(tr("sign_in.username"))
    password = st.text_input(tr("sign_in.password"), type="password")
    submitted = st.form_submit_button(tr("sign_in.submit"), type="primary")

if submitted:
    user = authenticate(services().store, username, password)
    if user is None:
        st.error(tr("sign_in.failed"))
    else:
        st.session_state["user"] = user
        st.rerun()

if services().demo:
    st.info(tr("sign_in.demo_accounts"))
    st.table(
        [
            {
                tr("sign_in.username"): name,
                tr("sign_in.password"): password,
                "role": tr(f"role.{r}"),
            }
            for name, password, r, _ in DEMO_ACCOUNTS
        ]
    )
