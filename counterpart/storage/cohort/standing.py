"""Where trainees stand with the certificates in view: the latest of each kind, its state now
(valid, expiring, needs_refresh, expired), and who holds a track's certificate."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    and_,
    case,
    cast,
    exists,
    false,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from counterpart.storage.cohort.dialects import utc
from counterpart.storage.cohort.scope import CohortSlice, slice_trainees
from counterpart.storage.tables import CertificateRow

C = CertificateRow

# A valid certificate this close to its end is listed as expiring.
EXPIRING_WITHIN = dt.timedelta(days=30)
HOLDS = ("valid", "expiring")


def certificate_of(sl: CohortSlice, curriculum, track) -> ColumnElement[str]:
    """The certificate id a (curriculum, track) pair leads to; '' for tracks without one."""
    return case(
        *(
            (and_(curriculum == t.curriculum_id, track == t.track_id), literal(t.certificate_id))
            for t in sl.tracks
            if t.certificate_id
        ),
        else_=literal(""),
    )


def certificates_in_view(sl: CohortSlice) -> list[str]:
    return sorted({t.certificate_id for t in sl.tracks if t.certificate_id})


def _stale(sl: CohortSlice, c=C) -> ColumnElement[bool]:
    return or_(
        false(),
        *(
            and_(
                c.certificate_id == kind.certificate_id,
                cast(c.policy_versions, Text) == kind.versions,
                cast(c.policy_sections, Text) == kind.sections,
            )
            for kind in sl.stale
        ),
    )


def _latest(c) -> ColumnElement[bool]:
    """Certificate `c` is its holder's latest of its kind: a renewal or a retake replaces
    the certificate before it."""
    later = aliased(C, name="later")
    return ~exists().where(
        later.user_id == c.user_id,
        later.certificate_id == c.certificate_id,
        or_(
            later.issued_at > c.issued_at,
            and_(later.issued_at == c.issued_at, later.id > c.id),
        ),
    )


def standing(sl: CohortSlice):
    """Each trainee's latest certificate of every certificate in view, with its state now:
    expired, needs_refresh, expiring or valid."""
    state = case(
        (C.expires_at <= utc(sl.now), "expired"),
        (_stale(sl), "needs_refresh"),
        (C.expires_at <= utc(sl.now + EXPIRING_WITHIN), "expiring"),
        else_="valid",
    )
    return (
        select(
            C.user_id,
            C.certificate_id,
            C.issued_at,
            C.expires_at,
            state.label("state"),
            cast(C.policy_versions, Text).label("versions"),
            cast(C.policy_sections, Text).label("sections"),
        )
        .where(
            C.user_id.in_(slice_trainees(sl)),
            C.certificate_id.in_(certificates_in_view(sl)),
            _latest(C),
        )
        .subquery("standing")
    )


def certified(sl: CohortSlice) -> Select:
    found = standing(sl)
    return select(found.c.user_id).where(found.c.state.in_(HOLDS))


def needs_refresh(sl: CohortSlice) -> Select:
    found = standing(sl)
    return select(found.c.user_id).where(found.c.state == "needs_refresh")


def _holds(sl: CohortSlice, user_id, certificate_id) -> ColumnElement[bool]:
    """The trainee's latest certificate `certificate_id` has not expired (valid, expiring or
    in need of a refresh: they are through the track, whatever they must catch up on)."""
    c = aliased(C, name="held")
    return exists().where(
        c.user_id == user_id,
        c.certificate_id == certificate_id,
        c.expires_at > utc(sl.now),
        _latest(c),
    )


def not_held(sl: CohortSlice, pairs) -> Select:
    """Trainees of the (user_id, curriculum_id, track_id) rows `pairs` who do not hold that
    track's certificate (see _holds; tracks without a certificate are never held)."""
    certificate = certificate_of(sl, pairs.c.curriculum_id, pairs.c.track_id)
    return select(pairs.c.user_id).where(~_holds(sl, pairs.c.user_id, certificate)).distinct()
