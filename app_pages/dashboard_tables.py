"""Dashboard tables on the page: translated, shown, exported as CSV, and opened onto the
trainees behind a row, a trainee's sessions and a transcript."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from app_pages.context import current_user, plain, services, tr
from counterpart.dashboard.export import to_csv
from counterpart.dashboard.filters import Filters, teams_in_view
from counterpart.dashboard.people import trainee_sessions, trainees_behind
from counterpart.dashboard.table import Group, Table
from counterpart.dashboard.views import VIEWS
from counterpart.storage.records import User
from counterpart.visibility import NotVisible

# Columns whose values are keys with a translation of their own.
KEYED = {
    "figure": "dashboard.figure.",
    "stage": "dashboard.stage.",
    "state": "dashboard.state.",
    "weakest_dimension": "dashboard.dimension.",
}


def now() -> dt.datetime:
    # To the minute, so that cached figures are shared for a minute and then worked out again.
    return services().loop.clock().replace(second=0, microsecond=0)


# Cached per database, viewer, the teams they may see now, filters and minute: picking a row
# reruns the page, and the figures of 200,000 sessions need not be added up again for it; a
# change of the teams a manager may see is a new key, so it shows at once.
@st.cache_data(ttl=60, show_spinner=False, max_entries=256)
def view(
    url: str,
    name: str,
    viewer: User,
    scope: frozenset[int],
    filters: Filters,
    moment: dt.datetime,
) -> Table:
    core = services()
    return VIEWS[name](core.store, core.library, viewer, filters, moment)


@st.cache_data(ttl=60, show_spinner=False, max_entries=256)
def people(
    url: str,
    viewer: User,
    scope: frozenset[int],
    filters: Filters,
    moment: dt.datetime,
    group: Group,
) -> Table:
    core = services()
    return trainees_behind(core.store, core.library, viewer, filters, moment, group)


def _scope() -> frozenset[int]:
    return frozenset(t.id for t in teams_in_view(services().store, current_user()))


def table_of(name: str, filters: Filters) -> Table:
    return view(services().store.url, name, current_user(), _scope(), filters, now())


def _value(column: str, value: object) -> object:
    if column in KEYED and value is not None:
        return tr(KEYED[column] + str(value))
    if column == "team" and value is None:
        return tr("dashboard.no_team")
    return value


def shown(table: Table) -> Table:
    """The table as people read it: translated column names and keyed values."""
    return Table(
        table.name,
        tuple(tr(f"dashboard.col.{c}") for c in table.columns),
        tuple(
            tuple(_value(c, v) for c, v in zip(table.columns, row, strict=True))
            for row in table.rows
        ),
        table.links,
    )


def download(table: Table, key: str) -> None:
    st.download_button(
        tr("dashboard.download"),
        to_csv(table),
        file_name=f"{table.name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"dashboard_{key}_csv",
    )


def section(table: Table, key: str, filters: Filters) -> None:
    """A table (every string in it shown as text), its CSV, and the trainees behind the row
    picked in it."""
    if not table.rows:
        st.caption(tr("dashboard.empty"))
        return
    readable = shown(table)
    picked = st.dataframe(
        readable.records(),
        hide_index=True,
        on_select="rerun" if table.links else "ignore",
        selection_mode="single-row",
        key=f"dashboard_{key}",
    )
    download(readable, key)
    rows = picked.selection.rows if table.links and picked else []
    if rows:
        words = [v for v in readable.rows[rows[0]] if isinstance(v, str) and v][:3]
        behind(table.links[rows[0]], " · ".join(words), key, filters)


def behind(group: Group, what: str, key: str, filters: Filters) -> None:
    """The trainees behind a figure; picking one opens their sessions."""
    if group.kind == "trainee":
        trainee(group.key[0], key, filters)
        return
    try:
        found = people(services().store.url, current_user(), _scope(), filters, now(), group)
    except NotVisible:
        st.error(tr("dashboard.not_allowed"))
        return
    st.caption(tr("dashboard.behind", what=plain(what)))
    if not found.rows:
        st.caption(tr("dashboard.no_trainees"))
        return
    readable = shown(found)
    st.dataframe(readable.records(), hide_index=True, key=f"dashboard_{key}_people")
    download(readable, f"{key}_people")
    names = {link.key[0]: row[0] for link, row in zip(found.links, found.rows, strict=True)}
    chosen = st.selectbox(
        tr("dashboard.pick_trainee"),
        list(names),
        index=None,
        format_func=names.get,
        key=f"dashboard_{key}_trainee",
    )
    if chosen is not None:
        trainee(chosen, key, filters)


def trainee(user_id: int, key: str, filters: Filters) -> None:
    """One trainee's sessions in view, with links to their page and to each transcript."""
    core, viewer = services(), current_user()
    try:
        sessions = trainee_sessions(core.store, core.library, viewer, filters, now(), user_id)
    except NotVisible:
        st.error(tr("dashboard.not_allowed"))
        return
    # A role without the trainee or transcript page gets no link rather than an error.
    with suppress(StreamlitPageNotFoundError):
        st.page_link(
            "app_pages/trainee_detail.py",
            label=tr("dashboard.open_trainee"),
            icon=":material/person:",
            query_params={"trainee": str(user_id)},
        )
    st.caption(tr("dashboard.sessions_of"))
    if not sessions.rows:
        st.caption(tr("dashboard.empty"))
        return
    readable = shown(sessions)
    st.dataframe(readable.records(), hide_index=True, key=f"dashboard_{key}_sessions")
    download(readable, f"{key}_sessions")
    labels = {
        link.key[0]: tr("dashboard.session_option", ended=row[0], lesson=row[1])
        for link, row in zip(sessions.links, sessions.rows, strict=True)
    }
    session = st.selectbox(
        tr("dashboard.pick_session"),
        list(labels),
        index=None,
        format_func=labels.get,
        key=f"dashboard_{key}_session",
    )
    if session is not None:
        with suppress(StreamlitPageNotFoundError):
            st.page_link(
                "app_pages/transcript.py",
                label=tr("dashboard.open_transcript"),
                icon=":material/forum:",
                query_params={"session": str(session)},
            )
