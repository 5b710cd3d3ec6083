"""Content YAML that would take the loader's time, memory or stack is refused with the file, the
line and why, by both YAML parsers; so is a key written twice."""

from pathlib import Path

import hostile_yaml as hostile
import pytest
import yaml

from personas import bounded_yaml
from personas.library_loader import load_persona
from personas.source import ContentError, ContentProblem

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("personas/library/*.yaml"), *ROOT.glob("curricula/*/*.yaml")])


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Every test runs with libyaml's parser and with PyYAML's own: the bounds hold for both."""
    if request.param == "libyaml":
        if bounded_yaml.CBoundedLoader is None:
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(bounded_yaml, "LOADER", bounded_yaml.CBoundedLoader)
    else:
        monkeypatch.setattr(bounded_yaml, "LOADER", bounded_yaml.PythonBoundedLoader)
    return request.param


def refused(tmp_path: Path, name: str, text: str) -> list[ContentProblem]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_persona(path)
    return caught.value.problems


@pytest.mark.parametrize(("name", "text", "line", "message"), hostile.CASES, ids=hostile.NAMES)
def test_hostile_yaml_is_one_problem_at_its_line(tmp_path, name, text, line, message):
    assert refused(tmp_path, name, text) == [
        ContentProblem(tmp_path / f"{name}.yaml", line, message)
    ]


@pytest.mark.parametrize(("name", "text", "line", "message"), hostile.CASES, ids=hostile.NAMES)
def test_unsaved_text_is_bounded_the_same(tmp_path, name, text, line, message):
    path = tmp_path / f"{name}.yaml"  # never written: the text comes from an editor
    with pytest.raises(ContentError) as caught:
        load_persona(path, text)
    assert caught.value.problems == [ContentProblem(path, line, message)]


def test_a_duplicate_key_in_a_nested_mapping_names_its_field_and_both_lines(tmp_path):
    text = hostile.PERSONA.replace("  terse: true\n", "  terse: true\n  terse: false\n")
    lines = text.splitlines()
    first, second = (i for i, line in enumerate(lines, 1) if line.startswith("  terse:"))
    (problem,) = refused(tmp_path, "nested", text)
    assert (problem.line, problem.message) == (
        second,
        f"style.terse: written twice in one mapping, on lines {first} and {second}; keep one",
    )


def test_aliases_within_the_bounds_still_load(tmp_path):
    text = hostile.PERSONA.replace(
        'angers: ["being told to wait', 'angers: &angers ["being told to wait'
    ).replace(
        'calms: ["a real apology", "a concrete date", "someone owning the problem"]',
        "calms: *angers",
    )
    path = tmp_path / "aliased.yaml"
    path.write_text(text, encoding="utf-8")
    persona = load_persona(path)
    assert persona.calms == persona.angers and "being blamed" in persona.calms


def test_a_huge_quoted_number_is_reported_without_its_hundred_thousand_digits(tmp_path):
    text = hostile.PERSONA.replace("patience: 4", 'patience: "' + "9" * 100_000 + '"')
    (problem,) = refused(tmp_path, "quoted", text)
    assert problem.line == 5 and problem.message.startswith("patience:")
    assert len(str(problem)) < 400


def test_an_impossible_date_is_a_problem_not_a_traceback(tmp_path):
    text = hostile.PERSONA + "effective: 2026-02-30\n"
    (problem,) = refused(tmp_path, "date", text)
    assert problem.line == hostile.PERSONA.count("\n") + 1
    assert problem.message.startswith("not valid YAML: cannot read 2026-02-30")


def test_the_laughs_are_stopped_by_counting_values_not_by_running_out(tmp_path, monkeypatch):
    # With a lower bound the count runs out sooner, on the line where the 100th value is met:
    # the refusal comes from the count, before anything is built from the aliases.
    monkeypatch.setattr(bounded_yaml, "MAX_VALUES", 100)
    text = "lol0: x\n" + "\n".join(hostile.LAUGHS) + "\n"
    (problem,) = refused(tmp_path, "laughs", text)
    assert problem.line == 3  # 1 + 2 + 11 + 92: lol2 ends at 106
    assert problem.message.startswith("more than 100 values once aliases are expanded")


def test_an_alias_nesting_past_the_depth_is_refused_where_it_is_used(tmp_path):
    deep = "[" * 30 + "x" + "]" * 30
    text = f"name: Deep\nangers: &deep {deep}\ncalms: {'[' * 15}*deep{']' * 15}\n"
    (problem,) = refused(tmp_path, "aliased-deep", text)
    assert (problem.line, problem.message) == (3, hostile.TOO_DEEP)


def test_a_key_written_twice_on_one_line_is_refused(tmp_path):
    (problem,) = refused(tmp_path, "flow", "name: X\nstyle: {terse: true, terse: false}\n")
    assert (problem.line, problem.message) == (
        2,
        "style.terse: written twice in one mapping, on line 2; keep one",
    )


def test_a_long_string_is_not_a_number(tmp_path):
    text = hostile.PERSONA.replace("reason: He returned", "reason: " + "9" * 200 + " He returned")
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_persona(path).reason.startswith("9" * 200)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_reads_as_plain_yaml_reads_it(path):
    text = path.read_text(encoding="utf-8")
    node, data = bounded_yaml.read_yaml(text)
    assert data == yaml.load(text, Loader=yaml.SafeLoader)
    assert node.start_mark.line == 0


def test_an_unpaired_surrogate_in_pasted_text_is_a_problem_at_its_line(tmp_path):
    # A browser can send one; libyaml's parser would fail to encode it with a traceback.
    path = tmp_path / "pasted.yaml"
    with pytest.raises(ContentError) as caught:
        load_persona(path, "name: Ann\nreason: \ud800 broken\n")
    assert caught.value.problems == [
        ContentProblem(
            path, 2, "not valid YAML: contains an unpaired UTF-16 surrogate, which no file can hold"
        )
    ]
