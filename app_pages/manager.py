import streamlit as st

from app_pages.context import current_user, services, tr
from counterpart.refresh import affected

core = services()
st.title(tr("page.manager"))
st.info(tr("placeholder.manager"))

st.subheader(tr("manager.affected"))
views = affected(core.store, core.library, current_user(), core.loop.clock())
if not views:
    st.caption(tr("manager.none_affected"))
else:
    st.dataframe(
        [
            {
                tr("manager.holder"): v.certificate.holder,
                tr("manager.certificate"): v.certificate.title,
                tr("manager.status"): tr(f"certificates.status.{v.status.state}"),
                tr("manager.changed"): ", ".join(v.status.changed_sections) or "—",
                tr("manager.expires"): v.certificate.expires_at.date().isoformat(),
            }
            for v in views
        ],
        hide_index=True,
    )
