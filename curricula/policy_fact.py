"""A number a policy states: a value or a range, with its unit, and how a stated number is checked.

Version 1 wrote the unit as `kind` (days, hours, amount, percent) and only single values; version 2
adds `unit` (business days, weeks, months, currency…), ranges, `at_least` and concept ids. Both
spellings stay valid, so a v1 file loads as it always did.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from personas.strict import Strict

FactKind = Literal["days", "hours", "amount", "percent"]
Unit = Literal["hours", "days", "business_days", "weeks", "months", "percent", "currency"]
Comparison = Literal["exact", "at_most", "at_least"]
CONCEPT = r"^[a-z][a-z0-9-]*$"
ConceptId = Annotated[str, Field(pattern=CONCEPT)]
NonNegative = Annotated[float, Field(ge=0)]

# v1 `kind` in v2 units: an amount is money, whose code is in `currency`.
KIND_UNITS: dict[str, str] = {
    "days": "days",
    "hours": "hours",
    "amount": "currency",
    "percent": "percent",
}
UNIT_KINDS = {unit: kind for kind, unit in KIND_UNITS.items()}

CONCEPTS_DESCRIPTION = (
    "Concept ids from the lexicons in grading/lexicons/ (a concept knows its words in every "
    "language the grader reads: en, zh, es, id, ar). `counterpart validate` names the known ids."
)


class PolicyFact(Strict):
    """A number an agent may state, e.g. the return window: 30 days, or 5 to 7 business days."""

    key: str = Field(
        description="Short name, unique among the policy's facts and lists; lessons name it in "
        "required_facts.",
        examples=["return_window_days"],
    )
    statement: str = Field(
        description="How a correct agent would state the fact; shown with findings and used in "
        "the better phrasing.",
        examples=["You can return the item within 30 days of delivery."],
    )
    unit: Unit | None = Field(
        None,
        description="Unit of the number (v2): hours, days (calendar days), business_days, weeks, "
        "months, percent or currency (then give `currency`). Write `unit` or the v1 `kind`, "
        "not both. The grader converts hours, days and weeks into each other; a number in "
        "business days is wrong for a fact in calendar days.",
        examples=["business_days"],
    )
    kind: FactKind | None = Field(
        None,
        description="Unit of the number, v1 spelling: days, hours, amount (money, with "
        "`currency`) or percent. Still valid; new files write `unit` (which fills `kind` "
        "itself where a v1 spelling exists).",
        examples=["days"],
    )
    value: NonNegative | None = Field(
        None,
        description="The correct number. Write `value` or `range`, not both.",
        examples=[30],
    )
    range: tuple[NonNegative, NonNegative] | None = Field(
        None,
        description="The correct numbers as [low, high] when the policy gives a span "
        "(5 to 7 business days): a stated number or range inside it is right.",
        examples=[[5, 7]],
    )
    currency: str | None = Field(
        None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of the money, in capitals; required with unit currency, "
        "allowed with no other unit (v1 kind amount may leave it out: any currency then).",
        examples=["USD"],
    )
    concepts: list[ConceptId] = Field(
        default_factory=list,
        description="What the number is about, as concept ids: a sentence with one of them "
        "and a number in this unit is checked against this fact. " + CONCEPTS_DESCRIPTION,
        examples=[["refund"]],
    )
    about: list[str] = Field(
        default_factory=list,
        description="Words that mark a sentence as talking about this fact, for a topic no "
        "concept covers (inspection, patch test). Give each fact words of its own; words "
        "shared with another fact only count when nothing tells the two apart. At least one of "
        "`concepts` and `about`.",
        examples=[["inspection", "质检"]],
    )
    cues: list[str] = Field(
        default_factory=list,
        description="Words that tell this fact from a sibling with the same topic but never put "
        "a sentence on the topic by themselves: ['domestic'] against ['cross-border'] for lost "
        "parcels. Right next to a number they decide which fact it is: ['满', 'spend'] for a "
        "minimum spend and ['减', 'off'] for the discount in 满200减30.",
        examples=[["domestic", "国内"]],
    )
    compare: Comparison | None = Field(
        None,
        description="How a stated number is checked: 'exact' (equal to the value, or inside the "
        "range), 'at_most' (no more than the value or the range's high end: a compensation "
        "limit) or 'at_least' (no less than the value or the range's low end: a minimum "
        "notice). Default: at_most for money, exact for everything else.",
        examples=["at_most"],
    )
    repeats: bool = Field(
        False,
        description="The rule applies per unit (30 CNY off for every 200 CNY spent), so a whole "
        "multiple of the value is also right: 满400减60.",
        examples=[True],
    )

    @model_validator(mode="before")
    @classmethod
    def _one_unit(cls, data: object) -> object:
        """Exactly one of `unit` and `kind` is written; a v2 unit that has a v1 spelling also
        fills `kind`, so code written against v1 facts reads a v2 fact unchanged."""
        if not isinstance(data, dict):
            return data
        unit, kind = data.get("unit"), data.get("kind")
        if (unit is None) == (kind is None):
            raise ValueError(
                "unit: write exactly one of `unit` (hours, days, business_days, weeks, months, "
                "percent, currency) or the v1 `kind`"
                + (f"; got unit {unit!r} and kind {kind!r}" if unit is not None else "")
            )
        if unit is not None and unit in UNIT_KINDS:
            data = {**data, "kind": UNIT_KINDS[unit]}
        return data

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> dict:
        """A v2 fact dumps without the `kind` its unit filled in, so it validates again."""
        data = handler(self)
        if self.unit is not None and isinstance(data, dict):
            data.pop("kind", None)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> PolicyFact:
        if (self.value is None) == (self.range is None):
            raise ValueError(
                "value: write exactly one of `value` (a number) or `range` [low, high]"
            )
        if self.range is not None and self.range[0] > self.range[1]:
            low, high = self.range
            raise ValueError(f"range: low must not be above high; got [{low:g}, {high:g}]")
        if not self.concepts and not self.about:
            raise ValueError("concepts: give at least one of `concepts` or `about`")
        unit = self.unit_name
        if self.currency and unit != "currency":
            raise ValueError(
                f"currency: only a unit of money takes a currency; this fact is in {unit} "
                "(write unit: currency)"
            )
        if self.unit == "currency" and not self.currency:
            raise ValueError("currency: unit currency needs an ISO code, e.g. currency: USD")
        if unit == "percent" and self.high > 100:
            field = "range" if self.is_range else "value"
            raise ValueError(f"{field}: a percentage above 100 ({self.high:g}); check the unit")
        return self

    @property
    def unit_name(self) -> Unit:
        """The unit in v2 terms: a v1 kind 'amount' is 'currency'."""
        return self.unit or KIND_UNITS[self.kind]  # type: ignore[return-value]

    @property
    def low(self) -> float:
        return self.range[0] if self.range is not None else self.value  # type: ignore[return-value]

    @property
    def high(self) -> float:
        return self.range[1] if self.range is not None else self.value  # type: ignore[return-value]

    @property
    def is_range(self) -> bool:
        return self.range is not None

    @property
    def limit(self) -> Comparison:
        """How a stated number is checked, with the default filled in."""
        return self.compare or ("at_most" if self.unit_name == "currency" else "exact")

    @property
    def at_most(self) -> bool:
        """True when a stated number below the value is still correct (v1)."""
        return self.limit == "at_most"
