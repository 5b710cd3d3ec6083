"""A time limit the policy sets, stated as no limit: "Bitebox Credit never expires", "puedes
cancelar cuando quieras", "退货随时都可以", "bisa diajukan kapan saja".

A fact with a duration (a window, a validity, a deadline) is wrong when the reply says that the
thing it limits has no limit, in the clause that names the fact. A denial ("it doesn't last
forever"), a question or a condition states nothing; a fact that is a minimum ("at least 24
hours' notice") is not contradicted by "any time".
"""

from __future__ import annotations

from collections.abc import Callable

from curricula.policy import Policy, PolicySection
from grading.policy_checks import stance
from grading.policy_checks.facts import FactTopic
from grading.policy_checks.words import lookup
from grading.reading import Reading
from grading.score import Reason
from grading.text import find_phrases, quote

WRONG_LIMIT = -40  # as a wrong number
_DURATIONS = frozenset({"hours", "days", "business_days", "weeks", "months"})

# Words that say a thing has no time limit, per language; every list is looked for in every
# sentence (code-switching is normal).
NO_LIMIT = (
    # en
    "anytime", "any time", "whenever you like", "whenever you want", "never expires",
    "never expire", "doesn't expire", "does not expire", "won't expire", "no expiry",
    "no expiration", "no time limit", "no deadline", "forever", "indefinitely",
    "as long as you like", "as long as you want",
    # es
    "cuando quieras", "cuando quiera", "cuando usted quiera", "en cualquier momento",
    "nunca vence", "no vence", "no caduca", "nunca caduca", "nunca expira", "no expira",
    "sin límite de tiempo", "sin fecha límite", "sin vencimiento", "para siempre",
    # id
    "kapan saja", "kapan pun", "kapanpun", "tidak ada batas waktu", "tanpa batas waktu",
    "tidak kedaluwarsa", "tidak ada masa berlaku", "selamanya", "tidak akan hangus",
    "tidak hangus", "nggak hangus", "gak hangus", "ga hangus",
    # zh
    "随时", "任何时候", "永久有效", "长期有效", "不会过期", "永不过期", "没有期限", "不限时间",
    "没有时间限制", "一直有效", "不过期",
    # ar
    "في أي وقت", "أي وقت", "ما تنتهي", "لا تنتهي", "ما لها مدة", "بدون مدة", "بلا حد", "للأبد",
    "ما ينتهي", "لا ينتهي",
)  # fmt: skip

Ref = Callable[[PolicySection], str]


def unlimited_reasons(reading: Reading, policy: Policy, ref: Ref, stated: set[str]) -> list[Reason]:
    """Findings for a fact's time limit stated as none. `stated` holds the keys of facts the
    reply already stated right: then "any time" is about something else."""
    facts = [
        (section, fact)
        for section in policy.sections
        for fact in section.facts
        if fact.unit_name in _DURATIONS and fact.limit != "at_least" and fact.key not in stated
    ]
    if not facts:
        return []
    text = reading.text
    found = find_phrases(text, NO_LIMIT)
    if not found:
        return []
    look = lookup(reading, policy)
    topics = [FactTopic(section, fact, look) for section, fact in facts]
    reasons: list[Reason] = []
    said: set[str] = set()
    for _, start, end in found:
        if stance.of(reading, start, end) & {"negated", "question", "quoting", "conditional"}:
            continue  # "it does not last forever", "不是随时都可以"
        if stance.denied_inside(reading, start, end, NO_LIMIT):
            continue
        lo, hi = stance.clause_span(reading, start, end)
        # Named by its words or concepts, or by a cue of its own ("expires" for a validity).
        named = [
            t for t in topics if t.named_in(lo, hi) or any(lo <= a < hi for a, _ in t.cue_spans)
        ]
        if not named:
            continue
        meant = min(named, key=lambda t: _distance(t, start, lo, hi))
        if meant.fact.key in said:
            continue
        said.add(meant.fact.key)
        sentence = look.sentence_of(start)
        span = None
        if 0 <= sentence < len(reading.sentences):
            s = reading.sentences[sentence]
            span = (s.start, s.end)
        reasons.append(
            Reason(
                kind="wrong_fact",
                text=f"Says “{text[start:end]}”, but the policy sets a limit: "
                f"{meant.fact.statement}",
                quote=quote(text, start, end, sentence=span),
                points=WRONG_LIMIT,
                section=ref(meant.section),
            )
        )
    return reasons


def _distance(topic: FactTopic, pos: int, lo: int, hi: int) -> int:
    places = [a for a in topic.in_sentence(lo, hi)] + [
        a for a, _ in topic.cue_spans if lo <= a < hi
    ]
    return min(abs(a - pos) for a in places)
