"""Policy format v2: units, ranges, concepts, lists, conditions and all-of / any-of steps, with
every v1 field still valid and every mistake reported at its file, line and field."""

import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from curricula.library import POLICY_LIBRARY, load_library, validate
from curricula.policy import Item, PolicyFact, PolicyList, Promise, Remedy, RequiredStep

HEAD = """\
title: Test policy
version: "1"
effective: 2026-01-01
sections:
  - id: rules
    title: Rules
    text: The rules.
"""


def _file(tmp_path: Path, body: str, name: str = "test-policy.yaml") -> tuple[Path, str]:
    text = HEAD + textwrap.indent(textwrap.dedent(body), "    ")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_v2_fact_with_a_unit_and_a_range():
    fact = PolicyFact.model_validate(
        {
            "key": "refund_days",
            "unit": "business_days",
            "range": [5, 7],
            "concepts": ["refund"],
            "statement": "The refund arrives within 5 to 7 business days.",
        }
    )
    assert (fact.unit_name, fact.low, fact.high, fact.is_range) == ("business_days", 5, 7, True)
    assert fact.limit == "exact" and not fact.at_most
    assert fact.kind is None  # no v1 spelling for business days
    money = PolicyFact.model_validate(
        {"key": "cap", "unit": "currency", "currency": "CNY", "value": 250, "about": ["cap"]}
        | {"statement": "Up to 250 CNY."}
    )
    assert (money.unit_name, money.low, money.high, money.limit) == (
        "currency",
        250,
        250,
        "at_most",
    )
    notice = PolicyFact.model_validate(
        {"key": "notice", "unit": "hours", "value": 24, "compare": "at_least"}
        | {"concepts": ["cancel"], "statement": "Cancel at least 24 hours before."}
    )
    assert notice.limit == "at_least" and not notice.at_most


@pytest.mark.parametrize(
    ("kind", "compare", "unit_name", "limit"),
    [
        ("amount", None, "currency", "at_most"),
        ("amount", "exact", "currency", "exact"),
        ("days", None, "days", "exact"),
        ("hours", "at_most", "hours", "at_most"),
        ("percent", None, "percent", "exact"),
    ],
)
def test_v1_kinds_map_to_units_and_keep_their_defaults(kind, compare, unit_name, limit):
    fact = PolicyFact.model_validate(
        {"key": "k", "kind": kind, "value": 20, "about": ["x"], "statement": "s"}
        | ({"compare": compare} if compare else {})
    )
    assert (fact.kind, fact.unit, fact.unit_name, fact.limit) == (kind, None, unit_name, limit)
    assert fact.at_most == (limit == "at_most")
    assert fact.value == fact.low == fact.high == 20


V1_POLICY = """\
title: Old policy
version: "2025.01"
effective: 2025-01-01
sections:
  - id: window
    title: Window
    text: 30 days, vouchers up to 20.
    facts:
      - key: window_days
        kind: days
        value: 30
        about: ["return", "退货"]
        cues: ["domestic"]
        statement: "30 days."
      - key: voucher
        kind: amount
        value: 20
        about: ["voucher"]
        repeats: true
        compare: exact
        statement: "20."
      - key: any_money
        kind: amount
        value: 5
        about: ["fee"]
        statement: "5."
    forbidden_promises:
      - phrases: ["guarantee"]
        reason: No.
    forbidden_remedies:
      - phrases: ["cash"]
        reason: No.
    required_steps:
      - id: verify
        before: ["refund"]
        done_by: ["order number"]
        reason: First.
"""


def test_a_v1_file_still_loads_with_its_meaning(tmp_path):
    path = tmp_path / "old-policy.yaml"
    path.write_text(V1_POLICY, encoding="utf-8")
    assert validate([path]) == []
    policy = load_library([path]).policy("old-policy")
    section = policy.sections[0]
    window, voucher, money = section.facts
    assert (window.kind, window.value, window.about, window.cues) == (
        "days",
        30,
        ["return", "退货"],
        ["domestic"],
    )
    assert window.concepts == [] and not window.at_most
    assert voucher.repeats and voucher.limit == "exact"
    assert money.currency is None and money.at_most
    assert section.forbidden_promises[0].phrases == ["guarantee"]
    assert section.forbidden_promises[0].concepts == []
    assert section.forbidden_remedies[0].unless == []
    step = section.required_steps[0]
    assert (step.before, step.done_by, step.actions, step.any_of) == (
        ["refund"],
        ["order number"],
        [],
        [],
    )
    assert section.lists == []


def test_v2_rules_validate_and_list_their_concepts(tmp_path):
    path, text = _file(
        tmp_path,
        """\
        facts:
          - key: refund_days
            unit: business_days
            range: [5, 7]
            concepts: [refund]
            statement: Within 5 to 7 business days.
        lists:
          - key: refund_destinations
            concepts: [refund]
            allowed: [{concept: original-payment}]
            not_allowed:
              - concept: cash
              - {words: ["gift card", "礼品卡"], label: a gift card}
            unless: [{concept: defective}]
            statement: The refund goes to the original payment method.
        forbidden_promises:
          - concepts: [guarantee, delivered]
            about: [tomorrow]
            reason: Dates depend on the courier.
        forbidden_remedies:
          - concepts: [refund, keep-the-item]
            unless: [{concept: damaged}]
            reason: The item comes back first.
        required_steps:
          - id: verify
            actions: [refund, cancel]
            any_of:
              - [{concept: email-code}]
              - [{concept: full-name}, {concept: zip-code}]
            reason: Verify first.
        """,
    )
    assert validate([path]) == []
    policy = load_library([path]).policy("test-policy")
    section = policy.sections[0]
    listed = policy.policy_list("refund_destinations")[1]
    assert [i.name for i in listed.not_allowed] == ["cash", "a gift card"]
    assert [[i.concept for i in alt] for alt in section.required_steps[0].any_of] == [
        ["email-code"],
        ["full-name", "zip-code"],
    ]
    assert section.has_rules
    refs = policy.concept_references()
    assert (("sections", 0, "forbidden_promises", 0, "concepts", 1), "delivered") in refs
    assert (("sections", 0, "lists", 0, "not_allowed", 0, "concept"), "cash") in refs
    assert (("sections", 0, "required_steps", 0, "any_of", 1, 1, "concept"), "zip-code") in refs
    assert (("sections", 0, "forbidden_remedies", 0, "unless", 0, "concept"), "damaged") in refs
    # Every reference points at the line its id is written on.
    lines = text.splitlines()
    assert "keep-the-item" in lines[_line_of(text, "keep-the-item") - 1]


# (the rule as written, the field path the problem names, the text on the reported line)
BROKEN = [
    (
        "facts:\n  - {key: k, unit: days, kind: days, value: 3, about: [x], statement: s}\n",
        "sections.0.facts.0.unit: write exactly one of `unit`",
        "unit: days",
    ),
    (
        "facts:\n  - {key: k, value: 3, about: [x], statement: s}\n",
        "sections.0.facts.0: unit: write exactly one of `unit`",
        "key: k",
    ),
    (
        "facts:\n  - {key: k, unit: fortnights, value: 3, about: [x], statement: s}\n",
        "sections.0.facts.0.unit: Input should be 'hours', 'days', 'business_days'",
        "fortnights",
    ),
    (
        "facts:\n  - {key: k, unit: days, value: 3, range: [1, 2], about: [x], statement: s}\n",
        "sections.0.facts.0.value: write exactly one of `value` (a number) or `range`",
        "value: 3",
    ),
    (
        "facts:\n  - {key: k, unit: days, about: [x], statement: s}\n",
        "sections.0.facts.0: value: write exactly one of `value`",
        "key: k",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    range: [7, 5]\n    about: [x]\n    statement: s\n",
        "sections.0.facts.0.range: low must not be above high; got [7, 5]",
        "range: [7, 5]",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    range: [-1, 5]\n"
        "    about: [x]\n    statement: s\n",
        "sections.0.facts.0.range.0: Input should be greater than or equal to 0",
        "range: [-1, 5]",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    range: [1, 2, 3]\n"
        "    about: [x]\n    statement: s\n",
        "sections.0.facts.0.range: Tuple should have at most 2 items",
        "range: [1, 2, 3]",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    value: -2\n    about: [x]\n    statement: s\n",
        "sections.0.facts.0.value: Input should be greater than or equal to 0",
        "value: -2",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    value: 3\n    statement: s\n",
        "sections.0.facts.0: concepts: give at least one of `concepts` or `about`",
        "key: k",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    value: 3\n    currency: USD\n"
        "    about: [x]\n    statement: s\n",
        "sections.0.facts.0.currency: only a unit of money takes a currency; this fact is in days",
        "currency: USD",
    ),
    (
        "facts:\n  - key: k\n    kind: percent\n    value: 3\n    currency: USD\n"
        "    about: [x]\n    statement: s\n",
        "sections.0.facts.0.currency: only a unit of money takes a currency; this fact is in "
        "percent",
        "currency: USD",
    ),
    (
        "facts:\n  - key: k\n    unit: currency\n    value: 3\n    about: [x]\n    statement: s\n",
        "sections.0.facts.0: currency: unit currency needs an ISO code",
        "key: k",
    ),
    (
        "facts:\n  - key: k\n    unit: currency\n    currency: dollars\n    value: 3\n"
        "    about: [x]\n    statement: s\n",
        "sections.0.facts.0.currency: String should match pattern '^[A-Z]{3}$'",
        "currency: dollars",
    ),
    (
        "facts:\n  - key: k\n    unit: percent\n    range: [10, 150]\n    about: [x]\n"
        "    statement: s\n",
        "sections.0.facts.0.range: a percentage above 100 (150)",
        "range: [10, 150]",
    ),
    (
        "facts:\n  - key: k\n    kind: percent\n    value: 120\n    about: [x]\n    statement: s\n",
        "sections.0.facts.0.value: a percentage above 100 (120)",
        "value: 120",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    value: 3\n    compare: at_least_once\n"
        "    about: [x]\n    statement: s\n",
        "sections.0.facts.0.compare: Input should be 'exact', 'at_most' or 'at_least'",
        "compare: at_least_once",
    ),
    (
        "facts:\n  - key: k\n    unit: days\n    value: 3\n    concepts: [Refund]\n"
        "    statement: s\n",
        "sections.0.facts.0.concepts.0: String should match pattern",
        "concepts: [Refund]",
    ),
    (
        "lists:\n  - key: l\n    concepts: [refund]\n    not_allowed: [{label: cash}]\n"
        "    statement: s\n",
        "sections.0.lists.0.not_allowed.0: concept: an item needs a `concept` id or `words`",
        "not_allowed:",
    ),
    (
        "lists:\n  - key: l\n    concepts: [refund]\n    statement: s\n",
        "sections.0.lists.0: allowed: give at least one of `allowed` or `not_allowed`",
        "key: l",
    ),
    (
        "lists:\n  - key: l\n    allowed: [{concept: cash}]\n    statement: s\n",
        "sections.0.lists.0: concepts: give at least one of `concepts` or `about`",
        "key: l",
    ),
    (
        "lists:\n  - key: l\n    concepts: [refund]\n    allowed: [{concept: cash, colour: red}]\n"
        "    statement: s\n",
        "sections.0.lists.0.allowed.0.colour: unknown field",
        "allowed:",
    ),
    (
        "forbidden_promises:\n  - reason: r\n",
        "sections.0.forbidden_promises.0: phrases: give at least one of `phrases` or `concepts`",
        "reason: r",
    ),
    (
        "forbidden_promises:\n  - about: [fit]\n    reason: r\n",
        "sections.0.forbidden_promises.0: phrases: give at least one of `phrases` or `concepts`",
        "about: [fit]",
    ),
    (
        "forbidden_remedies:\n  - unless: [{concept: defective}]\n    reason: r\n",
        "sections.0.forbidden_remedies.0: phrases: give at least one of `phrases` or `concepts`",
        "unless:",
    ),
    (
        "required_steps:\n  - id: v\n    any_of: [[{concept: email-code}]]\n    reason: r\n",
        "sections.0.required_steps.0: actions: give the gated `actions`",
        "id: v",
    ),
    (
        "required_steps:\n  - id: v\n    actions: [refund]\n    reason: r\n",
        "sections.0.required_steps.0: any_of: give what does the step",
        "id: v",
    ),
    (
        "required_steps:\n  - id: v\n    actions: [refund]\n    any_of: [[]]\n    reason: r\n",
        "sections.0.required_steps.0.any_of.0: List should have at least 1 item",
        "any_of: [[]]",
    ),
    (
        "required_steps:\n  - id: v\n    actions: [refund]\n    any_of: [{concept: email-code}]\n"
        "    reason: r\n",
        "sections.0.required_steps.0.any_of.0: Input should be a valid list",
        "any_of:",
    ),
]


@pytest.mark.parametrize(("body", "names", "on_line"), BROKEN, ids=[b[1][:60] for b in BROKEN])
def test_each_mistake_names_its_field_at_its_line(tmp_path, body, names, on_line):
    path, text = _file(tmp_path, body)
    problems = validate([path])
    assert len(problems) == 1, problems
    assert problems[0].path == path
    assert names in problems[0].message, problems[0].message
    assert problems[0].line == _line_of(text, on_line), (problems[0], text)


def test_keys_are_unique_across_facts_and_lists(tmp_path):
    path, _ = _file(
        tmp_path,
        """\
        facts:
          - {key: refunds, unit: days, value: 5, concepts: [refund], statement: s}
        lists:
          - {key: refunds, concepts: [refund], allowed: [{concept: cash}], statement: s}
        """,
    )
    problems = validate([path])
    assert len(problems) == 1
    assert "fact and list keys must be unique; repeated: refunds" in problems[0].message


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Item, {}),
        (Item, {"label": "cash"}),
        (PolicyList, {"key": "k", "statement": "s", "concepts": ["refund"]}),
        (Promise, {"reason": "r"}),
        (Remedy, {"reason": "r"}),
        (RequiredStep, {"id": "v", "reason": "r", "actions": ["refund"]}),
        (RequiredStep, {"id": "v", "reason": "r", "done_by": ["order number"]}),
    ],
)
def test_incomplete_rules_are_refused(model, data):
    with pytest.raises(ValidationError):
        model.model_validate(data)


def test_a_step_may_mix_v1_words_and_v2_concepts():
    step = RequiredStep.model_validate(
        {"id": "v", "reason": "r", "before": ["refund"], "any_of": [[{"concept": "order-number"}]]}
    )
    assert step.actions == [] and step.done_by == []


def test_every_shipped_section_with_rules_has_a_v2_field():
    library = load_library()
    assert library.problems == []
    assert sorted(POLICY_LIBRARY.glob("*.yaml"))
    for versions in library.policies.values():
        for policy in versions:
            for section in policy.sections:
                if not section.has_rules:
                    continue
                v2 = (
                    any(f.unit or f.range or f.concepts for f in section.facts)
                    or bool(section.lists)
                    or any(p.concepts for p in section.forbidden_promises)
                    or any(r.concepts or r.unless for r in section.forbidden_remedies)
                    or any(s.actions or s.any_of for s in section.required_steps)
                )
                assert v2, f"{policy.ref}#{section.id} has no v2 field"
                # Every fact says what it is about; every step names its actions and alternatives.
                for fact in section.facts:
                    assert fact.concepts or fact.about, f"{policy.ref} {fact.key}"
                for step in section.required_steps:
                    assert step.actions and step.any_of, f"{policy.ref} {step.id}"


def test_a_policy_dumped_and_validated_again_is_the_same():
    for versions in load_library().policies.values():
        for policy in versions:
            again = type(policy).model_validate(policy.model_dump())
            assert again == policy, policy.ref
    fact = PolicyFact.model_validate(
        {"key": "k", "unit": "days", "value": 3, "about": ["x"], "statement": "s"}
    )
    assert "kind" not in fact.model_dump() and fact.kind == "days"
