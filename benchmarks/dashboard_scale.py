"""How fast the manager dashboard answers at the size of a large contact centre: 5,000
trainees in 25 teams, 200,000 ended sessions with their score rows, 2,000,000 graded trainee
replies (3 grades each) and as many customer turns, on SQLite and on PostgreSQL.

    python benchmarks/dashboard_scale.py [--quick] [--runs 5] [--postgres-url URL]
                                         [--sqlite-only] [--trainees N]

--quick builds a 10x smaller cohort; --trainees N scales the cohort to N trainees (40 sessions
and 400 trainee replies each). The PostgreSQL URL defaults to COUNTERPART_BENCH_POSTGRES_URL,
then COUNTERPART_TEST_POSTGRES_URL; the run works in a schema of its own there, dropped at the
end. Without a reachable server the reason goes to stderr and postgresql is null.

The cohort is simulated trainee by trainee (deterministic for a seed): each joins on a day of
the last 520, works through a track's lessons in order, failing and retrying by a skill of
their own, sits the exam when every lesson is passed, and is certified when it passes; some
stall on a lesson, some stop practising, some certificates rest on a policy version that has
since changed, some are close to expiry. Sessions, score rows, exam attempts and certificates
are inserted in batches (COPY on PostgreSQL); turns and grades are made by the database itself
from the sessions (a recursive CTE on SQLite, generate_series on PostgreSQL).

Every dashboard view (counterpart.dashboard.views.VIEWS, plus the drill-downs) is then timed
with the page's default filters, as a manager of 3 teams and as an admin who sees all 25:
the median of --runs runs each, after one warm-up run. A statement touching the turns or
grades tables while the views run fails the benchmark: the dashboard must never read them.

Progress goes to stderr. Earlier lines of stdout give the sizes, the generation time and each
viewer's figures; the last line is
{"sqlite": {"VIEW": ms, ...}, "postgresql": {"VIEW": ms, ...} or null},
one key per view, each the slower of the two viewers' medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import Engine, make_url

from counterpart.dashboard.filters import default_filters
from counterpart.dashboard.people import trainee_sessions, trainees_behind
from counterpart.dashboard.views import VIEWS
from counterpart.storage.cohort import Group
from counterpart.storage.database import database_url
from counterpart.storage.records import User
from counterpart.storage.store import Store
from counterpart.storage.tables import (
    CertificateRow,
    ExamAttemptRow,
    SessionRow,
    SessionScoreRow,
    TeamManagerRow,
    TeamRow,
    UserRow,
)
from curricula.certification import session_passed
from curricula.curriculum import EXAM_KEY, Curriculum, Lesson, Track, exam_key
from curricula.library import Library, load_library

FULL_TRAINEES = 5000
SESSIONS_PER_TRAINEE = 40
REPLIES_PER_SESSION = 10  # trainee turns, each with a customer turn before it
TEAMS = 25
MANAGED = 3  # teams of the benchmark's manager
DIMENSIONS = ("empathy", "policy", "speed")
DRILL_DOWNS = ("trainees_behind", "trainee_sessions")
ALL_VIEWS = (*VIEWS, *DRILL_DOWNS)
# The tables the dashboard must never read.
FORBIDDEN = re.compile(r"\b(turns|grades)\b", re.IGNORECASE)
# The tables the dashboard reads.
DASHBOARD_TABLES = (
    "users",
    "teams",
    "team_managers",
    "session_scores",
    "certificates",
    "exam_attempts",
    "exercise_results",
)
# A share of certificates rests on a policy version since replaced (they need a refresh).
OLD_POLICY_VERSION = "2025.01"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Size:
    trainees: int
    sessions: int
    replies: int

    @classmethod
    def of(cls, trainees: int) -> Size:
        sessions = trainees * SESSIONS_PER_TRAINEE
        return cls(trainees, sessions, sessions * REPLIES_PER_SESSION)


@dataclass
class Cohort:
    """Rows to insert, built in Python (everything but turns and grades)."""

    teams: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    managers: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    attempts: list[dict] = field(default_factory=list)
    certificates: list[dict] = field(default_factory=list)


# the simulated cohort


@dataclass(frozen=True)
class Course:
    curriculum: Curriculum
    track: Track
    lessons: list[Lesson]
    versions: dict[str, str]  # policy id -> version in effect


def courses(library: Library, now: dt.datetime) -> dict[str, Course]:
    found = {}
    for curriculum in library.curricula.values():
        for track in curriculum.tracks:
            lessons = [a for m in track.modules for a in m.lessons if isinstance(a, Lesson)]
            if not lessons:
                continue
            versions = {}
            for ref in track.certificate.policy_sections if track.certificate else []:
                policy = library.policy(ref.partition("#")[0], today=now.date())
                versions[ref.partition("@")[0].partition("#")[0]] = policy.version
            found[f"{curriculum.id}/{track.id}"] = Course(curriculum, track, lessons, versions)
    return found


# Which track a new trainee starts on, and who goes on to the mentor track once certified.
FIRST_TRACKS = (
    ("onboarding-en/onboarding", 0.6),
    ("onboarding-zh/onboarding-zh", 0.35),
    ("after-sales-basics/basics", 0.05),
)
NEXT_TRACK = {"onboarding-en/onboarding": "mentor/mentor"}


class Simulation:
    def __init__(self, library: Library, size: Size, now: dt.datetime, seed: int):
        self.library, self.size, self.now = library, size, now
        self.random = random.Random(seed)
        self.courses = courses(library, now)
        self.cohort = Cohort()
        self.next_session = 1
        self.next_attempt = 1

    def build(self) -> Cohort:
        rng, cohort = self.random, self.cohort
        cohort.teams = [
            {
                "id": i + 1,
                "name": f"Team {i + 1:02d}",
                "created_at": self.now - dt.timedelta(days=600),
            }
            for i in range(TEAMS)
        ]
        budgets = self._budgets()
        for i in range(self.size.trainees):
            user_id = i + 1
            created = self.now - dt.timedelta(days=rng.uniform(20, 520))
            cohort.users.append(
                {
                    "id": user_id,
                    "username": f"trainee{user_id:05d}",
                    "display_name": f"Trainee {user_id:05d}",
                    "role": "trainee",
                    "password_hash": "-",
                    "created_at": created,
                    "team_id": i % TEAMS + 1,
                }
            )
            self._trainee(user_id, created, budgets[i])
        staff = self.size.trainees
        for t in range(TEAMS):
            staff += 1
            cohort.users.append(self._staff(staff, f"manager{t + 1:02d}", "manager"))
            cohort.managers.append({"team_id": t + 1, "user_id": staff})
        staff += 1
        cohort.users.append(self._staff(staff, "regional", "manager"))
        cohort.managers += [{"team_id": t + 1, "user_id": staff} for t in range(MANAGED)]
        cohort.users.append(self._staff(staff + 1, "admin", "admin"))
        return cohort

    def _staff(self, user_id: int, username: str, role: str) -> dict:
        return {
            "id": user_id,
            "username": username,
            "display_name": username.title(),
            "role": role,
            "password_hash": "-",
            "created_at": self.now - dt.timedelta(days=500),
            "team_id": None,
        }

    def _budgets(self) -> list[int]:
        # Sessions per trainee vary (10 to 70) and add up to exactly the size's sessions.
        rng, n = self.random, self.size.trainees
        budgets = [rng.randint(10, 70) for _ in range(n)]
        scale = self.size.sessions / sum(budgets)
        budgets = [max(1, round(b * scale)) for b in budgets]
        gap = self.size.sessions - sum(budgets)
        step = 1 if gap > 0 else -1
        i = 0
        while gap:
            if budgets[i % n] + step >= 1:
                budgets[i % n] += step
                gap -= step
            i += 1
        return budgets

    def _trainee(self, user_id: int, created: dt.datetime, budget: int) -> None:
        rng = self.random
        skill = rng.gauss(0, 6)
        dropout = rng.random() < 0.12  # stops practising weeks before now
        end = self.now - dt.timedelta(days=rng.uniform(15, 90) if dropout else rng.uniform(0, 3))
        end = max(end, created + dt.timedelta(days=2))
        pace = (end - created) / max(budget, 1)
        clock = created
        key = rng.choices([k for k, _ in FIRST_TRACKS], [w for _, w in FIRST_TRACKS])[0]
        left = budget
        while left > 0 and key:
            course = self.courses[key]
            left, clock, certified = self._track(user_id, course, skill, left, clock, pace)
            key = NEXT_TRACK.get(key) if certified else None
        while left > 0:  # practice after the tracks, spread over the time left
            course = self.courses[rng.choice([k for k, _ in FIRST_TRACKS])]
            lesson = rng.choice(course.lessons)
            clock += max((end - clock) / left, dt.timedelta(minutes=20)) * rng.uniform(0.5, 1.5)
            self._session(user_id, course, lesson, None, skill, clock)
            left -= 1

    def _track(self, user_id, course, skill, left, clock, pace):
        rng = self.random
        # A stubborn lesson: some trainees fail one lesson again and again.
        stubborn = rng.choice(course.lessons) if rng.random() < 0.15 else None
        for lesson in course.lessons:
            while left > 0:
                clock += pace * rng.uniform(0.5, 1.5)
                handicap = 35 if lesson is stubborn else 0
                passed = self._session(user_id, course, lesson, None, skill - handicap, clock)
                left -= 1
                if passed:
                    break
            else:
                return left, clock, False
        exam = course.track.exam
        for _ in range(exam.attempts if exam else 0):
            scenarios = [(s, seed) for s in exam.scenarios for seed in s.seeds]
            if left < len(scenarios):
                return left, clock, False
            clock += pace * rng.uniform(1, 3)
            attempt = self.next_attempt
            self.next_attempt += 1
            results = []
            for scenario, _ in scenarios:
                lesson = course.curriculum.exam_lesson(exam_key(course.track.id, scenario.id))
                clock += dt.timedelta(minutes=12)
                results.append(self._session(user_id, course, lesson, attempt, skill + 5, clock))
                left -= 1
            passed = sum(results) >= 0.75 * len(results) or rng.random() < 0.3
            self.cohort.attempts.append(
                {
                    "id": attempt,
                    "user_id": user_id,
                    "curriculum_id": course.curriculum.id,
                    "track_id": course.track.id,
                    "started_at": clock - dt.timedelta(minutes=12 * len(scenarios)),
                    "finished_at": clock,
                    "passed": passed,
                }
            )
            if passed:
                self._certificate(user_id, course, clock)
                return left, clock, True
            clock += dt.timedelta(hours=exam.cooling_off_hours) + pace
        return left, clock, False

    def _certificate(self, user_id: int, course: Course, issued: dt.datetime) -> None:
        spec = course.track.certificate
        if spec is None:
            return
        versions = dict(course.versions)
        if versions and self.random.random() < 0.15:
            versions[next(iter(versions))] = OLD_POLICY_VERSION
        self.cohort.certificates.append(
            {
                "verification_id": secrets.token_hex(8),
                "user_id": user_id,
                "holder": f"Trainee {user_id:05d}",
                "certificate_id": spec.id,
                "level": spec.level,
                "title": spec.title,
                "issued_at": issued,
                "expires_at": issued + dt.timedelta(days=spec.validity_days),
                "policy_versions": versions,
                "policy_sections": list(spec.policy_sections),
                "grader_version": "bench",
            }
        )

    def _session(self, user_id, course, lesson, attempt, skill, ended) -> bool:
        rng = self.random
        session_id = self.next_session
        self.next_session += 1
        ended = min(ended, self.now - dt.timedelta(minutes=1))
        started = ended - dt.timedelta(minutes=rng.uniform(4, 15))
        scores = {
            "empathy": _clip(rng.gauss(78 + skill, 9)),
            "policy": _clip(rng.gauss(86 + skill, 9)),
            "speed": _clip(rng.gauss(75 + skill / 2, 10)),
        }
        resolved = rng.random() < 0.65 + skill / 100
        resolution = 100 if resolved else rng.randint(30, 60)
        end_reason = "resolved" if resolved else rng.choice(("abandoned", "turn_limit"))
        passed = session_passed(lesson, end_reason, scores, resolution, ())
        lesson_id = lesson.id
        if attempt is not None:
            lesson_id = exam_key(course.track.id, lesson.id)
        module = None
        if not lesson_id.startswith(EXAM_KEY):
            module = next(
                m.id for m in course.track.modules if any(a.id == lesson.id for a in m.lessons)
            )
        self.cohort.sessions.append(
            {
                "id": session_id,
                "user_id": user_id,
                "curriculum_id": course.curriculum.id,
                "lesson_id": lesson_id,
                "persona_id": lesson.persona,
                "policy_ref": lesson.policy,
                "engine": "scripted",
                "seed": session_id,
                "status": "ended",
                "end_reason": end_reason,
                "customer_state": {},
                "exam_attempt_id": attempt,
                "started_at": started,
                "ended_at": ended,
            }
        )
        persona = self.library.personas.get(lesson.persona)
        self.cohort.scores.append(
            {
                "session_id": session_id,
                "user_id": user_id,
                "curriculum_id": course.curriculum.id,
                "track_id": course.track.id,
                "module_id": module,
                "lesson_id": lesson_id,
                "persona_id": lesson.persona,
                "language": persona.language if persona else "en",
                "exam_attempt_id": attempt,
                "started_at": started,
                "ended_at": ended,
                "end_reason": end_reason,
                "replies": REPLIES_PER_SESSION,
                **scores,
                "resolution": resolution,
                "passed": passed,
                "handling_seconds": (ended - started).total_seconds(),
                "overridden": False,
            }
        )
        return passed


def _clip(value: float) -> int:
    return max(0, min(100, round(value)))


# writing it


def _batches(rows: list[dict], size: int = 5000) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _copy(engine: Engine, table, rows: list[dict]) -> None:
    """PostgreSQL's COPY: several times faster than INSERT for a few hundred thousand rows."""
    columns = list(rows[0])
    connection = engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            names = ", ".join(columns)
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(
                        [json.dumps(v) if isinstance(v, dict | list) else v for v in row.values()]
                    )
        connection.commit()
    finally:
        connection.close()


def _write(engine: Engine, table, rows: list[dict]) -> None:
    if not rows:
        return
    if engine.dialect.name == "postgresql":
        _copy(engine, table, rows)
        return
    with engine.begin() as conn:
        for batch in _batches(rows):
            conn.execute(insert(table), batch)


TURNS_SQLITE = """
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < :turns)
INSERT INTO turns (session_id, seq, role, text, created_at, reply_seconds, satisfaction, engine)
SELECT s.id, k.n,
       CASE k.n % 2 WHEN 1 THEN 'customer' ELSE 'trainee' END,
       CASE k.n % 2 WHEN 1 THEN 'Where is my refund? Order A-' || s.id
            ELSE 'I am sorry for the wait; let me check order A-' || s.id || ' now.' END,
       s.started_at,
       CASE k.n % 2 WHEN 0 THEN 5 + (s.id * 7 + k.n * 13) % 60 END,
       (s.id * 11 + k.n * 17) % 101,
       'scripted'
FROM practice_sessions AS s, k
"""

TURNS_POSTGRESQL = """
INSERT INTO turns (session_id, seq, role, text, created_at, reply_seconds, satisfaction, engine)
SELECT s.id, k.n,
       CASE k.n % 2 WHEN 1 THEN 'customer' ELSE 'trainee' END,
       CASE k.n % 2 WHEN 1 THEN 'Where is my refund? Order A-' || s.id
            ELSE 'I am sorry for the wait; let me check order A-' || s.id || ' now.' END,
       s.started_at,
       CASE k.n % 2 WHEN 0 THEN 5 + (s.id * 7 + k.n * 13) % 60 END,
       (s.id * 11 + k.n * 17) % 101,
       'scripted'
FROM practice_sessions AS s CROSS JOIN generate_series(1, :turns) AS k(n)
"""

GRADES = """
INSERT INTO grades (turn_id, dimension, score, reasons, grader_version, policy_ref)
SELECT t.id, d.dimension, (t.id * d.factor) % 101, {reasons}, 'bench', NULL
FROM turns AS t CROSS JOIN ({dimensions}) AS d
WHERE t.role = 'trainee'
"""


def _grades_sql(dialect: str) -> str:
    dimensions = " UNION ALL ".join(
        f"SELECT '{name}' AS dimension, {factor} AS factor"
        for name, factor in zip(DIMENSIONS, (7, 13, 29), strict=True)
    )
    reasons = "CAST('[]' AS JSON)" if dialect == "postgresql" else "'[]'"
    return GRADES.format(reasons=reasons, dimensions=dimensions)


def generate(store: Store, library: Library, size: Size, now: dt.datetime, seed: int) -> dict:
    """Fill an empty database; returns what was made and how long each part took."""
    engine = store.engine
    dialect = engine.dialect.name
    timings = {}
    started = time.perf_counter()
    cohort = Simulation(library, size, now, seed).build()
    timings["simulate_s"] = time.perf_counter() - started
    log(f"  simulated {len(cohort.sessions):,} sessions in {timings['simulate_s']:.1f} s")
    mark = time.perf_counter()
    for table, rows in (
        (TeamRow.__table__, cohort.teams),
        (UserRow.__table__, cohort.users),
        (TeamManagerRow.__table__, cohort.managers),
        (ExamAttemptRow.__table__, cohort.attempts),
        (SessionRow.__table__, cohort.sessions),
        (SessionScoreRow.__table__, cohort.scores),
        (CertificateRow.__table__, cohort.certificates),
    ):
        _write(engine, table, rows)
        log(f"  wrote {len(rows):,} {table.name}")
    timings["rows_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    turns = TURNS_POSTGRESQL if dialect == "postgresql" else TURNS_SQLITE
    with engine.begin() as conn:
        conn.execute(text(turns), {"turns": 2 * REPLIES_PER_SESSION})
    timings["turns_s"] = time.perf_counter() - mark
    log(f"  made the turns in {timings['turns_s']:.1f} s")
    mark = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text(_grades_sql(dialect)))
    timings["grades_s"] = time.perf_counter() - mark
    log(f"  made the grades in {timings['grades_s']:.1f} s")
    mark = time.perf_counter()
    with engine.begin() as conn:
        if dialect == "postgresql":
            # Sequences follow the explicit ids given above, for rows the app adds later.
            for table in ("users", "teams", "practice_sessions", "exam_attempts"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        if dialect != "postgresql":
            conn.execute(text("ANALYZE"))
    if dialect == "postgresql":
        # What autovacuum does on a live server soon after a bulk load: statistics, and the
        # visibility map that lets a covering index be read without the table.
        vacuum = ", ".join(DASHBOARD_TABLES)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"VACUUM ANALYZE {vacuum}"))
            conn.execute(text("ANALYZE turns, grades"))
    timings["analyze_s"] = time.perf_counter() - mark
    with engine.connect() as conn:
        counts = {
            name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in (
                "users",
                "practice_sessions",
                "session_scores",
                "turns",
                "grades",
                "exam_attempts",
                "certificates",
            )
        }
        counts["trainee_turns"] = conn.execute(
            text("SELECT count(*) FROM turns WHERE role = 'trainee'")
        ).scalar_one()
    timings["total_s"] = time.perf_counter() - started
    return {"counts": counts, "seconds": {k: round(v, 1) for k, v in timings.items()}}


# timing it


@contextmanager
def no_turns_read(engine: Engine) -> Iterator[list[str]]:
    """Records every statement that names the turns or grades table while it is open."""
    seen: list[str] = []

    def check(conn, cursor, statement, parameters, context, executemany):
        if FORBIDDEN.search(statement):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", check)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", check)


def view_calls(store: Store, library: Library, viewer: User, now: dt.datetime) -> dict:
    """Each view as the page calls it with its default filters, including the drill-downs
    (the stuck trainees, and one trainee's sessions)."""
    filters = default_filters(now)
    calls: dict[str, Callable[[], object]] = {
        name: (lambda view=view: view(store, library, viewer, filters, now))
        for name, view in VIEWS.items()
    }
    calls["trainees_behind"] = lambda: trainees_behind(
        store, library, viewer, filters, now, Group("stuck")
    )
    some = trainees_behind(store, library, viewer, filters, now, Group("in_progress"))
    trainee = some.links[0].key[0] if some.links else None
    calls["trainee_sessions"] = lambda: (
        trainee_sessions(store, library, viewer, filters, now, trainee) if trainee else None
    )
    return calls


def time_views(
    store: Store, library: Library, viewer: User, now: dt.datetime, runs: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall-clock milliseconds of each view after a warm-up run, and the median CPU
    milliseconds this process spent in it (all of it on SQLite; only the client's part on
    PostgreSQL). Fails if any view reads turns or grades."""
    calls = view_calls(store, library, viewer, now)
    wall, cpu = {}, {}
    with no_turns_read(store.engine) as seen:
        for name, call in calls.items():
            call()
            walls, cpus = [], []
            for _ in range(runs):
                mark, used = time.perf_counter(), time.process_time()
                call()
                walls.append((time.perf_counter() - mark) * 1000)
                cpus.append((time.process_time() - used) * 1000)
            wall[name] = round(statistics.median(walls), 1)
            cpu[name] = round(statistics.median(cpus), 1)
            log(f"    {name}: {wall[name]} ms ({cpu[name]} ms CPU here)")
    if seen:
        raise AssertionError(f"the dashboard read turns or grades: {seen[0][:200]}")
    return wall, cpu


def viewers(store: Store) -> dict[str, User]:
    users = {u.username: u for u in store.users() if u.username in ("regional", "admin")}
    return {"manager": users["regional"], "admin": users["admin"]}


def measure(url: str, size: Size, runs: int, seed: int, now: dt.datetime) -> dict:
    library = load_library()
    store = Store(url)
    try:
        log(f"{store.engine.dialect.name}: generating {size.trainees:,} trainees")
        made = generate(store, library, size, now, seed)
        by_viewer, cpu_by_viewer = {}, {}
        load_before = os.getloadavg()[0]
        for role, viewer in viewers(store).items():
            log(f"  timing the views as the {role}")
            by_viewer[role], cpu_by_viewer[role] = time_views(store, library, viewer, now, runs)
        load = (round(load_before, 2), round(os.getloadavg()[0], 2))
        slowest = {name: max(v[name] for v in by_viewer.values()) for name in ALL_VIEWS}
        return {
            "generated": made,
            "by_viewer": by_viewer,
            "cpu_by_viewer": cpu_by_viewer,
            "load": load,
            "views": slowest,
        }
    finally:
        store.engine.dispose()


# PostgreSQL


def postgres_url(given: str | None) -> str | None:
    return (
        given
        or os.environ.get("COUNTERPART_BENCH_POSTGRES_URL")
        or os.environ.get("COUNTERPART_TEST_POSTGRES_URL")
    )


@contextmanager
def postgres_schema(server: str) -> Iterator[str]:
    """A new schema on the server for this run, dropped afterwards."""
    url = database_url(server)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scoped = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield scoped.render_as_string(hide_password=False)
    finally:
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        finally:
            admin.dispose()


def run(
    size: Size,
    runs: int,
    postgres: str | None,
    seed: int = 7,
    now: dt.datetime | None = None,
    out=None,
) -> dict:
    """Measure on SQLite (a file in a temporary folder) and, given a URL, on PostgreSQL;
    prints the readable lines and returns the last line's figures."""
    out = out or sys.stdout
    now = now or dt.datetime.now(dt.UTC)
    results: dict[str, dict | None] = {}
    with tempfile.TemporaryDirectory() as folder:
        sqlite = measure(f"sqlite:///{Path(folder) / 'dashboard.db'}", size, runs, seed, now)
    results["sqlite"] = sqlite
    results["postgresql"] = None
    if postgres:
        try:
            with postgres_schema(postgres) as url:
                results["postgresql"] = measure(url, size, runs, seed, now)
        except Exception as exc:  # an unreachable server is reported, not fatal
            if not _unreachable(exc):
                raise
            log(f"PostgreSQL not measured: cannot reach {_safe(postgres)}: {exc}")
    else:
        log(
            "PostgreSQL not measured: no --postgres-url, COUNTERPART_BENCH_POSTGRES_URL or "
            "COUNTERPART_TEST_POSTGRES_URL"
        )
    for backend, result in results.items():
        if result is None:
            continue
        made = result["generated"]
        print(f"{backend} generated: {json.dumps(made['counts'])}", file=out)
        print(f"{backend} generation seconds: {json.dumps(made['seconds'])}", file=out)
        print(f"{backend} machine load average before and after timing: {result['load']}", file=out)
        for role, figures in result["by_viewer"].items():
            print(f"{backend} as {role} (median ms): {json.dumps(figures)}", file=out)
            cpu = json.dumps(result["cpu_by_viewer"][role])
            print(f"{backend} as {role} (median CPU ms of this process): {cpu}", file=out)
    figures = {b: (r["views"] if r else None) for b, r in results.items()}
    print(json.dumps(figures), file=out)
    return figures


def _unreachable(exc: Exception) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError | ConnectionError)


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 10x smaller cohort")
    parser.add_argument("--trainees", type=int, help="cohort size (overrides --quick)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres-url")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    trainees = args.trainees or (FULL_TRAINEES // 10 if args.quick else FULL_TRAINEES)
    postgres = None if args.sqlite_only else postgres_url(args.postgres_url)
    return run(Size.of(trainees), args.runs, postgres, args.seed)


if __name__ == "__main__":
    main()
