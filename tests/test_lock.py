"""The dependency tree is pinned with hashes (requirements.lock, `make lock`) and the install uses it."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~;\s]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _locked() -> dict[str, list[str]]:
    """Each pinned package and its hashes."""
    pins: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        pinned = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line)
        if pinned:
            current = pinned.group(1).lower().replace("_", "-")
            pins[current] = []
        elif current and "--hash=sha256:" in line:
            pins[current].append(line.split("--hash=sha256:")[1].split()[0])
    return pins


def test_every_dependency_and_extra_is_pinned_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in ("test", "validators"):
        wanted |= {_name(r) for r in project["optional-dependencies"][extra]}
    pins = _locked()
    assert wanted - set(pins) == set(), "run make lock after changing pyproject.toml's dependencies"
    assert [name for name, hashes in pins.items() if not hashes] == []
    assert all(len(h) == 64 for hashes in pins.values() for h in hashes)
    assert "cryptography" in pins and "django" in pins


def test_the_install_takes_the_lock_with_hashes_and_lantern_without_more():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps -e ." in makefile
    assert re.search(r"^test: .*\baudit\b", makefile, re.MULTILINE), "make test runs the vulnerability check"
