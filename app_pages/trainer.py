import streamlit as st

from app_pages.charts import satisfaction_curve
from app_pages.context import plain, services, tr
from counterpart.customer.scripted import ScriptedCustomer
from counterpart.llm_gateway import LLMError
from counterpart.persona_preview import PersonaPreview, PreviewError
from curricula.library import PERSONA_LIBRARY, check_persona

core = services()
st.title(tr("trainer.title"))
st.caption(tr("workspace.preview_caption"))

personas = sorted(core.library.personas)
choice = st.selectbox(tr("trainer.persona"), personas, key="preview_persona")
# The file the persona was loaded from: the library need not be the shipped one.
source = (
    core.library.sources.get(f"persona:{choice}", PERSONA_LIBRARY / f"{choice}.yaml")
    if choice
    else None
)
text = st.text_area(
    tr("trainer.persona_file"),
    value=source.read_text(encoding="utf-8") if source and source.exists() else "",
    height=300,
    key=f"preview_text_{choice}",
)
engines = ["scripted", "llm"] if core.gateway else ["scripted"]
engine_name = st.radio(tr("trainer.engine"), engines, horizontal=True, key="preview_engine")

persona, problems = check_persona(core.library, source or PERSONA_LIBRARY / "new.yaml", text)
if problems:
    st.error(tr("trainer.invalid"))
    st.code("\n".join(str(p) for p in problems), language=None)
elif persona is not None:
    st.success(tr("trainer.valid"))

if st.button(tr("trainer.start"), type="primary", disabled=persona is None or bool(problems)):
    policy_id = persona.policy_sections[0].partition("#")[0] if persona.policy_sections else None
    engine = core.loop.engines.get(engine_name)
    st.session_state["preview"] = PersonaPreview(
        persona,
        core.library.policy(policy_id) if policy_id else None,
        engine or ScriptedCustomer(),
    )
    st.session_state.pop("preview_failed", None)

preview: PersonaPreview | None = st.session_state.get("preview")
if preview is None:
    st.stop()

st.divider()
chat, hidden = st.columns([3, 2])
with hidden:
    st.subheader(tr("trainer.hidden_state"))
    step = preview.step
    a, b = st.columns(2)
    a.metric(tr("trainer.satisfaction"), step.state.satisfaction)
    b.metric(tr("trainer.patience"), step.state.patience)
    st.caption(tr("trainer.revealed", facts=", ".join(step.state.revealed) or "—"))
    noticed = [name for name, on in vars(step.reading).items() if on]
    st.caption(tr("trainer.noticed", what=", ".join(noticed) or "—"))
    if step.state.threatened:
        st.warning(tr("trainer.threatened"))
    satisfaction_curve(preview.curve)

with chat:
    for role, said in preview.history:
        with st.chat_message("user" if role == "trainee" else "assistant"):
            st.markdown(plain(said))
    if preview.awaiting_customer and not st.session_state.get("preview_failed"):
        with st.chat_message("assistant"):
            try:
                st.write_stream(plain(chunk) for chunk in preview.customer_turn())
            except LLMError as exc:
                st.session_state["preview_failed"] = str(exc)
        st.rerun()
    if st.session_state.get("preview_failed"):
        st.error(tr("practice.customer_failed", error=st.session_state["preview_failed"]))
        if st.button(tr("practice.offline")):
            preview.engine = ScriptedCustomer()
            st.session_state.pop("preview_failed")
            st.rerun()
    if preview.ended:
        st.info(tr("summary.ended", reason=tr(f"end.{preview.ended}")))
    elif not preview.awaiting_customer:
        said = st.chat_input(tr("trainer.reply_as_agent"))
        if said is not None:
            try:
                preview.reply(said)
            except PreviewError:
                st.error(tr("error.empty_reply"))
            else:
                st.rerun()
