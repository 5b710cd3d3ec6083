"""A policy: prose for people and typed facts for the grader, versioned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, model_validator

from curricula.policy_fact import (
    CONCEPTS_DESCRIPTION,
    Comparison,
    ConceptId,
    FactKind,
    PolicyFact,
    Unit,
)
from personas.strict import Strict

__all__ = [
    "Comparison",
    "FactKind",
    "Item",
    "Policy",
    "PolicyFact",
    "PolicyList",
    "PolicySection",
    "Promise",
    "Remedy",
    "RequiredStep",
    "Unit",
]

_ID = r"^[a-z0-9][a-z0-9-]*$"


class Item(Strict):
    """A member of a list or a condition: a concept id, words of its own, or both."""

    concept: ConceptId | None = Field(
        None,
        description="A concept id from grading/lexicons/, e.g. cash or defective.",
        examples=["original-payment"],
    )
    words: list[str] = Field(
        default_factory=list,
        description="Words for a member no concept covers, in every language the policy is "
        "taught in; any one of them matches (inflections and up to two inserted words are "
        "tolerated).",
        examples=[["live-stream price", "直播价"]],
    )
    label: str | None = Field(
        None,
        description="How findings and trainers name the member; defaults to the concept or the "
        "first word.",
        examples=["the original payment method"],
    )

    @model_validator(mode="after")
    def _named(self) -> Item:
        if self.concept is None and not self.words:
            raise ValueError("concept: an item needs a `concept` id or `words` (or both)")
        return self

    @property
    def name(self) -> str:
        return self.label or self.concept or self.words[0]


class PolicyList(Strict):
    """An enumeration the policy states: where a refund may go, the order statuses that allow a
    cancel, goods excluded from returns. A reply that states or does the topic with a
    not_allowed member (not negated, no `unless` condition met) is a finding."""

    key: str = Field(
        description="Short name, unique among the policy's facts and lists.",
        examples=["refund_destinations"],
    )
    statement: str = Field(
        description="How a correct agent would state the rule; shown with findings.",
        examples=["The refund goes back to the original payment method."],
    )
    concepts: list[ConceptId] = Field(
        default_factory=list,
        description="The topic the list is about, as concept ids (usually an action). "
        + CONCEPTS_DESCRIPTION,
        examples=[["refund"]],
    )
    about: list[str] = Field(
        default_factory=list,
        description="Words for a topic no concept covers. At least one of `concepts` and `about`.",
        examples=[["price protection", "价保"]],
    )
    allowed: list[Item] = Field(
        default_factory=list,
        description="The members the policy allows, e.g. [{concept: original-payment}].",
        examples=[[{"concept": "original-payment"}]],
    )
    not_allowed: list[Item] = Field(
        default_factory=list,
        description="The members it does not allow; a reply naming one with the topic is a "
        "finding (a wrong fact when stated, a forbidden remedy when offered or done).",
        examples=[[{"concept": "cash"}, {"concept": "store-credit"}]],
    )
    unless: list[Item] = Field(
        default_factory=list,
        description="Conditions that make a not_allowed member acceptable, when the reply or the "
        "chat shows one of them, e.g. [{concept: defective}].",
        examples=[[{"concept": "defective"}]],
    )

    @model_validator(mode="after")
    def _complete(self) -> PolicyList:
        if not self.concepts and not self.about:
            raise ValueError("concepts: give at least one of `concepts` or `about`")
        if not self.allowed and not self.not_allowed:
            raise ValueError("allowed: give at least one of `allowed` or `not_allowed`")
        return self


class Promise(Strict):
    """Something an agent must never promise."""

    phrases: list[str] = Field(
        default_factory=list,
        description="Exact words that make the promise, for what no concept expresses, in every "
        "language the policy is taught in. At least one of `phrases` and `concepts`.",
        examples=[["lowest price guaranteed", "保证最低价"]],
    )
    concepts: list[ConceptId] = Field(
        default_factory=list,
        description="Concept ids that together make the promise: all of them in one clause, "
        "asserted by the agent (not negated, not a condition, not a question), e.g. "
        "[guarantee] or [guarantee, delivered]. " + CONCEPTS_DESCRIPTION,
        examples=[["guarantee", "refund"]],
    )
    about: list[str] = Field(
        default_factory=list,
        description="Words of which one must also be in the sentence for the promise to count "
        "(by its concepts or its phrases), to narrow a broad concept such as guarantee to "
        "this rule: [guarantee] with about ['lowest price'] is a promise of the lowest price.",
        examples=[["fit", "合身"]],
    )
    reason: str = Field(
        description="Why the promise is not allowed; shown with the finding.",
        examples=["Outcomes that depend on others cannot be guaranteed."],
    )

    @model_validator(mode="after")
    def _complete(self) -> Promise:
        if not self.phrases and not self.concepts:
            raise ValueError("phrases: give at least one of `phrases` or `concepts`")
        return self


class Remedy(Strict):
    """A remedy the policy does not allow an agent to offer, e.g. cash instead of a voucher."""

    phrases: list[str] = Field(
        default_factory=list,
        description="Exact words that offer the remedy, for what no concept expresses, in every "
        "language the policy is taught in, e.g. ['pay the duty to the courier']. A negated "
        "offer (we can't refund it in cash) is not a finding. At least one of `phrases` and "
        "`concepts`.",
        examples=[["pay the duty to the courier", "关税付给快递"]],
    )
    concepts: list[ConceptId] = Field(
        default_factory=list,
        description="Concept ids that together make the remedy: all of them in one clause, "
        "offered, promised or done by the agent, e.g. [refund, cash]. " + CONCEPTS_DESCRIPTION,
        examples=[["refund", "cash"]],
    )
    unless: list[Item] = Field(
        default_factory=list,
        description="Conditions that make the remedy allowed when the reply or the chat shows "
        "any one of them, e.g. [{concept: defective}, {concept: shipping-insurance}].",
        examples=[[{"concept": "defective"}]],
    )
    reason: str = Field(
        description="Why the remedy is not allowed and what is offered instead.",
        examples=["Goodwill compensation is a voucher of at most 20 USD."],
    )

    @model_validator(mode="after")
    def _complete(self) -> Remedy:
        if not self.phrases and not self.concepts:
            raise ValueError("phrases: give at least one of `phrases` or `concepts`")
        return self


class RequiredStep(Strict):
    """A step that must come before some actions, e.g. verify the order before any refund."""

    id: str = Field(
        pattern=_ID,
        description="Stable id, unique in the policy.",
        examples=["verify-order"],
    )
    actions: list[ConceptId] = Field(
        default_factory=list,
        description="The actions that need the step first, as concept ids. Only an action the "
        "agent offers, promises or does counts, not a general explanation of the rules or a "
        "question asking the customer's permission. " + CONCEPTS_DESCRIPTION,
        examples=[["refund", "reship", "exchange"]],
    )
    any_of: list[Annotated[list[Item], Field(min_length=1)]] = Field(
        default_factory=list,
        description="What does the step, as alternatives: each alternative is a list of items "
        "that must all be asked for or read back by the agent in an earlier turn, or named "
        "and confirmed in the reply before the action (an identifier the customer typed is "
        "not verification by itself). [[{concept: email-code}], [{concept: full-name}, "
        "{concept: zip-code}]] means: the email code, or both the name and the zip code.",
        examples=[[[{"concept": "order-number"}]]],
    )
    before: list[str] = Field(
        default_factory=list,
        description="v1: words of the actions that need the step, e.g. ['refund', '退款']. "
        "Give `actions` or `before` (or both).",
        examples=[["refund", "退款"]],
    )
    done_by: list[str] = Field(
        default_factory=list,
        description="v1: words showing the step was done, any one of them enough, e.g. "
        "['order number', '订单号']. Give `any_of` or `done_by` (or both).",
        examples=[["order number", "订单号"]],
    )
    reason: str = Field(
        description="Why the step comes first, shown with the finding.",
        examples=["Confirm the order number before offering a refund."],
    )

    @model_validator(mode="after")
    def _complete(self) -> RequiredStep:
        if not self.actions and not self.before:
            raise ValueError("actions: give the gated `actions` (concept ids) or v1 `before`")
        if not self.any_of and not self.done_by:
            raise ValueError("any_of: give what does the step in `any_of` or v1 `done_by`")
        return self


class PolicySection(Strict):
    """One rule of a policy, for people (title, text) and for the grader (the typed lists)."""

    id: str = Field(pattern=_ID, description="Stable id.", examples=["return-window"])
    title: str = Field(description="Short heading shown to trainees.", examples=["Return window"])
    text: str = Field(
        description="The rule in plain words, shown to trainees.",
        examples=["Items can be returned within 30 days of delivery."],
    )
    facts: list[PolicyFact] = Field(
        default_factory=list,
        description="Numbers in this rule an agent may state.",
        examples=[
            [
                {
                    "key": "return_window_days",
                    "unit": "days",
                    "value": 30,
                    "concepts": ["return"],
                    "statement": "You can return the item within 30 days of delivery.",
                }
            ]
        ],
    )
    lists: list[PolicyList] = Field(
        default_factory=list,
        description="Enumerations in this rule: what is allowed and what is not.",
        examples=[
            [
                {
                    "key": "refund_destinations",
                    "concepts": ["refund"],
                    "allowed": [{"concept": "original-payment"}],
                    "not_allowed": [{"concept": "cash"}],
                    "statement": "The refund goes back to the original payment method.",
                }
            ]
        ],
    )
    forbidden_promises: list[Promise] = Field(
        default_factory=list,
        description="Promises an agent must never make under this rule.",
        examples=[[{"concepts": ["guarantee"], "reason": "Outcomes cannot be guaranteed."}]],
    )
    forbidden_remedies: list[Remedy] = Field(
        default_factory=list,
        description="Remedies this rule does not allow an agent to offer.",
        examples=[
            [
                {
                    "concepts": ["refund", "cash"],
                    "reason": "Refunds go to the original payment method.",
                }
            ]
        ],
    )
    required_steps: list[RequiredStep] = Field(
        default_factory=list,
        description="Steps that must come before some actions.",
        examples=[
            [
                {
                    "id": "verify-order",
                    "actions": ["refund"],
                    "any_of": [[{"concept": "order-number"}]],
                    "reason": "The order number shows the order is the customer's.",
                }
            ]
        ],
    )

    @property
    def has_rules(self) -> bool:
        """True when the grader has anything to check in this section."""
        return any(
            (
                self.facts,
                self.lists,
                self.forbidden_promises,
                self.forbidden_remedies,
                self.required_steps,
            )
        )


def _items(items: list[Item], loc: tuple) -> Iterator[tuple[tuple, str]]:
    for i, item in enumerate(items):
        if item.concept is not None:
            yield (*loc, i, "concept"), item.concept


def _section_concepts(section: PolicySection) -> Iterator[tuple[tuple, str]]:
    for field in ("facts", "lists", "forbidden_promises", "forbidden_remedies"):
        for j, rule in enumerate(getattr(section, field)):
            for k, concept in enumerate(rule.concepts):
                yield (field, j, "concepts", k), concept
            for part in ("allowed", "not_allowed", "unless"):
                yield from _items(getattr(rule, part, []), (field, j, part))
    for j, step in enumerate(section.required_steps):
        for k, concept in enumerate(step.actions):
            yield ("required_steps", j, "actions", k), concept
        for a, alternative in enumerate(step.any_of):
            yield from _items(alternative, ("required_steps", j, "any_of", a))


class Policy(Strict):
    """One version of a policy. The file stem is the id (or id@version)."""

    id: str = Field(description="Taken from the file name; not written in the file.")
    title: str = Field(
        description="The policy's name, shown to trainees and trainers.",
        examples=["Returns, refunds and compensation"],
    )
    version: str = Field(
        description="Version label; changed rules are published as a new version.",
        examples=["2026.10"],
    )
    effective: dt.date = Field(
        description="Date from which this version applies.", examples=["2026-10-01"]
    )
    sections: list[PolicySection] = Field(
        min_length=1,
        description="The rules; lessons and certificates name them as ID#SECTION.",
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Policy:
        named = {
            "section ids": [s.id for s in self.sections],
            "fact and list keys": [r.key for s in self.sections for r in (*s.facts, *s.lists)],
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

    def policy_list(self, key: str) -> tuple[PolicySection, PolicyList] | None:
        """The list with this key and the section it belongs to."""
        return next(((s, x) for s in self.sections for x in s.lists if x.key == key), None)

    def concept_references(self) -> list[tuple[tuple, str]]:
        """Every concept id the policy names, with where it is written in the file
        (("sections", 2, "forbidden_promises", 0, "concepts", 1), "guarantee")."""
        return [
            (("sections", i, *loc), concept)
            for i, section in enumerate(self.sections)
            for loc, concept in _section_concepts(section)
        ]
