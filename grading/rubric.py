"""One reply, all dimensions: the entry point the practice floor and the QA command call.

What a customer would not see earns nothing: HTML comments and invisible characters are removed
before empathy is graded (the policy reads everything, through the Reading, which drops
invisible characters itself and quotes the reply as written), and text addressed to a grader
instead of the customer is a finding. The optional LLM
judge refines empathy only; a failing judge is recorded and the offline grade stands.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from curricula.policy import Policy
from grading.empathy_grader import grade_empathy
from grading.feedback import better_phrasing
from grading.injection import grader_directed
from grading.judge import Judge, JudgeError, apply_verdict, judge_messages
from grading.policy_grader import grade_policy
from grading.reading import read
from grading.score import Dimension, Reason, ReplyGrade, Score, clamp
from grading.speed_grader import grade_speed
from grading.text import SentenceMap, detect_language, quote

log = logging.getLogger(__name__)

GRADER_VERSION = "offline-2"
MANIPULATION_COST = 10
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


# Unicode's format characters (category Cf, as of Unicode 14): zero-width spaces and joiners,
# bidirectional overrides, tag characters. Listed once rather than looked up per character.
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)


def without_invisible(text: str) -> str:
    """Format characters removed: they show nothing on screen, and inside a word they only
    hide it from the rules."""
    return text if text.isascii() else FORMAT_CHARACTERS.sub("", text)


def visible_text(reply: str) -> tuple[str, bool]:
    """The reply as a customer would read it, and whether anything hidden was removed."""
    visible = HTML_COMMENT.sub(" ", reply) if "<!--" in reply else reply
    visible = without_invisible(visible)
    return visible, visible != reply


def _manipulation(reply: str, visible: str, hidden: bool) -> list[Reason]:
    found = []
    if hidden:
        found.append(
            Reason(
                kind="hidden_text",
                text="The reply hides text the customer would not see (HTML comments or invisible "
                "characters); hidden text is not graded.",
                points=-MANIPULATION_COST,
            )
        )
    sentences = SentenceMap(visible)
    for index in sorted(grader_directed(visible, sentences))[:1]:
        start, end = sentences.spans[index]
        found.append(
            Reason(
                kind="addresses_grader",
                text="This speaks to a grader, not to the customer; it earns nothing and reads as "
                "unprofessional.",
                quote=quote(visible, start, end),
                points=-MANIPULATION_COST,
            )
        )
    return found


def _quoting(score: Score, raw: str, shown: str) -> Score:
    """Quotes taken from the cleaned text, found again in the reply as written (with the
    invisible characters between their letters), so every quote is the trainee's own words."""
    if raw == shown or not any(r.quote for r in score.reasons):
        return score
    reasons = []
    for reason in score.reasons:
        if reason.quote and reason.quote not in raw:
            gap = f"{FORMAT_CHARACTERS.pattern}*"
            pattern = gap.join(re.escape(ch) for ch in reason.quote)
            found = re.search(pattern, raw)
            reason = reason.model_copy(update={"quote": found.group(0) if found else None})
        reasons.append(reason)
    return score.model_copy(update={"reasons": reasons})


def _with_findings(score: Score, extra: list[Reason]) -> Score:
    if not extra or score.value is None:
        return score
    kept = [r for r in score.reasons if r.kind not in {x.kind for x in extra}]
    value = clamp(score.value + sum(r.points for r in extra))
    return score.model_copy(update={"value": value, "reasons": [*kept, *extra]})


def grade_reply(
    reply: str,
    *,
    policy: Policy | None,
    sla_seconds: float,
    reply_seconds: float | None,
    customer_text: str = "",
    language: str | None = None,
    context: Sequence[tuple[str, str]] = (),
    required_facts: Sequence[str] = (),
    pass_marks: Mapping[str, int] | None = None,
    examples: Sequence[str] = (),
    judge: Judge | None = None,
) -> ReplyGrade:
    """Grade one trainee reply. Never raises: whatever a trainee types, the session goes on."""
    reply = reply if isinstance(reply, str) else ""
    customer_text = customer_text if isinstance(customer_text, str) else ""
    # Hidden text earns no credit, but a violation counts wherever it is written: empathy and
    # speed read what the customer sees, the policy reads everything.
    visible, hidden = visible_text(reply)
    # A language the caller names wins (a QA export says what the chat was in); otherwise the
    # suggestion is written in the language the Reading finds in the reply.
    told = language
    language = language or detect_language(visible)
    if policy is None:
        policy_score = Score(
            dimension="policy",
            value=None,
            reasons=[
                Reason(kind="no_policy", text="No policy applies, so accuracy is not graded.")
            ],
        )
    else:
        policy_score = _safely(
            "policy",
            lambda: grade_policy(reply, policy, context=context, required_facts=required_facts),
        )
    empathy = _safely("empathy", lambda: grade_empathy(visible, customer_text, language))
    grade = ReplyGrade(
        empathy=_quoting(
            _with_findings(empathy, _manipulation(reply, visible, hidden)), reply, visible
        ),
        policy=policy_score,
        speed=_safely("speed", lambda: grade_speed(reply_seconds, sla_seconds, visible)),
        grader_version=GRADER_VERSION,
        policy_ref=policy.ref if policy else None,
    )
    if judge is not None:
        grade = _judged(grade, judge, visible, context, policy)
    suggestion = better_phrasing(
        grade,
        pass_marks,
        policy=policy,
        examples=examples,
        language=told,
        context=context,
        reading=read(visible),
    )
    return grade.model_copy(update={"suggestion": suggestion})


def _judged(
    grade: ReplyGrade,
    judge: Judge,
    visible: str,
    context: Sequence[tuple[str, str]],
    policy: Policy | None,
) -> ReplyGrade:
    policy_text = "\n".join(f"{s.title}: {s.text}" for s in policy.sections) if policy else ""
    try:
        verdict = judge.judge(judge_messages(visible, context, policy_text))
    except JudgeError as exc:
        return grade.model_copy(update={"judge_note": f"LLM judge failed: {exc}"})
    except Exception as exc:  # a failing judge is recorded, never raised through the page
        log.exception("the LLM judge failed unexpectedly")
        return grade.model_copy(update={"judge_note": f"LLM judge failed: {exc!r}"})
    return apply_verdict(grade, verdict)


def _safely(dimension: Dimension, grade) -> Score:
    # The graders are tested against hostile text, but a live session must not crash on the
    # one input nobody thought of: that dimension goes ungraded and the error is logged.
    try:
        return grade()
    except Exception:
        log.exception("the %s grader failed on a reply", dimension)
        return Score(
            dimension=dimension,
            value=None,
            reasons=[Reason(kind="grader_error", text="This reply could not be graded here.")],
        )
