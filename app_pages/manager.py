import streamlit as st

from app_pages.context import tr

st.title(tr("page.manager"))
st.info(tr("placeholder.manager"))
