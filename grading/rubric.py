"""One reply, all dimensions: the entry point the practice floor and the QA command call."""

from __future__ import annotations

import logging

from curricula.policy import Policy
from grading.empathy_grader import grade_empathy
from grading.policy_grader import grade_policy
from grading.score import Dimension, Reason, ReplyGrade, Score
from grading.speed_grader import grade_speed

log = logging.getLogger(__name__)

# Stored with every grade (at most 20 characters) so that grades made by older rules can be told
# apart and re-graded; bump it whenever a lexicon, a weight or a rule changes.
GRADER_VERSION = "offline-1"


def grade_reply(
    reply: str,
    *,
    policy: Policy | None,
    sla_seconds: float,
    reply_seconds: float | None,
    customer_text: str = "",
    language: str | None = None,
) -> ReplyGrade:
    """Grade one trainee reply. Never raises: whatever a trainee types, the session goes on."""
    reply = reply if isinstance(reply, str) else ""
    customer_text = customer_text if isinstance(customer_text, str) else ""
    if policy is None:
        policy_score = Score(
            dimension="policy",
            value=None,
            reasons=[
                Reason(kind="no_policy", text="No policy applies, so accuracy is not graded.")
            ],
        )
    else:
        policy_score = _safely("policy", lambda: grade_policy(reply, policy))
    return ReplyGrade(
        empathy=_safely("empathy", lambda: grade_empathy(reply, customer_text, language)),
        policy=policy_score,
        speed=_safely("speed", lambda: grade_speed(reply_seconds, sla_seconds)),
        grader_version=GRADER_VERSION,
        policy_ref=policy.ref if policy else None,
    )


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
