import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from counterpart import cli
from curricula.editor_schema import check_schemas, editor_schemas, render, write_schemas

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schemas"
KINDS = ("persona", "policy", "curriculum")


def test_the_committed_schemas_match_the_models():
    stale = check_schemas(COMMITTED)
    assert not stale, (
        f"schemas/ is out of date with the models ({', '.join(stale)}): "
        "run `counterpart schema` and commit the result"
    )
    for kind, schema in editor_schemas().items():
        committed = json.loads((COMMITTED / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"{kind}: run `counterpart schema`"


def test_one_schema_per_kind_with_draft_title_and_description():
    schemas = editor_schemas()
    assert set(schemas) == set(KINDS)
    for kind, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert kind in schema["title"].lower()
        assert "file stem" in schema["description"]
        assert schema["type"] == "object"


def test_the_id_comes_from_the_file_name_and_is_not_in_any_schema():
    for kind, schema in editor_schemas().items():
        assert "id" not in schema["properties"], kind
        assert "id" not in schema.get("required", []), kind
    # Nested items keep the ids written in the file.
    policy = editor_schemas()["policy"]
    assert "id" in policy["$defs"]["PolicySection"]["properties"]


def test_strict_models_forbid_unknown_fields():
    schemas = editor_schemas()
    assert schemas["persona"]["additionalProperties"] is False
    assert schemas["persona"]["$defs"]["Style"]["additionalProperties"] is False
    assert schemas["policy"]["additionalProperties"] is False
    assert schemas["curriculum"]["additionalProperties"] is False


def test_written_files_are_sorted_indented_utf8_with_a_trailing_newline(tmp_path):
    paths = write_schemas(tmp_path / "schemas")
    assert sorted(p.name for p in paths) == sorted(f"{k}.schema.json" for k in KINDS)
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        assert text.endswith("}\n")
        assert text.startswith('{\n  "$defs"')
        assert "\\u" not in text  # ensure_ascii=False: Chinese examples stay readable
    assert check_schemas(tmp_path / "schemas") == []


def test_check_reports_stale_and_missing_files(tmp_path):
    write_schemas(tmp_path)
    stale = tmp_path / "policy.schema.json"
    schema = json.loads(stale.read_text(encoding="utf-8"))
    schema["properties"]["retired"] = {"type": "boolean"}
    stale.write_text(render(schema), encoding="utf-8")
    (tmp_path / "curriculum.schema.json").unlink()
    assert check_schemas(tmp_path) == ["policy.schema.json", "curriculum.schema.json"]
    assert sorted(check_schemas(tmp_path / "nowhere")) == sorted(f"{k}.schema.json" for k in KINDS)


def test_cli_check_exit_codes(tmp_path, monkeypatch, capsys):
    assert cli.SCHEMAS == COMMITTED
    assert cli.main(["schema", "--check"]) == 0

    monkeypatch.setattr(cli, "SCHEMAS", tmp_path)
    write_schemas(tmp_path)
    (tmp_path / "persona.schema.json").write_text("{}\n", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert "persona.schema.json" in err
    assert "counterpart schema" in err

    assert cli.main(["schema"]) == 0
    assert cli.main(["schema", "--check"]) == 0


def test_cli_check_runs_as_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "counterpart.cli", "schema", "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def _shipped(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.yaml"))


@pytest.mark.parametrize(
    ("kind", "folder"),
    [
        ("persona", "personas/library"),
        ("policy", "curricula/policies"),
        ("curriculum", "curricula/library"),
    ],
)
def test_shipped_files_validate_against_the_schema(kind, folder):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(editor_schemas()[kind])
    files = _shipped(folder)
    assert files
    for path in files:
        # Editors read YAML 1.2, where a date is a string; PyYAML makes it a date object.
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        errors = [
            f"{'.'.join(map(str, e.absolute_path)) or '(document)'}: {e.message}"
            for e in validator.iter_errors(data)
        ]
        assert not errors, f"{path.name}: {errors}"


def test_every_policy_field_has_a_description_and_an_example():
    policy = editor_schemas()["policy"]
    models = {"Policy": policy, **policy["$defs"]}
    missing = [
        f"{model}.{name}: {'description' if 'description' not in prop else 'examples'}"
        for model, schema in models.items()
        for name, prop in schema.get("properties", {}).items()
        if "description" not in prop or ("examples" not in prop and name != "sections")
    ]
    assert missing == []
    assert {"Item", "PolicyList", "PolicyFact", "Promise", "Remedy", "RequiredStep"} <= set(
        policy["$defs"]
    )


def test_the_policy_schema_offers_the_v2_units_and_comparisons():
    fact = editor_schemas()["policy"]["$defs"]["PolicyFact"]["properties"]
    units = next(option["enum"] for option in fact["unit"]["anyOf"] if "enum" in option)
    assert units == ["hours", "days", "business_days", "weeks", "months", "percent", "currency"]
    compare = next(option["enum"] for option in fact["compare"]["anyOf"] if "enum" in option)
    assert compare == ["exact", "at_most", "at_least"]
    assert fact["range"]["anyOf"][0]["prefixItems"] == [{"minimum": 0, "type": "number"}] * 2
