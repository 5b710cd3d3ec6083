"""The import rules of the design page: dependencies point one way."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"personas": 0, "curricula": 1, "grading": 2, "counterpart": 3, "app_pages": 4, "app": 5}
INTERNAL = set(LAYERS)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources():
    for package in ("personas", "curricula", "grading", "counterpart", "app_pages"):
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path
    yield "app", ROOT / "app.py"


def test_packages_import_only_downwards():
    broken = []
    for package, path in sources():
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in INTERNAL and LAYERS[top] > LAYERS[package]:
                broken.append(f"{path.relative_to(ROOT)} imports {name}")
    assert broken == []


def test_streamlit_openai_and_sqlalchemy_stay_in_their_places():
    allowed = {
        "streamlit": lambda pkg, path: pkg in ("app", "app_pages"),
        "altair": lambda pkg, path: pkg in ("app", "app_pages"),
        "openai": lambda pkg, path: path.name == "llm_gateway.py",
        "sqlalchemy": lambda pkg, path: "storage" in path.parts,
    }
    broken = []
    for package, path in sources():
        for name in imports_of(path):
            rule = allowed.get(name.split(".")[0])
            if rule and not rule(package, path):
                broken.append(f"{path.relative_to(ROOT)} imports {name}")
    assert broken == []


def test_the_rule_checker_sees_imports():
    # Guards the test above against passing because it parses nothing.
    found = imports_of(ROOT / "counterpart" / "llm_gateway.py")
    assert "openai" in found
