import streamlit as st

from app_pages.context import current_user, plain, services, tr
from counterpart.session_loop import PracticeError

core = services()
user = current_user()
chosen = st.session_state.get("exercise")
if chosen is None:
    st.info(tr("exercise.none"))
    st.stop()

curriculum_id, exercise_id = chosen
exercise = core.qa.exercise(curriculum_id, exercise_id)
st.title(exercise.title)
st.caption(
    tr("exercise.how", tolerance=exercise.tolerance, share=round(exercise.pass_agreement * 100))
)
st.markdown(f"{tr('lessons.objectives')}:\n" + "\n".join(f"- {o}" for o in exercise.objectives))

grades: dict[int, dict[str, int]] = {}
with st.form("grading"):
    for index, turn in enumerate(exercise.transcript):
        with st.chat_message("user" if turn.role == "agent" else "assistant"):
            st.markdown(plain(turn.text))
            if turn.role == "agent" and turn.gold:
                cols = st.columns(len(turn.gold))
                grades[index] = {
                    dimension: col.number_input(
                        tr(f"score.{dimension}")
                        if dimension in ("empathy", "policy", "speed")
                        else dimension,
                        min_value=0,
                        max_value=100,
                        value=50,
                        step=5,
                        key=f"grade-{exercise.id}-{index}-{dimension}",
                    )
                    for col, dimension in zip(cols, turn.gold, strict=True)
                }
    submitted = st.form_submit_button(tr("exercise.submit"), type="primary")

if submitted:
    try:
        agreement = core.qa.submit(user, curriculum_id, exercise_id, grades)
    except PracticeError as exc:
        st.error(tr(f"error.{exc.code}"))
    else:
        share = round(agreement.share * 100)
        (st.success if agreement.passed else st.warning)(
            tr(
                "exercise.result",
                share=share,
                verdict=tr("summary.passed") if agreement.passed else tr("summary.failed"),
            )
        )
        for index, checks in agreement.per_turn.items():
            for check in checks:
                mark = "✓" if check.agreed else "✗"
                given = check.given if check.given is not None else "—"
                line = tr(
                    "exercise.check",
                    turn=index + 1,
                    dimension=check.dimension,
                    given=given,
                    gold=check.gold,
                )
                st.markdown(f"{mark} {line}")
