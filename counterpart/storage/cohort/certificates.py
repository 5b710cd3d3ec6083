"""The certificates held in the cohort: their distinct kinds, for the refresh rules, and the
trainees' standings with the certificates in view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Text, cast, select

from counterpart.storage.cohort.dialects import as_moment
from counterpart.storage.cohort.scope import CertificateKind, CohortSlice
from counterpart.storage.cohort.standing import standing
from counterpart.storage.store import Store
from counterpart.storage.tables import CertificateRow, TeamRow, UserRow

U, C = UserRow, CertificateRow


@dataclass(frozen=True)
class CertificateStanding:
    user_id: int
    name: str
    team: str | None
    certificate_id: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    state: str  # valid | expiring | needs_refresh | expired
    kind: CertificateKind


def certificate_kinds(store: Store) -> list[CertificateKind]:
    """The distinct (certificate, policy versions, sections) held by anyone: few, whatever the
    number of holders, so the refresh rules run once per kind instead of once per holder."""
    query = select(
        C.certificate_id, cast(C.policy_versions, Text), cast(C.policy_sections, Text)
    ).distinct()
    with store.db() as db:
        return [CertificateKind(*row) for row in db.execute(query).all()]


def certificate_standings(
    store: Store, sl: CohortSlice, states: tuple[str, ...]
) -> list[CertificateStanding]:
    """Each trainee's latest certificate of each certificate in view whose state now is one of
    `states`, soonest to expire first."""
    found = standing(sl)
    query = (
        select(
            found.c.user_id,
            U.display_name,
            TeamRow.name,
            found.c.certificate_id,
            found.c.issued_at,
            found.c.expires_at,
            found.c.state,
            found.c.versions,
            found.c.sections,
        )
        .join(U, U.id == found.c.user_id)
        .outerjoin(TeamRow, TeamRow.id == U.team_id)
        .where(found.c.state.in_(states))
        .order_by(found.c.expires_at, found.c.user_id)
    )
    with store.db() as db:
        return [
            CertificateStanding(
                u,
                name,
                team,
                cert,
                as_moment(issued),
                as_moment(expires),
                state,
                CertificateKind(cert, versions, sections),
            )
            for u, name, team, cert, issued, expires, state, versions, sections in db.execute(
                query
            ).all()
        ]
