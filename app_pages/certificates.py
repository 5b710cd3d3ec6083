import streamlit as st

from app_pages.context import current_user, language, services, tr
from counterpart.certificate_html import render_certificate
from counterpart.refresh import review

core = services()
user = current_user()
st.title(tr("page.certificates"))

certificates = core.store.certificates_of(user.id)
if not certificates:
    st.info(tr("certificates.none"))

now = core.loop.clock()
for cert in reversed(certificates):
    status = review(cert, core.library, now).status
    with st.container(border=True):
        st.markdown(f"**{cert.title}** · {tr(f'certificates.status.{status.state}')}")
        st.caption(
            tr(
                "certificates.meta",
                level=cert.level,
                issued=cert.issued_at.date().isoformat(),
                expires=cert.expires_at.date().isoformat(),
                vid=cert.verification_id,
            )
        )
        if status.state != "valid":
            st.caption(status.reason)
        st.download_button(
            tr("certificates.download"),
            render_certificate(cert, user.display_name, language()),
            file_name=f"{cert.certificate_id}-{cert.verification_id}.html",
            mime="text/html",
            key=f"download-{cert.verification_id}",
        )
