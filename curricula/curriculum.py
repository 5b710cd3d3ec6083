"""A curriculum: modules of lessons, each a persona met under a policy."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from personas.strict import Strict

Engine = Literal["scripted", "llm", "auto"]


class PassMarks(Strict):
    """Score (0-100) a reply needs on each dimension to count as passed."""

    empathy: int = Field(60, ge=0, le=100)
    policy: int = Field(70, ge=0, le=100)
    speed: int = Field(50, ge=0, le=100)


class Lesson(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    persona: str = Field(description="Persona id (its file stem).")
    policy: str = Field(description="Policy id for the current version, or ID@VERSION.")
    objectives: list[str] = Field(min_length=1, description="Shown to the trainee beforehand.")
    pass_marks: PassMarks = Field(default_factory=PassMarks)
    required_facts: list[str] = Field(
        default_factory=list,
        description="Keys of policy facts the trainee must state during the chat, e.g. "
        "refund_days; checked over the whole session, shown in its summary.",
    )
    sla_seconds: int = Field(60, ge=1, description="Seconds within which a reply is on time.")
    turn_limit: int = Field(10, ge=1, le=100, description="Trainee replies before the chat ends.")
    engine: Engine = Field(
        "auto", description="scripted, llm, or auto (the LLM when one is configured)."
    )


class Module(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    lessons: list[Lesson] = Field(min_length=1)


class Curriculum(Strict):
    """The file stem is the id."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    title: str
    language: str = Field(description="Language the curriculum is taught in, e.g. en or zh.")
    modules: list[Module] = Field(min_length=1)

    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.lessons() if x.id == lesson_id), None)
