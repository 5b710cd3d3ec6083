import datetime as dt

import streamlit as st

from app_pages.context import current_user, services, tr
from app_pages.trainer_problems import show_problems, show_refusal
from counterpart.content_workspace import ContentWorkspace, WorkspaceError, may_edit

core = services()
user = current_user()
st.title(tr("workspace.publish_title"))
if not may_edit(user):
    st.error(tr("workspace.not_allowed"))
    st.stop()
st.caption(tr("workspace.publish_caption"))

workspace = ContentWorkspace.for_services(core)
if flash := st.session_state.pop("publish_flash", None):
    st.success(flash)

policies = sorted(core.library.policies)
policy_id = st.selectbox(tr("workspace.policy"), policies, key="publish_policy")
if policy_id is None:
    st.stop()
current = workspace.current_policy(policy_id)
st.caption(
    tr("workspace.current", version=current.version, effective=current.effective.isoformat())
)
label, when = st.columns(2)
effective = when.date_input(
    tr("workspace.effective"),
    value=max(core.loop.clock().date(), current.effective) + dt.timedelta(days=1),
    key=f"publish_effective_{policy_id}",
)
version = label.text_input(
    tr("workspace.new_version"),
    value=workspace.suggested_version(policy_id, effective),
    key=f"publish_version_{policy_id}",
)

text_key = f"publish_text_{policy_id}"
if st.button(tr("workspace.draft"), key="publish_draft"):
    try:
        st.session_state[text_key] = workspace.draft_policy_version(
            policy_id, version.strip(), effective
        )
    except WorkspaceError as exc:
        show_refusal("workspace.not_drafted", exc)
if text_key not in st.session_state:
    st.info(tr("workspace.draft_first"))
    st.stop()
text = st.text_area(tr("workspace.draft_text", policy=policy_id), height=420, key=text_key)

if st.button(tr("workspace.show_impact"), key="publish_review"):
    st.session_state["publish_reviewed"] = workspace.publication_impact(user, policy_id, text)
reviewed = st.session_state.get("publish_reviewed")
if reviewed is None or reviewed.policy_id != policy_id:
    st.info(tr("workspace.impact_first"))
    st.stop()
if reviewed.text != text:
    # Publishing needs the impact of exactly the text that will be written.
    st.warning(tr("workspace.text_changed"))
    st.stop()
if reviewed.problems:
    show_problems(reviewed.problems)

found = reviewed.impact
if found is not None:
    st.subheader(tr("workspace.impact", old=current.ref, new=reviewed.policy.ref))
    counts = st.columns(4)
    counts[0].metric(tr("workspace.sections_changed"), len(found.changes))
    counts[1].metric(tr("workspace.lessons_touched"), len(found.lessons))
    counts[2].metric(tr("workspace.scenarios_touched"), len(found.exam_scenarios))
    counts[3].metric(tr("workspace.held_to_refresh"), reviewed.refresh_total)
    if not found.changes:
        st.info(tr("workspace.no_change"))
    else:
        st.markdown(f"**{tr('workspace.sections_changed')}**")
        st.dataframe(
            [
                {
                    tr("workspace.col.section"): c.section_id,
                    tr("workspace.col.change"): tr(f"workspace.change.{c.change}"),
                    tr("workspace.col.details"): "; ".join(c.details),
                }
                for c in found.changes
            ],
            hide_index=True,
        )
        touched = [*found.lessons, *found.exam_scenarios]
        if touched:
            st.markdown(f"**{tr('workspace.lessons_touched')}**")
            st.dataframe(
                [
                    {tr("workspace.col.lesson"): ref, tr("workspace.col.why"): found.why[ref]}
                    for ref in touched
                ],
                hide_index=True,
            )
        certificates = list(dict.fromkeys([*found.certificates, *reviewed.refresh]))
        if certificates:
            st.markdown(f"**{tr('workspace.certificates_touched')}**")
            st.dataframe(
                [
                    {
                        tr("workspace.col.certificate"): spec,
                        tr("workspace.col.why"): found.why.get(spec, ""),
                        tr("workspace.col.held"): reviewed.refresh.get(spec, 0),
                    }
                    for spec in certificates
                ],
                hide_index=True,
            )

if st.button(
    tr("workspace.publish", file=reviewed.path.name),
    key="publish_go",
    type="primary",
    disabled=not reviewed.ready,
):
    try:
        path = workspace.publish_policy_version(user, reviewed)
    except (WorkspaceError, PermissionError) as exc:
        show_refusal("workspace.not_published", exc)
    else:
        st.session_state["publish_flash"] = tr(
            "workspace.published", file=path.name, effective=reviewed.policy.effective.isoformat()
        )
        # The next draft starts from the version just published, with fresh suggestions.
        for key in ("publish_reviewed", text_key, f"publish_version_{policy_id}"):
            st.session_state.pop(key, None)
        st.session_state.pop(f"publish_effective_{policy_id}", None)
        st.rerun()
