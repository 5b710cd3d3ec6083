"""A policy: prose for people and typed facts for the grader, versioned."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from personas.strict import Strict

FactKind = Literal["days", "hours", "amount", "percent"]
Comparison = Literal["exact", "at_most"]
_ID = r"^[a-z0-9][a-z0-9-]*$"


class PolicyFact(Strict):
    """A number an agent may state, e.g. the return window in days."""

    key: str = Field(description="Short name, unique in the policy, e.g. return_window_days.")
    kind: FactKind = Field(description="Unit of the number: days, hours, amount or percent.")
    value: float = Field(ge=0, description="The correct number.")
    currency: str | None = Field(None, description="ISO currency code, for kind 'amount'.")
    about: list[str] = Field(
        min_length=1,
        description="Words that mark a reply as talking about this fact, in every language "
        "the policy is taught in, e.g. ['return', 'send it back', '退货']. Words shared with "
        "another fact (appeal for a ban and for a video) only count when nothing tells the two "
        "apart; give each fact the words that are its own (domestic, cross-border).",
    )
    cues: list[str] = Field(
        default_factory=list,
        description="Words that tell this fact from a sibling with the same topic words but never "
        "put a sentence on the topic by themselves: ['domestic'] against ['cross-border'] for "
        "lost parcels. Right next to a number they decide which fact it is: ['满', 'spend'] "
        "for a minimum spend and ['减', 'off'] for the discount in 满200减30.",
    )
    compare: Comparison | None = Field(
        None,
        description="How a stated number is checked: 'exact' (it must equal the value) or "
        "'at_most' (less is fine, e.g. a compensation limit). Default: at_most for amounts, "
        "exact for days, hours and percentages.",
    )
    repeats: bool = Field(
        False,
        description="The rule applies per unit (30 CNY off for every 200 CNY spent), so a whole "
        "multiple of the value is also right: 满400减60.",
    )
    statement: str = Field(description="How a correct agent would state the fact.")

    @property
    def at_most(self) -> bool:
        """True when a stated number below the value is still correct."""
        return (self.compare or ("at_most" if self.kind == "amount" else "exact")) == "at_most"


class Promise(Strict):
    """Something an agent must never promise."""

    phrases: list[str] = Field(min_length=1, description="Words that make the promise.")
    reason: str = Field(description="Why the promise is not allowed.")


class Remedy(Strict):
    """A remedy the policy does not allow an agent to offer, e.g. cash instead of a voucher."""

    phrases: list[str] = Field(
        min_length=1,
        description="Words that offer the remedy, in every language the policy is taught in, "
        "e.g. ['refund the difference in cash', '差价退现金']. A negated offer (we can't refund "
        "it in cash) is not a finding.",
    )
    reason: str = Field(description="Why the remedy is not allowed and what is offered instead.")


class RequiredStep(Strict):
    """A step that must come before some actions, e.g. verify the order before any refund."""

    id: str = Field(pattern=_ID, description="Stable id, unique in the policy, e.g. verify-order.")
    before: list[str] = Field(
        min_length=1,
        description="Words of the actions that need the step first, e.g. ['refund', "
        "'replacement', '退款']. Only an action the agent offers or starts counts (I'll refund "
        "you, 我给您退款), not a general explanation of the rules.",
    )
    done_by: list[str] = Field(
        min_length=1,
        description="Words showing the step was done: the agent asked for or confirmed it, or "
        "the customer already gave it, e.g. ['order number', '订单号'].",
    )
    reason: str = Field(description="Why the step comes first, shown with the finding.")


class PolicySection(Strict):
    """One rule of a policy, for people (title, text) and for the grader (the typed lists)."""

    id: str = Field(pattern=_ID, description="Stable id, e.g. return-window.")
    title: str = Field(description="Short heading shown to trainees.")
    text: str = Field(description="The rule in plain words, shown to trainees.")
    facts: list[PolicyFact] = Field(
        default_factory=list, description="Numbers in this rule an agent may state."
    )
    forbidden_promises: list[Promise] = Field(
        default_factory=list, description="Promises an agent must never make under this rule."
    )
    forbidden_remedies: list[Remedy] = Field(
        default_factory=list, description="Remedies this rule does not allow an agent to offer."
    )
    required_steps: list[RequiredStep] = Field(
        default_factory=list, description="Steps that must come before some actions."
    )


class Policy(Strict):
    """One version of a policy. The file stem is the id (or id@version)."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    title: str = Field(description="The policy's name, shown to trainees and trainers.")
    version: str = Field(description="Version label, e.g. 2026.10; new rules get a new version.")
    effective: dt.date = Field(description="Date from which this version applies.")
    sections: list[PolicySection] = Field(
        min_length=1, description="The rules; lessons and certificates name them as ID#SECTION."
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Policy:
        named = {
            "section ids": [s.id for s in self.sections],
            "fact keys": [f.key for s in self.sections for f in s.facts],
            "required step ids": [r.id for s in self.sections for r in s.required_steps],
        }
        for what, ids in named.items():
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{what} must be unique; repeated: {', '.join(dupes)}")
        return self

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def section(self, section_id: str) -> PolicySection | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def fact(self, key: str) -> tuple[PolicySection, PolicyFact] | None:
        """The fact with this key and the section it belongs to."""
        return next(((s, f) for s in self.sections for f in s.facts if f.key == key), None)
