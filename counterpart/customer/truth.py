"""What a customer believes the rule is, when the agent states it wrongly: the policy's own
number, said in the customer's language ("5 days", "5天", "5 días", "5 hari", "5 أيام").

A customer who has read the shop's page pushes back with what it read, so the trainee hears
which number was wrong. Only numbers are said back; a wrong remedy or status gets a pushback
without one.
"""

from __future__ import annotations

from curricula.policy import Policy
from curricula.policy_fact import PolicyFact
from grading.reading import read

# How each unit is said after a number, per language; {n} is the number.
UNITS = {
    "en": {
        "hours": "{n} hours",
        "days": "{n} days",
        "business_days": "{n} business days",
        "weeks": "{n} weeks",
        "months": "{n} months",
        "percent": "{n}%",
        "currency": "{n} {c}",
    },
    "zh": {
        "hours": "{n}小时",
        "days": "{n}天",
        "business_days": "{n}个工作日",
        "weeks": "{n}周",
        "months": "{n}个月",
        "percent": "{n}%",
        "currency": "{n} {c}",
    },
    "es": {
        "hours": "{n} horas",
        "days": "{n} días",
        "business_days": "{n} días hábiles",
        "weeks": "{n} semanas",
        "months": "{n} meses",
        "percent": "{n}%",
        "currency": "{n} {c}",
    },
    "id": {
        "hours": "{n} jam",
        "days": "{n} hari",
        "business_days": "{n} hari kerja",
        "weeks": "{n} minggu",
        "months": "{n} bulan",
        "percent": "{n}%",
        "currency": "{n} {c}",
    },
    "ar": {
        "hours": "{n} ساعة",
        "days": "{n} أيام",
        "business_days": "{n} أيام عمل",
        "weeks": "{n} أسابيع",
        "months": "{n} أشهر",
        "percent": "{n}%",
        "currency": "{n} {c}",
    },
}
RANGE = {"en": "{a} to {b}", "zh": "{a}到{b}", "es": "{a} a {b}", "id": "{a} sampai {b}",
         "ar": "{a} إلى {b}"}  # fmt: skip


def _number(value: float) -> str:
    return f"{value:g}"


def say_fact(fact: PolicyFact, language: str) -> str:
    """The fact's number and unit in `language` (English when there is no wording for it)."""
    units = UNITS.get(language, UNITS["en"])
    if fact.is_range:
        n = RANGE.get(language, RANGE["en"]).format(a=_number(fact.low), b=_number(fact.high))
    else:
        n = _number(fact.low)
    return units[fact.unit_name].format(n=n, c=fact.currency or "").strip()


def _section(policy: Policy, ref: str | None):
    if not ref:
        return None
    section_id = ref.partition("#")[2].partition("@")[0]
    return next((s for s in policy.sections if s.id == section_id), None)


def believed(policy: Policy | None, reading, language: str) -> str | None:
    """The rule the agent got wrong, in the customer's words, or None when it is not a number
    the policy states (or the reply named no section)."""
    if policy is None or not getattr(reading, "wrong_section", None):
        return None
    section = _section(policy, reading.wrong_section)
    if section is None or not section.facts:
        return None
    facts = section.facts
    rule = getattr(reading, "wrong_rule", None) or ""
    quoted = [f for f in facts if f.statement and f.statement in rule]
    if len(quoted) == 1:
        return say_fact(quoted[0], language)  # the finding names the fact it checked
    if len(facts) > 1 and reading.wrong:
        units = {q.unit for q in read(reading.wrong).quantities if q.unit}
        matching = [f for f in facts if f.unit_name in units]
        if len(matching) != 1:
            return None  # two facts of that unit: saying the wrong one would mislead
        facts = matching
    return say_fact(facts[0], language)
