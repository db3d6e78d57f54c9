"""Browser tests: Debian's Chromium, headless, driven by Playwright against pytest-django's live server.

Every test under tests/browser is marked `browser`; the PostgreSQL pass leaves them out (-m "not browser").
The live server serves static files itself (StaticLiveServerTestCase, since django.contrib.staticfiles is
installed), so the front-end build (frontend/build) must exist: `make test` builds it first.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    # A conftest hook sees every collected item, not only this folder's: mark just the ones in here.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _chromium_path() -> str:
    path = os.environ.get("LANTERN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            f"Chromium not found at {path}: install Debian's `chromium` (apt-get install chromium) "
            "or set LANTERN_CHROMIUM, or run without browser tests: pytest -m 'not browser'",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    # Once Playwright's sync API has started, the main thread holds a running event loop, and Django refuses
    # every ORM call made there (a test creating a user, the database flush after a test) as "called from an
    # async context", in any test that runs afterwards too. Nothing here is really async, so lift the check
    # for as long as the browser lives, the way pytest-django users run Playwright; the env var is read at
    # each call. A run without browser tests (-m "not browser") never gets here and keeps the check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # bypass_csp: the pages send `script-src 'self' 'nonce-…'`, and add_script_tag (used to inject axe-core)
    # adds an inline script without the nonce, which the browser would block. The price: these tests do not
    # notice a CSP violation of the app's own, so check the CSP header with Django's test client instead.
    context = browser.new_context(bypass_csp=True, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _format_violation(violation: dict) -> str:
    targets = [" ".join(str(part) for part in node["target"]) for node in violation["nodes"]]
    return f"{violation['id']} ({violation.get('impact')}): {violation['help']} — on {targets}"


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; one readable line per rule broken, [] when clean."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS.relative_to(REPO_ROOT)} is missing: run `npm ci` (make assets)", pytrace=False)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [_format_violation(violation) for violation in results["violations"]]


@pytest.fixture(name="axe_violations")
def axe_violations_fixture():
    """`assert axe_violations(page) == []` names each broken rule and the elements that break it."""
    return axe_violations
