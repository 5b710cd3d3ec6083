"""One automated trainee's weeks on the practice floor: lessons in order, retries after a
failed lesson, the exam once eligible (cooling-off respected on the simulated clock), the
certificate, and for some a follow-on track. A trainee who fails the same lesson too often in a
row, or uses up the exam attempts, stalls there: the dashboards' stuck trainee."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from counterpart.cohort.chat import ChatPlayer
from counterpart.cohort.clock import SimulatedClock
from counterpart.exams import ExamResult, ExamService
from counterpart.progress import lesson_records, passed_in
from counterpart.qa_exercises import QAExercises
from counterpart.storage.records import User
from curricula.certification import track_open
from curricula.curriculum import GradingExercise, Lesson, Track
from grading.rubric import grade_reply

DAY_STARTS_AT = dt.time(9, 0)
LAST_START = dt.timedelta(hours=2)  # no session starts this close to the end of the cohort
RETRY_GAIN = 0.12


@dataclass(frozen=True)
class Profile:
    username: str
    display_name: str
    team: str
    curriculum_id: str
    skill: float  # 0.0-1.0 when joining
    joined: dt.datetime
    pace: int  # most sessions on a practice day
    grit: int  # failed tries of one lesson in a row before the trainee stalls
    learning: float  # skill gained per session, from the feedback
    follow_on: str | None  # curriculum taken after certifying, if any
    spoken: tuple[str, ...]  # languages the trainee writes in
    seed: str


@dataclass
class Outcome:
    state: str = "in_progress"  # certified | in_progress | stuck (stalled, no longer practising)
    sessions: int = 0
    replies: int = 0
    exam_attempts: int = 0
    exercises: int = 0
    certificates: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    kind: str  # lesson | exercise | exam | wait | done | stuck
    curriculum_id: str = ""
    activity: Lesson | GradingExercise | None = None
    track: Track | None = None


class Journey:
    def __init__(self, player: ChatPlayer, exams: ExamService, clock: SimulatedClock):
        self.player, self.exams, self.clock = player, exams, clock
        self.loop = player.loop
        self.qa = QAExercises(self.loop)

    def run(self, profile: Profile, user: User, end: dt.datetime) -> Outcome:
        rng = random.Random(profile.seed)
        outcome = Outcome()
        failures: dict[str, int] = {}
        day = profile.joined.date()
        finished = False  # everything done, or stalled
        while not finished:
            start = dt.datetime.combine(day, DAY_STARTS_AT, dt.UTC)
            start = max(start, profile.joined) + dt.timedelta(minutes=rng.uniform(0, 180))
            day += dt.timedelta(days=1)
            if start >= end - LAST_START:
                break
            weak = 1 - profile.skill
            working = (0.72 - 0.3 * weak) if start.weekday() < 5 else 0.05
            if rng.random() >= working:
                continue
            self.clock.set(start)
            finished = self._practise_day(profile, user, rng, outcome, failures, end)
        held = {c.certificate_id for c in self.loop.store.certificates_of(user.id)}
        outcome.certificates = sorted(held)
        if held:  # a certified trainee stalled in a follow-on track is still certified
            outcome.state = "certified"
        return outcome

    def _practise_day(
        self,
        profile: Profile,
        user: User,
        rng: random.Random,
        outcome: Outcome,
        failures: dict[str, int],
        end: dt.datetime,
    ) -> bool:
        """One day's sessions; True once the trainee has nothing left to do or has stalled."""
        for _ in range(rng.randint(1, profile.pace)):
            if self.clock.now >= end - LAST_START:
                return False
            step = self._next_step(profile, user)
            if step.kind == "wait":  # cooling off after an exam attempt
                return False
            if step.kind == "done":
                return True
            if step.kind == "stuck" or not self._take(step, profile, user, rng, outcome, failures):
                outcome.state = "stuck"
                return True
            self.clock.advance(rng.uniform(300, 3600))
        return False

    def _curricula(self, profile: Profile) -> list[str]:
        return [profile.curriculum_id, *([profile.follow_on] if profile.follow_on else [])]

    def _next_step(self, profile: Profile, user: User) -> Step:
        records = lesson_records(self.loop.store, self.loop.library, user)
        held = self.loop.held_certificates(user)
        for curriculum_id in self._curricula(profile):
            curriculum = self.loop.library.curricula[curriculum_id]
            passed = passed_in(records, curriculum_id)
            for track in curriculum.tracks:
                if not track_open(track, held)[0]:
                    continue
                if track.certificate and track.certificate.id in held:
                    continue
                activities = [a for module in track.modules for a in module.lessons]
                activity = next((a for a in activities if a.id not in passed), None)
                if activity is not None:
                    kind = "exercise" if isinstance(activity, GradingExercise) else "lesson"
                    return Step(kind, curriculum_id, activity)
                if track.exam is None:
                    continue
                eligibility = self.exams.eligibility(user, curriculum_id, track.id, records)
                if eligibility.ok:
                    return Step("exam", curriculum_id, track=track)
                if eligibility.next_try_at is not None:
                    return Step("wait")
                return Step("stuck")  # no attempts left
        return Step("done")

    def _form(
        self, profile: Profile, outcome: Outcome, rng: random.Random, retries: int = 0
    ) -> float:
        """Skill on the day: grown with practice, and with each retry of the same customer
        (the feedback of the last try showed a better phrasing)."""
        gain = RETRY_GAIN * profile.skill * retries  # a stronger trainee makes more of feedback
        skill = profile.skill + profile.learning * outcome.sessions + gain
        return max(0.0, min(1.0, rng.gauss(min(0.98, skill), 0.07)))

    def _take(
        self,
        step: Step,
        profile: Profile,
        user: User,
        rng: random.Random,
        outcome: Outcome,
        failures: dict[str, int],
    ) -> bool:
        """Take one step; False when the trainee gives up on the course."""
        if step.kind == "exam":
            self._exam(step, profile, user, rng, outcome)
            return True
        key = f"{step.curriculum_id}/{step.activity.id}"
        form = self._form(profile, outcome, rng, failures.get(key, 0))
        if step.kind == "exercise":
            passed = self._exercise(step, form, user, rng, outcome)
        else:
            passed = self._lesson(step, form, profile, user, rng, outcome)
        failures[key] = 0 if passed else failures.get(key, 0) + 1
        return failures[key] < profile.grit

    def _lesson(
        self,
        step: Step,
        form: float,
        profile: Profile,
        user: User,
        rng: random.Random,
        outcome: Outcome,
    ) -> bool:
        seed = rng.randrange(2**31)
        session = self.loop.start(user, step.curriculum_id, step.activity.id, seed=seed)
        chat = self.player.conversation(session, form, profile.spoken, rng)
        outcome.replies += self.player.play(user, session, chat)
        outcome.sessions += 1
        score = self.loop.store.session_scores_of(user.id)[0]
        return score.session_id == session.id and bool(score.passed)

    def _exam(
        self, step: Step, profile: Profile, user: User, rng: random.Random, outcome: Outcome
    ) -> None:
        attempt = self.exams.start(user, step.curriculum_id, step.track.id)
        outcome.exam_attempts += 1
        result = self.exams.advance(user, attempt.id)
        while not isinstance(result, ExamResult):
            form = self._form(profile, outcome, rng)
            chat = self.player.conversation(result, form, profile.spoken, rng)
            outcome.replies += self.player.play(user, result, chat)
            outcome.sessions += 1
            self.clock.advance(rng.uniform(20, 90))
            result = self.exams.advance(user, attempt.id)

    def _exercise(
        self, step: Step, form: float, user: User, rng: random.Random, outcome: Outcome
    ) -> bool:
        """Grade a gold transcript: the trainee's own reading (the offline graders' view of each
        agent turn) pulled towards the gold key as far as the trainee's skill reaches."""
        exercise = step.activity
        policy = self.loop.library.policy(exercise.policy)
        grades: dict[int, dict[str, int]] = {}
        customer = ""
        for index, turn in enumerate(exercise.transcript):
            if turn.role == "customer":
                customer = turn.text
                continue
            if not turn.gold:
                continue
            seen = grade_reply(
                turn.text, policy=policy, sla_seconds=60, reply_seconds=None, customer_text=customer
            ).scores()
            grades[index] = {}
            for dimension, gold in turn.gold.items():
                own = seen.get(dimension)
                own = gold if own is None else own
                guess = form * gold + (1 - form) * own + rng.gauss(0, 3 + 15 * (1 - form))
                grades[index][dimension] = max(0, min(100, round(guess)))
        self.clock.advance(rng.uniform(480, 1500))
        outcome.exercises += 1
        agreement = self.qa.submit(user, step.curriculum_id, exercise.id, grades)
        return agreement.passed
