import altair as alt
import streamlit as st

from app_pages.context import current_user, services, tr
from counterpart.progress import lesson_records, passed_in
from counterpart.refresh import renew, review
from curricula.certification import module_states

core = services()
user = current_user()
st.title(tr("page.progress"))
DIMENSIONS = ("empathy", "policy", "speed", "resolution")

records = lesson_records(core.store, core.library, user)
now = core.loop.clock()
for view in (review(c, core.library, now) for c in core.store.certificates_of(user.id)):
    cert = view.certificate
    if view.status.state == "needs_refresh":
        st.warning(tr("progress.needs_refresh", title=cert.title, reason=view.status.reason))
        for curriculum_id, lesson_id in view.refresh_lessons:
            st.markdown(f"- {curriculum_id} / {lesson_id}")
        if st.button(tr("progress.renew"), key=f"renew-{cert.verification_id}"):
            try:
                renew(core.store, core.library, user, cert.verification_id, now)
            except ValueError as exc:
                st.error(str(exc))
            else:
                st.rerun()
    elif view.status.state == "expired" or view.expiring_soon:
        st.warning(
            tr("progress.expiring", title=cert.title, date=cert.expires_at.date().isoformat())
        )

best = {d: [r.best[d] for r in records.values() if r.best.get(d) is not None] for d in DIMENSIONS}
skills = [
    {"skill": tr(f"score.{d}"), "score": round(sum(v) / len(v))} for d, v in best.items() if v
]
if skills:
    st.subheader(tr("progress.skills"))
    # A radial chart: one wedge per skill, its length the mean of the best scores.
    st.altair_chart(
        alt.Chart(alt.Data(values=skills))
        .mark_arc(innerRadius=20, stroke="#fff")
        .encode(
            theta=alt.Theta("skill:N"),
            radius=alt.Radius("score:Q", scale=alt.Scale(domain=[0, 100], type="sqrt")),
            color=alt.Color("skill:N", legend=alt.Legend(title=None)),
            tooltip=["skill:N", "score:Q"],
        ),
        width="stretch",
    )

for curriculum in core.library.curricula.values():
    passed = passed_in(records, curriculum.id)
    rows = []
    for track in curriculum.tracks:
        for state, module in zip(module_states(track, passed), track.modules, strict=True):
            for activity in module.lessons:
                record = records.get((curriculum.id, activity.id))
                if record is None and not state.unlocked:
                    continue
                row = {
                    tr("progress.lesson"): activity.title,
                    tr("progress.module"): module.title,
                    tr("lessons.passed"): bool(record and record.passed),
                    tr("progress.attempts"): record.attempts if record else 0,
                }
                for d in DIMENSIONS:
                    row[f"{tr(f'score.{d}')} ↑"] = record.best.get(d) if record else None
                    row[tr(f"score.{d}")] = record.latest.get(d) if record else None
                rows.append(row)
            if not state.done and state.unlocked and state.blocking:
                st.caption(
                    tr("progress.blocking", track=track.title, needed=", ".join(state.blocking))
                )
    if any(row[tr("progress.attempts")] for row in rows):
        st.subheader(curriculum.title)
        st.dataframe(rows, hide_index=True)

history = [
    {
        tr("progress.when"): s.started_at.strftime("%Y-%m-%d %H:%M"),
        tr("progress.lesson"): f"{s.curriculum_id} / {s.lesson_id}",
        tr("progress.ended"): s.end_reason or "—",
    }
    for s in core.store.sessions_of(user.id)
]
if history:
    st.subheader(tr("progress.history"))
    st.dataframe(history, hide_index=True)
