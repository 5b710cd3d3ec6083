"""The demo cohort: automated trainees of every skill played through the real session loop,
graders, scripted customers and exam service, over simulated weeks."""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics

import pytest

from counterpart.cohort import (
    DEFAULT_TEAMS,
    CohortExists,
    generate_cohort,
    has_cohort,
    skill_value,
)
from counterpart.cohort.chat import ChatPlayer, facts_to_state, reply_language
from counterpart.cohort.phrasebook import PhrasebookBuilder
from counterpart.cohort.roster import roster
from counterpart.cohort.trainee import Conversation
from counterpart.cohort.voice import Voices
from counterpart.demo import DEMO_MANAGED_TEAMS, manage_demo_teams, seed_demo, seed_demo_cohort
from counterpart.storage.store import Store
from curricula.library import load_library
from grading.policy_grader import grade_policy
from grading.rubric import GRADER_VERSION, grade_reply

LIBRARY = load_library()
END = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
START = END - dt.timedelta(weeks=6)
CJK = re.compile(r"[\u4e00-\u9fff]")
DIMENSIONS = ("empathy", "policy", "speed")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """Six trainees, both onboarding curricula, six weeks."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('cohort') / 'cohort.db'}")
    calls = []
    summary = generate_cohort(
        store,
        LIBRARY,
        trainees=6,
        seed=0,
        start=START,
        end=END,
        progress=lambda done, total: calls.append((done, total)),
    )
    return store, summary, calls


def scores_of(store, username):
    user = store.user_with_hash(username)[0]
    return list(reversed(store.session_scores_of(user.id)))  # oldest first


def practice(scores):
    return [s for s in scores if s.exam_attempt_id is None]


def test_the_cohort_is_made_and_reported(cohort):
    store, summary, calls = cohort
    assert calls == [(done, 6) for done in range(1, 7)]
    assert summary.trainees == 6 == len(summary.results)
    teams = {t.name: t.id for t in store.teams()}
    assert set(teams) == set(DEFAULT_TEAMS)
    for result in summary.results:
        user = store.user_with_hash(result.username)[0]
        assert user.role == "trainee" and user.team_id == teams[result.team]
        assert len(store.session_scores_of(user.id)) == result.sessions
    assert {r.team for r in summary.results} == set(DEFAULT_TEAMS)
    assert {r.curriculum_id for r in summary.results} == {"onboarding-en", "onboarding-zh"}
    assert summary.sessions == sum(r.sessions for r in summary.results) > 0
    assert summary.turns == sum(r.replies for r in summary.results) > summary.sessions
    held = [c for _, c in store.all_certificates()]
    assert summary.certificates == len(held)


def test_cohort_accounts_cannot_sign_in(cohort):
    from counterpart.accounts import authenticate

    store, summary, _ = cohort
    username = summary.results[0].username
    assert authenticate(store, username, "") is None
    assert authenticate(store, username, "practise-now") is None


def test_some_are_certified_some_in_progress_some_stuck(cohort):
    store, summary, _ = cohort
    states = {r.username: r.state for r in summary.results}
    assert set(states.values()) == {"certified", "in_progress", "stuck"}, summary.states
    for result in summary.results:
        user = store.user_with_hash(result.username)[0]
        held = [c.certificate_id for c in store.certificates_of(user.id)]
        assert (result.state == "certified") == bool(held)
        if result.state == "certified":
            attempts = [
                a
                for c in LIBRARY.curricula.values()
                for t in c.tracks
                for a in store.exam_attempts(user.id, c.id, t.id)
            ]
            assert any(a.passed for a in attempts)
        if result.state == "stuck":
            # Stalled: the last lessons all failed, or every exam attempt was used and failed.
            tries = practice(scores_of(store, result.username))[-3:]
            attempts = [
                a
                for t in LIBRARY.curricula[result.curriculum_id].tracks
                for a in store.exam_attempts(user.id, result.curriculum_id, t.id)
            ]
            exhausted = len(attempts) >= 2 and not any(a.passed for a in attempts)
            assert exhausted or (len(tries) == 3 and not any(s.passed for s in tries))
    # Trainees in progress were still practising in the last week.
    recent = END - dt.timedelta(days=7)
    assert any(
        max(s.ended_at for s in scores_of(store, r.username)) > recent
        for r in summary.results
        if r.state == "in_progress"
    )


def test_stronger_trainees_score_higher_on_every_dimension_and_pass_more(cohort):
    store, summary, _ = cohort
    ranked = sorted(summary.results, key=lambda r: r.skill)
    weaker, stronger = ranked[:3], ranked[3:]

    def mean(group, dimension):
        values = [
            getattr(s, dimension)
            for r in group
            for s in practice(scores_of(store, r.username))
            if getattr(s, dimension) is not None
        ]
        return statistics.mean(values)

    for dimension in (*DIMENSIONS, "resolution"):
        assert mean(stronger, dimension) > mean(weaker, dimension), dimension

    def passed_lessons(group):
        return sum(
            len({s.lesson_id for s in practice(scores_of(store, r.username)) if s.passed})
            for r in group
        )

    def pass_rate(group):
        tried = [s for r in group for s in practice(scores_of(store, r.username))]
        return sum(bool(s.passed) for s in tried) / len(tried)

    assert passed_lessons(stronger) > passed_lessons(weaker)
    assert pass_rate(stronger) > pass_rate(weaker)


def test_every_reply_is_graded_by_the_real_graders(cohort):
    store, summary, _ = cohort
    checked = 0
    for result in summary.results:
        for score in scores_of(store, result.username)[:3]:
            session = store.session(score.session_id)
            lesson = LIBRARY.curricula[session.curriculum_id].lesson(session.lesson_id)
            policy = LIBRARY.policy(session.policy_ref)
            assert {t.engine for t in session.turns if t.role == "customer"} <= {
                "persona",
                "scripted",
            }
            for index, turn in enumerate(session.turns):
                if turn.role != "trainee":
                    continue
                assert set(turn.grades) == set(DIMENSIONS)
                assert {g.grader_version for g in turn.grades.values()} == {GRADER_VERSION}
                assert all(g.reasons for g in turn.grades.values())
                history = [(t.role, t.text) for t in session.turns[:index]]
                again = grade_reply(
                    turn.text,
                    policy=policy,
                    sla_seconds=lesson.sla_seconds,
                    reply_seconds=turn.reply_seconds,
                    customer_text=history[-1][1],
                    context=history,
                )
                assert {d: turn.grades[d].score for d in DIMENSIONS} == again.scores()
                checked += 1
    assert checked > 20


def test_sessions_spread_over_weeks_on_the_simulated_clock(cohort):
    store, summary, _ = cohort
    scores = [s for r in summary.results for s in scores_of(store, r.username)]
    ended = sorted(s.ended_at for s in scores)
    assert ended[0] >= START and ended[-1] <= END
    assert ended[-1] - ended[0] > dt.timedelta(weeks=3)
    weeks = {(s.ended_at - START).days // 7 for s in scores}
    assert len(weeks) >= 4
    # Practice happens in working hours, and the trainees take human time to reply.
    session = store.session(scores[0].session_id)
    replies = [t for t in session.turns if t.role == "trainee"]
    assert all(0 < t.reply_seconds < 3600 for t in replies)
    assert all(START <= t.created_at <= END for t in session.turns)


def test_weaker_trainees_reply_more_slowly(cohort):
    store, summary, _ = cohort
    ranked = sorted(summary.results, key=lambda r: r.skill)

    def typing_speed(group):
        speeds = []
        for result in group:
            for score in practice(scores_of(store, result.username))[:4]:
                for turn in store.session(score.session_id).turns:
                    if turn.role == "trainee":
                        speeds.append(len(turn.text) / turn.reply_seconds)
        return statistics.median(speeds)

    assert typing_speed(ranked[3:]) > typing_speed(ranked[:3])


def test_a_second_run_is_refused_and_adds_nothing(cohort):
    store, _, _ = cohort
    users, teams = store.users(), store.teams()
    assert has_cohort(store)
    with pytest.raises(CohortExists, match="Team North"):
        generate_cohort(store, LIBRARY, trainees=6, seed=0, start=START, end=END)
    with pytest.raises(CohortExists):
        generate_cohort(store, LIBRARY, trainees=2, seed=5, start=START, end=END)
    assert store.users() == users and store.teams() == teams


def test_an_existing_team_or_account_is_refused_before_anything_is_written(database_url):
    store = Store(database_url)
    store.add_team("Team South")
    with pytest.raises(CohortExists, match="Team South"):
        generate_cohort(store, LIBRARY, trainees=3, seed=0, start=START, end=END)
    assert [t.name for t in store.teams()] == ["Team South"] and store.users() == []
    name = roster(LIBRARY, 3, ("Desk",), ("onboarding-en",), 0, START, END)[1].username
    store.add_user(name, "Someone", "trainee", "-")
    with pytest.raises(CohortExists, match=re.escape(name)):
        generate_cohort(store, LIBRARY, trainees=3, teams=("Desk",), seed=0, start=START, end=END)
    assert [t.name for t in store.teams()] == ["Team South"] and len(store.users()) == 1


def small_chinese_cohort(tmp_path, name):
    store = Store(f"sqlite:///{tmp_path / name}")
    summary = generate_cohort(
        store,
        LIBRARY,
        trainees=3,
        teams=("Team East",),
        curricula=("onboarding-zh",),
        seed=11,
        start=END - dt.timedelta(weeks=3),
        end=END,
    )
    return store, summary


def test_same_seed_same_cohort_and_a_chinese_curriculum_works(tmp_path):
    first, summary = small_chinese_cohort(tmp_path, "one.db")
    second, again = small_chinese_cohort(tmp_path, "two.db")
    assert summary.results == again.results
    assert (summary.sessions, summary.turns) == (again.sessions, again.turns)

    def played(store, result):
        return [
            (s.lesson_id, s.empathy, s.policy, s.speed, s.resolution, s.passed, s.ended_at)
            for s in scores_of(store, result.username)
        ]

    for result in summary.results:
        assert played(first, result) == played(second, result)
    assert summary.sessions > 0
    assert {s.curriculum_id for r in summary.results for s in scores_of(first, r.username)} == {
        "onboarding-zh"
    }
    # Chinese customers are answered in Chinese, and the graders read it.
    chinese = [
        (turn, session)
        for r in summary.results
        for s in scores_of(first, r.username)
        if LIBRARY.personas[s.persona_id].language == "zh"
        for session in [first.session(s.session_id)]
        for turn in session.turns
        if turn.role == "trainee"
    ]
    assert chinese and all(CJK.search(turn.text) for turn, _ in chinese)
    assert max(turn.grades["empathy"].score for turn, _ in chinese) >= 60
    assert any(s.passed for r in summary.results for s in scores_of(first, r.username))


def test_the_roster_depends_on_the_seed():
    one = roster(LIBRARY, 6, DEFAULT_TEAMS, ("onboarding-en",), 0, START, END)
    two = roster(LIBRARY, 6, DEFAULT_TEAMS, ("onboarding-en",), 1, START, END)
    assert one == roster(LIBRARY, 6, DEFAULT_TEAMS, ("onboarding-en",), 0, START, END)
    assert [p.username for p in one] != [p.username for p in two]
    assert len({p.username for p in one}) == 6
    skills = sorted(p.skill for p in one)
    assert skills[0] < 0.3 and skills[-1] > 0.7


@pytest.mark.parametrize(
    "curriculum_id", [c for c in sorted(LIBRARY.curricula) if LIBRARY.curricula[c].lessons()]
)
def test_every_lesson_gets_a_phrasebook_from_its_own_content(curriculum_id):
    """Right statements are right and wrong ones wrong by the policy grader, for every lesson
    and language a cohort trainee meets."""
    player = ChatPlayer(None, None, PhrasebookBuilder(Voices(LIBRARY)))
    curriculum = LIBRARY.curricula[curriculum_id]
    spoken = tuple(dict.fromkeys([curriculum.language, "en"]))
    for lesson in curriculum.lessons():
        persona, policy = LIBRARY.personas[lesson.persona], LIBRARY.policy(lesson.policy)
        facts = facts_to_state(curriculum, lesson.id, lesson)
        book = player.phrasebook(persona, policy, facts, spoken)
        assert book.language in (reply_language(persona, spoken), persona.language)
        assert book.warmth and book.offers and book.curt, lesson.id
        asked = {key for q in book.questions for key in q.asks}
        assert asked == {f.key for f in persona.facts}, lesson.id
        for key in facts:
            assert book.statements[key], (lesson.id, key)
            for text in book.statements[key]:
                kinds = {r.kind for r in grade_policy(text, policy, required_facts=[key]).reasons}
                assert "states_fact" in kinds and "wrong_number" not in kinds, text
            for text in book.wrong[key]:
                kinds = {r.kind for r in grade_policy(text, policy).findings}
                assert "wrong_number" in kinds, text
        if book.language == "zh":
            assert all(CJK.search(q.text) for q in book.questions)


def conversation(skill, seed):
    persona = LIBRARY.personas["rude-late-refund"]
    curriculum = LIBRARY.curricula["onboarding-en"]
    lesson = curriculum.lesson("rude-late-refund")
    book = PhrasebookBuilder(Voices(LIBRARY)).build(
        persona, LIBRARY.policy(lesson.policy), ("refund_days",), "en"
    )
    return Conversation(persona, book, skill, random.Random(seed), ("refund_days",))


def test_a_conversation_is_the_same_for_the_same_seed():
    opening = LIBRARY.personas["rude-late-refund"].lines.opening[0]
    one, two = conversation(0.5, 3), conversation(0.5, 3)
    assert [one.reply(opening) for _ in range(4)] == [two.reply(opening) for _ in range(4)]


def test_a_strong_trainee_asks_states_correctly_and_is_quicker_than_a_weak_one():
    persona = LIBRARY.personas["rude-late-refund"]
    policy = LIBRARY.policy("returns-refunds")
    opening = persona.lines.opening[0]
    strong_marks, weak_marks = [], []
    strong_time = weak_time = 0.0
    for seed in range(20):
        for skill, marks in ((0.95, strong_marks), (0.05, weak_marks)):
            chat = conversation(skill, seed)
            text, seconds = chat.reply(opening)
            marks.append(
                grade_reply(text, policy=policy, sla_seconds=45, reply_seconds=seconds).scores()
            )
            if skill > 0.5:
                strong_time += seconds
            else:
                weak_time += seconds
    for dimension in DIMENSIONS:
        assert statistics.mean(m[dimension] for m in strong_marks) > statistics.mean(
            m[dimension] for m in weak_marks
        ), dimension
    assert strong_time < weak_time


def test_skill_levels_by_name_or_number():
    assert skill_value("novice") < skill_value("average") < skill_value("strong")
    assert skill_value(0.4) == 0.4
    with pytest.raises(ValueError):
        skill_value(1.5)
    with pytest.raises(KeyError):
        skill_value("expert")


def test_generate_cohort_checks_its_arguments(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'args.db'}")
    with pytest.raises(ValueError, match="curricula"):
        generate_cohort(store, LIBRARY, trainees=2, curricula=("nope",), start=START, end=END)
    with pytest.raises(ValueError):
        generate_cohort(store, LIBRARY, trainees=0, start=START, end=END)
    with pytest.raises(ValueError):
        generate_cohort(store, LIBRARY, trainees=2, start=END, end=START)
    assert store.teams() == [] and store.users() == []


def test_the_demo_manager_manages_two_cohort_teams_and_not_the_third(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    seed_demo(store)
    for name in DEFAULT_TEAMS:
        store.add_team(name)
    manage_demo_teams(store)
    manage_demo_teams(store)  # safe to repeat
    manager = store.user_with_hash("manager")[0]
    names = {t.id: t.name for t in store.teams()}
    managed = {names[i] for i in store.managed_team_ids(manager.id)}
    assert managed == set(DEMO_MANAGED_TEAMS) and len(managed) == 2
    assert set(DEFAULT_TEAMS) - managed  # one team stays out of the manager's view
    trainee = store.user_with_hash("trainee")[0]
    assert names[trainee.team_id] == DEMO_MANAGED_TEAMS[0]
    for role in ("qa", "admin"):
        assert store.user_with_hash(role)[0].role == role


def test_the_demo_cohort_is_made_once_with_the_manager_on_two_teams(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'demo-cohort.db'}")
    calls = []
    summary = seed_demo_cohort(
        store, LIBRARY, trainees=2, progress=lambda done, total: calls.append(done)
    )
    assert summary is not None and summary.trainees == 2 and calls == [1, 2]
    assert seed_demo_cohort(store, LIBRARY, trainees=2) is None
    assert len([u for u in store.users() if u.role == "trainee"]) == 3  # and the demo trainee
    manager = store.user_with_hash("manager")[0]
    names = {t.id: t.name for t in store.teams()}
    assert {names[i] for i in store.managed_team_ids(manager.id)} == set(DEMO_MANAGED_TEAMS)


def test_the_demo_cohort_is_not_made_twice(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'again.db'}")
    store.add_team(DEFAULT_TEAMS[0])  # a cohort is there already
    assert seed_demo_cohort(store, LIBRARY) is None
    assert {u.username for u in store.users()} == {"trainee", "trainer", "manager", "qa", "admin"}
    manager = store.user_with_hash("manager")[0]
    assert len(store.managed_team_ids(manager.id)) == 1
