"""The typed reading of one message, computed once and shared by every grader and the customer.

Offsets (`start`, `end`) always point into the ORIGINAL text, so a quote is an exact substring
of what the person wrote; `Reading.norm` is the normalised text the matchers look at and
`Reading.orig_span` maps a span of it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Language = Literal["en", "zh", "es", "id", "ar"]
# Units a quantity may carry. Currencies are written as their ISO code in `currency`.
Unit = Literal["hours", "days", "business_days", "weeks", "months", "percent", "currency"]
# How the writer stands to a number: stating it, denying it ("not 30 days"), correcting the
# customer ("not 30 — it's 60": the 30 is `corrected`, the 60 `asserted`), repeating what the
# customer or someone else said, or only under a condition ("if it arrives damaged, 7 days").
Stance = Literal["asserted", "negated", "corrected", "quoting", "conditional"]
# What the writer does with an action: did it, offers it, promises it, asks the customer whether
# to do it, refuses it, puts it off, only explains or names it (a rule, a question about it).
Mode = Literal["done", "offered", "promised", "asking", "refused", "deferred", "mentioned"]
Actor = Literal["agent", "customer", "other"]
ServiceActKind = Literal[
    "acknowledge_feeling", "acknowledge_situation", "apologise", "validate", "ask_situation",
    "explain", "own_next_step", "dismiss", "blame", "sarcasm", "empathy_but", "boilerplate",
    "salad", "weigh", "warm",
]  # fmt: skip


# Not frozen: a reading makes a Token per word of every reply graded, and a frozen dataclass
# costs four times as much to build (each field set through object.__setattr__). Hashable and
# compared by value all the same; treat tokens as read-only, like the rest of a Reading.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    """A word: its normalised form, lemma and where it stands in the original text."""

    form: str  # normalised, lower case
    lemma: str  # dictionary form in its language; for zh the word itself
    start: int
    end: int
    lang: Language


@dataclass(slots=True, unsafe_hash=True)  # not frozen, for speed; see Token
class Sentence:
    start: int
    end: int
    lang: Language
    tokens: tuple[int, int]  # [first, last) indexes into Reading.tokens
    question: bool = False  # asks something (?, ？, ؟, question words, 吗/呢)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with a unit: a value, or a range low..high."""

    low: float  # == high for a single value
    high: float
    unit: Unit | None  # None: a bare number (an order number, "3 items")
    start: int
    end: int
    sentence: int
    currency: str | None = None  # ISO code, for unit "currency"
    stance: Stance = "asserted"
    approximate: bool = False  # "about 5 days", "a few", "两三天"
    limit: Literal["exact", "at_most", "at_least"] = "exact"  # "within 5 days" is at_most

    @property
    def is_range(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """Words of a lexicon concept (refund, cancel, guarantee, verify…) found in the text."""

    concept: str
    start: int
    end: int
    sentence: int
    lang: Language


@dataclass(frozen=True, slots=True)
class Action:
    """An action concept with what the writer does with it and who acts."""

    concept: str
    mode: Mode
    actor: Actor
    start: int
    end: int
    sentence: int
    negated: bool = False
    conditional: bool = False  # "if the item is defective we refund", "once you confirm, I'll…"


@dataclass(frozen=True, slots=True)
class ServiceAct:
    """What a sentence of the message does for the customer (see grading/reading/service_acts.py):
    acknowledges a feeling or the situation, apologises (`about`: what for, when said),
    validates, asks about the situation, explains, owns a next step (`concrete`: a named action
    or a time, not "we'll look into it"), or dismisses, blames, is sarcastic, undercuts empathy
    with a "but", or is boilerplate."""

    kind: ServiceActKind
    start: int
    end: int
    sentence: int
    lang: Language
    concrete: bool = True
    about: str | None = None


@dataclass(slots=True)
class Reading:
    text: str  # the original
    norm: str  # normalised: invisibles and tatweel removed, NFKC, lower case
    offsets: list[int]  # offsets[i] = original index of norm[i]; len(norm) + 1 entries
    language: Language  # the dominant language
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    concepts: list[ConceptHit] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    _asks: list[str] | None = field(default=None, repr=False)
    # Every norm index is the original index (offsets is 0, 1, 2…): a sentence's own work can
    # then be remembered by its text and reused wherever it stands (see actions.py).
    in_place: bool = field(default=False, repr=False, compare=False)
    _acts: list[ServiceAct] | None = field(default=None, repr=False, compare=False)

    @property
    def asks_for(self) -> list[str]:
        """Concepts the message's questions ask for ("what's your order number?" ->
        order-number). Worked out on first use: most callers never ask."""
        if self._asks is None:
            try:
                from grading.reading.actions import asks_for

                self._asks = list(asks_for(self))
            except Exception:  # like every later step: a failure leaves the part empty
                self._asks = []
        return self._asks

    @property
    def service_acts(self) -> list[ServiceAct]:
        """What each sentence does for the customer (apologises, explains, owns a next step,
        dismisses…). Worked out on first use: most callers never ask."""
        if self._acts is None:
            try:
                from grading.reading.service_acts import find_service_acts

                self._acts = list(find_service_acts(self))
            except Exception:  # like every later step: a failure leaves the part empty
                self._acts = []
        return self._acts

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of `norm` as a span of the original text."""
        return self.offsets[start], self.offsets[end]

    def languages(self) -> set[str]:
        return {s.lang for s in self.sentences} or {self.language}
