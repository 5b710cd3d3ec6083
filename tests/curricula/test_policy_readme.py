"""The README's "Writing a policy" is what a trainer writes policies from: its example must be a
valid policy using every kind of rule, and it must name every field the format has."""

import re
from pathlib import Path

import pytest

from counterpart import content_folders, policy_concepts
from curricula.policy import (
    Item,
    Policy,
    PolicyFact,
    PolicyList,
    PolicySection,
    Promise,
    Remedy,
    RequiredStep,
)

ROOT = Path(__file__).resolve().parents[2]


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("### Writing a policy\n")
    return text[start : text.index("\n## ", start)]


def _example() -> str:
    found = re.search(r"```yaml\n(# curricula/policies/(\S+)\.yaml.*?)```", _section(), re.S)
    assert found, "the README has no complete example policy"
    return found.group(1)


def test_the_example_policy_is_valid_and_uses_every_kind_of_rule(tmp_path):
    name = re.match(r"# curricula/policies/(\S+)\.yaml", _example()).group(1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(_example(), encoding="utf-8")
    assert content_folders.validate([path]) == []
    library = content_folders.load_library([path])
    (policy,) = library.policies[name]
    sections = policy.sections
    assert any(f.range and f.unit == "business_days" for s in sections for f in s.facts)
    assert any(f.unit == "currency" and f.currency for s in sections for f in s.facts)
    assert any(x.not_allowed for s in sections for x in s.lists)
    assert any(r.unless for s in sections for r in s.forbidden_remedies)
    assert any(p.concepts and p.about and p.phrases for s in sections for p in s.forbidden_promises)
    assert any(len(alt) > 1 for s in sections for st in s.required_steps for alt in st.any_of)


def test_a_mistake_in_the_example_is_reported_where_the_readme_says(tmp_path):
    path = tmp_path / "example.yaml"
    path.write_text(_example().replace("refund, exchange]", "refnd, exchange]"), encoding="utf-8")
    (problem,) = content_folders.validate([path])
    assert "unknown concept 'refnd' in sections[0].required_steps[0].actions" in problem.message
    assert "unknown concept 'refnd' in sections[0]" in _section()


@pytest.mark.parametrize(
    "model", [Policy, PolicySection, PolicyFact, PolicyList, Item, Promise, Remedy, RequiredStep]
)
def test_every_field_is_documented(model):
    section = _section()
    missing = [
        name
        for name in model.model_fields
        if f"`{name}`" not in section and f"{name}:" not in section
    ]
    assert missing == [], f"{model.__name__}: {missing}"


def test_every_shipped_concept_is_listed():
    known = policy_concepts.known_concepts()
    if known is None:
        pytest.skip("no lexicon installed")
    section = _section()
    unlisted = [c for c in sorted(known) if f"`{c}`" not in section]
    assert unlisted == [], f"list these concepts in the README's Writing a policy: {unlisted}"
