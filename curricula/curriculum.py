"""A curriculum: tracks of modules of lessons, each track ending in an exam and a certificate.

Modules unlock in order. An exam meets every candidate with the same customers (fixed seeds,
the scripted engine); a certificate names the policy sections it rests on, so a new policy
version can tell which certificates need a refresh.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag

from personas.strict import Strict

Engine = Literal["scripted", "llm", "auto"]
# How a chat can end: the customer is satisfied, hands the case on, gives up; the turn or time
# limit runs out; the trainee leaves.
Ending = Literal[
    "resolved", "escalated", "abandoned", "turn_limit", "time_limit", "ended_by_trainee"
]
ENDINGS_HELP = (
    "Endings that pass: resolved (the customer is satisfied), escalated, abandoned (the "
    "customer gave up), turn_limit, time_limit, ended_by_trainee. Resolved only when omitted; "
    "list another only where it is the outcome the lesson teaches, e.g. escalated for a case "
    "the agent must hand on."
)


def _resolved_only() -> list[str]:
    return ["resolved"]


Level = Literal["agent", "mentor", "qa"]
ID = r"^[a-z0-9][a-z0-9-]*$"


class PassMarks(Strict):
    """Score (0-100) a session needs on each dimension to count as passed."""

    empathy: int = Field(60, ge=0, le=100, description="Mean empathy score of the replies.")
    policy: int = Field(70, ge=0, le=100, description="Mean policy score of the replies.")
    speed: int = Field(50, ge=0, le=100, description="Mean speed score of the replies.")
    resolution: int = Field(
        0,
        ge=0,
        le=100,
        description="Resolution score: 100 when the customer ends satisfied, else the "
        "customer's final satisfaction capped at 60; 0 means not required. Above 60 only a "
        "resolved chat meets it.",
    )


class Lesson(Strict):
    """A practice chat: a persona met under a policy."""

    kind: Literal["chat"] = Field("chat", description="A practice chat (the default).")
    id: str = Field(pattern=ID, description="Unique in the curriculum.")
    title: str
    persona: str = Field(description="Persona id (its file stem).")
    policy: str = Field(description="Policy id for the version in effect, or ID@VERSION.")
    objectives: list[str] = Field(min_length=1, description="Shown to the trainee beforehand.")
    pass_marks: PassMarks = Field(default_factory=PassMarks)
    passing_endings: list[Ending] = Field(
        default_factory=_resolved_only, min_length=1, description=ENDINGS_HELP
    )
    required_facts: list[str] = Field(
        default_factory=list,
        description="Keys of policy facts the trainee must state during the chat, e.g. "
        "refund_days; checked over the whole session, shown in its summary.",
    )
    sla_seconds: int = Field(60, ge=1, description="Seconds within which a reply is on time.")
    turn_limit: int = Field(10, ge=1, le=100, description="Trainee replies before the chat ends.")
    time_limit_minutes: int | None = Field(
        None, ge=1, description="Minutes the whole chat may take; none when omitted."
    )
    engine: Engine = Field(
        "auto", description="scripted, llm, or auto (the LLM when one is configured)."
    )


class GoldTurn(Strict):
    role: Literal["customer", "agent"]
    text: str
    gold: dict[str, int] | None = Field(
        None,
        description="For agent turns: the gold scores (0-100) per dimension, e.g. "
        "{empathy: 40, policy: 100}, that a QA grader should give.",
    )


class GradingExercise(Strict):
    """QA practice: grade a gold transcript; scored on agreement with the gold key."""

    kind: Literal["grading"] = Field(description="A grading exercise.")
    id: str = Field(pattern=ID, description="Unique in the curriculum.")
    title: str
    policy: str = Field(description="Policy the transcript is graded against.")
    objectives: list[str] = Field(min_length=1)
    transcript: list[GoldTurn] = Field(min_length=2)
    tolerance: int = Field(
        15, ge=0, le=100, description="Points a grade may differ from gold and still agree."
    )
    pass_agreement: float = Field(
        0.8, ge=0, le=1, description="Share of gold grades the trainee must agree with."
    )


def _kind(value: object) -> str:
    # A lesson is a practice chat unless it says otherwise, so most files never write a kind.
    if isinstance(value, dict):
        return value.get("kind", "chat")
    return getattr(value, "kind", "chat")


Activity = Annotated[
    Annotated[Lesson, Tag("chat")] | Annotated[GradingExercise, Tag("grading")],
    Discriminator(_kind),
]


class Module(Strict):
    id: str = Field(pattern=ID)
    title: str
    lessons: list[Activity] = Field(min_length=1)


class ExamScenario(Strict):
    """One customer of an exam, met once per seed (variant)."""

    id: str = Field(pattern=ID)
    persona: str = Field(description="Persona id.")
    policy: str = Field(description="Policy id or ID@VERSION.")
    seeds: list[int] = Field(
        min_length=1,
        description="Fixed seeds: every candidate meets the same variants. With "
        "pass_every_variant, all must pass (pass^k).",
    )
    pass_marks: PassMarks = Field(default_factory=PassMarks)
    passing_endings: list[Ending] = Field(
        default_factory=_resolved_only, min_length=1, description=ENDINGS_HELP
    )
    sla_seconds: int = Field(60, ge=1)
    turn_limit: int = Field(10, ge=1, le=100)


class Exam(Strict):
    id: str = Field(pattern=ID)
    title: str
    scenarios: list[ExamScenario] = Field(min_length=1)
    attempts: int = Field(2, ge=1, description="Attempts allowed.")
    cooling_off_hours: int = Field(24, ge=0, description="Hours to wait between attempts.")
    time_limit_minutes: int = Field(60, ge=1)
    pass_every_variant: bool = Field(
        True, description="Each scenario passes only when every seed passes (pass^k)."
    )


class CertificateSpec(Strict):
    id: str = Field(pattern=ID, description="Unique across curricula.")
    title: str
    level: Level
    validity_days: int = Field(365, ge=1)
    requires: list[str] = Field(
        default_factory=list, description="Certificate ids a candidate must already hold."
    )
    policy_sections: list[str] = Field(
        default_factory=list,
        description="POLICY#SECTION it rests on: a change there means the holders need a refresh.",
    )


class Track(Strict):
    id: str = Field(pattern=ID)
    title: str
    requires: list[str] = Field(
        default_factory=list, description="Certificate ids needed to start this track."
    )
    modules: list[Module] = Field(min_length=1, description="Unlock in order.")
    exam: Exam | None = None
    certificate: CertificateSpec | None = Field(
        None, description="Issued when the exam (or, without one, every module) is passed."
    )


class Curriculum(Strict):
    """The file stem is the id."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    title: str
    language: str = Field(description="Language the curriculum is taught in, e.g. en or zh.")
    tracks: list[Track] = Field(min_length=1)

    @property
    def modules(self) -> list[Module]:
        return [module for track in self.tracks for module in track.modules]

    def activities(self) -> list[Lesson | GradingExercise]:
        return [activity for module in self.modules for activity in module.lessons]

    def lessons(self) -> list[Lesson]:
        """The practice chats (grading exercises are not chats)."""
        return [a for a in self.activities() if isinstance(a, Lesson)]

    def locate(self, activity_id: str) -> tuple[int, int, int] | None:
        """(track, module, activity) index of a lesson or grading exercise, in teaching order."""
        for t, track in enumerate(self.tracks):
            for m, module in enumerate(track.modules):
                for i, activity in enumerate(module.lessons):
                    if activity.id == activity_id:
                        return t, m, i
        return None

    def lesson(self, lesson_id: str) -> Lesson | None:
        if lesson_id.startswith(EXAM_KEY):
            return self.exam_lesson(lesson_id)
        return next((x for x in self.lessons() if x.id == lesson_id), None)

    def exam_lesson(self, key: str) -> Lesson | None:
        """One exam scenario as a chat lesson; `key` is exam_key(track id, scenario id). The
        scripted engine, so every candidate meets the same customer for the same seed."""
        _, track_id, scenario_id = (key.split(":") + ["", ""])[:3]
        track = next((t for t in self.tracks if t.id == track_id and t.exam), None)
        if track is None:
            return None
        scenario = next((s for s in track.exam.scenarios if s.id == scenario_id), None)
        if scenario is None:
            return None
        return Lesson(
            id=scenario.id,
            title=f"{track.exam.title}: {scenario.id}",
            persona=scenario.persona,
            policy=scenario.policy,
            objectives=[track.exam.title],
            pass_marks=scenario.pass_marks,
            passing_endings=scenario.passing_endings,
            sla_seconds=scenario.sla_seconds,
            turn_limit=scenario.turn_limit,
            engine="scripted",
        )


EXAM_KEY = "exam:"


def exam_key(track_id: str, scenario_id: str) -> str:
    return f"{EXAM_KEY}{track_id}:{scenario_id}"
