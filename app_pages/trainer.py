import streamlit as st

from app_pages.context import tr

st.title(tr("page.trainer"))
st.info(tr("placeholder.trainer"))
