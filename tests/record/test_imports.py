"""The imports between folders go one way: subject access reads the record, never the reverse; shared page code
(lantern/pages, lantern/core) imports no record app."""

import ast
from pathlib import Path

import lantern

ROOT = Path(lantern.__file__).parent
RECORD_APPS = ("journey", "care", "missing", "leaving_care", "record", "subject_access", "returns", "worklists")


def imported_by(folder: str) -> set[str]:
    names: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return names


def test_the_record_does_not_import_subject_access():
    assert not {name for name in imported_by("record") if name.startswith("lantern.subject_access")}


def test_shared_page_code_imports_no_record_app():
    for folder in ("pages", "core"):
        found = {name for name in imported_by(folder) if name.split(".")[1:2] and name.split(".")[1] in RECORD_APPS}
        assert not found, f"lantern/{folder} imports {sorted(found)}"
