"""What a new policy version changes, and the lessons and certificates it touches."""

import copy

from curricula.curriculum import Curriculum
from curricula.library import POLICY_LIBRARY, load_policy
from curricula.policy import Policy
from curricula.policy_diff import SectionChange, changed_sections, impact
from personas.library_loader import LIBRARY as PERSONA_LIBRARY
from personas.library_loader import load_persona

BASE = {
    "id": "refunds",
    "title": "Refunds",
    "version": "2026.10",
    "effective": "2026-10-01",
    "sections": [
        {
            "id": "verify-order",
            "title": "Verify the order",
            "text": "Ask for the order number first.",
            "required_steps": [
                {
                    "id": "verify-order",
                    "before": ["refund"],
                    "done_by": ["order number"],
                    "reason": "It proves the order.",
                }
            ],
        },
        {"id": "return-window", "title": "Return window", "text": "Returns within 30 days."},
        {
            "id": "refund-timing",
            "title": "Refund timing",
            "text": "Refunds within 5 days.",
            "facts": [
                {
                    "key": "refund_days",
                    "kind": "days",
                    "value": 5,
                    "about": ["refund"],
                    "statement": "Refunds arrive within 5 days.",
                },
                {
                    "key": "goodwill_limit",
                    "kind": "amount",
                    "value": 50,
                    "currency": "CNY",
                    "about": ["voucher"],
                    "statement": "Up to 50 CNY as a voucher.",
                },
            ],
            "forbidden_promises": [
                {"phrases": ["refund today"], "reason": "Refunds take days."},
            ],
            "forbidden_remedies": [
                {"phrases": ["cash instead"], "reason": "Vouchers only."},
            ],
        },
    ],
}


def version(label: str = "2027.01", edit=None) -> Policy:
    data = copy.deepcopy(BASE)
    data["version"] = label
    if edit:
        edit({s["id"]: s for s in data["sections"]}, data)
    return Policy.model_validate(data)


OLD = version("2026.10")


def only_change(edit) -> SectionChange:
    changes = changed_sections(OLD, version(edit=edit))
    assert len(changes) == 1, changes
    return changes[0]


# --- changed sections ---------------------------------------------------------------------


def test_no_change_in_the_rules_is_no_change_whatever_the_version_label():
    assert changed_sections(OLD, version("2099.01")) == []


def test_a_fact_value_change_says_old_and_new_value():
    def edit(sections, data):
        sections["refund-timing"]["facts"][0]["value"] = 7

    assert only_change(edit) == SectionChange(
        "refund-timing", "changed", ["refund_days: 5 days -> 7 days"]
    )


def test_a_fact_currency_kind_and_words_are_compared():
    def edit(sections, data):
        fact = sections["refund-timing"]["facts"][1]
        fact["currency"] = "USD"
        fact["about"] = ["voucher", "coupon"]
        sections["refund-timing"]["facts"][0]["kind"] = "hours"

    details = only_change(edit).details
    assert "goodwill_limit: 50 CNY -> 50 USD" in details
    assert "refund_days: 5 days -> 5 hours" in details
    assert "goodwill_limit: topic words: added coupon" in details


def test_added_and_removed_sections_and_facts():
    def edit(sections, data):
        data["sections"] = [s for s in data["sections"] if s["id"] != "return-window"]
        data["sections"].append({"id": "exchanges", "title": "Exchanges", "text": "Swap it."})
        sections["refund-timing"]["facts"].pop(1)

    changes = {c.section_id: c for c in changed_sections(OLD, version(edit=edit))}
    assert changes["return-window"].change == "removed"
    assert changes["exchanges"].change == "added"
    assert changes["refund-timing"].details == ["fact removed: goodwill_limit"]
    assert set(changes) == {"return-window", "exchanges", "refund-timing"}


def test_text_promises_remedies_and_steps_are_compared():
    def edit(sections, data):
        timing = sections["refund-timing"]
        timing["text"] = "Refunds within 7 days."
        timing["forbidden_promises"].append({"phrases": ["guaranteed"], "reason": "No."})
        timing["forbidden_remedies"][0]["phrases"].append("pay you back in cash")
        sections["verify-order"]["required_steps"][0]["done_by"].append("order id")

    changes = {c.section_id: c.details for c in changed_sections(OLD, version(edit=edit))}
    assert changes == {
        "verify-order": ["step verify-order: done by: added order id"],
        "refund-timing": [
            "text reworded",
            "forbidden promise added: 'guaranteed'",
            "forbidden remedy 'cash instead': phrases: added pay you back in cash",
        ],
    }


def test_a_new_title_alone_counts_and_says_so():
    def edit(sections, data):
        sections["return-window"]["title"] = "Returning an item"

    change = only_change(edit)
    assert (change.section_id, change.change) == ("return-window", "changed")
    assert change.details == [
        "title: 'Return window' -> 'Returning an item' (title only; the rule is unchanged)"
    ]


def test_a_reordered_section_still_counts_rather_than_slip_through():
    def edit(sections, data):
        sections["refund-timing"]["facts"].reverse()

    assert only_change(edit).details == ["same rules, listed in a different order"]


def test_a_new_version_of_the_shipped_policy():
    shipped = load_policy(POLICY_LIBRARY / "returns-refunds.yaml")
    data = shipped.model_dump(exclude_none=True)
    data["version"] = "2027.01"
    timing = next(s for s in data["sections"] if s["id"] == "refund-timing")
    fact = next(f for f in timing["facts"] if f["key"] == "refund_days")
    fact["value"] += 2
    changes = changed_sections(shipped, Policy.model_validate(data))
    assert [(c.section_id, c.change) for c in changes] == [("refund-timing", "changed")]
    assert changes[0].details == [f"refund_days: 5 days -> {5 + 2} days"]


# --- impact -------------------------------------------------------------------------------


def persona(persona_id: str, *sections: str):
    shipped = load_persona(PERSONA_LIBRARY / "rude-late-refund.yaml")
    return shipped.model_copy(update={"id": persona_id, "policy_sections": list(sections)})


PERSONAS = {
    "timing": persona("timing", "refunds#refund-timing"),
    "window": persona("window", "refunds#return-window"),
    "other": persona("other", "payments#refund-timing"),
}


def chat(lesson_id: str, persona_id: str, policy: str = "refunds", **extra) -> dict:
    return {
        "id": lesson_id,
        "title": lesson_id,
        "persona": persona_id,
        "policy": policy,
        "objectives": ["Do it right."],
        **extra,
    }


CURRICULUM = Curriculum.model_validate(
    {
        "id": "course",
        "title": "Course",
        "language": "en",
        "tracks": [
            {
                "id": "refunds",
                "title": "Refunds",
                "modules": [
                    {
                        "id": "m1",
                        "title": "M1",
                        "lessons": [
                            chat("timing", "timing"),
                            chat("window", "window"),
                            chat("fact", "window", required_facts=["refund_days"]),
                            chat("pinned-old", "timing", "refunds@2026.10"),
                            chat("pinned-older", "timing", "refunds@2025.01"),
                            chat("other-policy", "other", "payments"),
                            {
                                "kind": "grading",
                                "id": "qa",
                                "title": "QA",
                                "policy": "refunds",
                                "objectives": ["Grade."],
                                "transcript": [
                                    {"role": "customer", "text": "Hi"},
                                    {"role": "agent", "text": "Hello", "gold": {"empathy": 50}},
                                ],
                            },
                        ],
                    }
                ],
                "exam": {
                    "id": "final",
                    "title": "Final",
                    "scenarios": [
                        {"id": "s-timing", "persona": "timing", "policy": "refunds", "seeds": [1]},
                        {"id": "s-window", "persona": "window", "policy": "refunds", "seeds": [1]},
                    ],
                },
                "certificate": {
                    "id": "timing-cert",
                    "title": "Timing",
                    "level": "agent",
                    "policy_sections": ["refunds#refund-timing"],
                },
            },
            {
                "id": "windows",
                "title": "Windows",
                "modules": [{"id": "m2", "title": "M2", "lessons": [chat("w2", "window")]}],
                "certificate": {
                    "id": "window-cert",
                    "title": "Window",
                    "level": "agent",
                    "policy_sections": ["refunds#return-window"],
                },
            },
        ],
    }
)


def timing_changed(sections, data):
    sections["refund-timing"]["facts"][0]["value"] = 7


def test_impact_lists_lessons_scenarios_and_certificates_resting_on_a_changed_section():
    result = impact(OLD, version(edit=timing_changed), [CURRICULUM], PERSONAS)
    assert [c.section_id for c in result.changes] == ["refund-timing"]
    assert result.lessons == ["course/timing", "course/fact", "course/pinned-old", "course/qa"]
    assert result.exam_scenarios == ["course/final/s-timing"]
    assert result.certificates == ["timing-cert"]
    assert result.why["course/timing"] == "persona timing tests refund-timing"
    assert result.why["course/fact"] == "required fact refund_days is in refund-timing"
    assert result.why["course/pinned-old"].startswith("pinned to the old version 2026.10")
    assert "gold key" in result.why["course/qa"]
    assert result.why["timing-cert"] == "rests on refund-timing"


def test_impact_of_a_change_elsewhere_spares_what_rests_on_other_sections():
    def window_changed(sections, data):
        sections["return-window"]["text"] = "Returns within 45 days."

    result = impact(OLD, version(edit=window_changed), [CURRICULUM], PERSONAS)
    # The "fact" lesson meets the window persona; its required fact's section did not change.
    assert result.lessons == ["course/window", "course/fact", "course/qa", "course/w2"]
    assert result.why["course/fact"] == "persona window tests return-window"
    assert result.exam_scenarios == ["course/final/s-window"]
    assert result.certificates == ["window-cert"]


def test_no_change_touches_nothing():
    result = impact(OLD, version("2099.01"), [CURRICULUM], PERSONAS)
    assert (result.changes, result.lessons, result.certificates, result.exam_scenarios) == (
        [],
        [],
        [],
        [],
    )


def test_v2_rules_are_named_in_the_details():
    from curricula.policy import PolicySection
    from curricula.section_details import fact_value, section_details

    old = PolicySection.model_validate(
        {
            "id": "s",
            "title": "S",
            "text": "t",
            "facts": [
                {"key": "days", "unit": "business_days", "range": [5, 7], "concepts": ["refund"]}
                | {"statement": "s"}
            ],
            "lists": [
                {"key": "where", "concepts": ["refund"], "not_allowed": [{"concept": "cash"}]}
                | {"statement": "s"}
            ],
            "forbidden_promises": [{"concepts": ["guarantee"], "reason": "r"}],
            "required_steps": [
                {"id": "v", "actions": ["refund"], "any_of": [[{"concept": "order-number"}]]}
                | {"reason": "r"}
            ],
        }
    )
    assert fact_value(old.facts[0]) == "5-7 business days"
    data = old.model_dump()
    data["facts"][0]["range"] = [3, 5]
    data["lists"][0]["not_allowed"].append({"concept": "store-credit"})
    data["forbidden_promises"][0]["concepts"].append("refund")
    data["required_steps"][0]["any_of"].append([{"concept": "email-code"}])
    lines = section_details(old, PolicySection.model_validate(data))
    assert "days: 5-7 business days -> 3-5 business days" in lines
    assert "where: not_allowed: added store-credit" in lines
    assert "forbidden promise guarantee + refund: concepts: added refund" in lines
    assert "step v: done by order-number or email-code" in lines
