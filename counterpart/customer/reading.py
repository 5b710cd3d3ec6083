"""What the trainee did in a reply, as the customer perceives it.

The customer reads the reply through the same Reading the graders use: a persona's words are
found by lemma and in any of the five languages' spellings, with invisible characters ignored,
and an offer the reply denies ("we can't refund it") offers nothing. An outcome is also offered
when the reply does the action its words name (a refund written "we'll send the money back",
"退款给您" or "le devolvemos el dinero"), and a fact is asked for when the reply's question asks
for its kind of item (an order number by any wording the lexicons know). So what the grader
understands and what the customer reacts to never disagree.

Before the content, the customer notices the form (counterpart/customer/notice.py): gibberish,
a message about something else, a language it does not write, a bare apology, the same message
or question again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

from counterpart.customer import notice
from grading.policy_checks import stance
from grading.reading import Reading, read
from grading.reading.actions import ACTIONS, asking_sentences
from grading.reading.concepts import match_words
from grading.score import ReplyGrade
from personas.model import Outcome, Persona

RUDE_KINDS = {"dismissive", "blame"}
WRONG_FACT_KINDS = {"wrong_number", "wrong_fact"}
EMPTY_PROMISE_KINDS = {"forbidden_promise"}
EMPATHETIC_AT = 60
# Modes in which the agent puts an outcome on the table: done, offered, promised, or asked
# whether to do it ("shall I refund it?").
OFFERING = {"done", "offered", "promised", "asking"}
# Fact keys that name an item the lexicons know how to ask for in every language.
FACT_ITEMS = {"order_id": "order-number", "order_no": "order-number"}
# Words of a question that asks for a reference of some kind, in the five languages.
IDENTIFIER_WORDS = (
    "number", "reference", "code", " id", "confirmation", "tracking",
    "número", "numero", "folio", "código", "codigo", "referencia", "guía",
    "nomor", "kode", "resi", "no.", "رقم", "كود", "مرجع",
    "编号", "单号", "编码", "号码",
)  # fmt: skip
# A reference number: letters, digits and dashes with at least one digit, no spaces.
_IDENTIFIER = re.compile(r"(?=[^\s]*\d)[#A-Za-z0-9][A-Za-z0-9\-_/#.]{3,}")


@dataclass(frozen=True)
class ReplyReading:
    asked: tuple[str, ...] = ()  # keys of the persona's facts the trainee asked for
    probed_hidden: bool = False  # asked straight at the hidden fact
    offered_outcome: str | None = None  # words of an acceptable outcome that was offered
    refused_outcome: str | None = None  # words of an outcome the customer will not accept
    wrong_fact: bool = False
    empty_promise: bool = False
    rude: bool = False
    empathetic: bool = False
    late: bool = False
    # What a person notices before the content (see notice.py).
    gibberish: bool = False
    off_topic: bool = False
    foreign: bool = False  # in a language the customer does not write in
    apology_only: bool = False
    same_again: bool = False  # the same message as an earlier one
    asked_again: tuple[str, ...] = ()  # facts asked for that the customer has already given
    # Progress a customer can see: an explanation or a concrete next step owned by the agent.
    explained: bool = False
    next_step: bool = False
    offered: tuple[int, ...] = ()  # indexes of the acceptable outcomes offered
    timed: bool = False  # states a time ("within 72 hours", "3天内"): answers "when?"
    closing: bool = False  # asks whether there is anything else: invites the customer to close
    wrong: str | None = None  # the agent's words that were wrong (a quote from the reply)
    wrong_section: str | None = None  # the policy section they break, as SECTION-REF
    wrong_rule: str | None = None  # the grader's finding, which quotes the rule broken

    @classmethod
    def from_dict(cls, data: dict) -> ReplyReading:
        """A stored reading; fields it lacks take their defaults, fields since dropped are
        ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("asked", "asked_again", "offered"):
            if name in values:
                values[name] = tuple(values[name])
        return cls(**values)

    @property
    def unread(self) -> bool:
        """Nothing in it the customer can take in: gibberish or a language it does not read."""
        return self.gibberish or self.foreign


def _stated(reading: Reading, start: int, end: int) -> bool:
    return not stance.of(reading, start, end) & {"negated", "quoting"}


def _offered_words(reading: Reading, outcome: Outcome, offering: set[int]) -> str | None:
    """The outcome's words where the agent puts them on the table: in a sentence that offers,
    promises, does or asks (not "refunds take 5 days", which only explains)."""
    for start, end, sentence in match_words(reading, outcome.words):
        if sentence in offering and _stated(reading, start, end):
            return reading.text[start:end]
    return None


def _sentences_saying(reading: Reading, kind: str) -> set[int]:
    return {
        i
        for i, s in enumerate(reading.sentences)
        if notice.says(reading.text[s.start : s.end], kind)
    }


def _explained(reading: Reading, outcome: Outcome, stating: set[int]) -> str | None:
    points = {
        reading.text[start:end].casefold()
        for start, end, sentence in match_words(reading, outcome.words)
        if sentence in stating and _stated(reading, start, end)
    }
    return " / ".join(sorted(points)) if len(points) >= 2 else None


def offering_sentences(reading: Reading) -> set[int]:
    """Sentences in which the agent offers or commits: an action done, offered or promised,
    the agent speaking for itself ("I'll…", "我给您…") or a choice put to the customer ("would
    you like…", "您可以…"); not a question about the case ("which coupons did you use?")."""
    found = {a.sentence for a in reading.actions if a.mode in OFFERING and a.actor != "customer"}
    for kind in ("commitment", "option", "future"):
        found |= _sentences_saying(reading, kind)
    return found


@lru_cache(maxsize=4096)
def _concepts_of(words: tuple[str, ...]) -> frozenset[str]:
    """The action concepts an outcome's words name ("refund", "reembolso" -> refund)."""
    found = set()
    for phrase in words:
        found |= {hit.concept for hit in read(phrase).concepts if hit.concept in ACTIONS}
    return frozenset(found)


def _outcome_concepts(persona: Persona) -> list[frozenset[str]]:
    """Per acceptable outcome, the action concepts that mean it and no refused outcome."""
    refused = set()
    for outcome in persona.unacceptable_outcomes:
        refused |= _concepts_of(tuple(outcome.words))
    mine = [_concepts_of(tuple(o.words)) for o in persona.acceptable_outcomes]
    # A concept two outcomes share cannot tell which was offered: it offers the first of them.
    first: dict[str, int] = {}
    for i, concepts in enumerate(mine):
        for concept in concepts:
            first.setdefault(concept, i)
    return [
        frozenset(c for c in concepts if c not in refused and first[c] == i)
        for i, concepts in enumerate(mine)
    ]


def _acted(reading: Reading, concepts: frozenset[str], choices: set[int]) -> str | None:
    """Words of an action of one of `concepts` that the agent does, offers or promises, or
    puts to the customer as a choice ("would you rather be reimbursed?")."""
    for action in reading.actions:
        if (
            action.concept in concepts
            and (
                action.mode in OFFERING
                or (action.mode == "mentioned" and action.sentence in choices)
            )
            and action.actor != "customer"
            and not action.negated
        ):
            return reading.text[action.start : action.end]
    return None


def offers(reading: Reading, persona: Persona) -> list[tuple[int, str]]:
    """The acceptable outcomes the reply offers in earnest, with the words that offer them."""
    found = []
    concepts = _outcome_concepts(persona)
    choices = _sentences_saying(reading, "option")
    offering = offering_sentences(reading)
    # An outcome that is an answer rather than an action ("a clear explanation that it is a
    # temporary hold, released within 7 days") is given by stating its points, anywhere but in
    # a bare question: two of its phrases at least, since one alone ("the missing parts") may
    # only name the problem.
    stating = (set(range(len(reading.sentences))) - asking_sentences(reading)) | offering
    for i, outcome in enumerate(persona.acceptable_outcomes):
        words = _offered_words(reading, outcome, offering) or _acted(reading, concepts[i], choices)
        if not words and not _concepts_of(tuple(outcome.words)):
            words = _explained(reading, outcome, stating)
        if words:
            found.append((i, words))
    return found


def _refused(reading: Reading, persona: Persona) -> str | None:
    """Words of an outcome the customer refuses, wherever the reply puts it forward: "refunds
    are only paid as store credit" imposes it as much as an offer does."""
    everywhere = set(range(len(reading.sentences)))
    for outcome in persona.unacceptable_outcomes:
        words = _offered_words(reading, outcome, everywhere)
        if words:
            return words
    return None


def _placed(
    reading: Reading, persona: Persona, asking: set[int], given: Sequence[str]
) -> list[str]:
    """For a question none of the persona's words place, the fact a person would take it to
    ask for: the one reference number it holds when the question asks for a number or code
    ("the purchase reference from your email"), else the fact whose words the question shares
    most."""
    open_facts = [f for f in persona.facts if f.key not in given]
    if not asking or not open_facts:
        return []
    spans = [reading.sentences[i] for i in sorted(asking) if i < len(reading.sentences)]
    asked = [reading.text[s.start : s.end] for s in spans]
    question = " ".join(q for q in asked if not notice.says(q, "closing"))
    if not question:
        return []  # "anything else I can help with?" asks for no fact
    folded = reading.text.casefold()  # "Which purchase is it? The reference will do."
    words = notice.vocabulary([question])

    def shared(fact) -> int:
        return len(
            words & notice.vocabulary([fact.key.replace("_", " "), fact.line, *fact.asked_by])
        )

    if any(word in folded for word in IDENTIFIER_WORDS):
        codes = [f for f in open_facts if _IDENTIFIER.fullmatch(f.value.strip())]
        named = [f.key for f in codes if shared(f)]
        if named or codes:
            return named or [codes[0].key]
    best = max(open_facts, key=shared)
    return [best.key] if shared(best) else []


def _asks(reading: Reading, persona: Persona, given: Sequence[str] = ()) -> list[str]:
    """Facts the reply asks for, by the persona's words or by the kind of item; a reply that
    already holds the fact's value confirms it rather than asking."""
    items = set(reading.asks_for)
    asking = asking_sentences(reading)
    norm = reading.norm
    keys = []
    for fact in persona.facts:
        if fact.value.casefold() in norm:
            continue
        item = FACT_ITEMS.get(fact.key, fact.key.replace("_", "-"))
        matched = match_words(reading, fact.asked_by) if fact.asked_by else []
        if item in items or any(sentence in asking for _, _, sentence in matched):
            keys.append(fact.key)
    return keys or _placed(reading, persona, asking, given)


@lru_cache(maxsize=4096)
def _numbers(text: str) -> frozenset[tuple]:
    """The numbers with a unit in a text, as (low, high, unit), remembered per text."""
    return frozenset((q.low, q.high, q.unit) for q in read(text).quantities if q.unit)


def _its_own_number(quote: str | None, said: Sequence[str]) -> bool:
    """The 'wrong' number is one the customer gave itself ("three weeks waiting on your own
    money"): a customer does not call its own words a lie, whatever the grader thinks."""
    if not quote or not said:
        return False
    mine = set().union(*(_numbers(text) for text in said))
    stated = _numbers(quote)
    return bool(stated) and stated <= mine


def _next_step(reading: Reading) -> bool:
    """The agent takes the case on: a concrete next step it owns, an action it does or
    promises, or a time it commits to."""
    if any(a.kind == "own_next_step" and a.concrete for a in reading.service_acts):
        return True
    if any(a.mode in OFFERING and a.actor == "agent" and not a.negated for a in reading.actions):
        return True
    return notice.committed(reading)


def _case(persona: Persona) -> frozenset[str]:
    return _case_words(persona.id, persona.model_dump_json())


@lru_cache(maxsize=256)
def _case_words(_: str, persona_json: str) -> frozenset[str]:
    persona = Persona.model_validate_json(persona_json)
    texts = [persona.reason, persona.desired_outcome]
    for fact in persona.facts:
        texts += [fact.value, fact.line, *fact.asked_by]
    for outcome in [*persona.acceptable_outcomes, *persona.unacceptable_outcomes]:
        texts += [outcome.description, *outcome.words]
    if persona.hidden_fact:
        texts += persona.hidden_fact.probed_by
    texts += persona.angers + persona.calms + persona.examples.good
    for lines in persona.lines.model_dump().values():
        texts += lines
    return notice.vocabulary(texts)


def read_reply(
    reply: str,
    persona: Persona,
    grade: ReplyGrade,
    reading: Reading | None = None,
    *,
    history: Sequence[tuple[str, str]] = (),
    revealed: Sequence[str] = (),
    sla_seconds: float | None = None,
    reply_seconds: float | None = None,
) -> ReplyReading:
    """How the customer takes `reply`, given the chat so far (`history`, oldest first) and the
    facts it has already given (`revealed`). The customer feels late only by how long it
    waited: a reply pasted fast is not late to it, whatever the speed grade says of pasting."""
    reading = reading if reading is not None and reading.text == reply else read(reply)
    kinds = {r.kind for score in (grade.empathy, grade.policy) for r in score.findings}
    rude = bool(kinds & RUDE_KINDS)
    hidden = persona.hidden_fact
    if reply_seconds is not None and sla_seconds:
        late = reply_seconds > sla_seconds
    else:
        late = grade.speed.value is not None and grade.speed.value < 100
    foreign = notice.foreign(reading, persona.read_languages())
    gibberish = notice.gibberish(reply)
    if gibberish or foreign:
        # Nothing in it can be taken in: only the form and the wait are felt.
        return ReplyReading(gibberish=gibberish, foreign=foreign, late=late, rude=rude)
    asked = _asks(reading, persona, revealed)
    offered = offers(reading, persona)
    said = [text for role, text in history if role == "customer"]
    wrong = [
        r
        for r in grade.policy.findings
        if r.kind in WRONG_FACT_KINDS and not _its_own_number(r.quote, said)
    ]
    earlier = [text for role, text in history if role == "trainee"]
    acts = {act.kind for act in reading.service_acts}
    empathy = grade.empathy.value or 0
    case = _case(persona) | notice.vocabulary(text for role, text in history if role == "customer")
    return ReplyReading(
        asked=tuple(k for k in asked if k not in revealed),
        asked_again=tuple(k for k in asked if k in revealed),
        probed_hidden=bool(hidden and hidden.probed_by and match_words(reading, hidden.probed_by)),
        offered_outcome=offered[0][1] if offered else None,
        offered=tuple(i for i, _ in offered),
        refused_outcome=_refused(reading, persona),
        wrong_fact=bool(wrong),
        wrong=wrong[0].quote if wrong else None,
        wrong_section=wrong[0].section if wrong else None,
        wrong_rule=wrong[0].text if wrong else None,
        empty_promise=bool(kinds & EMPTY_PROMISE_KINDS),
        rude=rude,
        empathetic=empathy >= EMPATHETIC_AT and not rude,
        late=late,
        off_topic=not notice.on_topic(reading, case) and not offered and not asked,
        apology_only=notice.apology_only(reading) and not offered and not asked,
        same_again=not asked and not offered and notice.same_as(reply, earlier),
        explained="explain" in acts,
        next_step=_next_step(reading),
        closing=notice.says(reply, "closing"),
        timed=any(
            q.unit in notice.TIME_UNITS and q.stance == "asserted" for q in reading.quantities
        ),
    )
