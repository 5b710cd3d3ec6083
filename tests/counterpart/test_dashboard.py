"""The manager dashboard's figures, against a small cohort whose answers are counted by hand
(see COHORT), on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from sqlalchemy import event

from counterpart.dashboard.export import to_csv
from counterpart.dashboard.filters import Filters, UnknownTrack, teams_in_view
from counterpart.dashboard.people import trainee_sessions, trainees_behind
from counterpart.dashboard.table import Table
from counterpart.dashboard.views import VIEWS
from counterpart.storage.cohort import Group
from counterpart.storage.records import SessionScore
from counterpart.storage.store import Store
from counterpart.visibility import NotVisible
from curricula.certificates import issue_certificate
from curricula.curriculum import exam_key
from curricula.library import load_library

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
# The last 120 days: every session below but dee's, and cai's certificate but not the others.
RANGE = Filters(start=TODAY - dt.timedelta(days=119), end=TODAY)
EN, ZH, BASICS = "onboarding-en", "onboarding-zh", "after-sales-basics"

# Who did what, in days before NOW (a session ends then and started 10 minutes before):
#   ana (north) onboarding-en: tracking-for-dorothy failed (10), passed (9); defective-blender
#       passed (8). In progress; not stuck (passed her current lesson 8 days ago).
#   ben (north) onboarding-en: tracking-for-dorothy failed 3 times (5, 4, 3). In progress and
#       stuck (3 tries at his current lesson, never passed).
#   cai (north) onboarding-en: every lesson passed once (50 down to 39), one exam scenario and
#       the exam passed (38), certificate agent-en issued then. Certified, 12 days to certify.
#   dee (south) onboarding-en: tracking-for-dorothy passed (210); agent-en issued 200 days ago on
#       a returns-refunds version since replaced. Needs refresh; not stuck (holds it).
#   eve (south) onboarding-zh: first-order-rice-cooker failed (20). In progress, stuck (idle).
#   fay (no team) after-sales-basics: late-refund passed (2). In progress.
#   hal (south): agent-en issued 350 days ago, expires in 15. Certified, expiring.
#   gus (north): agent-en issued 400 days ago, expired. Nothing else.
FAIL = {"empathy": 50, "policy": 60, "speed": 70, "resolution": 40}
PASS = {"empathy": 80, "policy": 90, "speed": 80, "resolution": 100}
BEN = {"empathy": 40, "policy": 50, "speed": 60, "resolution": 20}


class Cohort:
    def __init__(self, store: Store):
        self.store, self.library = store, load_library()
        self.teams = {name: store.add_team(name) for name in ("north", "south")}
        self.people = {}
        for name, role, team in [
            ("ana", "trainee", "north"),
            ("ben", "trainee", "north"),
            ("cai", "trainee", "north"),
            ("dee", "trainee", "south"),
            ("eve", "trainee", "south"),
            ("fay", "trainee", None),
            ("hal", "trainee", "south"),
            ("gus", "trainee", "north"),
            ("mia", "manager", None),
            ("sam", "manager", None),
            ("ada", "admin", None),
            ("quinn", "qa", None),
            ("tom", "trainer", None),
        ]:
            user = store.add_user(name, name.title(), role, "-")
            if team:
                store.set_team(user.id, self.teams[team].id)
            self.people[name] = store.user(user.id)
        store.add_team_manager(self.teams["north"].id, self.people["mia"].id)
        store.add_team_manager(self.teams["south"].id, self.people["sam"].id)

    def __getitem__(self, name):
        return self.people[name]

    def title(self, course, lesson=None):
        """A lesson's title, or with no lesson the course's first track's."""
        curriculum = self.library.curricula[course]
        return curriculum.lesson(lesson).title if lesson else curriculum.tracks[0].title

    def practise(self, name, course, lesson, days, scores, passed, attempt=None):
        user = self.people[name]
        ended = NOW - dt.timedelta(days=days)
        started = ended - dt.timedelta(minutes=10)
        curriculum = self.library.curricula[course]
        if attempt is None:
            track = next(
                t for t in curriculum.tracks for m in t.modules for a in m.lessons if a.id == lesson
            )
            module = next(m.id for m in track.modules for a in m.lessons if a.id == lesson)
            lesson_id, persona = lesson, curriculum.lesson(lesson).persona
        else:
            track, module = curriculum.tracks[0], None
            lesson_id = exam_key(track.id, lesson)
            persona = curriculum.lesson(lesson_id).persona
        session_id = self.store.create_session(
            user_id=user.id,
            curriculum_id=course,
            lesson_id=lesson_id,
            persona_id=persona,
            policy_ref="returns-refunds",
            engine="scripted",
            seed=1,
            customer_state={},
            exam_attempt_id=attempt,
        )
        self.store.update_session(session_id, end_reason="resolved", at=ended)
        self.store.save_session_score(
            SessionScore(
                session_id=session_id,
                user_id=user.id,
                curriculum_id=course,
                track_id=track.id,
                module_id=module,
                lesson_id=lesson_id,
                persona_id=persona,
                language=curriculum.language,
                exam_attempt_id=attempt,
                started_at=started,
                ended_at=ended,
                end_reason="resolved",
                replies=4,
                passed=passed,
                handling_seconds=600.0,
                **scores,
            )
        )
        return session_id

    def certify(self, name, days, stale=False, attempt=None):
        spec = self.library.curricula[EN].tracks[0].certificate
        issued = NOW - dt.timedelta(days=days)
        certificate = issue_certificate(
            spec, name.title(), issued, lambda ref: self.library.policy(ref, today=TODAY), "t"
        )
        if stale:
            versions = dict(certificate.policy_versions)
            versions["returns-refunds"] = "2025.01"  # a version no longer in the library
            certificate = dataclasses.replace(certificate, policy_versions=versions)
        if attempt is not None:
            self.store.finish_exam_attempt(attempt, True, issued, certificate, self.people[name].id)
        else:
            self.store.add_certificate(certificate, self.people[name].id)


@pytest.fixture
def cohort(database_url):
    c = Cohort(Store(database_url))
    c.practise("ana", EN, "tracking-for-dorothy", 10, FAIL, False)
    c.practise("ana", EN, "tracking-for-dorothy", 9, PASS, True)
    c.practise("ana", EN, "defective-blender", 8, {**PASS, "empathy": 70, "speed": 60}, True)
    for days in (5, 4, 3):
        c.practise("ben", EN, "tracking-for-dorothy", days, BEN, False)
    lessons = [lesson.id for lesson in c.library.curricula[EN].lessons()]
    assert len(lessons) == 12
    for i, lesson in enumerate(lessons):
        c.practise("cai", EN, lesson, 50 - i, PASS, True)
    attempt = c.store.add_exam_attempt(c["cai"].id, EN, "onboarding", NOW - dt.timedelta(38))
    c.practise("cai", EN, "exam-late-refund", 38, PASS, True, attempt=attempt.id)
    c.certify("cai", 38, attempt=attempt.id)
    c.practise("dee", EN, "tracking-for-dorothy", 210, PASS, True)
    c.certify("dee", 200, stale=True)
    c.practise("eve", ZH, "first-order-rice-cooker", 20, {**FAIL, "empathy": 55}, False)
    c.practise("fay", BASICS, "late-refund", 2, {**PASS, "empathy": 90}, True)
    c.certify("hal", 350)
    c.certify("gus", 400)
    yield c
    c.store.engine.dispose()


def view(cohort, name, viewer="ada", filters=RANGE) -> Table:
    return VIEWS[name](cohort.store, cohort.library, cohort[viewer], filters, NOW)


def figures(cohort, viewer="ada", filters=RANGE) -> dict[str, int]:
    return dict(view(cohort, "overview", viewer, filters).rows)


def names(table: Table) -> list[str]:
    return sorted(row[0] for row in table.rows)


def behind(cohort, group, viewer="ada", filters=RANGE) -> Table:
    return trainees_behind(cohort.store, cohort.library, cohort[viewer], filters, NOW, group)


def test_the_overview_counts_each_figure(cohort):
    assert figures(cohort) == {
        "trainees": 8,
        "in_progress": 4,  # ana, ben, eve, fay
        "certified": 2,  # cai, hal
        "needs_refresh": 1,  # dee
        "stuck": 2,  # ben, eve
    }


def test_a_manager_sees_only_the_teams_they_manage(cohort):
    assert figures(cohort, "mia") == {
        "trainees": 4,  # ana, ben, cai, gus
        "in_progress": 2,
        "certified": 1,
        "needs_refresh": 0,
        "stuck": 1,
    }
    assert figures(cohort, "sam") == {
        "trainees": 3,  # dee, eve, hal
        "in_progress": 1,
        "certified": 1,
        "needs_refresh": 1,
        "stuck": 1,
    }


def test_the_trainees_behind_each_overview_figure_are_the_ones_counted(cohort):
    expected = {
        "trainees": ["Ana", "Ben", "Cai", "Dee", "Eve", "Fay", "Gus", "Hal"],
        "in_progress": ["Ana", "Ben", "Eve", "Fay"],
        "certified": ["Cai", "Hal"],
        "needs_refresh": ["Dee"],
        "stuck": ["Ben", "Eve"],
    }
    counts = figures(cohort)
    for figure, people in expected.items():
        table = behind(cohort, Group(figure))
        assert names(table) == people, figure
        assert len(table.rows) == counts[figure]
        assert [link.kind for link in table.links] == ["trainee"] * len(people)


def test_a_trainee_row_carries_the_numbers_of_the_figure(cohort):
    rows = {r["trainee"]: r for r in behind(cohort, Group("in_progress")).records()}
    ana = rows["Ana"]
    assert (ana["sessions"], ana["passed"]) == (3, 2)
    assert ana["empathy"] == pytest.approx((50 + 80 + 70) / 3, abs=0.05)
    assert ana["last_session"] == TODAY - dt.timedelta(days=8)
    assert rows["Ben"]["team"] == "north" and rows["Fay"]["team"] is None


def test_the_funnel_follows_the_cohort_through_the_track(cohort):
    table = view(cohort, "funnel")
    en = [r for r in table.records() if r["track"] == cohort.title(EN)]
    assert [r["stage"] for r in en] == ["started"] + ["module"] * 6 + ["exam", "certified"]
    # ana, ben and cai started in range; dee started 210 days ago.
    assert [r["trainees"] for r in en] == [3, 2, 1, 1, 1, 1, 1, 1, 1]
    first_module = cohort.library.curricula[EN].tracks[0].modules[0].title
    assert en[1]["module"] == first_module and en[1]["share_of_started"] == pytest.approx(66.7)
    basics = [r for r in table.records() if r["track"] == cohort.title(BASICS)]
    assert [(r["stage"], r["trainees"]) for r in basics] == [("started", 1), ("module", 0)]
    step = table.rows.index(tuple(en[1].values()))
    assert names(behind(cohort, table.links[step])) == ["Ana", "Cai"]


def test_qa_exercises_carry_trainees_through_a_track_without_chats(cohort):
    qa = cohort.library.curricula["qa"].tracks[0]
    for exercise in qa.modules[0].lessons:
        cohort.store.add_exercise_result(cohort["cai"].id, "qa", exercise.id, {}, 1.0, True)
    cohort.store.add_exercise_result(
        cohort["cai"].id, "qa", qa.modules[1].lessons[0].id, {}, 0.2, False
    )
    # Exercise results are stamped with the real clock: a range open at the end holds them.
    since = Filters(start=RANGE.start)
    rows = [r for r in view(cohort, "funnel", filters=since).records() if r["track"] == qa.title]
    assert [(r["stage"], r["trainees"]) for r in rows] == [
        ("started", 1),
        ("module", 1),
        ("module", 0),
        ("exam", 0),
        ("certified", 0),
    ]


def test_pass_rates_by_lesson_and_exam(cohort):
    rows = {r["lesson"]: r for r in view(cohort, "pass_rates").records()}
    dorothy = rows[cohort.title(EN, "tracking-for-dorothy")]
    assert (dorothy["sessions"], dorothy["trainees"], dorothy["trainees_passed"]) == (6, 3, 2)
    assert dorothy["pass_rate"] == pytest.approx(33.3)
    assert rows[cohort.title(ZH, "first-order-rice-cooker")]["pass_rate"] == 0.0
    assert rows[cohort.title(BASICS, "late-refund")]["pass_rate"] == 100.0
    exam = rows[cohort.library.curricula[EN].tracks[0].exam.title]
    assert (exam["sessions"], exam["pass_rate"], exam["module"]) == (1, 100.0, None)


def test_the_lesson_heatmap_averages_each_dimension(cohort):
    rows = {r["lesson"]: r for r in view(cohort, "lesson_heatmap").records()}
    dorothy = rows[cohort.title(EN, "tracking-for-dorothy")]
    assert dorothy["sessions"] == 6
    assert dorothy["empathy"] == pytest.approx((50 + 80 + 3 * 40 + 80) / 6, abs=0.05)
    assert dorothy["policy"] == pytest.approx((60 + 90 + 3 * 50 + 90) / 6, abs=0.05)
    assert dorothy["speed"] == pytest.approx((70 + 80 + 3 * 60 + 80) / 6, abs=0.05)
    assert dorothy["resolution"] == pytest.approx(50.0)
    # Practice lessons only: the exam scenario is not a row. cai's 12, ana's other, eve's, fay's.
    assert len(rows) == 12 + 1 + 1


def test_the_team_heatmap_has_a_row_per_team_and_one_for_no_team(cohort):
    rows = {r["team"]: r for r in view(cohort, "team_heatmap").records()}
    north = rows["north"]
    assert (north["trainees"], north["sessions"]) == (3, 18)
    assert north["pass_rate"] == pytest.approx(100 * 14 / 18, abs=0.05)
    assert north["empathy"] == pytest.approx((200 + 120 + 12 * 80) / 18, abs=0.05)
    assert (rows["south"]["sessions"], rows["south"]["pass_rate"]) == (1, 0.0)
    assert rows[None]["sessions"] == 1
    assert [r["team"] for r in view(cohort, "team_heatmap", "mia").records()] == ["north"]


def test_trends_bucket_sessions_and_certificates_by_monday(cohort):
    ended = [10, 9, 8, 5, 4, 3, *range(50, 38, -1), 20, 2]  # practice sessions in range

    def monday(days):
        day = (NOW - dt.timedelta(days=days)).date()
        return (day - dt.timedelta(days=day.weekday())).isoformat()

    expected = {}
    for days in ended:
        expected[monday(days)] = expected.get(monday(days), 0) + 1
    rows = view(cohort, "trends").records()
    assert {r["week"]: r["sessions"] for r in rows if r["sessions"]} == expected
    assert {r["week"]: r["certificates"] for r in rows if r["certificates"]} == {monday(38): 1}
    assert sum(r["sessions"] for r in rows) == len(ended)


def test_the_weakest_lesson_and_persona_need_enough_sessions(cohort):
    lessons = view(cohort, "weakest_lessons").records()
    assert [r["lesson"] for r in lessons] == [cohort.title(EN, "tracking-for-dorothy")]
    # Against its pass marks (empathy 65, policy 70): empathy is 10 short, policy 5.
    assert lessons[0]["weakest_dimension"] == "empathy"
    personas = view(cohort, "weakest_personas").records()
    assert len(personas) == 1 and "elderly-app-tracking" in personas[0]["persona"]
    assert personas[0]["pass_rate"] == pytest.approx(33.3)


def test_time_to_certify_is_from_the_first_session_to_the_certificate(cohort):
    [row] = view(cohort, "time_to_certify").records()
    title = cohort.library.curricula[EN].tracks[0].certificate.title
    assert (row["certificate"], row["certified"]) == (title, 1)
    assert row["median_days"] == pytest.approx(12.0)
    assert names(behind(cohort, view(cohort, "time_to_certify").links[0])) == ["Cai"]


def test_certificates_to_act_on_soonest_first(cohort):
    table = view(cohort, "certificates")
    assert [(r["trainee"], r["state"]) for r in table.records()] == [
        ("Gus", "expired"),
        ("Hal", "expiring"),
        ("Dee", "needs_refresh"),
    ]
    assert [r["trainee"] for r in view(cohort, "certificates", "sam").records()] == ["Hal", "Dee"]
    changed = {r["trainee"]: r["changed"] for r in table.records()}
    assert changed["Gus"] is None and changed["Hal"] is None
    # Only the sections of the policy whose version changed, and all of them.
    spec = cohort.library.curricula[EN].tracks[0].certificate
    assert changed["Dee"].split(", ") == [
        ref for ref in spec.policy_sections if ref.startswith("returns-refunds#")
    ]


def test_filters_by_team_track_and_date(cohort):
    north = Filters(team_id=cohort.teams["north"].id, start=RANGE.start, end=RANGE.end)
    assert figures(cohort, filters=north)["trainees"] == 4
    zh = Filters(curriculum_id=ZH, track_id="onboarding-zh", start=RANGE.start, end=RANGE.end)
    assert figures(cohort, filters=zh) == {
        "trainees": 8,
        "in_progress": 1,  # eve
        "certified": 0,
        "needs_refresh": 0,
        "stuck": 1,
    }
    assert [r["lesson"] for r in view(cohort, "pass_rates", filters=zh).records()] == [
        cohort.title(ZH, "first-order-rice-cooker")
    ]
    week = Filters(start=TODAY - dt.timedelta(days=6), end=TODAY)
    rates = {r["lesson"]: r["sessions"] for r in view(cohort, "pass_rates", filters=week).records()}
    assert rates == {
        cohort.title(EN, "tracking-for-dorothy"): 3,
        cohort.title(BASICS, "late-refund"): 1,
    }
    assert figures(cohort, filters=week)["in_progress"] == 2  # ben and fay
    with pytest.raises(UnknownTrack):
        view(cohort, "overview", filters=Filters(curriculum_id="no-such-course"))
    with pytest.raises(ValueError):
        Filters(start=TODAY, end=TODAY - dt.timedelta(days=1))


def test_drill_down_rows_match_their_figures(cohort):
    checked = 0
    for name in ("pass_rates", "lesson_heatmap", "weakest_lessons", "team_heatmap", "trends"):
        table = view(cohort, name)
        assert len(table.links) == len(table.rows)
        for record, link in zip(table.records(), table.links, strict=True):
            people = behind(cohort, link).records()
            if "trainees" in record:
                assert len(people) == record["trainees"], (name, record)
            if link.kind in ("lesson", "team", "week") and record["sessions"]:
                # The trainees' own numbers add up to the row's (an exam row counts attempts).
                assert sum(p["sessions"] for p in people) == record["sessions"], (name, record)
                checked += 1
    assert checked > 20


def test_a_trainees_sessions_link_to_their_transcripts(cohort):
    ana = cohort["ana"].id
    table = trainee_sessions(cohort.store, cohort.library, cohort["mia"], RANGE, NOW, ana)
    dorothy = cohort.title(EN, "tracking-for-dorothy")
    assert [r["lesson"] for r in table.records()] == [
        cohort.title(EN, "defective-blender"),
        dorothy,
        dorothy,
    ]
    assert [r["passed"] for r in table.records()] == [True, True, False]
    assert all(link.kind == "session" for link in table.links)
    owners = {cohort.store.session_owner(link.key[0]) for link in table.links}
    assert owners == {cohort["ana"].id}


def test_a_manager_cannot_see_another_team_by_id(cohort):
    mia, south = cohort["mia"], cohort.teams["south"]
    with pytest.raises(NotVisible):
        view(cohort, "overview", "mia", Filters(team_id=south.id))
    with pytest.raises(NotVisible):
        behind(cohort, Group("team", (south.id,)), "mia")
    for name in ("eve", "fay"):  # another team's, and one in no team
        with pytest.raises(NotVisible):
            trainee_sessions(cohort.store, cohort.library, mia, RANGE, NOW, cohort[name].id)
    with pytest.raises(NotVisible):  # an id that is nobody's gets the same answer
        trainee_sessions(cohort.store, cohort.library, mia, RANGE, NOW, 999_999)
    # A figure's drill-down never lists someone outside the manager's teams.
    assert names(behind(cohort, Group("trainee", (cohort["eve"].id,)), "mia")) == []
    everyone = behind(cohort, Group("trainees"), "mia")
    assert names(everyone) == ["Ana", "Ben", "Cai", "Gus"]
    assert [t.name for t in teams_in_view(cohort.store, mia)] == ["north"]


@pytest.mark.parametrize("who", ["ana", "tom"])
def test_trainees_and_trainers_see_no_dashboard(cohort, who):
    with pytest.raises(NotVisible):
        view(cohort, "overview", who)
    with pytest.raises(NotVisible):
        behind(cohort, Group("stuck"), who)
    with pytest.raises(NotVisible):
        teams_in_view(cohort.store, cohort[who])


def test_qa_leads_see_every_team(cohort):
    assert figures(cohort, "quinn") == figures(cohort, "ada")


def test_no_view_reads_turns_or_grades(cohort):
    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement.lower())

    event.listen(cohort.store.engine, "before_cursor_execute", record)
    try:
        for name in VIEWS:
            view(cohort, name)
        behind(cohort, Group("stuck"))
    finally:
        event.remove(cohort.store.engine, "before_cursor_execute", record)
    assert seen, "expected the views to run statements"
    assert not [s for s in seen if " turns" in s or " grades" in s]


def test_csv_export_round_trips_and_defuses_formulas():
    table = Table(
        "trainees",
        ("trainee", "team", "sessions", "empathy"),
        (
            ('=HYPERLINK("http://x")', "+north", 3, -2.5),
            ("@sum", "-south", 0, None),
            ('Ann, "the" best\nline', None, 1, 80.0),
        ),
    )
    text = to_csv(table, header=["Trainee", "Team", "Sessions", "Empathy"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Trainee", "Team", "Sessions", "Empathy"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+north", "3", "-2.5"]
    assert rows[2] == ["'@sum", "'-south", "0", ""]
    assert rows[3] == ['Ann, "the" best\nline', "", "1", "80.0"]
    assert list(csv.reader(io.StringIO(to_csv(table))))[0] == list(table.columns)
