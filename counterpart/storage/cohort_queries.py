"""Reads for the manager dashboard: counts, rates and averages over a cohort, added up by the
database from one score row per ended session (session_scores), the people, their teams,
certificates, exam attempts and QA exercise results. Turns and grades are never read here:
at a few thousand trainees they are millions of rows.

Every function takes the Store and a CohortSlice: the teams the viewer may see (already
narrowed by a team filter), the tracks in view, the date range and the moment "now". The
definitions of the figures are the core's (counterpart/dashboard/); this module only counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Float,
    Select,
    String,
    Text,
    and_,
    bindparam,
    case,
    cast,
    distinct,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from counterpart.storage.store import Store, _aware
from counterpart.storage.tables import (
    CertificateRow,
    ExamAttemptRow,
    ExerciseResultRow,
    SessionScoreRow,
    TeamRow,
    UserRow,
)

S, U, C = SessionScoreRow, UserRow, CertificateRow

# A trainee who has not practised a track for this long, without its certificate, is stuck.
IDLE_AFTER = dt.timedelta(days=14)
# ...as is one who tried a lesson this many times without ever passing it.
FAILED_TRIES = 3
# A valid certificate this close to its end is listed as expiring.
EXPIRING_WITHIN = dt.timedelta(days=30)


@dataclass(frozen=True)
class TrackSpan:
    curriculum_id: str
    track_id: str
    certificate_id: str | None
    modules: tuple[tuple[str, ...], ...]  # activity ids of each module, in unlock order
    has_exam: bool


@dataclass(frozen=True)
class CertificateKind:
    """Certificates that read alike to the refresh rules: same spec, same policy versions and
    sections (JSON text as stored)."""

    certificate_id: str
    versions: str
    sections: str


@dataclass(frozen=True)
class CohortSlice:
    teams: frozenset[int] | None  # None: every team, and trainees in none
    tracks: tuple[TrackSpan, ...]
    since: dt.datetime | None  # session end at or after (UTC)
    until: dt.datetime | None  # session end before (UTC)
    now: dt.datetime
    stale: tuple[CertificateKind, ...] = ()  # kinds whose policy sections changed since issue
    # Every track of the tracks' curricula is in view (no track filter): sessions are then
    # picked by curriculum alone, which the planners estimate far better than a list of pairs.
    whole_curricula: bool = False


@dataclass(frozen=True)
class Group:
    """Whose numbers: `kind` names a figure of the dashboard, `key` picks its row or cell.

    kinds: trainees | in_progress | certified | needs_refresh | stuck (key ()),
    funnel (curriculum, track, step), lesson (curriculum, lesson), persona (persona,),
    team (team id or None,), week ("YYYY-MM-DD",), exam (curriculum, track), issued
    (curriculum, track: first certified in range), trainee (user id,). A table row may also
    link to session (session id,), which names a transcript rather than trainees."""

    kind: str
    key: tuple = ()


@dataclass(frozen=True)
class ScoreGroup:
    key: tuple
    sessions: int
    trainees: int
    passed: int  # sessions passed
    trainees_passed: int
    empathy: float | None
    policy: float | None
    speed: float | None
    resolution: float | None


@dataclass(frozen=True)
class FunnelStep:
    curriculum_id: str
    track_id: str
    step: int
    kind: str  # started | module | exam | certified
    module: int | None  # index of the module passed, for kind "module"
    trainees: int


@dataclass(frozen=True)
class TimeToCertify:
    curriculum_id: str
    track_id: str
    user_id: int
    started: dt.datetime  # first session on the track (the account's creation without one)
    issued: dt.datetime  # first certificate of the track


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


@dataclass(frozen=True)
class TraineeLine:
    user_id: int
    name: str
    team: str | None
    sessions: int
    passed: int
    empathy: float | None
    policy: float | None
    speed: float | None
    last_session: dt.datetime | None


@dataclass(frozen=True)
class SessionLine:
    session_id: int
    curriculum_id: str
    lesson_id: str
    persona_id: str
    ended_at: dt.datetime
    exam: bool
    empathy: int | None
    policy: int | None
    speed: int | None
    resolution: int
    passed: bool | None
    handling_seconds: float


# pieces of queries


def _week(dialect: str, column) -> ColumnElement[str]:
    """The Monday (UTC) that starts the column's week, as YYYY-MM-DD."""
    if dialect == "postgresql":
        return func.to_char(func.date_trunc("week", column), "YYYY-MM-DD")
    return func.date(column, "-6 days", "weekday 1")


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite compares the stored text, which is UTC: a bound value must be UTC too.
    return moment.astimezone(dt.UTC)


def _mean(column) -> ColumnElement[float]:
    # PostgreSQL's avg of integers is numeric (a Decimal in Python); a float either way.
    return cast(func.avg(column), Float)


def _count_if(condition) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _in_teams(sl: CohortSlice, u) -> list[ColumnElement[bool]]:
    """Conditions on a users table (or alias): trainees in the slice's teams."""
    conditions = [u.role == "trainee"]
    if sl.teams is not None:
        conditions.append(u.team_id.in_(sorted(sl.teams)))
    return conditions


def _trainees(sl: CohortSlice) -> Select:
    return select(U.id).where(*_in_teams(sl, U))


def _in_tracks(sl: CohortSlice, s=S) -> ColumnElement[bool]:
    if sl.whole_curricula:
        # A session of a lesson since removed from its curriculum has no track.
        curricula = sorted({t.curriculum_id for t in sl.tracks})
        return and_(s.curriculum_id.in_(curricula), s.track_id.is_not(None))
    if len(sl.tracks) == 1:
        (track,) = sl.tracks
        return and_(s.curriculum_id == track.curriculum_id, s.track_id == track.track_id)
    return or_(
        false(),
        *(and_(s.curriculum_id == t.curriculum_id, s.track_id == t.track_id) for t in sl.tracks),
    )


def _in_range(sl: CohortSlice, column) -> list[ColumnElement[bool]]:
    conditions = []
    if sl.since is not None:
        conditions.append(column >= _utc(sl.since))
    if sl.until is not None:
        conditions.append(column < _utc(sl.until))
    return conditions


def _sessions(
    sl: CohortSlice, s=S, u=None, *, practice: bool = True, dated: bool = True
) -> list[ColumnElement[bool]]:
    """Conditions on session_scores `s`, joined to its trainee `u` (a users alias): trainees in
    the slice's teams, on its tracks, ended in its range; practice lessons only unless
    `practice` is False (exam scenarios too).

    A join rather than `user_id IN (trainees)`: SQLite would otherwise walk every trainee's
    rows through the user index even when most of the table is wanted."""
    u = u if u is not None else aliased(U)
    conditions = [u.id == s.user_id, *_in_teams(sl, u), _in_tracks(sl, s)]
    if practice:
        conditions.append(s.exam_attempt_id.is_(None))
    if dated:
        conditions += _in_range(sl, s.ended_at)
    return conditions


def _certificate_of(sl: CohortSlice, curriculum, track) -> ColumnElement[str]:
    """The certificate id a (curriculum, track) pair leads to; '' for tracks without one."""
    return case(
        *(
            (and_(curriculum == t.curriculum_id, track == t.track_id), literal(t.certificate_id))
            for t in sl.tracks
            if t.certificate_id
        ),
        else_=literal(""),
    )


def _certificates_in_view(sl: CohortSlice) -> list[str]:
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


# certificates


HOLDS = ("valid", "expiring")


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


def _standing(sl: CohortSlice):
    """Each trainee's latest certificate of every certificate in view, with its state now:
    expired, needs_refresh, expiring or valid."""
    state = case(
        (C.expires_at <= _utc(sl.now), "expired"),
        (_stale(sl), "needs_refresh"),
        (C.expires_at <= _utc(sl.now + EXPIRING_WITHIN), "expiring"),
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
            C.user_id.in_(_trainees(sl)),
            C.certificate_id.in_(_certificates_in_view(sl)),
            _latest(C),
        )
        .subquery("standing")
    )


def _certified(sl: CohortSlice) -> Select:
    standing = _standing(sl)
    return select(standing.c.user_id).where(standing.c.state.in_(HOLDS))


def _needs_refresh(sl: CohortSlice) -> Select:
    standing = _standing(sl)
    return select(standing.c.user_id).where(standing.c.state == "needs_refresh")


def _holds(sl: CohortSlice, user_id, certificate_id) -> ColumnElement[bool]:
    """The trainee's latest certificate `certificate_id` has not expired (valid, expiring or
    in need of a refresh: they are through the track, whatever they must catch up on)."""
    c = aliased(C, name="held")
    return exists().where(
        c.user_id == user_id,
        c.certificate_id == certificate_id,
        c.expires_at > _utc(sl.now),
        _latest(c),
    )


def _not_held(sl: CohortSlice, pairs) -> Select:
    """Trainees of the (user_id, curriculum_id, track_id) rows `pairs` who do not hold that
    track's certificate (see _holds; tracks without a certificate are never held)."""
    certificate = _certificate_of(sl, pairs.c.curriculum_id, pairs.c.track_id)
    return select(pairs.c.user_id).where(~_holds(sl, pairs.c.user_id, certificate)).distinct()


# the overview


def _in_progress(sl: CohortSlice) -> Select:
    pairs = (
        select(S.user_id, S.curriculum_id, S.track_id)
        .where(*_sessions(sl, practice=False))
        .group_by(S.user_id, S.curriculum_id, S.track_id)
        .subquery("pairs")
    )
    return _not_held(sl, pairs)


def _stuck(sl: CohortSlice) -> Select:
    """Where each trainee is now (their latest session on a track in view), kept when they do
    not hold that track's certificate and either that session ended IDLE_AFTER ago or more, or
    it was practice of a lesson tried FAILED_TRIES times or more and never passed."""
    # The latest session of each trainee, found through the (user, ended) index: one step
    # per trainee rather than a pass over every session.
    latest = aliased(S, name="latest")
    u = aliased(U)
    latest_id = (
        select(latest.session_id)
        .where(latest.user_id == u.id, _in_tracks(sl, latest))
        # Ends are timestamps to the microsecond: no tie to break, and none of an order the
        # (user, ended) index would not give as it stands.
        .order_by(latest.ended_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    where_now = select(latest_id.label("session_id")).where(*_in_teams(sl, u)).subquery("where_now")
    now = aliased(S, name="now_at")
    current = (
        select(
            now.user_id,
            now.curriculum_id,
            now.track_id,
            now.lesson_id,
            now.exam_attempt_id,
            now.ended_at.label("last"),
        )
        .join(where_now, where_now.c.session_id == now.session_id)
        .subquery("current")
    )
    tries = aliased(S, name="tries")
    same_lesson = [
        tries.user_id == current.c.user_id,
        tries.curriculum_id == current.c.curriculum_id,
        tries.lesson_id == current.c.lesson_id,
        tries.exam_attempt_id.is_(None),
    ]
    failing = and_(
        current.c.exam_attempt_id.is_(None),
        select(func.count()).where(*same_lesson).scalar_subquery() >= FAILED_TRIES,
        ~exists().where(*same_lesson, tries.passed.is_(True)),
    )
    stuck = (
        select(current.c.user_id, current.c.curriculum_id, current.c.track_id)
        .where(or_(current.c["last"] < _utc(sl.now - IDLE_AFTER), failing))
        .subquery("stuck")
    )
    return _not_held(sl, stuck)


OVERVIEW = ("trainees", "in_progress", "certified", "needs_refresh", "stuck")


def _overview_users(sl: CohortSlice, name: str) -> Select:
    return {
        "trainees": _trainees,
        "in_progress": _in_progress,
        "certified": _certified,
        "needs_refresh": _needs_refresh,
        "stuck": _stuck,
    }[name](sl)


def overview(store: Store, sl: CohortSlice) -> dict[str, int]:
    """Distinct trainees behind each overview figure (OVERVIEW names them), in one statement."""
    counts = [
        select(func.count(distinct(users.c[0]))).scalar_subquery()
        for users in (_overview_users(sl, name).subquery() for name in OVERVIEW)
    ]
    with store.db() as db:
        return dict(zip(OVERVIEW, db.execute(select(*counts)).one(), strict=True))


# the funnel


def _progress(sl: CohortSlice, track: TrackSpan):
    """One row per trainee who started the track in range (by their first session or QA
    exercise on it): how many activities of each module they have passed, ever.

    Each trainee's first start, and each (trainee, activity) passed, come from one pass over
    the track's rows in the order of the (track, user, lesson) index; stacked, they are added
    up per trainee with no join, which neither planner can misjudge."""
    E = ExerciseResultRow
    activities = [a for module in track.modules for a in module]
    on_track = [S.curriculum_id == track.curriculum_id, S.track_id == track.track_id]
    if sl.teams is not None:
        # A few teams: their trainees' rows are found through the index, trainee by trainee.
        u = aliased(U)
        on_track += [u.id == S.user_id, *_in_teams(sl, u)]
    exercises = [E.curriculum_id == track.curriculum_id, E.exercise_id.in_(activities)]
    nothing = literal(None, String)
    rows = union_all(
        select(S.user_id, func.min(S.started_at).label("first"), nothing.label("activity"))
        .where(*on_track)
        .group_by(S.user_id),
        select(S.user_id, literal(None, DateTime(timezone=True)), S.lesson_id)
        .where(*on_track, S.exam_attempt_id.is_(None), S.passed.is_(True))
        .distinct(),
        select(E.user_id, func.min(E.created_at), nothing).where(*exercises).group_by(E.user_id),
        select(E.user_id, literal(None, DateTime(timezone=True)), E.exercise_id)
        .where(*exercises, E.passed.is_(True))
        .distinct(),
    ).subquery("rows")
    modules = [
        _count_if(rows.c.activity.in_(module)).label(f"m{i}")
        for i, module in enumerate(track.modules)
    ]
    query = (
        select(rows.c.user_id, *modules)
        .where(rows.c.user_id.in_(_trainees(sl)))
        .group_by(rows.c.user_id)
    )
    first = func.min(rows.c.first)
    # Without a start date, a trainee with a pass but no session (a QA exercise) still counts.
    query = query.having(first.is_not(None))
    if sl.since is not None:
        query = query.having(first >= _utc(sl.since))
    if sl.until is not None:
        query = query.having(first < _utc(sl.until))
    return query.subquery("progress")


def _steps(track: TrackSpan) -> list[tuple[str, int | None]]:
    steps: list[tuple[str, int | None]] = [("started", None)]
    steps += [("module", i) for i in range(len(track.modules))]
    if track.has_exam:
        steps.append(("exam", None))
    if track.certificate_id:
        steps.append(("certified", None))
    return steps


def _reached(track: TrackSpan, progress, kind: str, module: int | None) -> ColumnElement[bool]:
    """Whether a row of _progress reached a step of the funnel."""
    if kind == "started":
        return literal(True)
    if kind == "module":
        return and_(*(progress.c[f"m{i}"] >= len(track.modules[i]) for i in range(module + 1)))
    if kind == "exam":
        return exists().where(
            ExamAttemptRow.user_id == progress.c.user_id,
            ExamAttemptRow.curriculum_id == track.curriculum_id,
            ExamAttemptRow.track_id == track.track_id,
        )
    return exists().where(C.user_id == progress.c.user_id, C.certificate_id == track.certificate_id)


def funnel(store: Store, sl: CohortSlice) -> list[FunnelStep]:
    """For each track in view: the trainees who started it in range, and how many of them
    passed every activity up to each module, sat its exam and earned its certificate."""
    found = []
    with store.db() as db:
        for track in sl.tracks:
            progress = _progress(sl, track)
            steps = _steps(track)
            counts = [
                func.coalesce(_count_if(_reached(track, progress, kind, module)), 0)
                for kind, module in steps
            ]
            values = db.execute(select(*counts).select_from(progress)).one()
            found += [
                FunnelStep(track.curriculum_id, track.track_id, i, kind, module, value)
                for i, ((kind, module), value) in enumerate(zip(steps, values, strict=True))
            ]
    return found


# scores


def _score_groups(store: Store, keys, conditions: list) -> list[ScoreGroup]:
    query = (
        select(
            *keys,
            func.count(),
            func.count(distinct(S.user_id)),
            _count_if(S.passed.is_(True)),
            func.count(distinct(case((S.passed.is_(True), S.user_id)))),
            _mean(S.empathy),
            _mean(S.policy),
            _mean(S.speed),
            _mean(S.resolution),
        )
        .where(*conditions)
        .group_by(*keys)
        .order_by(*keys)
    )
    with store.db() as db:
        return [
            ScoreGroup(tuple(row[: len(keys)]), *row[len(keys) :])
            for row in db.execute(query).all()
        ]


def lesson_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions ended in range, by (curriculum, lesson)."""
    return _score_groups(store, [S.curriculum_id, S.lesson_id], _sessions(sl))


def persona_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions ended in range, by persona."""
    return _score_groups(store, [S.persona_id], _sessions(sl))


def team_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions ended in range, by team id (None: trainees in no team)."""
    u = aliased(U)
    return _score_groups(store, [u.team_id], _sessions(sl, u=u))


def week_scores(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Practice sessions by the week (Monday, UTC) they ended in."""
    week = _week(store.engine.dialect.name, S.ended_at)
    return _score_groups(store, [week], _sessions(sl))


def weekly_certificates(store: Store, sl: CohortSlice) -> dict[str, int]:
    """Certificates of the tracks in view issued in range, by week."""
    week = _week(store.engine.dialect.name, C.issued_at)
    query = (
        select(week, func.count())
        .where(
            C.user_id.in_(_trainees(sl)),
            C.certificate_id.in_(_certificates_in_view(sl)),
            *_in_range(sl, C.issued_at),
        )
        .group_by(week)
    )
    with store.db() as db:
        return {w: n for w, n in db.execute(query).all()}


def _exam_attempts(sl: CohortSlice) -> list[ColumnElement[bool]]:
    A = ExamAttemptRow
    return [
        A.user_id.in_(_trainees(sl)),
        or_(
            false(),
            *(
                and_(A.curriculum_id == t.curriculum_id, A.track_id == t.track_id)
                for t in sl.tracks
            ),
        ),
        A.finished_at.is_not(None),
        *_in_range(sl, A.finished_at),
    ]


def exam_results(store: Store, sl: CohortSlice) -> list[ScoreGroup]:
    """Exam attempts finished in range, by (curriculum, track): attempts, trainees, passed
    attempts and trainees who passed (scores are None: they live in the sessions)."""
    A = ExamAttemptRow
    query = (
        select(
            A.curriculum_id,
            A.track_id,
            func.count(),
            func.count(distinct(A.user_id)),
            _count_if(A.passed.is_(True)),
            func.count(distinct(case((A.passed.is_(True), A.user_id)))),
        )
        .where(*_exam_attempts(sl))
        .group_by(A.curriculum_id, A.track_id)
        .order_by(A.curriculum_id, A.track_id)
    )
    with store.db() as db:
        return [
            ScoreGroup((c, t), n, people, ok, people_ok, None, None, None, None)
            for c, t, n, people, ok, people_ok in db.execute(query).all()
        ]


# certification


def _first_certified(sl: CohortSlice, certificate_id: str | None) -> Select:
    """Trainees whose first certificate `certificate_id` was issued in range."""
    issued = func.min(C.issued_at)
    query = (
        select(C.user_id)
        .where(C.user_id.in_(_trainees(sl)), C.certificate_id == certificate_id)
        .group_by(C.user_id)
    )
    if sl.since is not None:
        query = query.having(issued >= _utc(sl.since))
    if sl.until is not None:
        query = query.having(issued < _utc(sl.until))
    return query


def times_to_certify(store: Store, sl: CohortSlice) -> list[TimeToCertify]:
    """For each trainee whose first certificate of a track in view was issued in range: when
    they started the track and when it was issued. One row per trainee and track."""
    rows = []
    with store.db() as db:
        for track in (t for t in sl.tracks if t.certificate_id):
            issued = (
                _first_certified(sl, track.certificate_id)
                .add_columns(func.min(C.issued_at).label("issued"))
                .subquery("issued")
            )
            started = (
                select(S.user_id, func.min(S.started_at).label("started"))
                .join(issued, issued.c.user_id == S.user_id)
                .where(S.curriculum_id == track.curriculum_id, S.track_id == track.track_id)
                .group_by(S.user_id)
                .subquery("started")
            )
            query = (
                select(
                    issued.c.user_id,
                    func.coalesce(started.c.started, U.created_at),
                    issued.c.issued,
                )
                .join(U, U.id == issued.c.user_id)
                .outerjoin(started, started.c.user_id == issued.c.user_id)
            )
            rows += [
                TimeToCertify(
                    track.curriculum_id, track.track_id, user, _moment(start), _moment(end)
                )
                for user, start, end in db.execute(query).all()
            ]
    return rows


def _moment(value) -> dt.datetime:
    # coalesce() loses the column type on SQLite, which then hands back the stored text.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return _aware(value)


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
    standing = _standing(sl)
    query = (
        select(
            standing.c.user_id,
            U.display_name,
            TeamRow.name,
            standing.c.certificate_id,
            standing.c.issued_at,
            standing.c.expires_at,
            standing.c.state,
            standing.c.versions,
            standing.c.sections,
        )
        .join(U, U.id == standing.c.user_id)
        .outerjoin(TeamRow, TeamRow.id == U.team_id)
        .where(standing.c.state.in_(states))
        .order_by(standing.c.expires_at, standing.c.user_id)
    )
    with store.db() as db:
        return [
            CertificateStanding(
                u,
                name,
                team,
                cert,
                _moment(issued),
                _moment(expires),
                state,
                CertificateKind(cert, versions, sections),
            )
            for u, name, team, cert, issued, expires, state, versions, sections in db.execute(
                query
            ).all()
        ]


# the people behind a figure


def _track(sl: CohortSlice, curriculum_id: str, track_id: str) -> TrackSpan | None:
    return next(
        (t for t in sl.tracks if (t.curriculum_id, t.track_id) == (curriculum_id, track_id)),
        None,
    )


def _nobody() -> Select:
    return select(U.id).where(false())


def _group_users(dialect: str, sl: CohortSlice, group: Group) -> Select:
    kind, key = group.kind, group.key
    if kind in OVERVIEW:
        return _overview_users(sl, kind)
    if kind in ("funnel", "issued"):
        track = _track(sl, key[0], key[1])
        if track is None:
            return _nobody()
        if kind == "issued":
            return _first_certified(sl, track.certificate_id)
        steps = _steps(track)
        if not 0 <= key[2] < len(steps):
            return _nobody()
        progress = _progress(sl, track)
        return select(progress.c.user_id).where(_reached(track, progress, *steps[key[2]]))
    if kind == "exam":
        A = ExamAttemptRow
        return select(A.user_id).where(
            *_exam_attempts(sl), A.curriculum_id == key[0], A.track_id == key[1]
        )
    if kind == "trainee":
        return _trainees(sl).where(U.id == key[0])
    return select(S.user_id).where(*_group_sessions(dialect, sl, group))


def _group_sessions(dialect: str, sl: CohortSlice, group: Group) -> list:
    """Conditions picking the sessions whose numbers a figure's trainees are shown with."""
    kind, key = group.kind, group.key
    if kind == "lesson":
        return [*_sessions(sl), S.curriculum_id == key[0], S.lesson_id == key[1]]
    if kind == "persona":
        return [*_sessions(sl), S.persona_id == key[0]]
    if kind == "team":
        u = aliased(U)
        team = u.team_id.is_(None) if key[0] is None else u.team_id == key[0]
        return [*_sessions(sl, u=u), team]
    if kind == "week":
        return [*_sessions(sl), _week(dialect, S.ended_at) == key[0]]
    if kind in ("funnel", "issued", "exam"):
        return [
            *_sessions(sl, practice=False, dated=False),
            S.curriculum_id == key[0],
            S.track_id == key[1],
        ]
    return _sessions(sl, practice=False)


def trainees(store: Store, sl: CohortSlice, group: Group) -> list[TraineeLine]:
    """The trainees behind a figure, each with their sessions, passes, average scores and
    last session among the sessions that figure counts, by name."""
    dialect = store.engine.dialect.name
    with store.db() as db:
        # The ids first: a figure's query is too involved for the planners to guess how many
        # trainees it yields, and at most a few thousand ids are a plain list to look up.
        ids = sorted(set(db.scalars(_group_users(dialect, sl, group))))
        if not ids:
            return []
        # Written into the statement as numbers: thousands of placeholders cost more to bind
        # than the database takes to read the list.
        listed = bindparam("ids", ids, expanding=True, literal_execute=True)
        stats = (
            select(
                S.user_id,
                func.count().label("sessions"),
                _count_if(S.passed.is_(True)).label("passed"),
                _mean(S.empathy).label("empathy"),
                _mean(S.policy).label("policy"),
                _mean(S.speed).label("speed"),
                func.max(S.ended_at).label("last"),
            )
            .where(*_group_sessions(dialect, sl, group), S.user_id.in_(listed))
            .group_by(S.user_id)
            .subquery("stats")
        )
        query = (
            select(
                U.id,
                U.display_name,
                TeamRow.name,
                func.coalesce(stats.c.sessions, 0),
                func.coalesce(stats.c.passed, 0),
                stats.c.empathy,
                stats.c.policy,
                stats.c.speed,
                stats.c["last"],
            )
            .outerjoin(TeamRow, TeamRow.id == U.team_id)
            .outerjoin(stats, stats.c.user_id == U.id)
            .where(U.id.in_(listed), *_in_teams(sl, U))
            .order_by(U.display_name, U.id)
        )
        return [
            TraineeLine(*row[:8], _moment(row[8]) if row[8] is not None else None)
            for row in db.execute(query).all()
        ]


def sessions_of(store: Store, sl: CohortSlice, user_id: int, limit: int = 500) -> list[SessionLine]:
    """One trainee's ended sessions in view (exam scenarios too), newest first; empty for a
    trainee outside the slice's teams."""
    query = (
        select(
            S.session_id,
            S.curriculum_id,
            S.lesson_id,
            S.persona_id,
            S.ended_at,
            S.exam_attempt_id.is_not(None),
            S.empathy,
            S.policy,
            S.speed,
            S.resolution,
            S.passed,
            S.handling_seconds,
        )
        .where(*_sessions(sl, practice=False), S.user_id == user_id)
        .order_by(S.ended_at.desc(), S.session_id.desc())
        .limit(limit)
    )
    with store.db() as db:
        return [
            SessionLine(row[0], row[1], row[2], row[3], _moment(row[4]), bool(row[5]), *row[6:])
            for row in db.execute(query).all()
        ]


def trainee_team(store: Store, user_id: int) -> tuple[str, int | None] | None:
    """(role, team id) of a user, or None when there is no such user."""
    with store.db() as db:
        row = db.execute(select(U.role, U.team_id).where(U.id == user_id)).first()
        return (row[0], row[1]) if row else None
