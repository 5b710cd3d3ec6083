import datetime as dt
from pathlib import Path

from curricula.library import POLICY_LIBRARY, load_library, validate

ROOT = Path(__file__).resolve().parents[2]
CURRICULUM = ROOT / "curricula" / "library" / "after-sales-basics.yaml"
POLICY = POLICY_LIBRARY / "returns-refunds.yaml"


def test_every_shipped_file_loads_and_every_reference_resolves():
    library = load_library()
    assert library.problems == []
    assert library.curricula and library.policies and library.personas
    for curriculum in library.curricula.values():
        for lesson in curriculum.lessons():
            assert lesson.persona in library.personas
            assert library.policy(lesson.policy) is not None
    for persona in library.personas.values():
        for ref in persona.policy_sections:
            policy_id, _, section = ref.partition("#")
            assert library.policy(policy_id).section(section) is not None, ref


def test_policy_versions_resolve_by_date_and_by_explicit_version(tmp_path):
    text = POLICY.read_text(encoding="utf-8")
    newer = text.replace('version: "2026.10"', 'version: "2027.01"').replace(
        "effective: 2026-10-01", "effective: 2027-01-01"
    )
    (tmp_path / "returns-refunds@2027.01.yaml").write_text(newer, encoding="utf-8")
    library = load_library([tmp_path])
    assert library.policy("returns-refunds", today=dt.date(2026, 12, 1)).version == "2026.10"
    assert library.policy("returns-refunds", today=dt.date(2027, 2, 1)).version == "2027.01"
    assert library.policy("returns-refunds@2027.01").version == "2027.01"
    assert library.policy("returns-refunds@1999.01") is None


def test_a_file_name_version_must_match_the_file(tmp_path):
    path = tmp_path / "returns-refunds@2030.01.yaml"
    path.write_text(POLICY.read_text(encoding="utf-8"), encoding="utf-8")
    problems = validate([path])
    assert len(problems) == 1
    assert "file name says '2030.01'" in problems[0].message


def test_a_lesson_naming_a_missing_persona_is_reported_at_its_line(tmp_path):
    text = CURRICULUM.read_text(encoding="utf-8").replace(
        "persona: rude-late-refund", "persona: nobody-here"
    )
    path = tmp_path / "broken-course.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate([path])
    assert len(problems) == 1
    line = text.splitlines().index("            persona: nobody-here") + 1
    assert str(problems[0]).startswith(f"{path}:{line}: tracks.0.modules.0.lessons.0.persona")
    assert "nobody-here" in problems[0].message


def test_validate_with_no_paths_checks_the_shipped_library():
    assert validate([]) == []


def test_a_persona_naming_a_missing_policy_section_is_reported_at_its_line(tmp_path):
    persona = ROOT / "personas" / "library" / "rude-late-refund.yaml"
    text = persona.read_text(encoding="utf-8").replace(
        "returns-refunds#refund-timing", "returns-refunds#refund-speed"
    )
    path = tmp_path / "persona.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate([path])
    assert len(problems) == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "refund-speed" in x)
    assert problems[0].line == line
    assert "policy_sections.1: policy returns-refunds@2026.10 has no section 'refund-speed'" in (
        problems[0].message
    )
    assert "refund-timing" in problems[0].message  # lists the sections that exist


def test_a_broken_persona_does_not_stop_the_rest_of_the_library(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: Nobody\nlanguage: en\n", encoding="utf-8")
    library = load_library([path])
    assert "broken" not in library.personas
    assert len(library.personas) >= 3
    assert {p.path for p in library.problems} == {path}


def test_a_required_fact_the_policy_lacks_is_reported_at_its_line(tmp_path):
    text = CURRICULUM.read_text(encoding="utf-8").replace(
        "required_facts: [refund_days]", "required_facts: [refund_hours]"
    )
    path = tmp_path / "course.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate([path])
    assert len(problems) == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "refund_hours" in x)
    assert problems[0].line == line
    assert "tracks.0.modules.0.lessons.0.required_facts.0" in problems[0].message
    assert "refund_days" in problems[0].message  # names the facts that exist
