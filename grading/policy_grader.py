"""Policy accuracy: do the numbers and promises in a reply match the typed policy facts?

A reply starts fully correct and loses points only for things it actually states. We judge a
number only when its sentence is about a fact of the same unit, and we stay silent whenever we
cannot be sure (a vague "a few days", another currency, "3 weeks ago"): a false finding against
a correct agent costs more trust than a missed one.
"""

from __future__ import annotations

import re
from collections import defaultdict

from curricula.policy import Policy, PolicyFact, PolicySection
from grading.numbers import NumberMention, find_numbers
from grading.score import Reason, Score, clamp
from grading.text import SentenceMap, find_phrases, is_negated, quote

WRONG_NUMBER = -40
FORBIDDEN_PROMISE = -35
_EPSILON = 1e-6
# "returned it 3 weeks ago", "10天前": the customer's history, not a policy claim.
_PAST = re.compile(r"[ \t]{0,3}(?:ago(?![A-Za-z])|前)", re.IGNORECASE)


def section_ref(policy: Policy, section: PolicySection) -> str:
    return f"{policy.id}#{section.id}@{policy.version}"


def grade_policy(reply: str, policy: Policy) -> Score:
    reply = reply if isinstance(reply, str) else ""
    smap = SentenceMap(reply)
    reasons = _number_reasons(reply, policy, smap) + _promise_reasons(reply, policy, smap)
    if not reasons:
        # Every score carries at least one reason, so a trainee sees why it is 100.
        reasons = [
            Reason(
                kind="no_policy_claims",
                text="States no policy number and makes no promise the policy forbids.",
            )
        ]
    total = 100 + sum(r.points for r in reasons)
    return Score(dimension="policy", value=clamp(total), reasons=reasons)


class _FactInReply:
    """One policy fact and where the reply talks about it, by sentence."""

    def __init__(self, section: PolicySection, fact: PolicyFact, reply: str, smap: SentenceMap):
        self.section = section
        self.fact = fact
        self.about: dict[int, list[int]] = defaultdict(list)
        # Topic words are written once ("refund") but used inflected ("Refunds are…").
        for _, start, _end in find_phrases(reply, fact.about, inflections=True):
            self.about[smap.index(start)].append(start)

    def distance(self, sentence: int, pos: int) -> int:
        return min(abs(p - pos) for p in self.about[sentence])

    def comparable(self, mention: NumberMention) -> bool:
        if mention.kind != self.fact.kind:
            return False
        # No exchange rates offline: 20 CNY against a 20 USD limit is left unjudged.
        fact_currency = (self.fact.currency or "").upper()
        return not (mention.currency and fact_currency and mention.currency != fact_currency)

    def agrees(self, mention: NumberMention) -> bool:
        if self.fact.kind == "amount":
            return mention.value <= self.fact.value + _EPSILON  # offering less is allowed
        return abs(mention.value - self.fact.value) < _EPSILON


def _number_reasons(reply: str, policy: Policy, smap: SentenceMap) -> list[Reason]:
    facts = [_FactInReply(s, f, reply, smap) for s in policy.sections for f in s.facts]
    if not facts:
        return []
    reasons: list[Reason] = []
    stated: set[str] = set()
    for mention in find_numbers(reply):
        if mention.kind is None or _PAST.match(reply, mention.end):
            continue
        sentence = smap.index(mention.start)
        candidates = [f for f in facts if sentence in f.about and f.comparable(mention)]
        if not candidates:
            continue
        evidence = quote(reply, mention.start, mention.end, sentence=smap.spans[sentence])
        agreeing = next((f for f in candidates if f.agrees(mention)), None)
        if agreeing is not None:
            # Reported once per fact: it is praise, not points, and must not flood the list.
            if agreeing.fact.key not in stated:
                stated.add(agreeing.fact.key)
                reasons.append(
                    Reason(
                        kind="states_fact",
                        text=f"States the policy correctly: {agreeing.fact.statement}",
                        quote=evidence,
                        section=section_ref(policy, agreeing.section),
                    )
                )
            continue
        # Several facts may share a sentence ("return it and get a refund"); the one whose
        # words sit closest to the number is the one the agent most likely meant.
        meant = min(candidates, key=lambda f: f.distance(sentence, mention.start))
        said = reply[mention.start : mention.end].strip()
        if meant.fact.kind == "amount":
            text = f"Offers {said}, above what the policy allows: {meant.fact.statement}"
        else:
            text = f"Says {said}, but the policy says: {meant.fact.statement}"
        reasons.append(
            Reason(
                kind="wrong_number",
                text=text,
                quote=evidence,
                points=WRONG_NUMBER,
                section=section_ref(policy, meant.section),
            )
        )
    return reasons


def _promise_reasons(reply: str, policy: Policy, smap: SentenceMap) -> list[Reason]:
    reasons: list[Reason] = []
    for section in policy.sections:
        for promise in section.forbidden_promises:
            seen: set[int] = set()  # "I guarantee, guaranteed!" is one promise, not two
            for phrase, start, end in find_phrases(reply, promise.phrases):
                sentence = smap.index(start)
                if sentence in seen or is_negated(reply, start, smap.span(start)[0]):
                    continue
                seen.add(sentence)
                reasons.append(
                    Reason(
                        kind="forbidden_promise",
                        text=f"Promises “{phrase}”: {promise.reason}",
                        quote=quote(reply, start, end, sentence=smap.spans[sentence]),
                        points=FORBIDDEN_PROMISE,
                        section=section_ref(policy, section),
                    )
                )
    return reasons
