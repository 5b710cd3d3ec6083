from pathlib import Path

import pytest

from personas.library_loader import LIBRARY, load_persona, load_personas
from personas.source import ContentError

SHIPPED = LIBRARY / "rude-late-refund.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_personas_load_with_the_file_stem_as_id():
    personas, problems = load_personas()
    assert problems == []
    assert len(personas) >= 3
    assert all(p.id == key for key, p in personas.items())
    assert {"rude", "confused", "demanding"} <= {p.temperament for p in personas.values()}
    assert {"en", "zh"} <= {p.language for p in personas.values()}


def test_a_misspelt_field_names_the_file_line_and_field(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace("patience: 4", "patiance: 4")
    path = write(tmp_path, "typo.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_persona(path)
    lines = text.splitlines()
    messages = [str(p) for p in caught.value.problems]
    typo_line = next(i for i, line in enumerate(lines, 1) if line.startswith("patiance"))
    assert f"{path}:{typo_line}: patiance: unknown field" in "\n".join(messages)
    assert any("patience: required field is missing" in m for m in messages)


def test_a_wrong_value_points_at_the_line_of_the_value(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace("patience: 4", "patience: 40")
    path = write(tmp_path, "impatient.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_persona(path)
    (problem,) = caught.value.problems
    expected = text.splitlines().index("patience: 40") + 1
    assert problem.line == expected
    assert "patience" in problem.message and "less than or equal to 10" in problem.message


def test_a_nested_error_names_the_nested_field(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace("  terse: true", "  terse: maybe")
    path = write(tmp_path, "nested.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_persona(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith("style.terse:")
    assert problem.line == text.splitlines().index("  terse: maybe") + 1


def test_broken_yaml_reports_where_it_breaks(tmp_path):
    path = write(tmp_path, "broken.yaml", "name: X\nlanguage: [en\nreason: y\n")
    with pytest.raises(ContentError) as caught:
        load_persona(path)
    (problem,) = caught.value.problems
    assert problem.line in (2, 3)
    assert "not valid YAML" in problem.message


def test_writing_the_id_in_the_file_is_refused(tmp_path):
    text = "id: other\n" + SHIPPED.read_text(encoding="utf-8")
    with pytest.raises(ContentError, match="comes from the file name"):
        load_persona(write(tmp_path, "x.yaml", text))


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, "good.yaml", SHIPPED.read_text(encoding="utf-8"))
    write(tmp_path, "bad.yaml", "name: only a name\n")
    personas, problems = load_personas(tmp_path)
    assert list(personas) == ["good"]
    assert problems and all(p.path.name == "bad.yaml" for p in problems)


def test_a_line_naming_an_undefined_fact_is_reported_at_that_line(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace(
        '    - "OK. And?"', '    - "OK. And my {receipt_number}?"'
    )
    path = write(tmp_path, "placeholder.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_persona(path)
    (problem,) = caught.value.problems
    assert problem.line == text.splitlines().index('    - "OK. And my {receipt_number}?"') + 1
    assert problem.message.startswith("lines.neutral.1: refers to {receipt_number}")
    assert "order_number" in problem.message  # says which facts exist


def test_a_fact_line_may_use_value_and_other_facts(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace(
        'line: "Order A-10492. It\'s in the email you people sent me."',
        'line: "Order {value}, returned on {return_date}."',
    )
    persona = load_persona(write(tmp_path, "facts.yaml", text))
    assert persona.say(persona.lines.opening[0]) == persona.lines.opening[0]


def test_repeated_fact_keys_are_refused(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8").replace("key: return_date", "key: order_number")
    with pytest.raises(ContentError, match="repeated: order_number"):
        load_persona(write(tmp_path, "dupe.yaml", text))
