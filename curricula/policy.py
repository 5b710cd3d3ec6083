"""A policy: prose for people and typed facts for the grader, versioned."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from personas.strict import Strict

FactKind = Literal["days", "hours", "amount", "percent"]


class PolicyFact(Strict):
    """A number an agent may state, e.g. the return window in days."""

    key: str = Field(description="Short name, e.g. return_window_days.")
    kind: FactKind = Field(description="Unit of the number: days, hours, amount or percent.")
    value: float = Field(ge=0, description="The correct number.")
    currency: str | None = Field(None, description="ISO currency code, for kind 'amount'.")
    about: list[str] = Field(
        min_length=1,
        description="Words that mark a reply as talking about this fact, in every language "
        "the policy is taught in, e.g. ['return', 'send it back', '退货'].",
    )
    statement: str = Field(description="How a correct agent would state the fact.")


class Promise(Strict):
    """Something an agent must never promise."""

    phrases: list[str] = Field(min_length=1, description="Words that make the promise.")
    reason: str = Field(description="Why the promise is not allowed.")


class PolicySection(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id, e.g. return-window.")
    title: str
    text: str = Field(description="The rule in plain words, shown to trainees.")
    facts: list[PolicyFact] = Field(default_factory=list)
    forbidden_promises: list[Promise] = Field(default_factory=list)


class Policy(Strict):
    """One version of a policy. The file stem is the id (or id@version)."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    title: str
    version: str = Field(description="Version label, e.g. 2026.10; new rules get a new version.")
    effective: dt.date = Field(description="Date from which this version applies.")
    sections: list[PolicySection] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_sections(self) -> Policy:
        ids = [s.id for s in self.sections]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"section ids must be unique; repeated: {', '.join(dupes)}")
        return self

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def section(self, section_id: str) -> PolicySection | None:
        return next((s for s in self.sections if s.id == section_id), None)
