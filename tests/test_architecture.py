"""Imports point one way (docs/architecture.md): an import that points up, or a new loop, fails here."""

import ast
from pathlib import Path

import lantern

ROOT = Path(lantern.__file__).parent

LEAVES = {"workingdays", "core", "env"}
RECORD = {"people", "workforce", "journey", "care", "leaving_care", "missing", "liberty", "sharing"}
RECORD |= {"casework"}  # case notes and oversight: a record app that sits on the workforce, beside journey
# What each app may import, besides itself. The project modules (settings, urls, api, cli, wsgi, web_server) and
# the demo generator sit above everything and may import anything; nothing may import them.
MAY_IMPORT: dict[str, set[str]] = {
    "env": set(),
    "workingdays": set(),
    "core": {"workingdays"},
    "accounts": {"core", "workingdays"},
    "pages": {"core", "workingdays", "accounts", "people", "workforce"},
    "people": {"core", "workingdays"},
    "workforce": {"core", "workingdays", "accounts", "people"},
    "staff": {"core", "workingdays", "accounts", "pages", "people", "workforce"},
    "journey": {"core", "workingdays", "accounts", "pages", "people", "workforce"},
    "casework": {"core", "workingdays", "accounts", "pages", "people", "workforce"},
    "care": {"core", "workingdays", "accounts", "pages", "people", "workforce", "journey"},
    "leaving_care": {"core", "workingdays", "accounts", "pages", "people", "workforce", "journey", "care"},
    "missing": {"core", "workingdays", "accounts", "pages", "people", "workforce", "journey", "care"},
    "liberty": {"core", "workingdays", "accounts", "pages", "people", "workforce", "journey", "care"},
    "sharing": {"core", "workingdays", "accounts", "pages", "people", "workforce"},
    "timescales": {"core", "workingdays"} | RECORD,
    "frontdoor": {"core", "workingdays", "accounts", "pages", "timescales"} | RECORD,
    "worklists": {"core", "workingdays", "accounts", "pages", "timescales"} | RECORD,
    "record": {"core", "workingdays", "accounts", "pages", "timescales"} | RECORD,
    "subject_access": {"core", "workingdays", "accounts", "pages", "timescales", "record"} | RECORD,
    "returns": {"core", "workingdays", "accounts", "pages", "timescales", "audits"} | RECORD,
    "dfe_api": {"core", "workingdays", "accounts", "pages"} | RECORD,
    "audits": {"core", "workingdays", "accounts", "pages"} | RECORD,
    "performance": {"core", "workingdays", "accounts", "pages", "timescales", "audits"} | RECORD,
    "ssd": {"core", "workingdays", "accounts", "pages"} | RECORD,
}
# The assessment and plan pages keep drafts as the worker types (casework.drafts) and share its long text field.
MAY_IMPORT["journey"] |= {"casework"}
# The record links each clock to the form that stops it, as the worklists do (worklists/links.py).
MAY_IMPORT["record"] |= {"worklists"}
# The home page of the read-only roles shows the performance pack's first questions.
MAY_IMPORT["record"] |= {"performance"}
# The chronology shows each case audit of the child.
MAY_IMPORT["record"] |= {"audits"}
# The workforce pages: establishment, caseloads beside clocks, supervision; they reuse the worklists' exports.
MAY_IMPORT["staffing"] = {"core", "workingdays", "accounts", "pages", "timescales", "worklists"} | RECORD
# The improvement plan: actions linked to the pack's measures and to case audits as evidence.
MAY_IMPORT["improvement"] = {"core", "workingdays", "accounts", "pages", "timescales", "audits", "performance"}
MAY_IMPORT["improvement"] |= RECORD
# `lantern import improvement-plan` is dispatched by the returns' import command.
MAY_IMPORT["returns"] |= {"improvement"}
# The returns' import and export commands take an SSD extract.
MAY_IMPORT["returns"] |= {"ssd"}
TOP = {"settings", "urls", "api", "cli", "wsgi", "web_server", "demo"}


def _app_of(path: Path) -> str:
    relative = path.relative_to(ROOT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lantern."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "lantern":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("lantern."))
    return found


def _sources():
    return [path for path in sorted(ROOT.rglob("*.py")) if "migrations" not in path.parts]


def test_every_app_is_placed_in_the_layers():
    apps = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps - set(MAY_IMPORT) - TOP == set(), "add the new app to MAY_IMPORT (and docs/architecture.md)"


def test_imports_point_one_way():
    wrong = []
    for path in _sources():
        app = _app_of(path)
        if app in TOP or app == "__init__":
            continue
        for imported in _imports(path) - {app}:
            if imported not in MAY_IMPORT[app]:
                wrong.append(f"{path.relative_to(ROOT.parent)} imports lantern.{imported}")
    assert wrong == []


def test_nothing_imports_the_demo_or_the_project_modules():
    wrong = []
    for path in _sources():
        if _app_of(path) in TOP:
            continue
        for imported in _imports(path) & TOP:
            wrong.append(f"{path.relative_to(ROOT.parent)} imports lantern.{imported}")
    assert wrong == []


def test_no_record_model_imports_a_reader_of_the_record():
    readers = {"timescales", "worklists", "returns", "record", "subject_access", "pages", "dfe_api", "audits"}
    wrong = [
        f"{app}/models.py imports lantern.{imported}"
        for app in sorted(RECORD)
        for imported in _imports(ROOT / app / "models.py") & readers
    ]
    assert wrong == []
