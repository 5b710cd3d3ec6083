"""Policy accuracy: do a reply's numbers, promises, remedies and steps follow the typed policy?

A reply starts fully correct and loses points only for what it actually says. We judge a number
only when its sentence is about a fact that can be stated in the same unit, and we stay silent
whenever we cannot be sure (a vague "a few days", another currency, "3 weeks ago", a topic word
two facts share and nothing tells apart): a false finding against a correct agent costs more
trust than a missed one. Every finding quotes the reply and names the policy section and version.

Ranges are one claim judged by their upper end, the deadline a customer holds us to: for "the
refund is issued within 5 days", "3-5 days" is right and "5-7 days" is wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence

from curricula.policy import Policy, PolicyFact, PolicySection, Promise, Remedy, RequiredStep
from grading.numbers import NumberMention, find_numbers
from grading.score import Reason, Score, clamp
from grading.text import SentenceMap, find_phrases, has_cjk, is_negated, quote

WRONG_NUMBER = -40
FORBIDDEN_PROMISE = -35
FORBIDDEN_REMEDY = -35
SKIPPED_STEP = -30
MISSING_FACT = -15
# The same mistake repeated is reported at most this often: enough to take the score to 0,
# few enough to read (a pasted 20,000-character reply must not produce a thousand findings).
REPEATS_REPORTED = 3
HOURS_PER_DAY = 24
_EPSILON = 1e-6
# How far a cue word may sit from its number: "满200", "every 200 CNY", "30 CNY off".
_CUE_GAP = 4
# How far back an offer reaches to its action: "I'll get that refund", "我马上为您安排换货".
_OFFER_CHARS = 48
_OFFER_WORDS = 6
_OFFER_CJK_CHARS = 12
_AGENT_ROLES = frozenset({"agent", "trainee"})
_CONTEXT_TURNS = 40  # earlier turns looked at; a chat longer than this is summarised anyway

# "returned it 3 weeks ago", "10天前": the customer's history, not a policy claim.
_PAST = re.compile(r"[ \t]{0,3}(?:ago(?![A-Za-z])|前)", re.IGNORECASE)
# "not defective", "非质量问题": a topic word that is denied is not the topic.
_DENIED_TOPIC = re.compile(
    r"(?:非|不是|并非|(?<![A-Za-z])(?:non-?|not |no |isn't |aren't |wasn't |weren't ))$",
    re.IGNORECASE,
)
_CUE_FILLER = re.compile(r"[\s:：]*(?:of|is|是|为)?[\s:：]*", re.IGNORECASE)
# Clause breaks inside a sentence; a clause is the closest place to look for what a number is.
_CLAUSE = re.compile(r"[,，、;；:：()（）—]|\b(?:but|however|then)\b|但是|不过|可是|然后", re.I)
# An agent offering or starting an action: "I'll refund", "we can send", "我给您退款", "为您办理".
_OFFER_LATIN = re.compile(
    r"\b(?:(?:i|we)(?:['’](?:ll|d|ve)|\s+(?:will|can|could|would|shall))"
    r"|(?:i['’]m|i\s+am|we['’]re|we\s+are)\s+going\s+to|let\s+(?:me|us)|(?:happy|glad)\s+to"
    r"|go\s+ahead\s+and|you(?:['’]ll|\s+will)\s+(?:get|receive|be\s+getting))\b",
    re.IGNORECASE,
)
_OFFER_CJK = re.compile(
    "我[们]?(?:给|帮|为|来|这边|会|可以|马上|现在|已经|已|将|立刻)|给您|为您|帮您"
)
# Words between the offer and the action that make it something else: "I'll check your
# refund", "我帮您查一下退款" look into an action, they do not offer it.
_NOT_AN_OFFER = re.compile(
    r"\b(?:see|check|look|explain|understand|tell|find|track|know|ask|update|follow|get\s+back|help"
    r"|about|regarding|status)\w*|查|看|核实|确认|了解|解释|说明|问|跟进|关于|进度|情况",
    re.IGNORECASE,
)


def section_ref(policy: Policy, section: PolicySection) -> str:
    return f"{policy.id}#{section.id}@{policy.version}"


def grade_policy(
    reply: str,
    policy: Policy,
    context: Sequence[tuple[str, str]] = (),
    required_facts: Sequence[str] = (),
) -> Score:
    """Grade one reply against one policy version.

    `context` holds the earlier turns as (role, text), role "customer", "agent" or "trainee": a
    required step done there, or a customer word that tells two facts apart, counts. With
    `required_facts` (fact keys), a fact the lesson expects that is stated correctly neither in
    the reply nor in an earlier agent turn is a smaller "missing_fact" finding.
    """
    reply = reply if isinstance(reply, str) else ""
    turns = _clean_context(context)
    smap = SentenceMap(reply)
    numbers, stated = _number_reasons(reply, policy, smap, turns)
    reasons = [
        *numbers,
        *_phrase_reasons(reply, policy, smap, "forbidden_promise"),
        *_phrase_reasons(reply, policy, smap, "forbidden_remedy"),
        *_step_reasons(reply, policy, smap, turns),
    ]
    if required_facts:
        reasons += _missing_facts(policy, required_facts, stated, turns)
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


def _clean_context(context: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    turns = []
    for turn in list(context or ())[-_CONTEXT_TURNS:]:
        if isinstance(turn, Sequence) and not isinstance(turn, str) and len(turn) == 2:
            role, text = turn
            if isinstance(role, str) and isinstance(text, str) and text:
                turns.append((role.strip().lower(), text))
    return turns


# --- numbers ---------------------------------------------------------------------------------


_WORDS: dict[int, tuple[PolicyFact, frozenset[str], frozenset[str]]] = {}


def _fact_words(section: PolicySection, fact: PolicyFact) -> tuple[frozenset, frozenset]:
    """A fact's own words and its section's, worked out once per fact rather than per reply."""
    cached = _WORDS.get(id(fact))
    if cached is None or cached[0] is not fact:  # an id can be reused once a policy is gone
        own = frozenset(w.lower() for w in (*fact.about, *fact.cues))
        section_words = frozenset(w.lower() for f in section.facts for w in (*f.about, *f.cues))
        cached = _WORDS[id(fact)] = (fact, own, section_words)
    return cached[1], cached[2]


class _Fact:
    """One policy fact and where a text talks about it."""

    def __init__(self, section: PolicySection, fact: PolicyFact):
        self.section = section
        self.fact = fact
        # A fact's own words: its topic words and the cues that tell it from its siblings.
        self.words, self.section_words = _fact_words(section, fact)
        self.hits: dict[int, list[int]] = defaultdict(list)  # sentence -> starts
        self.denied: list[int] = []  # starts of topic words the reply denies ("not defective")
        self.cue_spans: list[tuple[int, int]] = []

    def scan(self, text: str, smap: SentenceMap, hits: dict[str, list[int]]) -> None:
        # Topic words are written once ("refund") but used inflected ("Refunds are…").
        for phrase, start, _end in find_phrases(text, self.fact.about, inflections=True):
            if _DENIED_TOPIC.search(text, max(0, start - 8), start):
                self.denied.append(start)
                continue
            self.hits[smap.index(start)].append(start)
            hits[phrase.lower()].append(start)
        if self.fact.cues:
            for phrase, start, end in find_phrases(text, self.fact.cues, inflections=True):
                self.cue_spans.append((start, end))
                hits[phrase.lower()].append(start)

    def denied_in(self, sentence: int, lo: int, hi: int) -> bool:
        """True when a clause denies this topic ("non-defective: 30 days") and never names it."""
        return _any_in(self.denied, lo, hi) and not _any_in(self.hits.get(sentence, []), lo, hi)

    def distance(self, sentence: int, pos: int) -> int:
        return min(abs(p - pos) for p in self.hits[sentence])

    def value_of(self, mention: NumberMention) -> float | None:
        """The mention in this fact's unit, or None when the two cannot be compared."""
        kind = self.fact.kind
        if mention.kind == kind:
            # No exchange rates offline: 20 CNY against a 20 USD limit is left unjudged.
            fact_currency = (self.fact.currency or "").upper()
            if mention.currency and fact_currency and mention.currency != fact_currency:
                return None
            return mention.value
        if {mention.kind, kind} == {"days", "hours"}:
            return mention.value * (HOURS_PER_DAY if kind == "hours" else 1 / HOURS_PER_DAY)
        return None

    def agrees(self, value: float) -> bool:
        if self.fact.at_most:
            return value <= self.fact.value + _EPSILON  # offering less than a limit is allowed
        if self.fact.repeats and self.fact.value > 0 and value > 0:
            times = value / self.fact.value  # 满400减60 follows from 每满200减30
            return times > 1 - _EPSILON and abs(times - round(times)) < _EPSILON
        return abs(value - self.fact.value) < _EPSILON

    def is_value(self, mention: NumberMention) -> bool:
        value = self.value_of(mention)
        return value is not None and abs(value - self.fact.value) < _EPSILON

    def cued(self, text: str, mention: NumberMention) -> int | None:
        """How close one of this fact's cue words sits to the number, or None if none is."""
        best = None
        for start, end in self.cue_spans:
            if end <= mention.start:
                gap = text[end : mention.start]
            elif start >= mention.end:
                gap = text[mention.end : start]
            else:
                continue
            if len(gap) <= _CUE_GAP and _CUE_FILLER.fullmatch(gap):
                # A cue before the number (满200, every 200) binds tighter than one after it.
                rank = len(gap) if end <= mention.start else _CUE_GAP + 1 + len(gap)
                best = rank if best is None else min(best, rank)
        return best


class _Words:
    """Where each topic word occurs: in the reply (by position) and anywhere in the context."""

    def __init__(self, reply_hits: dict[str, list[int]], policy: Policy, context_text: str):
        self.reply = reply_hits
        self._policy = policy
        self._context_text = context_text
        self._context: set[str] | None = None

    def in_span(self, word: str, lo: int, hi: int) -> bool:
        return _any_in(self.reply.get(word, []), lo, hi)

    def in_context(self, word: str) -> bool:
        if self._context is None:  # only built when a number needs it
            about = {w for s in self._policy.sections for f in s.facts for w in (*f.about, *f.cues)}
            found = find_phrases(self._context_text, about, inflections=True)
            self._context = {p.lower() for p, _, _ in found}
        return word in self._context

    def anywhere(self, word: str) -> bool:
        return bool(self.reply.get(word)) or self.in_context(word)


def _number_reasons(
    reply: str, policy: Policy, smap: SentenceMap, turns: list[tuple[str, str]]
) -> tuple[list[Reason], set[str]]:
    """Findings and praise for the numbers in `reply`, and the keys of the facts it states."""
    facts = [_Fact(s, f) for s in policy.sections for f in s.facts]
    stated: set[str] = set()
    if not facts:
        return [], stated
    mentions = [m for m in find_numbers(reply) if m.kind is not None]
    if not mentions:
        return [], stated
    hits: dict[str, list[int]] = defaultdict(list)
    for fact in facts:
        fact.scan(reply, smap, hits)
    for positions in hits.values():
        positions.sort()  # several facts may share a word; look-ups bisect
    clauses = _Clauses(reply, smap)
    words = _Words(hits, policy, "\n".join(text for _, text in turns))
    reasons: list[Reason] = []
    wrong: dict[str, int] = defaultdict(int)
    for mention in mentions:
        if mention.opens_range or _PAST.match(reply, mention.end):
            continue  # a range is judged once, at its upper end
        sentence = smap.index(mention.start)
        candidates = [
            (f, v) for f in facts if sentence in f.hits and (v := f.value_of(mention)) is not None
        ]
        if not candidates:
            continue
        if any(f.denied for f, _ in candidates):
            clause = clauses.around(mention)
            candidates = [(f, v) for f, v in candidates if not f.denied_in(sentence, *clause)]
        considered = {f.fact.key for f, _ in candidates}
        candidates = _narrow(reply, mention, smap, candidates, words)
        if not candidates:
            continue
        start = mention.range_start if mention.range_start is not None else mention.start
        agreeing = next((f for f, v in candidates if f.agrees(v)), None)
        if agreeing is not None:
            # Reported once per fact: it is praise, not points, and must not flood the list.
            if agreeing.fact.key not in stated:
                stated.add(agreeing.fact.key)
                reasons.append(
                    Reason(
                        kind="states_fact",
                        text=f"States the policy correctly: {agreeing.fact.statement}",
                        quote=quote(reply, start, mention.end, sentence=smap.spans[sentence]),
                        section=section_ref(policy, agreeing.section),
                    )
                )
            continue
        # A number in another unit can agree with a fact but contradicts it only when the fact
        # is naturally said that way too: 48 hours as "2 days", so "5 days" is wrong; a 5-day
        # refund is never said in hours, so "within 24 hours" is about something else (when
        # the agent writes back).
        judged = [f for f, _ in candidates if _contradicts_in(f.fact, mention)]
        if not judged:
            continue
        # Several facts may share a sentence ("return it and get a refund"); the one whose
        # words sit closest to the number is the one the agent most likely meant.
        meant = min(judged, key=lambda f: f.distance(sentence, mention.start))
        # Exactly the figure of a sibling rule the sentence never named (90 days, "if it turns
        # out to be a manufacturing fault") is most likely that rule in words we do not know.
        if any(
            f.section is meant.section and f.fact.key not in considered and f.is_value(mention)
            for f in facts
        ):
            continue
        wrong[meant.fact.key] += 1
        if wrong[meant.fact.key] > REPEATS_REPORTED:
            continue
        said = reply[start : mention.end].strip()
        if meant.fact.kind == "amount" and meant.fact.at_most:
            text = f"Offers {said}, above what the policy allows: {meant.fact.statement}"
        else:
            text = f"Says {said}, but the policy says: {meant.fact.statement}"
        reasons.append(
            Reason(
                kind="wrong_number",
                text=text,
                quote=quote(reply, start, mention.end, sentence=smap.spans[sentence]),
                points=WRONG_NUMBER,
                section=section_ref(policy, meant.section),
            )
        )
    return reasons, stated


def _any_in(sorted_positions: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(sorted_positions, lo)
    return i < len(sorted_positions) and sorted_positions[i] < hi


def _contradicts_in(fact: PolicyFact, mention: NumberMention) -> bool:
    if fact.kind == mention.kind:
        return True
    return fact.kind == "hours" and mention.kind == "days" and fact.value >= HOURS_PER_DAY


class _Clauses:
    """Clause breaks of a text (commas, but, 但是), found once and looked up by bisection."""

    def __init__(self, text: str, smap: SentenceMap):
        self._smap = smap
        found = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]
        self._starts = [s for s, _ in found]
        self._ends = [e for _, e in found]

    def around(self, mention: NumberMention) -> tuple[int, int]:
        lo, hi = self._smap.span(mention.start)
        i = bisect_left(self._ends, mention.start + 1) - 1  # last break ending at or before
        if i >= 0 and self._ends[i] > lo:
            lo = self._ends[i]
        j = bisect_left(self._starts, mention.end)
        if j < len(self._starts) and self._starts[j] < hi:
            hi = self._starts[j]
        return lo, hi


def _narrow(
    reply: str,
    mention: NumberMention,
    smap: SentenceMap,
    candidates: list[tuple[_Fact, float]],
    words: _Words,
) -> list[tuple[_Fact, float]]:
    """The facts a number can be about, fewest first: a cue beside it, then words of its own.

    When two facts share the sentence's topic words (appeal: a ban or a video), the one whose
    own words occur wins: in the number's sentence first, then in the earlier turns (what the
    chat is about). The reply's other sentences only ever make it a toss-up, never decide it:
    an agent may mention a video in passing while explaining a ban. When both or neither have
    their own words, every fact stays a candidate and the number is right if it agrees with any
    of them: unsure means no finding.
    """
    cued = [(c.cued(reply, mention), c, v) for c, v in candidates]
    ranked = [(rank, c, v) for rank, c, v in cued if rank is not None]
    if ranked:
        best = min(rank for rank, _, _ in ranked)
        chosen = [(c, v) for rank, c, v in ranked if rank == best]
        if len(chosen) < len(candidates) or mention.implied:
            return chosen
    if mention.implied:
        return []  # 满200 with no promotion fact named beside it: not ours to judge
    if len(candidates) < 2:
        return candidates
    span = smap.span(mention.start)
    # First the section (a ban or a video?), then the fact within it (domestic or cross-border?).
    for level in ("section_words", "words"):
        if len(candidates) < 2:
            break
        if level == "section_words" and len({id(c.section) for c, _ in candidates}) < 2:
            continue
        narrowed = _prefer_own_words(candidates, level, span, words)
        if narrowed is None:
            break  # a toss-up: no finer look can settle what the reply itself leaves open
        candidates = narrowed
    return candidates


def _prefer_own_words(
    candidates: list[tuple[_Fact, float]], level: str, span: tuple[int, int], words: _Words
) -> list[tuple[_Fact, float]] | None:
    """The candidates whose own words occur (sentence first), or None when they all do."""
    own = {}
    for c, _ in candidates:
        others = [
            getattr(o, level)
            for o, _ in candidates
            if o is not c and (level == "words" or o.section is not c.section)
        ]
        own[c] = getattr(c, level).difference(*others)
    here = [(c, v) for c, v in candidates if any(words.in_span(w, *span) for w in own[c])]
    if here:
        if len(here) == len(candidates):
            return None
        # Words of the other fact elsewhere in the chat make it a toss-up: stay unsure.
        rest = [c for c, _ in candidates if all(c is not h for h, _ in here)]
        contested = any(words.anywhere(w) for c in rest for w in own[c])
        return None if contested else here
    earlier = [(c, v) for c, v in candidates if any(words.in_context(w) for w in own[c])]
    if not earlier:
        return candidates
    if len(earlier) == len(candidates):
        return None
    rest = [c for c, _ in candidates if all(c is not e for e, _ in earlier)]
    contested = any(words.reply.get(w) for c in rest for w in own[c])
    return None if contested else earlier


# --- promises and remedies -------------------------------------------------------------------

_PHRASE_RULES = {
    "forbidden_promise": ("forbidden_promises", FORBIDDEN_PROMISE, "Promises"),
    "forbidden_remedy": ("forbidden_remedies", FORBIDDEN_REMEDY, "Offers"),
}


def _phrase_reasons(reply: str, policy: Policy, smap: SentenceMap, kind: str) -> list[Reason]:
    field, points, verb = _PHRASE_RULES[kind]
    reasons: list[Reason] = []
    for section in policy.sections:
        rules: Iterable[Promise | Remedy] = getattr(section, field)
        for rule in rules:
            seen: set[int] = set()  # "I guarantee, guaranteed!" is one promise, not two
            for phrase, start, end in find_phrases(reply, rule.phrases):
                if len(seen) >= REPEATS_REPORTED:
                    break
                sentence = smap.index(start)
                if sentence in seen or is_negated(reply, start, smap.span(start)[0]):
                    continue
                seen.add(sentence)
                reasons.append(
                    Reason(
                        kind=kind,
                        text=f"{verb} “{phrase}”: {rule.reason}",
                        quote=quote(reply, start, end, sentence=smap.spans[sentence]),
                        points=points,
                        section=section_ref(policy, section),
                    )
                )
    return reasons


# --- required steps --------------------------------------------------------------------------


def _step_reasons(
    reply: str, policy: Policy, smap: SentenceMap, turns: list[tuple[str, str]]
) -> list[Reason]:
    reasons: list[Reason] = []
    for section in policy.sections:
        for step in section.required_steps:
            skipped = _skipped_action(reply, step, smap, turns)
            if skipped is None:
                continue
            phrase, start, end = skipped
            reasons.append(
                Reason(
                    kind="skipped_step",
                    text=f"Offers “{phrase}” before the step “{step.id}”: {step.reason}",
                    quote=quote(reply, start, end, sentence=smap.span(start)),
                    points=SKIPPED_STEP,
                    section=section_ref(policy, section),
                )
            )
    return reasons


def _skipped_action(
    reply: str, step: RequiredStep, smap: SentenceMap, turns: list[tuple[str, str]]
) -> tuple[str, int, int] | None:
    """The first action the reply offers before the step was done, or None."""
    actions = find_phrases(reply, step.before, inflections=True)
    if not actions:
        return None
    # Done in an earlier turn: the agent asked or confirmed, or the customer already gave it.
    if any(find_phrases(text, step.done_by, inflections=True) for _, text in turns):
        return None
    done = find_phrases(reply, step.done_by, inflections=True)
    first_done = done[0][1] if done else len(reply) + 1
    for phrase, start, end in actions:
        sentence_start, sentence_end = smap.span(start)
        # Asking in the same sentence counts: "To check your refund, what's the order number?"
        if first_done < sentence_end:
            return None
        if is_negated(reply, start, sentence_start) or not _offered(reply, start, sentence_start):
            continue
        return phrase, start, end
    return None


def _offered(reply: str, start: int, sentence_start: int) -> bool:
    """True when the agent offers or starts the action at `start`, not just mentions it."""
    window = reply[max(sentence_start, start - _OFFER_CHARS) : start]
    breaks = list(_CLAUSE.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    if has_cjk(reply[start : start + 1]):
        window = window[-_OFFER_CJK_CHARS:]
        offers = list(_OFFER_CJK.finditer(window))
    else:
        window = " ".join(window.split()[-_OFFER_WORDS:])
        offers = list(_OFFER_LATIN.finditer(window))
    if not offers:
        return False
    offer = offers[-1]
    return _NOT_AN_OFFER.search(window, offer.end()) is None


# --- facts the lesson requires ---------------------------------------------------------------


def _missing_facts(
    policy: Policy,
    required: Sequence[str],
    stated: set[str],
    turns: list[tuple[str, str]],
) -> list[Reason]:
    stated = set(stated)
    missing = [key for key in dict.fromkeys(required) if key not in stated]
    if missing:
        for role, text in turns:
            if role in _AGENT_ROLES:
                earlier_smap = SentenceMap(text)
                stated |= _number_reasons(text, policy, earlier_smap, [])[1]
    reasons = []
    for key in missing:
        found = policy.fact(key)
        if found is None or key in stated:
            continue  # a key this policy version does not have: nothing to hold the trainee to
        section, fact = found
        reasons.append(
            Reason(
                kind="missing_fact",
                text=f"Does not tell the customer: {fact.statement}",
                points=MISSING_FACT,
                section=section_ref(policy, section),
            )
        )
    return reasons
