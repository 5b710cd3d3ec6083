"""One concrete better phrasing for a reply that fell below a pass mark.

Built offline from what the lesson already knows: the persona's example good replies and the
policy's own correct statements, so the suggestion is right for this customer and this policy
version, not generic advice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from curricula.policy import Policy, PolicyFact
from grading.score import Reason, ReplyGrade

CJK = re.compile("[\u3400-\u9fff]")
DEFAULT_MARKS = {"empathy": 60, "policy": 70, "speed": 50}

OPENER = {
    "en": "I'm so sorry you've had to deal with this; I can see why you're frustrated.",
    "zh": "真的很抱歉让您遇到这样的情况，难怪您会着急。",
}
ASK = {
    "en": "Could you tell me your order number and what happened, so I can sort it out for you?",
    "zh": "能麻烦您再说说具体情况吗？我来帮您处理。",
}
CANNOT_PROMISE = {
    "en": "I can't promise that, but here is what I can do:",
    "zh": "这一点我没法向您保证，但我可以为您这样处理：",
}
FIRST_STEP = {
    "en": "Before I go ahead, could you confirm your {what} for me?",
    "zh": "在为您处理之前，麻烦您先提供一下{what}好吗？",
}
HOLDING = {
    "en": "Thanks for your patience, I'm checking this for you right now.",
    "zh": "感谢您的耐心等待，我正在为您查询。",
}


def _text(table: dict[str, str], language: str) -> str:
    return table.get(language, table["en"])


def _fact_for(finding: Reason, policy: Policy) -> PolicyFact | None:
    section_id = (finding.section or "").partition("#")[2].partition("@")[0]
    section = policy.section(section_id)
    if section is None or not section.facts:
        return None
    # The finding's own reason names the correct statement when it is about a number.
    named = [f for f in section.facts if f.statement in finding.text]
    return (named or section.facts)[0]


def _first_steps(finding: Reason, policy: Policy, language: str) -> list[str]:
    section = policy.section((finding.section or "").partition("#")[2].partition("@")[0])
    steps = section.required_steps if section else []
    step = next((s for s in steps if f"“{s.id}”" in finding.text), steps[0] if steps else None)
    if step is None:
        return []
    want_cjk = language == "zh"
    words = [w for w in step.done_by if bool(CJK.search(w)) == want_cjk] or step.done_by
    return [_text(FIRST_STEP, language).format(what=words[0])]


def _policy_fixes(grade: ReplyGrade, policy: Policy | None, language: str) -> list[str]:
    if policy is None:
        return []
    fixes: list[str] = []
    for finding in grade.policy.findings:
        if finding.kind == "skipped_step":
            fixes.extend(_first_steps(finding, policy, language))
            continue
        fact = _fact_for(finding, policy)
        if finding.kind == "forbidden_promise" or finding.kind == "forbidden_remedy":
            fixes.append(_text(CANNOT_PROMISE, language))
        if fact and fact.statement not in fixes:
            fixes.append(fact.statement)
    return list(dict.fromkeys(fixes))


def better_phrasing(
    grade: ReplyGrade,
    marks: Mapping[str, int] | None = None,
    *,
    policy: Policy | None = None,
    examples: Sequence[str] = (),
    language: str = "en",
) -> str | None:
    """A better way to say it, or None when every graded dimension passed."""
    marks = {**DEFAULT_MARKS, **(marks or {})}
    failing = {
        name
        for name, value in grade.scores().items()
        if value is not None and value < marks.get(name, 0)
    }
    if not failing:
        return None
    fixes = _policy_fixes(grade, policy, language) if "policy" in failing else []
    if not fixes and examples and "empathy" in failing:
        return examples[0]
    parts = []
    if "empathy" in failing or fixes:
        parts.append(_text(OPENER, language))
    parts.extend(fixes)
    if "empathy" in failing and not fixes:
        parts.append(_text(ASK, language))
    if not parts:  # only speed failed
        parts.append(_text(HOLDING, language))
    separator = "" if language == "zh" else " "
    return separator.join(parts)
