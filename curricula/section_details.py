"""What differs between two versions of one policy section, as short lines for trainers."""

from __future__ import annotations

from collections.abc import Sequence

from curricula.policy import (
    Item,
    PolicyFact,
    PolicyList,
    PolicySection,
    Promise,
    Remedy,
    RequiredStep,
)

UNITS = {
    "days": " days",
    "hours": " hours",
    "business_days": " business days",
    "weeks": " weeks",
    "months": " months",
    "percent": "%",
    "currency": "",
}


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def fact_value(fact: PolicyFact) -> str:
    """`7 days`, `48 hours`, `15%`, `50 CNY`, `5-7 business days`."""
    currency = f" {fact.currency}" if fact.currency else ""
    number = _number(fact.low)
    if fact.is_range:
        number += f"-{_number(fact.high)}"
    return f"{number}{UNITS[fact.unit_name]}{currency}"


def _names(items: Sequence[Item]) -> list[str]:
    return [item.name for item in items]


def _words(label: str, old: Sequence[str], new: Sequence[str]) -> list[str]:
    added = [w for w in new if w not in old]
    removed = [w for w in old if w not in new]
    parts = []
    if added:
        parts.append(f"added {', '.join(added)}")
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return [f"{label}: {'; '.join(parts)}"] if parts else []


def _fact(old: PolicyFact, new: PolicyFact) -> list[str]:
    key = new.key
    lines = []
    if fact_value(old) != fact_value(new):
        lines.append(f"{key}: {fact_value(old)} -> {fact_value(new)}")
    if old.limit != new.limit:
        lines.append(f"{key}: a stated number is checked {new.limit}, was {old.limit}")
    if old.repeats != new.repeats:
        lines.append(f"{key}: multiples are {'now' if new.repeats else 'no longer'} correct")
    if old.statement != new.statement:
        lines.append(f"{key}: statement reworded")
    lines += _words(f"{key}: concepts", old.concepts, new.concepts)
    lines += _words(f"{key}: topic words", old.about, new.about)
    lines += _words(f"{key}: cue words", old.cues, new.cues)
    return lines


def _facts(old: list[PolicyFact], new: list[PolicyFact]) -> list[str]:
    before = {f.key: f for f in old}
    after = {f.key: f for f in new}
    lines = [f"fact removed: {k}" for k in before if k not in after]
    lines += [f"fact added: {k} = {fact_value(f)}" for k, f in after.items() if k not in before]
    for key in [k for k in after if k in before]:
        lines += _fact(before[key], after[key])
    return lines


def _steps(old: list[RequiredStep], new: list[RequiredStep]) -> list[str]:
    before = {s.id: s for s in old}
    after = {s.id: s for s in new}
    lines = [f"required step removed: {i}" for i in before if i not in after]
    lines += [f"required step added: {i}" for i in after if i not in before]
    for step_id in [i for i in after if i in before]:
        was, now = before[step_id], after[step_id]
        lines += _words(f"step {step_id}: actions", was.actions, now.actions)
        if was.any_of != now.any_of:
            options = " or ".join(" + ".join(_names(alt)) for alt in now.any_of) or "none"
            lines.append(f"step {step_id}: done by {options}")
        lines += _words(f"step {step_id}: needed before", was.before, now.before)
        lines += _words(f"step {step_id}: done by", was.done_by, now.done_by)
        if was.reason != now.reason:
            lines.append(f"step {step_id}: reason reworded")
    return lines


def _lists(old: list[PolicyList], new: list[PolicyList]) -> list[str]:
    before = {x.key: x for x in old}
    after = {x.key: x for x in new}
    lines = [f"list removed: {k}" for k in before if k not in after]
    lines += [f"list added: {k}" for k in after if k not in before]
    for key in [k for k in after if k in before]:
        was, now = before[key], after[key]
        lines += _words(f"{key}: concepts", was.concepts, now.concepts)
        lines += _words(f"{key}: topic words", was.about, now.about)
        for part in ("allowed", "not_allowed", "unless"):
            old_items, new_items = getattr(was, part), getattr(now, part)
            if old_items != new_items:
                named = _words(f"{key}: {part}", _names(old_items), _names(new_items))
                lines += named or [f"{key}: {part} edited"]
        if was.statement != now.statement:
            lines.append(f"{key}: statement reworded")
    return lines


def _label(item: Promise | Remedy) -> str:
    return repr(item.phrases[0]) if item.phrases else " + ".join(item.concepts)


def _forbidden(what: str, old: Sequence[Promise | Remedy], new: Sequence[Promise | Remedy]):
    """Promises and remedies have no ids: unchanged ones are matched first, the rest are paired
    by position (an edited one), and what is left over was added or removed."""
    was = [item for item in old if item not in new]
    now = [item for item in new if item not in old]
    lines = []
    for before, after in zip(was, now, strict=False):
        label = f"{what} {_label(after)}"
        lines += _words(f"{label}: concepts", before.concepts, after.concepts)
        lines += _words(f"{label}: phrases", before.phrases, after.phrases)
        for part in ("about", "unless"):
            if getattr(before, part, []) != getattr(after, part, []):
                lines.append(f"{label}: {part} changed")
        if before.reason != after.reason:
            lines.append(f"{label}: reason reworded")
    lines += [f"{what} removed: {_label(item)}" for item in was[len(now) :]]
    lines += [f"{what} added: {_label(item)}" for item in now[len(was) :]]
    return lines


def section_details(old: PolicySection, new: PolicySection) -> list[str]:
    """Every difference between two versions of a section; empty when they are the same.

    A new title alone is reported too (it is what trainees see as the rule's name), marked as
    title-only so a trainer can tell it does not change the rule.
    """
    lines = []
    if old.text != new.text:
        lines.append("text reworded")
    lines += _facts(old.facts, new.facts)
    lines += _lists(old.lists, new.lists)
    lines += _forbidden("forbidden promise", old.forbidden_promises, new.forbidden_promises)
    lines += _forbidden("forbidden remedy", old.forbidden_remedies, new.forbidden_remedies)
    lines += _steps(old.required_steps, new.required_steps)
    if old.title != new.title:
        title = f"title: {old.title!r} -> {new.title!r}"
        lines.insert(0, title if lines else f"{title} (title only; the rule is unchanged)")
    return lines
