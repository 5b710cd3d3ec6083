"""Numbers a reply states, checked against the policy's typed facts.

A number is judged only when its sentence is about a fact that can be stated in the same unit,
and we stay silent whenever we cannot be sure (a vague "a few days", another currency, "3 weeks
ago", a topic two facts share and nothing tells apart): a false finding against a correct agent
costs more trust than a missed one.

Units convert where people convert them (48 hours are two days, two weeks are 14 days), never
between business and calendar days. A stated range must be the policy's range; a single number
may be the policy's value or, for a policy range, its upper end (the deadline a customer holds
us to); a policy value may be stated as a range ending at it ("3-5 days" for "within 5 days").
A number the reply denies, corrects ("not 30 days, it's 60") or quotes from the customer is not
a claim.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from curricula.policy import Policy, PolicyFact, PolicySection
from grading.policy_checks import stance
from grading.policy_checks.chat import Chat
from grading.policy_checks.words import Lookup, lookup
from grading.reading import Quantity, Reading, read
from grading.score import Reason
from grading.text import quote

WRONG_NUMBER = -40
REPEATS_REPORTED = 3
_EPSILON = 1e-6
_CUE_GAP = 4
_NOT_CLAIMS = {"negated", "corrected", "quoting"}
# Hours per unit, for the units people convert between. Months and business days stand alone.
_HOURS = {"hours": 1.0, "days": 24.0, "weeks": 24.0 * 7}
# A month is not a fixed number of days: "a month" agrees with 28 to 31 days, "half a year" with
# 180 or 183, and contradicts anything further away.
_DAYS_PER_MONTH = (28, 31)
_PROMO_MARK = ("满", "减")
# Days written out as calendar days: against a business-day rule they are a different promise.
_CALENDAR = re.compile(
    r"calendar|自然日|日历日|natural(?:es)?|corridos|kalender|تقويمي", re.IGNORECASE
)
_DENIED_TOPIC = re.compile(
    r"(?:非|不是|并非|(?<![^\W\d_])(?:non-?|not |no |isn't |aren't |wasn't |weren't |sin |"
    r"tidak |bukan |غير |مش |ليس ))$",
    re.IGNORECASE,
)
# Plain "days" may stand for business days (the number still has to be right); explicit
# business days for a calendar-day rule are always a different promise.
_DAY_KINDS = {("days", "business_days"), ("business_days", "days")}
# Business days in a week (five) and in an hour's worth of a day: "two weeks" for a
# business-day rule are ten business days, "48 hours" two (plain days count as business days).
_BUSINESS_DAYS_PER = {"weeks": 5.0, "hours": 1 / 24}
# Up to three days, a rule in days is also said in hours ("72 hours" for three days).
_NATURAL_HOURS = 72


_TEAM_AFTER = re.compile(
    r"\s*(?:teams?|department|desk|specialists?|squad)\b|(?:团队|部门|小组|专员)", re.IGNORECASE
)
_TEAM_BEFORE = re.compile(
    r"(?:\b(?:equipo|departamento|área|area|tim|divisi|bagian)(?:\s+de(?:\s+l[oa]s)?)?"
    r"|(?:فريق|قسم)(?:\s+ال)?)\s*$",
    re.IGNORECASE,
)


def team_name(text: str, start: int, end: int) -> bool:
    """True when the words at [start, end) name a team ("the disputes team", "el equipo de
    disputas", "tim sanggahan", "争议部门", "فريق النزاعات"), not the act itself."""
    return bool(
        _TEAM_AFTER.match(text, end) or _TEAM_BEFORE.search(text, max(0, start - 24), start)
    )


@dataclass(frozen=True, slots=True)
class Mention:
    """A quantity as the fact check sees it: a value or a range in a unit, where it is written."""

    low: float
    high: float
    unit: str | None
    currency: str | None
    start: int
    end: int
    limit: str = "exact"
    calendar: bool = False  # written as calendar days ("7 calendar days", 自然日, días naturales)
    implied: bool = False  # 满200, 减30: an amount known only from the promotion word before it
    vague: bool = False  # "two or three days", "大概三到四周": wrong only when far from the rule


# "20% of your 30 USD food subtotal", "您25美元餐费的两成": the customer's own amount, which
# states no term of the policy.
_YOURS = re.compile(r"(?:\b(?:your|tu|su|sus|tus)|您的?|你的?)\s*$", re.IGNORECASE)
# "that 32 EUR line", "esa factura de 30 euros", "这笔89元", "هذه الـ30 يورو", "biaya 9,99 euro
# itu": an amount pointed at is a charge already in the chat, not a term of the policy.
_THAT_BEFORE = re.compile(
    r"(?:\b(?:that|this|those|these|ese|esa|este|esta|esos|esas|estos|estas)|这笔|那笔|该笔"
    r"|(?:هذه|هذا|تلك|ذلك)\s*الـ?)\s*$"
    # "esa factura de 18 euros", "that charge of 18 EUR"
    r"|\b(?:ese|esa|este|esta|esos|esas|that|this)\s+\w+\s+(?:de|of)\s*$",
    re.IGNORECASE,
)
_THAT_AFTER = re.compile(r"\s*(?:itu|ini|tersebut)\b", re.IGNORECASE)


def mentions(reading: Reading) -> list[Mention]:
    found = []
    for q in reading.quantities:
        if q.stance in _NOT_CLAIMS:
            continue
        if q.unit == "currency" and _pointed_at(reading.text, q):
            continue
        unit, implied = q.unit, False
        if unit is None:
            before = reading.text[max(0, q.start - 2) : q.start].strip()
            if not before.endswith(_PROMO_MARK):
                continue
            unit, implied = "currency", True
        found.append(_mention(q, unit, implied, reading.text[q.start : q.end]))
    return found


def _pointed_at(text: str, q: Quantity) -> bool:
    """The customer's own amount, or one the reply points at as already known."""
    if _YOURS.search(text, max(0, q.start - 8), q.start):
        return True
    if _THAT_BEFORE.search(text, max(0, q.start - 30), q.start):
        return True
    return _THAT_AFTER.match(text, q.end) is not None


def _mention(q: Quantity, unit: str, implied: bool, text: str) -> Mention:
    return Mention(
        low=q.low,
        high=q.high,
        unit=unit,
        currency=(q.currency or "").upper() or None,
        start=q.start,
        end=q.end,
        limit=q.limit,
        calendar=q.unit == "days" and _CALENDAR.search(text) is not None,
        implied=implied,
        vague=q.approximate and q.low != q.high,
    )


_VOCAB: dict[int, tuple[PolicyFact, tuple]] = {}
# A refund's timing is also said of the money itself: "you'll see the money within 5 days",
# "10天内到账", "dananya masuk dalam 3 hari", "سيصلك المبلغ خلال 5 أيام".
_SPOKEN_OF = {"refund": ("money",)}
_DURATIONS = frozenset({"hours", "days", "business_days", "weeks", "months"})


def topic_concepts(fact: PolicyFact) -> tuple[str, ...]:
    """The concepts a reply may use to speak of `fact`: its own, and for a refund's timing the
    money's."""
    found = list(fact.concepts)
    if fact.unit_name in _DURATIONS:
        for concept in fact.concepts:
            found += [c for c in _SPOKEN_OF.get(concept, ()) if c not in found]
    return tuple(found)


_INCIDENTAL: dict[int, tuple[PolicySection, frozenset]] = {}


def incidental_numbers(section: PolicySection) -> frozenset[tuple[str, float, float]]:
    """(unit, low, high) of the numbers the section's text states that are none of its facts:
    "the 4-hour slot is texted 48 hours before delivery" has a 48-hour fact, and an agent who
    mentions the 4-hour slot is repeating the policy, not misstating the 48 hours."""
    cached = _INCIDENTAL.get(id(section))
    if cached is None or cached[0] is not section:
        if len(_INCIDENTAL) > 4096:
            _INCIDENTAL.clear()
        facts = {(f.unit_name, f.low, f.high) for f in section.facts}
        facts |= {(f.unit_name, f.high, f.high) for f in section.facts}
        stated = {(q.unit, q.low, q.high) for q in read(section.text).quantities if q.unit}
        cached = _INCIDENTAL[id(section)] = (section, frozenset(stated - facts))
    return cached[1]


def _incidental(t: FactTopic, m: Mention, found: list[Mention], text: str) -> bool:
    """A number of the section's text that is no fact ("your 4-hour slot"), written as a
    modifier ("4-hour") or beside a correct statement of the fact itself: not a misstatement."""
    if (m.unit, m.low, m.high) not in incidental_numbers(t.section):
        return False
    if "-" in text[m.start : m.end]:
        return True
    return any(
        o is not m and t.comparable(o) and t.converted(o) is not None and t.agrees(o) for o in found
    )


def _vocab(section: PolicySection, fact: PolicyFact) -> tuple:
    """A fact's words and concepts and its section's, worked out once per fact."""
    cached = _VOCAB.get(id(fact))
    if cached is None or cached[0] is not fact:
        if len(_VOCAB) > 4096:
            _VOCAB.clear()
        value = (
            frozenset((*fact.about, *fact.cues)),
            frozenset(topic_concepts(fact)),
            frozenset(w for f in section.facts for w in (*f.about, *f.cues)),
            frozenset(c for f in section.facts for c in topic_concepts(f)),
        )
        cached = _VOCAB[id(fact)] = (fact, value)
    return cached[1]


class FactTopic:
    """One policy fact and where a reply talks about it."""

    def __init__(self, section: PolicySection, fact: PolicyFact, look: Lookup):
        self.section = section
        self.fact = fact
        self.look = look
        reading = look.reading
        # A fact's own words and concepts, and its section's: they tell sibling facts apart.
        self.words, self.concepts, self.section_words, self.section_concepts = _vocab(section, fact)
        text = reading.text
        # "not defective", "非质量问题", "sin defecto": a denied topic word is not the topic.
        # "the disputes team", "equipo de disputas", "争议部门": a team's name is not the act.
        teams = {h for h in look.concepts(tuple(self.concepts)) if team_name(text, *h)}
        self.hits = [
            (s, e)
            for s, e in look.topic(fact.about, tuple(self.concepts))
            if not _DENIED_TOPIC.search(text, max(0, s - 8), s) and (s, e) not in teams
        ]
        # Places named only by the money ("the amount"), not by the fact's own words: another
        # fact named in its own words in the same sentence is the one meant.
        self.weak: set[int] = set()
        if len(self.concepts) > len(fact.concepts):  # the money's words count too
            own = set(look.topic(fact.about, fact.concepts))
            self.weak = {s for s, e in self.hits if (s, e) not in own}
        self.cue_spans = look.words(fact.cues) if fact.cues else []
        self.own_hits: dict[int, list[tuple[int, int]]] = {}  # against another fact, by id

    def in_sentence(self, lo: int, hi: int) -> list[int]:
        return [s for s, _ in self.hits if lo <= s < hi]

    def named_in(self, lo: int, hi: int) -> bool:
        """Named in the sentence by its own words or concepts, not only by the money's."""
        return any(lo <= s < hi and s not in self.weak for s, _ in self.hits)

    def in_hours(self, value: float, unit: str | None) -> float | None:
        """`value` in `unit` expressed in this fact's unit, or None when they do not compare."""
        own = self.fact.unit_name
        if unit == own:
            return value
        if unit in _HOURS and own in _HOURS:
            return value * _HOURS[unit] / _HOURS[own]
        return None

    def comparable(self, m: Mention) -> bool:
        """True when the number is in a unit this fact can be stated in."""
        own = self.fact.unit_name
        if m.unit == "currency" and own == "currency":
            mine = (self.fact.currency or "").upper()
            # No exchange rates offline: 20 CNY against a 20 USD limit is left unjudged. A
            # currency's common name is shared, though: "25 جنيهاً" in a GBP policy are pounds.
            return not (m.currency and mine and m.currency != mine) or _same_name(m.currency, mine)
        if m.unit == own or (m.unit, own) in _DAY_KINDS:
            return True
        if m.unit == "months":
            return own in ("days", "weeks")
        if own == "business_days":
            return m.unit in _HOURS  # two weeks are ten business days, 24 hours one day
        return m.unit in _HOURS and own in _HOURS

    def contradicts(self, m: Mention, named_here: bool = False) -> bool:
        """True when a number that disagrees is a wrong statement of this fact rather than a
        number about something else: 48 hours are naturally said as "2 days", so "5 days"
        contradicts them; a 5-day refund is never said in hours, so "within 24 hours" is about
        something else (when the agent writes back) — unless the number's own clause names the
        fact ("La tarjeta nueva llega en 24 horas")."""
        own = self.fact.unit_name
        if m.unit == own or (m.unit, own) in _DAY_KINDS or m.unit == "months":
            return True
        if own == "business_days":
            if m.unit == "weeks" or self.fact.high <= _NATURAL_HOURS / 24:
                return True
            # "more than 48 hours since delivery" bounds something else than the deadline
            return named_here and m.limit != "at_least"
        if m.unit in _HOURS and own in _HOURS:
            if _HOURS[m.unit] >= _HOURS[own]:
                return m.unit != "days" or own != "hours" or self.fact.high >= _HOURS["days"]
            return self.fact.high * _HOURS[own] <= _NATURAL_HOURS
        return False

    def converted(self, m: Mention) -> tuple[float, float] | None:
        own = self.fact.unit_name
        if m.unit == "months" and own in _HOURS:
            per_day = _HOURS["days"] / _HOURS[own]
            low, high = (m.high * d * per_day for d in _DAYS_PER_MONTH)
            if low - _EPSILON <= self.fact.high <= high + _EPSILON:
                return self.fact.high, self.fact.high  # a month for 30 days: the same deadline
            return m.low * 30 * per_day, m.high * 30 * per_day
        if (m.unit, own) in _DAY_KINDS:
            if m.calendar and own == "business_days":
                return None  # never the same promise: judged as disagreeing below
            return m.low, m.high
        if m.unit == "currency":
            return m.low, m.high
        if own == "business_days" and m.unit in _BUSINESS_DAYS_PER:
            per = _BUSINESS_DAYS_PER[m.unit]
            return m.low * per, m.high * per
        low = self.in_hours(m.low, m.unit)
        high = self.in_hours(m.high, m.unit)
        if low is None or high is None:
            return None
        return low, high

    def agrees(self, m: Mention) -> bool:
        if m.unit == "business_days" and self.fact.unit_name == "days" and self.fact.unit:
            # Business days for a rule the policy writes in calendar days are a different
            # promise. A v1 fact ("kind: days") never said which days it meant.
            return False
        if m.calendar and self.fact.unit_name == "business_days":
            return False
        values = self.converted(m)
        if values is None:
            return True  # cannot compare: never a finding
        low, high = values
        fact = self.fact
        limit = fact.limit
        if m.vague:
            # "two or three days", "大概三到四周": too vague to hold anyone to a figure, but not
            # to a rule it misses entirely (three to four weeks for six to eight).
            at_least = fact.low if limit != "at_most" else 0.0
            at_most = fact.high if limit != "at_least" else float("inf")
            return high >= at_least - _EPSILON and low <= at_most + _EPSILON
        if m.unit == "weeks" and fact.unit_name == "business_days" and limit == "exact":
            # A week is five to seven days as people count them: "a week" states a 5-7
            # business-day deadline, "two weeks" a 10-business-day one.
            return m.low * 5 - _EPSILON <= fact.high <= m.high * 7 + _EPSILON
        if limit == "at_most":
            return high <= fact.high + _EPSILON
        if limit == "at_least":
            return low >= fact.low - _EPSILON
        if fact.repeats and fact.high > 0 and high > 0 and low == high:
            times = high / fact.high  # 满400减60 follows from 每满200减30
            return times > 1 - _EPSILON and abs(times - round(times)) < _EPSILON
        if fact.low != fact.high:  # the policy gives a range
            if abs(low - high) < _EPSILON:
                return abs(high - fact.high) < _EPSILON  # its upper end, the deadline
            return abs(low - fact.low) < _EPSILON and abs(high - fact.high) < _EPSILON
        # A single policy value: the number itself, or a range that ends at it ("3-5 days").
        return abs(high - fact.high) < _EPSILON

    def is_value(self, m: Mention) -> bool:
        if m.vague:
            return False
        values = self.converted(m)
        return values is not None and abs(values[1] - self.fact.high) < _EPSILON

    def cued(self, text: str, m: Mention) -> int | None:
        """How close one of this fact's cue words sits to the number, or None if none is."""
        best = None
        for start, end in self.cue_spans:
            if end <= m.start:
                gap = text[end : m.start]
            elif start >= m.end:
                gap = text[m.end : start]
            else:
                continue
            if len(gap) <= _CUE_GAP and gap.strip(" \t:：") in ("", "of", "is", "是", "为"):
                rank = len(gap) if end <= m.start else _CUE_GAP + 1 + len(gap)
                best = rank if best is None else min(best, rank)
        return best


def number_reasons(
    reading: Reading, policy: Policy, chat: Chat, ref
) -> tuple[list[Reason], set[str]]:
    """Findings and praise for the numbers in a reply, and the keys of the facts it states."""
    all_facts = [(s, f) for s in policy.sections for f in s.facts]
    stated: set[str] = set()
    found = mentions(reading) if all_facts else []
    if not found:
        return [], stated
    look = lookup(reading, policy)
    units = {m.unit for m in found}
    # Only facts a number here could be about (in a unit that compares) need their words found.
    topics = [FactTopic(s, f, look) for s, f in all_facts if _could_be(f, units)]
    reasons: list[Reason] = []
    wrong: dict[str, int] = defaultdict(int)
    owned: dict[tuple, bool] = {}  # (fact, clause) -> its own words stand in the clause
    starts = [s.start for s in reading.sentences]
    text = reading.text
    for m in found:
        index = max(0, bisect_left(starts, m.start + 1) - 1)
        lo, hi = (
            (reading.sentences[index].start, reading.sentences[index].end)
            if starts
            else (
                0,
                len(text),
            )
        )
        candidates = [t for t in topics if t.in_sentence(lo, hi) and t.comparable(m)]
        if (
            not candidates
            and index > 0
            and not _asks(reading, index)
            and not any(t.in_sentence(lo, hi) for t in topics)
        ):
            # "I've issued your refund. It will arrive within 30 days.": a sentence that names
            # no rule carries on the one the sentence before it named.
            carried = _carried(m, topics, reading, index, found)
            if carried is not None:
                reason = _context_finding(carried, m, topics, text, (lo, hi), ref, stated, wrong)
                if reason is not None:
                    reasons.append(reason)
                continue
        if not candidates and not any(t.hits for t in topics) and not _asks(reading, index):
            # A bare answer ("Tienes 90 days desde la transaction date"): the customer's last
            # question says what it is about, when it names one rule.
            asked = _asked_about(m, topics, chat, policy)
            if asked is not None:
                reason = _context_finding(asked, m, topics, text, (lo, hi), ref, stated, wrong)
                if reason is not None:
                    reasons.append(reason)
                continue
        if any(t.named_in(lo, hi) for t in candidates):
            candidates = [t for t in candidates if t.named_in(lo, hi)]
        considered = {t.fact.key for t in candidates}
        clause = stance.clause_span(reading, m.start, m.end)
        candidates = [t for t in candidates if _reaches(t, m, clause, (lo, hi), found, reading)]
        candidates = _narrow(text, m, candidates, (lo, hi), clause, chat)
        if not candidates:
            continue
        agreeing = next((t for t in candidates if t.agrees(m)), None)
        evidence = quote(text, m.start, m.end, sentence=(lo, hi))
        if agreeing is not None:
            # Reported once per fact: it is praise, not points, and must not flood the list.
            if agreeing.fact.key not in stated:
                stated.add(agreeing.fact.key)
                reasons.append(_praise(agreeing, evidence, ref))
            continue
        judged = [
            t
            for t in candidates
            if t.contradicts(m, t.named_in(*clause)) and not _incidental(t, m, found, text)
        ]
        if not judged:
            continue
        meant = min(judged, key=lambda t: min(abs(p - m.start) for p in t.in_sentence(lo, hi)))
        # Exactly the figure of another rule whose own words the sentence names, or of a
        # sibling the sentence never named, is most likely that rule in words we do not know:
        # "since it's defective, you have 90 days to return it" states the defect rule. A cue
        # right beside the number (满30减200) has already said which rule it is.
        sibling = None
        if meant.cued(text, m) is None:
            # A sibling never named is not preferred over the rule whose own topic words the
            # number's clause holds: "退款会在三十天内退回" misstates the refund's 14 days, even
            # though 30 days is the return window's figure. Under a condition it still is ("If
            # it turns out to be a manufacturing fault, you'd have ninety days": the defect's).
            sibling = next(
                (
                    t
                    for t in topics
                    if t is not meant
                    and t.is_value(m)
                    and (
                        (
                            t.section is meant.section
                            and t.fact.key not in considered
                            and (
                                stance.conditioned(reading, m.start)
                                or not _own_here(meant, clause, topics, owned)
                            )
                        )
                        or (
                            _own_words_in(t, meant, (lo, hi))
                            and _reaches(t, m, clause, (lo, hi), found, reading)
                        )
                    )
                ),
                None,
            )
        if sibling is not None:
            if sibling.fact.key not in stated and sibling.fact.key in considered:
                stated.add(sibling.fact.key)
                reasons.append(_praise(sibling, evidence, ref))
            continue
        wrong[meant.fact.key] += 1
        if wrong[meant.fact.key] > REPEATS_REPORTED:
            continue
        reasons.append(_wrong(meant, m, text, evidence, ref))
    return reasons, stated


def _wrong(t: FactTopic, m: Mention, text: str, evidence: str, ref) -> Reason:
    said = text[m.start : m.end].strip()
    if t.fact.unit_name == "currency" and t.fact.limit == "at_most":
        message = f"Offers {said}, above what the policy allows: {t.fact.statement}"
    else:
        message = f"Says {said}, but the policy says: {t.fact.statement}"
    return Reason(
        kind="wrong_number",
        text=message,
        quote=evidence,
        points=WRONG_NUMBER,
        section=ref(t.section),
    )


def _reaches(t: FactTopic, m: Mention, clause, sentence, found, reading) -> bool:
    """True when the fact's words can be what the number is about: in the number's clause,
    or in an earlier clause of the sentence that has no number of its own ("退款的话，7天到账"; in
    "items come back within 30 days, and the refund goes out within 5 days" the refund has
    its own number, so 30 days are not about it)."""
    c_lo, c_hi = clause
    hits = t.in_sentence(*sentence)
    if any(c_lo <= p < c_hi for p in hits):
        return True
    for p in hits:
        if p >= c_lo:
            continue  # only a topic named before the number's clause carries over to it
        h_lo, h_hi = stance.clause_span(reading, p, p + 1)
        if not any(h_lo <= other.start < h_hi for other in found if other is not m):
            return True
    return False


# Currencies people call by one name: "pound" (جنيه) is the pound sterling or the Egyptian
# pound, "dollar" (dólar, dolar, دولار) is the currency of the country the policy is written for.
_COMMON_NAMES = (
    frozenset({"GBP", "EGP"}),
    frozenset({"USD", "SGD", "HKD", "AUD", "CAD", "NZD", "TWD"}),
    frozenset({"SAR", "QAR", "OMR"}),
    frozenset({"KWD", "BHD", "JOD"}),
)


def _same_name(said: str | None, mine: str) -> bool:
    return any(said in names and mine in names for names in _COMMON_NAMES)


def _could_be(fact: PolicyFact, units: set[str | None]) -> bool:
    own = fact.unit_name
    if own in units or (own in _HOURS and units & {*_HOURS, "months"}):
        return True
    if own == "business_days" and units & {*_HOURS}:
        return True  # "2 weeks", "24 hours" for a business-day rule
    return own == "days" and "business_days" in units


def _praise(topic: FactTopic, evidence: str, ref) -> Reason:
    return Reason(
        kind="states_fact",
        text=f"States the policy correctly: {topic.fact.statement}",
        quote=evidence,
        section=ref(topic.section),
    )


def _own_words_in(t: FactTopic, other: FactTopic, span: tuple[int, int]) -> bool:
    """True when words of `t` that `other` does not share occur in the span."""
    hits = t.own_hits.get(id(other))
    if hits is None:
        words = tuple(sorted(t.words - other.words))
        concepts = t.concepts - other.concepts
        hits = t.own_hits[id(other)] = t.look.topic(words, concepts) if words or concepts else []
    return any(span[0] <= s < span[1] and s not in t.weak for s, _ in hits)


def _carried(m: Mention, topics: list[FactTopic], reading: Reading, index: int, found):
    """The one fact, in the number's unit, that the sentence before names, when that sentence
    states no number of its own in a unit the fact compares with."""
    before = reading.sentences[index - 1]
    lo, hi = before.start, before.end
    named = [t for t in topics if t.comparable(m) and t.named_in(lo, hi)]
    if len(named) != 1:
        return None
    if any(lo <= other.start < hi and named[0].comparable(other) for other in found):
        return None
    return named[0]


def _asks(reading: Reading, index: int) -> bool:
    return 0 <= index < len(reading.sentences) and reading.sentences[index].question


def _asked_about(m: Mention, topics: list[FactTopic], chat: Chat, policy: Policy):
    """The one fact, in the number's unit, that the customer's last turn names."""
    if not chat:
        return None
    last = next((r for role, r in reversed(chat.readings) if role == "customer"), None)
    if last is None:
        return None
    look = lookup(last, policy)
    named = [
        t
        for t in topics
        if t.comparable(m) and FactTopic(t.section, t.fact, look).named_in(0, len(last.text) + 1)
    ]
    return named[0] if len(named) == 1 else None


def _context_finding(t, m, topics, text, sentence, ref, stated, wrong) -> Reason | None:
    """Praise or a finding for a number whose rule the customer's question named."""
    evidence = quote(text, m.start, m.end, sentence=sentence)
    if t.agrees(m):
        if t.fact.key not in stated:
            stated.add(t.fact.key)
            return _praise(t, evidence, ref)
        return None
    if t.fact.key in stated:
        return None  # stated right already: another number is about something else ("49 days")
    if not t.contradicts(m) or any(o is not t and o.is_value(m) for o in topics):
        return None  # another rule's figure: perhaps that rule, in words we do not know
    wrong[t.fact.key] += 1
    if wrong[t.fact.key] > REPEATS_REPORTED:
        return None
    return _wrong(t, m, text, evidence, ref)


def _narrow(text, m, candidates, span, clause, context):
    """The facts a number can be about: a cue beside it first, then words of their own.

    When two facts share the sentence's topic words (appeal: a ban or a video), the one whose
    own words occur wins: in the number's sentence first, then in the earlier turns. When both
    or neither have their own words, every fact stays a candidate and the number is right if it
    agrees with any of them: unsure means no finding.
    """
    ranked = [(t.cued(text, m), t) for t in candidates]
    ranked = [(r, t) for r, t in ranked if r is not None]
    if ranked:
        best = min(r for r, _ in ranked)
        chosen = [t for r, t in ranked if r == best]
        if not any(t.is_value(m) for t in chosen):
            # A cue is a hint, not the topic: "Billing reviews disputes within 5 business days"
            # states the review's 5 days even when "within" is a cue of the dispute window.
            # In "满30减200" both rules share their words, and the cue beside each number rules.
            chosen += [
                t for t in candidates if t not in chosen and _exactly_named(t, m, clause, chosen)
            ]
        if len(chosen) < len(candidates) or m.implied:
            return chosen
    if m.implied:
        return []  # 满200 with no promotion fact named beside it: not ours to judge
    if len(candidates) < 2:
        return candidates
    for level in ("section_words", "words"):
        if len(candidates) < 2:
            break
        if level == "section_words" and len({id(c.section) for c in candidates}) < 2:
            continue
        narrowed = _prefer_own(candidates, level, span, clause, context)
        if narrowed is None:
            break
        candidates = narrowed
    return candidates


def _exactly_named(t: FactTopic, m: Mention, clause, rivals) -> bool:
    """The number is exactly this fact's figure, and topic words of its own (not cues, and not
    shared with the `rivals`) stand in the number's clause."""
    return t.is_value(m) and _exactly_named_words(t, clause, rivals)


def _own_here(t: FactTopic, clause, topics, owned: dict) -> bool:
    key = (t.fact.key, clause)
    if key not in owned:
        owned[key] = _exactly_named_words(t, clause, [o for o in topics if o is not t])
    return owned[key]


def _exactly_named_words(t: FactTopic, clause, rivals) -> bool:
    """Topic words (not cues) or concepts of `t` that no rival shares stand in the clause."""
    own_words = frozenset(t.fact.about).difference(*(r.words for r in rivals))
    own_concepts = t.concepts.difference(*(r.concepts for r in rivals))
    if not own_words and not own_concepts:
        return False
    c_lo, c_hi = clause
    return any(c_lo <= s < c_hi for s, _ in t.look.topic(tuple(sorted(own_words)), own_concepts))


def _prefer_own(candidates, level, span, clause, context):
    """The candidates whose own words occur in the number's clause (then in the chat), or None
    when it stays a toss-up: own words of several, or only in another clause of the sentence
    ("账号申诉的期限是30天，视频申诉是14天": the video's word does not make 30天 a video rule)."""
    lo, hi = span
    c_lo, c_hi = clause
    words, concepts = (
        ("words", "concepts")
        if level == "words"
        else (
            "section_words",
            "section_concepts",
        )
    )
    here, elsewhere, earlier = [], [], []
    for c in candidates:
        rivals = [
            o for o in candidates if o is not c and (level == "words" or o.section is not c.section)
        ]
        own_words = getattr(c, words).difference(*(getattr(o, words) for o in rivals))
        own_concepts = getattr(c, concepts).difference(*(getattr(o, concepts) for o in rivals))
        if not own_words and not own_concepts:
            continue
        hits = c.look.topic(tuple(sorted(own_words)), own_concepts)
        if any(c_lo <= s < c_hi for s, _ in hits):
            here.append(c)
        elif any(lo <= s < hi for s, _ in hits):
            elsewhere.append(c)
        elif (
            context and context.joined is not None and context.joined.topic(own_words, own_concepts)
        ):
            earlier.append(c)
    if here:
        return None if len(here) == len(candidates) else here
    if elsewhere:
        return None
    if not earlier:
        return candidates
    return None if len(earlier) == len(candidates) else earlier
