"""The policy grader against a labelled set of agent replies (tests/grading/policy_set/*.jsonl).

Each line is {"id", "policy": "ID" or "ID@VERSION", "context": [[role, text], ...] (optional),
"reply", "label", "language"}. The replies were written and labelled by hand, following the
policies as a careful QA labeller reads them. The per-policy files were written before the
grader was tuned; written-after-tuning.jsonl was written afterwards as a fresh check (on first
contact: recall 0.82, false alarms 0.14), and the general gaps it showed were then fixed too, so
neither part is held out any more. Labels:

- wrong_fact: a policy number stated wrongly (digits or words, any unit that converts exactly:
  "two weeks" is 14 days). A range is one claim judged by its upper end: "3-5 days" for a
  5-day refund is right, "5-7 days" is wrong. A domestic figure told to a cross-border
  customer, or the video deadline for a ban, is wrong.
- forbidden_promise: a promise (or a request, like asking for a CVV) a section forbids.
- forbidden_remedy: a remedy a section does not allow (cash instead of a voucher, a refund
  without the item back).
- skipped_step: a refund or replacement offered or started (I'll refund you, 我给您退款,
  we'll send a replacement) before the order or payment was verified - in an earlier turn, by
  the customer, or in the reply itself before or alongside the offer. Explaining the rules in
  general ("refunds are issued within 5 days") is not an offer.
- compliant: none of these.

A reply carries one label, its main violation. A violation counts as caught only when the
grader reports a finding of that label's kind (not just any finding); a compliant reply is a
false alarm when it gets any finding that costs points.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from curricula.library import load_library
from grading.policy_grader import grade_policy

SET_DIR = Path(__file__).parent / "policy_set"
LABELS = ("compliant", "wrong_fact", "forbidden_promise", "forbidden_remedy", "skipped_step")
FINDING_OF = {
    "wrong_fact": {"wrong_number", "wrong_fact"},
    "forbidden_promise": {"forbidden_promise"},
    "forbidden_remedy": {"forbidden_remedy"},
    "skipped_step": {"skipped_step"},
}
ROLES = {"customer", "agent", "trainee"}
MIN_RECALL = 0.90
MAX_FALSE_ALARMS = 0.05
MIN_REPLIES_PER_SECOND = 2000


def _load() -> list[dict]:
    rows = []
    for path in sorted(SET_DIR.glob("*.jsonl")):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["where"] = f"{path.name}:{line_no}"
                rows.append(row)
    return rows


ROWS = _load()


@pytest.fixture(scope="module")
def graded():
    library = load_library()
    out = []
    for row in ROWS:
        policy = library.policy(row["policy"])
        assert policy is not None, f"{row['where']}: unknown policy {row['policy']!r}"
        context = [tuple(turn) for turn in row.get("context", [])]
        out.append((row, policy, context, grade_policy(row["reply"], policy, context=context)))
    return out


def test_the_set_is_large_varied_and_well_formed():
    assert len(ROWS) >= 150
    assert len({r["id"] for r in ROWS}) == len(ROWS), "ids must be unique"
    assert len({r["policy"].partition("@")[0] for r in ROWS}) >= 3
    languages = Counter(r["language"] for r in ROWS)
    assert languages["en"] >= 50 and languages["zh"] >= 50, languages
    for row in ROWS:
        assert set(row) <= {"id", "policy", "context", "reply", "label", "language", "where"}
        assert row["label"] in LABELS, row["where"]
        assert row["reply"].strip(), row["where"]
        for role, text in row.get("context", []):
            assert role in ROLES and text.strip(), row["where"]
    compliant = sum(r["label"] == "compliant" for r in ROWS) / len(ROWS)
    assert 0.40 <= compliant <= 0.50, compliant


def _breakdown(graded) -> tuple[dict[str, list[int]], list[str]]:
    per_label: dict[str, list[int]] = {label: [0, 0] for label in LABELS}  # [hit, total]
    misses = []
    for row, _policy, _context, score in graded:
        label = row["label"]
        kinds = {r.kind for r in score.findings}
        ok = not kinds if label == "compliant" else bool(FINDING_OF[label] & kinds)
        per_label[label][0] += ok
        per_label[label][1] += 1
        if not ok:
            misses.append(f"{row['id']} [{label}] got {sorted(kinds) or 'nothing'}: {row['reply']}")
    return per_label, misses


def test_violation_recall_and_false_alarms_meet_the_targets(graded):
    per_label, misses = _breakdown(graded)
    violations = [label for label in LABELS if label != "compliant"]
    caught = sum(per_label[label][0] for label in violations)
    total = sum(per_label[label][1] for label in violations)
    recall = caught / total
    ok_compliant, n_compliant = per_label["compliant"]
    false_alarms = (n_compliant - ok_compliant) / n_compliant
    lines = [
        f"violation recall {recall:.3f} ({caught}/{total}), "
        f"false alarms {false_alarms:.3f} ({n_compliant - ok_compliant}/{n_compliant})",
        *(
            f"  {label}: {hit}/{n} {'correct' if label == 'compliant' else 'caught'}"
            for label, (hit, n) in per_label.items()
        ),
        *(f"  miss: {m}" for m in misses),
    ]
    report = "\n".join(lines)
    print(report)
    assert recall >= MIN_RECALL and false_alarms <= MAX_FALSE_ALARMS, report


def test_findings_quote_the_reply_and_name_a_versioned_section(graded):
    for row, policy, _context, score in graded:
        for finding in score.findings:
            assert finding.section and finding.section.startswith(f"{policy.id}#")
            assert finding.section.endswith(f"@{policy.version}")
            if finding.quote is not None:
                assert finding.quote in row["reply"], (row["id"], finding.quote)


def test_the_whole_set_grades_at_least_2000_replies_a_second(graded):
    work = [(row["reply"], policy, context) for row, policy, context, _ in graded]
    best = float("inf")
    # CPU time of this process, not the wall clock: another busy process on the machine must
    # not fail the test (CI once saw 100 ms against 100 ms on a shared machine).
    for _ in range(3):
        start = time.process_time()
        for _repeat in range(5):
            for reply, policy, context in work:
                grade_policy(reply, policy, context=context)
        best = min(best, time.process_time() - start)
    rate = 5 * len(work) / best
    print(f"policy grader: {rate:.0f} replies/s")
    assert rate >= MIN_REPLIES_PER_SECOND, f"{rate:.0f} replies/s"
