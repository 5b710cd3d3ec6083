"""Accounts and teams, for admins: people, roles, teams, team managers and CSV import. Every
action is checked again in the core (counterpart.accounts.require_admin)."""

import streamlit as st

from app_pages.context import current_user, plain, services, tr
from counterpart.accounts import (
    ROLES,
    AccountError,
    NotAdmin,
    add_account,
    change_role,
    temporary_password,
)
from counterpart.teams import assign_team, create_team, roster, set_team_managers
from counterpart.user_import import carry_out, check_import

core = services()
store = core.store
admin = current_user()
st.title(tr("admin.page"))

try:
    people = roster(store, admin)
except NotAdmin:
    st.error(tr("admin.not_allowed"))
    st.stop()


def done(message: str, passwords: list[tuple[str, str]] = ()) -> None:
    """Show the message (and temporary passwords) once, on the run that follows."""
    st.session_state["admin_notice"] = (message, list(passwords))
    st.rerun()


def failed(exc: Exception) -> None:
    # Core messages quote names people typed.
    st.error(tr("admin.failed", problem=plain(str(exc))))


def role_name(role: str) -> str:
    return tr(f"role.{role}")


def team_label(team_id: int | None) -> str:
    return people.team_name(team_id) or tr("admin.no_team")


notice = st.session_state.pop("admin_notice", None)
if notice:
    message, passwords = notice
    st.success(message)
    if passwords:
        st.warning(tr("admin.temporary_passwords"))
        st.dataframe(
            [{tr("admin.username"): u, tr("admin.temporary_password"): p} for u, p in passwords],
            hide_index=True,
        )

by_id = {u.id: u for u in people.users}
team_ids = [t.id for t in people.teams]
managed: dict[int, list[str]] = {}
for team_id, user_ids in people.managers.items():
    for user_id in user_ids:
        managed.setdefault(user_id, []).append(people.team_name(team_id) or "")

st.subheader(tr("admin.people"))
st.dataframe(
    [
        {
            tr("admin.username"): u.username,
            tr("admin.display_name"): u.display_name,
            tr("admin.role"): role_name(u.role),
            tr("admin.team"): people.team_name(u.team_id) or "",
            tr("admin.manages"): ", ".join(managed.get(u.id, [])),
        }
        for u in people.users
    ],
    hide_index=True,
)

add_tab, person_tab, teams_tab, import_tab = st.tabs(
    [tr("admin.add_user"), tr("admin.change_person"), tr("admin.teams"), tr("admin.import")]
)

with add_tab, st.form("admin_add_user", clear_on_submit=True):
    username = st.text_input(tr("admin.username"), key="admin_new_username")
    display_name = st.text_input(tr("admin.display_name"), key="admin_new_display_name")
    role = st.selectbox(tr("admin.role"), ROLES, format_func=role_name, key="admin_new_role")
    team = st.selectbox(
        tr("admin.team"), [None, *team_ids], format_func=team_label, key="admin_new_team"
    )
    password = st.text_input(
        tr("admin.password"),
        type="password",
        help=tr("admin.password_help"),
        key="admin_new_password",
    )
    if st.form_submit_button(tr("admin.add")):
        temporary = [] if password else [(username.strip().lower(), temporary_password())]
        try:
            user = add_account(
                store,
                admin,
                username,
                password or temporary[0][1],
                role,
                display_name,
                people.team_name(team),
            )
        except (AccountError, NotAdmin) as exc:
            failed(exc)
        else:
            done(
                tr("admin.user_added", username=plain(user.username), role=role_name(user.role)),
                temporary,
            )

with person_tab:
    chosen = st.selectbox(
        tr("admin.person"),
        [u.id for u in people.users],
        format_func=lambda user_id: by_id[user_id].username,
        key="admin_person",
    )
    if chosen is not None:
        person = by_id[chosen]
        new_role = st.selectbox(
            tr("admin.role"),
            ROLES,
            index=ROLES.index(person.role) if person.role in ROLES else 0,
            format_func=role_name,
            key=f"admin_role_{chosen}",
        )
        new_team = st.selectbox(
            tr("admin.team"),
            [None, *team_ids],
            index=([None, *team_ids].index(person.team_id) if person.team_id in team_ids else 0),
            format_func=team_label,
            key=f"admin_team_{chosen}",
        )
        if st.button(tr("admin.save"), key="admin_save_person"):
            try:
                if new_role != person.role:
                    change_role(store, admin, person.id, new_role)
                if new_team != person.team_id:
                    assign_team(store, admin, person.id, new_team)
            except (AccountError, NotAdmin) as exc:
                failed(exc)
            else:
                done(
                    tr(
                        "admin.person_saved",
                        username=plain(person.username),
                        role=role_name(new_role),
                        team=plain(team_label(new_team)),
                    )
                )

with teams_tab:
    st.subheader(tr("admin.create_team"))
    with st.form("admin_create_team", clear_on_submit=True):
        name = st.text_input(
            tr("admin.team_name"), help=tr("admin.team_name_help"), key="admin_team_name"
        )
        if st.form_submit_button(tr("admin.create")):
            try:
                created = create_team(store, admin, name)
            except (AccountError, NotAdmin) as exc:
                failed(exc)
            else:
                done(tr("admin.team_created", team=plain(created.name)))
    st.subheader(tr("admin.managers"))
    st.caption(tr("admin.managers_help"))
    if not team_ids:
        st.info(tr("admin.no_teams"))
    else:
        team_id = st.selectbox(
            tr("admin.team"), team_ids, format_func=team_label, key="admin_managers_team"
        )
        candidates = [u.id for u in people.users if u.role == "manager"]
        chosen_managers = st.multiselect(
            tr("admin.managers"),
            candidates,
            default=[i for i in people.managers.get(team_id, []) if i in candidates],
            format_func=lambda user_id: by_id[user_id].username,
            key=f"admin_managers_{team_id}",
        )
        if st.button(tr("admin.save"), key="admin_save_managers"):
            try:
                set_team_managers(store, admin, team_id, chosen_managers)
            except (AccountError, NotAdmin) as exc:
                failed(exc)
            else:
                done(tr("admin.managers_saved", team=plain(team_label(team_id))))

with import_tab:
    st.caption(tr("admin.import_help"))
    # A new key after each import empties the uploader, so the imported file is not offered
    # again (it would now only show every username as taken).
    round_ = st.session_state.setdefault("admin_import_round", 0)
    upload = st.file_uploader(tr("admin.import_file"), type=["csv"], key=f"admin_csv_{round_}")
    create_teams = st.checkbox(tr("admin.create_teams"), key="admin_create_teams")
    if upload is not None:
        plan = check_import(store, admin, upload.getvalue(), upload.name, create_teams=create_teams)
        if plan.problems:
            st.error(tr("admin.import_problems", n=len(plan.problems)))
            st.code("\n".join(str(p) for p in plan.problems), language=None)
        else:
            st.info(
                tr(
                    "admin.import_ready",
                    n=len(plan.rows),
                    teams=plain(", ".join(plan.new_teams)) or tr("admin.none"),
                )
            )
            st.dataframe(
                [
                    {
                        tr("admin.username"): row.username,
                        tr("admin.display_name"): row.display_name,
                        tr("admin.role"): role_name(row.role),
                        tr("admin.team"): row.team or "",
                        tr("admin.password"): tr(
                            "admin.password_given" if row.password else "admin.password_temporary"
                        ),
                    }
                    for row in plan.rows
                ],
                hide_index=True,
            )
            if st.button(tr("admin.import_button", n=len(plan.rows)), type="primary"):
                bar = st.progress(0.0)

                def hashed(count: int, total: int) -> None:
                    bar.progress(count / total, text=tr("admin.hashing", done=count, total=total))

                try:
                    result = carry_out(store, admin, plan, hashed)
                except (AccountError, NotAdmin) as exc:
                    failed(exc)
                else:
                    st.session_state["admin_import_round"] = round_ + 1
                    done(tr("admin.imported", n=len(result.users)), result.temporary_passwords)
