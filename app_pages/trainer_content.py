import streamlit as st

from app_pages.context import current_user, services, tr
from app_pages.trainer_problems import show_problems, show_refusal
from counterpart.content_folders import KINDS
from counterpart.content_workspace import ContentWorkspace, WorkspaceError, may_edit

core = services()
user = current_user()
st.title(tr("workspace.content_title"))
if not may_edit(user):
    st.error(tr("workspace.not_allowed"))
    st.stop()
st.caption(tr("workspace.content_caption"))

workspace = ContentWorkspace.for_services(core)
if flash := st.session_state.pop("workspace_flash", None):
    st.success(flash)
if opened := st.session_state.pop("workspace_open", None):
    # A file just created: show it (set before the widgets that hold the choice are drawn).
    st.session_state["workspace_kind"] = opened[0]
    st.session_state[f"workspace_file_{opened[0]}"] = opened[1]

kind = st.radio(
    tr("workspace.kind"),
    KINDS,
    format_func=lambda k: tr(f"workspace.kind.{k}"),
    horizontal=True,
    key="workspace_kind",
)
files = {f.name: f for f in workspace.files(kind)}
choice = st.selectbox(
    tr("workspace.file"),
    list(files),
    format_func=lambda name: (
        tr("workspace.file_problems", name=name, count=files[name].problems)
        if files[name].problems
        else name
    ),
    key=f"workspace_file_{kind}",
)
chosen = files.get(choice)
on_disk = chosen.path.read_text(encoding="utf-8") if chosen else ""

if chosen is None:
    st.info(tr("workspace.no_files"))
else:
    slot = f"{kind}_{choice}"
    # What the editor started from: a save is refused if the file changed on disk since.
    base = st.session_state.setdefault(f"workspace_base_{slot}", on_disk)
    text = st.text_area(
        tr("workspace.editor", file=chosen.path.name),
        value=on_disk,
        height=420,
        key=f"workspace_text_{slot}",
    )
    validate, save, reload = st.columns(3)
    if reload.button(tr("workspace.reload"), key="workspace_reload"):
        # Drops this session's edits: the editor shows the file as it is on disk now.
        for key in (f"workspace_base_{slot}", f"workspace_text_{slot}", "workspace_checked"):
            st.session_state.pop(key, None)
        st.rerun()
    if validate.button(tr("workspace.validate"), key="workspace_validate"):
        problems = workspace.check(kind, chosen.path, text)
        st.session_state["workspace_checked"] = (str(chosen.path), text, problems)
    checked = st.session_state.get("workspace_checked")
    current = checked is not None and checked[:2] == (str(chosen.path), text)
    if current and checked[2]:
        show_problems(checked[2])
    elif current:
        st.success(tr("workspace.valid"))
    else:
        st.caption(tr("workspace.validate_first"))
    if save.button(
        tr("workspace.save"),
        key="workspace_save",
        type="primary",
        disabled=not current or bool(checked[2]),
    ):
        try:
            workspace.save(user, kind, chosen.path, text, expected=base)
        except (WorkspaceError, PermissionError) as exc:
            show_refusal("workspace.not_saved", exc)
        else:
            st.session_state[f"workspace_base_{slot}"] = text
            st.session_state["workspace_flash"] = tr("workspace.saved", file=chosen.path.name)
            st.rerun()

st.divider()
st.subheader(tr("workspace.new_file"))
name = st.text_input(tr("workspace.new_name"), key=f"workspace_new_name_{kind}")
new_text = st.text_area(
    tr("workspace.new_text", file=chosen.path.name) if chosen else tr("workspace.new_text_empty"),
    value=on_disk,
    height=240,
    key=f"workspace_new_text_{kind}",
)
if st.button(tr("workspace.create"), key="workspace_create", disabled=not name.strip()):
    try:
        path = workspace.create(user, kind, name.strip(), new_text)
    except (WorkspaceError, PermissionError) as exc:
        show_refusal("workspace.not_created", exc)
    else:
        st.session_state["workspace_flash"] = tr("workspace.created", file=path.name)
        st.session_state["workspace_open"] = (kind, path.stem)
        st.rerun()
